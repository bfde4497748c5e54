package progress

import (
	"context"
	"maps"
	"os"
	"pasapas/scoring"
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
		if it.Answers != c.answers || it.Correct != c.correct || (c.difficulty == nil) != (it.Calibrated == nil) ||
			(c.difficulty != nil && (*c.difficulty != it.Calibrated.B || it.Calibrated.N != c.n)) {
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

// TestMigrationTestDifficulties: a file of schema version 2 opens at the
// current version with every row kept; its tests have no stored parameters
// (the results screen falls back to today's calibration for them), an open
// test finished after the update stores them, and the column takes JSON
// only.
func TestMigrationTestDifficulties(t *testing.T) {
	path := tempPath(t)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	db := rawDB(t, path)
	mustExec(t, db, migrations[0])
	mustExec(t, db, migrations[1])
	mustExec(t, db, "PRAGMA user_version = 2")
	for _, q := range []string{
		`INSERT INTO learners (id, name, created_at, last_seen) VALUES (1, 'Léa', 0, 0)`,
		`INSERT INTO tests (id, learner_id, competence, seed, started_at) VALUES (1, 1, 'mail', 41, 0)`,
		`INSERT INTO tests (id, learner_id, competence, seed, started_at) VALUES (2, 1, 'positionnement', 42, 1)`,
		`INSERT INTO answers (learner_id, question, variant, given, result, duration_ms, test_id, at)
			VALUES (1, 'q1', 'q1', '{}', 'correct', 0, 1, 0), (1, 'q2', 'q2', '{}', 'incorrect', 0, 1, 0),
			(1, 'q3', 'q3', '{}', 'skipped', 0, 2, 1)`,
		`UPDATE tests SET finished_at = 5, theta = -0.25, se = 0.5, level = 2, stop_reason = 'band' WHERE id = 1`,
		`INSERT INTO item_stats (question, answers, correct, difficulty, calibrated_n, updated_at) VALUES
			('q1', 1, 1, -0.75, 1, 5), ('q2', 1, 0, 0.5, 1, 5)`,
	} {
		mustExec(t, db, q)
	}
	db.Close()

	ctx := context.Background()
	s := openTest(t, path, nil)
	var version int
	if err := s.db.QueryRow("PRAGMA user_version").Scan(&version); err != nil || version != SchemaVersion || version < 3 {
		t.Fatalf("user_version %d (%v), want %d", version, err, SchemaVersion)
	}
	tests, err := s.Tests(ctx, 1)
	if err != nil || len(tests) != 2 {
		t.Fatalf("tests after the update: %+v, %v", tests, err)
	}
	if r := tests[0].Result; r == nil || *r != (TestResult{Theta: -0.25, SE: 0.5, Level: 2, StopReason: "band"}) || tests[0].Seed != 41 {
		t.Errorf("finished test after the update: %+v", tests[0])
	}
	if !tests[1].Open() || tests[1].Seed != 42 {
		t.Errorf("open test after the update: %+v", tests[1])
	}
	for _, id := range []TestID{1, 2} {
		if got, err := s.TestDifficulties(ctx, id); got != nil || err != nil {
			t.Errorf("test %d from before the update: difficulties %v, %v", id, got, err)
		}
	}
	answers, err := s.Answers(ctx, 1)
	if err != nil || len(answers) != 3 {
		t.Errorf("answers after the update: %d, %v", len(answers), err)
	}
	stats, err := s.ItemStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st := stats["q1"]; st.Calibrated == nil || st.Calibrated.B != -0.75 || st.Calibrated.N != 1 || st.Answers != 1 {
		t.Errorf("q1 after the update: %+v", st)
	}

	// The test left open before the update finishes after it, with its
	// parameters.
	used := map[string]scoring.Calibration{"q3": {B: -1, A: 1}, "q4": {B: 0.5, A: 1.2}}
	if err := s.FinishTestWith(ctx, 2, TestOutcome{Result: TestResult{Level: 1}, Difficulties: used}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.TestDifficulties(ctx, 2); err != nil || !maps.Equal(got, used) {
		t.Errorf("difficulties of the test finished after the update: %v, %v", got, err)
	}
	if _, err := s.db.Exec("UPDATE tests SET difficulties = 'pas du JSON' WHERE id = 1"); err == nil {
		t.Error("the tests table took difficulties that are not JSON")
	}
	if res := integrity(t, path); res != "ok" {
		t.Errorf("integrity_check: %s", res)
	}
}
