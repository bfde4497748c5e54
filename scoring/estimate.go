package scoring

import "math"

// Response is one answer to one item.
type Response struct {
	Item    *Item
	Correct bool
}

// Estimation bounds: abilities beyond ±10 logits mean nothing for a
// four-level référentiel; the root finders search inside them.
const (
	thetaMin = -10.0
	thetaMax = 10.0
)

// derivs returns the score S(θ) = Σ a(u−P), the test information
// I(θ) = Σ a²PQ and J(θ) = Σ a³PQ(1−2P), the three sums ML-type estimators
// need (Warm 1989).
func derivs(rs []Response, theta float64) (s, info, j float64) {
	for _, r := range rs {
		a := r.Item.A
		p := r.Item.Prob(theta)
		q := 1 - p
		u := 0.0
		if r.Correct {
			u = 1
		}
		s += a * (u - p)
		info += a * a * p * q
		j += a * a * a * p * q * (1 - 2*p)
	}
	return s, info, j
}

// TestInfo is the test information Σ a²PQ at theta.
func TestInfo(rs []Response, theta float64) float64 {
	_, i, _ := derivs(rs, theta)
	return i
}

// Mixed says whether a pattern has both a right and a wrong answer: only
// then does the maximum-likelihood estimate exist.
func Mixed(rs []Response) bool {
	var right, wrong bool
	for _, r := range rs {
		right = right || r.Correct
		wrong = wrong || !r.Correct
	}
	return right && wrong
}

// MLE returns the maximum-likelihood ability. For all-right or all-wrong
// patterns it does not exist: MLE returns ±Inf and false. This is why the
// engine never uses it during a test; it is here for checks and ablations.
func MLE(rs []Response) (float64, bool) {
	if len(rs) == 0 {
		return math.NaN(), false
	}
	if !Mixed(rs) {
		if rs[0].Correct {
			return math.Inf(1), false
		}
		return math.Inf(-1), false
	}
	// The score is strictly decreasing in θ: bisection cannot fail.
	return bisect(func(t float64) float64 { s, _, _ := derivs(rs, t); return s }), true
}

// WLE returns Warm's weighted-likelihood ability, the root of
// S(θ) + J(θ)/(2I(θ)). Its bias is of order 1/n² instead of 1/n, and it is
// finite for all-right and all-wrong patterns under Rasch and 2PL.
func WLE(rs []Response) float64 {
	if len(rs) == 0 {
		return math.NaN()
	}
	return bisect(func(t float64) float64 {
		s, i, j := derivs(rs, t)
		if i <= 0 {
			return s
		}
		return s + j/(2*i)
	})
}

// MAP returns the posterior mode under a normal prior, and the standard
// error 1/√(I + 1/σ²).
func MAP(rs []Response, p Prior) (theta, se float64) {
	v := p.SD * p.SD
	theta = bisect(func(t float64) float64 {
		s, _, _ := derivs(rs, t)
		return s - (t-p.Mean)/v
	})
	return theta, 1 / math.Sqrt(TestInfo(rs, theta)+1/v)
}

// bisect finds the root of a function that is positive at thetaMin and
// negative at thetaMax (all the estimating equations here are), to 1e-9.
// Outside that bracket it returns the nearer bound.
func bisect(f func(float64) float64) float64 {
	lo, hi := thetaMin, thetaMax
	flo, fhi := f(lo), f(hi)
	switch {
	case flo <= 0:
		return lo
	case fhi >= 0:
		return hi
	}
	for hi-lo > 1e-9 {
		mid := (lo + hi) / 2
		if f(mid) > 0 {
			lo = mid
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2
}
