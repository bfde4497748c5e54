package progress

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"pasapas/lessons"
)

// SaveLessonStep records where a learner is in a lesson. The TUI calls it at
// every step, so coming back next week resumes at that step. Step is where to
// resume; the furthest step reached is kept beside it. Once done, a lesson
// stays done, even if the learner goes through it again.
func (s *Store) SaveLessonStep(ctx context.Context, learner LearnerID, st LessonStep) error {
	switch {
	case strings.TrimSpace(st.Lesson) == "":
		return fmt.Errorf("progress: saving lesson step: no lesson id: %w", ErrInvalid)
	case st.Step < 0:
		return fmt.Errorf("progress: saving lesson step: step %d: %w", st.Step, ErrInvalid)
	case st.Device != "" && !slices.Contains(lessons.Devices, st.Device):
		return fmt.Errorf("progress: saving lesson step: device %q: %w", st.Device, ErrInvalid)
	}
	now := ms(s.now())
	var doneAt any
	if st.Done {
		doneAt = now
	}
	return s.write(ctx, "saving lesson step", func(tx *sql.Tx) error {
		if err := touch(ctx, tx, learner, fromMS(now)); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO lesson_progress
			(learner_id, lesson, step, furthest, done, device, started_at, updated_at, done_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (learner_id, lesson) DO UPDATE SET
				step = excluded.step,
				furthest = max(furthest, excluded.step),
				done = done OR excluded.done,
				device = excluded.device,
				updated_at = excluded.updated_at,
				done_at = coalesce(done_at, excluded.done_at)`,
			learner, st.Lesson, st.Step, st.Step, st.Done, string(st.Device), now, now, doneAt)
		return err
	})
}

// LessonProgress returns where a learner is in every lesson begun, by id.
func (s *Store) LessonProgress(ctx context.Context, learner LearnerID) (map[string]LessonProgress, error) {
	var out map[string]LessonProgress
	err := s.read(ctx, "reading lesson progress", func(tx *sql.Tx) error {
		if err := learnerExists(ctx, tx, learner); err != nil {
			return err
		}
		var err error
		out, err = loadLessons(ctx, tx, learner)
		return err
	})
	return out, err
}

func loadLessons(ctx context.Context, tx *sql.Tx, learner LearnerID) (map[string]LessonProgress, error) {
	rows, err := tx.QueryContext(ctx, `SELECT lesson, step, furthest, done, device, started_at, updated_at, done_at
		FROM lesson_progress WHERE learner_id = ? ORDER BY lesson`, learner)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]LessonProgress{}
	for rows.Next() {
		var p LessonProgress
		var device string
		var started, updated int64
		var doneAt sql.NullInt64
		if err := rows.Scan(&p.Lesson, &p.Step, &p.Furthest, &p.Done, &device, &started, &updated, &doneAt); err != nil {
			return nil, err
		}
		p.Device, p.StartedAt, p.UpdatedAt, p.DoneAt = lessons.Device(device), fromMS(started), fromMS(updated), fromNullMS(doneAt)
		out[p.Lesson] = p
	}
	return out, rows.Err()
}
