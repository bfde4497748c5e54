package scoring

import (
	"math"
	"testing"
)

// pattern builds Rasch responses from difficulties and a string of 1/0.
func pattern(bs []float64, answers string) []Response {
	rs := make([]Response, len(bs))
	for i, b := range bs {
		rs[i] = Response{Item: &Item{ID: string(rune('a' + i)), B: b, A: 1}, Correct: answers[i] == '1'}
	}
	return rs
}

func TestHalfScoreOnSymmetricBankIsZero(t *testing.T) {
	// With difficulties symmetric around 0, any Rasch pattern with raw
	// score n/2 has MLE = WLE = 0: the score equation depends on the raw
	// score only, and ΣP(0) = n/2, J(0) = 0 by symmetry.
	for _, tc := range []struct {
		bs      []float64
		answers string
	}{
		{[]float64{-1, 1}, "10"},
		{[]float64{-1, 1}, "01"},
		{[]float64{-2, -1, 1, 2}, "1100"},
		{[]float64{-2, -1, 1, 2}, "0011"},
		{[]float64{-2, -1, 1, 2}, "0110"},
		{[]float64{-1.5, -0.5, 0, 0, 0.5, 1.5}, "100101"},
		{[]float64{-3, -2, -1, -0.2, 0.2, 1, 2, 3}, "01010101"},
	} {
		rs := pattern(tc.bs, tc.answers)
		mle, ok := MLE(rs)
		if !ok || math.Abs(mle) > 1e-7 {
			t.Errorf("%v %s: MLE = %v (%v), want 0", tc.bs, tc.answers, mle, ok)
		}
		if w := WLE(rs); math.Abs(w) > 1e-7 {
			t.Errorf("%v %s: WLE = %v, want 0", tc.bs, tc.answers, w)
		}
	}
}

func TestMLEMatchesScoreEquation(t *testing.T) {
	rs := pattern([]float64{-2, -1, 0, 1, 2}, "11010")
	th, ok := MLE(rs)
	if !ok {
		t.Fatal("mixed pattern has no MLE")
	}
	s, _, _ := derivs(rs, th)
	if math.Abs(s) > 1e-8 {
		t.Errorf("score at MLE = %v", s)
	}
	// raw score 3 of 5 on a symmetric bank: above 0.
	if th <= 0 {
		t.Errorf("MLE = %v, want > 0", th)
	}
	// WLE is pulled toward the centre of the bank compared with MLE.
	if w := WLE(rs); !(w > 0 && w < th) {
		t.Errorf("WLE = %v, MLE = %v", w, th)
	}
}

func TestExtremePatternsFinite(t *testing.T) {
	bs := []float64{-1, -0.5, 0, 0.5, 1}
	if _, ok := MLE(pattern(bs, "11111")); ok {
		t.Error("MLE exists for an all-right pattern")
	}
	// Own check in adaptive.md §1.2: five Rasch items b = −1..1 all right
	// give WLE 2.66.
	if w := WLE(pattern(bs, "11111")); math.Abs(w-2.66) > 0.01 {
		t.Errorf("WLE all right = %v, want 2.66", w)
	}
	if w := WLE(pattern(bs, "00000")); math.Abs(w+2.66) > 0.01 {
		t.Errorf("WLE all wrong = %v, want −2.66", w)
	}
	// On the author-level bank, all right lands in the top band and all
	// wrong in the bottom band, for WLE and for the final EAP.
	levels := []float64{-2, -1, 0, 1, -2, -1, 0, 1, -1, 0}
	for n := 5; n <= 10; n++ {
		right := pattern(levels[:n], "1111111111"[:n])
		wrong := pattern(levels[:n], "0000000000"[:n])
		if l := DefaultScale.Level(WLE(right)); l != MaxLevel {
			t.Errorf("n=%d WLE all right = %v, level %d", n, WLE(right), l)
		}
		if l := DefaultScale.Level(WLE(wrong)); l != 0 {
			t.Errorf("n=%d WLE all wrong = %v, level %d", n, WLE(wrong), l)
		}
		for _, w := range []float64{WLE(right), WLE(wrong)} {
			if math.IsInf(w, 0) || math.IsNaN(w) || math.Abs(w) >= thetaMax {
				t.Errorf("n=%d: WLE %v not finite inside the bounds", n, w)
			}
		}
	}
}

func TestMAPStationary(t *testing.T) {
	rs := pattern([]float64{-2, -1, 0, 1}, "1100")
	p := Prior{Mean: -0.5, SD: 1.5}
	th, se := MAP(rs, p)
	s, info, _ := derivs(rs, th)
	if g := s - (th-p.Mean)/(p.SD*p.SD); math.Abs(g) > 1e-8 {
		t.Errorf("gradient at MAP = %v", g)
	}
	if want := 1 / math.Sqrt(info+1/(p.SD*p.SD)); math.Abs(se-want) > 1e-12 {
		t.Errorf("SE = %v, want %v", se, want)
	}
}
