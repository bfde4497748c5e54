package scoring

import (
	"fmt"
	"math"
	"slices"
)

// EloOptions tune the online difficulty update.
type EloOptions struct {
	// Alpha and Beta give the step K(n) = Alpha/(1 + Beta·n) after n
	// answers: large while the item is new, smaller as evidence piles up
	// (Pelánek 2016's uncertainty function). Defaults 0.4 and 0.05.
	Alpha, Beta float64
	// Tau is how far, in logits, an item may plausibly sit from its author
	// level (default 0.6); it sets the pull back toward the author level.
	Tau float64
	// Population is the spread of abilities of the learners who take the
	// tests, the prior of the ability Test.Calibrate compares each question
	// with (default DefaultPopulation). Not the report's wide prior: see
	// Test.Calibrate.
	Population Prior
}

func (o EloOptions) withDefaults() EloOptions {
	if o.Alpha <= 0 {
		o.Alpha = 0.4
	}
	if o.Beta <= 0 {
		o.Beta = 0.05
	}
	if o.Tau <= 0 {
		o.Tau = 0.6
	}
	if o.Population.SD <= 0 {
		o.Population = DefaultPopulation
	}
	return o
}

// Elo updates an item's difficulty after one answer by a learner of ability
// theta (Test.Calibrate says which estimate). It is a stochastic-gradient
// step on the log-posterior of b: the data term (P − u) and a pull toward
// the author difficulty whose weight 1/(τ²·(n+1)) fades as answers
// accumulate, so that a few unlucky answers cannot drag an item far from
// what its author said, while many answers can.
func Elo(c Calibration, authorB, theta float64, correct bool, o EloOptions) Calibration {
	o = o.withDefaults()
	if c.N == 0 {
		c.B = authorB
	}
	k := o.Alpha / (1 + o.Beta*float64(c.N))
	a := c.A
	if a <= 0 {
		a = 1
	}
	p := Sigmoid(a * (theta - c.B))
	u := 0.0
	if correct {
		u = 1
	}
	pull := (authorB - c.B) / (o.Tau * o.Tau * float64(c.N+1))
	c.B += k * ((p - u) + pull)
	c.N++
	return c
}

// Observation is one answer for the batch re-fit.
type Observation struct {
	Learner  string // any stable id (a learner, or one test of a learner)
	Question string
	Correct  bool
}

// RefitOptions tune the batch re-fit.
type RefitOptions struct {
	// Tau is the prior spread of an item around its author difficulty
	// (default 0.6): the "anchor" that keeps the scale where authors put it.
	Tau float64
	// Prior is the learners' population the fit starts from (default
	// DefaultPopulation). The fit estimates its mean and spread from the
	// answers, with Prior counting as popWeight learners more: enough to
	// keep a log where everyone answered everything right (which says
	// nothing about how far up they are) from drifting to the grid's edge,
	// too little to matter once a few dozen tests are in.
	Prior Prior
	// MaxIter bounds the EM iterations (default 1000; they take about 5 ms
	// each for 26,000 answers, and realistic logs need 30 to 80).
	MaxIter int
}

// Fit is what Refit found.
type Fit struct {
	Difficulties map[string]float64 // by question id, every item of authorB
	Population   Prior              // the learners' population, as estimated
	Iterations   int
	// Converged is false when the fit was still moving (by 10⁻⁴ logit or
	// more) after MaxIter iterations: a log that says almost nothing, such
	// as thousands of learners right on every question.
	Converged bool
}

