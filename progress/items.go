package progress

import (
	"context"
	"database/sql"
	"fmt"
	"math"
)

// ItemStats returns the answer counts of every question answered on this
// PC, by question id, for calibration. RecordAnswer keeps them up to date;
// "Je ne sais pas" counts as an answer that is not correct.
func (s *Store) ItemStats(ctx context.Context) (map[string]ItemStat, error) {
	out := map[string]ItemStat{}
	err := s.read(ctx, "reading item statistics", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, "SELECT question, answers, correct, difficulty, updated_at FROM item_stats")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var it ItemStat
			var diff sql.NullFloat64
			var updated int64
			if err := rows.Scan(&it.Question, &it.Answers, &it.Correct, &diff, &updated); err != nil {
				return err
			}
			if diff.Valid {
				it.Difficulty = &diff.Float64
			}
			it.UpdatedAt = fromMS(updated)
			out[it.Question] = it
		}
		return rows.Err()
	})
	return out, err
}

// SetItemDifficulties stores calibrated difficulties (logit scale), by
// question id, in one transaction.
func (s *Store) SetItemDifficulties(ctx context.Context, difficulties map[string]float64) error {
	for q, d := range difficulties {
		if q == "" || math.IsNaN(d) || math.IsInf(d, 0) {
			return fmt.Errorf("progress: calibrating %q: %w", q, ErrInvalid)
		}
	}
	now := ms(s.now())
	return s.write(ctx, "saving calibration", func(tx *sql.Tx) error {
		for q, d := range difficulties {
			_, err := tx.ExecContext(ctx, `INSERT INTO item_stats (question, difficulty, updated_at) VALUES (?, ?, ?)
				ON CONFLICT (question) DO UPDATE SET difficulty = excluded.difficulty, updated_at = excluded.updated_at`,
				q, d, now)
			if err != nil {
				return err
			}
		}
		return nil
	})
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
