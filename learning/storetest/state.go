package storetest

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/lessons"
	"pasapas/record"
	"pasapas/scoring"
)

func testLoadState(e *env) {
	t := e.t
	l, err := e.s.CreateLearner(e.ctx, "Léa", "2468", record.Prefs{Lang: i18n.EN, Device: lessons.Android})
	if err != nil {
		t.Fatal(err)
	}
	other := e.learner("Marc", "")
	e.finish(e.test(other.ID, "mail", "q1", true), 4)
	e.test(other.ID, "mail", "q2", true)

	first := e.test(l.ID, "mail", "q1", true, "q2", false)
	e.advance(time.Second)
	is(t, "FinishTestWith", e.s.FinishTestWith(e.ctx, first, record.TestOutcome{
		Result: record.TestResult{Theta: 0.5, SE: 0.3, Level: 2, StopReason: "band"},
		Acquis: []record.AcquisState{{Acquis: "mail-1", Mastery: 0.8, Answers: 2}, {Acquis: "mail-2", Mastery: 0.1, Answers: 1}},
	}), nil)
	e.advance(time.Second)
	left := e.test(l.ID, "sante", "s1", false)
	is(t, "AbandonTest", e.s.AbandonTest(e.ctx, left), nil)
	e.advance(time.Second)
	open := e.test(l.ID, positioning, "p1", true, "p2", false)
	is(t, "SaveLessonStep", e.s.SaveLessonStep(e.ctx, l.ID, record.LessonStep{Lesson: "adresse-mail", Step: 3, Device: lessons.Android}), nil)
	is(t, "SaveReviewCards", e.s.SaveReviewCards(e.ctx, l.ID, record.ReviewCard{Acquis: "mail-1", Stability: 1, Reps: 1}), nil)

	st := e.state(l.ID)
	if st.Learner.ID != l.ID || st.Learner.Name != "Léa" || !st.Learner.HasPIN || st.Learner.Prefs != l.Prefs {
		t.Errorf("learner %+v", st.Learner)
	}
	var ids []record.TestID
	for _, tt := range st.Tests {
		ids = append(ids, tt.ID)
		if tt.Learner != l.ID {
			t.Errorf("test %+v of another learner", tt)
		}
	}
	if !slices.Equal(ids, []record.TestID{first, left, open}) {
		t.Errorf("tests %v, want %v: all of hers, oldest first", ids, []record.TestID{first, left, open})
	}
	if len(st.Tests) == 3 && (st.Tests[0].Result == nil || st.Tests[0].Result.Level != 2 ||
		!st.Tests[1].Abandoned || !st.Tests[2].Open()) {
		t.Errorf("tests %+v: want finished, abandoned, open", st.Tests)
	}
	if len(st.Acquis) != 2 || st.Acquis["mail-1"].Mastery != 0.8 || st.Acquis["mail-2"].Answers != 1 {
		t.Errorf("acquis %+v", st.Acquis)
	}
	if len(st.Lessons) != 1 || st.Lessons["adresse-mail"].Step != 3 || st.Lessons["adresse-mail"].Device != lessons.Android {
		t.Errorf("lessons %+v", st.Lessons)
	}
	if len(st.Reviews) != 1 || st.Reviews["mail-1"].Reps != 1 {
		t.Errorf("reviews %+v", st.Reviews)
	}
	if len(st.OpenTests) != 1 || st.OpenTests[0].ID != open || len(st.OpenTests[0].Answers) != 2 ||
		st.OpenTests[0].Answers[0].Question != "p1" || st.OpenTests[0].Answers[1].Question != "p2" {
		t.Errorf("open tests %+v", st.OpenTests)
	}
	// What LoadState returns is the caller's: changing it changes nothing
	// stored.
	st.Lessons["x"] = record.LessonProgress{Lesson: "x"}
	st.Tests[0].Result.Level = 0
	st.OpenTests[0].Answers[0].Question = "changed"
	again := e.state(l.ID)
	if _, ok := again.Lessons["x"]; ok || again.Tests[0].Result.Level != 2 || again.OpenTests[0].Answers[0].Question != "p1" {
		t.Errorf("changing a loaded state changed the store: %+v", again)
	}
	_, err = e.s.LoadState(e.ctx, 4242)
	is(t, "LoadState(unknown)", err, record.ErrNotFound)
}

