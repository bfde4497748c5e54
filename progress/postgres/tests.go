package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"pasapas/record"
	"pasapas/scoring"
)

// StartTest opens a test for a learner of this place.
func (s *Store) StartTest(ctx context.Context, learner record.LearnerID, competence string, seed int64) (record.TestID, error) {
	if strings.TrimSpace(competence) == "" {
		return 0, fmt.Errorf("postgres: starting test: no competence: %w", record.ErrInvalid)
	}
	return s.startTest(ctx, learner, competence, seed, nil)
}

// StartPositioning opens a positioning for a learner of this place, with
// the correlation between competences it runs with, in the same row.
func (s *Store) StartPositioning(ctx context.Context, learner record.LearnerID, seed int64, rho float64) (record.TestID, error) {
	if !(rho > 0 && rho < 1) {
		return 0, fmt.Errorf("postgres: starting a positioning: correlation %v: %w", rho, record.ErrInvalid)
	}
	return s.startTest(ctx, learner, record.Positioning, seed, &rho)
}

func (s *Store) startTest(ctx context.Context, learner record.LearnerID, competence string, seed int64, rho *float64) (record.TestID, error) {
	now := s.now()
	var id int64
	err := s.write(ctx, "starting test", func(tx pgx.Tx) error {
		if err := s.touch(ctx, tx, learner, now); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `INSERT INTO tests (learner_id, competence, seed, started_at, rho)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, int64(learner), competence, seed, ms(now), rho).Scan(&id)
	})
	return record.TestID(id), err
}

// FinishTestWith closes a test with everything it concluded, in one
// transaction: its result, the item parameters it used, the mastery of its
// acquis, and o.Calibrate run on the stored calibration of the questions it
// asked. Locks, in the package's order: the learner's row, the test's row
// (FOR UPDATE: no answer can join it meanwhile), then the statistics rows of
// its questions in question order (FOR UPDATE: no other PC's finish can
// change them before this commits, so no calibration step is lost).
func (s *Store) FinishTestWith(ctx context.Context, id record.TestID, o record.TestOutcome) error {
	r := o.Result
	if r.Level < 0 || r.Level > 4 || math.IsNaN(r.Theta) || math.IsNaN(r.SE) {
		return fmt.Errorf("postgres: finishing test: level %d: %w", r.Level, record.ErrInvalid)
	}
	if err := checkAcquis(o.Acquis); err != nil {
		return err
	}
	params, err := encodeParams(o.Difficulties)
	if err != nil {
		return fmt.Errorf("postgres: finishing test: %w", err)
	}
	now := s.now()
	return s.write(ctx, "finishing test", func(tx pgx.Tx) error {
		learner, err := s.lockTest(ctx, tx, id, now)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE tests SET finished_at = $1, theta = $2, se = $3, level = $4,
			stop_reason = $5, difficulties = $6::text::json WHERE id = $7`,
			ms(now), r.Theta, r.SE, r.Level, r.StopReason, params, int64(id)); err != nil {
			return err
		}
		if err := saveAcquis(ctx, tx, learner, now, o.Acquis); err != nil {
			return err
		}
		if err := s.notify(ctx, tx, changeTest); err != nil {
			return err
		}
		if o.Calibrate != nil {
			return calibrateTest(ctx, tx, id, ms(now), o.Calibrate)
		}
		return nil
	})
}

// lockTest locks, in order, the learner of an open test of this place and
// the test, and returns the learner.
func (s *Store) lockTest(ctx context.Context, tx pgx.Tx, id record.TestID, now time.Time) (record.LearnerID, error) {
	var learner int64
	err := tx.QueryRow(ctx, `SELECT t.learner_id FROM tests t JOIN learners l ON l.id = t.learner_id
		WHERE t.id = $1 AND l.place_id = $2`, int64(id), s.place).Scan(&learner)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, fmt.Errorf("test %d: %w", id, record.ErrNotFound)
	}
	if err != nil {
		return 0, err
	}
	if err := s.touch(ctx, tx, record.LearnerID(learner), now); err != nil {
		return 0, err
	}
	owner, err := s.testOpen(ctx, tx, id, "FOR UPDATE")
	if err != nil {
		return 0, err
	}
	if owner != record.LearnerID(learner) {
		return 0, fmt.Errorf("test %d changed hands: %w", id, record.ErrInvalid)
	}
	return owner, nil
}

