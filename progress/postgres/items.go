package postgres

import (
	"context"
	"fmt"
	"maps"
	"math"
	"slices"

	"github.com/jackc/pgx/v5"

	"pasapas/record"
	"pasapas/scoring"
)

// ItemStats returns the answer counts and calibration of every question
// answered in the whole database (every place: they name no one).
func (s *Store) ItemStats(ctx context.Context) (map[string]record.ItemStat, error) {
	out := map[string]record.ItemStat{}
	err := s.read(ctx, "reading item statistics", func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, "SELECT question, answers, correct, difficulty, calibrated_n, updated_at FROM item_stats")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var it record.ItemStat
			var answers, correct, n int32
			var diff *float64
			var updated int64
			if err := rows.Scan(&it.Question, &answers, &correct, &diff, &n, &updated); err != nil {
				return err
			}
			it.Answers, it.Correct = int(answers), int(correct)
			if diff != nil {
				it.Calibrated = &scoring.Calibration{B: *diff, N: int(n)}
			}
			it.UpdatedAt = fromMS(updated)
			out[it.Question] = it
		}
		return rows.Err()
	})
	return out, err
}

// SetItemDifficulties stores calibrated difficulties in one transaction.
func (s *Store) SetItemDifficulties(ctx context.Context, c map[string]scoring.Calibration) error {
	if err := checkCalibrations(c); err != nil {
		return err
	}
	now := ms(s.now())
	return s.write(ctx, "saving calibration", func(tx pgx.Tx) error {
		return saveCalibrations(ctx, tx, c, now)
	})
}

func checkCalibrations(c map[string]scoring.Calibration) error {
	for q, v := range c {
		if q == "" || math.IsNaN(v.B) || math.IsInf(v.B, 0) || v.N < 0 || v.N > math.MaxInt32 {
			return fmt.Errorf("postgres: calibrating %q: %w", q, record.ErrInvalid)
		}
	}
	return nil
}

// saveCalibrations writes in question order, the order every transaction
// locks these rows in.
func saveCalibrations(ctx context.Context, tx pgx.Tx, c map[string]scoring.Calibration, now int64) error {
	for _, q := range slices.Sorted(maps.Keys(c)) {
		v := c[q]
		_, err := tx.Exec(ctx, `INSERT INTO item_stats (question, difficulty, calibrated_n, updated_at)
			VALUES ($1, $2, $3, $4)
			ON CONFLICT (question) DO UPDATE SET difficulty = excluded.difficulty,
				calibrated_n = excluded.calibrated_n, updated_at = excluded.updated_at`,
			q, v.B, v.N, now)
		if err != nil {
			return err
		}
	}
	return nil
}

// CalibrationAnswers returns the answers of every finished test in the
// whole database, test by test, each in the order given. It names no one.
func (s *Store) CalibrationAnswers(ctx context.Context) ([]record.CalibrationAnswer, error) {
	var out []record.CalibrationAnswer
	err := s.read(ctx, "reading the answers of tests", func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT a.test_id, t.competence, a.question, a.result
			FROM answers a JOIN tests t ON t.id = a.test_id
			WHERE t.finished_at IS NOT NULL ORDER BY a.test_id, a.id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a record.CalibrationAnswer
			var test int64
			var result string
			if err := rows.Scan(&test, &a.Competence, &a.Question, &result); err != nil {
				return err
			}
			a.Test, a.Correct = record.TestID(test), record.Result(result) == record.Correct
			out = append(out, a)
		}
		return rows.Err()
	})
	return out, err
}
