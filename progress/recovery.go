package progress

import (
	"errors"
	"fmt"
	"os"
	"time"

	"pasapas/i18n"
)

// Recovery tells what Open did with a damaged file: moved aside, never
// deleted, and replaced by a fresh one.
type Recovery struct {
	Path    string    // the progress file, now new and empty
	MovedTo string    // the damaged file, kept for a repair attempt
	Moved   []string  // every file moved: the main file and its -wal, -shm
	Cause   string    // what was wrong, in technical words, for a log
	At      time.Time // when
}

// Message says what happened and where the copy is, in plain words, in lang.
func (r *Recovery) Message(l i18n.Lang) string {
	return messages.Format(l, "recovered", r.MovedTo)
}

// moveAside renames the damaged file to path.corrompu-AAAAMMJJ-HHMMSS, and
// its -wal and -shm beside it with the same suffix so SQLite still pairs them
// if someone tries to repair the copy.
func moveAside(path string, now time.Time, cause error) (*Recovery, error) {
	base := path + ".corrompu-" + now.Format("20060102-150405")
	target := base
	for i := 2; exists(target) || exists(target+"-wal"); i++ {
		target = fmt.Sprintf("%s-%d", base, i)
	}
	r := &Recovery{Path: path, MovedTo: target, Cause: cause.Error(), At: now}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		err := os.Rename(path+suffix, target+suffix)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		r.Moved = append(r.Moved, target+suffix)
	}
	return r, nil
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return err == nil
}
