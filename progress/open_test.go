package progress

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"testing"
	"time"

	"pasapas/i18n"
	"pasapas/lessons"
)

// wantTables are the tables of the current schema.
var wantTables = []string{"acquis_states", "answers", "atelier_members", "atelier_runs", "calls", "item_stats",
	"learner_space", "learners", "lesson_progress", "mediator_actions", "mediator_notes", "mediators", "review_cards",
	"settings", "sqlite_sequence", "tests", "visits"}

func TestOpenCreatesFromEmpty(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(t *testing.T, path string)
	}{
		{"no folder, no file", func(t *testing.T, path string) {}},
		{"empty file", func(t *testing.T, path string) {
			os.MkdirAll(filepath.Dir(path), 0o755)
			if err := os.WriteFile(path, nil, 0o644); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tempPath(t)
			tt.prepare(t, path)
			s := openTest(t, path, nil)
			if s.Recovered() != nil {
				t.Fatalf("Recovered = %+v on a new file", s.Recovered())
			}
			ctx := context.Background()
			var version, appID int
			var journal string
			if err := s.db.QueryRowContext(ctx, "SELECT (SELECT user_version FROM pragma_user_version), "+
				"(SELECT application_id FROM pragma_application_id), (SELECT journal_mode FROM pragma_journal_mode)").
				Scan(&version, &appID, &journal); err != nil {
				t.Fatal(err)
			}
			if version != SchemaVersion || appID != applicationID || journal != "wal" {
				t.Fatalf("user_version %d, application_id %#x, journal %q; want %d, %#x, wal", version, appID, journal, SchemaVersion, applicationID)
			}
			var tables []string
			rows, err := s.db.QueryContext(ctx, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var n string
				rows.Scan(&n)
				tables = append(tables, n)
			}
			rows.Close()
			if !slices.Equal(tables, wantTables) {
				t.Fatalf("tables %v, want %v", tables, wantTables)
			}
			if _, err := s.CreateLearner(ctx, "Léa", "", Prefs{}); err != nil {
				t.Fatal(err)
			}
		})
	}
}

// TestConnectionSettings checks the promises of every pooled connection:
// durable commits, foreign keys, waiting on locks, zeroed deletes.
func TestConnectionSettings(t *testing.T) {
	s := openTest(t, tempPath(t), nil)
	ctx := context.Background()
	// Hold several connections at once so the pool opens more than one.
	var conns []interface{ Close() error }
	for i := 0; i < 3; i++ {
		c, err := s.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		var sync, fk, busy, secure int
		if err := c.QueryRowContext(ctx, "SELECT (SELECT synchronous FROM pragma_synchronous), "+
			"(SELECT foreign_keys FROM pragma_foreign_keys), (SELECT timeout FROM pragma_busy_timeout), "+
			"(SELECT secure_delete FROM pragma_secure_delete)").Scan(&sync, &fk, &busy, &secure); err != nil {
			t.Fatal(err)
		}
		if sync != 2 || fk != 1 || busy < 5000 || secure != 1 {
			t.Fatalf("connection %d: synchronous=%d foreign_keys=%d busy_timeout=%d secure_delete=%d; want 2 (FULL), 1, >=5000, 1",
				i, sync, fk, busy, secure)
		}
	}
	for _, c := range conns {
		c.Close()
	}
}

func TestFilesArePrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no Unix modes; the profile folder's rights keep the file private")
	}
	old := setUmask(0o022) // a usual umask: SQLite alone would create 0644 files
	defer setUmask(old)
	path := tempPath(t)
	s := openTest(t, path, nil)
	mustLearner(t, s, "Léa", "") // a write: the -wal file now has content
	check := func(p string, want os.FileMode) {
		t.Helper()
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s: mode %o, want %o", filepath.Base(p), got, want)
		}
	}
	check(filepath.Dir(path), 0o700)
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		check(p, 0o600)
	}

	// A file copied in with wide rights is made private again on open.
	s.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		os.Chmod(p, 0o666) // some may be gone after the close
	}
	openTest(t, path, nil)
	check(path, 0o600)
}

