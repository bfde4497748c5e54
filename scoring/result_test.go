package scoring

import (
	"strings"
	"testing"

	"pasapas/i18n"
)

func TestCertaintyWords(t *testing.T) {
	for _, tc := range []struct {
		level  int
		p      [MaxLevel + 1]float64
		fr, en string
	}{
		{2, [5]float64{0, 0.05, 0.85, 0.1, 0}, "très probablement niveau 2", "very likely level 2"},
		{2, [5]float64{0, 0.1, 0.6, 0.3, 0}, "probablement niveau 2, peut-être 3", "probably level 2, maybe 3"},
		{1, [5]float64{0.25, 0.55, 0.15, 0.05, 0}, "probablement niveau 1, peut-être 0", "probably level 1, maybe 0"},
		{3, [5]float64{0, 0.1, 0.15, 0.6, 0.15}, "probablement niveau 3", "probably level 3"},
		{2, [5]float64{0.05, 0.3, 0.35, 0.25, 0.05}, "entre le niveau 1 et le niveau 3", "somewhere between level 1 and level 3"},
	} {
		c := certainty(tc.level, tc.p[:])
		if got := c.Text(i18n.FR); got != tc.fr {
			t.Errorf("FR %v: %q, want %q", tc.p, got, tc.fr)
		}
		if got := c.Text(i18n.EN); got != tc.en {
			t.Errorf("EN %v: %q, want %q", tc.p, got, tc.en)
		}
	}
}

func TestLearnerWordsHaveNoJargon(t *testing.T) {
	for code, msg := range words {
		if strings.HasPrefix(code, "why_") || strings.HasPrefix(code, "stop_") {
			continue // médiateur explanations
		}
		for _, s := range []string{msg.FR, msg.EN} {
			low := strings.ToLower(s)
			for _, jargon := range []string{"thêta", "theta", "logit", "eap", "irt", "rasch"} {
				if strings.Contains(low, jargon) {
					t.Errorf("%s: %q says %q", code, s, jargon)
				}
			}
		}
	}
	for l := 0; l <= MaxLevel; l++ {
		for _, lang := range i18n.All {
			if LevelName(lang, l) == "" || strings.HasPrefix(LevelName(lang, l), "[") {
				t.Errorf("level %d has no name in %s", l, lang)
			}
		}
	}
	if got := LevelHeading(i18n.FR, 2); got != "Niveau 2 : Je me débrouille" {
		t.Errorf("heading %q", got)
	}
}

