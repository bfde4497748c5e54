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

// BankNames lists the simulated banks in report order. The first six are
// the banks of adaptive.md §6.1 (six author levels); "product" is shaped
// like the product's content (four author levels); "builtin" is the
// shipped content itself.
var BankNames = []string{"ideal", "realistic", "guessing", "slope-0.6", "slope-1.5", "sparse", "product", "builtin"}

// ProtocolScale is how our engine reads the six author levels of the §6.1
// banks: one logit per level, b_author = L − 3.5 (−2.5 … +2.5), and the
// competence levels are the protocol's six bands cut at −2, −1, 0, 1, 2 —
// a learner is at level k when they succeed at level-k items at least
// σ(½) ≈ 62 % of the time, as in the product (DefaultScale), whose four
// author levels give the levels 0–4.
var ProtocolScale = scoring.Scale{Slope: 1, Mid: 3.5, Levels: 5}

// layout describes a synthetic bank: topics × author levels, and the
// number of questions of each acquis.
type layout struct {
	topics, levels int
	perSkill       func(topic, level int) int
	// variants makes the second question of an acquis a variant of the
	// first, as in the built-in content (product bank only: §6.1 has no
	// variants).
	variants bool
	scale    scoring.Scale
}

// protocol is a §6.1 layout: 6 topics (tubes) × 6 author levels = 36
// acquis.
func protocol(perSkill func(topic, level int) int) layout {
	return layout{topics: 6, levels: 6, perSkill: perSkill, scale: ProtocolScale}
}

var (
	// 20 items per level: two acquis of 4 and four of 3, rotating.
	idealLayout = protocol(func(t, l int) int {
		if (t+l)%3 == 0 {
			return 4
		}
		return 3
	})
	// 10 items per level: four acquis of 2 and two of 1, rotating.
	realisticLayout = protocol(func(t, l int) int {
		if (t+l)%3 == 0 {
			return 1
		}
		return 2
	})
	// 5 items per level: one per acquis, one topic missing at each level.
	sparseLayout = protocol(func(t, l int) int {
		if t == l%6 {
			return 0
		}
		return 1
	})
	// The product's shape: 6 topics × 4 levels, 2 or 3 questions per
	// acquis (the second a variant of the first) = 60 items.
	productLayout = layout{topics: 6, levels: scoring.MaxLevel, variants: true, scale: scoring.DefaultScale,
		perSkill: func(t, l int) int { return 2 + (t+l)%2 }}
)

// MakeBanks builds the named bank (several for "builtin", one per
// competence with questions). The synthetic banks follow adaptive.md §6.1:
// 6 author levels, b_author = L − 3.5; "product" keeps the product's four
// levels (b_author = L − 3, DefaultScale) with the realistic noise.
func MakeBanks(name string, seed uint64) ([]*Bank, error) {
	rng := rand.New(rand.NewPCG(seed, 0xba4c))
	switch name {
	case "ideal":
		// B1: 120 items; truth = author.
		return []*Bank{synth(name, idealLayout, rng, 0, 0, false, 1)}, nil
	case "realistic":
		// B2: 60 items; true b = author b + N(0, 0.5²), true a ~
		// lognormal(0, 0.25). The engine knows neither.
		return []*Bank{synth(name, realisticLayout, rng, 0.5, 0.25, false, 1)}, nil
	case "guessing":
		// B3: the realistic bank answered with a guessing floor c = 1/k,
		// k = 3 or 4 choices: the engine's Rasch model ignores it.
		return []*Bank{synth(name, realisticLayout, rng, 0.5, 0.25, true, 1)}, nil
	case "slope-0.6", "slope-1.5":
		// B4: author levels are 0.6 or 1.5 true logits apart while the
		// engine assumes 1: on the engine's scale the items are less or
		// more discriminating than it thinks (the ideal bank otherwise).
		s := 0.6
		if name == "slope-1.5" {
			s = 1.5
		}
		return []*Bank{synth(name, idealLayout, rng, 0, 0, false, s)}, nil
	case "sparse":
		// B5: 30 items, 5 per level, with the realistic noise: the bank
		// runs thin before 20 questions.
		return []*Bank{synth(name, sparseLayout, rng, 0.5, 0.25, false, 1)}, nil
	case "product":
		// The previous "realistic" bank, shaped like the product's content.
		return []*Bank{synth(name, productLayout, rng, 0.5, 0.25, false, 1)}, nil
	case "builtin":
		return builtinBanks()
	}
	return nil, fmt.Errorf("unknown bank %q (known: %v)", name, BankNames)
}

// synth builds a synthetic bank.
func synth(name string, lay layout, rng *rand.Rand, bNoise, logASD float64, guessing bool, slope float64) *Bank {
	var items []scoring.Item
	var tb, ta, tc []float64
	for t := range lay.topics {
		for l := 1; l <= lay.levels; l++ {
			skill := fmt.Sprintf("s%d-%d", t+1, l)
			for q := range lay.perSkill(t, l) {
				id := fmt.Sprintf("%s-q%d", skill, q+1)
				group := id
				if q == 1 && lay.variants {
					group = skill + "-q1"
				}
				b := lay.scale.Difficulty(float64(l))
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
	return (&Bank{Name: name, Engine: scoring.NewBank(name, items, lay.scale, scoring.DefaultPrior), TrueB: tb, TrueA: ta, TrueC: tc}).finish()
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
