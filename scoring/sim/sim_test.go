package sim

import (
	"bytes"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"pasapas/i18n"
	"pasapas/scoring"
)

func TestSameSeedSameBytes(t *testing.T) {
	cfg := Config{Banks: []string{"realistic", "sparse"}, Learners: 120, Seed: 7, MaxItems: 12}
	var out [2]bytes.Buffer
	for k := range out {
		rep, err := Run(cfg)
		if err != nil {
			t.Fatal(err)
		}
		if err := rep.WriteJSON(&out[k]); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(out[0].Bytes(), out[1].Bytes()) {
		t.Fatal("same seed, different output")
	}
	rep, _ := Run(Config{Banks: []string{"realistic"}, Learners: 120, Seed: 8, MaxItems: 12})
	var other bytes.Buffer
	_ = rep.WriteJSON(&other)
	if bytes.Equal(other.Bytes(), out[0].Bytes()) {
		t.Error("another seed gave the same output")
	}
}

// A draw keeps the run's banks and learners and changes only the methods'
// own random choices: the information budget, which depends on the banks
// and learners alone, is the same; the engine's figures are not.
func TestDrawRedrawsTheChoicesOnly(t *testing.T) {
	cfg := Config{Banks: []string{"realistic"}, Methods: []string{"random", "ours"}, Learners: 150, Seed: 5, MaxItems: 12}
	own, err := Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Draw = 2
	other, err := Run(cfg)
	if err != nil {
		t.Fatal(err)
	}
	a, b := own.Banks[0], other.Banks[0]
	if a.Info != b.Info {
		t.Errorf("the draw changed the banks or the learners: %+v, then %+v", a.Info, b.Info)
	}
	for k := range a.Methods {
		if slices.Equal(a.Methods[k].RMSEAt, b.Methods[k].RMSEAt) {
			t.Errorf("%s: the same curve on another draw", a.Methods[k].Method)
		}
	}
	var buf bytes.Buffer
	if err := other.WriteJSON(&buf); err != nil || !bytes.Contains(buf.Bytes(), []byte(`"draw": 2`)) {
		t.Errorf("the JSON does not say the draw (%v)", err)
	}
	buf.Reset()
	if err := own.WriteJSON(&buf); err != nil || bytes.Contains(buf.Bytes(), []byte(`"draw"`)) {
		t.Errorf("the seed's own draw is named in the JSON (%v)", err)
	}
}

func TestCommonRandomNumbers(t *testing.T) {
	cfg := Config{Learners: 30, Seed: 3}
	a, b := Simulees(cfg, 60), Simulees(cfg, 60)
	for j := range a {
		if a[j].Theta != b[j].Theta || a[j].U[59] != b[j].U[59] {
			t.Fatal("simulees differ between draws")
		}
	}
	// A simulee does not depend on how many others are drawn.
	c := Simulees(Config{Learners: 10, Seed: 3}, 60)
	if c[9].Theta != a[9].Theta || c[9].U[0] != a[9].U[0] {
		t.Error("simulee 9 depends on the population size")
	}
	g := Simulees(Config{Learners: 26, Seed: 3, Population: "grid"}, 10)
	if len(g) != 26 || g[0].Theta != -3 || g[25].Theta != 3 {
		t.Errorf("grid population: %d simulees, %v..%v", len(g), g[0].Theta, g[len(g)-1].Theta)
	}
}

func TestRunChecksAndCurves(t *testing.T) {
	rep, err := Run(Config{Banks: []string{"ideal"}, Learners: 300, Seed: 1, MaxItems: 15})
	if err != nil {
		t.Fatal(err)
	}
	br := rep.Banks[0]
	if len(br.Methods) != len(Methods()) || len(br.Acceptance) != 6 {
		t.Fatalf("%d methods, %d checks", len(br.Methods), len(br.Acceptance))
	}
	for _, m := range br.Methods {
		if len(m.RMSEAt) != 15 || m.MeanLength <= 0 || m.MeanLength > 15 {
			t.Errorf("%s: %d lengths, mean length %v", m.Method, len(m.RMSEAt), m.MeanLength)
		}
		if m.WithinOne < m.ExactLevel || m.ExactLevel <= 0.2 {
			t.Errorf("%s: exact %v within %v", m.Method, m.ExactLevel, m.WithinOne)
		}
		total := 0
		for _, row := range m.LevelConfuse {
			for _, c := range row {
				total += c
			}
		}
		if total != 300 {
			t.Errorf("%s: confusion matrix counts %d", m.Method, total)
		}
	}
	// More items, smaller error: the curves of the adaptive engine fall.
	ours := find(br.Methods, "ours")
	if !(ours.RMSEAt[14] < ours.RMSEAt[9] && ours.RMSEAt[9] < ours.RMSEAt[4] && ours.RMSEAt[4] < ours.RMSEAt[0]) {
		t.Errorf("ours RMSE does not fall with length: %v", ours.RMSEAt)
	}
	if len(ours.Conditional) != 0 {
		t.Errorf("drawn population: %d figures per ability, want none (one learner each)", len(ours.Conditional))
	}
	if _, err := Run(Config{Methods: []string{"nope"}}); err == nil {
		t.Error("unknown method accepted")
	}
	if _, err := Run(Config{Banks: []string{"nope"}, Learners: 1}); err == nil {
		t.Error("unknown bank accepted")
	}
}

// TestConditionalOnGrid: the grid population gives one row per ability of
// the grid, each from the learners placed there.
func TestConditionalOnGrid(t *testing.T) {
	rep, err := Run(Config{Banks: []string{"ideal"}, Methods: []string{"ours"}, Learners: 13 * 20, Seed: 1, Population: "grid"})
	if err != nil {
		t.Fatal(err)
	}
	cond := rep.Banks[0].Methods[0].Conditional
	if len(cond) != len(GridThetas) {
		t.Fatalf("%d rows, want %d", len(cond), len(GridThetas))
	}
	for k, c := range cond {
		if c.Theta != GridThetas[k] || c.MeanLength < 5 || c.RMSE <= 0 {
			t.Errorf("row %d: %+v", k, c)
		}
	}
}

func TestBuiltinBankRuns(t *testing.T) {
	banks, err := MakeBanks("builtin", 1)
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range banks {
		tr := runEngine(b, &Simulees(Config{Learners: 1, Seed: 1}, b.Engine.Len())[0], scoring.TestOptions{Seed: 1, MaxItems: 20, NoStop: true})
		if len(tr.Items) == 0 || len(tr.Items) > b.Engine.Len() {
			t.Errorf("%s: %d items", b.Name, len(tr.Items))
		}
	}
}

func TestPixPredictedLevel(t *testing.T) {
	skills := []pixSkill{{id: "a1", tube: "a", level: 1}, {id: "a2", tube: "a", level: 2}, {id: "a3", tube: "a", level: 3}, {id: "a4", tube: "a", level: 4}}
	// No direct answer: only the virtual success at 0 and failure at 7,
	// whose score vanishes at 3.5.
	if got := predictedLevel(nil, nil, skills); got != 3.5 {
		t.Errorf("no answer: %v, want 3.5", got)
	}
	up := predictedLevel([]int{1, 2}, []bool{true, true}, skills)
	down := predictedLevel([]int{1, 2}, []bool{false, false}, skills)
	if !(down < up) {
		t.Errorf("right answers %v not above wrong ones %v", up, down)
	}
}

func TestPixInference(t *testing.T) {
	skills := []pixSkill{{tube: "a", level: 1}, {tube: "a", level: 2}, {tube: "a", level: 3}, {tube: "b", level: 1}}
	ke := make([]keState, 4)
	infer(ke, skills, 2, true)
	if ke[0] != keValidated || ke[1] != keValidated || ke[3] != keNone {
		t.Errorf("success on a3: %v", ke)
	}
	ke = make([]keState, 4)
	infer(ke, skills, 0, false)
	if ke[1] != keInvalidated || ke[2] != keInvalidated || ke[3] != keNone {
		t.Errorf("failure on a1: %v", ke)
	}
	// Level: 8 pix per level; two level-1 skills are worth 4 each.
	if l := pixLevel([]keState{keValidated, keNone, keNone, keValidated}, skills, scoring.MaxLevel); l != 1 {
		t.Errorf("pix level %d, want 1", l)
	}
}

func TestPixFlashRules(t *testing.T) {
	// The cap: from 0 the estimate moves at most 0.5; from 2 at most 1.
	ll := scoring.NewLogLik(flashGrid)
	for range 10 {
		ll.Add(&scoring.Item{B: 3, A: 1}, true)
	}
	if got := flashEstimate(ll, 0); got != 0.5 {
		t.Errorf("from 0: %v, want the cap 0.5", got)
	}
	if got := flashEstimate(ll, 2); got != 3 {
		t.Errorf("from 2: %v, want the cap 3", got)
	}
	// binaryTreeRandom: P(0) = 0.51, P(1) = 0.49·0.51.
	rng := rand.New(rand.NewPCG(1, 1))
	var counts [5]float64
	const n = 200000
	for range n {
		counts[binaryTreePick(rng, 5)]++
	}
	if math.Abs(counts[0]/n-0.51) > 0.005 || math.Abs(counts[1]/n-0.49*0.51) > 0.005 {
		t.Errorf("pick shares %v", counts)
	}
}

func TestFixedFormCoversAcquisFirst(t *testing.T) {
	for name, firstLevel := range map[string]int{"realistic": 3, "product": 2} {
		banks, _ := MakeBanks(name, 1)
		b := banks[0]
		form := b.form()
		seen := map[string]bool{}
		groups := map[string]bool{}
		for k, i := range form {
			it := b.Engine.Items[i]
			if k < len(b.Engine.Skills()) && seen[it.Skill] {
				t.Fatalf("%s: acquis %s twice in the first %d items", name, it.Skill, len(b.Engine.Skills()))
			}
			if groups[it.Group] {
				t.Fatalf("%s: two variants of %s", name, it.Group)
			}
			seen[it.Skill], groups[it.Group] = true, true
		}
		if first := b.Engine.Items[form[0]]; first.Level != firstLevel {
			t.Errorf("%s: form starts at level %d, want %d", name, first.Level, firstLevel)
		}
	}
}

func TestExplain(t *testing.T) {
	banks, _ := MakeBanks("realistic", 1)
	for _, lang := range i18n.All {
		var buf bytes.Buffer
		if err := Explain(&buf, banks[0], -1, 1, 20, lang); err != nil {
			t.Fatal(err)
		}
		out := buf.String()
		for _, want := range map[i18n.Lang][]string{i18n.FR: {"question 1 :", "Arrêt après", "Résultat : Niveau"}, i18n.EN: {"question 1:", "Stopped after", "Result: Level"}}[lang] {
			if !strings.Contains(out, want) {
				t.Errorf("%s: no %q in\n%s", lang, want, out)
			}
		}
	}
}

func TestBanksFollowTheProtocol(t *testing.T) {
	for _, tc := range []struct {
		name           string
		items, levels  int
		bNoise, aNoise bool
	}{
		{"ideal", 120, 6, false, false},
		{"realistic", 60, 6, true, true},
		{"guessing", 60, 6, true, true},
		{"slope-0.6", 120, 6, false, true},
		{"sparse", 30, 6, true, true},
		{"product", 60, 4, true, true},
	} {
		banks, err := MakeBanks(tc.name, 1)
		if err != nil {
			t.Fatal(err)
		}
		b := banks[0]
		if b.Engine.Len() != tc.items {
			t.Errorf("%s: %d items, want %d", tc.name, b.Engine.Len(), tc.items)
		}
		topics, perLevel := map[string]bool{}, map[int]int{}
		var bMoved, aMoved bool
		for i, it := range b.Engine.Items {
			topics[it.Topic] = true
			perLevel[it.Level]++
			if it.B != b.Engine.Scale.Difficulty(float64(it.Level)) || it.A != 1 {
				t.Fatalf("%s: %s has b %v a %v for author level %d", tc.name, it.ID, it.B, it.A, it.Level)
			}
			bMoved = bMoved || b.TrueB[i] != it.B
			aMoved = aMoved || b.TrueA[i] != 1
		}
		if len(perLevel) != tc.levels || len(topics) < 6 || len(topics) > 8 {
			t.Errorf("%s: %d author levels, %d topics", tc.name, len(perLevel), len(topics))
		}
		for l, n := range perLevel {
			if n != tc.items/tc.levels {
				t.Errorf("%s: %d items at level %d", tc.name, n, l)
			}
		}
		if bMoved != tc.bNoise || aMoved != tc.aNoise {
			t.Errorf("%s: true b differs %v, true a differs %v", tc.name, bMoved, aMoved)
		}
		if tc.levels == 6 {
			// b_author = L − 3.5 and the six bands of §6.1.
			s := b.Engine.Scale
			if s.Difficulty(1) != -2.5 || s.Difficulty(6) != 2.5 || s.Top() != 5 || s.Cut(1) != -2 || s.Cut(5) != 2 {
				t.Errorf("%s: scale %+v", tc.name, s)
			}
		} else if b.Engine.Scale != scoring.DefaultScale {
			t.Errorf("%s: scale %+v, want the product's", tc.name, b.Engine.Scale)
		}
	}
}

func TestOursExposureUnderCap(t *testing.T) {
	rep, err := Run(Config{Banks: []string{"realistic", "product"}, Methods: []string{"random", "ours", "ours-noexpo"}, Learners: 300, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	for _, br := range rep.Banks {
		ours, free := find(br.Methods, "ours"), find(br.Methods, "ours-noexpo")
		if ours.MaxExposure > scoring.DefaultMaxExposure {
			t.Errorf("%s: ours max exposure %v", br.Bank, ours.MaxExposure)
		}
		if free.MaxExposure <= scoring.DefaultMaxExposure {
			t.Errorf("%s: without control max exposure %v: the check proves nothing", br.Bank, free.MaxExposure)
		}
		if len(ours.LevelConfuse) != map[string]int{"realistic": 6, "product": 5}[br.Bank] {
			t.Errorf("%s: %d levels in the confusion matrix", br.Bank, len(ours.LevelConfuse))
		}
	}
}

func TestInfoBound(t *testing.T) {
	cfg := Config{Learners: 200, Seed: 1}
	for _, name := range []string{"ideal", "realistic"} {
		banks, _ := MakeBanks(name, 1)
		b := banks[0]
		ib := infoBound(b, Simulees(cfg, b.Engine.Len()), 20)
		if ib.Length != BoundLength || ib.Random <= 0 || ib.AuthorBest > ib.TrueBest+1e-9 {
			t.Errorf("%s: %+v", name, ib)
		}
		// 13 well-chosen Rasch questions give at most 13 × 0.25.
		if name == "ideal" && (ib.AuthorBest != ib.TrueBest || ib.TrueBest > 0.25*BoundLength) {
			t.Errorf("ideal bank (truth = author levels): %+v", ib)
		}
	}
	// The information of a Rasch item at θ = b is 1/4.
	banks, _ := MakeBanks("ideal", 1)
	if got := banks[0].trueInfo(0, banks[0].TrueB[0]); math.Abs(got-0.25) > 1e-12 {
		t.Errorf("trueInfo at b = %v", got)
	}
}

// TestCalibratedBanks: the banks of ours-elo and ours-refit, learnt from
// 600 learners of each drawn population, are centred on the author levels
// and closer to the true difficulties than the author levels are (0.30–0.39
// against 0.48 on seed 1).
func TestCalibratedBanks(t *testing.T) {
	banks, err := MakeBanks("realistic", 1)
	if err != nil {
		t.Fatal(err)
	}
	b := banks[0]
	rmse := func(eb *scoring.Bank) float64 {
		s := 0.0
		for i, it := range eb.Items {
			s += (it.B - b.TrueB[i]) * (it.B - b.TrueB[i])
		}
		return math.Sqrt(s / float64(eb.Len()))
	}
	author := rmse(b.Engine)
	for _, pop := range []string{"beginners", "normal", "weak"} {
		for _, refit := range []bool{false, true} {
			cb := calibrated(refit)(b, Config{Seed: 1, Population: pop}).Engine
			offset, n := 0.0, 0
			for i, it := range cb.Items {
				if it.Calibrated {
					offset += it.B - b.Engine.Items[i].B
					n++
				}
			}
			if n < cb.Len()/2 || math.Abs(offset/float64(n)) > 1e-9 {
				t.Errorf("%s, refit %v: %d questions calibrated, mean distance to the author levels %v", pop, refit, n, offset/float64(n))
			}
			if got := rmse(cb); !(got < author-0.05) {
				t.Errorf("%s, refit %v: RMSE of the difficulties %.3f, author levels %.3f", pop, refit, got, author)
			}
		}
	}
	if _, err := Run(Config{Banks: []string{"sparse"}, Methods: []string{"ours"}, Learners: 10, Population: "weak"}); err != nil {
		t.Errorf("population weak: %v", err)
	}
}
