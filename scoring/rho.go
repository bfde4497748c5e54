package scoring

import "math"

// RhoPair is one learner's results in two competences: abilities and their
// standard errors (two finished tests of one learner).
type RhoPair struct {
	A, B     float64
	SEA, SEB float64
}

// MinRhoPairs is the number of pairs below which EstimateRho keeps the
// default: a correlation of a few dozen noisy pairs is mostly noise.
const MinRhoPairs = 30

// rhoPrior is how many pairs the default counts for in EstimateRho's
// shrinkage.
const rhoPrior = 50

// EstimateRho estimates the correlation between the abilities of two
// competences from learners' results: the correlation of the estimates,
// corrected for their measurement error (each variance minus the mean
// squared standard error, Spearman's disattenuation), then shrunk toward
// DefaultRho as if the default were rhoPrior pairs more. With fewer than
// MinRhoPairs pairs it returns DefaultRho and false.
//
// Not wired into the tutor yet: a positioning's results depend on the
// correlation, so the value a positioning used must be stored with it (as
// its item parameters are) before a computed one may change over time
// (docs/moteur-adaptatif.md §3.1).
func EstimateRho(pairs []RhoPair) (rho float64, estimated bool) {
	n := float64(len(pairs))
	if len(pairs) < MinRhoPairs {
		return DefaultRho, false
	}
	var ma, mb, sa, sb float64
	for _, p := range pairs {
		ma += p.A
		mb += p.B
		sa += p.SEA * p.SEA
		sb += p.SEB * p.SEB
	}
	ma, mb, sa, sb = ma/n, mb/n, sa/n, sb/n
	var va, vb, cov float64
	for _, p := range pairs {
		va += (p.A - ma) * (p.A - ma)
		vb += (p.B - mb) * (p.B - mb)
		cov += (p.A - ma) * (p.B - mb)
	}
	va, vb, cov = va/(n-1), vb/(n-1), cov/(n-1)
	// True-score variances: what the errors leave, never below a tenth of
	// the observed (a test-length error cannot explain all the spread).
	ta, tb := max(va-sa, va/10), max(vb-sb, vb/10)
	r := 0.0
	if ta > 0 && tb > 0 {
		r = cov / math.Sqrt(ta*tb)
	}
	r = min(max(r, 0), 0.95)
	w := n / (n + rhoPrior)
	return w*r + (1-w)*DefaultRho, true
}
