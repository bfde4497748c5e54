package progress

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver: pure Go, no C compiler needed
)

// Options tune Open. The zero value is what the tutor uses.
type Options struct {
	// Now is the clock: every stored time, the PIN delay and the name of a
	// damaged copy come from it. Tests inject one so they never sleep.
	Now func() time.Time

	// For the tests of this package: how long SQLite waits for a lock
	// (busy_timeout; 15 s), how long a write tries again in all (lockWait;
	// 2 min), how long erase's checkpoint waits for readers (3 s), and a
	// hook run at named stages to inject faults (slow storage).
	busyTimeout, lockWait, checkpointWait time.Duration
	faults                                func(stage string)
}

// Store is the progress file, open. It is safe for concurrent use by several
// goroutines, and several processes may open the same file at once (two tutor
// windows on one PC): writers queue, none fails with "database is locked".
type Store struct {
	db        *sql.DB
	path      string
	now       func() time.Time
	recovered *Recovery

	busyTimeout    time.Duration // SQLite's wait for a lock, per attempt
	lockWait       time.Duration // a write's wait for the lock, in all
	checkpointWait time.Duration // erase's wait for readers before reporting
	faults         func(stage string)
}

// pragmas are set on every connection. Why each:
//   - busy_timeout first, so nothing below fails with SQLITE_BUSY while
//     another window holds the lock; 15 s is far more than any write takes;
//   - foreign_keys: erasing a learner cascades to every row of theirs;
//   - journal_mode WAL: readers never block the writer and a crash leaves the
//     main file intact;
//   - synchronous FULL: each commit is fsynced before it returns, which is
//     the promise "an answer acknowledged on screen is on disk";
//   - secure_delete: erased rows are overwritten with zeros, not left in
//     free pages.
//
// _txlock=immediate makes every write transaction start with BEGIN
// IMMEDIATE: it takes the write lock up front and waits (busy_timeout) for
// it, instead of failing with SQLITE_BUSY when a read lock cannot be upgraded.
func pragmas(busy time.Duration) string {
	return fmt.Sprintf("?_pragma=busy_timeout(%d)", busy.Milliseconds()) + otherPragmas
}

const otherPragmas = "&_pragma=foreign_keys(1)" +
	"&_pragma=journal_mode(WAL)" +
	"&_pragma=synchronous(FULL)" +
	"&_pragma=secure_delete(1)" +
	"&_txlock=immediate"

// Open opens the progress file at path, creating it and its folder on first
// run (folder 0700, file 0600). It checks the file: a damaged file is moved
// aside and replaced by a fresh one, and Recovered then says so; a file from a
// newer version is refused (ErrNewerSchema) and left untouched.
func Open(path string) (*Store, error) { return OpenWith(path, Options{}) }

// OpenWith is Open with options.
func OpenWith(path string, o Options) (*Store, error) {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.busyTimeout == 0 {
		o.busyTimeout = 15 * time.Second
	}
	if o.lockWait == 0 {
		o.lockWait = 2 * time.Minute
	}
	if o.checkpointWait == 0 {
		o.checkpointWait = 3 * time.Second
	}
	if path == "" || strings.ContainsRune(path, '?') {
		// The driver reads what follows '?' as options.
		return nil, fmt.Errorf("progress: file name %q: %w", path, ErrInvalid)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("progress: %w", err)
	}
	path = abs
	if err := ensureDir(filepath.Dir(path)); err != nil {
		return nil, err
	}
	// Refuse a newer or foreign file before SQLite touches it.
	if err := checkHeader(path); err != nil {
		return nil, err
	}
	s := &Store{path: path, now: o.Now, busyTimeout: o.busyTimeout, lockWait: o.lockWait,
		checkpointWait: o.checkpointWait, faults: o.faults}
	db, err := openChecked(path, o.busyTimeout)
	if isDamage(err) {
		// Another window that opened the file before it was damaged would
		// go on writing into the moved copy, and acknowledge answers the
		// new file never gets: leave everything where it is.
		if heldByOther(path) {
			return nil, fail(path, "opening", fmt.Errorf("%s is damaged (%v): %w", path, err, ErrFileInUse))
		}
		rec, merr := moveAside(path, o.Now(), err)
		if merr != nil {
			return nil, fmt.Errorf("progress: %s is damaged (%v) and could not be put aside: %w", path, err, merr)
		}
		s.recovered = rec
		if db, err = openChecked(path, o.busyTimeout); err != nil {
			return nil, fmt.Errorf("progress: damaged file moved to %s, but a new one could not be made: %w", rec.MovedTo, err)
		}
	}
	if err != nil {
		return nil, fail(path, "opening", err)
	}
	s.db = db
	return s, nil
}

