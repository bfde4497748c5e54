package quiz_test

import (
	"fmt"
	"math/rand/v2"
	"time"

	"pasapas/i18n"
	"pasapas/lessons"
	"pasapas/quiz"
)

// How the TUI uses the package after a learner typed « tranferer ».
func Example() {
	lib := lessons.Load(lessons.Options{Today: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)}, lessons.Builtin())
	cat := lib.Catalogue(i18n.FR)
	q := cat.Question("mail-q-transferer")

	// Before answering: the learner asked for one hint.
	hints, more := quiz.Hints(q, 1, i18n.FR)
	fmt.Println(hints[0], "| encore un indice :", more)

	a := quiz.Answer{Fields: map[string]string{"reponse": "tranferer"}, Hints: 1}
	r := quiz.Check(q, a)
	fb := quiz.FeedbackFor(q, r, i18n.FR)
	fmt.Println(fb.Headline())
	for _, note := range fb.Forgiven {
		fmt.Println(note)
	}
	for _, c := range fb.Comments {
		fmt.Println(c.Text)
	}

	// A choice question: the screen shows the choices in a shuffled order,
	// the answer names them by their stable identifiers.
	q = cat.Question("mail-q-arobase")
	p := quiz.Present(q, rand.New(rand.NewPCG(42, 1)))
	fmt.Println(len(p.Choices), "choix mélangés")
	r = quiz.Check(q, quiz.Answer{Choices: []string{"b"}})
	fb = quiz.FeedbackFor(q, r, i18n.FR)
	fmt.Println(fb.Headline())
	for _, c := range fb.Comments {
		fmt.Println(c.Mark, c.About, "→", c.Text)
	}
	fmt.Println(fb.AnswerTitle, fb.Answer[0])
	fmt.Println(fb.Explanation)

	// After a wrong answer, the lessons of the question's acquis.
	next, _ := quiz.Links(cat, q)
	if r.Outcome != quiz.Correct {
		for _, l := range next {
			fmt.Println(quiz.LabelNext.In(i18n.FR), ":", l.Title)
		}
	}
	// Output:
	// Indice 1 sur 2 : Ce n'est pas « Répondre ». | encore un indice : true
	// ✔ Bonne réponse
	// Attention à l'orthographe, aux accents et aux majuscules : « Transférer »
	// Oui. « Transférer » envoie le mail à une autre personne.
	// 3 choix mélangés
	// ✘ Ce n'est pas ça
	// ✘ www.laposte.net → Non. C'est l'adresse d'un site Internet. Il n'y a pas de signe @.
	// La bonne réponse : marie.dupont@laposte.net
	// Le signe @ sépare l'identifiant et le fournisseur.
	// Pour réussir la prochaine fois : Lire et écrire une adresse mail
}
