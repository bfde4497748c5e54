package lessons

import (
	"regexp"
	"slices"
	"strings"
	"unicode"

	"pasapas/fold"
	"pasapas/i18n"
)

// The mechanical parts of a fair question bank (docs/guide-questions.md §8,
// issue 22). A test should measure what the learner knows, not how well they
// read the test: a hint that counts the right answers turns a question into
// "strike the odd one out", a right answer longer than the others is found
// without knowing anything, two options give one chance in two, a bank of
// mostly true statements rewards answering "vrai", a false statement with a
// negation asks for a double negative, and a bank that is half scams says
// little about the rest. Each rule is a warning: the question still loads,
// and "pasapas check --strict" refuses it.
//
// Only bank questions are measured, each in its own language; the rules
// that count over a bank count over the bank questions of one competence
// (what a test of that competence draws from), and the scam share over the
// whole bank of the language.

// Limits of the rules.
const (
	minOptions     = 3    // options of a single choice
	minWrong       = 2    // wrong options of a multiple choice
	minTrueShare   = 0.40 // share of true statements in a bank, at least…
	maxTrueShare   = 0.60 // …and at most
	maxScamShare   = 0.30 // share of scam-themed questions in the whole bank
	maxLengthRatio = 1.00 // right answers' length over the others', on average in a bank
	// clearlyLonger is how much longer than every other option a right
	// answer must be to count as "clearly the longest" in the figures.
	clearlyLonger = 1.30
	// ThemeScam is the theme of a question about a scam.
	ThemeScam = "arnaque"
)

var fairMessages = i18n.Table{
	"hint_count": {
		FR: "Cet indice compte les réponses (« %s ») : la question devient « trouver l'intrus ». Donnez plutôt un indice sur le sens.",
		EN: "This hint counts the answers (“%s”): the question becomes “find the odd one out”. Give a hint about the meaning instead.",
	},
	"hint_giveaway": {
		FR: "Cet indice donne la réponse : « %s » est dans la bonne réponse et dans aucune autre. Donnez un coup de pouce, pas la réponse.",
		EN: "This hint gives the answer away: “%s” is in the right answer and in no other. Give a nudge, not the answer.",
	},
	"few_options": {
		FR: "Un choix unique a besoin d'au moins %d choix ; ici : %d. Avec 2 choix, on trouve une fois sur deux au hasard.",
		EN: "A single choice needs at least %d options; here: %d. With 2 options, a guess is right half the time.",
	},
	"few_wrong": {
		FR: "Un choix multiple a besoin d'au moins %d mauvaises réponses ; ici : %d. Sinon, il suffit de trouver l'intrus.",
		EN: "A multiple choice needs at least %d wrong options; here: %d. Otherwise, finding the odd one out is enough.",
	},
	"right_longer": {
		FR: "Dans les questions de « %s », la bonne réponse est en moyenne plus longue que les autres (de %d %%) : la plus longue se devine. Raccourcissez-la, ou allongez les autres. Surtout : %s.",
		EN: "In the questions of “%s”, the right answer is on average longer than the others (by %d%%): the longest is guessed. Shorten it, or lengthen the others. Mostly: %s.",
	},
	"true_share": {
		FR: "Dans les questions de « %s », %d affirmations sur %d sont vraies (%d %%) : il en faut entre %d %% et %d %%, pour que répondre toujours « vrai » (ou « faux ») ne suffise pas.",
		EN: "In the questions of “%s”, %d statements of %d are true (%d%%): between %d%% and %d%% are needed, so that always answering “true” (or “false”) is not enough.",
	},
	"negated_false": {
		FR: "Cette affirmation est fausse et contient une négation (« %s ») : dire « faux » à une phrase négative est une double négation. Écrivez-la sans négation.",
		EN: "This statement is false and holds a negation (“%s”): answering “false” to a negative sentence is a double negative. Write it without a negation.",
	},
	"variant_family": {
		FR: "Cette variante demande %s, mais la question d'origine « %s » demande %s : une variante se répond de la même façon, pour avoir la même difficulté. Faites-en une question à part (enlevez « variante_de »), ou écrivez-la comme l'origine.",
		EN: "This variant asks to %s, but the original question “%s” asks to %s: a variant is answered the same way, to keep the same difficulty. Make it a question of its own (remove “variante_de”), or write it as the original.",
	},
	"level_recall": {
		FR: "Cette question de niveau 1 demande d'écrire la réponse de mémoire : au niveau 1, la personne reconnaît la réponse parmi d'autres (docs/guide-questions.md, partie 9). Faites-en un choix, ou mettez-la sur un acquis de niveau 2 au moins, avec un nouvel identifiant.",
		EN: "This level 1 question asks to write the answer from memory: at level 1, the learner recognises the answer among others (docs/guide-questions.md, part 9). Make it a choice, or move it to a skill of level 2 or more, with a new identifier.",
	},
	"scam_share": {
		FR: "%d questions sur %d de la banque parlent d'arnaques (« theme: arnaque », %d %%) : %d %% au plus, pour que les tests mesurent aussi le reste.",
		EN: "%d questions of %d in the bank are about scams (“theme: arnaque”, %d%%): %d%% at most, so that tests measure the rest too.",
	},
}

