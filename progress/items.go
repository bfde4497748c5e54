package progress

import (
	"context"
	"database/sql"
	"fmt"
	"math"

	"pasapas/scoring"
)

// ItemStats returns the answer counts of every question answered on this
// PC, by question id, for calibration. RecordAnswer keeps them up to date;
// "Je ne sais pas" counts as an answer that is not correct.
func (s *Store) ItemStats(ctx context.Context) (map[string]ItemStat, error) {
	out := map[string]ItemStat{}
	err := s.read(ctx, "reading item statistics", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, "SELECT question, answers, correct, difficulty, calibrated_n, updated_at FROM item_stats")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var it ItemStat
			var diff sql.NullFloat64
			var n int
			var updated int64
			if err := rows.Scan(&it.Question, &it.Answers, &it.Correct, &diff, &n, &updated); err != nil {
				return err
			}
			if diff.Valid {
				it.Calibrated = &scoring.Calibration{B: diff.Float64, N: n}
			}
			it.UpdatedAt = fromMS(updated)
			out[it.Question] = it
		}
		return rows.Err()
	})
	return out, err
}

// SetItemDifficulties stores calibrated difficulties (logit scale), with the
// number of test answers each rests on, by question id, in one transaction:
// what the batch re-fit writes.
func (s *Store) SetItemDifficulties(ctx context.Context, calibrations map[string]scoring.Calibration) error {
	if err := checkCalibrations(calibrations); err != nil {
		return err
	}
	now := ms(s.now())
	return s.write(ctx, "saving calibration", func(tx *sql.Tx) error {
		return saveCalibrations(ctx, tx, calibrations, now)
	})
}

func checkCalibrations(calibrations map[string]scoring.Calibration) error {
	for q, c := range calibrations {
		if q == "" || math.IsNaN(c.B) || math.IsInf(c.B, 0) || c.N < 0 {
			return fmt.Errorf("progress: calibrating %q: %w", q, ErrInvalid)
		}
	}
	return nil
}

func saveCalibrations(ctx context.Context, tx *sql.Tx, calibrations map[string]scoring.Calibration, now int64) error {
	for q, c := range calibrations {
		_, err := tx.ExecContext(ctx, `INSERT INTO item_stats (question, difficulty, calibrated_n, updated_at)
			VALUES (?, ?, ?, ?)
			ON CONFLICT (question) DO UPDATE SET difficulty = excluded.difficulty,
				calibrated_n = excluded.calibrated_n, updated_at = excluded.updated_at`,
			q, c.B, c.N, now)
		if err != nil {
			return err
		}
	}
	return nil
}

// calibrateTest runs a finished test's Calibrate inside its transaction:
// the stored calibration of each question answered in the test in, the new
// ones out.
func calibrateTest(ctx context.Context, tx *sql.Tx, id TestID, now int64,
	calibrate func(map[string]scoring.Calibration) map[string]scoring.Calibration) error {
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT a.question, s.difficulty, s.calibrated_n
		FROM answers a LEFT JOIN item_stats s ON s.question = a.question WHERE a.test_id = ?`, id)
	if err != nil {
		return err
	}
	current := map[string]scoring.Calibration{}
	for rows.Next() {
		var q string
		var diff sql.NullFloat64
		var n sql.NullInt64
		if err := rows.Scan(&q, &diff, &n); err != nil {
			rows.Close()
			return err
		}
		var c scoring.Calibration
		if diff.Valid {
			c = scoring.Calibration{B: diff.Float64, N: int(n.Int64)}
		}
		current[q] = c
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	next := calibrate(current)
	for q := range next {
		if _, ok := current[q]; !ok {
			return fmt.Errorf("calibrating %q: not answered in test %d: %w", q, id, ErrInvalid)
		}
	}
	if err := checkCalibrations(next); err != nil {
		return err
	}
	return saveCalibrations(ctx, tx, next, now)
}

// CalibrationAnswers returns the answers of every finished test on this PC
// (with a result, or abandoned), test by test, each in the order given: what
// the batch re-calibration reads. Answers of open tests are left out: they
// join the calibration when their test finishes. It names no learner.
func (s *Store) CalibrationAnswers(ctx context.Context) ([]CalibrationAnswer, error) {
	var out []CalibrationAnswer
	err := s.read(ctx, "reading the answers of tests", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT a.test_id, t.competence, a.question, a.result
			FROM answers a JOIN tests t ON t.id = a.test_id
			WHERE a.test_id IS NOT NULL AND t.finished_at IS NOT NULL ORDER BY a.test_id, a.id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a CalibrationAnswer
			var result string
			if err := rows.Scan(&a.Test, &a.Competence, &a.Question, &result); err != nil {
				return err
			}
			a.Correct = Result(result) == Correct
			out = append(out, a)
		}
		return rows.Err()
	})
	return out, err
}

// Exposure counts, for one competence, the tests taken on this PC (by
// every learner, finished or not) and how many of them asked each question.
// The adaptive engine uses it to keep any question from being asked in most
// tests. It names no learner.
func (s *Store) Exposure(ctx context.Context, competence string) (tests int, asked map[string]int, err error) {
	asked = map[string]int{}
	err = s.read(ctx, "counting how often questions were asked", func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, "SELECT COUNT(*) FROM tests WHERE competence = ?", competence).Scan(&tests); err != nil {
			return err
		}
		rows, err := tx.QueryContext(ctx, `SELECT a.question, COUNT(DISTINCT a.test_id) FROM answers a
			JOIN tests t ON t.id = a.test_id WHERE t.competence = ? GROUP BY a.question`, competence)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var q string
			var n int
			if err := rows.Scan(&q, &n); err != nil {
				return err
			}
			asked[q] = n
		}
		return rows.Err()
	})
	return tests, asked, err
}