// fill gives a learner something in every part of the store, with marker in
// their name, answers given, lesson, acquis and competence ids (not in
// question ids: the anonymous counts keep those).
func (e *env) fill(marker string) (record.LearnerID, []record.TestID) {
	t := e.t
	t.Helper()
	l, err := e.s.CreateLearner(e.ctx, "Zébulon "+marker, "2468", record.Prefs{Device: lessons.Android})
	if err != nil {
		t.Fatal(err)
	}
	given := `{"texte":"` + marker + `@exemple.fr"}`
	comp := "comp-" + marker
	done, err := e.s.StartTest(e.ctx, l.ID, comp, 3)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		e.advance(time.Second)
		e.answer(record.Answer{Learner: l.ID, Question: fmt.Sprintf("q-%d", i), Given: given, Test: done,
			Forgiven: []string{"casse"}, Duration: time.Duration(i) * time.Second})
	}
	is(t, "FinishTestWith", e.s.FinishTestWith(e.ctx, done, record.TestOutcome{
		Result:       record.TestResult{Theta: 1, SE: 0.3, Level: 3, StopReason: "precision"},
		Acquis:       []record.AcquisState{{Acquis: "acquis-" + marker, Mastery: 0.7}},
		Difficulties: calibA("q-0", 0.5, 1, "q-1", -0.5, 1.2),
	}), nil)
	shared := e.test(l.ID, "mail", "q-0", true)
	e.finish(shared, 1)
	open := e.test(l.ID, positioning)
	e.answer(record.Answer{Learner: l.ID, Question: "q-pos", Given: given, Test: open, Result: record.Skipped})
	e.answer(record.Answer{Learner: l.ID, Question: "q-lecon", Given: given, Lesson: "lecon-" + marker})
	is(t, "SaveLessonStep", e.s.SaveLessonStep(e.ctx, l.ID, record.LessonStep{Lesson: "lecon-" + marker, Step: 2, Done: true}), nil)
	is(t, "SaveReviewCards", e.s.SaveReviewCards(e.ctx, l.ID, record.ReviewCard{Acquis: "acquis-" + marker, Stability: 2, Reps: 1}), nil)
	for range 3 {
		e.s.CheckPIN(e.ctx, l.ID, "0000") // PIN failures are theirs too
	}
	return l.ID, []record.TestID{done, shared, open}
}

func calibA(v ...any) map[string]scoring.Calibration {
	out := map[string]scoring.Calibration{}
	for i := 0; i < len(v); i += 3 {
		out[v[i].(string)] = scoring.Calibration{B: toFloat(v[i+1]), A: toFloat(v[i+2])}
	}
	return out
}

// reads is everything the store says across learners and about one learner,
// as text, to look for what must not be there.
func (e *env) reads(kept record.LearnerID, tests []record.TestID, comps ...string) string {
	t := e.t
	t.Helper()
	var b strings.Builder
	list, err := e.s.Learners(e.ctx)
	fmt.Fprintf(&b, "learners %+v %v\n", list, err)
	stats, err := e.s.ItemStats(e.ctx)
	fmt.Fprintf(&b, "stats %+v %v\n", stats, err)
	cal, err := e.s.CalibrationAnswers(e.ctx)
	fmt.Fprintf(&b, "calibration %+v %v\n", cal, err)
	res, err := e.s.ResultsByCompetence(e.ctx)
	fmt.Fprintf(&b, "results %+v %v\n", res, err)
	for i, c := range comps { // the competence's name would be found in the text
		n, asked, err := e.s.Exposure(e.ctx, c)
		fmt.Fprintf(&b, "exposure %d: %d %v %v\n", i, n, asked, err)
	}
	st, err := e.s.LoadState(e.ctx, kept)
	if err == nil {
		fmt.Fprintf(&b, "state %+v\n", *st)
	}
	for _, id := range tests {
		a, err := e.s.TestAnswers(e.ctx, id)
		fmt.Fprintf(&b, "answers %d %+v %v\n", id, a, err)
	}
	return b.String()
}