// Refit re-estimates item difficulties from accumulated answers: a
// marginal maximum a posteriori Rasch fit (Bock & Aitkin's EM, one Newton
// step per item per iteration) in which each learner's ability is
// integrated over the learners' population rather than estimated (the
// population's mean and spread are estimated with the difficulties: with a
// wrong spread, Rasch difficulties stretch or shrink to make up for it),
// and each item has a N(author b, τ²) prior, which keeps items with few
// answers near their author level and fixes where the scale sits.
//
// Marginal, because a joint fit (every learner's ability estimated with
// the items) spreads difficulties out when each learner answers a dozen
// questions, and tests that choose their questions from the answers make
// it worse: in the simulation the joint fit made the engine worse than no
// calibration at all on a computer of weak learners. The fit can still
// place all the questions a little too high or too low together when the
// learners differ from the prior; Bank.Centred puts the scale back on the
// author levels (the tutor when a test starts, pasapas calibrate before it
// stores). Fit.Converged says whether it settled within MaxIter
// iterations; the difficulties are the last ones either way.
func Refit(authorB map[string]float64, obs []Observation, o RefitOptions) (Fit, error) {
	if o.Tau <= 0 {
		o.Tau = 0.6
	}
	if o.Prior.SD <= 0 {
		o.Prior = DefaultPopulation
	}
	if o.MaxIter <= 0 {
		o.MaxIter = 1000
	}
	// Dense, sorted numbering so the result does not depend on map order.
	items := make([]string, 0, len(authorB))
	for id := range authorB {
		items = append(items, id)
	}
	slices.Sort(items)
	itemNo := make(map[string]int, len(items))
	for i, id := range items {
		itemNo[id] = i
	}
	var learners []string
	learnerNo := map[string]int{}
	type obsIdx struct {
		j, i int
		u    float64
	}
	data := make([]obsIdx, 0, len(obs))
	for k, ob := range obs {
		i, ok := itemNo[ob.Question]
		if !ok {
			return Fit{}, fmt.Errorf("observation %d: %q: %w", k+1, ob.Question, ErrUnknownQuestion)
		}
		j, ok := learnerNo[ob.Learner]
		if !ok {
			j = len(learners)
			learnerNo[ob.Learner] = j
			learners = append(learners, ob.Learner)
		}
		u := 0.0
		if ob.Correct {
			u = 1
		}
		data = append(data, obsIdx{j, i, u})
	}
	// Each learner's answers, for the E-step.
	byLearner := make([][]obsIdx, len(learners))
	for _, d := range data {
		byLearner[d.j] = append(byLearner[d.j], d)
	}
	b := make([]float64, len(items))
	b0 := make([]float64, len(items))
	for i, id := range items {
		b[i], b0[i] = authorB[id], authorB[id]
	}
	g := refitGrid
	nk := len(g.Points)
	pop := o.Prior
	w := make([]float64, nk)
	// P(right), log P(right) and log P(wrong) for each item at each grid
	// point: the same for every learner, so computed once per iteration.
	pr, lr, lw := make([]float64, len(items)*nk), make([]float64, len(items)*nk), make([]float64, len(items)*nk)
	gB, hB := make([]float64, len(items)), make([]float64, len(items))
	vB := o.Tau * o.Tau
	var fit Fit
	for iter := 0; iter < o.MaxIter; iter++ {
		for i := range b {
			gB[i], hB[i] = -(b[i]-b0[i])/vB, 1/vB
			for k, t := range g.Points {
				x := t - b[i]
				pr[i*nk+k], lr[i*nk+k], lw[i*nk+k] = Sigmoid(x), logSigmoid(x), logSigmoid(-x)
			}
		}
		logPrior := g.LogPrior(pop)
		var sumT, sumT2 float64 // the learners' expected θ and θ², for the population
		for _, answers := range byLearner {
			// E-step: the learner's posterior on the grid under the
			// population and the current difficulties.
			copy(w, logPrior)
			for _, d := range answers {
				l := lw[d.i*nk : (d.i+1)*nk]
				if d.u == 1 {
					l = lr[d.i*nk : (d.i+1)*nk]
				}
				for k := range w {
					w[k] += l[k]
				}
			}
			m := slices.Max(w)
			sum := 0.0
			for k := range w {
				w[k] = math.Exp(w[k] - m)
				sum += w[k]
			}
			for k, t := range g.Points {
				w[k] /= sum
				sumT += w[k] * t
				sumT2 += w[k] * t * t
			}
			// M-step terms: each answer's expected residual and
			// information over that posterior.
			for _, d := range answers {
				p := pr[d.i*nk : (d.i+1)*nk]
				for k, wk := range w {
					gB[d.i] += wk * (p[k] - d.u)
					hB[d.i] += wk * p[k] * (1 - p[k])
				}
			}
		}
		// The population's mean and spread, re-estimated from the
		// learners' posteriors, with o.Prior as popWeight learners more.
		n := float64(len(byLearner)) + popWeight
		sumT += popWeight * o.Prior.Mean
		sumT2 += popWeight * (o.Prior.SD*o.Prior.SD + o.Prior.Mean*o.Prior.Mean)
		mean := sumT / n
		next := Prior{Mean: mean, SD: math.Sqrt(max(0.04, sumT2/n-mean*mean))}
		change := max(math.Abs(next.Mean-pop.Mean), math.Abs(next.SD-pop.SD))
		pop = next
		for i := range b {
			step := clampStep(gB[i] / hB[i])
			b[i] += step
			change = max(change, math.Abs(step))
		}
		fit.Iterations = iter + 1
		if change < 1e-4 { // a ten-thousandth of a level, items and population alike
			fit.Converged = true
			break
		}
	}
	fit.Difficulties = make(map[string]float64, len(items))
	for i, id := range items {
		fit.Difficulties[id] = b[i]
	}
	fit.Population = pop
	return fit, nil
}

