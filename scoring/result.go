package scoring

import "math"

// Result is what a finished (or interrupted) test says about the learner.
type Result struct {
	Competence string
	N          int     // questions answered
	Theta      float64 // final ability on the competence's scale
	SE         float64 // its standard error
	Level      int     // competence level 0–4
	// LevelProbs is the probability of each level 0–4 given the answers.
	LevelProbs [MaxLevel + 1]float64
	// AllLevelProbs is the probability of each level 0..Scale.Top(): the
	// same numbers as LevelProbs on the product's scale, and the only
	// complete ones on a simulated scale with more levels.
	AllLevelProbs []float64
	Certainty     Certainty
	Skills        []SkillMastery // every acquis of the bank, in bank order
	Weak          []string       // acquis to work on, easiest first
	Stop          StopInfo
	Steps         []StepReason
	// Rough marks a result of the short positioning: a first idea only.
	Rough bool
}

// Result computes the final estimate: the wide-prior EAP (or the WLE when
// the options ask for it), the level, its uncertainty and per-acquis mastery.
func (t *Test) Result() Result {
	post := t.posterior()
	r := Result{Competence: t.bank.Competence, N: len(t.responses), Stop: t.stop, Steps: t.Steps()}
	r.Theta, r.SE = t.final(post)
	s := t.bank.Scale
	r.Level = s.Level(r.Theta)
	r.AllLevelProbs = make([]float64, s.Top()+1)
	for k := range r.AllLevelProbs {
		r.AllLevelProbs[k] = post.Mass(s.Band(k))
		if k <= MaxLevel {
			r.LevelProbs[k] = r.AllLevelProbs[k]
		}
	}
	r.Certainty = certainty(r.Level, r.AllLevelProbs)
	r.Skills = t.mastery()
	for _, m := range r.Skills {
		if m.Weak {
			r.Weak = append(r.Weak, m.Skill)
		}
	}
	sortWeak(r.Weak, r.Skills)
	return r
}

// final is the reported estimate and its standard error: the posterior's
// mean and SD, or the WLE when the options ask for it.
//
// In the lowest and the highest level the posterior mean is replaced by
// the one under a prior of SD EdgeSD when that one is further out. A
// learner far below the middle answers little right, and the wide
// prior's pull toward the middle is then the whole bias (issue #24). Only
// outward, and only there: the level cannot change (an ability further
// out in the lowest level is still in it), so a stored test replays to the
// level it had, and the learners in between keep the estimate with the
// smallest error.
//
// The error moves with the estimate: it is the wide posterior's SD, so
// that the stored pair (theta, se; the export's « erreur_type ») describes
// one distribution. It is wider (on the built-in banks, every answer wrong:
// 1.12 against 0.91; every answer right: 1.03 against 0.81). Nothing said
// to a person reads it: the level's words (Certainty) come from the level
// probabilities of the posterior itself, which the edge rule leaves as
// they are, so a stored test replays to the same words either way.
func (t *Test) final(post Posterior) (theta, se float64) {
	if t.opts.Final == FinalWLE && len(t.responses) > 0 {
		theta = WLE(t.responses)
		return theta, 1 / math.Sqrt(TestInfo(t.responses, theta))
	}
	if sd := t.opts.FinalSD; sd > 0 {
		wide := t.ll.Posterior(Prior{Mean: t.bank.Prior.Mean, SD: sd})
		return wide.Mean(), wide.SD()
	}
	theta, se = post.Mean(), post.SD()
	if sd := t.opts.EdgeSD; sd > 0 && len(t.responses) > 0 {
		s := t.bank.Scale
		switch level := s.Level(theta); {
		case level == 0, level == s.Top():
			wide := t.ll.Posterior(Prior{Mean: t.bank.Prior.Mean, SD: sd})
			if w := wide.Mean(); level == 0 && w < theta || level == s.Top() && w > theta {
				return w, wide.SD()
			}
		}
	}
	return theta, se
}

// FinalTheta is the reported ability alone, without mastery: cheaper, for
// the simulation's per-length curves.
func (t *Test) FinalTheta() float64 {
	if t.opts.Final == FinalWLE && len(t.responses) > 0 {
		return WLE(t.responses)
	}
	if t.opts.FinalSD > 0 {
		th, _ := t.final(Posterior{})
		return th
	}
	if t.opts.EdgeSD > 0 {
		if s := t.bank.Scale; s.Level(t.theta) == 0 || s.Level(t.theta) == s.Top() {
			th, _ := t.final(t.posterior())
			return th
		}
	}
	return t.theta
}

// Confidence grades how sure the level is.
type Confidence int

const (
	// Sure: the level has a probability of at least 0.8.
	Sure Confidence = iota
	// Probable: the level is the most likely one, perhaps with a neighbour.
	Probable
	// Unsure: no level reaches 0.4; the words give a range.
	Unsure
)

// Certainty is the level's uncertainty, ready to be put in words:
// "probablement niveau 2, peut-être 3".
type Certainty struct {
	Kind  Confidence
	Level int
	Other int // the likely neighbouring level, or −1
	// Low and High bound the levels that together hold 90 % of the
	// probability (used for Unsure).
	Low, High int
}

func certainty(level int, p []float64) Certainty {
	top := len(p) - 1
	c := Certainty{Level: level, Other: -1}
	// The smallest range of levels around the reported one that holds 90 %.
	c.Low, c.High = level, level
	mass := p[level]
	for mass < 0.9-1e-9 && (c.Low > 0 || c.High < top) {
		down, up := -1.0, -1.0
		if c.Low > 0 {
			down = p[c.Low-1]
		}
		if c.High < top {
			up = p[c.High+1]
		}
		if down >= up {
			c.Low--
			mass += down
		} else {
			c.High++
			mass += up
		}
	}
	switch {
	case p[level] >= 0.8:
		c.Kind = Sure
	case p[level] >= 0.4:
		c.Kind = Probable
		best := 0.0
		for _, k := range []int{level - 1, level + 1} {
			if k >= 0 && k <= top && p[k] >= 0.2 && p[k] > best {
				c.Other, best = k, p[k]
			}
		}
	default:
		c.Kind = Unsure
	}
	return c
}
