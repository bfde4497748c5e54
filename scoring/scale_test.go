package scoring

import (
	"fmt"
	"math"
	"testing"
)

// sixLevelBank is a bank with the six author levels of adaptive.md §6.1,
// read through a scale whose middle sits between levels 3 and 4.
func sixLevelBank(topics, perSkill int) *Bank {
	scale := Scale{Slope: 1, Mid: 3.5, Levels: 5}
	var items []Item
	for t := range topics {
		for l := 1; l <= 6; l++ {
			skill := fmt.Sprintf("t%d-%d", t, l)
			for q := range perSkill {
				items = append(items, Item{ID: fmt.Sprintf("%s-q%d", skill, q), Skill: skill, Topic: fmt.Sprintf("t%d", t),
					Level: l, B: scale.Difficulty(float64(l))})
			}
		}
	}
	return NewBank("six", items, scale, DefaultPrior)
}

func TestSixLevelScale(t *testing.T) {
	s := Scale{Slope: 1, Mid: 3.5, Levels: 5}
	for l, want := range []float64{-2.5, -1.5, -0.5, 0.5, 1.5, 2.5} {
		if got := s.Difficulty(float64(l + 1)); got != want {
			t.Errorf("author level %d: b = %v, want %v", l+1, got, want)
		}
	}
	// The bands of adaptive.md §6.1: cuts at −2, −1, 0, 1, 2.
	for k, want := range []float64{-2, -1, 0, 1, 2} {
		if got := s.Cut(k + 1); got != want {
			t.Errorf("cut %d = %v, want %v", k+1, got, want)
		}
	}
	for _, tc := range []struct {
		theta float64
		level int
	}{{-9, 0}, {-2.01, 0}, {-2, 1}, {-0.5, 2}, {0, 3}, {1.99, 4}, {2, 5}, {9, 5}} {
		if got := s.Level(tc.theta); got != tc.level {
			t.Errorf("Level(%v) = %d, want %d", tc.theta, got, tc.level)
		}
	}
	if s.Top() != 5 || DefaultScale.Top() != MaxLevel {
		t.Errorf("Top: %d and %d", s.Top(), DefaultScale.Top())
	}
	if lo, hi := s.Band(5); lo != 2 || !math.IsInf(hi, 1) {
		t.Errorf("Band(5) = %v, %v", lo, hi)
	}
	// A learner at a cut succeeds σ(½) on the items of the level below it,
	// as on the product's scale.
	it := Item{B: s.Difficulty(2), A: 1}
	if got := it.Prob(s.Cut(2)); math.Abs(got-Sigmoid(0.5)) > 1e-12 {
		t.Errorf("P at cut = %v", got)
	}

	// A whole test on such a bank reports every one of its six levels; the
	// product's 0–4 fields stay filled for the first five.
	b := sixLevelBank(6, 2)
	top, _ := runTest(b, TestOptions{Seed: 1}, func(*Item) bool { return true })
	r := top.Result()
	if r.Level != 5 || len(r.AllLevelProbs) != 6 {
		t.Fatalf("all right: level %d, %d level probabilities", r.Level, len(r.AllLevelProbs))
	}
	sum := 0.0
	for k, p := range r.AllLevelProbs {
		sum += p
		if k <= MaxLevel && r.LevelProbs[k] != p {
			t.Errorf("LevelProbs[%d] = %v, AllLevelProbs %v", k, r.LevelProbs[k], p)
		}
	}
	if math.Abs(sum-1) > 1e-9 || r.Certainty.Level != 5 {
		t.Errorf("probabilities sum to %v; certainty %+v", sum, r.Certainty)
	}
	bottom, _ := runTest(b, TestOptions{Seed: 1}, func(*Item) bool { return false })
	if r := bottom.Result(); r.Level != 0 {
		t.Errorf("all wrong: level %d", r.Level)
	}
	// Real content keeps the product's levels 0–4.
	p := testBank(6, 3)
	r = func() Result {
		tt, _ := runTest(p, TestOptions{Seed: 1}, func(*Item) bool { return true })
		return tt.Result()
	}()
	if r.Level != MaxLevel || len(r.AllLevelProbs) != MaxLevel+1 {
		t.Errorf("product scale: level %d, %d probabilities", r.Level, len(r.AllLevelProbs))
	}
}