// TestReopenAndResume is the learner coming back next week: everything saved
// before the program closed is found again.
func TestReopenAndResume(t *testing.T) {
	ctx := context.Background()
	path := tempPath(t)
	clk := newClock()
	s := openTest(t, path, clk)
	prefs := Prefs{Lang: i18n.EN, Theme: "contraste", Device: lessons.Android, Mouse: true}
	l, err := s.CreateLearner(ctx, "Josiane", "4821", prefs)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveLessonStep(ctx, l.ID, LessonStep{Lesson: "adresse-mail", Step: 3, Device: lessons.Android}); err != nil {
		t.Fatal(err)
	}
	done, err := s.StartTest(ctx, l.ID, "mail", 7)
	if err != nil {
		t.Fatal(err)
	}
	mustAnswer(t, s, Answer{Learner: l.ID, Question: "q-mail-1", Test: done})
	clk.Advance(time.Minute)
	if err := s.FinishTest(ctx, done, TestResult{Theta: 0.4, SE: 0.3, Level: 2, StopReason: "precision"}); err != nil {
		t.Fatal(err)
	}
	open, err := s.StartTest(ctx, l.ID, Positioning, 42)
	if err != nil {
		t.Fatal(err)
	}
	var replay []AnswerID
	for i, q := range []string{"q-b", "q-a", "q-c"} {
		clk.Advance(time.Second)
		replay = append(replay, mustAnswer(t, s, Answer{Learner: l.ID, Question: q, Variant: "q-a",
			Result: []Result{Correct, Incorrect, Skipped}[i], Forgiven: []string{"accents"}, Duration: 1500 * time.Millisecond, Test: open}))
	}
	acq := AcquisState{Acquis: "mail-adresse-1", Mastery: 0.8, Answers: 3, LastSeen: clk.Now()}
	card := ReviewCard{Acquis: "mail-adresse-1", Due: clk.Now().Add(72 * time.Hour), Stability: 3.2, Difficulty: 5.1,
		ElapsedDays: 1, ScheduledDays: 3, Reps: 2, Lapses: 1, State: 2, LastReview: clk.Now()}
	if err := s.SaveAcquis(ctx, l.ID, acq); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveReviewCards(ctx, l.ID, card); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	s2 := openTest(t, path, clk)
	st, err := s2.LoadState(ctx, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	if st.Learner.Name != "Josiane" || !st.Learner.HasPIN || st.Learner.Prefs != prefs {
		t.Errorf("learner = %+v", st.Learner)
	}
	if p := st.Lessons["adresse-mail"]; p.Step != 3 || p.Done || p.Device != lessons.Android {
		t.Errorf("lesson progress = %+v", p)
	}
	if len(st.Tests) != 2 || st.Tests[0].Result == nil || st.Tests[0].Result.Level != 2 || !st.Tests[1].Open() {
		t.Errorf("tests = %+v", st.Tests)
	}
	if len(st.OpenTests) != 1 || st.OpenTests[0].ID != open || st.OpenTests[0].Seed != 42 {
		t.Fatalf("open tests = %+v", st.OpenTests)
	}
	var got []AnswerID
	for _, a := range st.OpenTests[0].Answers {
		got = append(got, a.ID)
	}
	if !slices.Equal(got, replay) {
		t.Errorf("replayed answers %v, want %v in order", got, replay)
	}
	if a := st.OpenTests[0].Answers[1]; a.Question != "q-a" || a.Result != Incorrect || a.Duration != 1500*time.Millisecond ||
		!slices.Equal(a.Forgiven, []string{"accents"}) || a.Given != `{"choix":["a"]}` {
		t.Errorf("answer = %+v", a)
	}
	if !reflect.DeepEqual(st.Acquis["mail-adresse-1"], roundMS(acq)) {
		t.Errorf("acquis = %+v, want %+v", st.Acquis["mail-adresse-1"], acq)
	}
	if !reflect.DeepEqual(st.Reviews["mail-adresse-1"], roundCard(card)) {
		t.Errorf("review card = %+v, want %+v", st.Reviews["mail-adresse-1"], card)
	}
}

// roundMS and roundCard give values as they come back: times at millisecond
// precision in the local zone.
func roundMS(a AcquisState) AcquisState { a.LastSeen = fromMS(ms(a.LastSeen)); return a }
func roundCard(c ReviewCard) ReviewCard {
	c.Due, c.LastReview = fromMS(ms(c.Due)), fromMS(ms(c.LastReview))
	return c
}

// TestNotDamageNotMovedAside: a path that cannot be opened for another
// reason than damage gives an error and nothing is moved.
func TestNotDamageNotMovedAside(t *testing.T) {
	path := tempPath(t)
	if err := os.MkdirAll(path, 0o700); err != nil { // a folder where the file should be
		t.Fatal(err)
	}
	_, err := OpenWith(path, Options{Now: newClock().Now})
	if err == nil {
		t.Fatal("Open on a folder succeeded")
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	// The failure is logged beside it (pasapas.log); nothing else appears.
	entries = slices.DeleteFunc(entries, func(e os.DirEntry) bool { return e.Name() == LogName })
	if len(entries) != 1 || entries[0].Name() != FileName {
		t.Fatalf("folder holds %v, want only %s untouched", entries, FileName)
	}
}
