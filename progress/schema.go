package progress

import (
	"context"
	"database/sql"
	"embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"sort"
	"strings"

	"modernc.org/sqlite"
)

// applicationID marks the file as Pas à pas's ("PASP" in ASCII). It sits in
// the SQLite header, so a foreign file is recognised without being changed.
const applicationID = 0x50415350

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migrations are the SQL scripts in order; migration i brings the file from
// user_version i to i+1. Never edit a released one: add the next.
var migrations = loadMigrations()

// SchemaVersion is the newest schema this program writes.
var SchemaVersion = len(migrations)

func loadMigrations() []string {
	names, err := migrationFiles.ReadDir("migrations")
	if err != nil {
		panic(err) // embedded at build time: cannot fail
	}
	sort.Slice(names, func(i, j int) bool { return names[i].Name() < names[j].Name() })
	var out []string
	for _, n := range names {
		b, err := migrationFiles.ReadFile(path.Join("migrations", n.Name()))
		if err != nil {
			panic(err)
		}
		out = append(out, string(b))
	}
	return out
}

// checkHeader reads the 100-byte SQLite header, if there is one, and refuses
// a file from a newer version or from another program without opening it with
// SQLite: opening may write to it, and such a file must stay untouched.
// Anything else, including garbage, is left to SQLite to judge.
func checkHeader(p string) error {
	f, err := os.Open(p)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("progress: reading %s: %w", p, err)
	}
	defer f.Close()
	var h [100]byte
	if _, err := io.ReadFull(f, h[:]); err != nil {
		return nil // empty or too short to be a database: SQLite decides
	}
	if string(h[:16]) != sqliteMagic {
		return nil
	}
	version := int(int32(binary.BigEndian.Uint32(h[60:64])))
	appID := binary.BigEndian.Uint32(h[68:72])
	if appID != 0 && appID != applicationID {
		return fmt.Errorf("progress: %s has application id %#x: %w", p, appID, ErrForeignFile)
	}
	if version > SchemaVersion {
		return &SchemaError{Path: p, Found: version, Known: SchemaVersion}
	}
	return nil
}

// sqliteMagic opens every SQLite file.
const sqliteMagic = "SQLite format 3\x00"

// notSQLite says that the file at p is a readable file with something in
// it that does not start as an SQLite file does. An empty file, a folder
// or one that cannot be read is left for the caller to report.
func notSQLite(p string) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() || st.Size() == 0 {
		return false
	}
	var h [16]byte
	n, _ := io.ReadFull(f, h[:])
	return string(h[:n]) != sqliteMagic
}

// checkIdentity repeats the header checks through SQLite (the journal may
// hold a newer header than the main file) and refuses an SQLite file that
// another program made without an application id.
func checkIdentity(ctx context.Context, db *sql.DB, p string) error {
	var version, appID, objects int
	err := db.QueryRowContext(ctx, `SELECT
		(SELECT user_version FROM pragma_user_version),
		(SELECT application_id FROM pragma_application_id),
		(SELECT count(*) FROM sqlite_schema)`).Scan(&version, &appID, &objects)
	if err != nil {
		return fmt.Errorf("progress: reading %s: %w", p, err)
	}
	switch {
	case appID != 0 && uint32(appID) != applicationID:
		return fmt.Errorf("progress: %s has application id %#x: %w", p, appID, ErrForeignFile)
	case version > SchemaVersion:
		return &SchemaError{Path: p, Found: version, Known: SchemaVersion}
	case version == 0 && objects > 0:
		return fmt.Errorf("progress: %s holds tables of another program: %w", p, ErrForeignFile)
	}
	return nil
}

// migrate applies the missing migrations, each in its own write transaction
// with its version bump, so a crash leaves the file at one version or the
// next, never between. Two processes opening a new file at once queue on the
// write lock; the second finds the work done.
func migrate(ctx context.Context, db *sql.DB, p string) error {
	for {
		done, err := migrateOne(ctx, db, p)
		if err != nil {
			return fmt.Errorf("progress: updating %s: %w", p, err)
		}
		if done {
			return nil
		}
	}
}

// fkOffMarker, as the first line of a migration, runs it with foreign keys
// off: a migration that rebuilds a table others refer to must not have
// DROP TABLE delete their rows through ON DELETE CASCADE. The foreign keys
// are checked before the commit all the same.
const fkOffMarker = "-- pasapas: foreign_keys off\n"

func migrateOne(ctx context.Context, db *sql.DB, p string) (done bool, err error) {
	// One connection for the whole step: PRAGMA foreign_keys is a
	// connection's setting, and cannot change inside a transaction.
	conn, err := db.Conn(ctx)
	if err != nil {
		return false, err
	}
	defer conn.Close()
	// Peek at the version outside the write lock only to know whether the
	// next migration wants foreign keys off; it is read again under the
	// lock below.
	var peek int
	if err := conn.QueryRowContext(ctx, "PRAGMA user_version").Scan(&peek); err != nil {
		return false, err
	}
	fkOff := peek < SchemaVersion && strings.HasPrefix(migrations[peek], fkOffMarker)
	if fkOff {
		if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
			return false, err
		}
		defer conn.ExecContext(context.Background(), "PRAGMA foreign_keys = ON")
	}
	tx, err := conn.BeginTx(ctx, nil) // BEGIN IMMEDIATE: holds the write lock
	if err != nil {
		return false, err
	}
	defer tx.Rollback()
	var v int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return false, err
	}
	if v > SchemaVersion {
		return false, &SchemaError{Path: p, Found: v, Known: SchemaVersion}
	}
	if v == SchemaVersion {
		return true, tx.Commit()
	}
	if v != peek {
		return false, tx.Commit() // another window migrated meanwhile: look again
	}
	if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
		return false, fmt.Errorf("migration %d: %w", v+1, err)
	}
	if fkOff {
		if err := checkForeignKeys(ctx, tx); err != nil {
			return false, fmt.Errorf("migration %d: %w", v+1, err)
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
		return false, err
	}
	return false, tx.Commit()
}

// checkForeignKeys fails when a row refers to a row that is not there.
func checkForeignKeys(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return err
	}
	defer rows.Close()
	if rows.Next() {
		var table string
		var rowid sql.NullInt64
		var parent string
		var fkid int
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return err
		}
		return fmt.Errorf("foreign key broken: a row of %s refers to a missing row of %s", table, parent)
	}
	return rows.Err()
}

// damageError is a damage found by a check rather than reported by SQLite.
type damageError struct{ what string }

func (e *damageError) Error() string { return "progress: file damaged: " + e.what }

// isDamage tells a damaged file (to be moved aside) from a file that cannot
// be opened for another reason: a lock held too long, no permission, a
// removed USB stick. Those are errors to report, never reasons to reset.
func isDamage(err error) bool {
	if err == nil {
		return false
	}
	var d *damageError
	if errors.As(err, &d) {
		return true
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff { // primary result code
		case 11, 26: // SQLITE_CORRUPT, SQLITE_NOTADB
			return true
		}
	}
	return false
}