func clampStep(s float64) float64 { return max(-1, min(1, s)) }

// popWeight is how many learners the starting population counts for in
// Refit's estimate of the learners' population.
const popWeight = 5

// refitGrid is the ability grid of the re-fit's E-step: coarser than the
// test's (0.25 logit is plenty to integrate a smooth posterior) because the
// re-fit integrates every learner at every iteration.
var refitGrid = NewGrid(-6, 6, 49)

// Calibrate is the online calibration after a finished test: for every
// question answered in it, the calibration after one Elo step. current
// holds the calibrations as stored (a question missing from it has none
// yet, and starts from its author difficulty); authorB holds the author
// difficulties (AuthorDifficulties), the anchor Elo pulls back to. A
// question without an author difficulty is left out. Nothing is changed in
// place: the caller stores what it returns, once per test.
//
// Two rules keep the learners of one computer from dragging the whole scale
// (docs/moteur-adaptatif.md §4.2 has the figures: without them, the
// calibration made the engine worse than its cold start, badly so when the
// learners were weaker than the engine assumes):
//   - The ability each question is compared with is the posterior mean of
//     the test's answers under the learners' population (EloOptions.
//     Population), not the reported ability. The report uses a wider prior
//     so as to pull no one unfairly toward the middle; a calibration
//     averages over learners, and with a prior wider than the population,
//     the learners far from the middle look further out than they are and
//     the questions they answer drift outward with them.
//   - The step starts from the difficulty in the frame of the test's bank
//     (Bank.Centred): the stored one, moved by the bank's shift when it is
//     still the value the bank was centred from. A value another test
//     stored meanwhile, in another window, is kept (its step is not lost)
//     and not moved again: that test already put it in its own bank's
//     frame, which differs from this one by a hundredth of a logit or two
//     once the calibration has settled.
func (t *Test) Calibrate(current map[string]Calibration, authorB map[string]float64, o EloOptions) map[string]Calibration {
	o = o.withDefaults()
	out := map[string]Calibration{}
	if len(t.responses) == 0 {
		return out
	}
	theta := posteriorFrom(t.ll.L, t.ll.Grid.LogPrior(o.Population), t.ll.Grid).Mean()
	for _, r := range t.responses {
		ab, ok := authorB[r.Item.ID]
		if !ok {
			continue
		}
		c := current[r.Item.ID] // a test asks a question once
		c.A = r.Item.A          // the engine's model of this item, 1 unless the content says otherwise
		if from, ok := t.bank.centredFrom[r.Item.ID]; ok && c.N > 0 && c.B == from {
			c.B -= t.bank.shift
		}
		out[r.Item.ID] = Elo(c, ab, theta, r.Correct, o)
	}
	return out
}

// Centred returns a copy of the bank in which the questions calibrated on
// this computer (the ids of local, which are the calibrations the bank was
// built from) are moved together so that their mean distance to their
// author difficulties is zero; the others keep theirs. Elo learns how
// questions compare with each other and with their author levels, but the
// answers alone cannot say where the whole scale sits: a computer whose
// learners are weaker than the engine assumes would push every question it
// calibrates up together, and the levels of everyone after with them. The
// authors' levels fix the scale's place; the calibration moves questions
// only relative to it. A test started on the centred bank steps from that
// frame (Test.Calibrate), so the stored difficulties come back to it.
func (b *Bank) Centred(local map[string]Calibration, authorB map[string]float64) *Bank {
	var sum float64
	var n int
	for _, it := range b.Items {
		if _, ok := local[it.ID]; !ok {
			continue
		}
		if ab, ok := authorB[it.ID]; ok {
			sum += it.B - ab
			n++
		}
	}
	if n == 0 {
		return b
	}
	shift := sum / float64(n)
	items := slices.Clone(b.Items)
	from := make(map[string]float64, n)
	for i := range items {
		cal, ok := local[items[i].ID]
		if !ok {
			continue
		}
		if _, ok := authorB[items[i].ID]; ok {
			items[i].B -= shift
			from[items[i].ID] = cal.B
		}
	}
	c := NewBank(b.Competence, items, b.Scale, b.Prior)
	c.shift, c.centredFrom = b.shift+shift, from
	return c
}

// Calibrate is Test.Calibrate for each competence of a positioning, each
// with its own final ability.
func (s *Survey) Calibrate(current map[string]Calibration, authorB map[string]float64, o EloOptions) map[string]Calibration {
	out := map[string]Calibration{}
	for _, t := range s.tests {
		for id, c := range t.Calibrate(current, authorB, o) {
			out[id] = c
		}
	}
	return out
}
