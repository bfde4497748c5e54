package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/progress/postgres"
	"pasapas/record"
	"pasapas/scoring"
)

// Two PCs of two places on one server: each lists and reaches only its
// own learners; the questions' statistics are the whole database's.
func TestPlaces(t *testing.T) {
	sch := schema(t)
	ctx := context.Background()
	a := open(t, sch, "Médiathèque des Tilleuls", nil)
	a2 := open(t, sch, "Médiathèque des Tilleuls", nil) // another PC of the same place
	b := open(t, sch, "France Services Nord", nil)

	lea, err := a.CreateLearner(ctx, "Léa", "4827", record.Prefs{})
	if err != nil {
		t.Fatal(err)
	}
	marc, err := b.CreateLearner(ctx, "Marc", "", record.Prefs{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.RecordAnswer(ctx, record.Answer{Learner: lea.ID, Question: "q1", Variant: "q1", Given: "1", Result: record.Correct}); err != nil {
		t.Fatal(err)
	}
	if err := a.SaveLessonStep(ctx, lea.ID, record.LessonStep{Lesson: "mail-1", Step: 3}); err != nil {
		t.Fatal(err)
	}
	test, err := a.StartTest(ctx, lea.ID, "mail", 7)
	if err != nil {
		t.Fatal(err)
	}

	names := func(s *postgres.Store) []string {
		list, err := s.Learners(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, l := range list {
			out = append(out, l.Name)
		}
		return out
	}
	if got := fmt.Sprint(names(a), names(a2), names(b)); got != "[Léa] [Léa] [Marc]" {
		t.Errorf("learners per PC: %s, want [Léa] [Léa] [Marc]", got)
	}
	// The other PC of the place resumes the lesson where it was.
	st, err := a2.LoadState(ctx, lea.ID)
	if err != nil || st.Lessons["mail-1"].Step != 3 || len(st.OpenTests) != 1 {
		t.Fatalf("on the other PC of the place: %+v, %v", st, err)
	}
	if err := a2.CheckPIN(ctx, lea.ID, "4827"); err != nil {
		t.Errorf("CheckPIN on the other PC: %v", err)
	}

	// Another place reaches none of it.
	calls := map[string]func() error{
		"LoadState":      func() error { _, err := b.LoadState(ctx, lea.ID); return err },
		"Seen":           func() error { return b.Seen(ctx, lea.ID) },
		"SetPrefs":       func() error { return b.SetPrefs(ctx, lea.ID, record.Prefs{}) },
		"SetPIN":         func() error { return b.SetPIN(ctx, lea.ID, "") },
		"CheckPIN":       func() error { return b.CheckPIN(ctx, lea.ID, "4827") },
		"Erase":          func() error { return b.Erase(ctx, lea.ID) },
		"ExportFile":     func() error { return b.ExportFile(ctx, lea.ID, filepath.Join(t.TempDir(), "x.json")) },
		"StartTest":      func() error { _, err := b.StartTest(ctx, lea.ID, "mail", 1); return err },
		"SaveLessonStep": func() error { return b.SaveLessonStep(ctx, lea.ID, record.LessonStep{Lesson: "x"}) },
		"SaveReviewCards": func() error {
			return b.SaveReviewCards(ctx, lea.ID, record.ReviewCard{Acquis: "a"})
		},
		"RecordAnswer": func() error {
			_, err := b.RecordAnswer(ctx, record.Answer{Learner: lea.ID, Question: "q", Given: "1", Result: record.Correct})
			return err
		},
		"FinishTestWith": func() error {
			return b.FinishTestWith(ctx, test, record.TestOutcome{Result: record.TestResult{Level: 1}})
		},
		"AbandonTest":      func() error { return b.AbandonTest(ctx, test) },
		"TestDifficulties": func() error { _, err := b.TestDifficulties(ctx, test); return err },
	}
	for name, call := range calls {
		if err := call(); !errors.Is(err, record.ErrNotFound) {
			t.Errorf("%s of another place's learner: %v, want ErrNotFound", name, err)
		}
	}
	if open, err := b.OpenTests(ctx, lea.ID); len(open) != 0 || err != nil {
		t.Errorf("OpenTests of another place's learner: %+v, %v", open, err)
	}
	if answers, err := b.TestAnswers(ctx, test); len(answers) != 0 || err != nil {
		t.Errorf("TestAnswers of another place's test: %+v, %v", answers, err)
	}
	// Marc was not touched by Léa's place either.
	if _, err := a.LoadState(ctx, marc.ID); !errors.Is(err, record.ErrNotFound) {
		t.Errorf("LoadState of Marc from Léa's place: %v", err)
	}
	// Results are the place's.
	if _, err := a.RecordAnswer(ctx, record.Answer{Learner: lea.ID, Question: "q2", Variant: "q2", Given: "1", Result: record.Correct, Test: test}); err != nil {
		t.Fatal(err)
	}
	if err := a.FinishTestWith(ctx, test, record.TestOutcome{Result: record.TestResult{Level: 2}}); err != nil {
		t.Fatal(err)
	}
	if r, _ := b.ResultsByCompetence(ctx); len(r) != 0 {
		t.Errorf("results seen from another place: %+v", r)
	}
	if r, _ := a2.ResultsByCompetence(ctx); len(r) != 1 || r[0].Learners[0].Name != "Léa" {
		t.Errorf("results of the place: %+v", r)
	}
	// The questions' statistics and exposure are shared by the network.
	if st, _ := b.ItemStats(ctx); st["q1"].Answers != 1 || st["q2"].Answers != 1 {
		t.Errorf("item statistics from another place: %+v", st)
	}
	if n, _, _ := b.Exposure(ctx, "mail"); n != 1 {
		t.Errorf("exposure from another place: %d tests, want 1 (shared)", n)
	}
}

// An erased learner leaves no row in any table of the schema: every table
// with a learner_id, and no answer or test of theirs by id.
func TestEraseLeavesNoRow(t *testing.T) {
	sch := schema(t)
	ctx := context.Background()
	s := open(t, sch, "Mairie", nil)
	var ids []record.LearnerID
	var tests []int64
	// The médiateur's space and the ateliers hold rows of each learner too.
	med, err := s.CreateMediator(ctx, 0, "Sophie", "4826")
	must(t, err)
	run, err := s.OpenRun(ctx, record.Run{Atelier: "mails", Title: "Mails", Code: "CDEF", OpenedBy: med.ID})
	must(t, err)
	for _, name := range []string{"Efface", "Garde"} {
		l, err := s.CreateLearner(ctx, name, "2468", record.Prefs{})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, l.ID)
		test, _ := s.StartTest(ctx, l.ID, "mail", 1)
		tests = append(tests, int64(test))
		for _, q := range []string{"q1", "q2"} {
			if _, err := s.RecordAnswer(ctx, record.Answer{Learner: l.ID, Question: q, Variant: q, Given: `{"t":"` + name + `"}`, Result: record.Correct, Test: test}); err != nil {
				t.Fatal(err)
			}
		}
		must(t, s.FinishTestWith(ctx, test, record.TestOutcome{Result: record.TestResult{Level: 2},
			Acquis:       []record.AcquisState{{Acquis: "a1", Mastery: 0.5}},
			Difficulties: map[string]scoring.Calibration{"q1": {B: 1, A: 1}}}))
		must(t, s.SaveLessonStep(ctx, l.ID, record.LessonStep{Lesson: "l1", Step: 2, Done: true}))
		must(t, s.SaveReviewCards(ctx, l.ID, record.ReviewCard{Acquis: "a1", Stability: 1}))
		_, _ = s.StartTest(ctx, l.ID, "web", 2) // an open test too
		must(t, s.SetSharing(ctx, l.ID, true))
		must(t, s.JoinRun(ctx, run.ID, l.ID, true))
		must(t, s.SetCall(ctx, l.ID, true))
		_, err = s.StartVisit(ctx, record.Visit{Learner: l.ID, Place: "PC de " + name, Run: run.ID})
		must(t, err)
		_, err = s.AddNote(ctx, med.ID, l.ID, "Note sur "+name)
		must(t, err)
	}
	gone := ids[0]
	must(t, s.Erase(ctx, gone))

	conn, err := pgx.Connect(ctx, serverURL(t))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT table_name FROM information_schema.columns
		WHERE table_schema = $1 AND column_name = 'learner_id' ORDER BY table_name`, sch)
	if err != nil {
		t.Fatal(err)
	}
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil || len(tables) < 5 {
		t.Fatalf("tables with a learner_id: %v, %v", tables, err)
	}
	count := func(query string, args ...any) int {
		var n int
		if err := conn.QueryRow(ctx, query, args...).Scan(&n); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		return n
	}
	for _, table := range tables {
		if table == "mediator_actions" {
			// The journal keeps the profile's number on purpose (who
			// did what); the check below shows it keeps nothing else.
			continue
		}
		q := "SELECT count(*) FROM " + pgx.Identifier{sch, table}.Sanitize() + " WHERE learner_id = $1"
		if n := count(q, int64(gone)); n != 0 {
			t.Errorf("%s holds %d rows of the erased learner", table, n)
		}
		if n := count("SELECT count(*) FROM "+pgx.Identifier{sch, table}.Sanitize()+" WHERE learner_id = $1", int64(ids[1])); n == 0 {
			t.Errorf("%s holds no row of the kept learner: the check would prove nothing", table)
		}
	}
	if len(tables) < 10 {
		t.Errorf("tables with a learner_id: %v: the space's and the ateliers' tables are missing", tables)
	}
	// No row of any table holds the erased learner's name, in any column.
	rows, err = conn.Query(ctx, "SELECT table_name FROM information_schema.tables WHERE table_schema = $1", sch)
	if err != nil {
		t.Fatal(err)
	}
	all, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatal(err)
	}
	for _, table := range all {
		q := "SELECT count(*) FROM " + pgx.Identifier{sch, table}.Sanitize() + " t WHERE t::text LIKE '%Efface%'"
		if n := count(q); n != 0 {
			t.Errorf("%s holds %d rows naming the erased learner", table, n)
		}
	}
	learners := pgx.Identifier{sch, "learners"}.Sanitize()
	if n := count("SELECT count(*) FROM "+learners+" WHERE id = $1", int64(gone)); n != 0 {
		t.Errorf("the learner's row is still there")
	}
	if n := count("SELECT count(*) FROM "+pgx.Identifier{sch, "answers"}.Sanitize()+" WHERE test_id = $1 OR given::text LIKE '%Efface%'", tests[0]); n != 0 {
		t.Errorf("%d answers of the erased learner remain", n)
	}
	if n := count("SELECT count(*) FROM "+pgx.Identifier{sch, "tests"}.Sanitize()+" WHERE id = $1", tests[0]); n != 0 {
		t.Errorf("the erased learner's test remains")
	}
}

// Two PCs finish tests on the same questions at once, many times: no
// calibration step is lost (each Calibrate sees the other's result), and
// none fails.
func TestConcurrentFinishes(t *testing.T) {
	sch := schema(t)
	ctx := context.Background()
	pcs := []*postgres.Store{open(t, sch, "Mairie", nil), open(t, sch, "Mairie", nil), open(t, sch, "Médiathèque", nil)}
	const each = 6
	var tests [][]record.TestID
	for i, s := range pcs {
		l, err := s.CreateLearner(ctx, fmt.Sprintf("PC %d", i), "", record.Prefs{})
		if err != nil {
			t.Fatal(err)
		}
		var ids []record.TestID
		for range each {
			id, err := s.StartTest(ctx, l.ID, "mail", 1)
			if err != nil {
				t.Fatal(err)
			}
			for _, q := range []string{"q3", "q1", "q2"} {
				if _, err := s.RecordAnswer(ctx, record.Answer{Learner: l.ID, Question: q, Variant: q, Given: "1", Result: record.Correct, Test: id}); err != nil {
					t.Fatal(err)
				}
			}
			ids = append(ids, id)
		}
		tests = append(tests, ids)
	}
	plusOne := func(cur map[string]scoring.Calibration) map[string]scoring.Calibration {
		out := map[string]scoring.Calibration{}
		for q, c := range cur {
			out[q] = scoring.Calibration{B: c.B + 1, N: c.N + 1}
		}
		return out
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(pcs)*each)
	for i, s := range pcs {
		wg.Go(func() {
			for _, id := range tests[i] {
				if err := s.FinishTestWith(ctx, id, record.TestOutcome{Result: record.TestResult{Level: 1}, Calibrate: plusOne}); err != nil {
					errs <- err
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	st, err := pcs[0].ItemStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"q1", "q2", "q3"} {
		if c := st[q].Calibrated; c == nil || c.N != len(pcs)*each || c.B != float64(len(pcs)*each) {
			t.Errorf("%s calibrated %+v, want %d steps (none lost)", q, c, len(pcs)*each)
		}
	}
}

func TestURLs(t *testing.T) {
	for _, c := range []struct {
		url  string
		want error
	}{
		{"postgres://pasapas@serveur.local:5432/pasapas", nil},
		{"postgresql://pasapas@10.0.0.5/pasapas?sslmode=require", nil},
		{"postgres://pasapas:secret@serveur/pasapas", postgres.ErrPasswordInURL},
		{"postgres://pasapas@serveur/pasapas?password=secret", postgres.ErrPasswordInURL},
		{"host=serveur user=pasapas", record.ErrInvalid},
		{"host=serveur user=pasapas password=secret", postgres.ErrPasswordInURL},
		{"pasapas:secret@serveur/pasapas", postgres.ErrPasswordInURL},
		{"postgre://pasapas@serveur/pasapas", record.ErrInvalid},
		{"http://pasapas@serveur/pasapas", record.ErrInvalid},
		{"postgre://pasapas:secret@serveur/pasapas", postgres.ErrPasswordInURL},
		{"postgres://pasapas@serveur/pasapas?PassWord=secret", postgres.ErrPasswordInURL},
		{"/home/pc/progres.db", record.ErrInvalid},
	} {
		if err := postgres.CheckURL(c.url); !errors.Is(err, c.want) && !(c.want == nil && err == nil) {
			t.Errorf("CheckURL(%q) = %v, want %v", c.url, err, c.want)
		}
	}
	_, err := postgres.Open(context.Background(), postgres.Options{URL: "postgres://u:pw@h/d", Place: "x"})
	if !errors.Is(err, postgres.ErrPasswordInURL) {
		t.Errorf("Open with a password: %v", err)
	}
}

// A server nobody answers at: Open says so with an *UnreachableError,
// which says itself in French and English.
func TestUnreachableAtStart(t *testing.T) {
	_, err := postgres.Open(context.Background(), postgres.Options{URL: "postgres://pasapas@127.0.0.1:1/pasapas?connect_timeout=2", Place: "Mairie"})
	var u *postgres.UnreachableError
	var ex record.Explainer
	if !errors.As(err, &u) || !errors.As(err, &ex) {
		t.Fatalf("Open on a closed port: %v (%T), want *UnreachableError", err, err)
	}
	if fr := record.Explain(err, i18n.FR); fr == record.Explain(errors.New("x"), i18n.FR) || !containsAll(fr, "serveur", "rien n'est enregistré") {
		t.Errorf("French message: %q", fr)
	}
	if en := record.Explain(err, i18n.EN); !containsAll(en, "server", "nothing is being saved") {
		t.Errorf("English message: %q", en)
	}
}

// A server that answers but refuses the role: a *RefusedError that says to
// tell the IT person, not "try again".
func TestRefused(t *testing.T) {
	u := serverURL(t)
	bad := strings.Replace(u, "postgres://postgres@", "postgres://personne_inconnue@", 1)
	_, err := postgres.Open(context.Background(), postgres.Options{URL: bad, Place: "Mairie"})
	var r *postgres.RefusedError
	if !errors.As(err, &r) || postgres.IsUnreachable(err) {
		t.Fatalf("Open as an unknown role: %v (%T), want *RefusedError", err, err)
	}
	if fr := record.Explain(err, i18n.FR); !strings.Contains(fr, "refuse ce PC") {
		t.Errorf("French message: %q", fr)
	}
}

// The server stopped during a session: the calls fail with an
// *UnreachableError, nothing is half-saved, and once it is started again the
// same store works, with no reopening.
func TestServerStoppedAndBack(t *testing.T) {
	ctl := os.Getenv("PASAPAS_TEST_PGCTL")
	if ctl == "" {
		t.Skip("PostgreSQL: PASAPAS_TEST_PGCTL not set (.ci/postgres sets it): the server cannot be stopped from here")
	}
	sch := schema(t)
	ctx := context.Background()
	s := open(t, sch, "Mairie", nil)
	l, err := s.CreateLearner(ctx, "Léa", "", record.Prefs{})
	if err != nil {
		t.Fatal(err)
	}
	answer := func(q string) error {
		_, err := s.RecordAnswer(ctx, record.Answer{Learner: l.ID, Question: q, Variant: q, Given: "1", Result: record.Correct})
		return err
	}
	must(t, answer("avant"))
	run := func(arg string) {
		if out, err := exec.Command(ctl, arg).CombinedOutput(); err != nil {
			t.Fatalf("%s %s: %v\n%s", ctl, arg, err, out)
		}
	}
	run("stop")
	started := false
	defer func() {
		if !started {
			run("start")
		}
	}()
	for range 2 {
		if err := answer("pendant"); !postgres.IsUnreachable(err) {
			t.Errorf("answer with the server stopped: %v, want *UnreachableError", err)
		}
	}
	run("start")
	started = true
	must(t, answer("apres"))
	stats, _ := s.ItemStats(ctx)
	if stats["avant"].Answers != 1 || stats["pendant"].Answers != 0 || stats["apres"].Answers != 1 {
		t.Errorf("after the server came back: %+v", stats)
	}
}

// The server restarts between two answers, faster than the pool's health
// check: the first answer after it is saved (the connections the server
// closed are dropped at BEGIN, where nothing has run), not refused.
func TestFirstWriteAfterQuickRestart(t *testing.T) {
	ctl := os.Getenv("PASAPAS_TEST_PGCTL")
	if ctl == "" {
		t.Skip("PostgreSQL: PASAPAS_TEST_PGCTL not set (.ci/postgres sets it): the server cannot be stopped from here")
	}
	sch := schema(t)
	ctx := context.Background()
	s := open(t, sch, "Mairie", nil)
	l, err := s.CreateLearner(ctx, "Léa", "", record.Prefs{})
	must(t, err)
	must(t, s.SaveLessonStep(ctx, l.ID, record.LessonStep{Lesson: "mail-adresse", Step: 1}))
	for _, arg := range []string{"stop", "start"} {
		if out, err := exec.Command(ctl, arg).CombinedOutput(); err != nil {
			t.Fatalf("%s %s: %v\n%s", ctl, arg, err, out)
		}
	}
	if err := s.SaveLessonStep(ctx, l.ID, record.LessonStep{Lesson: "mail-adresse", Step: 2}); err != nil {
		t.Fatalf("the first step after the restart: %v", err)
	}
	st, err := s.LoadState(ctx, l.ID)
	must(t, err)
	if st.Lessons["mail-adresse"].Step != 2 {
		t.Errorf("step %d after the restart, want 2", st.Lessons["mail-adresse"].Step)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func containsAll(s string, words ...string) bool {
	for _, w := range words {
		if !strings.Contains(s, w) {
			return false
		}
	}
	return true
}

// TestPositioningRhoByPlace: the correlation a positioning starts with is
// estimated from the results of its place's learners only: one place with
// enough pairs has an estimate, another place of the same server, with
// none of its own, has the default.
func TestPositioningRhoByPlace(t *testing.T) {
	sch := schema(t)
	ctx := context.Background()
	a := open(t, sch, "Médiathèque des Tilleuls", nil)
	b := open(t, sch, "France Services Nord", nil)
	for i := range scoring.MinRhoLearners + 10 {
		l, err := a.CreateLearner(ctx, fmt.Sprintf("Personne %d", i), "", record.Prefs{})
		if err != nil {
			t.Fatal(err)
		}
		for j, comp := range []string{"mail", "video"} {
			id, err := a.StartTest(ctx, l.ID, comp, int64(i))
			if err != nil {
				t.Fatal(err)
			}
			theta := float64((i*(2*j+1))%7-3) / 2
			res := record.TestResult{Theta: theta, SE: 0.3, Level: scoring.DefaultScale.Level(theta), StopReason: "precision"}
			if err := a.FinishTestWith(ctx, id, record.TestOutcome{Result: res}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if rho, estimated, err := learning.New(a, learning.Options{}).PositioningRho(ctx); err != nil || !estimated || rho == scoring.DefaultRho {
		t.Fatalf("the place with results: ρ %v estimated %v (%v), want an estimate", rho, estimated, err)
	}
	if rho, estimated, err := learning.New(b, learning.Options{}).PositioningRho(ctx); err != nil || estimated || rho != scoring.DefaultRho {
		t.Errorf("another place: ρ %v estimated %v (%v), want the default: the results of the first place are not its own", rho, estimated, err)
	}
}
