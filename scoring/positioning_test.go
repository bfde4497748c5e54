package scoring

import (
	"fmt"
	"slices"
	"testing"

	"pasapas/lessons"
)

// typedBank is testBank with every other question of levels 1–2 typed.
func typedBank(name string, topics int) *Bank {
	b := testBank(topics, 2)
	items := slices.Clone(b.Items)
	for i := range items {
		items[i].ID = name + "-" + items[i].ID
		items[i].Group = name + "-" + items[i].Group
		items[i].Skill = name + "-" + items[i].Skill
		items[i].Topic = name + "-" + items[i].Topic
		items[i].Typed = i%2 == 0
	}
	return NewBank(name, items, DefaultScale, DefaultPrior)
}

func TestEasyStartTest(t *testing.T) {
	b := typedBank("c", 3)
	for seed := range uint64(30) {
		tt := NewTest(b, TestOptions{Seed: seed, EasyStart: true})
		for n := range 2 {
			st, ok := tt.Next()
			if !ok {
				t.Fatal("no question")
			}
			if st.Item.Typed {
				t.Errorf("seed %d: question %d is typed", seed, n+1)
			}
			if n == 0 && st.Item.Level != 1 {
				t.Errorf("seed %d: first question of level %d, want 1", seed, st.Item.Level)
			}
			_ = tt.Record(st.Item.ID, seed%2 == 0)
		}
	}
	// Without the option the engine starts where the information is.
	first := map[int]int{}
	for seed := range uint64(30) {
		st, _ := NewTest(b, TestOptions{Seed: seed}).Next()
		first[st.Item.Level]++
	}
	if first[1] == 30 {
		t.Errorf("without EasyStart every first question is level 1: the test proves nothing")
	}
}

func positioningBanks() []*Bank {
	var out []*Bank
	for c := range 4 {
		out = append(out, typedBank(fmt.Sprintf("c%d", c), 3))
	}
	return out
}

func TestPositioningEasyStart(t *testing.T) {
	for seed := range uint64(20) {
		p := NewPositioning(positioningBanks(), PositioningOptions{Seed: seed, EasyStart: true})
		for n := range 2 {
			st, _ := p.Next()
			if st.Item.Typed || n == 0 && st.Item.Level != 1 {
				t.Errorf("seed %d: question %d is level %d, typed %v", seed, n+1, st.Item.Level, st.Item.Typed)
			}
			_ = p.Record(st.Item.ID, true)
		}
	}
}

// answerAll runs a positioning with one answer rule; it returns the
// positioning and its log.
func answerAll(p *Positioning, right func(*Item) bool) []Answer {
	var log []Answer
	for {
		st, ok := p.Next()
		if !ok {
			return log
		}
		c := right(st.Item)
		if err := p.Record(st.Item.ID, c); err != nil {
			panic(err)
		}
		log = append(log, Answer{st.Item.ID, c})
	}
}

func TestPositioningAllWrong(t *testing.T) {
	for seed := range uint64(10) {
		p := NewPositioning(positioningBanks(), PositioningOptions{Seed: seed, EasyStart: true})
		log := answerAll(p, func(*Item) bool { return false })
		if len(log) < 8 || len(log) > 12 {
			t.Errorf("seed %d: %d questions, want 8 to 12", seed, len(log))
		}
		asked := map[string]int{}
		for _, a := range log {
			asked[a.Question[:2]]++
		}
		if len(asked) != 4 {
			t.Errorf("seed %d: competences asked %v, want all four", seed, asked)
		}
		for _, r := range p.Results() {
			if !r.Rough || r.Level > 0 {
				t.Errorf("seed %d: %s level %d rough %v after all wrong, want a rough level 0", seed, r.Competence, r.Level, r.Rough)
			}
		}
	}
}

// The correlation: right answers in one competence raise the others, and
// the results are those of the answers, whatever order chose them.
func TestPositioningCorrelation(t *testing.T) {
	banks := positioningBanks()
	p := NewPositioning(banks, PositioningOptions{Seed: 1, MinItems: 12})
	before := p.Results()[3].Theta
	for _, id := range []string{"c0-t0-2-q0", "c0-t1-3-q0", "c0-t2-3-q0"} {
		if err := p.Record(id, true); err != nil {
			t.Fatal(err)
		}
	}
	after := p.Results()[3]
	if after.N != 0 || after.Theta <= before+0.3 {
		t.Errorf("c3 moved from %.2f to %.2f (N %d) after three right answers in c0: want up by more than 0.3", before, after.Theta, after.N)
	}
	none := NewPositioning(banks, PositioningOptions{Seed: 1, Rho: -1, MinItems: 12})
	for _, id := range []string{"c0-t0-2-q0", "c0-t1-3-q0", "c0-t2-3-q0"} {
		_ = none.Record(id, true)
	}
	if d := none.Results()[3].Theta - before; d < -1e-9 || d > 1e-9 {
		t.Errorf("with no correlation c3 moved by %.3g", d)
	}
	// Same answers, another seed and order: same results.
	p1 := NewPositioning(banks, PositioningOptions{Seed: 5})
	log := answerAll(p1, func(it *Item) bool { return it.Level <= 2 })
	slices.Reverse(log)
	p2, err := ReplayPositioning(banks, PositioningOptions{Seed: 9}, log)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range p1.Results() {
		if r2 := p2.Results()[i]; r2.Level != r.Level || abs(r2.Theta-r.Theta) > 0.02 {
			t.Errorf("%s: %.3f (level %d) replayed in another order as %.3f (level %d)", r.Competence, r.Theta, r.Level, r2.Theta, r2.Level)
		}
	}
}

