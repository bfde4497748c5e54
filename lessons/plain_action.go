package lessons

import (
	"strings"

	"pasapas/i18n"
)

// One action per step.
//
// A step's "action" should ask for one thing (research/content.md §1.6 and
// §2.3): "Appuyez sur Envoyer." A learner who must open, then tap, then type
// in the same step loses the thread, and the "resultat" cannot say what they
// should see after each move.
//
// The rule counts the verbs in the imperative that begin a clause: at the
// start of a sentence, after a comma, a colon or a semicolon, and after "et",
// "puis", "ensuite", "alors", "enfin", "mais" (and "ne"/"n'" with its
// pronouns: "Ne le donnez pas"). Two or more give a warning:
//
//	Ouvrez l'application puis appuyez sur Profil.   2 actions
//	Cliquez sur Écrire et tapez l'adresse.          2 actions
//	Ouvrez l'application. Appuyez sur Profil.       2 actions
//	Vérifiez que vous avez reçu le code.            1 (« avez » follows « vous »)
//	Si vous voyez une croix, appuyez dessus.        1 (« voyez » follows « vous »)
//	Appuyez sur « Connectez-vous ».                 1 (a label in quotes is not an order)
//	Appuyez sur Entrée ou cliquez sur OK.           1 (after « ou », a choice, not a second action)
//	Voulez-vous continuer ? Appuyez sur Oui.        1 (a question is not an order)
//	Appuyez sur l'icône et maintenez le doigt.      1 (pressing and holding is one gesture)
//
// In French the imperative of "vous" ends in -ez (Appuyez, Ouvrez,
// Choisissez, Écrivez, Allez), with "faites" and "dites" besides. A word in
// -ez that begins a clause is almost always one: nouns in -ez are short
// ("nez", "chez", "rez") or listed below. In English, imperatives have no
// ending to see, so a list of the verbs steps use is matched instead.
//
// Verbs in the infinitive ("Ouvrir l'application et appuyer…") are not
// counted: they are nouns as often as orders, and the format asks for the
// imperative.

type actionWords struct {
	connectors   map[string]bool // start a new clause that may hold a second order
	alternatives map[string]bool // start a clause that offers a choice instead
	negations    map[string]bool // may come before the verb of a clause
	clitics      map[string]bool // pronouns between "ne" and the verb
	verbs        map[string]bool // imperatives that have no regular ending
	holds        map[string]bool // after "<order> et", the same gesture going on ("et maintenez")
	notVerbs     map[string]bool // words with the regular ending that are not verbs
	ending       string          // the regular ending of an imperative, "" if none
}

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

var actionLexicon = map[i18n.Lang]*actionWords{
	i18n.FR: {
		connectors:   set("et", "puis", "ensuite", "alors", "enfin", "mais", "maintenant"),
		alternatives: set("ou", "sinon", "soit"),
		negations:    set("ne", "n"),
		clitics:      set("le", "la", "les", "l", "y", "en", "vous", "lui", "leur", "me", "m", "te", "t", "nous", "se", "s"),
		verbs:        set("faites", "dites", "refaites", "redites"),
		holds:        set("maintenez", "gardez", "restez"),
		notVerbs: set("assez", "chez", "soyez", "ayez", "sachez",
			// Family and place names that begin a sentence as well as an order does.
			"alvarez", "chavez", "dominguez", "fernandez", "gomez", "gonzalez", "hernandez", "jimenez",
			"lopez", "martinez", "perez", "ramirez", "rodez", "rodriguez", "sanchez", "suez", "vasquez"),
		ending: "ez",
	},
	i18n.EN: {
		connectors:   set("and", "then", "next", "now", "finally", "but"),
		alternatives: set("or", "otherwise"),
		negations:    set("do", "don", "t", "not", "never", "please", "dont"),
		clitics:      set(),
		holds:        set("hold", "keep"),
		verbs: set("tap", "press", "click", "double", "open", "type", "write", "choose", "select", "pick",
			"go", "read", "look", "check", "enter", "scroll", "touch", "swipe", "close", "send", "delete",
			"find", "wait", "put", "take", "copy", "paste", "save", "download", "install", "uninstall",
			"sign", "log", "turn", "switch", "hold", "drag", "say", "search", "add", "compare", "remove",
			"call", "answer", "reply", "forward", "attach", "keep", "fill", "show", "move", "restart",
			"update", "allow", "accept", "refuse", "deny", "cancel", "confirm", "connect", "plug",
			"unplug", "insert", "print", "share", "follow", "visit", "note", "change", "give", "use",
			"ask", "make", "set", "lock", "unlock", "let", "start", "stop", "listen", "watch", "speak",
			"hang", "release", "return", "come", "create", "enable", "disable", "activate", "block",
			"report", "ignore", "contact", "phone", "write", "slide", "drop", "empty", "edit", "rename"),
		notVerbs: set(),
	},
}

