package lessons

import (
	"regexp"
	"strings"
	"time"

	"pasapas/i18n"
)

// Provenance: where a lesson's or a bank question's facts come from, and
// whether someone read that source. A date (verifie_le) says the source was
// read that day; a source not read yet says so (a_verifier) and has no date.

// sourceMessages are the problems about sources. They join plainMessages
// (see init), so Diagnostic.Message finds them without a table of its own.
var sourceMessages = i18n.Table{
	"source_no_date": {
		FR: "Il manque la clé « verifie_le » : la date où vous avez lu cette source. Si vous ne l'avez pas lue, écrivez « a_verifier: true » à la place.",
		EN: "The key “verifie_le” is missing: the date you read this source. If you have not read it, write “a_verifier: true” instead.",
	},
	"source_date_unread": {
		FR: "Cette source est « a_verifier » mais a une date « verifie_le » : une date dit que la source a été lue. Enlevez la date, ou enlevez « a_verifier » si vous l'avez lue.",
		EN: "This source is “a_verifier” but has a “verifie_le” date: a date says the source was read. Remove the date, or remove “a_verifier” if you read it.",
	},
	"source_unverified": {
		FR: "Cette source n'a pas encore été lue (« a_verifier ») : lisez-la, puis écrivez la date dans « verifie_le » et enlevez « a_verifier ».",
		EN: "This source has not been read yet (“a_verifier”): read it, then write the date in “verifie_le” and remove “a_verifier”.",
	},
	"fact_no_source": {
		FR: "Cette question donne un prix, un délai, un numéro ou une date (« %s ») sans source : ajoutez « sources », avec la date où vous l'avez lue.",
		EN: "This question gives a price, a delay, a phone number or a date (“%s”) with no source: add “sources”, with the date you read it.",
	},
}

func init() { joinMessages(sourceMessages) }

// joinMessages adds a table of codes to plainMessages, where Diagnostic
// looks up the codes it does not find among the loader's messages. Each
// rule keeps its messages beside it; a code given twice is a mistake.
func joinMessages(t i18n.Table) {
	for code, text := range t {
		if _, dup := plainMessages[code]; dup {
			panic("lessons: message code given twice: " + code)
		}
		plainMessages[code] = text
	}
}

// sources checks what the decoder cannot: a source has a date if and only
// if it was read. Errors: the item is left out until it says the truth.
func (v *validator) sources(item *Meta, list []Source) {
	for i := range list {
		s := &list[i]
		switch {
		case s.ToCheck && s.Has("verifie_le"):
			v.errorf(item, s.At("verifie_le"), "source_date_unread")
		case !s.ToCheck && !s.Has("verifie_le") && !s.Broken():
			v.errorf(item, s.Pos, "source_no_date")
		}
	}
}

// checkSourceList warns about sources not read yet, and about sources read
// more than a year before today: procedures and prices change.
func checkSourceList(c *collector, list []Source, today time.Time) {
	limit := today.AddDate(-1, 0, 0)
	for i := range list {
		s := &list[i]
		checkSourceFacts(c, s, today)
		switch {
		case s.ToCheck:
			c.warnf(s.At("a_verifier"), "source_unverified")
		case !s.Checked.IsZero() && s.Checked.Before(limit):
			c.warnf(s.At("verifie_le"), "stale_source", s.Checked.String())
		}
	}
}

// A fact that goes out of date: a price, a delay, a phone number. Found in
// the texts a learner reads (not in mock screens, which imitate messages,
// scams included).
var (
	factPrice = regexp.MustCompile(`(?i)\b\d+(?:[,.]\d+)?[\s\x{a0}\x{202f}]?(?:€|euros?\b|eur\b)|€[\s\x{a0}]?\d+(?:[,.]\d+)?`)
	factDelay = regexp.MustCompile(`(?i)\b\d+[\s\x{a0}\x{202f}]?(?:(?:jours?|heures?|semaines?|mois|ans|minutes?|days?|hours?|weeks?|months?|years?)\b|années?)`)
	// A phone number: ten digits in pairs, a 0 800 number, two groups of
	// three (116 117), a short service number of 4 or 5 digits starting
	// with 3 (3237, 33700), or an emergency number after « le », « au »,
	// "call".
	factPhone = regexp.MustCompile(`\b(?:0\d(?:[ .]?\d{2}){4}|0 ?[89]\d{2}(?: \d{3}){2}|\d{3} \d{3}|3\d{3,4})\b|(?i:\b(?:le|au|the|call|dial)\s+(?:15|17|18|112|114|115|119)\b)`)
)

// factDate is a dated event: « le 5 mai 2025 », « depuis le 1er janvier
// 2024 », "on 5 May 2025". A bare « mars 2025 » (a file's name) is not one.
var factDate = regexp.MustCompile(`(?i)\b(?:le|on|since)\s+\d{1,2}(?:er|st|nd|rd|th)?\s+(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{4}\b`)

// factIn returns the first price, delay, phone number or date of a text, or "".
func factIn(text string) string {
	// Every fact holds a digit; most texts hold none, and the four
	// expressions (backtracking on \b) were a third of the start-up.
	if !strings.ContainsAny(text, "0123456789") {
		return ""
	}
	best, at := "", len(text)+1
	for _, re := range []*regexp.Regexp{factPrice, factDelay, factPhone, factDate} {
		if loc := re.FindStringIndex(text); loc != nil && loc[0] < at {
			best, at = text[loc[0]:loc[1]], loc[0]
		}
	}
	return best
}

// questionFact returns the first dated fact a bank question states, or "".
func questionFact(q *Question) string {
	fact := ""
	walkQuestion(q, func(f textField) {
		if fact == "" {
			fact = factIn(f.text)
		}
	})
	if fact == "" {
		for _, a := range q.Answers {
			if fact = factIn(a); fact != "" {
				break
			}
		}
	}
	return fact
}

// checkQuestionSources wants a bank question that states a price, a delay
// or a phone number to say where it comes from.
func checkQuestionSources(c *collector, q *Question, today time.Time) {
	checkSourceList(c, q.Sources, today)
	if len(q.Sources) > 0 {
		return
	}
	if fact := questionFact(q); fact != "" {
		c.warnf(q.At("id"), "fact_no_source", fact)
	}
}
