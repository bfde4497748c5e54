package quiz

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"pasapas/fold"
	"pasapas/lessons"
)

// Free-text answers are compared exactly as Pix compares them
// (research/pix.md §3):
//
//  1. Pre-treatment, always: Unicode NFC, non-breaking and other odd spaces
//     become plain spaces (fold.NFC).
//  2. T1 (fold.T1) then T2 (fold.T2), each when on, applied to the answer
//     and to every accepted variant.
//  3. With T3 on, the answer is accepted when, for at least one variant,
//     Levenshtein(answer, variant) ≤ 0.25 × the length of the answer
//     (inclusive; length in characters after the treatments). An empty
//     answer only matches an empty variant. With T3 off, the answer must
//     equal a variant.
//
// One addition of ours: an answer left blank is never accepted unless a
// variant is blank too. Pix would accept it when T2 reduces a variant to
// nothing (a variant "@"); "pasapas check" warns about such variants, and a
// learner who typed nothing is not told "Bonne réponse".

// tolerances are the Pix tolerances of one field, all on unless the author
// switched one off.
type tolerances struct{ t1, t2, t3 bool }

func tolerancesOf(t *lessons.Tolerances) tolerances {
	on := func(b *bool) bool { return b == nil || *b }
	if t == nil {
		return tolerances{true, true, true}
	}
	return tolerances{on(t.CaseAccents), on(t.Punctuation), on(t.Typos)}
}

// treat applies T1 then T2, in Pix's order, to a pre-treated text.
func (t tolerances) treat(s string) string {
	if t.t1 {
		s = fold.T1(s)
	}
	if t.t2 {
		s = fold.T2(s)
	}
	return s
}

// closeEnough is Pix's T3 rule on treated texts: the edit distance is at
// most a quarter of the answer's length, bound included. It is written in
// integers (4d ≤ n) so that the edge 0.25 is exact.
func closeEnough(answer, variant string) (int, bool) {
	n := utf8.RuneCountInString(answer)
	if n == 0 {
		return 0, variant == ""
	}
	// The distance is at least the difference of lengths: skip the
	// quadratic work when that alone is too much.
	if diff := n - utf8.RuneCountInString(variant); 4*max(diff, -diff) > n {
		return 0, false
	}
	d := fold.Distance(answer, variant)
	return d, 4*d <= n
}

// accepted reports which variants accept the typed text under the
// tolerances: one flag per variant.
func accepted(given string, variants []string, tol tolerances) []bool {
	ok := make([]bool, len(variants))
	pre := fold.NFC(given)
	if blank(pre) {
		for i, v := range variants {
			ok[i] = blank(fold.NFC(v))
		}
		return ok
	}
	a := tol.treat(pre)
	for i, v := range variants {
		tv := tol.treat(fold.NFC(v))
		if tol.t3 {
			_, ok[i] = closeEnough(a, tv)
		} else {
			ok[i] = a == tv
		}
	}
	return ok
}

func blank(s string) bool { return strings.TrimFunc(s, unicode.IsSpace) == "" }

// number reads a number as a French person types it (fold.Number), and
// also when a unit follows it: "48,50 €", "4 chiffres", "12 ans". Pix reads
// numbers with parseFloat, which ignores what follows the number too; unlike
// parseFloat, a tail that holds a digit is not ignored ("12 ou 13" is not a
// number).
func number(s string) (float64, bool) {
	if x, ok := fold.Number(s); ok {
		return x, true
	}
	last := strings.LastIndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' })
	if last < 0 || last == len(s)-1 {
		return 0, false
	}
	return fold.Number(s[:last+1])
}

// acceptedNumbers compares numbers when the typed text and every variant
// are numbers, as Pix does for a "nombre" field. ok is false when the
// comparison cannot be numeric; the caller then compares texts.
func acceptedNumbers(given string, variants []string) (flags []bool, ok bool) {
	a, ok := number(fold.NFC(given))
	if !ok || len(variants) == 0 {
		return nil, false
	}
	flags = make([]bool, len(variants))
	for i, v := range variants {
		x, isNum := number(fold.NFC(v))
		if !isNum {
			return nil, false
		}
		flags[i] = x == a
	}
	return flags, true
}

// fieldMatch is the verdict of one typed text against one list of
// variants: whether it is accepted, and which variant to show.
type fieldMatch struct {
	ok       bool
	expected int // index of the variant to show, -1 if there is none
	textual  bool
}

// matchField checks a typed text against the variants of a field, by the
// rules of its format.
func matchField(format string, tol *lessons.Tolerances, given string, variants []string) fieldMatch {
	if len(variants) == 0 {
		return fieldMatch{expected: -1}
	}
	var flags []bool
	textual := false
	switch format {
	case lessons.FormatSelect:
		// A choice in a list: no tolerance applies (as Pix's "select").
		flags = accepted(given, variants, tolerances{})
	case lessons.FormatNumber:
		var ok bool
		if flags, ok = acceptedNumbers(given, variants); !ok {
			flags, textual = accepted(given, variants, tolerancesOf(tol)), true
		}
	default:
		flags, textual = accepted(given, variants, tolerancesOf(tol)), true
	}
	return fieldMatch{ok: anyTrue(flags), expected: showVariant(given, variants, flags), textual: textual}
}

func anyTrue(flags []bool) bool {
	for _, f := range flags {
		if f {
			return true
		}
	}
	return false
}

// showVariant picks the accepted answer to show beside what was typed.
// Among the accepting variants (or all of them when none accepts): one
// written exactly as typed first, so that nothing is reported as forgiven
// when the author listed that very spelling; otherwise the one nearest to
// what was typed once case, accents, spaces and punctuation are set aside,
// the author's first on a tie. A blank answer is shown the author's first
// variant.
func showVariant(given string, variants []string, flags []bool) int {
	candidate := func(i int) bool { return flags[i] }
	if !anyTrue(flags) {
		candidate = func(int) bool { return true }
	}
	g := baseForm(given)
	if g == "" {
		for i := range variants {
			if candidate(i) {
				return i
			}
		}
		return -1
	}
	bases := make([]string, len(variants))
	for i, v := range variants {
		if candidate(i) {
			if bases[i] = baseForm(v); bases[i] == g {
				return i
			}
		}
	}
	best, bestD := -1, 0
	gl := foldAll(g)
	for i := range variants {
		if !candidate(i) {
			continue
		}
		d := fold.Distance(gl, foldAll(bases[i]))
		if best < 0 || d < bestD {
			best, bestD = i, d
		}
	}
	return best
}
