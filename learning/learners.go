package learning

import (
	"slices"
	"strings"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"pasapas/fold"
	"pasapas/lessons"
	"pasapas/record"
)

// Alphabetical orders profiles by name as a French reader expects it
// (accents and capitals aside: « Éliane » between « Eddy » and « Fanny »),
// the same on every visit: on a shared PC a learner finds their name
// where they left it. Equal names keep their store order. The list given
// is not changed.
func Alphabetical(list []record.LearnerSummary) []record.LearnerSummary {
	out := slices.Clone(list)
	col := collate.New(language.French, collate.Loose)
	slices.SortStableFunc(out, func(a, b record.LearnerSummary) int {
		return col.CompareString(a.Name, b.Name)
	})
	return out
}

// NameTaken says whether a profile already has this name, accents,
// capitals and surrounding spaces aside: « jean » is « Jean ».
func NameTaken(list []record.LearnerSummary, name string) bool {
	k := fold.Key(name)
	for _, l := range list {
		if fold.Key(l.Name) == k {
			return true
		}
	}
	return false
}

// MatchName says whether a profile's name holds what was typed to find
// it, accents and capitals aside: « hel » finds « Hélène ».
func MatchName(name, typed string) bool {
	return strings.Contains(fold.Key(name), fold.Key(typed))
}

// AlphabeticalWords orders the words of a glossary as a French reader
// looks them up (accents and capitals aside), so a letter typed finds its
// words together. The list given is not changed.
func AlphabeticalWords(list []*lessons.Word) []*lessons.Word {
	out := slices.Clone(list)
	col := collate.New(language.French, collate.Loose)
	slices.SortStableFunc(out, func(a, b *lessons.Word) int { return col.CompareString(a.Word, b.Word) })
	return out
}
