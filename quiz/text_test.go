package quiz

import (
	"slices"
	"testing"

	"pasapas/lessons"
)

// TestTolerances walks Pix's rules (research/pix.md §3) one by one, with
// their edges.
func TestTolerances(t *testing.T) {
	off := func(t1, t2, t3 bool) *lessons.Tolerances {
		b := func(off bool) *bool {
			if off {
				return no()
			}
			return nil
		}
		return tol(b(t1), b(t2), b(t3))
	}
	all := (*lessons.Tolerances)(nil)
	none := off(true, true, true)
	for _, c := range []struct {
		name     string
		tol      *lessons.Tolerances
		variants []string
		given    string
		ok       bool
		expected string
		forgiven []Forgiveness
	}{
		// Pre-treatment: always on.
		{"NFC: decomposed accents", none, []string{"été"}, "e\u0301te\u0301", true, "été", nil},
		{"non-breaking space", off(true, false, true), []string{"rendez vous"}, "rendez\u00a0vous", true, "rendez vous", nil},
		{"no tolerance: exact", none, []string{"Paris"}, "Paris", true, "Paris", nil},
		{"no tolerance: case counts", none, []string{"Paris"}, "paris", false, "Paris", nil},
		{"no tolerance: a surrounding space counts", none, []string{"Paris"}, "Paris ", false, "Paris", nil},

		// T1: case, accents, every whitespace.
		{"T1 case", off(false, true, true), []string{"Paris"}, "PARIS", true, "Paris", []Forgiveness{Case}},
		{"T1 accents", off(false, true, true), []string{"Réponse"}, "reponse", true, "Réponse", []Forgiveness{Accents, Case}},
		{"T1 cedilla", off(false, true, true), []string{"reçu"}, "recu", true, "reçu", []Forgiveness{Accents}},
		{"T1 all whitespace", off(false, true, true), []string{"abcde"}, "a b c d e", true, "abcde", []Forgiveness{Spaces}},
		{"T1 tabs and surrounding spaces", off(false, true, true), []string{"mot de passe"}, "\tmot  de passe ", true, "mot de passe", nil},
		{"T1 keeps punctuation", off(false, true, true), []string{"rendez-vous"}, "rendezvous", false, "rendez-vous", nil},

		// T2: punctuation.
		{"T2 hyphen", off(true, false, true), []string{"rendez-vous"}, "rendezvous", true, "rendez-vous", []Forgiveness{Punctuation}},
		{"T2 apostrophe and dot", off(true, false, true), []string{"l'adresse."}, "ladresse", true, "l'adresse.", []Forgiveness{Punctuation}},
		{"T2 keeps spaces", off(true, false, true), []string{"rendez-vous"}, "rendez vous", false, "rendez-vous", nil},
		{"T2 keeps case", off(true, false, true), []string{"Paris"}, "paris!", false, "Paris", nil},
		{"T2 collapses spaces", off(true, false, true), []string{"bonjour paul"}, "bonjour, - paul", true, "bonjour paul", []Forgiveness{Punctuation}},

		// T2 without T1 on accented words: T2 deletes non-ASCII letters
		// from the answer and the variants alike.
		{"T2 without T1: same accents", off(true, false, true), []string{"Transférer"}, "Transférer", true, "Transférer", nil},
		{"T2 without T1: missing accent refused", off(true, false, true), []string{"Transférer"}, "Transferer", false, "Transférer", nil},
		{"T2 without T1: other accent accepted", off(true, false, true), []string{"Transférer"}, "Transfèrer", true, "Transférer", []Forgiveness{Accents}},
		{"T2 without T1: missing letter accepted", off(true, false, true), []string{"Transférer"}, "Transfrer", true, "Transférer", []Forgiveness{Typo}},
		{"T2 without T1, with T3: missing accent is a typo for Pix", off(true, false, false), []string{"Transférer"}, "Transferer", true, "Transférer", []Forgiveness{Accents}},
		{"T1 and T2: missing accent", all, []string{"Transférer"}, "transferer", true, "Transférer", []Forgiveness{Accents, Case}},

		// T3: edit distance ≤ 0.25 × length of the answer, inclusive.
		{"T3 ratio exactly 0.25", off(true, true, false), []string{"tort"}, "tord", true, "tort", []Forgiveness{Typo}},
		{"T3 ratio 0.33", off(true, true, false), []string{"tort"}, "tor", false, "tort", nil},
		{"T3 uses the answer's length: 2/8", off(true, true, false), []string{"chaton"}, "chatonne", true, "chaton", []Forgiveness{Typo}},
		{"T3 uses the answer's length: 2/6", off(true, true, false), []string{"chatonne"}, "chaton", false, "chatonne", nil},
		{"T3 after T1 and T2", all, []string{"Rendez-vous"}, "rendes vous", true, "Rendez-vous", []Forgiveness{Typo, Case, Spaces, Punctuation}},
		{"T3 off: a typo counts", off(false, false, true), []string{"tort"}, "tord", false, "tort", nil},
		{"T3 closest variant", all, []string{"Répondre", "Transférer"}, "tranferer", true, "Transférer", []Forgiveness{Typo, Accents, Case}},

		// Empty answers.
		{"empty answer, empty variant", all, []string{""}, "", true, "", nil},
		{"empty answer", all, []string{"arobase"}, "", false, "arobase", nil},
		{"blank answer, no tolerance", none, []string{"arobase"}, "   ", false, "arobase", nil},
		{"blank answer, blank variant", none, []string{" "}, "", true, " ", nil},
		{"blank answer never matches a variant erased by T2", all, []string{"@"}, " ", false, "@", nil},
		{"answer erased by T2", all, []string{"arobase"}, "!?", false, "arobase", nil},
		{"sign for a variant erased by T2 (check warns)", all, []string{"@"}, "#", true, "@", []Forgiveness{Punctuation}},
		{"sign, punctuation counted", off(false, true, false), []string{"@", "arobase"}, "#", false, "@", nil},
		{"sign, punctuation counted, right", off(false, true, false), []string{"@", "arobase"}, " @ ", true, "@", nil},

		// Which accepted answer is shown.
		{"variant typed exactly is shown", all, []string{"Transférer", "Transferer"}, "Transferer", true, "Transferer", nil},
		{"author's first on a tie", all, []string{"Transférer", "Transferer"}, "transferer", true, "Transférer", []Forgiveness{Accents, Case}},
		{"a double space is not a remark", all, []string{"mot de passe"}, "mot  de passe", true, "mot de passe", nil},
		{"nearest when wrong", all, []string{"Transférer", "Répondre"}, "Repondu", false, "Répondre", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			q := freeText(lessons.FormatText, c.tol, c.variants...)
			r := Check(q, typed(c.given))
			wantOutcome := Incorrect
			if c.ok {
				wantOutcome = Correct
			}
			if r.Outcome != wantOutcome || len(r.Fields) != 1 {
				t.Fatalf("outcome %s with %d fields, want %s", r.Outcome, len(r.Fields), wantOutcome)
			}
			f := r.Fields[0]
			if f.ID != "reponse" || f.Correct != c.ok || f.Given != c.given || f.Expected != c.expected {
				t.Errorf("field %+v, want correct=%v expected=%q", f, c.ok, c.expected)
			}
			if !slices.Equal(f.Forgiven, c.forgiven) || !slices.Equal(r.Forgiven, c.forgiven) {
				t.Errorf("forgiven %v (summary %v), want %v", f.Forgiven, r.Forgiven, c.forgiven)
			}
		})
	}
}

