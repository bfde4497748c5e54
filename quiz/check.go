package quiz

import (
	"pasapas/lessons"
)

// Check gives the verdict on an answer to a question. It is pure and
// deterministic: the same question and answer always give the same result,
// and it reads only the question's solution and stable identifiers, never a
// display order.
//
// Every type is all-or-nothing, as in Pix: choices are compared as sets,
// statements must all be judged rightly, steps must all be in place, pairs
// must all be matched, fields must all be accepted. The details say which
// part was right, so the screen can show it. Parts of the answer that name
// nothing in the question (an unknown field or statement) are ignored; an
// unknown choice or step makes the answer incorrect, since those lists must
// equal the solution.
func Check(q *lessons.Question, a Answer) Result {
	skipped := a.Skipped
	if skipped {
		// The details are those of an empty answer, so the screen can show
		// the right answer beside "Vous avez passé cette question".
		a = Answer{}
	}
	var r Result
	ok := false
	if q != nil {
		switch q.Type {
		case lessons.SingleChoice, lessons.MultipleChoice:
			r.Choices, ok = checkChoices(q, a.Choices)
		case lessons.TrueFalse:
			r.Statements, ok = checkStatements(q, a.Truth)
		case lessons.FreeText, lessons.Fields:
			r.Fields, ok = checkFields(q, a.Fields)
			lists := make([][]Forgiveness, len(r.Fields))
			for i, f := range r.Fields {
				lists[i] = f.Forgiven
			}
			r.Forgiven = union(lists...)
		case lessons.Ordering:
			r.Elements, ok = checkOrder(q, a.Order)
		case lessons.Matching:
			r.Pairs, ok = checkPairs(q, a.Matches)
		}
	}
	switch {
	case skipped:
		r.Outcome = Skipped
	case ok:
		r.Outcome = Correct
	default:
		r.Outcome = Incorrect
	}
	return r
}

// checkChoices compares the chosen identifiers with the right ones as sets
// (Pix's QCU and QCM): order and repetition do not matter.
func checkChoices(q *lessons.Question, chosen []string) ([]ChoiceResult, bool) {
	picked := make(map[string]bool, len(chosen))
	for _, id := range chosen {
		picked[id] = true
	}
	out := make([]ChoiceResult, len(q.Choices))
	ids := make(map[string]bool, len(q.Choices))
	ok := true
	for i, c := range q.Choices {
		out[i] = ChoiceResult{ID: c.ID, Chosen: picked[c.ID], Right: c.Correct}
		ids[c.ID] = true
		ok = ok && out[i].OK()
	}
	// A chosen identifier that is not a choice of the question (an old id,
	// a mistake of the caller) is a wrong choice.
	for id := range picked {
		ok = ok && ids[id]
	}
	return out, ok
}

// checkStatements wants every statement judged, and judged rightly.
func checkStatements(q *lessons.Question, truth map[string]bool) ([]StatementResult, bool) {
	out := make([]StatementResult, len(q.Statements))
	ok := true
	for i, s := range q.Statements {
		given, judged := truth[s.ID]
		out[i] = StatementResult{ID: s.ID, Judged: judged, Given: given, True: s.True}
		ok = ok && out[i].OK()
	}
	return out, ok
}

// checkOrder wants exactly the steps of the question, in the right order.
func checkOrder(q *lessons.Question, order []string) ([]ElementResult, bool) {
	out := make([]ElementResult, len(q.Elements))
	ok := len(order) == len(q.Elements)
	for i, e := range q.Elements {
		given := -1
		for j, id := range order {
			if id == e.ID {
				given = j
				break
			}
		}
		out[i] = ElementResult{ID: e.ID, Given: given, Want: i}
		ok = ok && out[i].OK()
	}
	return out, ok
}

// checkPairs wants every left-hand item matched with its own right-hand item.
func checkPairs(q *lessons.Question, matches map[string]string) ([]PairResult, bool) {
	out := make([]PairResult, len(q.Pairs))
	ok := true
	for i, p := range q.Pairs {
		out[i] = PairResult{ID: p.ID, Given: matches[p.ID]}
		ok = ok && out[i].OK()
	}
	return out, ok
}
