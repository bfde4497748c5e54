package progress

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"pasapas/scoring"
)

// StartTest opens a test for a learner: competence is a competence id or
// Positioning; seed is the engine's random seed, kept so a resumed test
// makes the same choices.
func (s *Store) StartTest(ctx context.Context, learner LearnerID, competence string, seed int64) (TestID, error) {
	if strings.TrimSpace(competence) == "" {
		return 0, fmt.Errorf("progress: starting test: no competence: %w", ErrInvalid)
	}
	return s.startTest(ctx, learner, competence, seed, nil)
}

// StartPositioning opens a positioning and keeps the correlation between
// competences it runs with (schema version 7), in the same row, so that a
// positioning is never on disk without it.
func (s *Store) StartPositioning(ctx context.Context, learner LearnerID, seed int64, rho float64) (TestID, error) {
	if !(rho > 0 && rho < 1) {
		return 0, fmt.Errorf("progress: starting a positioning: correlation %v: %w", rho, ErrInvalid)
	}
	return s.startTest(ctx, learner, Positioning, seed, rho)
}

func (s *Store) startTest(ctx context.Context, learner LearnerID, competence string, seed int64, rho any) (TestID, error) {
	now := s.now()
	var id int64
	err := s.write(ctx, "starting test", func(tx *sql.Tx) error {
		if err := touch(ctx, tx, learner, now); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx,
			"INSERT INTO tests (learner_id, competence, seed, started_at, rho) VALUES (?, ?, ?, ?, ?) RETURNING id",
			learner, competence, seed, ms(now), rho).Scan(&id)
	})
	return TestID(id), err
}

// FinishTest records what a test concluded and closes it.
func (s *Store) FinishTest(ctx context.Context, id TestID, r TestResult) error {
	return s.FinishTestWith(ctx, id, TestOutcome{Result: r})
}

// FinishTestWith closes a test with everything it concluded, in one
// transaction: its result, the item parameters it used, the mastery of its
// acquis, and the calibration of the questions it asked. Either all of it
// is on disk, or none of it and the test is still open. The parameters are
// those of before the calibration step: what the result was computed with.
func (s *Store) FinishTestWith(ctx context.Context, id TestID, o TestOutcome) error {
	r := o.Result
	if r.Level < 0 || r.Level > 4 {
		return fmt.Errorf("progress: finishing test: level %d: %w", r.Level, ErrInvalid)
	}
	if err := checkAcquis(o.Acquis); err != nil {
		return err
	}
	params, err := encodeParams(o.Difficulties)
	if err != nil {
		return fmt.Errorf("progress: finishing test: %w", err)
	}
	now := s.now()
	return s.write(ctx, "finishing test", func(tx *sql.Tx) error {
		learner, err := closeTest(ctx, tx, id, now,
			"theta = ?, se = ?, level = ?, stop_reason = ?, difficulties = ?", r.Theta, r.SE, r.Level, r.StopReason, params)
		if err != nil {
			return err
		}
		if err := saveAcquis(ctx, tx, learner, now, o.Acquis); err != nil {
			return err
		}
		if o.Calibrate != nil {
			return calibrateTest(ctx, tx, id, ms(now), o.Calibrate)
		}
		return nil
	})
}

// encodeParams checks a test's item parameters and makes the JSON the tests
// table keeps; nil (NULL) when there are none.
func encodeParams(params map[string]scoring.Calibration) (any, error) {
	if len(params) == 0 {
		return nil, nil
	}
	stored := make(map[string]storedParams, len(params))
	for q, p := range params {
		if q == "" || math.IsNaN(p.B) || math.IsInf(p.B, 0) || !(p.A > 0) || math.IsInf(p.A, 0) {
			return nil, fmt.Errorf("parameters of %q: %w", q, ErrInvalid)
		}
		stored[q] = storedParams{B: p.B, A: p.A}
	}
	b, err := json.Marshal(stored) // keys sorted; floats written to round-trip exactly
	if err != nil {
		return nil, err
	}
	return string(b), nil
}

// storedParams is how the tests table keeps one question's parameters
// (JSON, since schema version 3): difficulty and discrimination.
type storedParams struct {
	B float64 `json:"b"`
	A float64 `json:"a"`
}

// decodeParams reads the item parameters kept with test id.
func decodeParams(id TestID, params string) (map[string]scoring.Calibration, error) {
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

// TestDifficulties returns the item parameters a finished test used, by
// question id, as FinishTestWith stored them. It returns nil, and no error,
// for a test without them: finished before schema version 3, abandoned,
// open, or finished without them.
func (s *Store) TestDifficulties(ctx context.Context, id TestID) (map[string]scoring.Calibration, error) {
	var out map[string]scoring.Calibration
	err := s.read(ctx, "reading a test's difficulties", func(tx *sql.Tx) error {
		var params sql.NullString
		err := tx.QueryRowContext(ctx, "SELECT difficulties FROM tests WHERE id = ?", id).Scan(&params)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("test %d: %w", id, ErrNotFound)
		}
		if err != nil || !params.Valid {
			return err
		}
		out, err = decodeParams(id, params.String)
		return err
	})
	return out, err
}