func TestNumbers(t *testing.T) {
	for _, c := range []struct {
		variants []string
		given    string
		ok       bool
	}{
		{[]string{"25000"}, "00025 000", true},
		{[]string{"25 000"}, "25000", true},
		{[]string{"25000"}, "25\u00a0000", true},
		{[]string{"25000"}, "25\u202f000", true},
		{[]string{"123"}, "123,000", true}, // a decimal comma, not a thousands separator
		{[]string{"123000"}, "123,000", false},
		{[]string{"1.5"}, "1,5", true},
		{[]string{"1,5"}, "1.50", true},
		{[]string{"48,50"}, "48,50 €", true},
		{[]string{"4"}, "4 chiffres", true},
		{[]string{"25000"}, "2 500", false},
		{[]string{"12"}, "douze", false},
		{[]string{"12"}, "12 ou 13", false},
		{[]string{"12"}, "", false},
		{[]string{"12", "13"}, "13", true},
		{[]string{"-3"}, "-3", true},
		// Pix compares texts when a variant is not a number.
		{[]string{"douze"}, "Douze", true},
	} {
		q := freeText(lessons.FormatNumber, nil, c.variants...)
		r := Check(q, typed(c.given))
		if (r.Outcome == Correct) != c.ok {
			t.Errorf("%q against %q: %s, want ok=%v", c.given, c.variants, r.Outcome, c.ok)
		}
		if c.ok && len(r.Forgiven) > 0 && c.variants[0] != "douze" {
			t.Errorf("%q: a number forgives nothing, got %v", c.given, r.Forgiven)
		}
	}
}

func TestSelectField(t *testing.T) {
	q := &lessons.Question{ID: "q", Type: lessons.Fields, Fields: []lessons.Field{
		{ID: "f", Format: lessons.FormatSelect, Options: []string{"orange.fr", "laposte.net"}, Answers: []string{"orange.fr"}},
	}}
	for given, ok := range map[string]bool{"orange.fr": true, "Orange.fr": false, "orange.fr ": false, "laposte.net": false} {
		if r := Check(q, Answer{Fields: map[string]string{"f": given}}); (r.Outcome == Correct) != ok {
			t.Errorf("%q: %s, want ok=%v", given, r.Outcome, ok)
		}
	}
}

// A question built in code with only Answers is read like a loaded one.
func TestFreeTextNotNormalised(t *testing.T) {
	q := &lessons.Question{ID: "q", Type: lessons.FreeText, Answers: []string{"Transférer"}}
	r := Check(q, typed("transferer"))
	if r.Outcome != Correct || r.Fields[0].Expected != "Transférer" {
		t.Errorf("got %+v", r)
	}
}
