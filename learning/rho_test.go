package learning_test

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"pasapas/learning"
	"pasapas/learning/memstore"
	"pasapas/progress"
	"pasapas/record"
	"pasapas/scoring"
)

// rhoComps are the competences the history's results are in: every
// learner has two, one of the first four and one of the last four, so the
// estimate pools several pairs of competences.
var rhoComps = []string{"mail", "smartphone", "sante", "securite", "demarches", "recherche", "video", "fichiers"}

// history stores n learners' finished one-competence results (ability and
// standard error 0.3, as a test concludes them), in two competences each,
// with abilities drawn independent: a true correlation of 0, far from
// the default.
func history(t testing.TB, st learning.Store, from, n int) []record.LearnerID {
	t.Helper()
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(7, uint64(from)))
	var out []record.LearnerID
	for i := from; i < from+n; i++ {
		l, err := st.CreateLearner(ctx, "Ancien "+string(rune('A'+i%26))+string(rune('a'+i/26)), "", record.Prefs{})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, l.ID)
		for _, comp := range []string{rhoComps[i%4], rhoComps[4+(i/4)%4]} {
			id, err := st.StartTest(ctx, l.ID, comp, int64(i))
			if err != nil {
				t.Fatal(err)
			}
			theta := rng.NormFloat64()
			res := record.TestResult{Theta: theta, SE: 0.3, Level: scoring.DefaultScale.Level(theta), StopReason: "precision"}
			if err := st.FinishTestWith(ctx, id, record.TestOutcome{Result: res}); err != nil {
				t.Fatal(err)
			}
		}
	}
	return out
}

// onEachStoreWith is onEachStore with the store itself, to lay a history
// in it.
func onEachStoreWith(t *testing.T, f func(t *testing.T, app *learning.Service, st learning.Store, c *clock)) {
	for _, s := range stores {
		t.Run(s.name, func(t *testing.T) {
			c := &clock{day0}
			st := s.open(t, c.now)
			f(t, app(st, c), st, c)
		})
	}
}

func app(st learning.Store, c *clock) *learning.Service {
	return learning.New(st, learning.Options{Now: c.now})
}

// sameResults fails unless the results « Mes résultats » shows for the
// positioning are the engine's, to the bit.
func sameResults(t *testing.T, when string, st learning.Standing, engine []scoring.Result) {
	t.Helper()
	want := map[string]scoring.Result{}
	for _, r := range engine {
		want[r.Competence] = r
	}
	n := 0
	for _, e := range st.Entries {
		if !e.Result.Rough {
			continue
		}
		n++
		r := want[e.Competence.ID]
		if e.Result.Theta != r.Theta || e.Result.SE != r.SE || e.Result.Level != r.Level {
			t.Errorf("%s: %s shown θ %v SE %v level %d, the engine said θ %v SE %v level %d", when, e.Competence.ID,
				e.Result.Theta, e.Result.SE, e.Result.Level, r.Theta, r.SE, r.Level)
		}
	}
	if n != len(engine) {
		t.Errorf("%s: %d results of the positioning shown, the engine has %d", when, n, len(engine))
	}
}