// storedParams is how the tests table keeps one question's parameters.
type storedParams struct {
	B float64 `json:"b"`
	A float64 `json:"a"`
}

// encodeParams checks a test's item parameters and makes the JSON kept;
// nil (NULL) when there are none.
func encodeParams(params map[string]scoring.Calibration) (*string, error) {
	if len(params) == 0 {
		return nil, nil
	}
	stored := make(map[string]storedParams, len(params))
	for q, p := range params {
		if q == "" || math.IsNaN(p.B) || math.IsInf(p.B, 0) || !(p.A > 0) || math.IsInf(p.A, 0) {
			return nil, fmt.Errorf("parameters of %q: %w", q, record.ErrInvalid)
		}
		stored[q] = storedParams{B: p.B, A: p.A}
	}
	b, err := json.Marshal(stored)
	if err != nil {
		return nil, err
	}
	text := string(b)
	return &text, nil
}

// decodeParams reads the item parameters kept with test id.
func decodeParams(id record.TestID, params string) (map[string]scoring.Calibration, error) {
	var stored map[string]storedParams
	if err := json.Unmarshal([]byte(params), &stored); err != nil {
		return nil, fmt.Errorf("test %d: difficulties: %w", id, err)
	}
	out := make(map[string]scoring.Calibration, len(stored))
	for q, p := range stored {
		out[q] = scoring.Calibration{B: p.B, A: p.A}
	}
	return out, nil
}

// TestDifficulties returns the item parameters a finished test used; nil
// for a test without them; ErrNotFound for a test not of this place.
func (s *Store) TestDifficulties(ctx context.Context, id record.TestID) (map[string]scoring.Calibration, error) {
	var out map[string]scoring.Calibration
	err := s.read(ctx, "reading a test's difficulties", func(tx pgx.Tx) error {
		var params *string
		err := tx.QueryRow(ctx, `SELECT t.difficulties::text FROM tests t JOIN learners l ON l.id = t.learner_id
			WHERE t.id = $1 AND l.place_id = $2`, int64(id), s.place).Scan(&params)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("test %d: %w", id, record.ErrNotFound)
		}
		if err != nil || params == nil {
			return err
		}
		out, err = decodeParams(id, *params)
		return err
	})
	return out, err
}

// AbandonTest closes a test the learner left, without a result.
func (s *Store) AbandonTest(ctx context.Context, id record.TestID) error {
	now := s.now()
	return s.write(ctx, "abandoning test", func(tx pgx.Tx) error {
		if _, err := s.lockTest(ctx, tx, id, now); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, "UPDATE tests SET finished_at = $1, stop_reason = $2 WHERE id = $3",
			ms(now), record.StopAbandoned, int64(id))
		return err
	})
}

// OpenTests returns a learner's unfinished tests, oldest first, each with
// its answers in order.
func (s *Store) OpenTests(ctx context.Context, learner record.LearnerID) ([]record.OpenTest, error) {
	var out []record.OpenTest
	err := s.read(ctx, "reading open tests", func(tx pgx.Tx) error {
		var err error
		out, err = s.loadOpenTests(ctx, tx, learner)
		return err
	})
	return out, err
}

func (s *Store) loadOpenTests(ctx context.Context, tx pgx.Tx, learner record.LearnerID) ([]record.OpenTest, error) {
	tests, err := s.queryTests(ctx, tx, learner, "AND t.finished_at IS NULL")
	if err != nil {
		return nil, err
	}
	out := make([]record.OpenTest, 0, len(tests))
	for _, t := range tests {
		answers, err := s.queryAnswers(ctx, tx, "a.test_id = $2", int64(t.ID))
		if err != nil {
			return nil, err
		}
		out = append(out, record.OpenTest{Test: t, Answers: answers})
	}
	return out, nil
}

