package storetest

import (
	"errors"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"pasapas/learning"
	"pasapas/record"
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
