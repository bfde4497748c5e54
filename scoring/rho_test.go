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
		out[i] = RhoPair{Learner: int64(i), A: a + se*rng.NormFloat64(), B: b + se*rng.NormFloat64(), SEA: se, SEB: se}
	}
	return out
}

func TestEstimateRho(t *testing.T) {
	if r, ok := EstimateRho(rhoPairs(MinRhoLearners-1, 0.2, 0.5, 1)); ok || r != DefaultRho {
		t.Errorf("too few pairs: %v %v, want the default", r, ok)
	}
	// Many pairs of too few learners: learners tested in many
	// competences each give many pairs, which tell about as much as one
	// learner. One learner tested in nine competences (36 pairs, every
	// ability centred to 0 on its competence) told « estimated » 0.35.
	for _, learners := range []int{1, 2, MinRhoLearners - 1} {
		var rs []RhoResult
		rng := rand.New(rand.NewPCG(5, uint64(learners)))
		for l := range learners {
			for _, c := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i"} {
				rs = append(rs, RhoResult{int64(l), c, rng.NormFloat64(), 0.4})
			}
		}
		pairs := RhoPairsOf(rs)
		if r, ok := EstimateRho(pairs); ok || r != DefaultRho || len(pairs) < MinRhoLearners {
			t.Errorf("%d learners, %d pairs: %v %v, want the default", learners, len(pairs), r, ok)
		}
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

// TestEstimateRhoOverflow: pairs whose sums overflow give the default,
// not the estimate NaN a store refuses.
func TestEstimateRhoOverflow(t *testing.T) {
	for _, odd := range []RhoPair{{A: 1e300, B: 1e300, SEA: 0.3, SEB: 0.3}, {A: 1e300, B: 0, SEA: 0.3, SEB: 0.3}} {
		pairs := append(rhoPairs(60, 0.3, 0.3, 4), odd)
		if r, ok := EstimateRho(pairs); ok || r != DefaultRho {
			t.Errorf("overflowing pair %+v: %v %v, want the default", odd, r, ok)
		}
	}
}

func TestRhoPairsOf(t *testing.T) {
	tests := []struct {
		name    string
		results []RhoResult
		want    []RhoPair
	}{
		{"nothing", nil, nil},
		{"one competence each: no pair", []RhoResult{
			{1, "mail", 1, 0.5}, {2, "mail", -1, 0.5},
		}, nil},
		{"centred on each competence's mean", []RhoResult{
			{1, "video", 3, 0.4}, {1, "mail", 1, 0.5},
			{2, "mail", -1, 0.6}, {2, "video", 1, 0.3},
		}, []RhoPair{{Learner: 1, A: 1, SEA: 0.5, B: 1, SEB: 0.4}, {Learner: 2, A: -1, SEA: 0.6, B: -1, SEB: 0.3}}},
		{"three competences give three pairs", []RhoResult{
			{7, "c", 0, 1}, {7, "a", 0, 1}, {7, "b", 0, 1},
		}, []RhoPair{{Learner: 7, SEA: 1, SEB: 1}, {Learner: 7, SEA: 1, SEB: 1}, {Learner: 7, SEA: 1, SEB: 1}}},
		{"no standard error, or no ability: left out", []RhoResult{
			{1, "a", 0, 0}, {1, "b", 0, 1}, {1, "c", math.NaN(), 1},
		}, nil},
		{"an ability beyond ±10 logits: left out", []RhoResult{
			{1, "a", 10.5, 1}, {1, "b", -1e300, 1}, {1, "c", 10, 1}, {2, "c", -10, 1}, {2, "d", 0, 1},
		}, []RhoPair{{Learner: 2, A: -10, SEA: 1, B: 0, SEB: 1}}}, // c centred on its mean 0; learner 1 has c alone left
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := RhoPairsOf(tt.results)
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("pair %d: got %+v, want %+v", i, got[i], tt.want[i])
				}
			}
		})
	}
	// Independent abilities, in two pairs of competences far apart in
	// difficulty (a and b easy, c and d hard), pooled: the centring keeps
	// the gap between the pairs out of the estimate.
	var rs []RhoResult
	for i, p := range rhoPairs(3000, 0, 0.3, 9) {
		if i%2 == 0 {
			rs = append(rs, RhoResult{int64(i), "a", p.A + 2, 0.3}, RhoResult{int64(i), "b", p.B + 2, 0.3})
		} else {
			rs = append(rs, RhoResult{int64(i), "c", p.A - 2, 0.3}, RhoResult{int64(i), "d", p.B - 2, 0.3})
		}
	}
	if r, ok := EstimateRho(RhoPairsOf(rs)); !ok || r > 0.1 {
		t.Errorf("independent competences: estimated %.3f (%v), want near 0", r, ok)
	}
}