// queryTests reads a learner's tests (of this place), oldest first; and is
// more conditions.
func (s *Store) queryTests(ctx context.Context, tx pgx.Tx, learner record.LearnerID, and string) ([]record.Test, error) {
	rows, err := tx.Query(ctx, `SELECT t.id, t.learner_id, t.competence, t.seed, t.started_at, t.finished_at,
		t.theta, t.se, t.level, t.stop_reason, t.rho FROM tests t JOIN learners l ON l.id = t.learner_id
		WHERE t.learner_id = $1 AND l.place_id = $2 `+and+` ORDER BY t.started_at, t.id`, int64(learner), s.place)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []record.Test
	for rows.Next() {
		var t record.Test
		var id, lid, started int64
		var finished *int64
		var level *int32
		var theta, se, rho *float64
		var reason *string
		if err := rows.Scan(&id, &lid, &t.Competence, &t.Seed, &started, &finished, &theta, &se, &level, &reason, &rho); err != nil {
			return nil, err
		}
		t.Rho = deref(rho)
		t.ID, t.Learner = record.TestID(id), record.LearnerID(lid)
		t.StartedAt, t.FinishedAt = fromMS(started), fromNullMS(finished)
		switch {
		case level != nil:
			t.Result = &record.TestResult{Theta: deref(theta), SE: deref(se), Level: int(*level), StopReason: derefS(reason)}
		case finished != nil:
			t.Abandoned = true
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

func deref(p *float64) float64 {
	if p == nil {
		return 0
	}
	return *p
}

func derefS(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// Exposure counts, for one competence, the tests taken in the whole
// database (every place, finished or not) and how many asked each
// question: exposure control protects the questions, which every place
// shares. It names no learner.
func (s *Store) Exposure(ctx context.Context, competence string) (tests int, asked map[string]int, err error) {
	asked = map[string]int{}
	err = s.read(ctx, "counting how often questions were asked", func(tx pgx.Tx) error {
		var n int64
		if err := tx.QueryRow(ctx, "SELECT count(*) FROM tests WHERE competence = $1", competence).Scan(&n); err != nil {
			return err
		}
		tests = int(n)
		rows, err := tx.Query(ctx, `SELECT a.question, count(DISTINCT a.test_id) FROM answers a
			JOIN tests t ON t.id = a.test_id WHERE t.competence = $1 GROUP BY a.question`, competence)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var q string
			var c int64
			if err := rows.Scan(&q, &c); err != nil {
				return err
			}
			asked[q] = int(c)
		}
		return rows.Err()
	})
	return tests, asked, err
}

// calibrateTest runs a finished test's Calibrate inside its transaction:
// the statistics rows of the test's questions are locked in question order
// (RecordAnswer has made one for every question answered), read, given to
// calibrate, and the result written.
func calibrateTest(ctx context.Context, tx pgx.Tx, id record.TestID, now int64,
	calibrate func(map[string]scoring.Calibration) map[string]scoring.Calibration) error {
	var questions []string
	rows, err := tx.Query(ctx, "SELECT DISTINCT question FROM answers WHERE test_id = $1", int64(id))
	if err != nil {
		return err
	}
	for rows.Next() {
		var q string
		if err := rows.Scan(&q); err != nil {
			rows.Close()
			return err
		}
		questions = append(questions, q)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	slices.Sort(questions)
	current := make(map[string]scoring.Calibration, len(questions))
	for _, q := range questions {
		current[q] = scoring.Calibration{}
	}
	rows, err = tx.Query(ctx, `SELECT question, difficulty, calibrated_n FROM item_stats
		WHERE question = ANY($1) ORDER BY question FOR UPDATE`, questions)
	if err != nil {
		return err
	}
	for rows.Next() {
		var q string
		var diff *float64
		var n int32
		if err := rows.Scan(&q, &diff, &n); err != nil {
			rows.Close()
			return err
		}
		if diff != nil {
			current[q] = scoring.Calibration{B: *diff, N: int(n)}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	next := calibrate(current)
	for q := range next {
		if _, ok := current[q]; !ok {
			return fmt.Errorf("calibrating %q: not answered in test %d: %w", q, id, record.ErrInvalid)
		}
	}
	if err := checkCalibrations(next); err != nil {
		return err
	}
	return saveCalibrations(ctx, tx, next, now)
}
