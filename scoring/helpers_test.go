package scoring

import "fmt"

// testBank makes a bank of topics × levels 1–4 with perSkill questions per
// acquis; the second question of each acquis is a variant of the first.
func testBank(topics, perSkill int) *Bank {
	var items []Item
	for t := range topics {
		for l := 1; l <= MaxLevel; l++ {
			skill := fmt.Sprintf("t%d-%d", t, l)
			for q := range perSkill {
				id := fmt.Sprintf("%s-q%d", skill, q)
				group := id
				if q == 1 {
					group = skill + "-q0"
				}
				items = append(items, Item{ID: id, Skill: skill, Topic: fmt.Sprintf("t%d", t), Level: l,
					Group: group, B: DefaultScale.Difficulty(float64(l))})
			}
		}
	}
	return NewBank("test", items, DefaultScale, DefaultPrior)
}

// learner answers like a Rasch simulee of ability theta with fixed luck.
type learner struct {
	theta float64
	luck  func(id string) float64
}

func (l learner) answer(it *Item) bool { return l.luck(it.ID) < it.Prob(l.theta) }

// hashLuck is a deterministic pseudo-uniform number per question id.
func hashLuck(seed uint64) func(string) float64 {
	return func(id string) float64 {
		h := seed ^ 1469598103934665603
		for i := range len(id) {
			h ^= uint64(id[i])
			h *= 1099511628211
		}
		return float64(h>>11) / (1 << 53)
	}
}

// runTest answers a whole test and returns the test and the answer log.
func runTest(b *Bank, opts TestOptions, answer func(*Item) bool) (*Test, []Answer) {
	t := NewTest(b, opts)
	var log []Answer
	for {
		st, ok := t.Next()
		if !ok {
			break
		}
		c := answer(st.Item)
		if err := t.Record(st.Item.ID, c); err != nil {
			panic(err)
		}
		log = append(log, Answer{st.Item.ID, c})
	}
	return t, log
}
