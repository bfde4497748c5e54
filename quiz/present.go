package quiz

import (
	"math/rand/v2"
	"slices"

	"pasapas/lessons"
)

// Presentation is the order in which one showing of a question displays its
// parts, as stable identifiers. Only the screen uses it: the answer and the
// store refer to identifiers, so a new shuffle, or an author reordering the
// file, never changes what an answer means. Fields and the options of a
// "liste" field keep the author's order: they may be ordered on purpose
// (numbers, days).
type Presentation struct {
	// Choices: the choice identifiers, shuffled (choix_unique, choix_multiple).
	Choices []string
	// Statements: the statement identifiers, shuffled (vrai_faux).
	Statements []string
	// Elements: the starting order of the steps (ordre), never the right
	// order when there are 2 steps or more.
	Elements []string
	// Rights: the pair identifiers of the right-hand items in display order
	// (association); the left-hand items stay in the author's order, and
	// the two columns never start lined up when there are 2 pairs or more.
	Rights []string
}

// Present shuffles a question for one showing. It is deterministic for a
// given random source: the TUI seeds it (for instance from the learner and
// the attempt) to show the same order again after a pause. A nil source
// uses a fixed seed.
func Present(q *lessons.Question, rng *rand.Rand) Presentation {
	var p Presentation
	if q == nil {
		return p
	}
	if rng == nil {
		rng = rand.New(rand.NewPCG(1, 2))
	}
	switch q.Type {
	case lessons.SingleChoice, lessons.MultipleChoice:
		p.Choices = shuffled(rng, idsOf(q.Choices, func(c lessons.Choice) string { return c.ID }))
	case lessons.TrueFalse:
		p.Statements = shuffled(rng, idsOf(q.Statements, func(s lessons.Statement) string { return s.ID }))
	case lessons.Ordering:
		p.Elements = notInOrder(rng, idsOf(q.Elements, func(e lessons.Element) string { return e.ID }))
	case lessons.Matching:
		p.Rights = notInOrder(rng, idsOf(q.Pairs, func(pr lessons.Pair) string { return pr.ID }))
	}
	return p
}

func idsOf[T any](items []T, id func(T) string) []string {
	out := make([]string, len(items))
	for i, x := range items {
		out[i] = id(x)
	}
	return out
}

func shuffled(rng *rand.Rand, ids []string) []string {
	rng.Shuffle(len(ids), func(i, j int) { ids[i], ids[j] = ids[j], ids[i] })
	return ids
}

// notInOrder shuffles until the order differs from the right one: a
// question that starts solved teaches nothing. Every other order stays
// equally likely. After a few unlucky draws (only likely with 2 items), the
// first two are swapped, which always differs.
func notInOrder(rng *rand.Rand, right []string) []string {
	if len(right) < 2 {
		return right
	}
	ids := slices.Clone(right)
	for range 8 {
		shuffled(rng, ids)
		if !slices.Equal(ids, right) {
			return ids
		}
	}
	ids[0], ids[1] = ids[1], ids[0]
	return ids
}