// TestPositioningRhoEstimate: the default below scoring.MinRhoLearners learners,
// the estimate above; positionings' own results never count; an erased
// learner's results leave the estimate.
func TestPositioningRhoEstimate(t *testing.T) {
	onEachStoreWith(t, func(t *testing.T, a *learning.Service, st learning.Store, c *clock) {
		ctx := context.Background()
		check := func(when string, wantEstimated bool) float64 {
			t.Helper()
			rho, estimated, err := a.PositioningRho(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if estimated != wantEstimated || (!estimated && rho != scoring.DefaultRho) || (estimated && rho > 0.45) {
				t.Errorf("%s: ρ %v (estimated %v), want estimated %v, and an estimate well below the default", when, rho, estimated, wantEstimated)
			}
			return rho
		}
		check("nothing stored", false)
		// One learner tested in every competence gives many pairs, and is
		// one learner all the same.
		keen, err := st.CreateLearner(ctx, "Zoé", "", record.Prefs{})
		if err != nil {
			t.Fatal(err)
		}
		for i, comp := range append(slices.Clone(rhoComps), "bases") {
			id, err := st.StartTest(ctx, keen.ID, comp, int64(1000+i))
			if err != nil {
				t.Fatal(err)
			}
			res := record.TestResult{Theta: float64(i%3) - 1, SE: 0.4, Level: 1, StopReason: "precision"}
			if err := st.FinishTestWith(ctx, id, record.TestOutcome{Result: res}); err != nil {
				t.Fatal(err)
			}
		}
		check("one learner in nine competences (36 pairs)", false)
		if err := a.Erase(ctx, keen.ID); err != nil {
			t.Fatal(err)
		}
		first := history(t, st, 0, scoring.MinRhoLearners-1)
		check("one pair too few", false)
		// Positionings do not count: a learner of the history with a
		// positioning adds no pair.
		pos, err := st.StartPositioning(ctx, first[0], 1, 0.5)
		if err != nil {
			t.Fatal(err)
		}
		if err := st.FinishTestWith(ctx, pos, record.TestOutcome{Result: record.TestResult{Level: 2, StopReason: record.Positioning}}); err != nil {
			t.Fatal(err)
		}
		check("with a positioning", false)
		more := history(t, st, scoring.MinRhoLearners-1, 31)
		rho := check("60 pairs", true)
		// The estimate is EstimateRho over RhoPairsOf of the stored results.
		var rs []scoring.RhoResult
		byComp, err := st.ResultsByCompetence(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, cr := range byComp {
			for _, l := range cr.Learners {
				if cr.Competence != record.Positioning {
					rs = append(rs, scoring.RhoResult{Learner: int64(l.Learner), Competence: cr.Competence, Theta: l.Theta, SE: l.SE})
				}
			}
		}
		if want, _ := scoring.EstimateRho(scoring.RhoPairsOf(rs)); rho != want {
			t.Errorf("ρ %v, EstimateRho over the stored results gives %v", rho, want)
		}
		for _, id := range more[:2] {
			if err := a.Erase(ctx, id); err != nil {
				t.Fatal(err)
			}
		}
		if now := check("two learners erased", true); now == rho {
			t.Errorf("two learners erased, the estimate is still %v", now)
		}
		for _, id := range more[2:] {
			if err := a.Erase(ctx, id); err != nil {
				t.Fatal(err)
			}
		}
		check("back to one pair too few", false)
	})
}

// TestPositioningKeepsItsRho: a positioning runs with the estimate of its
// start, keeps it, and is shown with it after the estimate has moved (here:
// back to the default, the history erased). Replaying it with today's
// estimate would change the results shown.
func TestPositioningKeepsItsRho(t *testing.T) {
	onEachStoreWith(t, func(t *testing.T, a *learning.Service, st learning.Store, c *clock) {
		ctx := context.Background()
		past := history(t, st, 0, 60)
		rho, estimated, err := a.PositioningRho(ctx)
		if err != nil || !estimated {
			t.Fatalf("ρ %v %v %v", rho, estimated, err)
		}
		id := newLearner(t, a, "Awa")
		test := takeTest(t, a, c, id, record.Positioning, func(n int, _ *scoring.Item) bool { return n%3 == 0 })
		if test.Rho != rho {
			t.Errorf("the positioning ran with ρ %v, the estimate was %v", test.Rho, rho)
		}
		res, err := a.Results(ctx, cat, id)
		if err != nil {
			t.Fatal(err)
		}
		if got := res.State.Tests[0].Rho; got != rho {
			t.Errorf("stored ρ %v, want %v", got, rho)
		}
		sameResults(t, "just finished", res, test.Results())
		for _, l := range past {
			if err := a.Erase(ctx, l); err != nil {
				t.Fatal(err)
			}
		}
		if now, estimated, _ := a.PositioningRho(ctx); estimated || now == rho {
			t.Fatalf("the estimate did not move: %v", now)
		}
		res, err = a.Results(ctx, cat, id)
		if err != nil {
			t.Fatal(err)
		}
		sameResults(t, "after the estimate moved", res, test.Results())
	})
}

// TestResumedPositioningKeepsItsRho: a positioning left open carries on
// with the correlation it started with, not today's estimate: the same
// results and the same next question.
func TestResumedPositioningKeepsItsRho(t *testing.T) {
	onEachStoreWith(t, func(t *testing.T, a *learning.Service, st learning.Store, c *clock) {
		ctx := context.Background()
		past := history(t, st, 0, 60)
		id := newLearner(t, a, "Awa")
		first, err := a.StartTest(ctx, cat, id, record.Positioning)
		if err != nil {
			t.Fatal(err)
		}
		for n := range 4 {
			step, _ := first.Next()
			c.t = c.t.Add(time.Minute)
			a1 := record.Answer{Learner: id, Question: step.Item.ID, Variant: step.Item.Group, Given: `{}`, Result: record.Incorrect, Test: first.ID, At: c.t}
			if n == 0 {
				a1.Result = record.Correct
			}
			if _, err := a.RecordAnswer(ctx, a1, nil); err != nil {
				t.Fatal(err)
			}
			if err := first.Record(step.Item.ID, n == 0); err != nil {
				t.Fatal(err)
			}
		}
		for _, l := range past {
			if err := a.Erase(ctx, l); err != nil {
				t.Fatal(err)
			}
		}
		again, err := a.StartTest(ctx, cat, id, record.Positioning)
		if err != nil {
			t.Fatal(err)
		}
		if again.ID != first.ID || again.Rho != first.Rho || first.Rho == scoring.DefaultRho {
			t.Fatalf("resumed test %d with ρ %v, want test %d with ρ %v (not the default)", again.ID, again.Rho, first.ID, first.Rho)
		}
		want, got := first.Results(), again.Results()
		for i := range want {
			if got[i].Theta != want[i].Theta || got[i].SE != want[i].SE {
				t.Errorf("%s: resumed θ %v SE %v, before θ %v SE %v", want[i].Competence, got[i].Theta, got[i].SE, want[i].Theta, want[i].SE)
			}
		}
		s1, _ := first.Next()
		s2, _ := again.Next()
		if s1.Item.ID != s2.Item.ID {
			t.Errorf("next question %s after resuming, %s before", s2.Item.ID, s1.Item.ID)
		}
	})
}

// TestOldPositioningReplaysWithDefault: a positioning started before the
// correlation was kept (no ρ stored) resumes and replays with the default,
// as it always did, whatever the estimate is today.
func TestOldPositioningReplaysWithDefault(t *testing.T) {
	onEachStoreWith(t, func(t *testing.T, a *learning.Service, st learning.Store, c *clock) {
		ctx := context.Background()
		history(t, st, 0, 60)
		if _, estimated, _ := a.PositioningRho(ctx); !estimated {
			t.Fatal("no estimate")
		}
		id := newLearner(t, a, "Awa")
		const seed = 4242
		if _, err := st.StartTest(ctx, id, record.Positioning, seed); err != nil { // as before schema version 7
			t.Fatal(err)
		}
		test, err := a.StartTest(ctx, cat, id, record.Positioning)
		if err != nil {
			t.Fatal(err)
		}
		if test.Seed != seed || test.Rho != 0 {
			t.Fatalf("resumed seed %d ρ %v, want %d and none", test.Seed, test.Rho, seed)
		}
		var answers []scoring.Answer
		for n := 0; ; n++ {
			step, ok := test.Next()
			if !ok {
				break
			}
			c.t = c.t.Add(time.Minute)
			right := n%2 == 1
			r := record.Incorrect
			if right {
				r = record.Correct
			}
			if _, err := a.RecordAnswer(ctx, record.Answer{Learner: id, Question: step.Item.ID, Variant: step.Item.Group, Given: `{}`, Result: r, Test: test.ID, At: c.t}, nil); err != nil {
				t.Fatal(err)
			}
			if err := test.Record(step.Item.ID, right); err != nil {
				t.Fatal(err)
			}
			answers = append(answers, scoring.Answer{Question: step.Item.ID, Correct: right})
		}
		if err := a.FinishTest(ctx, cat, test); err != nil {
			t.Fatal(err)
		}
		// What the positioning gives with the default correlation, and
		// with the estimate (which must differ, or this test proves
		// nothing).
		authorB := scoring.AuthorDifficulties(cat)
		var banks []*scoring.Bank
		for _, comp := range cat.Competences {
			if b := learning.NewTestBank(cat, comp.ID, nil, authorB); b != nil {
				banks = append(banks, b)
			}
		}
		replay := func(rho float64) []scoring.Result {
			p, err := scoring.ReplayPositioning(banks, scoring.PositioningOptions{Seed: seed, EasyStart: true, Rho: rho}, answers)
			if err != nil {
				t.Fatal(err)
			}
			return p.Results()
		}
		est, _, _ := a.PositioningRho(ctx)
		def, other := replay(0), replay(est)
		differ := false
		for i := range def {
			differ = differ || math.Abs(def[i].Theta-other[i].Theta) > 1e-6
		}
		if !differ {
			t.Fatal("the default and the estimate give the same results: the test proves nothing")
		}
		res, err := a.Results(ctx, cat, id)
		if err != nil {
			t.Fatal(err)
		}
		if res.State.Tests[0].Rho != 0 {
			t.Errorf("an old positioning got ρ %v", res.State.Tests[0].Rho)
		}
		sameResults(t, "an old positioning", res, def)
	})
}

// TestPositioningRhoAfterOddImport: a result no test can conclude (an
// ability far beyond the engine's ±10 logits, in a damaged or hand-made
// export file) is not brought in, and the estimate stays as it was: it
// once made it NaN, which the store refuses, and so stopped every
// positioning of the place from starting.
func TestPositioningRhoAfterOddImport(t *testing.T) {
	onEachStoreWith(t, func(t *testing.T, a *learning.Service, st learning.Store, c *clock) {
		ctx := context.Background()
		history(t, st, 0, 60)
		before, estimated, err := a.PositioningRho(ctx)
		if err != nil || !estimated {
			t.Fatalf("ρ %v %v %v", before, estimated, err)
		}
		odd := newLearner(t, a, "Zoé")
		file := exportHead + `"tests":[` +
			`{"id":1,"competence":"mail","graine":1,"debut":"2026-12-06T10:00:00Z","fin":"2026-12-06T10:05:00Z",` +
			`"resultat":{"theta":1e300,"erreur_type":0.3,"niveau":4,"arret":"precision"}},` +
			`{"id":2,"competence":"video","graine":2,"debut":"2026-12-06T11:00:00Z","fin":"2026-12-06T11:05:00Z",` +
			`"resultat":{"theta":-1e300,"erreur_type":0.3,"niveau":0,"arret":"precision"}}],` +
			`"reponses":[],"lecons":[],"acquis":[],"revisions":[]}`
		// The file is refused where it is read, and by the store if the
		// same tests come another way (scoring.RhoPairsOf leaves such
		// results out too, should one be stored: TestRhoPairsOf).
		if _, err := learning.ReadExport(strings.NewReader(file)); !errors.Is(err, learning.ErrNotAnExport) {
			t.Fatalf("ReadExport of impossible results: %v, want ErrNotAnExport", err)
		}
		at := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
		p := record.Portable{Name: "Zoé", ExportedAt: at, Tests: []record.Test{
			{ID: 1, Competence: "mail", Seed: 1, StartedAt: at, FinishedAt: at.Add(5 * time.Minute),
				Result: &record.TestResult{Theta: 1e300, SE: 0.3, Level: 4, StopReason: "precision"}},
			{ID: 2, Competence: "video", Seed: 2, StartedAt: at.Add(time.Hour), FinishedAt: at.Add(65 * time.Minute),
				Result: &record.TestResult{Theta: -1e300, SE: 0.3, Level: 0, StopReason: "precision"}},
		}}
		if _, err := a.Import(ctx, odd, p); !errors.Is(err, record.ErrInvalid) {
			t.Fatalf("Import of impossible results: %v, want ErrInvalid", err)
		}
		if after, _, err := a.PositioningRho(ctx); err != nil || after != before {
			t.Errorf("after the odd import: ρ %v (%v), want %v as before", after, err, before)
		}
		id := newLearner(t, a, "Awa")
		if _, err := a.StartTest(ctx, cat, id, record.Positioning); err != nil {
			t.Errorf("a positioning after the odd import: %v", err)
		}
	})
}

// BenchmarkPositioningRho: what estimating the correlation adds to the
// start of a positioning, with 300 learners tested in 3 competences each
// (900 results, 900 pairs); and the whole start, for scale.
func BenchmarkPositioningRho(b *testing.B) {
	for _, name := range []string{"memory", "sqlite"} {
		c := &clock{day0}
		var st learning.Store = memstore.New(memstore.WithClock(c.now))
		if name == "sqlite" {
			f, err := progress.OpenWith(filepath.Join(b.TempDir(), progress.FileName), progress.Options{Now: c.now})
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { f.Close() })
			st = f
		}
		history(b, st, 0, 300)
		ctx := context.Background()
		// A third competence for each: 3 pairs a learner.
		learners, err := st.Learners(ctx)
		if err != nil {
			b.Fatal(err)
		}
		for i, l := range learners {
			id, err := st.StartTest(ctx, l.ID, "bases", int64(i))
			if err != nil {
				b.Fatal(err)
			}
			if err := st.FinishTestWith(ctx, id, record.TestOutcome{Result: record.TestResult{Theta: float64(i%7) - 3, SE: 0.4, Level: 1}}); err != nil {
				b.Fatal(err)
			}
		}
		a := app(st, c)
		b.Run(name+"/PositioningRho", func(b *testing.B) {
			for b.Loop() {
				if _, ok, err := a.PositioningRho(ctx); err != nil || !ok {
					b.Fatal(err, ok)
				}
			}
		})
		id, err := st.CreateLearner(ctx, "Awa", "", record.Prefs{})
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name+"/StartTest", func(b *testing.B) {
			for b.Loop() {
				t, err := a.StartTest(ctx, cat, id.ID, record.Positioning)
				if err != nil {
					b.Fatal(err)
				}
				if err := a.AbandonTest(ctx, t.ID); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
