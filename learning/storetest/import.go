package storetest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/lessons"
	"pasapas/record"
	"pasapas/scoring"
)

// importerOf finds a store's Importer (through Clocked).
func importerOf(s learning.Store) (learning.Importer, bool) {
	if c, ok := s.(Clocked); ok {
		s = c.Store
	}
	im, ok := s.(learning.Importer)
	return im, ok
}

// runImport is the contract of learning.Importer: a learner's export from
// one store, brought into their profile in another, gives the same tests,
// answers, lessons, acquis and review cards; bringing it twice changes
// nothing; a file with a broken answer changes nothing.
func runImport(t *testing.T, open func(*testing.T) learning.Store) {
	from := newEnv(t, open)
	to := newEnv(t, open)
	im, ok := importerOf(to.s)
	if !ok {
		t.Skip("the store cannot import (learning.Importer)")
	}
	l := from.learner("Léa", "2468")
	done := from.test(l.ID, "mail", "q1", true, "q2", false)
	from.advance(time.Second)
	is(t, "finish", from.s.FinishTestWith(from.ctx, done, record.TestOutcome{Result: record.TestResult{Theta: 0.5, SE: 0.4, Level: 2, StopReason: "precision"},
		Acquis: []record.AcquisState{{Acquis: "mail-1", Mastery: 0.6, Answers: 2}}}), nil)
	from.advance(time.Second)
	openTest := from.test(l.ID, "sante", "q3", true)
	from.answer(record.Answer{Learner: l.ID, Question: "q4", Lesson: "mail-adresse", Result: record.Incorrect})
	is(t, "step", from.s.SaveLessonStep(from.ctx, l.ID, record.LessonStep{Lesson: "mail-adresse", Step: 4, Done: true}), nil)
	is(t, "cards", from.s.SaveReviewCards(from.ctx, l.ID, record.ReviewCard{Acquis: "mail-1", Stability: 2, Reps: 1,
		Due: time.UnixMilli(1_800_000_000_000), LastReview: time.UnixMilli(1_700_000_000_000)}), nil)
	path := filepath.Join(t.TempDir(), "export.json")
	is(t, "ExportFile", from.s.ExportFile(from.ctx, l.ID, path), nil)
	p, err := learning.ReadExportFile(path)
	if err != nil {
		t.Fatalf("ReadExportFile: %v", err)
	}
	if p.Name != "Léa" || len(p.Tests) != 2 || len(p.Answers) != 4 {
		t.Fatalf("read back %+v: want Léa, 2 tests, 4 answers", p)
	}

	here := to.learner("Léa", "1357")
	bad := p
	bad.Answers = append(append([]record.Answer(nil), p.Answers...), record.Answer{Question: "q9", Given: "{", Result: record.Correct})
	_, err = im.ImportProgress(to.ctx, here.ID, bad)
	is(t, "a broken answer", err, record.ErrInvalid)
	if st := to.state(here.ID); len(st.Tests) != 0 || len(st.Lessons) != 0 {
		t.Errorf("a refused import changed the profile: %+v", st)
	}
	_, err = im.ImportProgress(to.ctx, 999, p)
	is(t, "into no one", err, record.ErrNotFound)

	n, err := im.ImportProgress(to.ctx, here.ID, p)
	if err != nil || n != (record.Imported{Tests: 2, Answers: 4, Lessons: 1}) {
		t.Fatalf("ImportProgress = %+v, %v: want 2 tests, 4 answers, 1 lesson", n, err)
	}
	src, got := from.state(l.ID), to.state(here.ID)
	if len(got.Tests) != 2 || got.Tests[0].Result == nil || got.Tests[0].Result.Level != 2 || !got.Tests[1].Open() {
		t.Errorf("tests %+v: want the finished one with level 2, then the open one", got.Tests)
	}
	if len(got.OpenTests) != 1 || len(got.OpenTests[0].Answers) != 1 || got.OpenTests[0].Competence != "sante" {
		t.Errorf("open tests %+v: want the sante test, resumable with its answer", got.OpenTests)
	}
	if lp := got.Lessons["mail-adresse"]; !lp.Done || lp.Step != 4 {
		t.Errorf("lesson %+v", lp)
	}
	if !reflect.DeepEqual(got.Acquis, src.Acquis) || !reflect.DeepEqual(got.Reviews, src.Reviews) {
		t.Errorf("acquis %+v / reviews %+v, want %+v / %+v", got.Acquis, got.Reviews, src.Acquis, src.Reviews)
	}
	if a, _ := to.s.TestAnswers(to.ctx, got.Tests[0].ID); len(a) != 2 || a[0].Question != "q1" || a[1].Result != record.Incorrect {
		t.Errorf("the finished test's answers %+v", a)
	}
	if got.Learner.Name != "Léa" || !got.Learner.HasPIN {
		t.Errorf("profile %+v: its own name and code stay", got.Learner)
	}
	_ = openTest

	again, err := im.ImportProgress(to.ctx, here.ID, p)
	if err != nil || again != (record.Imported{}) {
		t.Errorf("the same file again: %+v, %v; want nothing added", again, err)
	}
	if after := to.state(here.ID); !reflect.DeepEqual(after.Tests, got.Tests) || !reflect.DeepEqual(after.Acquis, got.Acquis) ||
		!reflect.DeepEqual(after.Lessons, got.Lessons) || len(after.OpenTests[0].Answers) != 1 {
		t.Errorf("the same file again changed the profile")
	}
	if _, err := learning.ReadExportFile(filepath.Join(t.TempDir(), "none.json")); err == nil {
		t.Error("reading no file: no error")
	}
	if !errors.Is(learning.ErrNotAnExport, record.ErrInvalid) {
		t.Error("ErrNotAnExport is not ErrInvalid")
	}
}

