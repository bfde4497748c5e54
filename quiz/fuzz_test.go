package quiz

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"

	"pasapas/fold"
	"pasapas/i18n"
	"pasapas/lessons"
)

// FuzzCheck gives the checker arbitrary answers and arbitrary solutions, of
// every question type and every mix of tolerances. It must never panic,
// must give the same result twice, and must keep the promises that hold
// whatever the text: a variant typed exactly is accepted, a skip is a skip,
// only an accepted field has something forgiven.
//
//	go test -fuzz=FuzzCheck ./quiz
func FuzzCheck(f *testing.F) {
	f.Add("rendez vous", "Rendez-vous", "rdv", uint8(0), uint8(0))
	f.Add("tord", "tort", "", uint8(0), uint8(0b011))
	f.Add("Transfrer", "Transférer", "Transferer", uint8(0), uint8(0b001))
	f.Add("", "", "@", uint8(0), uint8(0))
	f.Add("#", "@", "arobase", uint8(0), uint8(0))
	f.Add("00025 000", "25000", "25 000", uint8(1), uint8(0))
	f.Add("123,000", "123", "douze", uint8(1), uint8(0))
	f.Add("4 chiffres", "4", "", uint8(1), uint8(0))
	f.Add("orange", "orange orange.fr", "laposte.net", uint8(2), uint8(0))
	f.Add("Paris", "Marseille Paris", "Paris", uint8(2), uint8(0))
	f.Add("b a", "a b c", "a b", uint8(3), uint8(0))
	f.Add("a c", "a b c", "a", uint8(4), uint8(5))
	f.Add("c b a", "a b c", "", uint8(5), uint8(0))
	f.Add("a:b b:a", "a b", "", uint8(6), uint8(0))
	f.Add("e\u0301te\u0301\u00a0", "été ", "ÉTÉ", uint8(0), uint8(0b111))
	f.Add("\xff\xfe", "\xff", "a\x00b", uint8(0), uint8(0))

	f.Fuzz(func(t *testing.T, given, sol1, sol2 string, kind, flags uint8) {
		q, a := build(given, sol1, sol2, kind, flags)
		r1 := Check(q, a)
		r2 := Check(q, a)
		if !reflect.DeepEqual(r1, r2) {
			t.Fatalf("two results for one answer:\n%+v\n%+v", r1, r2)
		}
		switch r1.Outcome {
		case Correct, Incorrect:
		default:
			t.Fatalf("outcome %q", r1.Outcome)
		}
		for _, fr := range r1.Fields {
			if len(fr.Forgiven) > 0 && !fr.Correct {
				t.Fatalf("forgiven on a refused field: %+v", fr)
			}
			if fr.Correct != (r1.Outcome == Correct) && r1.Outcome == Correct {
				t.Fatalf("correct with a refused field: %+v", r1)
			}
		}
		// A variant typed exactly, or a number typed as the author wrote
		// it, is always accepted.
		if kind%7 <= 1 && given == sol1 && !blank(fold.NFC(sol1)) && r1.Outcome != Correct {
			t.Fatalf("%q typed exactly is refused: %+v", given, r1)
		}
		// With no tolerance, only an exact variant is accepted.
		if kind%7 == 0 && flags&0b111 == 0b111 && r1.Outcome == Correct {
			g := fold.NFC(given)
			if !slices.ContainsFunc(q.Answers, func(v string) bool { return fold.NFC(v) == g || (blank(g) && blank(fold.NFC(v))) }) {
				t.Fatalf("%q accepted without tolerance against %q", given, q.Answers)
			}
		}
		a.Skipped = true
		if s := Check(q, a); s.Outcome != Skipped {
			t.Fatalf("skip gives %s", s.Outcome)
		}
		for _, lang := range i18n.All {
			fb := FeedbackFor(q, r1, lang)
			if fb.Title == "" || (r1.Outcome == Correct) != (fb.Mark == MarkRight) {
				t.Fatalf("feedback %+v for %s", fb, r1.Outcome)
			}
		}
		p := Present(q, rand.New(rand.NewPCG(uint64(flags), uint64(kind))))
		if n := len(q.Elements); n >= 2 && slices.Equal(p.Elements, idsOf(q.Elements, func(e lessons.Element) string { return e.ID })) &&
			len(slices.Compact(slices.Sorted(slices.Values(p.Elements)))) == n {
			t.Fatalf("ordre starts solved: %v", p.Elements)
		}
	})
}

// build makes a question of one of the 7 types from fuzzed texts, and an
// answer to it. Words of sol1 and sol2 serve as identifiers and variants;
// flags switch tolerances off (bits 0–2) and pick the truth of statements.
func build(given, sol1, sol2 string, kind, flags uint8) (*lessons.Question, Answer) {
	var t *lessons.Tolerances
	if flags&0b111 != 0 {
		bit := func(n uint8) *bool {
			if flags&(1<<n) != 0 {
				return no()
			}
			return nil
		}
		t = tol(bit(0), bit(1), bit(2))
	}
	w1, w2, wg := strings.Fields(sol1), strings.Fields(sol2), strings.Fields(given)
	q := &lessons.Question{ID: "q", Hints: w2, Explanation: sol2}
	var a Answer
	switch kind % 7 {
	case 0, 1:
		format := lessons.FormatText
		if kind%7 == 1 {
			format = lessons.FormatNumber
		}
		q = freeText(format, t, sol1, sol2)
		a = typed(given)
	case 2:
		q.Type, q.AnyOrder = lessons.Fields, true
		q.Fields = []lessons.Field{{ID: "un", Tolerances: t}, {ID: "deux", Label: sol2}}
		q.Groups = [][]string{w1, w2, {sol1}}
		a.Fields = map[string]string{"un": given, "deux": sol2}
	case 3, 4:
		q.Type = lessons.MultipleChoice
		for i, id := range w1 {
			q.Choices = append(q.Choices, lessons.Choice{ID: id, Text: sol2, Correct: slices.Contains(w2, id), Feedback: strings.Repeat("x", i%2)})
		}
		a.Choices = wg
		if kind%7 == 4 {
			q.Type, q.Choices, a.Choices = lessons.TrueFalse, nil, nil
			a.Truth = map[string]bool{}
			for i, id := range w1 {
				q.Statements = append(q.Statements, lessons.Statement{ID: id, True: flags&(1<<(i%8)) != 0, Feedback: sol2})
			}
			for i, id := range wg {
				a.Truth[id] = i%2 == 0
			}
		}
	case 5:
		q.Type = lessons.Ordering
		for _, id := range w1 {
			q.Elements = append(q.Elements, lessons.Element{ID: id, Text: id})
		}
		a.Order = wg
	case 6:
		q.Type = lessons.Matching
		for _, id := range w1 {
			q.Pairs = append(q.Pairs, lessons.Pair{ID: id, Left: id, Right: sol2})
		}
		a.Matches = map[string]string{}
		for _, m := range wg {
			l, r, _ := strings.Cut(m, ":")
			a.Matches[l] = r
		}
	}
	if flags&0b1000 != 0 {
		q.Feedback = &lessons.Feedback{Right: sol1, Wrong: sol2}
	}
	return q, a
}