// AbandonTest closes a test the learner left, without a result, so it is no
// longer offered for resuming.
func (s *Store) AbandonTest(ctx context.Context, id TestID) error {
	now := s.now()
	return s.write(ctx, "abandoning test", func(tx *sql.Tx) error {
		_, err := closeTest(ctx, tx, id, now, "stop_reason = ?", StopAbandoned)
		return err
	})
}

// closeTest closes an open test, setting the given columns, and returns
// whose test it is.
func closeTest(ctx context.Context, tx *sql.Tx, id TestID, now time.Time, set string, args ...any) (LearnerID, error) {
	if _, err := checkTestOpen(ctx, tx, id); err != nil {
		return 0, err
	}
	var learner LearnerID
	err := tx.QueryRowContext(ctx, "UPDATE tests SET finished_at = ?, "+set+" WHERE id = ? RETURNING learner_id",
		append(append([]any{ms(now)}, args...), id)...).Scan(&learner)
	if err != nil {
		return 0, err
	}
	return learner, touch(ctx, tx, learner, now)
}

// checkTestOpen says ErrNotFound or ErrTestFinished when a test cannot take
// answers or a result, and whose test it is.
func checkTestOpen(ctx context.Context, tx *sql.Tx, id TestID) (LearnerID, error) {
	var learner LearnerID
	var finished sql.NullInt64
	err := tx.QueryRowContext(ctx, "SELECT learner_id, finished_at FROM tests WHERE id = ?", id).Scan(&learner, &finished)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("test %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return 0, err
	}
	if finished.Valid {
		return learner, fmt.Errorf("test %d: %w", id, ErrTestFinished)
	}
	return learner, nil
}

// OpenTests returns a learner's unfinished tests, oldest first, each with
// its answers in order, so the TUI can offer to resume after a crash.
func (s *Store) OpenTests(ctx context.Context, learner LearnerID) ([]OpenTest, error) {
	var out []OpenTest
	err := s.read(ctx, "reading open tests", func(tx *sql.Tx) error {
		if err := learnerExists(ctx, tx, learner); err != nil {
			return err
		}
		var err error
		out, err = loadOpenTests(ctx, tx, learner)
		return err
	})
	return out, err
}

func loadOpenTests(ctx context.Context, tx *sql.Tx, learner LearnerID) ([]OpenTest, error) {
	tests, err := queryTests(ctx, tx, "WHERE learner_id = ? AND finished_at IS NULL ORDER BY started_at, id", int64(learner))
	if err != nil {
		return nil, err
	}
	out := make([]OpenTest, 0, len(tests))
	for _, t := range tests {
		answers, err := queryAnswers(ctx, tx, "WHERE test_id = ? ORDER BY id", int64(t.ID))
		if err != nil {
			return nil, err
		}
		out = append(out, OpenTest{Test: t, Answers: answers})
	}
	return out, nil
}

// Tests returns all of a learner's tests, oldest first.
func (s *Store) Tests(ctx context.Context, learner LearnerID) ([]Test, error) {
	var out []Test
	err := s.read(ctx, "reading tests", func(tx *sql.Tx) error {
		if err := learnerExists(ctx, tx, learner); err != nil {
			return err
		}
		var err error
		out, err = queryTests(ctx, tx, "WHERE learner_id = ? ORDER BY started_at, id", int64(learner))
		return err
	})
	return out, err
}

func queryTests(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]Test, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, learner_id, competence, seed, started_at, finished_at,
		theta, se, level, stop_reason, rho FROM tests `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Test
	for rows.Next() {
		var t Test
		var started int64
		var finished, level sql.NullInt64
		var theta, se, rho sql.NullFloat64
		var reason sql.NullString
		if err := rows.Scan(&t.ID, &t.Learner, &t.Competence, &t.Seed, &started, &finished,
			&theta, &se, &level, &reason, &rho); err != nil {
			return nil, err
		}
		t.Rho = rho.Float64
		t.StartedAt, t.FinishedAt = fromMS(started), fromNullMS(finished)
		switch {
		case level.Valid:
			t.Result = &TestResult{Theta: theta.Float64, SE: se.Float64, Level: int(level.Int64), StopReason: reason.String}
		case finished.Valid:
			t.Abandoned = true
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
