package scoring

import (
	"cmp"
	"math"
	"slices"
)

// RhoPair is one learner's results in two competences: abilities and their
// standard errors (two finished tests of one learner).
type RhoPair struct {
	// Learner is whose results they are. A learner tested in k
	// competences gives k(k−1)/2 pairs, which tell about as much as one
	// learner: EstimateRho counts learners, not pairs.
	Learner  int64
	A, B     float64
	SEA, SEB float64
}

// MinRhoLearners is the number of learners with a pair below which
// EstimateRho keeps the default: a correlation of a few dozen noisy
// results is mostly noise, and one learner tested in nine competences
// (36 pairs) is one learner.
const MinRhoLearners = 30

// rhoPrior is how many learners the default counts for in EstimateRho's
// shrinkage.
const rhoPrior = 50

// EstimateRho estimates the correlation between the abilities of two
// competences from learners' results: the correlation of the estimates,
// corrected for their measurement error (each variance minus the mean
// squared standard error, Spearman's disattenuation), then shrunk toward
// DefaultRho as if the default were rhoPrior learners more. With pairs of
// fewer than MinRhoLearners learners it returns DefaultRho and false.
//
// The tutor calls it when a positioning starts, on the pairs RhoPairsOf
// makes of the store's latest one-competence results, and stores the value
// with the positioning: its results are replayed with that value, never
// with a later estimate (docs/moteur-adaptatif.md §3.1).
func EstimateRho(pairs []RhoPair) (rho float64, estimated bool) {
	learners := map[int64]bool{}
	for _, p := range pairs {
		learners[p.Learner] = true
	}
	if len(learners) < MinRhoLearners {
		return DefaultRho, false
	}
	n := float64(len(pairs))
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
	if math.IsInf(va, 0) || math.IsInf(vb, 0) || math.IsNaN(r) {
		// Sums that overflowed (abilities near the float64 limit): no
		// estimate, rather than a NaN the store refuses at every start,
		// or a 0 that only says a variance was infinite.
		return DefaultRho, false
	}
	r = min(max(r, 0), 0.95)
	m := float64(len(learners))
	w := m / (m + rhoPrior)
	return w*r + (1-w)*DefaultRho, true
}

// RhoResult is one learner's result in one competence, as EstimateRho's
// pairs are made of: a finished test of that competence alone (never a
// positioning, whose results depend on the correlation).
type RhoResult struct {
	Learner    int64
	Competence string
	Theta, SE  float64
}

// RhoPairsOf makes EstimateRho's pairs: for each learner, one pair for
// every two competences they have a result in (A the competence first in
// id order). Each ability is first centred on its competence's mean over
// the learners: one correlation is pooled over every pair of competences
// (few data per pair), and competences of different difficulty would
// otherwise add their differences of means to the spread. A result no
// test concludes is left out: an ability that is not a number or beyond
// the engine's ±10 logits (one stored from a damaged export file would
// outweigh every other learner, or overflow the sums), or a standard
// error that is not positive and finite.
func RhoPairsOf(results []RhoResult) []RhoPair {
	kept := make([]RhoResult, 0, len(results))
	sum, n := map[string]float64{}, map[string]int{}
	for _, r := range results {
		if !(r.Theta >= thetaMin && r.Theta <= thetaMax) || !(r.SE > 0) || math.IsInf(r.SE, 0) {
			continue
		}
		kept = append(kept, r)
		sum[r.Competence] += r.Theta
		n[r.Competence]++
	}
	slices.SortFunc(kept, func(a, b RhoResult) int {
		return cmp.Or(cmp.Compare(a.Learner, b.Learner), cmp.Compare(a.Competence, b.Competence))
	})
	var out []RhoPair
	for i := 0; i < len(kept); {
		j := i
		for j < len(kept) && kept[j].Learner == kept[i].Learner {
			j++
		}
		for a := i; a < j; a++ {
			for b := a + 1; b < j; b++ {
				ra, rb := kept[a], kept[b]
				if ra.Competence == rb.Competence {
					continue // one result per competence and learner is expected; a second says nothing of ρ
				}
				out = append(out, RhoPair{
					Learner: ra.Learner,
					A:       ra.Theta - sum[ra.Competence]/float64(n[ra.Competence]), SEA: ra.SE,
					B: rb.Theta - sum[rb.Competence]/float64(n[rb.Competence]), SEB: rb.SE,
				})
			}
		}
		i = j
	}
	return out
}