func TestMasteryFollowsEvidence(t *testing.T) {
	b := testBank(4, 3)
	// A learner of middling ability who fails one easy acquis and succeeds
	// at one hard acquis.
	tt := NewTest(b, TestOptions{Seed: 1, NoStop: true})
	answers := []Answer{
		{"t0-1-q0", false}, {"t1-1-q0", true}, {"t2-1-q0", true}, {"t3-1-q0", true},
		{"t0-2-q0", true}, {"t1-2-q0", true}, {"t2-2-q0", true}, {"t3-2-q0", false},
		{"t0-3-q0", true}, {"t1-3-q0", false}, {"t2-3-q0", false}, {"t3-3-q0", true},
		{"t0-4-q0", false}, {"t1-4-q0", false}, {"t2-4-q0", true},
	}
	for _, a := range answers {
		if err := tt.Record(a.Question, a.Correct); err != nil {
			t.Fatal(err)
		}
	}
	r := tt.Result()
	m := map[string]SkillMastery{}
	for _, s := range r.Skills {
		m[s.Skill] = s
	}
	if len(r.Skills) != 16 {
		t.Fatalf("%d acquis", len(r.Skills))
	}
	// Same author level, different evidence: the failed one is lower.
	if !(m["t0-1"].PSuccess < m["t1-1"].PSuccess) {
		t.Errorf("failed acquis %v not below succeeded %v", m["t0-1"].PSuccess, m["t1-1"].PSuccess)
	}
	if !(m["t2-4"].PSuccess > m["t0-4"].PSuccess) {
		t.Errorf("succeeded hard acquis %v not above failed %v", m["t2-4"].PSuccess, m["t0-4"].PSuccess)
	}
	// Unseen acquis: ordered by level.
	if !(m["t3-4"].PSuccess < m["t3-3"].PSuccess) {
		t.Errorf("unseen level 4 %v not below level 3 %v", m["t3-4"].PSuccess, m["t3-3"].PSuccess)
	}
	if !m["t0-1"].Weak || m["t1-1"].Weak {
		t.Error("weak flags wrong on level 1")
	}
	// Weak acquis come easiest first, and include every failed one.
	for i := 1; i < len(r.Weak); i++ {
		if m[r.Weak[i-1]].Level > m[r.Weak[i]].Level {
			t.Errorf("weak list not by level: %v", r.Weak)
		}
	}
	for _, a := range answers {
		if !a.Correct && !contains(r.Weak, b.Item(a.Question).Skill) {
			t.Errorf("failed %s not in weak list %v", a.Question, r.Weak)
		}
	}
	for k, p := range r.LevelProbs {
		if p < 0 || p > 1 {
			t.Errorf("level %d probability %v", k, p)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestExplanationsRender(t *testing.T) {
	b := testBank(4, 2)
	tt, _ := runTest(b, TestOptions{Seed: 5}, learner{theta: 0.3, luck: hashLuck(5)}.answer)
	for _, s := range tt.Steps() {
		for _, lang := range i18n.All {
			txt := s.Text(lang)
			if !strings.Contains(txt, s.Skill) || strings.Contains(txt, "%!") {
				t.Errorf("%s: %q", lang, txt)
			}
		}
	}
	stop := tt.Stop()
	for _, lang := range i18n.All {
		if txt := stop.Text(lang); txt == "" || strings.Contains(txt, "%!") || strings.HasPrefix(txt, "[") {
			t.Errorf("stop %s: %q", lang, txt)
		}
	}
	if !strings.HasPrefix(tt.Stop().Text(i18n.FR), "Arrêt après") {
		t.Errorf("stop text %q", tt.Stop().Text(i18n.FR))
	}
}

// TestEdgeEstimate: in the lowest and the highest level the reported
// ability is the wider prior's when that is further out (issue #24: the
// bias at θ = −3), with that prior's SD as its error (wider: the pair
// stays one distribution's), and the level and its words never move, so
// stored tests replay to the level and the confidence they had; in between
// nothing changes.
func TestEdgeEstimate(t *testing.T) {
	b := testBank(6, 2)
	for _, tc := range []struct {
		name    string
		theta   float64
		outward int // −1: lower than without the edge rule, +1 higher, 0 equal
	}{
		{"every answer wrong", -6, -1},
		{"every answer right", 6, +1},
		{"a middle learner", -0.5, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for seed := range uint64(20) {
				l := learner{theta: tc.theta, luck: hashLuck(seed)}
				_, log := runTest(b, TestOptions{Seed: seed}, l.answer)
				edge, err := Replay(b, TestOptions{Seed: seed}, log)
				if err != nil {
					t.Fatal(err)
				}
				plain, _ := Replay(b, TestOptions{Seed: seed, EdgeSD: -1}, log)
				re, rp := edge.Result(), plain.Result()
				if re.Level != rp.Level {
					t.Fatalf("seed %d: level %d with the edge rule, %d without", seed, re.Level, rp.Level)
				}
				if we, wp := re.Uncertainty(i18n.FR), rp.Uncertainty(i18n.FR); we != wp {
					t.Errorf("seed %d: %q with the edge rule, %q without", seed, we, wp)
				}
				switch {
				case tc.outward != 0 && re.SE <= rp.SE, tc.outward == 0 && re.SE != rp.SE:
					t.Errorf("seed %d: SE %.3f with the edge rule, %.3f without", seed, re.SE, rp.SE)
				}
				if got := edge.FinalTheta(); got != re.Theta {
					t.Errorf("seed %d: FinalTheta %v, Result %v", seed, got, re.Theta)
				}
				switch d := re.Theta - rp.Theta; {
				case tc.outward < 0 && d >= -0.05, tc.outward > 0 && d <= 0.05, tc.outward == 0 && d != 0:
					t.Errorf("seed %d: θ %.3f with the edge rule, %.3f without", seed, re.Theta, rp.Theta)
				}
			}
		})
	}
}

// TestEdgeEstimateKeepsEveryLevel: over many answer patterns of every
// ability, the edge rule never changes a level.
func TestEdgeEstimateKeepsEveryLevel(t *testing.T) {
	b := testBank(6, 2)
	for k := range 400 {
		theta := -4 + 8*float64(k%40)/39
		l := learner{theta: theta, luck: hashLuck(uint64(k))}
		_, log := runTest(b, TestOptions{Seed: uint64(k)}, l.answer)
		edge, _ := Replay(b, TestOptions{Seed: uint64(k)}, log)
		plain, _ := Replay(b, TestOptions{Seed: uint64(k), EdgeSD: -1}, log)
		if e, p := edge.Result(), plain.Result(); e.Level != p.Level || e.LevelProbs != p.LevelProbs {
			t.Fatalf("θ %.2f, pattern %d: level %d/%v with the edge rule, %d/%v without", theta, k, e.Level, e.LevelProbs, p.Level, p.LevelProbs)
		}
	}
}
