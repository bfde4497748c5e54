package sim

import (
	"math"
	"math/rand/v2"

	"pasapas/scoring"
)

// Pix baselines, simulated from the published code (pix.md §2, adaptive.md
// §3). Skills are our acquis, tubes our topics, a skill's difficulty its
// author level; no Pix calibration exists for our items, so flash uses
// a = 1 and b from the author levels, as adaptive.md §3 prescribes.

// Smart-random constants (api/src/shared/constants.js).
const (
	maxLevelEasyTube     = 3 // MAX_LEVEL_TO_BE_AN_EASY_TUBE
	defaultFirstLevel    = 2 // DEFAULT_LEVEL_FOR_FIRST_CHALLENGE
	maxDiffUserSkill     = 2 // MAX_DIFF_BETWEEN_USER_LEVEL_AND_SKILL_LEVEL
	pixPerLevel          = 8 // PIX_COUNT_BY_LEVEL
	virtualRightDiff     = 0 // the virtual success of getPredictedLevel
	virtualWrongDiff     = 7 // the virtual failure
	catLevelMin, catStep = 0.5, 0.5
	catLevels            = 15 // 0.5, 1, …, 7.5
)

type keState int8

const (
	keNone keState = iota
	keValidated
	keInvalidated
)

type pixSkill struct {
	id    string
	tube  string
	level int
	items []int
}

// pixSkills groups a bank's items by acquis, in bank order.
func pixSkills(b *scoring.Bank) []pixSkill {
	var out []pixSkill
	at := map[string]int{}
	for i, it := range b.Items {
		k, ok := at[it.Skill]
		if !ok {
			k = len(out)
			at[it.Skill] = k
			out = append(out, pixSkill{id: it.Skill, tube: it.Topic, level: it.Level})
		}
		out[k].items = append(out[k].items, i)
	}
	return out
}

// predictedLevel is getPredictedLevel: over levels 0.5…7.5, the first that
// minimises |Σ(o − σ(level − d))| over direct answers and the two virtual
// ones.
func predictedLevel(direct []int, outcomes []bool, skills []pixSkill) float64 {
	best, bestScore := catLevelMin, math.Inf(-1)
	for k := range catLevels {
		lv := catLevelMin + catStep*float64(k)
		sum := (1 - scoring.Sigmoid(lv-virtualRightDiff)) + (0 - scoring.Sigmoid(lv-virtualWrongDiff))
		for n, s := range direct {
			o := 0.0
			if outcomes[n] {
				o = 1
			}
			sum += o - scoring.Sigmoid(lv-float64(skills[s].level))
		}
		if score := -math.Abs(sum); score > bestScore {
			best, bestScore = lv, score
		}
	}
	return best
}

// pixLevel is the competence level Pix shows: validated (direct and
// inferred) skills earn min(4, 8/N) pix, N being the skills of that level
// in the competence; level = ⌊pix/8⌋, capped at the scale's top level.
func pixLevel(ke []keState, skills []pixSkill, top int) int {
	perLevel := map[int]int{}
	for _, s := range skills {
		perLevel[s.level]++
	}
	pix := 0.0
	for k, s := range skills {
		if ke[k] == keValidated {
			pix += math.Min(4, pixPerLevel/float64(perLevel[s.level]))
		}
	}
	return min(int(math.Floor(pix/pixPerLevel+1e-9)), top)
}

// runPixSmart simulates smart-random: inference along tubes, the easy-tube
// and too-hard filters, the reward, and a uniform pick among the best (Pix
// hashes the assessment id; we draw from the seed).
func runPixSmart(b *Bank, s *Simulee, seed uint64, maxItems int, _ *scoring.Exposure) Trace {
	rng := rand.New(rand.NewPCG(seed, 0x9178))
	skills := b.skills()
	ke := make([]keState, len(skills))
	var direct []int
	var outcomes []bool
	var tr Trace
	tubeMax := map[string]int{}
	for _, sk := range skills {
		tubeMax[sk.tube] = max(tubeMax[sk.tube], sk.level)
	}
	for len(tr.Items) < maxItems {
		pred := predictedLevel(direct, outcomes, skills)
		// Filters: playable untested skills, easy tubes first.
		var cand []int
		for k := range skills {
			if ke[k] == keNone && len(skills[k].items) > 0 {
				cand = append(cand, k)
			}
		}
		var easy []int
		for _, k := range cand {
			if tubeMax[skills[k].tube] <= maxLevelEasyTube {
				easy = append(easy, k)
			}
		}
		if len(easy) > 0 {
			cand = easy
		}
		if len(direct) == 0 {
			// First challenge: the default level, else the lowest.
			cand = firstChallengeSkills(cand, skills)
		} else {
			var ok []int
			for _, k := range cand {
				if float64(skills[k].level)-pred <= maxDiffUserSkill {
					ok = append(ok, k)
				}
			}
			cand = maxReward(ok, skills, ke, pred)
		}
		if len(cand) == 0 {
			break
		}
		k := cand[rng.IntN(len(cand))]
		item := skills[k].items[rng.IntN(len(skills[k].items))]
		right := s.answer(b, item)
		direct, outcomes = append(direct, k), append(outcomes, right)
		infer(ke, skills, k, right)
		th := b.Engine.Scale.Difficulty(predictedLevel(direct, outcomes, skills))
		tr.Items = append(tr.Items, item)
		tr.Thetas = append(tr.Thetas, th)
		tr.Levels = append(tr.Levels, pixLevel(ke, skills, b.Engine.Scale.Top()))
	}
	tr.StopAt, tr.Stop = len(tr.Items), "no-skill-left"
	if len(tr.Items) == maxItems {
		tr.Stop = "max-items"
	}
	return tr
}