// replayCatalogue is the built-in content: a replay needs real questions.
var replayCatalogue = lessons.Load(lessons.Options{Today: time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)},
	lessons.Builtin()).Catalogue(i18n.FR)

// calibrateAll stores, for every question of the catalogue, a difficulty
// one logit away from its author level, up or down in turn (sign gives the
// first): a calibration that a bank's centring does not undo, and that
// two stores with opposite signs disagree on everywhere.
func (e *env) calibrateAll(sign float64) {
	e.t.Helper()
	authorB := scoring.AuthorDifficulties(replayCatalogue)
	ids := slices.Sorted(maps.Keys(authorB))
	c := make(map[string]scoring.Calibration, len(ids))
	for _, q := range ids {
		c[q] = scoring.Calibration{B: authorB[q] + sign, N: 40}
		sign = -sign
	}
	is(e.t, "SetItemDifficulties", e.s.SetItemDifficulties(e.ctx, c), nil)
}

// takeTest runs a test (or carries on the open one) through the use cases
// to its end, a right answer two times in three.
func takeTest(t *testing.T, app *learning.Service, id record.LearnerID, comp string) {
	t.Helper()
	ctx := context.Background()
	test, err := app.StartTest(ctx, replayCatalogue, id, comp)
	if err != nil {
		t.Fatalf("StartTest(%q): %v", comp, err)
	}
	for n := 0; ; n++ {
		step, ok := test.Next()
		if !ok {
			break
		}
		result := record.Correct
		if n%3 == 2 {
			result = record.Incorrect
		}
		a := record.Answer{Learner: id, Question: step.Item.ID, Variant: step.Item.Group, Given: `{}`, Result: result, Test: test.ID}
		if _, err := app.RecordAnswer(ctx, a, nil); err != nil {
			t.Fatalf("answer %d: %v", n+1, err)
		}
		if err := test.Record(step.Item.ID, result == record.Correct); err != nil {
			t.Fatal(err)
		}
	}
	if err := app.FinishTest(ctx, replayCatalogue, test); err != nil {
		t.Fatalf("FinishTest(%q): %v", comp, err)
	}
}

// result is what « Mes résultats » shows of one competence.
type result struct {
	Level     int
	Theta, SE float64
	Rough     bool // from a positioning
}

// shown is what « Mes résultats » shows, per competence.
func shown(t *testing.T, app *learning.Service, id record.LearnerID) map[string]result {
	t.Helper()
	st, err := app.Results(context.Background(), replayCatalogue, id)
	if err != nil {
		t.Fatalf("Results: %v", err)
	}
	out := map[string]result{}
	for _, e := range st.Entries {
		out[e.Competence.ID] = result{Level: e.Result.Level, Theta: e.Result.Theta, SE: e.Result.SE, Rough: e.Result.Rough}
	}
	return out
}

