package scoring

import "math"

// MaxLevel is the highest competence level (and acquis level): levels run
// from 0 ("je découvre") to 4 ("je suis autonome").
const MaxLevel = 4

// Item is one question as the engine sees it: its place in the référentiel
// and its parameters on the competence's logit scale.
type Item struct {
	ID    string // question id
	Skill string // acquis id
	Topic string // sujet id
	Level int    // author level of the acquis: 1–4 in the product's content
	Group string // variant group: the VariantOf id, or the question's own id
	// Typed says the answer is typed on the keyboard (free text, fields):
	// the easy start keeps such questions out of the first two.
	Typed bool

	// B is the difficulty in logits; A the discrimination (1 for Rasch).
	B, A float64
	// Calibrated says B (and perhaps A) came from data rather than from the
	// author's level.
	Calibrated bool
}

// Scale maps author levels to difficulties and abilities to competence
// levels. One slope for the whole bank: author levels are trusted for their
// order and roughly for their spacing, not item by item.
type Scale struct {
	// Slope is the number of logits between two adjacent author levels.
	Slope float64
	// Mid is the author level whose items have difficulty 0.
	Mid float64
	// Levels is the highest competence level of the scale; 0 means
	// MaxLevel, the product's levels 0–4. Only the simulation's banks with
	// six author levels (adaptive.md §6.1) use another value: 5, six bands
	// cut at −2, −1, 0, 1, 2 when Mid = 3.5.
	Levels int
}

// DefaultScale is the cold-start scale: one logit per level (Pix's
// smart-random assumes the same), level-3 items at difficulty 0, so the four
// acquis levels sit at −2, −1, 0, +1 and the level cuts at −1.5, −0.5, +0.5,
// +1.5 (symmetric around 0).
var DefaultScale = Scale{Slope: 1, Mid: 3}

// Difficulty returns the difficulty of an item of author level L.
func (s Scale) Difficulty(level float64) float64 { return s.Slope * (level - s.Mid) }

// Top returns the highest competence level of the scale (MaxLevel unless
// Levels says otherwise).
func (s Scale) Top() int {
	if s.Levels > 0 {
		return s.Levels
	}
	return MaxLevel
}

// Cut returns the lowest ability of competence level k (1..Top()). A
// learner is at level k when they succeed at level-k items at least
// σ(½) ≈ 62 % of the time: the cut lies half a level above those items.
func (s Scale) Cut(k int) float64 { return s.Difficulty(float64(k) + 0.5) }

// Level returns the competence level (0..Top()) of an ability.
func (s Scale) Level(theta float64) int {
	l := 0
	for k := 1; k <= s.Top(); k++ {
		if theta >= s.Cut(k) {
			l = k
		}
	}
	return l
}

// Band returns the ability interval of competence level k; the outer bands
// are open (±Inf).
func (s Scale) Band(k int) (lo, hi float64) {
	lo, hi = math.Inf(-1), math.Inf(1)
	if k >= 1 {
		lo = s.Cut(k)
	}
	if k < s.Top() {
		hi = s.Cut(k + 1)
	}
	return lo, hi
}

// Sigmoid is the logistic function 1/(1+e^−x).
func Sigmoid(x float64) float64 {
	if x >= 0 {
		return 1 / (1 + math.Exp(-x))
	}
	e := math.Exp(x)
	return e / (1 + e)
}

// Prob is the probability that a learner of ability theta answers the item
// right: σ(a·(θ − b)).
func (it *Item) Prob(theta float64) float64 { return Sigmoid(it.A * (theta - it.B)) }

// Info is the item's Fisher information at theta: a²·P·(1−P); 0.25 at θ = b
// for a Rasch item.
func (it *Item) Info(theta float64) float64 {
	p := it.Prob(theta)
	return it.A * it.A * p * (1 - p)
}

// Bank is the question bank of one competence.
type Bank struct {
	Competence string
	Items      []Item
	Scale      Scale
	// shift is how far Centred moved the local calibrations (0 if not),
	// and centredFrom the stored difficulty of each question it moved.
	shift       float64
	centredFrom map[string]float64
	// Prior is the ability distribution assumed before any answer.
	Prior Prior

	skills  []string       // distinct acquis, in item order
	index   map[string]int // question id → position in Items
	skillOf []int          // item → position in skills
	groupOf []int          // item → dense variant-group number
	groups  int
}

// NewBank makes a bank from items (kept in the given order, which is also
// the order of ties). Items with A ≤ 0 get A = 1.
func NewBank(competence string, items []Item, scale Scale, prior Prior) *Bank {
	b := &Bank{Competence: competence, Items: items, Scale: scale, Prior: prior, index: make(map[string]int, len(items))}
	// Dense numbers for acquis and variant groups let the selection scan
	// slices instead of maps: it must stay well under a millisecond on a
	// 10,000-item bank.
	skillNo, groupNo := map[string]int{}, map[string]int{}
	b.skillOf = make([]int, len(items))
	b.groupOf = make([]int, len(items))
	for i := range b.Items {
		it := &b.Items[i]
		if it.A <= 0 {
			it.A = 1
		}
		if it.Group == "" {
			it.Group = it.ID
		}
		b.index[it.ID] = i
		n, ok := skillNo[it.Skill]
		if !ok {
			n = len(b.skills)
			skillNo[it.Skill] = n
			b.skills = append(b.skills, it.Skill)
		}
		b.skillOf[i] = n
		g, ok := groupNo[it.Group]
		if !ok {
			g = len(groupNo)
			groupNo[it.Group] = g
		}
		b.groupOf[i] = g
	}
	b.groups = len(groupNo)
	return b
}

// Item returns the item of a question id, or nil.
func (b *Bank) Item(id string) *Item {
	if i, ok := b.index[id]; ok {
		return &b.Items[i]
	}
	return nil
}

// Skills returns the acquis that have at least one question, in bank order.
func (b *Bank) Skills() []string { return b.skills }

// Len is the number of items.
func (b *Bank) Len() int { return len(b.Items) }
