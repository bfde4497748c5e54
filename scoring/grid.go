package scoring

import "math"

// Prior is a normal prior on ability.
type Prior struct{ Mean, SD float64 }

// DefaultPrior is centred where the learners of Pas à pas are (between
// levels 1 and 2: the beginner-skewed population N(−0.5, 1) of the
// simulation) and wide (1.5 logit) so that it shrinks little: with a narrow
// N(0,1) prior a learner at −2.5 is pulled up by almost a level after ten
// items (adaptive.md §1.2).
var DefaultPrior = Prior{Mean: -0.5, SD: 1.5}

// DefaultPopulation is the spread of abilities the engine assumes among the
// learners of one computer: centred where DefaultPrior is, but with the SD
// of a real population (1 logit; the simulation's beginner-skewed learners
// are drawn from the same N(−0.5, 1)). Only the calibration uses it
// (EloOptions.Population): an individual result keeps the wide prior.
var DefaultPopulation = Prior{Mean: -0.5, SD: 1}

// Grid is the fixed set of abilities on which likelihoods are tracked.
type Grid struct {
	Points []float64
}

// DefaultGrid has 161 points from −8 to 8: fine enough (0.1 logit) that the
// grid adds nothing visible to the error, and wide enough that the wide
// prior and an all-wrong beginner (posterior near −3, SD ≈ 0.9) are not cut
// off: with ±6 the EAP of five wrong answers was off by 0.01.
var DefaultGrid = NewGrid(-8, 8, 161)

// NewGrid returns n equally spaced points from lo to hi.
func NewGrid(lo, hi float64, n int) *Grid {
	g := &Grid{Points: make([]float64, n)}
	for k := range n {
		g.Points[k] = lo + (hi-lo)*float64(k)/float64(n-1)
	}
	return g
}

// LogPrior returns log π(θ_k) up to a constant, for each grid point.
func (g *Grid) LogPrior(p Prior) []float64 {
	out := make([]float64, len(g.Points))
	for k, t := range g.Points {
		z := (t - p.Mean) / p.SD
		out[k] = -0.5 * z * z
	}
	return out
}

// LogLik is a running log-likelihood on a grid: one entry per grid point,
// one log-probability added per answer. Keeping logs avoids underflow on
// long tests; the maximum is subtracted before exponentiating.
type LogLik struct {
	Grid *Grid
	L    []float64
}

// NewLogLik returns a flat log-likelihood (no answer yet).
func NewLogLik(g *Grid) *LogLik { return &LogLik{Grid: g, L: make([]float64, len(g.Points))} }

// Add records one answer to an item.
func (ll *LogLik) Add(it *Item, correct bool) {
	for k, t := range ll.Grid.Points {
		ll.L[k] += logProb(it, t, correct)
	}
}

// Sub removes one answer (used to look at the evidence without one acquis).
func (ll *LogLik) Sub(it *Item, correct bool) {
	for k, t := range ll.Grid.Points {
		ll.L[k] -= logProb(it, t, correct)
	}
}

// Clone returns an independent copy.
func (ll *LogLik) Clone() *LogLik {
	return &LogLik{Grid: ll.Grid, L: append([]float64(nil), ll.L...)}
}

// logProb is log P(u | θ).
func logProb(it *Item, theta float64, correct bool) float64 {
	x := it.A * (theta - it.B)
	if !correct {
		x = -x
	}
	return logSigmoid(x)
}

// logSigmoid is log σ(x) computed stably: −log(1+e^−x).
func logSigmoid(x float64) float64 {
	if x > 0 {
		return -math.Log1p(math.Exp(-x))
	}
	return x - math.Log1p(math.Exp(x))
}

// Posterior is a normalised posterior on the grid.
type Posterior struct {
	Grid *Grid
	W    []float64 // weights summing to 1
}

// Posterior combines the likelihood with a prior.
func (ll *LogLik) Posterior(p Prior) Posterior {
	return posteriorFrom(ll.L, ll.Grid.LogPrior(p), ll.Grid)
}

// posteriorFrom normalises exp(l + lp) on the grid.
func posteriorFrom(l, lp []float64, g *Grid) Posterior {
	w := make([]float64, len(lp))
	m := math.Inf(-1)
	for k := range w {
		w[k] = l[k] + lp[k]
		m = max(m, w[k])
	}
	s := 0.0
	for k := range w {
		w[k] = math.Exp(w[k] - m)
		s += w[k]
	}
	for k := range w {
		w[k] /= s
	}
	return Posterior{Grid: g, W: w}
}

// Mean is the expected a posteriori ability (EAP).
func (p Posterior) Mean() float64 {
	m := 0.0
	for k, t := range p.Grid.Points {
		m += p.W[k] * t
	}
	return m
}

// SD is the posterior standard deviation, used as the standard error.
func (p Posterior) SD() float64 {
	m := p.Mean()
	v := 0.0
	for k, t := range p.Grid.Points {
		d := t - m
		v += p.W[k] * d * d
	}
	return math.Sqrt(v)
}

// Mass returns the posterior probability that ability lies in [lo, hi).
func (p Posterior) Mass(lo, hi float64) float64 {
	s := 0.0
	for k, t := range p.Grid.Points {
		if t >= lo && t < hi {
			s += p.W[k]
		}
	}
	return s
}

// Expect returns the posterior mean of f(θ).
func (p Posterior) Expect(f func(theta float64) float64) float64 {
	s := 0.0
	for k, t := range p.Grid.Points {
		if p.W[k] > 1e-12 {
			s += p.W[k] * f(t)
		}
	}
	return s
}
