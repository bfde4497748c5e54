package progress

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestMigrationCalibratedN: a file of schema version 1 with calibrated and
// uncalibrated questions opens at the current version; calibrated_n is
// added, set for a difficulty stored before from the answers of finished
// tests only, and nothing else changes.
func TestMigrationCalibratedN(t *testing.T) {
	path := tempPath(t)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	db := rawDB(t, path)
	mustExec(t, db, migrations[0])
	mustExec(t, db, "PRAGMA user_version = 1")
	for _, q := range []string{
		`INSERT INTO learners (id, name, created_at, last_seen) VALUES (1, 'Léa', 0, 0)`,
		`INSERT INTO tests (id, learner_id, competence, seed, started_at) VALUES (1, 1, 'mail', 1, 0)`,
		`INSERT INTO tests (id, learner_id, competence, seed, started_at) VALUES (2, 1, 'mail', 2, 0)`,
		// q1: twice in the test that finishes, once in the open one, once in a lesson.
		`INSERT INTO answers (learner_id, question, variant, given, result, duration_ms, test_id, at)
			VALUES (1, 'q1', 'q1', '{}', 'correct', 0, 1, 0), (1, 'q1', 'q1', '{}', 'incorrect', 0, 1, 0),
			(1, 'q1', 'q1', '{}', 'correct', 0, 2, 0), (1, 'q2', 'q2', '{}', 'correct', 0, 1, 0)`,
		`INSERT INTO answers (learner_id, question, variant, given, result, duration_ms, lesson, at)
			VALUES (1, 'q1', 'q1', '{}', 'correct', 0, 'lecon', 0)`,
		`UPDATE tests SET finished_at = 5, theta = 0, se = 1, level = 2, stop_reason = 'band' WHERE id = 1`,
		`INSERT INTO item_stats (question, answers, correct, difficulty, updated_at) VALUES
			('q1', 4, 3, 0.75, 7), ('q2', 1, 1, NULL, 7), ('q3', 0, 0, -1.5, 7)`,
	} {
		mustExec(t, db, q)
	}
	db.Close()

	s := openTest(t, path, nil)
	var version int
	if err := s.db.QueryRow("PRAGMA user_version").Scan(&version); err != nil || version != SchemaVersion || version < 2 {
		t.Fatalf("user_version %d (%v), want %d", version, err, SchemaVersion)
	}
	stats, err := s.ItemStats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		q                string
		answers, correct int
		difficulty       *float64
		n                int
	}{
		{"q1", 4, 3, ptr(0.75), 2}, // the two answers of the finished test
		{"q2", 1, 1, nil, 0},       // not calibrated: nothing rests on anything
		{"q3", 0, 0, ptr(-1.5), 0}, // calibrated without any test answer in the log
	} {
		it := stats[c.q]
		if it.Answers != c.answers || it.Correct != c.correct || it.CalibratedN != c.n ||
			(c.difficulty == nil) != (it.Difficulty == nil) || (c.difficulty != nil && *c.difficulty != *it.Difficulty) {
			t.Errorf("%s: %+v, want %d answers, %d correct, difficulty %v on %d", c.q, it, c.answers, c.correct, c.difficulty, c.n)
		}
	}
	answers, err := s.Answers(context.Background(), 1)
	if err != nil || len(answers) != 5 {
		t.Errorf("answers after migration: %d, %v", len(answers), err)
	}
	if _, err := s.db.Exec("UPDATE item_stats SET calibrated_n = -1 WHERE question = 'q1'"); err == nil {
		t.Error("a negative calibrated_n was accepted")
	}
	if res := integrity(t, path); res != "ok" {
		t.Errorf("integrity_check: %s", res)
	}
}

func ptr(f float64) *float64 { return &f }
