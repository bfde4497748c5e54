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
	g := t.ll.Grid
	logPriorDelta := deltaGrid.LogPrior(Prior{Mean: 0, SD: skillTau})
	for s := range out {
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
