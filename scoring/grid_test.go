package scoring

import (
	"math"
	"testing"
)

// bruteEAP integrates the posterior mean and SD directly, with a fine
// trapezoid rule on a much wider range, from the product of probabilities.
func bruteEAP(rs []Response, p Prior) (mean, sd float64) {
	const lo, hi, n = -15.0, 15.0, 60001
	h := (hi - lo) / (n - 1)
	var z, m1, m2 float64
	for k := range n {
		t := lo + h*float64(k)
		f := math.Exp(-0.5 * math.Pow((t-p.Mean)/p.SD, 2))
		for _, r := range rs {
			pr := r.Item.Prob(t)
			if !r.Correct {
				pr = 1 - pr
			}
			f *= pr
		}
		w := h
		if k == 0 || k == n-1 {
			w /= 2
		}
		z += w * f
		m1 += w * f * t
		m2 += w * f * t * t
	}
	mean = m1 / z
	return mean, math.Sqrt(m2/z - mean*mean)
}

func TestEAPMatchesNumericalIntegral(t *testing.T) {
	for _, tc := range []struct {
		bs      []float64
		answers string
		prior   Prior
	}{
		{nil, "", DefaultPrior},
		{[]float64{0}, "1", Prior{0, 1}},
		{[]float64{-2, -1, 0, 1}, "1100", DefaultPrior},
		{[]float64{-2, -1, 0, 1, 1}, "11111", DefaultPrior},
		{[]float64{-2, -2, -1, -1, -2}, "00000", DefaultPrior},
		{[]float64{-1, 0, 0.5, 1, -0.5, 0.3, -1.2, 2}, "10110100", Prior{0, 2}},
	} {
		rs := pattern(tc.bs, tc.answers)
		ll := NewLogLik(DefaultGrid)
		for _, r := range rs {
			ll.Add(r.Item, r.Correct)
		}
		post := ll.Posterior(tc.prior)
		wantM, wantS := bruteEAP(rs, tc.prior)
		if d := math.Abs(post.Mean() - wantM); d > 1e-4 {
			t.Errorf("%v %s: EAP %v, integral %v", tc.bs, tc.answers, post.Mean(), wantM)
		}
		if d := math.Abs(post.SD() - wantS); d > 1e-4 {
			t.Errorf("%v %s: PSD %v, integral %v", tc.bs, tc.answers, post.SD(), wantS)
		}
	}
}

func TestPosteriorMassSumsToOne(t *testing.T) {
	ll := NewLogLik(DefaultGrid)
	ll.Add(&Item{B: 0, A: 1}, true)
	post := ll.Posterior(DefaultPrior)
	s := 0.0
	for k := range MaxLevel + 1 {
		s += post.Mass(DefaultScale.Band(k))
	}
	if math.Abs(s-1) > 1e-12 {
		t.Errorf("level masses sum to %v", s)
	}
}

func TestLogLikSubUndoesAdd(t *testing.T) {
	ll := NewLogLik(DefaultGrid)
	a, b := &Item{B: -1, A: 1}, &Item{B: 0.5, A: 1.7}
	ll.Add(a, true)
	want := ll.Clone()
	ll.Add(b, false)
	ll.Sub(b, false)
	for k := range ll.L {
		if math.Abs(ll.L[k]-want.L[k]) > 1e-12 {
			t.Fatalf("point %d: %v != %v", k, ll.L[k], want.L[k])
		}
	}
}
