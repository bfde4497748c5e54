package progress

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"pasapas/record"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"pasapas/lessons"
)

// fillLearner gives a learner one row or more in every table of theirs, with
// marker in their name and in their free-text answers.
func fillLearner(t *testing.T, s *Store, clk *clock, marker string) LearnerID {
	t.Helper()
	ctx := context.Background()
	l, err := s.CreateLearner(ctx, "Zébulon "+marker, "2468", Prefs{Device: lessons.Android})
	if err != nil {
		t.Fatal(err)
	}
	given := `{"texte":"` + marker + `@exemple.fr"}`
	done, _ := s.StartTest(ctx, l.ID, "mail", 3)
	for i := range 5 {
		clk.Advance(time.Second)
		mustAnswer(t, s, Answer{Learner: l.ID, Question: "q-mail-" + itoa(int64(i)), Given: given, Test: done,
			Forgiven: []string{"casse"}, Duration: time.Duration(i) * time.Second})
	}
	s.FinishTest(ctx, done, TestResult{Theta: 1, SE: 0.3, Level: 3, StopReason: "precision"})
	open, _ := s.StartTest(ctx, l.ID, Positioning, 4)
	mustAnswer(t, s, Answer{Learner: l.ID, Question: "q-pos-1", Given: given, Test: open, Result: Skipped})
	mustAnswer(t, s, Answer{Learner: l.ID, Question: "q-lecon", Given: given, Lesson: "adresse-mail"})
	if err := s.SaveLessonStep(ctx, l.ID, LessonStep{Lesson: "adresse-mail", Step: 2, Device: lessons.Android}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAcquis(ctx, l.ID, AcquisState{Acquis: "mail-1", Mastery: 0.7}, AcquisState{Acquis: "mail-2", Mastery: 0.2}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveReviewCards(ctx, l.ID, ReviewCard{Acquis: "mail-1", Due: clk.Now().Add(48 * time.Hour), Stability: 2, Difficulty: 5, Reps: 1, State: 1}); err != nil {
		t.Fatal(err)
	}
	for range 3 {
		s.CheckPIN(ctx, l.ID, "0000") // PIN failure state is theirs too
	}
	return l.ID
}

// learnerTables lists the tables holding a learner_id column, found from the
// schema so that a table added later cannot be forgotten by these tests.
func learnerTables(t *testing.T, s *Store) []string {
	t.Helper()
	rows, err := s.db.Query(`SELECT m.name FROM sqlite_schema m, pragma_table_info(m.name) c
		WHERE m.type = 'table' AND c.name = 'learner_id' ORDER BY m.name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		out = append(out, n)
	}
	return out
}

func countRows(t *testing.T, s *Store, table, column string, id LearnerID) int {
	t.Helper()
	var n int
	if err := s.db.QueryRow("SELECT count(*) FROM "+table+" WHERE "+column+" = ?", id).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestExportIsComplete(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	s := openTest(t, tempPath(t), clk)
	a := fillLearner(t, s, clk, "MARQUEUR-A")
	fillLearner(t, s, clk, "MARQUEUR-B")
	// What the médiateur's space keeps about them: consent, a journal line.
	m, err := s.CreateMediator(ctx, 0, "Sophie", "4826")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetSharing(ctx, a, true); err != nil {
		t.Fatal(err)
	}
	if err := s.SetArchived(ctx, m.ID, a, false); err != nil {
		t.Fatal(err)
	}
	// Ateliers, visits, a call, a note (schema 6).
	run, err := s.OpenRun(ctx, record.Run{Atelier: "a", Title: "A", Code: "CDEF", OpenedBy: m.ID})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.JoinRun(ctx, run.ID, a, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.StartVisit(ctx, record.Visit{Learner: a, Place: "PC 1", Run: run.ID}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetCall(ctx, a, true); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddNote(ctx, m.ID, a, "Une note"); err != nil {
		t.Fatal(err)
	}
	e, err := s.Export(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	space := 0
	if e.Space.Shares {
		space = 1
	}
	exported := map[string]int{
		"answers": len(e.Answers), "tests": len(e.Tests), "lesson_progress": len(e.Lessons),
		"acquis_states": len(e.Acquis), "review_cards": len(e.Reviews),
		"learner_space": space, "mediator_actions": len(e.Space.Journal),
		"atelier_members": len(e.Space.Ateliers), "visits": len(e.Space.Visits), "mediator_notes": len(e.Space.Notes),
		"calls": map[bool]int{true: 1}[!e.Space.CallingSince.IsZero()],
	}
	for _, table := range learnerTables(t, s) {
		n, ok := exported[table]
		if !ok {
			t.Errorf("table %s holds learner data that the export leaves out", table)
			continue
		}
		if want := countRows(t, s, table, "learner_id", a); n != want || n == 0 {
			t.Errorf("%s: %d exported, %d in the file", table, n, want)
		}
	}
	if e.Learner.ID != a || !strings.Contains(e.Learner.Name, "MARQUEUR-A") {
		t.Errorf("profile %+v", e.Learner)
	}

	var buf bytes.Buffer
	if err := e.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	if strings.Contains(text, "MARQUEUR-B") || strings.Contains(text, "argon2") {
		t.Fatal("the export holds another learner's data or the PIN hash")
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"format", "version", "exporte_le", "profil", "lecons", "tests", "reponses", "acquis", "revisions"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("export has no %q", k)
		}
	}
	var answers []map[string]any
	json.Unmarshal(doc["reponses"], &answers)
	if len(answers) == 0 {
		t.Fatal("no answers in the JSON")
	}
	if given, ok := answers[0]["reponse"].(map[string]any); !ok || given["texte"] != "MARQUEUR-A@exemple.fr" {
		t.Errorf("answer given %v, want the JSON object", answers[0]["reponse"])
	}
	if answers[1]["duree_ms"] != float64(1000) {
		t.Errorf("duree_ms = %v, want 1000", answers[1]["duree_ms"])
	}

	out := filepath.Join(t.TempDir(), "mes-donnees.json")
	if err := s.ExportFile(ctx, a, out); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("export file mode %o, want 600", fi.Mode().Perm())
	}
	if b := read(t, out); !json.Valid(b) || !bytes.Contains(b, []byte("MARQUEUR-A")) {
		t.Error("export file is not the JSON export")
	}
	if _, err := s.Export(ctx, 999); !errors.Is(err, ErrNotFound) {
		t.Errorf("export of an unknown learner: %v", err)
	}
}

// TestEraseLeavesNothing: after an erase, no row and no byte of the learner
// is left in the file or its journal, and the others are untouched.
func TestEraseLeavesNothing(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	path := tempPath(t)
	s := openTest(t, path, clk)
	gone := fillLearner(t, s, clk, "EFFACE-MOI-7f3a")
	kept := fillLearner(t, s, clk, "GARDE-MOI-c41d")
	tables := learnerTables(t, s)
	keptBefore := map[string]int{}
	for _, table := range tables {
		keptBefore[table] = countRows(t, s, table, "learner_id", kept)
	}

	if err := s.Erase(ctx, gone); err != nil {
		t.Fatal(err)
	}
	if err := s.Erase(ctx, gone); !errors.Is(err, ErrNotFound) {
		t.Fatalf("second erase: %v, want ErrNotFound", err)
	}

	checkSQL := func() {
		t.Helper()
		if n := countRows(t, s, "learners", "id", gone); n != 0 {
			t.Errorf("learner row still there")
		}
		for _, table := range tables {
			if n := countRows(t, s, table, "learner_id", gone); n != 0 {
				t.Errorf("%s: %d rows of the erased learner", table, n)
			}
			if n := countRows(t, s, table, "learner_id", kept); n != keptBefore[table] {
				t.Errorf("%s: %d rows of the other learner, want %d", table, n, keptBefore[table])
			}
		}
		var leaks, free int
		s.db.QueryRow("SELECT count(*) FROM answers WHERE given LIKE '%EFFACE-MOI%'").Scan(&leaks)
		s.db.QueryRow("SELECT freelist_count FROM pragma_freelist_count").Scan(&free)
		if leaks != 0 || free != 0 {
			t.Errorf("%d answers mention the erased learner, %d free pages after VACUUM", leaks, free)
		}
	}
	checkBytes := func(when string) {
		t.Helper()
		for _, p := range []string{path, path + "-wal"} {
			b, err := os.ReadFile(p)
			if os.IsNotExist(err) {
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Contains(b, []byte("EFFACE-MOI")) {
				t.Errorf("%s: %s still holds the erased learner's bytes", when, filepath.Base(p))
			}
		}
		wal, _ := os.ReadFile(path + "-wal")
		if !bytes.Contains(read(t, path), []byte("GARDE-MOI")) && !bytes.Contains(wal, []byte("GARDE-MOI")) {
			t.Errorf("%s: the other learner's data is gone too", when)
		}
	}
	checkSQL()
	checkBytes("store open")
	s.Close()
	checkBytes("store closed")
	if got := integrity(t, path); got != "ok" {
		t.Fatalf("integrity_check after erase = %q", got)
	}
}