// Path is the absolute path of the progress file.
func (s *Store) Path() string { return s.path }

// Recovered says what Open repaired, or nil when the file was fine. The
// caller must show its Message to the person in front of the screen: a reset
// is never silent.
func (s *Store) Recovered() *Recovery { return s.recovered }

// Close closes the file. With the last connection of the last process closed,
// SQLite folds the journal back into the main file and removes it.
func (s *Store) Close() error {
	// optimize keeps the query planner's statistics fresh at almost no cost.
	_, _ = s.db.Exec("PRAGMA optimize")
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("progress: closing %s: %w", s.path, err)
	}
	return nil
}

// openChecked checks the file through a read-only connection (newer or
// foreign file refused, quick integrity check), then opens it for writing and
// brings the schema up to date. A damaged file gives an error for which
// isDamage is true.
func openChecked(path string, busy time.Duration) (*sql.DB, error) {
	if err := ensureFile(path); err != nil {
		return nil, err
	}
	if err := inspect(path, busy); err != nil {
		return nil, err
	}
	// Only now that the file is known to be ours: a refused file is left
	// exactly as it was, its rights included.
	if err := restrictFiles(path); err != nil {
		return nil, err
	}
	db, err := sql.Open("sqlite", path+pragmas(busy))
	if err != nil {
		return nil, fmt.Errorf("progress: opening %s: %w", path, err)
	}
	// A few connections let reads run beside a write; more only add memory.
	db.SetMaxOpenConns(4)
	if err := migrate(context.Background(), db, path); err != nil {
		db.Close()
		return nil, err
	}
	if err := restrictFiles(path); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// inspect looks at the file without writing to it. The connection is
// read-only so that closing it never folds the journal into the main file:
// a refused file stays exactly as it was.
func inspect(path string, busy time.Duration) error {
	slashed := filepath.ToSlash(path)
	if !strings.HasPrefix(slashed, "/") {
		slashed = "/" + slashed // Windows: file:///C:/…
	}
	uri := (&url.URL{Scheme: "file", Path: slashed}).String() + fmt.Sprintf("?mode=ro&_pragma=busy_timeout(%d)", busy.Milliseconds())
	db, err := sql.Open("sqlite", uri)
	if err != nil {
		return fmt.Errorf("progress: opening %s: %w", path, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	ctx := context.Background()
	if err := checkIdentity(ctx, db, path); err != nil {
		return err
	}
	return quickCheck(ctx, db, path)
}

// quickCheck runs PRAGMA quick_check: it reads every page and checks the
// b-trees, in linear time (integrity_check also cross-checks indexes, which
// costs more at every start for little gain).
func quickCheck(ctx context.Context, db *sql.DB, path string) error {
	rows, err := db.QueryContext(ctx, "PRAGMA quick_check")
	if err != nil {
		return fmt.Errorf("progress: checking %s: %w", path, err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("progress: checking %s: %w", path, err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("progress: checking %s: %w", path, err)
	}
	if len(problems) > 0 {
		return &damageError{fmt.Sprintf("quick_check: %s", strings.Join(problems, "; "))}
	}
	return nil
}

// ensureDir creates the data folder, private to the OS user. An existing
// folder is left as it is: with PASAPAS_HOME it may be a USB stick's root,
// whose permissions are the owner's choice (or meaningless, on FAT).
func ensureDir(dir string) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("progress: data folder %s: %w", dir, err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("progress: creating data folder: %w", err)
	}
	// MkdirAll applies the umask; say 0700 explicitly.
	if err := os.Chmod(dir, 0o700); err != nil {
		return fmt.Errorf("progress: data folder %s: %w", dir, err)
	}
	return nil
}

// ensureFile creates the file with mode 0600 before SQLite does: SQLite would
// create it 0644, and it creates the -wal and -shm files with the main file's
// mode, so this keeps all three private. An existing file is not changed
// here: restrictFiles runs once the file is known to be Pas à pas's.
func ensureFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("progress: opening %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("progress: opening %s: %w", path, err)
	}
	return nil
}

// restrictFiles sets 0600 on the file and its companions, in case they were
// copied in with wider rights. On Windows this only clears read-only; the
// user's profile folder is what keeps the file private there.
func restrictFiles(path string) error {
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(p)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("progress: %w", err)
		}
		if fi.Mode().Perm() != 0o600 {
			if err := os.Chmod(p, 0o600); err != nil {
				return fmt.Errorf("progress: making %s private: %w", p, err)
			}
		}
	}
	return nil
}
