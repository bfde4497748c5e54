package progress

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode"

	"modernc.org/sqlite"

	"pasapas/i18n"
)

// Cause is why the progress file could not be read or written, in the
// words a médiateur acts on. It is shown as a details line under the
// message for the learner, and written to the log file.
type Cause string

// The causes a storage failure is sorted into.
const (
	CausePermission  Cause = "permission"   // no right to read or write the file or its folder
	CauseReadOnly    Cause = "read_only"    // the disk or the file is read-only
	CauseDiskFull    Cause = "disk_full"    // no space left
	CauseNotAFile    Cause = "not_a_file"   // a folder (or something else) where the file should be
	CauseLockTimeout Cause = "lock_timeout" // another window held the file too long
	CauseDamaged     Cause = "damaged"      // the file is damaged
	CauseInUse       Cause = "in_use"       // damaged, and still open in another window
	CauseIO          Cause = "io"           // the disk failed to read or write (removed USB stick…)
	CauseOther       Cause = "other"        // anything else
)

// StorageError is a failure of the progress file itself (not a refused
// value): what was being done, and the typed cause.
type StorageError struct {
	Op    string // what was being done, in technical words ("recording answer")
	Path  string // the progress file
	Cause Cause
	Err   error // the error from SQLite or the system
}

func (e *StorageError) Error() string { return "progress: " + e.Op + ": " + e.Err.Error() }

// Unwrap gives the underlying error.
func (e *StorageError) Unwrap() error { return e.Err }

// Details is the details line for a médiateur, in lang: the cause, and
// where the log file is.
func (e *StorageError) Details(l i18n.Lang) string {
	return messages.Format(l, "cause_"+string(e.Cause)) + " " +
		messages.Format(l, "see_log", filepath.Join(filepath.Dir(e.Path), LogName))
}

// classify sorts an error from SQLite or the system into a Cause; ok is
// false for this package's own refusals (a wrong PIN, an unknown learner, a
// value refused), which are not storage failures.
func classify(err error, path string) (Cause, bool) {
	var pe *PINError
	var se *SchemaError
	var st *StorageError
	switch {
	case err == nil, errors.As(err, &pe), errors.As(err, &se),
		errors.Is(err, ErrNotFound), errors.Is(err, ErrInvalid), errors.Is(err, ErrBadPINFormat),
		errors.Is(err, ErrTrivialPIN), errors.Is(err, ErrTestFinished), errors.Is(err, ErrAnsweredElsewhere),
		errors.Is(err, ErrForeignFile):
		return "", false
	case errors.As(err, &st):
		return st.Cause, true
	case errors.Is(err, ErrFileInUse):
		return CauseInUse, true
	case errors.Is(err, syscall.ENOSPC):
		return CauseDiskFull, true
	case errors.Is(err, syscall.EROFS):
		return CauseReadOnly, true
	case errors.Is(err, os.ErrPermission):
		return CausePermission, true
	case errors.Is(err, syscall.EISDIR), errors.Is(err, syscall.ENOTDIR):
		return CauseNotAFile, true
	case isDamage(err):
		return CauseDamaged, true
	}
	var sq *sqlite.Error
	if errors.As(err, &sq) {
		switch sq.Code() & 0xff {
		case 5, 6: // SQLITE_BUSY, SQLITE_LOCKED
			return CauseLockTimeout, true
		case 13: // SQLITE_FULL
			return CauseDiskFull, true
		case 8: // SQLITE_READONLY
			if !writable(path) {
				return CausePermission, true
			}
			return CauseReadOnly, true
		case 3, 23: // SQLITE_PERM, SQLITE_AUTH
			return CausePermission, true
		case 14, 10: // SQLITE_CANTOPEN, SQLITE_IOERR
			if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
				return CauseNotAFile, true
			}
			if !writable(path) {
				return CausePermission, true
			}
			if sq.Code()&0xff == 10 {
				return CauseIO, true
			}
		}
	}
	return CauseOther, true
}

// writable says whether the rights of the file and its folder let its
// owner write them. It never opens the file: closing any descriptor of a
// file drops every POSIX lock this process holds on it, SQLite's included.
func writable(path string) bool {
	for _, p := range []string{path, filepath.Dir(path)} {
		fi, err := os.Stat(p)
		if err != nil {
			return !errors.Is(err, os.ErrPermission)
		}
		if fi.Mode().Perm()&0o200 == 0 {
			return false
		}
	}
	return true
}

// isBusy says the write lock could not be had within busy_timeout.
func isBusy(err error) bool {
	var sq *sqlite.Error
	if errors.As(err, &sq) {
		c := sq.Code() & 0xff
		return c == 5 || c == 6
	}
	return false
}

// fail turns an error of a use case into what the caller gets: a
// *StorageError (logged) for a failure of the file, the error as it was,
// wrapped with what was being done, for a refusal.
func fail(path, what string, err error) error {
	cause, storage := classify(err, path)
	if !storage {
		return fmt.Errorf("progress: %s: %w", what, err)
	}
	var st *StorageError
	if errors.As(err, &st) {
		return err
	}
	st = &StorageError{Op: what, Path: path, Cause: cause, Err: err}
	writeLog(path, what, st)
	return st
}

// LogName is the log file, in the progress file's folder. It holds, per
// failure, the time, what was being done, the cause and the error codes:
// never a name, a PIN, an answer or a path inside the user's files, so
// that erasing a learner leaves nothing of them there.
const LogName = "pasapas.log"

// maxLog bounds the log; the older half is kept as pasapas.log.1.
const maxLog = 64 << 10

var logMu sync.Mutex

// writeLog appends one line to the log next to path. Best effort: a log
// that cannot be written must not hide the failure it reports.
func writeLog(path, what string, err error) {
	cause, _ := classify(err, path)
	appendLog(path, fmt.Sprintf("%s %s: %s%s\n", time.Now().UTC().Format(time.RFC3339), what, cause, codes(err)))
}

// LogNote writes a line of the program's own words to the log
// (learning.Logger): a fixed sentence about how it runs, never a name or
// anything typed, as the log's other lines.
func (s *Store) LogNote(what, note string) {
	appendLog(s.path, fmt.Sprintf("%s %s: %s\n", time.Now().UTC().Format(time.RFC3339), what, strings.ToValidUTF8(strings.Map(noControl, note), "?")))
}

// noControl drops control characters, so that a note is one line.
func noControl(r rune) rune {
	if unicode.IsControl(r) {
		return -1
	}
	return r
}

// appendLog appends line to the log next to path, keeping it under maxLog.
func appendLog(path, line string) {
	logMu.Lock()
	defer logMu.Unlock()
	p := filepath.Join(filepath.Dir(path), LogName)
	if fi, err := os.Stat(p); err == nil && fi.Size() > maxLog {
		os.Rename(p, p+".1")
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o600)
	if err != nil {
		return
	}
	f.WriteString(line)
	f.Close()
}

// codes are the error's numbers, which say enough to a developer and
// nothing about anyone: the SQLite result code, the system's errno.
func codes(err error) string {
	out := ""
	var sq *sqlite.Error
	if errors.As(err, &sq) {
		out += fmt.Sprintf(" (sqlite %d)", sq.Code())
	}
	var no syscall.Errno
	if errors.As(err, &no) {
		out += fmt.Sprintf(" (errno %d)", int(no))
	}
	if errors.Is(err, errCheckpointBusy) {
		out += " (checkpoint busy)"
	}
	return out
}

// logError logs a failure that is not returned as a *StorageError (an
// erase that could not finish).
func (s *Store) logError(what string, err error) {
	if err != nil {
		writeLog(s.path, what, err)
	}
}
