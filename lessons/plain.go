package lessons

import (
	"time"

	"pasapas/i18n"
)

// plainMessages are the warnings about readability and trust. Each says what
// is wrong and what to do, in the words of docs/regles-de-redaction.md.
var plainMessages = i18n.Table{
	"no_sources":   {FR: "La leçon ne cite aucune source : ajoutez « sources » avec la date de vérification.", EN: "The lesson cites no source: add “sources” with the date they were checked."},
	"stale_source": {FR: "Cette source a été vérifiée le %s, il y a plus d'un an : vérifiez-la de nouveau.", EN: "This source was checked on %s, more than a year ago: check it again."},
	"long_sentence": {
		FR: "Cette phrase a %d mots : coupez-la en deux (20 mots au plus). Elle commence par « %s ».",
		EN: "This sentence has %d words: split it in two (20 words at most). It starts with “%s”.",
	},
	"many_actions": {
		FR: "Cette étape demande %d actions (« %s », puis « %s ») : gardez une seule action, et faites une autre étape pour la suite.",
		EN: "This step asks for %d actions (“%s”, then “%s”): keep one action, and make another step for the rest.",
	},
	"jargon": {
		FR: "« %s » est un mot difficile : expliquez-le dans le « vocabulaire » de la leçon, avec une définition simple.",
		EN: "“%s” is a hard word: explain it in the lesson's “vocabulaire”, with a simple definition.",
	},
	"jargon_bank": {
		FR: "« %s » est un mot difficile : expliquez-le dans le glossaire, ou dans le « vocabulaire » d'une leçon de l'acquis « %s ».",
		EN: "“%s” is a hard word: explain it in the glossary, or in the “vocabulaire” of a lesson of the skill “%s”.",
	},
	"two_names": {
		FR: "« %s » et « %s » (ligne %d) nomment la même chose : gardez toujours le même mot.",
		EN: "“%s” and “%s” (line %d) name the same thing: always use the same word.",
	},
	"markdown": {
		FR: "« %s » n'est pas une mise en forme que le tuteur affiche : ce texte sera montré tel quel. Le tuteur affiche le **gras**, l'*italique*, les listes (« - » ou « 1. » en début de ligne) et les retours à la ligne.",
		EN: "“%s” is not formatting the tutor shows: this text will be shown as typed. The tutor shows **bold**, *italics*, lists (“- ” or “1. ” at the start of a line) and line breaks.",
	},
	"markdown_unclosed": {
		FR: "Un « ** » n'est pas refermé : il sera montré tel quel. Mettez le texte en gras entre deux « ** », par exemple « Appuyez sur **Envoyer** ».",
		EN: "A “**” is not closed: it will be shown as typed. Put bold text between two “**”, for example “Press **Send**”.",
	},
	"vocab_synonym": {
		FR: "Le vocabulaire donne « %s » comme autre façon de dire « %s » : dans la leçon, écrivez toujours « %s ».",
		EN: "The vocabulary lists “%s” as another way to say “%s”: in the lesson, always write “%s”.",
	},
}

// checkPlainLanguage looks for what makes content hard to read or to trust:
// long sentences, steps with several actions, hard words left unexplained,
// one thing named two ways, missing or old sources. Its findings are
// warnings: the content still loads, and "pasapas check --strict" makes them
// errors.
//
// Each catalogue is checked in its own language only: the English catalogue
// holds the French items not yet translated, which the French catalogue
// checks.
func checkPlainLanguage(c *collector, cat *Catalogue, today time.Time) {
	pc := newPlainChecker(c, cat)
	for _, l := range cat.Lessons {
		if l.Lang != cat.Lang {
			continue // checked with its own language
		}
		checkSources(c, l, today)
		checkLessonRules(c, cat, l)
		pc.lesson(l)
	}
	for _, q := range cat.Questions {
		if q.Lang != cat.Lang {
			continue
		}
		checkQuestionSources(c, q, today)
		pc.bankQuestion(q)
	}
	pc.referentiel()
	checkFairness(c, cat)
	checkMarkdown(c, cat)
}

// checkSources wants every lesson to say where its facts come from, read
// less than a year ago: procedures and prices change.
func checkSources(c *collector, l *Lesson, today time.Time) {
	if len(l.Sources) == 0 {
		c.warnf(l.At("lecon"), "no_sources")
		return
	}
	checkSourceList(c, l.Sources, today)
}
