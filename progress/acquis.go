package progress

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"strings"
	"time"
)

// SaveAcquis stores mastery estimates, replacing earlier ones for the same
// skills, in one transaction (a test updates several skills at once).
// LastSeen is set by the store's clock when zero.
func (s *Store) SaveAcquis(ctx context.Context, learner LearnerID, states ...AcquisState) error {
	if err := checkAcquis(states); err != nil {
		return err
	}
	now := s.now()
	return s.write(ctx, "saving acquis", func(tx *sql.Tx) error {
		if err := touch(ctx, tx, learner, now); err != nil {
			return err
		}
		return saveAcquis(ctx, tx, learner, now, states)
	})
}

func checkAcquis(states []AcquisState) error {
	for _, a := range states {
		if strings.TrimSpace(a.Acquis) == "" || math.IsNaN(a.Mastery) || a.Mastery < 0 || a.Mastery > 1 || a.Answers < 0 {
			return fmt.Errorf("progress: saving acquis %q: %w", a.Acquis, ErrInvalid)
		}
	}
	return nil
}

func saveAcquis(ctx context.Context, tx *sql.Tx, learner LearnerID, now time.Time, states []AcquisState) error {
	for _, a := range states {
		seen := a.LastSeen
		if seen.IsZero() {
			seen = now
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO acquis_states (learner_id, acquis, mastery, answers, last_seen)
			VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (learner_id, acquis) DO UPDATE SET mastery = excluded.mastery,
				answers = excluded.answers, last_seen = excluded.last_seen`,
			learner, a.Acquis, a.Mastery, a.Answers, ms(seen))
		if err != nil {
			return err
		}
	}
	return nil
}

// SaveReviewCards stores FSRS cards, replacing earlier ones for the same
// skills, in one transaction.
func (s *Store) SaveReviewCards(ctx context.Context, learner LearnerID, cards ...ReviewCard) error {
	for _, c := range cards {
		if strings.TrimSpace(c.Acquis) == "" || c.ElapsedDays > math.MaxInt64 || c.ScheduledDays > math.MaxInt64 ||
			c.Reps > math.MaxInt64 || c.Lapses > math.MaxInt64 {
			return fmt.Errorf("progress: saving review card %q: %w", c.Acquis, ErrInvalid)
		}
	}
	now := s.now()
	return s.write(ctx, "saving review cards", func(tx *sql.Tx) error {
		if err := touch(ctx, tx, learner, now); err != nil {
			return err
		}
		for _, c := range cards {
			_, err := tx.ExecContext(ctx, `INSERT INTO review_cards (learner_id, acquis, due, stability, difficulty,
				elapsed_days, scheduled_days, reps, lapses, state, last_review)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (learner_id, acquis) DO UPDATE SET due = excluded.due, stability = excluded.stability,
					difficulty = excluded.difficulty, elapsed_days = excluded.elapsed_days,
					scheduled_days = excluded.scheduled_days, reps = excluded.reps, lapses = excluded.lapses,
					state = excluded.state, last_review = excluded.last_review`,
				learner, c.Acquis, msOrNull(c.Due), c.Stability, c.Difficulty, int64(c.ElapsedDays),
				int64(c.ScheduledDays), int64(c.Reps), int64(c.Lapses), c.State, msOrNull(c.LastReview))
			if err != nil {
				return err
			}
		}
		return nil
	})
}

func loadAcquis(ctx context.Context, tx *sql.Tx, learner LearnerID) (map[string]AcquisState, error) {
	rows, err := tx.QueryContext(ctx,
		"SELECT acquis, mastery, answers, last_seen FROM acquis_states WHERE learner_id = ?", learner)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]AcquisState{}
	for rows.Next() {
		var a AcquisState
		var seen int64
		if err := rows.Scan(&a.Acquis, &a.Mastery, &a.Answers, &seen); err != nil {
			return nil, err
		}
		a.LastSeen = fromMS(seen)
		out[a.Acquis] = a
	}
	return out, rows.Err()
}

func loadReviews(ctx context.Context, tx *sql.Tx, learner LearnerID) (map[string]ReviewCard, error) {
	rows, err := tx.QueryContext(ctx, `SELECT acquis, due, stability, difficulty, elapsed_days, scheduled_days,
		reps, lapses, state, last_review FROM review_cards WHERE learner_id = ?`, learner)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]ReviewCard{}
	for rows.Next() {
		var c ReviewCard
		var due, last sql.NullInt64
		var elapsed, scheduled, reps, lapses int64
		if err := rows.Scan(&c.Acquis, &due, &c.Stability, &c.Difficulty, &elapsed, &scheduled,
			&reps, &lapses, &c.State, &last); err != nil {
			return nil, err
		}
		c.Due, c.LastReview = fromNullMS(due), fromNullMS(last)
		c.ElapsedDays, c.ScheduledDays, c.Reps, c.Lapses = uint64(elapsed), uint64(scheduled), uint64(reps), uint64(lapses)
		out[c.Acquis] = c
	}
	return out, rows.Err()
}