// runImportReplay: « nothing lost ». A learner's results are replayed from
// their answers with what each test ran with; their export carries it, so
// after an import into a store whose calibration differs they see the same
// levels and abilities, to the bit. A file without it (written before it
// was exported) still imports.
func runImportReplay(t *testing.T, open func(*testing.T) learning.Store) {
	from, to := newEnv(t, open), newEnv(t, open)
	im, ok := importerOf(to.s)
	if !ok {
		t.Skip("the store cannot import (learning.Importer)")
	}
	from.calibrateAll(1)
	to.calibrateAll(-1)
	src := learning.New(from.s, learning.Options{})
	l := from.learner("Léa", "2468")
	// The positioning runs with a stored ρ far from the default (as
	// PositioningRho estimates it from this store's other learners).
	const rho = 0.25
	if _, err := from.s.StartPositioning(from.ctx, l.ID, 42, rho); err != nil {
		t.Fatal(err)
	}
	takeTest(t, src, l.ID, record.Positioning)
	from.advance(time.Minute)
	takeTest(t, src, l.ID, "mail")
	before := shown(t, src, l.ID)
	if len(before) < 2 || before["mail"].Rough || !before["sante"].Rough {
		t.Fatalf("results before %+v: want the mail test and the positioning's rough results", before)
	}
	// A positioning left open resumes with its own ρ too.
	from.advance(time.Minute)
	const openRho = 0.4
	if _, err := from.s.StartPositioning(from.ctx, l.ID, 43, openRho); err != nil {
		t.Fatal(err)
	}

	path := filepath.Join(t.TempDir(), "export.json")
	is(t, "ExportFile", from.s.ExportFile(from.ctx, l.ID, path), nil)
	p, err := learning.ReadExportFile(path)
	if err != nil {
		t.Fatalf("ReadExportFile: %v", err)
	}
	if len(p.Tests) != 3 || p.Tests[0].Rho != rho || p.Tests[1].Rho != 0 || p.Tests[2].Rho != openRho || len(p.Difficulties) != 2 {
		t.Fatalf("read back tests %+v, parameters of %d tests: want ρ %v and %v on the positionings, parameters of the finished tests",
			p.Tests, len(p.Difficulties), rho, openRho)
	}
	// The file names the parameters of the questions each test asked,
	// and no other: the rest of the calibration is made of other
	// learners' answers.
	for test, params := range p.Difficulties {
		for q := range params {
			if !slices.ContainsFunc(p.Answers, func(a record.Answer) bool { return a.Test == test && a.Question == q }) {
				t.Errorf("test %d: the file gives the parameters of %s, which it did not ask", test, q)
			}
		}
	}
	here := to.learner("Léa", "1357")
	dst := learning.New(to.s, learning.Options{})
	if _, err := im.ImportProgress(to.ctx, here.ID, p); err != nil {
		t.Fatalf("ImportProgress: %v", err)
	}
	after := shown(t, dst, here.ID)
	for comp, want := range before {
		if got := after[comp]; got != want {
			t.Errorf("%s after the import: %+v, before: %+v", comp, got, want)
		}
	}
	if len(after) != len(before) {
		t.Errorf("%d results after the import, %d before", len(after), len(before))
	}
	st := to.state(here.ID)
	for _, tt := range st.Tests {
		file := p.Tests[slices.IndexFunc(p.Tests, func(x record.Test) bool {
			return x.Competence == tt.Competence && x.Open() == tt.Open()
		})]
		used, err := to.s.TestDifficulties(to.ctx, tt.ID)
		if err != nil || !reflect.DeepEqual(used, p.Difficulties[file.ID]) || tt.Rho != file.Rho {
			t.Errorf("%s: kept ρ %v, parameters %v, %v; want the file's", tt.Competence, tt.Rho, used, err)
		}
	}
	if len(st.OpenTests) != 1 || st.OpenTests[0].Rho != openRho {
		t.Errorf("open tests %+v: want the positioning, with ρ %v to resume with", st.OpenTests, openRho)
	}

	// An old file: no rho, no difficultes. It imports as before; the
	// results are then replayed with this store's calibration and ρ.
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var file map[string]any
	if err := json.Unmarshal(raw, &file); err != nil {
		t.Fatal(err)
	}
	for _, te := range file["tests"].([]any) {
		delete(te.(map[string]any), "rho")
		delete(te.(map[string]any), "difficultes")
	}
	raw, _ = json.Marshal(file)
	old, err := learning.ReadExport(bytes.NewReader(raw))
	if err != nil || len(old.Tests) != 3 || old.Difficulties != nil || old.Tests[0].Rho != 0 {
		t.Fatalf("an old file read back: %+v, %v", old, err)
	}
	other := to.learner("Léo", "")
	if n, err := im.ImportProgress(to.ctx, other.ID, old); err != nil || n.Tests != 3 {
		t.Fatalf("an old file: %+v, %v; want its 3 tests", n, err)
	}
	for _, tt := range to.state(other.ID).Tests {
		if used, err := to.s.TestDifficulties(to.ctx, tt.ID); err != nil || used != nil || tt.Rho != 0 {
			t.Errorf("%s from an old file: ρ %v, parameters %v, %v; want none", tt.Competence, tt.Rho, used, err)
		}
	}
	if res := shown(t, dst, other.ID); len(res) != len(before) {
		t.Errorf("an old file's results %+v: want one per competence, as before", res)
	}

	// What a store could not keep is refused, nothing changed.
	bad := []struct {
		name string
		edit func(p *record.Portable)
	}{
		{"ρ of 1", func(p *record.Portable) { p.Tests[0].Rho = 1 }},
		{"a negative ρ", func(p *record.Portable) { p.Tests[0].Rho = -0.2 }},
		{"a zero discrimination", func(p *record.Portable) {
			for q := range p.Difficulties[p.Tests[1].ID] {
				p.Difficulties[p.Tests[1].ID][q] = scoring.Calibration{B: 0}
				break
			}
		}},
		{"parameters of a test not in the file", func(p *record.Portable) {
			p.Difficulties[9999] = map[string]scoring.Calibration{"q": {B: 0, A: 1}}
		}},
	}
	for _, c := range bad {
		q, _ := learning.ReadExportFile(path)
		c.edit(&q)
		nobody := to.learner("Personne "+c.name, "")
		_, err := im.ImportProgress(to.ctx, nobody.ID, q)
		is(t, c.name, err, record.ErrInvalid)
		if st := to.state(nobody.ID); len(st.Tests) != 0 {
			t.Errorf("%s: a refused import added %d tests", c.name, len(st.Tests))
		}
	}
}
