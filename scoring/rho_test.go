package scoring

import (
	"math"
	"math/rand/v2"
	"testing"
)

func rhoPairs(n int, rho, se float64, seed uint64) []RhoPair {
	rng := rand.New(rand.NewPCG(seed, 1))
	out := make([]RhoPair, n)
	for i := range out {
		g := rng.NormFloat64()
		a := math.Sqrt(rho)*g + math.Sqrt(1-rho)*rng.NormFloat64()
		b := math.Sqrt(rho)*g + math.Sqrt(1-rho)*rng.NormFloat64()
		out[i] = RhoPair{A: a + se*rng.NormFloat64(), B: b + se*rng.NormFloat64(), SEA: se, SEB: se}
	}
	return out
}

func TestEstimateRho(t *testing.T) {
	if r, ok := EstimateRho(rhoPairs(MinRhoPairs-1, 0.2, 0.5, 1)); ok || r != DefaultRho {
		t.Errorf("too few pairs: %v %v, want the default", r, ok)
	}
	for _, truth := range []float64{0.3, 0.6, 0.8} {
		// Many pairs with a test's error (SE 0.5): the attenuation is
		// corrected, and the default weighs little.
		r, ok := EstimateRho(rhoPairs(5000, truth, 0.5, 2))
		if !ok || math.Abs(r-truth) > 0.05 {
			t.Errorf("truth %.1f: estimated %.3f (%v)", truth, r, ok)
		}
		// Few pairs: between the data and the default.
		r, _ = EstimateRho(rhoPairs(40, truth, 0.5, 3))
		if r < 0 || r > 0.95 {
			t.Errorf("truth %.1f, 40 pairs: %.3f out of [0, 0.95]", truth, r)
		}
	}
}
