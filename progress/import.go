package progress

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"pasapas/learning"
	"pasapas/record"
)

var _ learning.Importer = (*Store)(nil)

// ImportProgress brings a learner's progress from another PC (their
// export) into their profile, in one transaction; see learning.Importer
// for what is skipped so that nothing is counted twice. A test arrives
// open, takes its answers (the answers' trigger refuses answers to a
// finished test), then gets its end and result, with the item parameters
// it used when the file has them (else it is replayed with this PC's
// calibration); a positioning keeps its correlation.
func (s *Store) ImportProgress(ctx context.Context, id LearnerID, p record.Portable) (record.Imported, error) {
	var n record.Imported
	for _, a := range p.Answers {
		a.Learner = id
		if err := checkAnswer(a); err != nil {
			return n, fmt.Errorf("progress: importing: %w", err)
		}
	}
	if err := p.CheckReplay(); err != nil {
		return n, fmt.Errorf("progress: importing: %w", err)
	}
	tests := append([]record.Test(nil), p.Tests...)
	sort.SliceStable(tests, func(i, j int) bool { return tests[i].StartedAt.Before(tests[j].StartedAt) })
	answers := append([]record.Answer(nil), p.Answers...)
	sort.SliceStable(answers, func(i, j int) bool { return answers[i].ID < answers[j].ID })
	err := s.write(ctx, "importing", func(tx *sql.Tx) error {
		n = record.Imported{}
		if err := known(ctx, tx, id); err != nil {
			return err
		}
		newID := map[TestID]int64{} // the file's test id → this file's; absent: skipped
		for _, t := range tests {
			if t.Competence == "" || t.StartedAt.IsZero() {
				return fmt.Errorf("a test without competence or start: %w", ErrInvalid)
			}
			var there int64
			err := tx.QueryRowContext(ctx, "SELECT id FROM tests WHERE learner_id = ? AND competence = ? AND seed = ? AND started_at = ?",
				id, t.Competence, t.Seed, ms(t.StartedAt)).Scan(&there)
			if err == nil {
				continue // brought before, or the same PC
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
			var nid int64
			var rho any // NULL: a test of one competence, or a positioning that did not keep it
			if t.Competence == Positioning && t.Rho != 0 {
				rho = t.Rho
			}
			if err := tx.QueryRowContext(ctx, "INSERT INTO tests (learner_id, competence, seed, started_at, rho) VALUES (?, ?, ?, ?, ?) RETURNING id",
				id, t.Competence, t.Seed, ms(t.StartedAt), rho).Scan(&nid); err != nil {
				return err
			}
			newID[t.ID] = nid
			n.Tests++
		}
		for _, a := range answers {
			var test any
			if a.Test != 0 {
				nid, ok := newID[a.Test]
				if !ok {
					continue // its test was there already, or is not in the file
				}
				test = nid
			} else {
				var one int
				err := tx.QueryRowContext(ctx, "SELECT 1 FROM answers WHERE learner_id = ? AND test_id IS NULL AND question = ? AND at = ?",
					id, a.Question, ms(a.At)).Scan(&one)
				if err == nil {
					continue
				}
				if !errors.Is(err, sql.ErrNoRows) {
					return err
				}
			}
			forgiven := a.Forgiven
			if forgiven == nil {
				forgiven = []string{}
			}
			fj, err := json.Marshal(forgiven)
			if err != nil {
				return err
			}
			var lesson any
			if a.Lesson != "" {
				lesson = a.Lesson
			}
			variant := a.Variant
			if variant == "" {
				variant = a.Question
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO answers (learner_id, question, variant, given, result, forgiven,
				duration_ms, test_id, lesson, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				id, a.Question, variant, a.Given, string(a.Result), string(fj), a.Duration.Milliseconds(), test, lesson, ms(a.At)); err != nil {
				return err
			}
			n.Answers++
		}
		for _, t := range tests {
			nid, ok := newID[t.ID]
			if !ok || t.FinishedAt.IsZero() {
				continue
			}
			var err error
			switch {
			case t.Result != nil:
				var params any
				if params, err = encodeParams(p.Difficulties[t.ID]); err != nil {
					return err
				}
				_, err = tx.ExecContext(ctx, `UPDATE tests SET finished_at = ?, theta = ?, se = ?, level = ?, stop_reason = ?,
					difficulties = ? WHERE id = ?`, ms(t.FinishedAt), t.Result.Theta, t.Result.SE, t.Result.Level, t.Result.StopReason,
					params, nid)
			default:
				_, err = tx.ExecContext(ctx, "UPDATE tests SET finished_at = ?, stop_reason = ? WHERE id = ?",
					ms(t.FinishedAt), StopAbandoned, nid)
			}
			if err != nil {
				return err
			}
		}
		for _, l := range p.Lessons {
			res, err := tx.ExecContext(ctx, `INSERT INTO lesson_progress (learner_id, lesson, step, furthest, done, device,
				started_at, updated_at, done_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
			ON CONFLICT (learner_id, lesson) DO UPDATE SET
				step = CASE WHEN excluded.updated_at > updated_at THEN excluded.step ELSE step END,
				device = CASE WHEN excluded.updated_at > updated_at THEN excluded.device ELSE device END,
				furthest = max(furthest, excluded.furthest),
				done = max(done, excluded.done),
				started_at = min(started_at, excluded.started_at),
				updated_at = max(updated_at, excluded.updated_at),
				done_at = CASE WHEN done_at IS NULL THEN excluded.done_at
					WHEN excluded.done_at IS NULL THEN done_at ELSE min(done_at, excluded.done_at) END
			WHERE excluded.updated_at != updated_at OR excluded.furthest > furthest OR excluded.done > done`,
				id, l.Lesson, max(0, l.Step), max(0, l.Furthest), l.Done, string(l.Device), ms(l.StartedAt), ms(l.UpdatedAt), msOrNull(l.DoneAt))
			if err != nil {
				return err
			}
			if c, _ := res.RowsAffected(); c > 0 {
				n.Lessons++
			}
		}
		for _, a := range p.Acquis {
			if _, err := tx.ExecContext(ctx, `INSERT INTO acquis_states (learner_id, acquis, mastery, answers, last_seen)
				VALUES (?1, ?2, ?3, ?4, ?5)
			ON CONFLICT (learner_id, acquis) DO UPDATE SET
				mastery = CASE WHEN excluded.last_seen > last_seen THEN excluded.mastery ELSE mastery END,
				answers = answers + excluded.answers,
				last_seen = max(last_seen, excluded.last_seen)
			WHERE excluded.last_seen != last_seen`,
				id, a.Acquis, a.Mastery, a.Answers, ms(a.LastSeen)); err != nil {
				return err
			}
		}
		for _, c := range p.Reviews {
			if _, err := tx.ExecContext(ctx, `INSERT INTO review_cards (learner_id, acquis, due, stability, difficulty,
				elapsed_days, scheduled_days, reps, lapses, state, last_review) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
			ON CONFLICT (learner_id, acquis) DO UPDATE SET
				due = excluded.due, stability = excluded.stability, difficulty = excluded.difficulty,
				elapsed_days = excluded.elapsed_days, scheduled_days = excluded.scheduled_days, reps = excluded.reps,
				lapses = excluded.lapses, state = excluded.state, last_review = excluded.last_review
			WHERE coalesce(excluded.last_review, 0) > coalesce(last_review, 0)`,
				id, c.Acquis, msOrNull(c.Due), c.Stability, c.Difficulty, int64(c.ElapsedDays), int64(c.ScheduledDays), int64(c.Reps), int64(c.Lapses),
				c.State, msOrNull(c.LastReview)); err != nil {
				return err
			}
		}
		return nil
	})
	return n, err
}
