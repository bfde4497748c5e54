package progress

import (
	"context"
	"database/sql"
	"fmt"
)

// Erase deletes a learner and everything of theirs (RGPD right to erasure):
// one DELETE that cascades to every table holding a learner_id. Then, so that
// nothing of them stays in the file's bytes either:
//   - secure_delete (set on every connection) has zeroed the deleted rows;
//   - VACUUM rebuilds the file without free pages;
//   - a TRUNCATE checkpoint empties the journal (-wal), which still held
//     copies of their pages.
//
// If another window is reading at that moment, the checkpoint cannot empty
// the journal; it is emptied when the last window closes. If the rebuild
// itself fails once the learner is deleted, the error wraps
// ErrNotCompacted: the learner is gone all the same. The anonymous
// per-question counts (item_stats) stay: they say nothing about anyone.
func (s *Store) Erase(ctx context.Context, id LearnerID) error {
	err := s.write(ctx, "erasing learner", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM learners WHERE id = ?", id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return fmt.Errorf("learner %d: %w", id, ErrLearnerGone)
		}
		return nil
	})
	if err != nil {
		return err
	}
	if err := s.compact(ctx); err != nil {
		return fmt.Errorf("%w: %w", ErrNotCompacted, err)
	}
	return nil
}

// compact rebuilds the file and empties the journal.
func (s *Store) compact(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, "VACUUM"); err != nil {
		return fmt.Errorf("progress: compacting after erase: %w", err)
	}
	var busy, logFrames, done int
	if err := s.db.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logFrames, &done); err != nil {
		return fmt.Errorf("progress: emptying journal after erase: %w", err)
	}
	return nil
}
