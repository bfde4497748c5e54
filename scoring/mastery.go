package scoring

import (
	"math"
	"slices"
)

// SkillMastery is what the test says about one acquis.
type SkillMastery struct {
	Skill string
	Topic string
	Level int // author level
	// PSuccess is the predicted probability of answering a question of this
	// acquis right: the competence ability, corrected by this acquis's own
	// answers.
	PSuccess float64
	Right    int // answers to its questions in this test
	Wrong    int
	// Weak marks an acquis to work on: predicted success below 0.5, or a
	// question of it failed in this test.
	Weak bool
	// Evidence says the answers show this acquis: a question of it was
	// answered right, or one of a harder acquis of the same sujet was.
	// An acquis predicted from the level alone has none.
	Evidence bool
}

// Shown says whether « Ce que vous savez faire » lists the acquis: not
// weak, with evidence, and either answered right itself or predicted to
// succeed at least Known of the time (implied by a harder acquis).
func (m SkillMastery) Shown() bool {
	return !m.Weak && m.Evidence && (m.Right > 0 || m.PSuccess >= Known)
}

// KnownSkills are the acquis « Ce que vous savez faire » lists
// (SkillMastery.Shown), in bank order.
func (r Result) KnownSkills() []SkillMastery {
	var out []SkillMastery
	for _, m := range r.Skills {
		if m.Shown() {
			out = append(out, m)
		}
	}
	return out
}

// skillTau is how far (in logits) an acquis may sit from where its author
// level puts it: the spread of author errors assumed by the simulation's
// realistic bank, and the shrinkage τ of adaptive.md §2.1.
const skillTau = 0.6

// deltaGrid holds the acquis offsets integrated over.
var deltaGrid = NewGrid(-3*skillTau, 3*skillTau, 13)

// mastery computes every acquis's predicted success with a small
// hierarchical model: ability θ for the competence, plus an offset δ ~
// N(0, τ²) for the acquis. Answers to other acquis inform θ only; answers
// to this acquis inform both, so a failed question lowers its own acquis
// more than the others, and a succeeded one raises it.
func (t *Test) mastery() []SkillMastery {
	b := t.bank
	out := make([]SkillMastery, len(b.skills))
	diff := make([]float64, len(b.skills))
	count := make([]int, len(b.skills))
	for i := range b.Items {
		s := b.skillOf[i]
		it := &b.Items[i]
		out[s].Skill, out[s].Topic, out[s].Level = it.Skill, it.Topic, it.Level
		diff[s] += it.B
		count[s]++
	}
	for s := range diff {
		diff[s] /= float64(count[s])
	}
	bySkill := make([][]Response, len(b.skills))
	for _, r := range t.responses {
		s := b.skillOf[b.index[r.Item.ID]]
		bySkill[s] = append(bySkill[s], r)
		if r.Correct {
			out[s].Right++
		} else {
			out[s].Wrong++
		}
	}
	// Evidence: right here, or right on a harder acquis of the sujet.
	for s := range out {
		if out[s].Right == 0 {
			continue
		}
		for o := range out {
			if out[o].Topic == out[s].Topic && out[o].Level <= out[s].Level && (out[s].Topic != "" || o == s) {
				out[o].Evidence = true
			}
		}
	}
	g := t.ll.Grid
	logPriorDelta := deltaGrid.LogPrior(Prior{Mean: 0, SD: skillTau})
	// An acquis with no answer here: its success is the posterior mean of
	// E_δ σ(θ − b − δ), read from a table (most acquis of a positioning).
	post := t.posterior()
	for s := range out {
		if len(bySkill[s]) > 0 {
			continue
		}
		sum := 0.0
		for k, th := range g.Points {
			if w := post.W[k]; w > 1e-12 {
				sum += w * offsetSigmoid(th-diff[s])
			}
		}
		out[s].PSuccess = sum
		out[s].Weak = out[s].PSuccess < 0.5
	}
	for s := range out {
		if len(bySkill[s]) == 0 {
			continue
		}
		others := t.ll.Clone()
		for _, r := range bySkill[s] {
			others.Sub(r.Item, r.Correct)
		}
		var num, den float64
		base := make([]float64, len(g.Points))
		m := math.Inf(-1)
		for k := range g.Points {
			base[k] = others.L[k] + t.logPrior[k]
			m = max(m, base[k])
		}
		for k, th := range g.Points {
			wk := base[k] - m
			if wk < -30 {
				continue
			}
			for j, d := range deltaGrid.Points {
				lw := wk + logPriorDelta[j]
				for _, r := range bySkill[s] {
					shifted := *r.Item
					shifted.B += d
					lw += logProb(&shifted, th, r.Correct)
				}
				w := math.Exp(lw)
				num += w * Sigmoid(th-diff[s]-d)
				den += w
			}
		}
		out[s].PSuccess = num / den
		out[s].Weak = out[s].PSuccess < 0.5 || out[s].Wrong > 0
	}
	return out
}

// offsetTable holds E_δ σ(x − δ), δ ~ N(0, skillTau²) on deltaGrid, for x
// from −offsetSpan to offsetSpan every offsetStep.
var offsetTable = func() []float64 {
	lp := deltaGrid.LogPrior(Prior{Mean: 0, SD: skillTau})
	n := int(2*offsetSpan/offsetStep) + 1
	out := make([]float64, n)
	for i := range out {
		x := -offsetSpan + float64(i)*offsetStep
		var num, den float64
		for j, d := range deltaGrid.Points {
			w := math.Exp(lp[j])
			num += w * Sigmoid(x-d)
			den += w
		}
		out[i] = num / den
	}
	return out
}()

const (
	offsetSpan = 20.0
	offsetStep = 0.005
)

// offsetSigmoid is E_δ σ(x − δ), interpolated in offsetTable.
func offsetSigmoid(x float64) float64 {
	f := (x + offsetSpan) / offsetStep
	switch {
	case f <= 0:
		return offsetTable[0]
	case f >= float64(len(offsetTable)-1):
		return offsetTable[len(offsetTable)-1]
	}
	i := int(f)
	r := f - float64(i)
	return offsetTable[i]*(1-r) + offsetTable[i+1]*r
}

// sortWeak orders weak acquis easiest first (author level, then bank
// order): a learner should start with what comes first.
func sortWeak(weak []string, all []SkillMastery) {
	pos := map[string]int{}
	lvl := map[string]int{}
	for i, m := range all {
		pos[m.Skill], lvl[m.Skill] = i, m.Level
	}
	slices.SortStableFunc(weak, func(a, b string) int {
		if lvl[a] != lvl[b] {
			return lvl[a] - lvl[b]
		}
		return pos[a] - pos[b]
	})
}