func testErase(e *env) {
	t := e.t
	gone, goneTests := e.fill("EFFACE-MOI")
	kept, keptTests := e.fill("GARDE-MOI")
	comps := []string{"comp-EFFACE-MOI", "comp-GARDE-MOI", "mail", positioning}
	keptBefore := e.state(kept)
	statsBefore := e.stats()
	readsBefore := e.reads(kept, keptTests, comps...)
	if !strings.Contains(readsBefore, "EFFACE-MOI") {
		t.Fatal("the reads do not show the learner before the erase: the check below would prove nothing")
	}

	is(t, "Erase", e.s.Erase(e.ctx, gone), nil)
	is(t, "second Erase", e.s.Erase(e.ctx, gone), record.ErrNotFound)

	if r := e.reads(kept, append(keptTests, goneTests...), comps...); strings.Contains(r, "EFFACE-MOI") {
		t.Errorf("a read still shows the erased learner:\n%s", r)
	}
	_, err := e.s.LoadState(e.ctx, gone)
	is(t, "LoadState", err, record.ErrNotFound)
	open, err := e.s.OpenTests(e.ctx, gone)
	if len(open) != 0 || (err != nil && !errors.Is(err, record.ErrNotFound)) {
		t.Errorf("OpenTests of the erased learner: %+v, %v", open, err)
	}
	for _, id := range goneTests {
		if a, err := e.s.TestAnswers(e.ctx, id); len(a) != 0 || (err != nil && !errors.Is(err, record.ErrNotFound)) {
			t.Errorf("TestAnswers(%d) of the erased learner: %+v, %v", id, a, err)
		}
		_, err := e.s.TestDifficulties(e.ctx, id)
		is(t, fmt.Sprintf("TestDifficulties(%d) of the erased learner", id), err, record.ErrNotFound)
		is(t, "AbandonTest of the erased learner's test", e.s.AbandonTest(e.ctx, id), record.ErrNotFound)
	}
	cal, _ := e.s.CalibrationAnswers(e.ctx)
	for _, a := range cal {
		if slices.Contains(goneTests, a.Test) {
			t.Errorf("calibration answer %+v of the erased learner", a)
		}
	}
	for _, c := range []struct {
		comp  string
		tests int
	}{{"comp-EFFACE-MOI", 0}, {"mail", 1}, {positioning, 1}} {
		if n, asked, _ := e.s.Exposure(e.ctx, c.comp); n != c.tests || (c.tests == 0 && len(asked) != 0) {
			t.Errorf("Exposure(%s) = %d, %v; want %d tests: the kept learner's only", c.comp, n, asked, c.tests)
		}
	}
	is(t, "CheckPIN", e.s.CheckPIN(e.ctx, gone, "2468"), record.ErrNotFound)
	is(t, "ExportFile", e.s.ExportFile(e.ctx, gone, filepath.Join(t.TempDir(), "x.json")), record.ErrNotFound)

	// The other learner is untouched, and the anonymous counts per
	// question stay: they say nothing about anyone.
	if after := e.state(kept); !reflect.DeepEqual(after, keptBefore) {
		t.Errorf("the kept learner changed:\n got %+v\nwant %+v", after, keptBefore)
	}
	for q, b := range statsBefore {
		a := e.stats()[q]
		if a.Answers != b.Answers || a.Correct != b.Correct || !reflect.DeepEqual(a.Calibrated, b.Calibrated) {
			t.Errorf("%s: %+v after the erase, was %+v", q, a, b)
		}
	}
	list, _ := e.s.Learners(e.ctx)
	if len(list) != 1 || list[0].ID != kept || list[0].TestsTaken != 2 || list[0].LessonsDone != 1 {
		t.Errorf("learners %+v, want the kept one with 2 tests and 1 lesson", list)
	}
}

