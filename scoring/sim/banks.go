package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"pasapas/i18n"
	"pasapas/lessons"
	"pasapas/scoring"
)

// Bank is a question bank as the engine sees it (author levels, a = 1) and
// as the simulated learners answer it (the true parameters).
type Bank struct {
	Name   string
	Engine *scoring.Bank
	// True parameters, per engine item, on the engine's ability scale:
	// P(right) = C + (1−C)·σ(A·(θ − B)).
	TrueB, TrueA, TrueC []float64

	idx   map[string]int // question id → item index
	fixed []int          // the fixed form
	pix   []pixSkill     // the acquis, for the Pix baselines
}

// finish computes the lookups every method shares (before any goroutine).
func (b *Bank) finish() *Bank {
	b.idx = make(map[string]int, b.Engine.Len())
	for i, it := range b.Engine.Items {
		b.idx[it.ID] = i
	}
	b.fixed = fixedForm(b.Engine)
	b.pix = pixSkills(b.Engine)
	return b
}

func (b *Bank) index(id string) int { return b.idx[id] }
func (b *Bank) form() []int         { return b.fixed }
func (b *Bank) skills() []pixSkill  { return b.pix }

// Prob is the true probability that a learner of ability theta answers item
// i right.
func (b *Bank) Prob(i int, theta float64) float64 {
	return b.TrueC[i] + (1-b.TrueC[i])*scoring.Sigmoid(b.TrueA[i]*(theta-b.TrueB[i]))
}

// BankNames lists the simulated banks in report order.
var BankNames = []string{"ideal", "realistic", "guessing", "slope-0.6", "slope-1.5", "sparse", "builtin"}

// layout describes a synthetic bank: topics × levels 1–4, and the number of
// questions of each acquis.
type layout struct {
	topics  int
	perSkil func(topic, level int) int
}

// MakeBanks builds the named bank (several for "builtin", one per
// competence with questions). Synthetic banks follow adaptive.md §6.1 with
// the product's four author levels: b_author = level − 3 (DefaultScale).
func MakeBanks(name string, seed uint64) ([]*Bank, error) {
	rng := rand.New(rand.NewPCG(seed, 0xba4c))
	switch name {
	case "ideal":
		// 8 topics × 4 levels × 4 questions = 128 items; truth = author.
		return []*Bank{synth(name, layout{8, func(int, int) int { return 4 }}, rng, 0, 0, false, 1)}, nil
	case "realistic":
		// 6 topics × 4 levels, 2 or 3 questions per acquis = 60 items;
		// true b = author b + N(0, 0.5²), true a ~ lognormal(0, 0.25).
		return []*Bank{synth(name, realisticLayout, rng, 0.5, 0.25, false, 1)}, nil
	case "guessing":
		// The realistic bank answered with a guessing floor c = 1/k, k = 3
		// or 4 choices: the engine's Rasch model ignores it.
		return []*Bank{synth(name, realisticLayout, rng, 0.5, 0.25, true, 1)}, nil
	case "slope-0.6", "slope-1.5":
		// Author levels are 0.6 or 1.5 true logits apart while the engine
		// assumes 1: on the engine's scale the items are less or more
		// discriminating than it thinks.
		s := 0.6
		if name == "slope-1.5" {
			s = 1.5
		}
		return []*Bank{synth(name, layout{8, func(int, int) int { return 4 }}, rng, 0, 0, false, s)}, nil
	case "sparse":
		// 30 items: one per acquis plus one more at levels 2 and 3 in three
		// topics: the bank runs out before 20 questions.
		return []*Bank{synth(name, layout{6, func(t, l int) int {
			if t < 3 && (l == 2 || l == 3) {
				return 2
			}
			return 1
		}}, rng, 0.5, 0.25, false, 1)}, nil
	case "builtin":
		return builtinBanks()
	}
	return nil, fmt.Errorf("unknown bank %q (known: %v)", name, BankNames)
}

var realisticLayout = layout{6, func(t, l int) int { return 2 + (t+l)%2 }}

// synth builds a synthetic bank. The second question of an acquis is a
// variant of the first, as in the built-in content.
func synth(name string, lay layout, rng *rand.Rand, bNoise, logASD float64, guessing bool, slope float64) *Bank {
	var items []scoring.Item
	var tb, ta, tc []float64
	for t := range lay.topics {
		for l := 1; l <= scoring.MaxLevel; l++ {
			skill := fmt.Sprintf("s%d-%d", t+1, l)
			for q := range lay.perSkil(t, l) {
				id := fmt.Sprintf("%s-q%d", skill, q+1)
				group := id
				if q == 1 {
					group = skill + "-q1"
				}
				b := scoring.DefaultScale.Difficulty(float64(l))
				items = append(items, scoring.Item{ID: id, Skill: skill, Topic: fmt.Sprintf("s%d", t+1), Level: l, Group: group, B: b, A: 1})
				tb = append(tb, b+bNoise*rng.NormFloat64())
				ta = append(ta, slope*math.Exp(logASD*rng.NormFloat64()))
				c := 0.0
				if guessing {
					c = 1 / float64(3+rng.IntN(2))
				}
				tc = append(tc, c)
			}
		}
	}
	return (&Bank{Name: name, Engine: scoring.NewBank(name, items, scoring.DefaultScale, scoring.DefaultPrior), TrueB: tb, TrueA: ta, TrueC: tc}).finish()
}

// builtinBanks makes one bank per competence of the built-in content, with
// true parameters equal to the engine's (the built-in bank is not
// calibrated: only its size and structure are under test).
func builtinBanks() ([]*Bank, error) {
	cat := lessons.Load(lessons.Options{}, lessons.Builtin()).Catalogue(i18n.FR)
	var out []*Bank
	for _, comp := range cat.Competences {
		eb := scoring.BankFromCatalogue(cat, comp.ID, nil)
		if eb == nil {
			continue
		}
		b := &Bank{Name: "builtin/" + comp.ID, Engine: eb}
		for _, it := range eb.Items {
			b.TrueB = append(b.TrueB, it.B)
			b.TrueA = append(b.TrueA, it.A)
			b.TrueC = append(b.TrueC, 0)
		}
		out = append(out, b.finish())
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("the built-in content has no competence with questions")
	}
	slices.SortStableFunc(out, func(a, b *Bank) int { return cmpString(a.Name, b.Name) })
	return out, nil
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