func init() { joinMessages(fairMessages) }

// FairnessFigures are what the fairness rules measure on the bank questions
// of one language.
type FairnessFigures struct {
	Questions int // bank questions
	Scam      int // tagged « theme: arnaque »

	Hints          int // hints of all bank questions
	CountHints     int // hints that count the answers…
	CountHintsMC   int // …of which in a multiple choice
	GiveawayHints  int // hints that give the answer away…
	GiveawayHintsS int // …of which in a single choice

	Single           int // single-choice questions
	SingleFewOptions int // with fewer than 3 options
	RightLongest     int // whose right answer is clearly the longest (30 % longer than any other)
	Multi            int // multiple-choice questions
	MultiFewWrong    int // with fewer than 2 wrong options

	Statements     int // statements of vrai/faux questions
	TrueStatements int
	NegatedFalse   int // false statements holding a negation

	MixedVariants int // variants answered otherwise than their original (recall / recognition)
	Level1Recall  int // level 1 questions that ask to write the answer

	LongerBanks    int // competences whose right answers are longer on average
	TrueShareBanks int // competences outside 40–60 % true
}

// MeasureFairness returns the figures of the fairness rules on the bank
// questions of a catalogue's language, without reporting anything.
func MeasureFairness(cat *Catalogue) FairnessFigures {
	var f FairnessFigures
	fairness(cat, &f, &collector{})
	return f
}

// checkFairness reports the fairness problems of a catalogue's bank.
func checkFairness(c *collector, cat *Catalogue) {
	fairness(cat, &FairnessFigures{}, c)
}

func fairness(cat *Catalogue, f *FairnessFigures, c *collector) {
	var own []*Question
	for _, q := range cat.Questions {
		if q.Lang == cat.Lang {
			own = append(own, q)
		}
	}
	var firstScam *Question
	for _, q := range own {
		f.Questions++
		if q.Theme == ThemeScam {
			f.Scam++
			if firstScam == nil {
				firstScam = q
			}
		}
		fairQuestion(cat.Lang, q, f, c)
		if sk := cat.Skill(q.Skill.ID); sk != nil && sk.Level == 1 && recall(q) {
			f.Level1Recall++
			c.warnf(q.At("acquis"), "level_recall")
		}
		if orig := cat.Question(q.VariantOf.ID); orig != nil && recall(orig) != recall(q) {
			f.MixedVariants++
			c.warnf(q.VariantOf.Pos, "variant_family", term(taskOf(q)), orig.ID, term(taskOf(orig)))
		}
	}
	if f.Questions > 0 && float64(f.Scam) > maxScamShare*float64(f.Questions) {
		c.warnf(firstScam.At("theme"), "scam_share", f.Scam, f.Questions, percent(f.Scam, f.Questions), int(maxScamShare*100))
	}
	for _, comp := range cat.Competences {
		if comp.Lang != cat.Lang {
			continue
		}
		var qs []*Question
		for _, q := range cat.QuestionsOf(comp.ID) {
			if q.Lang == cat.Lang {
				qs = append(qs, q)
			}
		}
		fairBank(comp, qs, f, c)
	}
}

func percent(n, of int) int {
	if of == 0 {
		return 0
	}
	return (200*n + of) / (2 * of) // rounded to the nearest
}