// isImperative says whether a folded word is an order.
func (aw *actionWords) isImperative(w []byte) bool {
	k := string(w) // no allocation: used only as map keys and for a suffix test
	if aw.notVerbs[k] {
		return false
	}
	if aw.verbs[k] {
		return true
	}
	return aw.ending != "" && len(k) >= 5 && strings.HasSuffix(k, aw.ending)
}

// actions returns the tokens of the orders of a step's action, in order.
// Its result is only valid until the next call.
func (s *scanner) actions(aw *actionWords, out []int) []int {
	out = out[:0]
	for from := 0; from < len(s.toks); {
		end := s.sentenceEnd(from)
		if !s.isQuestion(from, end) {
			out = s.sentenceActions(aw, from, end, out)
		}
		from = end
	}
	return out
}

// sentenceActions adds to out the orders of the sentence [from, to).
func (s *scanner) sentenceActions(aw *actionWords, from, to int, out []int) []int {
	start := true    // the next word begins a clause
	choice := false  // the clause offers an alternative: its verb is not a second action
	negated := false // "ne" was read at the start of the clause
	ordered := false // an order was read before in the sentence
	joined := false  // this clause was joined to the one before by "et": "… et maintenez"
	for i := from; i < to; i++ {
		t := &s.toks[i]
		switch {
		case t.kind == tPunct:
			if startsClause(t.punct) {
				start, negated, joined = true, false, false
			}
			continue
		case t.kind != tWord || t.quoted:
			start = false
			continue
		case t.glued && !s.afterApostrophe(i):
			continue // "-vous" of "Connectez-vous", "-le" of "Tapez-le": part of the word before
		}
		k := string(s.key(i))
		switch {
		case aw.connectors[k]: // wherever it is, a connector opens a clause
			start, negated, choice = true, false, false
			joined = ordered && (k == "et" || k == "and")
			continue
		case aw.alternatives[k]:
			start, negated, choice = true, false, true
			continue
		}
		if start {
			switch {
			case aw.negations[k]:
				negated = true
				continue
			case negated && aw.clitics[k]:
				continue
			}
			if aw.isImperative(s.key(i)) && !choice && !(joined && aw.holds[k]) {
				out = append(out, i)
				ordered = true
			}
		}
		start, negated, joined = false, false, false
	}
	return out
}

// startsClause says whether a punctuation mark opens a new clause.
func startsClause(r rune) bool {
	switch r {
	case ',', ';', ':', '(', ')', '–', '—', '-', '.', '!', '?', '…':
		return true
	}
	return false
}

// afterApostrophe says whether word piece i follows an elision ("n'oubliez"):
// it is then a word of its own.
func (s *scanner) afterApostrophe(i int) bool {
	if i == 0 {
		return false
	}
	between := s.text[s.toks[i-1].end:s.toks[i].start]
	return strings.ContainsAny(between, "'’ʼ")
}

// isQuestion says whether the sentence [from, to) ends with a question mark.
func (s *scanner) isQuestion(from, to int) bool {
	for i := to - 1; i >= from; i-- {
		t := &s.toks[i]
		if t.kind != tPunct {
			return false
		}
		if t.punct == '?' {
			return true
		}
	}
	return false
}
