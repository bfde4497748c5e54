package sim

import (
	"bytes"
	"math"
	"math/rand/v2"
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
	if _, err := Run(Config{Methods: []string{"nope"}}); err == nil {
		t.Error("unknown method accepted")
	}
	if _, err := Run(Config{Banks: []string{"nope"}, Learners: 1}); err == nil {
		t.Error("unknown bank accepted")
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
	if l := pixLevel([]keState{keValidated, keNone, keNone, keValidated}, skills); l != 1 {
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
	banks, _ := MakeBanks("realistic", 1)
	b := banks[0]
	form := b.form()
	seen := map[string]bool{}
	groups := map[string]bool{}
	for k, i := range form {
		it := b.Engine.Items[i]
		if k < len(b.Engine.Skills()) && seen[it.Skill] {
			t.Fatalf("acquis %s twice in the first %d items", it.Skill, len(b.Engine.Skills()))
		}
		if groups[it.Group] {
			t.Fatalf("two variants of %s", it.Group)
		}
		seen[it.Skill], groups[it.Group] = true, true
	}
	if first := b.Engine.Items[form[0]]; first.Level != 2 {
		t.Errorf("form starts at level %d", first.Level)
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
