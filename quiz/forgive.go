package quiz

import (
	"slices"
	"strings"
	"unicode"

	"pasapas/fold"
	"pasapas/i18n"
)

// Forgiveness is one kind of difference the checker forgave between what
// was typed and the accepted answer. Its values are stable words.
type Forgiveness string

// The kinds of difference, most important first: the order in which they
// are listed and told.
const (
	Typo        Forgiveness = "typo"        // a letter missing, extra, swapped or wrong
	Accents     Forgiveness = "accents"     // accents or cedillas missing or different
	Case        Forgiveness = "case"        // capital or small letters
	Spaces      Forgiveness = "spaces"      // spaces missing or extra
	Punctuation Forgiveness = "punctuation" // hyphens, apostrophes, dots, signs
)

var kindsInOrder = []Forgiveness{Typo, Accents, Case, Spaces, Punctuation}

// Text names the kind of difference in plain words: « l'orthographe ».
func (f Forgiveness) Text(l i18n.Lang) string { return words.Format(l, "forgive_"+string(f)) }

// The tolerances decide whether an answer is accepted; this file says,
// separately, what was different, so the learner can be told kindly.
// Describing the difference rather than which tolerance fired keeps the
// message honest: with T1 off and T3 on, "paris" for "Paris" is accepted as
// a typo by Pix's rules, but what the learner should watch is the capital
// letter.
//
// The analysis compares the typed text and the accepted answer through
// finer folds than Pix's treatments, one per kind. Everything folded, any
// distance left is a typo. A kind was forgiven when not folding it makes the
// two texts further apart.

// aspect is a set of differences to fold away.
type aspect uint8

const (
	foldAccents aspect = 1 << iota
	foldCase
	foldSpaces
	foldPunct
	foldEverything = foldAccents | foldCase | foldSpaces | foldPunct
)

var aspectOf = map[Forgiveness]aspect{Accents: foldAccents, Case: foldCase, Spaces: foldSpaces, Punctuation: foldPunct}

// baseForm is a text as it reads: composed, odd spaces made plain, no
// surrounding spaces, and runs of spaces made one. A double space between
// words is not worth a remark.
func baseForm(s string) string {
	return strings.Join(strings.Fields(fold.NFC(s)), " ")
}

// foldAway removes the chosen aspects from a text in base form.
func foldAway(s string, a aspect) string {
	if a&foldAccents != 0 {
		s = fold.Accents(s)
	}
	if a&foldCase != 0 {
		s = strings.ToLower(s)
	}
	if a&foldPunct != 0 {
		// Unicode-aware, unlike T2: an accented letter is a letter here.
		s = strings.Map(func(r rune) rune {
			if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsSpace(r) {
				return r
			}
			return -1
		}, s)
		s = strings.Join(strings.Fields(s), " ")
	}
	if a&foldSpaces != 0 {
		s = strings.Map(dropSpace, s)
	}
	return s
}

func dropSpace(r rune) rune {
	if unicode.IsSpace(r) {
		return -1
	}
	return r
}

func foldAll(s string) string { return foldAway(s, foldEverything) }

// forgiven lists the kinds of difference between a typed text and the
// accepted answer it matched, in kindsInOrder.
func forgiven(given, expected string) []Forgiveness {
	g, e := baseForm(given), baseForm(expected)
	if g == e {
		return nil
	}
	rest := fold.Distance(foldAll(g), foldAll(e))
	var out []Forgiveness
	if rest > 0 {
		out = append(out, Typo)
	}
	for _, k := range kindsInOrder[1:] {
		without := foldEverything &^ aspectOf[k]
		if fold.Distance(foldAway(g, without), foldAway(e, without)) > rest {
			out = append(out, k)
		}
	}
	if out == nil {
		// Only a difference that no fold isolates, such as a space next to
		// a removed sign: call it what it looks like.
		out = []Forgiveness{Typo}
	}
	return out
}

// union merges kinds of difference, each once, in kindsInOrder.
func union(lists ...[]Forgiveness) []Forgiveness {
	var out []Forgiveness
	for _, k := range kindsInOrder {
		for _, l := range lists {
			if slices.Contains(l, k) {
				out = append(out, k)
				break
			}
		}
	}
	return out
}