// fairQuestion applies the rules that look at one question.
func fairQuestion(lang i18n.Lang, q *Question, f *FairnessFigures, c *collector) {
	f.Hints += len(q.Hints)
	for _, h := range q.Hints {
		if m := countHint.FindString(fold.Key(h)); m != "" {
			f.CountHints++
			if q.Type == MultipleChoice {
				f.CountHintsMC++
			}
			c.warnf(q.At("indices"), "hint_count", h)
			continue
		}
		if w := giveaway(q, h); w != "" {
			f.GiveawayHints++
			if q.Type == SingleChoice {
				f.GiveawayHintsS++
			}
			c.warnf(q.At("indices"), "hint_giveaway", w)
		}
	}
	switch q.Type {
	case SingleChoice:
		f.Single++
		if len(q.Choices) < minOptions {
			f.SingleFewOptions++
			c.warnf(q.At("choix"), "few_options", minOptions, len(q.Choices))
		}
		if rightClearlyLongest(q) {
			f.RightLongest++
		}
	case MultipleChoice:
		f.Multi++
		wrong := 0
		for _, ch := range q.Choices {
			if !ch.Correct {
				wrong++
			}
		}
		if wrong < minWrong {
			f.MultiFewWrong++
			c.warnf(q.At("choix"), "few_wrong", minWrong, wrong)
		}
	case TrueFalse:
		for i := range q.Statements {
			st := &q.Statements[i]
			f.Statements++
			if st.True {
				f.TrueStatements++
				continue
			}
			if neg := negation(lang, st.Text); neg != "" {
				f.NegatedFalse++
				c.warnf(st.At("texte"), "negated_false", neg)
			}
		}
	}
}

// fairBank applies the rules that count over a competence's questions.
func fairBank(comp *Competence, qs []*Question, f *FairnessFigures, c *collector) {
	type excess struct {
		id string
		by float64 // characters the right options have over the wrong ones, on average
	}
	var worst []excess
	right, wrong := 0.0, 0.0
	statements, truths := 0, 0
	for _, q := range qs {
		if r, w, ok := meanLengths(q); ok {
			right, wrong = right+r, wrong+w
			worst = append(worst, excess{q.ID, r - w})
		}
		for _, st := range q.Statements {
			statements++
			if st.True {
				truths++
			}
		}
	}
	if wrong > 0 && right > maxLengthRatio*wrong+1e-9 {
		f.LongerBanks++
		slices.SortStableFunc(worst, func(a, b excess) int {
			switch {
			case a.by > b.by:
				return -1
			case a.by < b.by:
				return 1
			}
			return 0
		})
		var ids []string
		for _, x := range worst[:min(3, len(worst))] {
			ids = append(ids, x.id)
		}
		over := int((right/wrong-1)*100 + 0.5)
		c.warnf(comp.At("competence"), "right_longer", comp.ID, over, strings.Join(ids, ", "))
	}
	if statements > 0 {
		share := float64(truths) / float64(statements)
		if share < minTrueShare-1e-9 || share > maxTrueShare+1e-9 {
			f.TrueShareBanks++
			c.warnf(comp.At("competence"), "true_share", comp.ID, truths, statements, percent(truths, statements), int(minTrueShare*100), int(maxTrueShare*100))
		}
	}
}

// recall says whether a question asks the learner to write an answer from
// memory, rather than to recognise it among what is shown (choices,
// statements, pairs, elements to order, a list to pick from).
func recall(q *Question) bool {
	switch q.Type {
	case FreeText:
		return true
	case Fields:
		for _, f := range q.Fields {
			if f.Format != FormatSelect {
				return true
			}
		}
	}
	return false
}

func taskOf(q *Question) string {
	if recall(q) {
		return "task_recall"
	}
	return "task_recognise"
}

func init() {
	terms["task_recall"] = i18n.Text{FR: "d'écrire la réponse de mémoire", EN: "write the answer from memory"}
	terms["task_recognise"] = i18n.Text{FR: "de reconnaître la réponse parmi d'autres", EN: "recognise the answer among others"}
}

// meanLengths returns, for a choice question with right and wrong
// options, the mean length of its right options and of its wrong ones. A
// bank's right answers are longer on average when the sum of the first,
// over its questions, is more than the sum of the second.
func meanLengths(q *Question) (right, wrong float64, ok bool) {
	if q.Type != SingleChoice && q.Type != MultipleChoice {
		return 0, 0, false
	}
	var r, w, nr, nw int
	for _, ch := range q.Choices {
		n := len([]rune(strings.TrimSpace(ch.Text)))
		if ch.Correct {
			r, nr = r+n, nr+1
		} else {
			w, nw = w+n, nw+1
		}
	}
	if nr == 0 || nw == 0 {
		return 0, 0, false
	}
	return float64(r) / float64(nr), float64(w) / float64(nw), true
}

// rightClearlyLongest says whether a single choice's right answer is at
// least clearlyLonger times as long as each other option.
func rightClearlyLongest(q *Question) bool {
	right, longestWrong := 0, 0
	for _, ch := range q.Choices {
		n := len([]rune(strings.TrimSpace(ch.Text)))
		if ch.Correct {
			right = n
		} else {
			longestWrong = max(longestWrong, n)
		}
	}
	return longestWrong > 0 && float64(right) >= clearlyLonger*float64(longestWrong)
}

