package quiz

import (
	"strings"

	"pasapas/i18n"
)

// words are every word the learner reads from this package: short
// sentences, kind, no jargon (FALC), in French and English.
var words = i18n.Table{
	"headline_correct":   {FR: "Bonne réponse", EN: "Right answer"},
	"headline_incorrect": {FR: "Ce n'est pas ça", EN: "That's not it"},
	"headline_skipped":   {FR: "Vous avez passé cette question", EN: "You skipped this question"},

	"answer_one":   {FR: "La bonne réponse :", EN: "The right answer:"},
	"answer_many":  {FR: "Les bonnes réponses :", EN: "The right answers:"},
	"answer_order": {FR: "Le bon ordre :", EN: "The right order:"},
	"answer_pairs": {FR: "Ce qui va ensemble :", EN: "What goes together:"},

	"line_labelled": {FR: "%s : %s", EN: "%s: %s"},
	"line_step":     {FR: "%d. %s", EN: "%d. %s"},

	"forgive_typo":        {FR: "l'orthographe", EN: "spelling"},
	"forgive_accents":     {FR: "les accents", EN: "accents"},
	"forgive_case":        {FR: "les majuscules", EN: "capital letters"},
	"forgive_spaces":      {FR: "les espaces", EN: "spaces"},
	"forgive_punctuation": {FR: "la ponctuation", EN: "punctuation"},

	// After « Attention » in French, each kind takes its own preposition.
	"watch_typo":        {FR: "à l'orthographe", EN: "spelling"},
	"watch_accents":     {FR: "aux accents", EN: "accents"},
	"watch_case":        {FR: "aux majuscules", EN: "capital letters"},
	"watch_spaces":      {FR: "aux espaces", EN: "spaces"},
	"watch_punctuation": {FR: "à la ponctuation", EN: "punctuation"},
	"watch":             {FR: "Attention %s : %s", EN: "Careful with %s: %s"},
	"and":               {FR: "et", EN: "and"},

	"hint": {FR: "Indice %d sur %d : %s", EN: "Hint %d of %d: %s"},

	string(LabelSkip):  {FR: "Je ne sais pas", EN: "I don't know"},
	string(LabelHint):  {FR: "Voir un indice", EN: "Show a hint"},
	string(LabelTrue):  {FR: "Vrai", EN: "True"},
	string(LabelFalse): {FR: "Faux", EN: "False"},
	string(LabelNext):  {FR: "Pour réussir la prochaine fois", EN: "To succeed next time"},
	string(LabelMore):  {FR: "Pour en savoir plus", EN: "To learn more"},
}

// Label is a word of the quiz screen that the TUI shows as it is.
type Label string

// The quiz screen's labels.
const (
	LabelSkip  Label = "label_skip"  // the button to skip: « Je ne sais pas »
	LabelHint  Label = "label_hint"  // the button to reveal a hint
	LabelTrue  Label = "label_true"  // « Vrai »
	LabelFalse Label = "label_false" // « Faux »
	LabelNext  Label = "label_next"  // title of the lessons of the question's acquis
	LabelMore  Label = "label_more"  // title of the lessons to read further
)

// In returns the label in a language.
func (l Label) In(lang i18n.Lang) string { return words.Format(lang, string(l)) }

// list joins items as a sentence does: "a, b et c".
func list(l i18n.Lang, items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " " + words.Format(l, "and") + " " + items[len(items)-1]
}
