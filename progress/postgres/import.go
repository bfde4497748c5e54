package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"

	"github.com/jackc/pgx/v5"

	"pasapas/progress"
	"pasapas/record"
)

// ImportProgress brings a learner's progress from another PC (their export)
// into their profile in this place, in one transaction; see
// learning.Importer for what is skipped so that nothing is counted twice,
// and progress's ImportProgress, whose rules this follows. A test arrives
// open, takes its answers, then gets its end and result, with the item
// parameters it used when the file has them; a positioning keeps its
// correlation.
func (s *Store) ImportProgress(ctx context.Context, id record.LearnerID, p record.Portable) (record.Imported, error) {
	var n record.Imported
	for _, a := range p.Answers {
		a.Learner = id
		if err := checkAnswer(a); err != nil {
			return n, fmt.Errorf("postgres: importing: %w", err)
		}
	}
	if err := p.CheckReplay(); err != nil {
		return n, fmt.Errorf("postgres: importing: %w", err)
	}
	tests := append([]record.Test(nil), p.Tests...)
	sort.SliceStable(tests, func(i, j int) bool { return tests[i].StartedAt.Before(tests[j].StartedAt) })
	for _, t := range tests {
		if t.Competence == "" || t.StartedAt.IsZero() || containsNUL(t.Competence) {
			return n, fmt.Errorf("postgres: importing: a test without competence or start: %w", record.ErrInvalid)
		}
	}
	answers := append([]record.Answer(nil), p.Answers...)
	sort.SliceStable(answers, func(i, j int) bool { return answers[i].ID < answers[j].ID })
	err := s.write(ctx, "importing", func(tx pgx.Tx) error {
		n = record.Imported{}
		if err := s.lockLearner(ctx, tx, id); err != nil {
			return err
		}
		newID := map[record.TestID]int64{} // the file's test id → this store's; absent: skipped
		for _, t := range tests {
			var there int64
			err := tx.QueryRow(ctx, `SELECT id FROM tests WHERE learner_id = $1 AND competence = $2 AND seed = $3
				AND started_at = $4`, int64(id), t.Competence, t.Seed, ms(t.StartedAt)).Scan(&there)
			if err == nil {
				continue // brought before, or the same PC
			}
			if !errors.Is(err, pgx.ErrNoRows) {
				return err
			}
			var nid int64
			var rho *float64 // NULL: a test of one competence, or a positioning that did not keep it
			if t.Competence == record.Positioning && t.Rho != 0 {
				rho = &t.Rho
			}
			if err := tx.QueryRow(ctx, `INSERT INTO tests (learner_id, competence, seed, started_at, rho)
				VALUES ($1, $2, $3, $4, $5) RETURNING id`, int64(id), t.Competence, t.Seed, ms(t.StartedAt), rho).Scan(&nid); err != nil {
				return err
			}
			newID[t.ID] = nid
			n.Tests++
		}
		for _, a := range answers {
			var test *int64
			if a.Test != 0 {
				nid, ok := newID[a.Test]
				if !ok {
					continue // its test was there already, or is not in the file
				}
				test = &nid
			} else {
				var there bool
				if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM answers WHERE learner_id = $1 AND test_id IS NULL
					AND question = $2 AND at = $3)`, int64(id), a.Question, ms(a.At)).Scan(&there); err != nil {
					return err
				}
				if there {
					continue
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
			var lesson *string
			if a.Lesson != "" {
				lesson = &a.Lesson
			}
			variant := a.Variant
			if variant == "" {
				variant = a.Question
			}
			if _, err := tx.Exec(ctx, `INSERT INTO answers (learner_id, question, variant, given, result, forgiven,
				duration_ms, test_id, lesson, at) VALUES ($1, $2, $3, $4::text::json, $5, $6::text::json, $7, $8, $9, $10)`,
				int64(id), a.Question, variant, a.Given, string(a.Result), string(fj), a.Duration.Milliseconds(), test, lesson,
				ms(a.At)); err != nil {
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
			if t.Result != nil {
				var params *string
				if params, err = encodeParams(p.Difficulties[t.ID]); err != nil {
					return err
				}
				_, err = tx.Exec(ctx, `UPDATE tests SET finished_at = $1, theta = $2, se = $3, level = $4, stop_reason = $5,
					difficulties = $6::text::json WHERE id = $7`, ms(t.FinishedAt), t.Result.Theta, t.Result.SE, t.Result.Level,
					t.Result.StopReason, params, nid)
			} else {
				_, err = tx.Exec(ctx, "UPDATE tests SET finished_at = $1, stop_reason = $2 WHERE id = $3",
					ms(t.FinishedAt), progress.StopAbandoned, nid)
			}
			if err != nil {
				return err
			}
		}
		for _, l := range p.Lessons {
			tag, err := tx.Exec(ctx, `INSERT INTO lesson_progress AS p (learner_id, lesson, step, furthest, done, device,
				started_at, updated_at, done_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) `+lessonConflict+`
				WHERE excluded.updated_at <> p.updated_at OR excluded.furthest > p.furthest OR (excluded.done AND NOT p.done)`,
				int64(id), l.Lesson, max(0, l.Step), max(0, l.Furthest), l.Done, string(l.Device), ms(l.StartedAt),
				ms(l.UpdatedAt), msOrNull(l.DoneAt))
			if err != nil {
				return err
			}
			if tag.RowsAffected() > 0 {
				n.Lessons++
			}
		}
		for _, a := range p.Acquis {
			if _, err := tx.Exec(ctx, `INSERT INTO acquis_states AS a (learner_id, acquis, mastery, answers, last_seen)
				VALUES ($1, $2, $3, $4, $5) `+acquisConflict+` WHERE excluded.last_seen <> a.last_seen`,
				int64(id), a.Acquis, a.Mastery, a.Answers, ms(a.LastSeen)); err != nil {
				return err
			}
		}
		for _, c := range p.Reviews {
			if _, err := tx.Exec(ctx, `INSERT INTO review_cards AS c (learner_id, acquis, due, stability, difficulty,
				elapsed_days, scheduled_days, reps, lapses, state, last_review)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) `+reviewConflict,
				int64(id), c.Acquis, msOrNull(c.Due), c.Stability, c.Difficulty, int64(c.ElapsedDays), int64(c.ScheduledDays),
				int64(c.Reps), int64(c.Lapses), int(c.State), msOrNull(c.LastReview)); err != nil {
				return err
			}
		}
		return s.notify(ctx, tx, changeStep)
	})
	return n, err
}
