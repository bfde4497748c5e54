package quiz

import (
	"slices"
	"strings"
	"testing"

	"pasapas/i18n"
	"pasapas/lessons"
)

func TestHeadlines(t *testing.T) {
	q := question(t, "mail-q-cci")
	for _, c := range []struct {
		a        Answer
		lang     i18n.Lang
		headline string
	}{
		{Answer{Choices: []string{"c"}}, i18n.FR, "✔ Bonne réponse"},
		{Answer{Choices: []string{"a"}}, i18n.FR, "✘ Ce n'est pas ça"},
		{Answer{Skipped: true}, i18n.FR, "Vous avez passé cette question"},
		{Answer{Choices: []string{"c"}}, i18n.EN, "✔ Right answer"},
		{Answer{Choices: []string{"a"}}, i18n.EN, "✘ That's not it"},
		{Answer{Skipped: true}, i18n.EN, "You skipped this question"},
	} {
		fb := FeedbackFor(q, Check(q, c.a), c.lang)
		if fb.Headline() != c.headline {
			t.Errorf("%+v in %s: %q, want %q", c.a, c.lang, fb.Headline(), c.headline)
		}
	}
}

func TestFeedbackPerType(t *testing.T) {
	for _, c := range []struct {
		name        string
		id          string
		a           Answer
		comments    []Comment
		forgiven    []string
		answerTitle string
		answer      []string
	}{
		{
			name: "single choice, per-choice retour, wrong",
			id:   "mail-q-arobase", a: Answer{Choices: []string{"b"}},
			comments:    []Comment{{MarkWrong, "www.laposte.net", "Non. C'est l'adresse d'un site Internet. Il n'y a pas de signe @."}},
			answerTitle: "La bonne réponse :", answer: []string{"marie.dupont@laposte.net"},
		},
		{
			name: "single choice, per-choice retour, right",
			id:   "mail-q-arobase", a: Answer{Choices: []string{"a"}},
			comments: []Comment{{MarkRight, "marie.dupont@laposte.net", "Oui. Une adresse mail a toujours le signe @ au milieu."}},
		},
		{
			name: "single choice, global retour, wrong",
			id:   "mail-q-cci", a: Answer{Choices: []string{"b"}},
			comments:    []Comment{{"", "", "C'est « Cci ». Avec « À » ou « Cc », tout le monde voit toutes les adresses."}},
			answerTitle: "La bonne réponse :", answer: []string{"Dans « Cci »."},
		},
		{
			name: "multiple choice: only the chosen choices are commented",
			id:   "mail-q-bien-ecrite", a: Answer{Choices: []string{"a", "c"}},
			comments: []Comment{
				{MarkRight, "Un seul signe @.", "Oui. Une adresse a un seul @."},
				{MarkWrong, "Des accents sur les lettres.", "Non. Une adresse mail n'a pas d'accent."},
			},
			answerTitle: "Les bonnes réponses :", answer: []string{"Un seul signe @.", "Pas d'espace."},
		},
		{
			name: "true or false: every statement is commented",
			id:   "mail-q-signes", a: Answer{Truth: map[string]bool{"urgence": true, "banque": false, "logo": false}},
			comments: []Comment{
				{MarkRight, "Le message vous presse d'agir tout de suite.", "Vrai. L'urgence est un piège fréquent."},
				{MarkWrong, "Le message demande votre carte bancaire ou votre mot de passe.", "Vrai. Un mail qui demande cela est une arnaque."},
				{MarkRight, "Le message a un beau logo, donc il est vrai.", "Faux. Un logo se copie facilement."},
			},
			answerTitle: "Les bonnes réponses :", answer: []string{
				"Vrai : Le message vous presse d'agir tout de suite.",
				"Vrai : Le message demande votre carte bancaire ou votre mot de passe.",
				"Faux : Le message a un beau logo, donc il est vrai.",
			},
		},
		{
			name: "free text right with a typo and no accent",
			id:   "mail-q-transferer", a: typed("tranferer"),
			comments: []Comment{{"", "", "Oui. « Transférer » envoie le mail à une autre personne."}},
			forgiven: []string{"Attention à l'orthographe, aux accents et aux majuscules : « Transférer »"},
		},
		{
			name: "free text wrong",
			id:   "mail-q-transferer", a: typed("Répondre"),
			comments:    []Comment{{"", "", "C'est « Transférer ». « Répondre » écrit seulement à l'expéditeur."}},
			answerTitle: "La bonne réponse :", answer: []string{"Transférer"},
		},
		{
			name: "fields wrong",
			id:   "mail-q-parties", a: Answer{Fields: map[string]string{"identifiant": "Paul.Martin", "fournisseur": "orange"}},
			comments:    []Comment{{"", "", "L'identifiant est « paul.martin ». Le fournisseur est « orange.fr »."}},
			answerTitle: "Les bonnes réponses :", answer: []string{"L'identifiant (avant @) : paul.martin", "Le fournisseur (après @) : orange.fr"},
			forgiven: []string{"Attention aux majuscules : « paul.martin »"},
		},
		{
			name: "order wrong",
			id:   "mail-q-envoyer-etapes", a: Answer{Order: []string{"remplir", "nouveau", "envoyer", "envoyes"}},
			comments:    []Comment{{"", "", "L'ordre est : un nouveau message, l'adresse, l'objet et le texte, « Envoyer », puis « Envoyés »."}},
			answerTitle: "Le bon ordre :", answer: []string{
				"1. J'ouvre un nouveau message.",
				"2. J'écris l'adresse, l'objet et mon message.",
				"3. J'appuie sur « Envoyer ».",
				"4. Je regarde dans « Envoyés » que le mail est parti.",
			},
		},
		{
			name: "association skipped",
			id:   "mail-q-parties-b", a: Answer{Skipped: true},
			answerTitle: "Ce qui va ensemble :", answer: []string{
				"lucie.bernard : L'identifiant",
				"@ : L'arobase",
				"laposte.net : Le fournisseur",
			},
		},
		{
			name: "true or false skipped: comments without marks",
			id:   "mail-adresse-c1", a: Answer{Skipped: true},
			comments: []Comment{
				{"", "Toutes les adresses mail finissent par gmail.com.", "Il existe beaucoup de fournisseurs, par exemple laposte.net ou outlook.fr."},
				{"", "Une adresse mail a un seul signe @.", "Oui. Le signe @ sépare l'identifiant et le fournisseur."},
			},
			answerTitle: "Les bonnes réponses :", answer: []string{
				"Faux : Toutes les adresses mail finissent par gmail.com.",
				"Vrai : Une adresse mail a un seul signe @.",
			},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			q := question(t, c.id)
			fb := FeedbackFor(q, Check(q, c.a), i18n.FR)
			if !slices.Equal(fb.Comments, c.comments) {
				t.Errorf("comments\n got %q\nwant %q", fb.Comments, c.comments)
			}
			if !slices.Equal(fb.Forgiven, c.forgiven) {
				t.Errorf("forgiven %q, want %q", fb.Forgiven, c.forgiven)
			}
			if fb.AnswerTitle != c.answerTitle || !slices.Equal(fb.Answer, c.answer) {
				t.Errorf("answer %q %q, want %q %q", fb.AnswerTitle, fb.Answer, c.answerTitle, c.answer)
			}
			if fb.Explanation != q.Explanation {
				t.Errorf("explanation %q", fb.Explanation)
			}
		})
	}
}