func firstChallengeSkills(cand []int, skills []pixSkill) []int {
	lowest := math.MaxInt
	var atDefault []int
	for _, k := range cand {
		if skills[k].level == defaultFirstLevel {
			atDefault = append(atDefault, k)
		}
		lowest = min(lowest, skills[k].level)
	}
	if len(atDefault) > 0 {
		return atDefault
	}
	var out []int
	for _, k := range cand {
		if skills[k].level == lowest {
			out = append(out, k)
		}
	}
	return out
}

// maxReward keeps the skills of maximal reward p·#easier + (1−p)·#harder,
// counting the untested skills of the same tube (the skill itself included,
// as in Pix's code).
func maxReward(cand []int, skills []pixSkill, ke []keState, pred float64) []int {
	var out []int
	best := math.Inf(-1)
	for _, k := range cand {
		p := scoring.Sigmoid(pred - float64(skills[k].level))
		var easier, harder float64
		for j := range skills {
			if ke[j] != keNone || skills[j].tube != skills[k].tube {
				continue
			}
			if skills[j].level <= skills[k].level {
				easier++
			}
			if skills[j].level >= skills[k].level {
				harder++
			}
		}
		r := p*easier + (1-p)*harder
		switch {
		case r > best+1e-12:
			best, out = r, []int{k}
		case math.Abs(r-best) <= 1e-12:
			out = append(out, k)
		}
	}
	return out
}

// infer records a direct answer and propagates it along the tube.
func infer(ke []keState, skills []pixSkill, k int, right bool) {
	if right {
		ke[k] = keValidated
	} else {
		ke[k] = keInvalidated
	}
	for j := range skills {
		if ke[j] != keNone || skills[j].tube != skills[k].tube {
			continue
		}
		if right && skills[j].level < skills[k].level {
			ke[j] = keValidated
		}
		if !right && skills[j].level > skills[k].level {
			ke[j] = keInvalidated
		}
	}
}

// Flash constants (flash.js, random.js).
const (
	flashGridMin, flashGridMax = -9.0, 9.0
	flashGridN                 = 81
	flashPriorVar              = 1.5
	flashStart                 = 0.0 // DEFAULT_CAPACITY
	flashVariation             = 0.5 // variationPercent of the v3 seed configuration
	flashTop                   = 5   // MAX_NUMBER_OF_RETURNED_CHALLENGES
	flashPickP                 = 0.51
)

var flashGrid = scoring.NewGrid(flashGridMin, flashGridMax, flashGridN)

// runPixFlash simulates flash: EAP on 81 points with a N(θ_prev, 1.5) prior
// recentred at each step, the variation cap, Fisher-information ranking,
// one item per skill (the "non-answered skills" rule: one question per tube
// would stop our 6-topic banks after 6 items), top 5 drawn by the binary
// tree with p = 0.51; fixed length.
func runPixFlash(b *Bank, s *Simulee, seed uint64, maxItems int, _ *scoring.Exposure) Trace {
	rng := rand.New(rand.NewPCG(seed, 0xf1a5))
	eb := b.Engine
	ll := scoring.NewLogLik(flashGrid)
	theta := flashStart
	usedSkill, usedItem := map[string]bool{}, make([]bool, eb.Len())
	var tr Trace
	for len(tr.Items) < maxItems {
		type cand struct {
			i    int
			info float64
		}
		var best []cand
		for i := range eb.Items {
			it := &eb.Items[i]
			if usedItem[i] || usedSkill[it.Skill] {
				continue
			}
			c := cand{i, it.Info(theta)}
			// Insertion into the top 5 by information, bank order on ties
			// (Pix sorts a stable list).
			pos := len(best)
			for pos > 0 && c.info > best[pos-1].info {
				pos--
			}
			if pos < flashTop {
				best = append(best, cand{})
				copy(best[pos+1:], best[pos:])
				best[pos] = c
				if len(best) > flashTop {
					best = best[:flashTop]
				}
			}
		}
		if len(best) == 0 {
			break
		}
		i := best[binaryTreePick(rng, len(best))].i
		it := &eb.Items[i]
		usedItem[i], usedSkill[it.Skill] = true, true
		right := s.answer(b, i)
		ll.Add(it, right)
		theta = flashEstimate(ll, theta)
		tr.Items = append(tr.Items, i)
		tr.Thetas = append(tr.Thetas, theta)
		tr.Levels = append(tr.Levels, eb.Scale.Level(theta))
	}
	tr.StopAt, tr.Stop = len(tr.Items), "length"
	return tr
}

// flashEstimate is the posterior mean under a prior recentred on the last
// estimate, then capped to move at most max(|θ|·v, v).
func flashEstimate(ll *scoring.LogLik, prev float64) float64 {
	post := ll.Posterior(scoring.Prior{Mean: prev, SD: math.Sqrt(flashPriorVar)})
	next := post.Mean()
	gap := flashVariation
	if math.Abs(prev) >= flashVariation {
		gap = math.Abs(prev) * flashVariation
	}
	return max(prev-gap, min(prev+gap, next))
}

// binaryTreePick is Pix's binaryTreeRandom: index 0 with probability p,
// else recurse on the rest; the last index takes the remainder.
func binaryTreePick(rng *rand.Rand, n int) int {
	for k := 0; k < n-1; k++ {
		if rng.Float64() < flashPickP {
			return k
		}
	}
	return n - 1
}
