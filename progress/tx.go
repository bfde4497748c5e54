package progress

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// write runs fn in a write transaction. It starts with BEGIN IMMEDIATE (see
// pragmas), so it waits for another window's write instead of failing, and
// its commit returns only once the journal is fsynced. When another window
// holds the lock longer than busy_timeout (an erase on slow storage), it
// tries again, up to lockWait in all: an answer waits rather than being
// lost. A failure of the file comes back as a *StorageError.
func (s *Store) write(ctx context.Context, what string, fn func(*sql.Tx) error) error {
	start := time.Now()
	for {
		err := s.writeOnce(ctx, fn)
		if err == nil {
			return nil
		}
		if isBusy(err) && ctx.Err() == nil && time.Since(start) < s.lockWait {
			continue
		}
		return fail(s.path, what, err)
	}
}

func (s *Store) writeOnce(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// read runs fn in a read transaction: one consistent snapshot, which never
// blocks a writer (WAL).
func (s *Store) read(ctx context.Context, what string, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return fail(s.path, what, err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return fail(s.path, what, err)
	}
	return nil
}

// fault is the fault-injection hook of the tests: it runs at the named
// stage of a use case (simulating slow storage, for one). nil outside tests.
func (s *Store) fault(stage string) {
	if s.faults != nil {
		s.faults(stage)
	}
}

// Times are stored as milliseconds since the epoch: compact, sortable, and
// the same on every platform.
func ms(t time.Time) int64 { return t.UnixMilli() }

// msOrNull stores the zero time as NULL.
func msOrNull(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

func fromMS(v int64) time.Time { return time.UnixMilli(v) }

func fromNullMS(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return time.UnixMilli(v.Int64)
}

// touch records that the learner was active now; it also tells whether the
// learner exists.
func touch(ctx context.Context, tx *sql.Tx, id LearnerID, now time.Time) error {
	res, err := tx.ExecContext(ctx, "UPDATE learners SET last_seen = ? WHERE id = ?", ms(now), id)
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("learner %d: %w", id, ErrLearnerGone)
	}
	return nil
}

// learnerExists fails with ErrLearnerGone when the learner is not in the
// file: what every read keyed by a learner checks, in its own snapshot.
func learnerExists(ctx context.Context, tx *sql.Tx, id LearnerID) error {
	var one int
	err := tx.QueryRowContext(ctx, "SELECT 1 FROM learners WHERE id = ?", id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("learner %d: %w", id, ErrLearnerGone)
	}
	return err
}
