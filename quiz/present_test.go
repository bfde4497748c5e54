package quiz

import (
	"math/rand/v2"
	"slices"
	"testing"

	"pasapas/lessons"
)

func ids(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = string(rune('a' + i))
	}
	return out
}

func TestPresentIsAShuffleOfStableIDs(t *testing.T) {
	for _, id := range []string{"mail-q-bien-ecrite", "mail-q-signes", "mail-q-envoyer-etapes", "mail-q-dossiers"} {
		q := question(t, id)
		p1 := Present(q, rand.New(rand.NewPCG(7, 7)))
		p2 := Present(q, rand.New(rand.NewPCG(7, 7)))
		if !slices.Equal(p1.Choices, p2.Choices) || !slices.Equal(p1.Statements, p2.Statements) ||
			!slices.Equal(p1.Elements, p2.Elements) || !slices.Equal(p1.Rights, p2.Rights) {
			t.Errorf("%s: same seed, different presentations: %+v %+v", id, p1, p2)
		}
		var shown, want []string
		switch q.Type {
		case lessons.MultipleChoice:
			shown, want = p1.Choices, idsOf(q.Choices, func(c lessons.Choice) string { return c.ID })
		case lessons.TrueFalse:
			shown, want = p1.Statements, idsOf(q.Statements, func(s lessons.Statement) string { return s.ID })
		case lessons.Ordering:
			shown, want = p1.Elements, idsOf(q.Elements, func(e lessons.Element) string { return e.ID })
		case lessons.Matching:
			shown, want = p1.Rights, idsOf(q.Pairs, func(p lessons.Pair) string { return p.ID })
		}
		if s := slices.Sorted(slices.Values(shown)); !slices.Equal(s, slices.Sorted(slices.Values(want))) {
			t.Errorf("%s: shown %v is not a permutation of %v", id, shown, want)
		}
	}
}

// Over many seeds, every order shows up: the shuffle is not stuck.
func TestPresentShufflesChoices(t *testing.T) {
	q := &lessons.Question{Type: lessons.SingleChoice}
	for _, id := range ids(3) {
		q.Choices = append(q.Choices, lessons.Choice{ID: id})
	}
	seen := map[string]int{}
	for seed := range uint64(600) {
		p := Present(q, rand.New(rand.NewPCG(seed, 1)))
		seen[string(slices.Concat([]byte(p.Choices[0]), []byte(p.Choices[1]), []byte(p.Choices[2])))]++
	}
	if len(seen) != 6 {
		t.Errorf("orders seen: %v", seen)
	}
	for order, n := range seen {
		if n < 50 { // 100 expected; 50 is far in the tail
			t.Errorf("order %s seen %d times in 600", order, n)
		}
	}
}

// An ordre question never starts solved, nor an association lined up.
func TestPresentNeverStartsSolved(t *testing.T) {
	for n := 1; n <= 5; n++ {
		order := &lessons.Question{Type: lessons.Ordering}
		match := &lessons.Question{Type: lessons.Matching}
		for _, id := range ids(n) {
			order.Elements = append(order.Elements, lessons.Element{ID: id})
			match.Pairs = append(match.Pairs, lessons.Pair{ID: id})
		}
		starts := map[string]bool{}
		for seed := range uint64(500) {
			rng := rand.New(rand.NewPCG(seed, 3))
			e, r := Present(order, rng).Elements, Present(match, rng).Rights
			if len(e) != n || len(r) != n {
				t.Fatalf("n=%d: lengths %d %d", n, len(e), len(r))
			}
			if n >= 2 && (slices.Equal(e, ids(n)) || slices.Equal(r, ids(n))) {
				t.Fatalf("n=%d seed %d: starts in the right order: %v %v", n, seed, e, r)
			}
			starts[e[0]] = true
		}
		// With 2 steps the only other order is b, a; from 3 on, any step
		// can come first.
		if wantFirst := map[int]int{1: 1, 2: 1}[n]; n >= 3 && len(starts) != n || n < 3 && len(starts) != wantFirst {
			t.Errorf("n=%d: shown first: %v", n, starts)
		}
	}
}

func TestPresentOthers(t *testing.T) {
	if p := Present(question(t, "mail-q-parties"), nil); p.Choices != nil || p.Elements != nil || p.Rights != nil || p.Statements != nil {
		t.Errorf("fields have nothing to shuffle: %+v", p)
	}
	if p := Present(nil, nil); p.Choices != nil {
		t.Errorf("nil question: %+v", p)
	}
	q := question(t, "mail-q-envoyer-etapes")
	if a, b := Present(q, nil), Present(q, nil); !slices.Equal(a.Elements, b.Elements) {
		t.Errorf("nil source is not fixed: %v %v", a.Elements, b.Elements)
	}
	before := slices.Clone(q.Elements)
	Present(q, rand.New(rand.NewPCG(1, 1)))
	if !slices.EqualFunc(before, q.Elements, func(a, b lessons.Element) bool { return a.ID == b.ID }) {
		t.Errorf("Present changed the question")
	}
}
