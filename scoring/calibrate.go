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
	return o
}

// Elo updates an item's difficulty after one answer by a learner of ability
// theta (their final estimate in that test). It is a stochastic-gradient
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
	// Prior is the learners' ability prior (default DefaultPrior).
	Prior Prior
	// MaxIter bounds the alternating passes (default 100).
	MaxIter int
}

// Refit re-estimates item difficulties from accumulated answers: a joint
// maximum a posteriori Rasch fit in which learners have the bank's prior
// and each item a N(author b, τ²) prior. The priors identify the scale (no
// drift: the author levels anchor it) and keep items with few answers near
// their author level. It returns a difficulty for every item of authorB.
func Refit(authorB map[string]float64, obs []Observation, o RefitOptions) (map[string]float64, error) {
	if o.Tau <= 0 {
		o.Tau = 0.6
	}
	if o.Prior.SD <= 0 {
		o.Prior = DefaultPrior
	}
	if o.MaxIter <= 0 {
		o.MaxIter = 100
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
			return nil, fmt.Errorf("observation %d: %q: %w", k+1, ob.Question, ErrUnknownQuestion)
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
	b := make([]float64, len(items))
	b0 := make([]float64, len(items))
	for i, id := range items {
		b[i], b0[i] = authorB[id], authorB[id]
	}
	theta := make([]float64, len(learners))
	for j := range theta {
		theta[j] = o.Prior.Mean
	}
	gT, hT := make([]float64, len(learners)), make([]float64, len(learners))
	gB, hB := make([]float64, len(items)), make([]float64, len(items))
	vT, vB := o.Prior.SD*o.Prior.SD, o.Tau*o.Tau
	for iter := 0; iter < o.MaxIter; iter++ {
		// One Newton step for every learner, then for every item: each
		// block's objective is concave, so the steps (damped to ±1) climb.
		for j := range theta {
			gT[j], hT[j] = -(theta[j]-o.Prior.Mean)/vT, 1/vT
		}
		for _, d := range data {
			p := Sigmoid(theta[d.j] - b[d.i])
			gT[d.j] += d.u - p
			hT[d.j] += p * (1 - p)
		}
		for j := range theta {
			theta[j] += clampStep(gT[j] / hT[j])
		}
		for i := range b {
			gB[i], hB[i] = -(b[i]-b0[i])/vB, 1/vB
		}
		change := 0.0
		for _, d := range data {
			p := Sigmoid(theta[d.j] - b[d.i])
			gB[d.i] += p - d.u
			hB[d.i] += p * (1 - p)
		}
		for i := range b {
			step := clampStep(gB[i] / hB[i])
			b[i] += step
			change = max(change, math.Abs(step))
		}
		if change < 1e-7 {
			break
		}
	}
	out := make(map[string]float64, len(items))
	for i, id := range items {
		out[id] = b[i]
	}
	return out, nil
}

func clampStep(s float64) float64 { return max(-1, min(1, s)) }

// Calibrate is the online calibration after a finished test: for every
// question answered in it, the calibration after one Elo step with the
// test's final ability (the θ of Result). current holds the calibrations
// as stored (a question missing from it has none yet, and starts from its
// author difficulty); authorB holds the author difficulties
// (AuthorDifficulties), the anchor Elo pulls back to. A question without an
// author difficulty is left out. Nothing is changed in place: the caller
// stores what it returns, once per test.
func (t *Test) Calibrate(current map[string]Calibration, authorB map[string]float64, o EloOptions) map[string]Calibration {
	out := map[string]Calibration{}
	if len(t.responses) == 0 {
		return out
	}
	theta, _ := t.final(t.posterior())
	for _, r := range t.responses {
		ab, ok := authorB[r.Item.ID]
		if !ok {
			continue
		}
		c := current[r.Item.ID] // a test asks a question once
		c.A = r.Item.A          // the engine's model of this item, 1 unless the content says otherwise
		out[r.Item.ID] = Elo(c, ab, theta, r.Correct, o)
	}
	return out
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
