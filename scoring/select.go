package scoring

import (
	"math"
	"math/rand/v2"
)

// Pool says which rule decided the set of items the next one was chosen
// from.
type Pool int

const (
	// PoolNewSkill: some acquis of the competence has not been asked yet, so
	// only items of such acquis were allowed.
	PoolNewSkill Pool = iota
	// PoolAnySkill: every acquis has been asked (or the rule is off), so any
	// unseen item was allowed.
	PoolAnySkill
	// PoolRepeat: only items the learner saw in their previous test were
	// left, so they were allowed again.
	PoolRepeat
)

// StepReason says why an item was chosen: the data behind the choice, for
// the médiateur views and the simulation's --explain. Render it with
// (StepReason).Text.
type StepReason struct {
	N         int       // position of the item in the test, from 1
	Theta, SE float64   // the estimate before this item
	Level     int       // the level of that estimate
	Pool      Pool      // which rule limited the choice
	Allowed   int       // how many items the rules allowed
	Criterion Criterion // how they were ranked
	Info      float64   // the chosen item's information at Theta
	PSuccess  float64   // its predicted success at Theta
	// SetAside is how many items the rule allowed but exposure control
	// set aside: asked in too many past tests on this computer.
	SetAside  int
	Rank      int    // its rank among the best (1 = best)
	Shortlist int    // how many of the best were drawn from
	Skill     string // the acquis it assesses
	ItemLevel int    // the author level of that acquis
}

// selection scans the bank once or twice and returns the chosen item index
// and the reason, or −1 when no item is left.
func (t *Test) selectNext() (int, StepReason) {
	b := t.bank
	o := t.opts
	n := len(t.responses)
	crit := o.Criterion
	r := StepReason{N: n + 1, Theta: t.theta, SE: t.se, Level: b.Scale.Level(t.theta), Criterion: crit}

	// Which tier of items may be used: fresh items of unseen acquis first,
	// then fresh items of any acquis, then items of the previous test.
	// Inside the tier, items asked too often on this computer are set
	// aside while the tier has others (exposure control); the content
	// rules above always come first.
	// The easy start: the first question is one of the bank's easiest
	// author level, and the first two are not typed — when the bank has
	// such a question left.
	lowest := math.MaxInt
	for i := range b.Items {
		lowest = min(lowest, b.Items[i].Level)
	}
	hard := func(i int) bool {
		it := &b.Items[i]
		return it.Typed || n == 0 && it.Level > lowest
	}
	easy := false
	if o.EasyStart && n < 2 {
		for i := range b.Items {
			if !t.done[i] && !t.usedGroup[b.groupOf[i]] && !hard(i) {
				easy = true
				break
			}
		}
	}
	var count, rested [3]int // per tier: all items, items under the cap
	for i := range b.Items {
		if t.done[i] || t.usedGroup[b.groupOf[i]] || easy && hard(i) {
			continue
		}
		var tiers []int
		switch {
		case t.excluded[i]:
			tiers = []int{2}
		case !t.seenSkill[b.skillOf[i]]:
			tiers = []int{0, 1}
		default:
			tiers = []int{1}
		}
		for _, k := range tiers {
			count[k]++
			if !t.tired[i] {
				rested[k]++
			}
		}
	}
	tier := -1
	switch {
	case count[0] > 0 && !o.NoSkillCoverage:
		tier, r.Pool = 0, PoolNewSkill
	case count[1] > 0:
		tier, r.Pool = 1, PoolAnySkill
	case count[2] > 0:
		tier, r.Pool = 2, PoolRepeat
	default:
		return -1, r
	}
	onlyRested := rested[tier] > 0
	r.Allowed = count[tier]
	if onlyRested {
		r.Allowed, r.SetAside = rested[tier], count[tier]-rested[tier]
	}

	rng := rand.New(rand.NewPCG(o.Seed, 0x5eed0000+uint64(n)))
	k := min(o.TopK, r.Allowed)
	best := make([]ranked, 0, k+1)
	delta := 0.0
	if crit == KL {
		// Chang & Ying's interval narrows as z/√n.
		delta = math.Min(2, 1.645/math.Sqrt(math.Max(1, float64(n))))
	}
	for i := range b.Items {
		if t.done[i] || t.usedGroup[b.groupOf[i]] || easy && hard(i) {
			continue
		}
		switch r.Pool {
		case PoolNewSkill:
			if t.excluded[i] || t.seenSkill[b.skillOf[i]] {
				continue
			}
		case PoolAnySkill:
			if t.excluded[i] {
				continue
			}
		}
		if onlyRested && t.tired[i] {
			continue
		}
		it := &b.Items[i]
		var score float64
		switch crit {
		case KL:
			score = klInfo(it, t.theta, delta)
		case TargetSuccess:
			score = -math.Abs(it.Prob(t.theta) - o.TargetP)
		default:
			score = it.Info(t.theta)
		}
		// The random key breaks ties at random: items of one author level
		// have equal information, and a fixed tie order would always serve
		// the same few questions.
		best = insertRanked(best, ranked{i, score, rng.Uint64()}, k)
	}
	pick := rng.IntN(len(best))
	i := best[pick].i
	it := &b.Items[i]
	r.Rank, r.Shortlist = pick+1, len(best)
	r.Info, r.PSuccess = it.Info(t.theta), it.Prob(t.theta)
	r.Skill, r.ItemLevel = it.Skill, it.Level
	return i, r
}

type ranked struct {
	i     int
	score float64
	key   uint64
}

func (a ranked) better(b ranked) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	return a.key < b.key
}

// insertRanked keeps the k best entries, best first.
func insertRanked(best []ranked, c ranked, k int) []ranked {
	if len(best) == k && !c.better(best[k-1]) {
		return best
	}
	pos := len(best)
	for pos > 0 && c.better(best[pos-1]) {
		pos--
	}
	if len(best) < k {
		best = append(best, ranked{})
	}
	copy(best[pos+1:], best[pos:len(best)-1])
	best[pos] = c
	return best
}

// klInfo is the Kullback–Leibler information of an item between the
// estimate and abilities within ±delta of it (trapezoid rule, 9 points).
func klInfo(it *Item, theta, delta float64) float64 {
	p0 := it.Prob(theta)
	q0 := 1 - p0
	const m = 8
	s := 0.0
	for j := 0; j <= m; j++ {
		t := theta - delta + 2*delta*float64(j)/m
		p := it.Prob(t)
		v := p0*math.Log(p0/p) + q0*math.Log(q0/(1-p))
		if j == 0 || j == m {
			v /= 2
		}
		s += v
	}
	return s * 2 * delta / m
}