func abs(x float64) float64 { return max(x, -x) }

func TestPositioningOnBuiltin(t *testing.T) {
	cat := builtinCatalogue(t)
	var banks []*Bank
	for _, c := range cat.Competences {
		if b := BankFromCatalogue(cat, c.ID, nil); b != nil {
			banks = append(banks, b)
		}
	}
	for seed := range uint64(5) {
		p := NewPositioning(banks, PositioningOptions{Seed: seed, EasyStart: true})
		log := answerAll(p, func(*Item) bool { return false })
		if len(log) > 12 {
			t.Errorf("seed %d: « Je ne sais pas » throughout took %d questions, want at most 12", seed, len(log))
		}
		first := cat.Question(log[0].Question)
		if sk := cat.Skill(first.Skill.ID); sk.Level != 1 || first.Type == lessons.FreeText || first.Type == lessons.Fields {
			t.Errorf("seed %d: first question %s of level %d, type %s", seed, first.ID, sk.Level, first.Type)
		}
		start := StartHere(RankLessons(cat, p.Results(), nil))
		if start == nil || start.Level != 1 {
			t.Errorf("seed %d: « Commencez ici » is %+v, want a level-1 lesson", seed, start)
		}
	}
}

// TestPositioningAsksEveryCompetence: with more than ten competences (the
// built-in content has eleven), the positioning asks each one at least one
// question of its own, and stays within one question more; with fewer it
// keeps its ten to twelve.
func TestPositioningAsksEveryCompetence(t *testing.T) {
	for _, tc := range []struct{ comps, min, max int }{
		{4, 10, 12},
		{8, 10, 12},
		{11, 11, 12},
		{13, 13, 14},
	} {
		var banks []*Bank
		for c := range tc.comps {
			banks = append(banks, typedBank(fmt.Sprintf("c%d", c), 3))
		}
		for seed := range uint64(4) {
			for _, right := range []bool{false, true} {
				p := NewPositioning(banks, PositioningOptions{Seed: seed, EasyStart: true})
				log := answerAll(p, func(*Item) bool { return right })
				if len(log) < tc.min || len(log) > tc.max {
					t.Errorf("%d competences, seed %d: %d questions, want %d to %d", tc.comps, seed, len(log), tc.min, tc.max)
				}
				asked := map[string]bool{}
				for _, r := range p.Results() {
					asked[r.Competence] = r.N > 0
				}
				for c, ok := range asked {
					if !ok && tc.comps <= tc.min {
						t.Errorf("%d competences, seed %d: %s never asked", tc.comps, seed, c)
					}
				}
			}
		}
	}
}

// TestMinGainWeighsTheBestQuestion: MinGain compares the expected gain of
// the best question left (as its doc says), not of the one drawn from the
// randomesque shortlist; the best of a shortlist of 5 is the one a
// shortlist of 1 would ask. Every question here has its own difficulty,
// so the shortlist's gains differ.
func TestMinGainWeighsTheBestQuestion(t *testing.T) {
	bank := func(c string) *Bank {
		var items []Item
		for i := range 10 {
			id := fmt.Sprintf("%s-q%d", c, i)
			items = append(items, Item{ID: id, Group: id, Skill: fmt.Sprintf("%s-s%d", c, i), Topic: c,
				Level: 1 + i%4, B: -2 + 0.45*float64(i), A: 0.8 + 0.1*float64(i)})
		}
		return NewBank(c, items, DefaultScale, DefaultPrior)
	}
	drawnLower := 0
	for seed := uint64(1); seed <= 20; seed++ {
		one := NewPositioning([]*Bank{bank("a"), bank("b")}, PositioningOptions{Seed: seed, TopK: 1})
		five := NewPositioning([]*Bank{bank("a"), bank("b")}, PositioningOptions{Seed: seed, TopK: 5})
		best, ok1 := one.Next()
		st, ok5 := five.Next()
		if !ok1 || !ok5 {
			t.Fatalf("seed %d: no first question", seed)
		}
		if five.lastGain != one.lastGain {
			t.Errorf("seed %d: the gain weighed is %v, the best question's is %v (drawn at rank %d)",
				seed, five.lastGain, one.lastGain, st.Reason.Rank)
		}
		if st.Item.B != best.Item.B {
			drawnLower++
		}
	}
	if drawnLower == 0 {
		t.Error("no seed drew a question other than the best: the test proves nothing")
	}
}

// The words under a level speak of that level: the positioning reports the
// most likely level, and its « probablement niveau N » is about the same N
// (a learner saw « Niveau 0 » over « probablement niveau 1, peut-être 0 »).
func TestPositioningCertaintyIsTheLevelsOwn(t *testing.T) {
	var banks []*Bank // more competences than questions, as in the product
	for c := range 11 {
		banks = append(banks, typedBank(fmt.Sprintf("c%d", c), 3))
	}
	for seed := range uint64(20) {
		for _, rightEvery := range []int{2, 3, 5, 1000} {
			p := NewPositioning(banks, PositioningOptions{Seed: seed, EasyStart: true})
			n := 0
			answerAll(p, func(*Item) bool { n++; return n%rightEvery == 0 })
			for _, r := range p.Results() {
				if r.Certainty.Level != r.Level {
					t.Errorf("seed %d, right every %d: %s level %d, its words say %q", seed, rightEvery, r.Competence, r.Level, r.Uncertainty("fr"))
				}
			}
		}
	}
}
