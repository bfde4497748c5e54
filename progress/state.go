package progress

import (
	"context"
	"database/sql"
)

// LoadState returns everything about one learner the TUI needs, read in one
// consistent snapshot: profile and preferences, lesson progress, tests with
// their results, skill mastery, review cards and unfinished tests with their
// answers. Checking the PIN before showing it is the caller's job.
func (s *Store) LoadState(ctx context.Context, id LearnerID) (*State, error) {
	st := &State{}
	err := s.read(ctx, "loading learner", func(tx *sql.Tx) error {
		var err error
		if st.Learner, err = loadLearner(ctx, tx, id); err != nil {
			return err
		}
		if st.Lessons, err = loadLessons(ctx, tx, id); err != nil {
			return err
		}
		if st.Tests, err = queryTests(ctx, tx, "WHERE learner_id = ? ORDER BY started_at, id", int64(id)); err != nil {
			return err
		}
		if st.Acquis, err = loadAcquis(ctx, tx, id); err != nil {
			return err
		}
		if st.Reviews, err = loadReviews(ctx, tx, id); err != nil {
			return err
		}
		st.OpenTests, err = loadOpenTests(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return st, nil
}