func testExport(e *env) {
	t := e.t
	a, _ := e.fill("MARQUEUR-A")
	e.fill("MARQUEUR-B")
	out := filepath.Join(t.TempDir(), "mes-donnees.json")
	is(t, "ExportFile", e.s.ExportFile(e.ctx, a, out), nil)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	// The PIN as a number of its own: with a real clock, a timestamp's
	// digits may hold 2468 inside a longer number.
	pin := regexp.MustCompile(`(^|[^0-9])2468([^0-9]|$)`)
	if strings.Contains(text, "MARQUEUR-B") || pin.MatchString(text) || strings.Contains(text, "argon") {
		t.Error("the export holds another learner's data or the PIN")
	}
	var doc struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
		Profile struct {
			ID   record.LearnerID `json:"id"`
			Name string           `json:"nom"`
		} `json:"profil"`
		Lessons []json.RawMessage `json:"lecons"`
		Tests   []struct {
			ID         record.TestID `json:"id"`
			Competence string        `json:"competence"`
		} `json:"tests"`
		Answers []struct {
			Given      map[string]any `json:"reponse"`
			DurationMS *int64         `json:"duree_ms"`
			Question   string         `json:"question"`
		} `json:"reponses"`
		Acquis   []json.RawMessage `json:"acquis"`
		Reviews  []json.RawMessage `json:"revisions"`
		Exported *time.Time        `json:"exporte_le"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("export is not JSON: %v", err)
	}
	if doc.Format != "pasapas-progres" || doc.Version != 1 || doc.Exported == nil || doc.Profile.ID != a ||
		!strings.Contains(doc.Profile.Name, "MARQUEUR-A") {
		t.Errorf("export head %+v", doc)
	}
	if len(doc.Tests) != 3 || len(doc.Answers) != 6 || len(doc.Lessons) != 1 || len(doc.Acquis) != 1 || len(doc.Reviews) != 1 {
		t.Errorf("export holds %d tests, %d answers, %d lessons, %d acquis, %d cards; want 3, 6, 1, 1, 1",
			len(doc.Tests), len(doc.Answers), len(doc.Lessons), len(doc.Acquis), len(doc.Reviews))
	}
	if len(doc.Answers) > 1 {
		if doc.Answers[0].Given["texte"] != "MARQUEUR-A@exemple.fr" {
			t.Errorf("answer given %v, want the JSON object", doc.Answers[0].Given)
		}
		if d := doc.Answers[1].DurationMS; d == nil || *d != 1000 {
			t.Errorf("duree_ms %v, want 1000", d)
		}
	}
	if fi, err := os.Stat(out); err != nil || (runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600) {
		t.Errorf("export file: %v, %v; want mode 0600", fi.Mode(), err)
	}
	// A second export replaces the first.
	is(t, "ExportFile again", e.s.ExportFile(e.ctx, a, out), nil)
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
		t.Errorf("folder holds %d files after two exports, want 1 (no temporary left)", len(entries))
	}
}

func runResults(t *testing.T, open func(*testing.T) learning.Store) {
	t.Run("Latest", func(t *testing.T) {
		e := newEnv(t, open)
		e.needClock()
		zoe := e.learner("Zoé", "4827")
		abel := e.learner("Abel", "")
		cleo := e.learner("Cléo", "") // never finished a test
		gone := e.learner("Effacé", "")
		var lastZoe time.Time
		finish := func(l record.LearnerID, comp string, level int) {
			t.Helper()
			e.advance(time.Minute)
			id := e.test(l, comp)
			e.finish(id, level)
			if l == zoe.ID && comp == "mail" {
				lastZoe = e.state(l).Tests[len(e.state(l).Tests)-1].FinishedAt
			}
		}
		finish(zoe.ID, "mail", 3)
		finish(zoe.ID, "mail", 1) // the latest counts, even if lower
		finish(abel.ID, "mail", 2)
		finish(abel.ID, positioning, 1)
		finish(gone.ID, "mail", 4)
		is(t, "Erase", e.s.Erase(e.ctx, gone.ID), nil)
		abandoned := e.test(abel.ID, "mail")
		e.advance(time.Minute)
		is(t, "AbandonTest", e.s.AbandonTest(e.ctx, abandoned), nil) // does not count
		e.test(cleo.ID, "mail")                                      // open: no result yet
		e.test(zoe.ID, "mail", "q1", true)                           // open: the finished ones stand
		res, err := e.s.ResultsByCompetence(e.ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(res) != 2 || res[0].Competence != "mail" || res[1].Competence != positioning {
			t.Fatalf("competences %+v, want mail then positionnement", res)
		}
		mail := res[0]
		want := []record.LearnerLevel{
			{Learner: abel.ID, Name: "Abel", Level: 2, Theta: 0, SE: 0.4, Tests: 1},
			{Learner: zoe.ID, Name: "Zoé", Level: 1, Theta: -1, SE: 0.4, Tests: 2, At: lastZoe},
		}
		if len(mail.Learners) != 2 {
			t.Fatalf("mail results %+v, want %+v", mail.Learners, want)
		}
		for i, w := range want {
			g := mail.Learners[i]
			if !w.At.IsZero() && !g.At.Equal(w.At) {
				t.Errorf("%s: at %v, want %v (the latest finish)", w.Name, g.At, w.At)
			}
			g.At, w.At = time.Time{}, time.Time{}
			if g != w {
				t.Errorf("mail %d: %+v, want %+v", i, g, w)
			}
		}
		if mail.ByLevel != [5]int{0, 1, 1, 0, 0} {
			t.Errorf("mail by level %v", mail.ByLevel)
		}
		if p := res[1]; p.ByLevel != [5]int{0, 1, 0, 0, 0} || len(p.Learners) != 1 || p.Learners[0].Learner != abel.ID {
			t.Errorf("positioning %+v", p)
		}
	})

	t.Run("FrenchOrder", func(t *testing.T) {
		e := newEnv(t, open)
		var order []string
		for _, name := range []string{"Zoé", "Émile", "abel", "Elsa", "Eddy", "Zoé", "élodie", "Emma", "Œdipe", "Oscar"} {
			l := e.learner(name, "")
			e.finish(e.test(l.ID, "mail"), 1)
			order = append(order, name)
		}
		res, err := e.s.ResultsByCompetence(e.ctx)
		if err != nil || len(res) != 1 {
			t.Fatalf("results %+v, %v", res, err)
		}
		var names []string
		var ids []record.LearnerID
		for _, l := range res[0].Learners {
			names = append(names, l.Name)
			ids = append(ids, l.Learner)
		}
		want := []string{"abel", "Eddy", "élodie", "Elsa", "Émile", "Emma", "Œdipe", "Oscar", "Zoé", "Zoé"}
		if !slices.Equal(names, want) {
			t.Fatalf("order %v, want %v", names, want)
		}
		if ids[8] > ids[9] {
			t.Errorf("two Zoé: ids %d, %d; want ties by id", ids[8], ids[9])
		}
		if res[0].ByLevel != [5]int{0, len(order), 0, 0, 0} {
			t.Errorf("by level %v", res[0].ByLevel)
		}
		empty := newEnv(t, open)
		if res, err := empty.s.ResultsByCompetence(empty.ctx); err != nil || len(res) != 0 {
			t.Errorf("an empty store's results: %+v, %v", res, err)
		}
	})
}