func TestForgivenNotes(t *testing.T) {
	for _, c := range []struct {
		variant, given string
		lang           i18n.Lang
		want           string
	}{
		{"rendez-vous", "rendes-vous", i18n.FR, "Attention à l'orthographe : « rendez-vous »"},
		{"rendez-vous", "rendes-vous", i18n.EN, "Careful with spelling: “rendez-vous”"},
		{"Réponse", "reponse", i18n.FR, "Attention aux accents et aux majuscules : « Réponse »"},
		{"rendez-vous", "rendez vous", i18n.FR, "Attention aux espaces et à la ponctuation : « rendez-vous »"},
		{"Rendez-vous", "rendes vous", i18n.FR, "Attention à l'orthographe, aux majuscules, aux espaces et à la ponctuation : « Rendez-vous »"},
		{"Rendez-vous", "rendes vous", i18n.EN, "Careful with spelling, capital letters, spaces and punctuation: “Rendez-vous”"},
	} {
		q := freeText(lessons.FormatText, nil, c.variant)
		fb := FeedbackFor(q, Check(q, typed(c.given)), c.lang)
		if fb.Outcome != Correct || len(fb.Forgiven) != 1 || fb.Forgiven[0] != c.want {
			t.Errorf("%q for %q: %s %q, want %q", c.given, c.variant, fb.Outcome, fb.Forgiven, c.want)
		}
	}
}

