package postgres

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"pasapas/lessons"
	"pasapas/record"
)

// SaveLessonStep records where a learner is in a lesson; once done, a
// lesson stays done, and the furthest step reached is kept.
func (s *Store) SaveLessonStep(ctx context.Context, learner record.LearnerID, st record.LessonStep) error {
	switch {
	case strings.TrimSpace(st.Lesson) == "" || strings.ContainsRune(st.Lesson, 0):
		return fmt.Errorf("postgres: saving lesson step: lesson id %q: %w", st.Lesson, record.ErrInvalid)
	case st.Step < 0 || st.Step > math.MaxInt32:
		return fmt.Errorf("postgres: saving lesson step: step %d: %w", st.Step, record.ErrInvalid)
	case st.Device != "" && !slices.Contains(lessons.Devices, st.Device):
		return fmt.Errorf("postgres: saving lesson step: device %q: %w", st.Device, record.ErrInvalid)
	}
	now := ms(s.now())
	var doneAt *int64
	if st.Done {
		doneAt = &now
	}
	return s.write(ctx, "saving lesson step", func(tx pgx.Tx) error {
		if err := s.touch(ctx, tx, learner, fromMS(now)); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `INSERT INTO lesson_progress AS p
			(learner_id, lesson, step, furthest, done, device, started_at, updated_at, done_at)
			VALUES ($1, $2, $3, $3, $4, $5, $6, $6, $7)
			ON CONFLICT (learner_id, lesson) DO UPDATE SET
				step = excluded.step,
				furthest = greatest(p.furthest, excluded.step),
				done = p.done OR excluded.done,
				device = excluded.device,
				updated_at = excluded.updated_at,
				done_at = coalesce(p.done_at, excluded.done_at)`,
			int64(learner), st.Lesson, st.Step, st.Done, string(st.Device), now, doneAt)
		if err != nil {
			return err
		}
		return s.notify(ctx, tx, changeStep)
	})
}

func loadLessons(ctx context.Context, tx pgx.Tx, learner record.LearnerID) (map[string]record.LessonProgress, error) {
	rows, err := tx.Query(ctx, `SELECT lesson, step, furthest, done, device, started_at, updated_at, done_at
		FROM lesson_progress WHERE learner_id = $1 ORDER BY lesson`, int64(learner))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]record.LessonProgress{}
	for rows.Next() {
		var p record.LessonProgress
		var step, furthest int32
		var device string
		var started, updated int64
		var doneAt *int64
		if err := rows.Scan(&p.Lesson, &step, &furthest, &p.Done, &device, &started, &updated, &doneAt); err != nil {
			return nil, err
		}
		p.Step, p.Furthest = int(step), int(furthest)
		p.Device, p.StartedAt, p.UpdatedAt, p.DoneAt = lessons.Device(device), fromMS(started), fromMS(updated), fromNullMS(doneAt)
		out[p.Lesson] = p
	}
	return out, rows.Err()
}

func checkAcquis(states []record.AcquisState) error {
	for _, a := range states {
		if strings.TrimSpace(a.Acquis) == "" || math.IsNaN(a.Mastery) || a.Mastery < 0 || a.Mastery > 1 ||
			a.Answers < 0 || a.Answers > math.MaxInt32 {
			return fmt.Errorf("postgres: saving acquis %q: %w", a.Acquis, record.ErrInvalid)
		}
	}
	return nil
}

func saveAcquis(ctx context.Context, tx pgx.Tx, learner record.LearnerID, now time.Time, states []record.AcquisState) error {
	for _, a := range states {
		seen := a.LastSeen
		if seen.IsZero() {
			seen = now
		}
		_, err := tx.Exec(ctx, `INSERT INTO acquis_states (learner_id, acquis, mastery, answers, last_seen)
			VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (learner_id, acquis) DO UPDATE SET mastery = excluded.mastery,
				answers = excluded.answers, last_seen = excluded.last_seen`,
			int64(learner), a.Acquis, a.Mastery, a.Answers, ms(seen))
		if err != nil {
			return err
		}
	}
	return nil
}

// SaveReviewCards stores FSRS cards, replacing earlier ones for the same
// skills, in one transaction.
func (s *Store) SaveReviewCards(ctx context.Context, learner record.LearnerID, cards ...record.ReviewCard) error {
	for _, c := range cards {
		if strings.TrimSpace(c.Acquis) == "" || c.ElapsedDays > math.MaxInt64 || c.ScheduledDays > math.MaxInt64 ||
			c.Reps > math.MaxInt64 || c.Lapses > math.MaxInt64 || math.IsNaN(c.Stability) || math.IsNaN(c.Difficulty) {
			return fmt.Errorf("postgres: saving review card %q: %w", c.Acquis, record.ErrInvalid)
		}
	}
	now := s.now()
	return s.write(ctx, "saving review cards", func(tx pgx.Tx) error {
		if err := s.touch(ctx, tx, learner, now); err != nil {
			return err
		}
		for _, c := range cards {
			_, err := tx.Exec(ctx, `INSERT INTO review_cards (learner_id, acquis, due, stability, difficulty,
				elapsed_days, scheduled_days, reps, lapses, state, last_review)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
				ON CONFLICT (learner_id, acquis) DO UPDATE SET due = excluded.due, stability = excluded.stability,
					difficulty = excluded.difficulty, elapsed_days = excluded.elapsed_days,
					scheduled_days = excluded.scheduled_days, reps = excluded.reps, lapses = excluded.lapses,
					state = excluded.state, last_review = excluded.last_review`,
				int64(learner), c.Acquis, msOrNull(c.Due), c.Stability, c.Difficulty, int64(c.ElapsedDays),
				int64(c.ScheduledDays), int64(c.Reps), int64(c.Lapses), int16(c.State), msOrNull(c.LastReview))
			if err != nil {
				return err
			}
		}
		return nil
	})
}

func loadAcquis(ctx context.Context, tx pgx.Tx, learner record.LearnerID) (map[string]record.AcquisState, error) {
	rows, err := tx.Query(ctx, "SELECT acquis, mastery, answers, last_seen FROM acquis_states WHERE learner_id = $1", int64(learner))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]record.AcquisState{}
	for rows.Next() {
		var a record.AcquisState
		var answers int32
		var seen int64
		if err := rows.Scan(&a.Acquis, &a.Mastery, &answers, &seen); err != nil {
			return nil, err
		}
		a.Answers, a.LastSeen = int(answers), fromMS(seen)
		out[a.Acquis] = a
	}
	return out, rows.Err()
}

func loadReviews(ctx context.Context, tx pgx.Tx, learner record.LearnerID) (map[string]record.ReviewCard, error) {
	rows, err := tx.Query(ctx, `SELECT acquis, due, stability, difficulty, elapsed_days, scheduled_days,
		reps, lapses, state, last_review FROM review_cards WHERE learner_id = $1`, int64(learner))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]record.ReviewCard{}
	for rows.Next() {
		var c record.ReviewCard
		var due, last *int64
		var elapsed, scheduled, reps, lapses int64
		var state int16
		if err := rows.Scan(&c.Acquis, &due, &c.Stability, &c.Difficulty, &elapsed, &scheduled,
			&reps, &lapses, &state, &last); err != nil {
			return nil, err
		}
		c.Due, c.LastReview, c.State = fromNullMS(due), fromNullMS(last), int8(state)
		c.ElapsedDays, c.ScheduledDays, c.Reps, c.Lapses = uint64(elapsed), uint64(scheduled), uint64(reps), uint64(lapses)
		out[c.Acquis] = c
	}
	return out, rows.Err()
}
