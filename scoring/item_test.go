package scoring

import (
	"math"
	"testing"
)

func TestRaschInformationAtDifficulty(t *testing.T) {
	for _, b := range []float64{-3, -1, 0, 0.5, 2.7} {
		it := Item{B: b, A: 1}
		if got := it.Info(b); math.Abs(got-0.25) > 1e-15 {
			t.Errorf("I(θ=b=%v) = %v, want 0.25", b, got)
		}
		if got := it.Prob(b); got != 0.5 {
			t.Errorf("P(θ=b=%v) = %v, want 0.5", b, got)
		}
	}
	// 2PL: a² / 4 at θ = b, and information falls off on both sides.
	it := Item{B: 1, A: 2}
	if got := it.Info(1); math.Abs(got-1) > 1e-15 {
		t.Errorf("2PL I(b) = %v, want a²/4 = 1", got)
	}
	if it.Info(0) >= it.Info(1) || it.Info(2) >= it.Info(1) {
		t.Error("information is not maximal at θ = b")
	}
}

func TestSigmoidStable(t *testing.T) {
	for _, tc := range []struct{ x, want float64 }{{0, 0.5}, {800, 1}, {-800, 0}, {math.Log(3), 0.75}} {
		if got := Sigmoid(tc.x); math.Abs(got-tc.want) > 1e-12 || math.IsNaN(got) {
			t.Errorf("Sigmoid(%v) = %v, want %v", tc.x, got, tc.want)
		}
	}
}

func TestScaleLevels(t *testing.T) {
	s := DefaultScale
	for _, tc := range []struct {
		level float64
		b     float64
	}{{1, -2}, {2, -1}, {3, 0}, {4, 1}} {
		if got := s.Difficulty(tc.level); got != tc.b {
			t.Errorf("Difficulty(%v) = %v, want %v", tc.level, got, tc.b)
		}
	}
	for _, tc := range []struct {
		theta float64
		level int
	}{{-9, 0}, {-1.51, 0}, {-1.5, 1}, {-0.6, 1}, {-0.5, 2}, {0.49, 2}, {0.5, 3}, {1.49, 3}, {1.5, 4}, {9, 4}} {
		if got := s.Level(tc.theta); got != tc.level {
			t.Errorf("Level(%v) = %d, want %d", tc.theta, got, tc.level)
		}
	}
	// A learner exactly at a cut succeeds σ(½) ≈ 62 % on that level's items.
	it := Item{B: s.Difficulty(2), A: 1}
	if got := it.Prob(s.Cut(2)); math.Abs(got-Sigmoid(0.5)) > 1e-12 {
		t.Errorf("P at cut = %v", got)
	}
	lo, hi := s.Band(0)
	if !math.IsInf(lo, -1) || hi != -1.5 {
		t.Errorf("Band(0) = %v, %v", lo, hi)
	}
	lo, hi = s.Band(MaxLevel)
	if lo != 1.5 || !math.IsInf(hi, 1) {
		t.Errorf("Band(4) = %v, %v", lo, hi)
	}
}