// Per-choice retours win if a question built in code also has a global one
// (the content checker refuses that).
func TestFeedbackBothPrefersPerChoice(t *testing.T) {
	q := &lessons.Question{Type: lessons.SingleChoice,
		Choices:  []lessons.Choice{{ID: "a", Text: "A", Correct: true, Feedback: "Oui."}, {ID: "b", Text: "B", Feedback: "Non."}},
		Feedback: &lessons.Feedback{Right: "Bravo.", Wrong: "Dommage."},
	}
	fb := FeedbackFor(q, Check(q, Answer{Choices: []string{"b"}}), i18n.FR)
	if len(fb.Comments) != 1 || fb.Comments[0].Text != "Non." {
		t.Errorf("comments %q", fb.Comments)
	}
}

func TestHints(t *testing.T) {
	q := question(t, "mail-q-transferer") // 2 hints
	for _, c := range []struct {
		shown int
		lang  i18n.Lang
		lines []string
		more  bool
	}{
		{0, i18n.FR, nil, true},
		{1, i18n.FR, []string{"Indice 1 sur 2 : Ce n'est pas « Répondre »."}, true},
		{2, i18n.FR, []string{"Indice 1 sur 2 : Ce n'est pas « Répondre ».", "Indice 2 sur 2 : Ce bouton envoie le mail reçu à une autre personne."}, false},
		{5, i18n.FR, []string{"Indice 1 sur 2 : Ce n'est pas « Répondre ».", "Indice 2 sur 2 : Ce bouton envoie le mail reçu à une autre personne."}, false},
		{-1, i18n.FR, nil, true},
		{1, i18n.EN, []string{"Hint 1 of 2: Ce n'est pas « Répondre »."}, true},
	} {
		lines, more := Hints(q, c.shown, c.lang)
		if !slices.Equal(lines, c.lines) || more != c.more {
			t.Errorf("Hints(%d, %s) = %q, %v; want %q, %v", c.shown, c.lang, lines, more, c.lines, c.more)
		}
	}
	if lines, more := Hints(question(t, "mail-q-parties-b"), 1, i18n.FR); lines != nil || more {
		t.Errorf("no hints: %q %v", lines, more)
	}
}

// Every word the learner reads exists in French and in English.
func TestWordsInBothLanguages(t *testing.T) {
	for code, text := range words {
		if text.FR == "" || text.EN == "" || strings.Contains(text.FR, "%") != strings.Contains(text.EN, "%") {
			t.Errorf("%s: %+v", code, text)
		}
	}
	for _, l := range []Label{LabelSkip, LabelHint, LabelTrue, LabelFalse, LabelNext, LabelMore} {
		if got := l.In(i18n.FR); got == "" || strings.HasPrefix(got, "[") {
			t.Errorf("label %s: %q", l, got)
		}
	}
	for _, k := range kindsInOrder {
		if k.Text(i18n.FR) == "" || k.Text(i18n.EN) == "" || strings.HasPrefix(k.Text(i18n.FR), "[") {
			t.Errorf("kind %s has no words", k)
		}
	}
	if LabelSkip.In(i18n.FR) != "Je ne sais pas" || Typo.Text(i18n.FR) != "l'orthographe" {
		t.Errorf("labels: %q, %q", LabelSkip.In(i18n.FR), Typo.Text(i18n.FR))
	}
}
