package quiz

import (
	"testing"

	"pasapas/lessons"
)

// BenchmarkCheck checks a free-text answer against 10 accepted variants,
// with every tolerance on: the costliest case, since T3 may compute an edit
// distance for each variant. Figures in docs/benchmarks.md.
func BenchmarkCheck(b *testing.B) {
	variants := []string{
		"Transférer", "Transferer", "Faire suivre", "Faire un transfert", "Transfert",
		"Renvoyer", "Envoyer à quelqu'un d'autre", "Partager", "Réexpédier", "Rediriger",
	}
	q := freeText(lessons.FormatText, nil, variants...)
	for _, c := range []struct{ name, given string }{
		{"exact-first", "Transférer"},
		{"typo-last", "rediriqer"},
		{"wrong", "Répondre à tous"},
		{"long-wrong", "Je clique sur le bouton pour répondre à la personne qui m'a écrit ce matin"},
	} {
		a := typed(c.given)
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Check(q, a)
			}
		})
	}
}

// BenchmarkFeedback is the whole path after an answer: check, then words.
func BenchmarkFeedback(b *testing.B) {
	q := question(b, "mail-q-transferer")
	a := typed("tranferer")
	b.ReportAllocs()
	for b.Loop() {
		FeedbackFor(q, Check(q, a), "fr")
	}
}
