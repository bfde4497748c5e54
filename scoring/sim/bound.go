package sim

import (
	"math"
	"slices"
)

// BoundLength is the test length of issue #4's first criterion: ours
// should reach random order's max-items RMSE within 13 questions.
const BoundLength = 13

// InfoBound is the bank's information budget for the run's learners: mean
// Fisher information, with the true item parameters at the true ability,
// of three sets of questions. It says how far any selection rule can go:
// a rule that knows only the author levels cannot gather more than
// AuthorBest in BoundLength questions, even if it knew the ability.
type InfoBound struct {
	// Random is the expected information of random order's RandomLength
	// questions (max-items, at most the bank's size) — that many times the
	// bank's mean.
	Random       float64 `json:"random_at_max"`
	RandomLength int     `json:"random_length"`
	// AuthorBest is the information of the BoundLength acquis that the
	// author levels rank best at the true ability, one question of each
	// (a question drawn at random among equals, as the engine does).
	AuthorBest float64 `json:"author_best"`
	// TrueBest is the same with the true parameters: the BoundLength best
	// questions, one per acquis (what an oracle could gather).
	TrueBest float64 `json:"true_best"`
	Length   int     `json:"length"`
}

// infoBound computes InfoBound over the simulees.
func infoBound(b *Bank, sims []Simulee, maxItems int) InfoBound {
	eb := b.Engine
	nSkills := len(eb.Skills())
	skillOf := make([]int, eb.Len())
	for i, it := range eb.Items {
		skillOf[i] = slices.Index(eb.Skills(), it.Skill)
	}
	length := min(BoundLength, nSkills)
	var random, author, best float64
	type acq struct{ engine, mean, max float64 }
	acqs := make([]acq, nSkills)
	count := make([]float64, nSkills)
	for i := range eb.Items {
		count[skillOf[i]]++
	}
	for j := range sims {
		th := sims[j].Theta
		for s := range acqs {
			acqs[s] = acq{}
		}
		sum := 0.0
		for i := range eb.Items {
			v := b.trueInfo(i, th)
			sum += v
			a := &acqs[skillOf[i]]
			a.engine = eb.Items[i].Info(th) // equal for a Rasch acquis at its author level
			a.mean += v / count[skillOf[i]]
			a.max = math.Max(a.max, v)
		}
		random += float64(min(maxItems, eb.Len())) * sum / float64(eb.Len())
		// By author level: the acquis with the most engine information
		// first; among acquis of equal engine information (one author
		// level) the draw is at random, so take their mean.
		slices.SortStableFunc(acqs, func(x, y acq) int { return cmpDesc(x.engine, y.engine) })
		left := float64(length)
		for k := 0; k < len(acqs) && left > 0; {
			e := k
			tie := 0.0
			for e < len(acqs) && acqs[e].engine == acqs[k].engine {
				tie += acqs[e].mean
				e++
			}
			take := math.Min(left, float64(e-k))
			author += take * tie / float64(e-k)
			left -= take
			k = e
		}
		slices.SortStableFunc(acqs, func(x, y acq) int { return cmpDesc(x.max, y.max) })
		for k := range length {
			best += acqs[k].max
		}
	}
	n := float64(len(sims))
	return InfoBound{Random: round(random / n), RandomLength: min(maxItems, eb.Len()), AuthorBest: round(author / n), TrueBest: round(best / n), Length: length}
}

func cmpDesc(x, y float64) int {
	switch {
	case x > y:
		return -1
	case x < y:
		return 1
	}
	return 0
}

// trueInfo is the Fisher information of item i at ability theta under the
// true parameters (3PL when the item has a guessing floor).
func (b *Bank) trueInfo(i int, theta float64) float64 {
	p := b.Prob(i, theta)
	a, c := b.TrueA[i], b.TrueC[i]
	if p <= 0 || p >= 1 {
		return 0
	}
	r := (p - c) / (1 - c)
	return a * a * (1 - p) / p * r * r
}