// countHint finds, in a folded hint, a number of answers or statements:
// « Il y a 3 bonnes réponses », « Une seule affirmation est fausse ».
var countHint = regexp.MustCompile(`\b(?:\d+|deux|trois|quatre|cinq|two|three|four|five|une? seule?|only one|one)\s+(?:(?:bonnes?|mauvaises?|vraies?|fausses?|right|wrong|correct|true|false)\s+)?(?:reponses?|affirmations?|answers?|statements?|choix|choices?|options?)\b`)

// giveaway returns what in a hint gives the answer away, or "":
//   - for a choice question, a word of the hint (not of the prompt) found in
//     a right option and in no wrong one;
//   - for a written answer, an accepted answer, or at least half of one from
//     its start (« Le mot commence par « Transf » »).
func giveaway(q *Question, hint string) string {
	hw := words(hint)
	switch q.Type {
	case SingleChoice, MultipleChoice:
		prompt := words(q.Prompt)
		var right, wrong [][]string
		for _, ch := range q.Choices {
			if ch.Correct {
				right = append(right, words(ch.Text))
			} else {
				wrong = append(wrong, words(ch.Text))
			}
		}
		for _, w := range hw {
			if stopWords[w] || len([]rune(w)) < 4 || hasWord(prompt, w) {
				continue
			}
			inRight := slices.ContainsFunc(right, func(ws []string) bool { return hasWord(ws, w) })
			inWrong := slices.ContainsFunc(wrong, func(ws []string) bool { return hasWord(ws, w) })
			if inRight && !inWrong {
				return w
			}
		}
	case FreeText, Fields:
		var answers []string
		answers = append(answers, q.Answers...)
		for _, fl := range q.Fields {
			answers = append(answers, fl.Answers...)
		}
		for _, g := range q.Groups {
			answers = append(answers, g...)
		}
		key := fold.Key(hint)
		for _, a := range answers {
			ak := fold.Key(a)
			if len([]rune(ak)) >= 2 && containsWord(key, ak) {
				return a
			}
			for _, w := range hw {
				if n := len([]rune(w)); n >= 2 && 2*n >= len([]rune(ak)) && n < len([]rune(ak)) && strings.HasPrefix(ak, w) {
					return w
				}
			}
		}
	}
	return ""
}

// words returns the folded words of a text: letters and digits.
func words(s string) []string {
	return strings.FieldsFunc(fold.Key(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// hasWord says whether ws has w, or a word with the same first 5 letters
// (« signaler », « signalez »).
func hasWord(ws []string, w string) bool {
	for _, x := range ws {
		if x == w || (len(x) >= 5 && len(w) >= 5 && x[:5] == w[:5]) {
			return true
		}
	}
	return false
}

// containsWord says whether s holds w with no letter or digit around it.
func containsWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		before, after := rune(' '), rune(' ')
		if j > 0 {
			before = []rune(s[:j])[len([]rune(s[:j]))-1]
		}
		if end := j + len(w); end < len(s) {
			after = []rune(s[end:])[0]
		}
		isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
		if !isWord(before) && !isWord(after) {
			return true
		}
		i = j + 1
	}
}

// stopWords are the small words a hint shares with any answer.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`avec dans pour vous votre vos nous elle elles ils leur leurs sont etre avoir fait faire
		peut peuvent tout tous toute toutes cette ceci cela celui celle ceux mais plus moins tres bien aussi alors
		quand comme sans sous entre depuis avant apres encore jamais rien personne chaque autre autres meme
		your with that this there their they them from have what when where which will would should could
		about into only more most than then also just does dont were been each other some such very`) {
		stopWords[w] = true
	}
}

// negations finds a negation in a folded statement.
var negations = map[i18n.Lang]*regexp.Regexp{
	i18n.FR: regexp.MustCompile(`\b(?:ne|n')\s*(?:\S+\s+){0,4}?(?:pas|jamais|rien|plus|aucune?|personne|nulle part)\b|\b(?:jamais|aucune?)\b`),
	i18n.EN: regexp.MustCompile(`\b(?:not|never|no|none|nothing|nobody|cannot)\b|n't\b`),
}

// negation returns the negation of a statement, or "".
func negation(lang i18n.Lang, text string) string {
	re := negations[lang]
	if re == nil {
		return ""
	}
	s := strings.ReplaceAll(fold.Key(text), "’", "'")
	return re.FindString(s)
}
