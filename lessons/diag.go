package lessons

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"pasapas/i18n"
)

// Severity says whether a problem stops an item from loading.
type Severity int

const (
	// Error: the item (or the whole file) is skipped.
	Error Severity = iota
	// Warning: the item loads; the author should still fix it.
	Warning
)

// Diagnostic is one problem found in the content, at a precise place. Its
// message is kept as a code and arguments so it can be said in French or in
// English, and so tests can check what was found rather than how it is worded.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	Code     string
	Args     []any
}

// term is an argument that is itself a word to translate (a type name, the
// kind of thing a reference points at).
type term string

// Message returns the problem in plain words, in the given language.
func (d Diagnostic) Message(l i18n.Lang) string {
	args := make([]any, len(d.Args))
	for i, a := range d.Args {
		switch a := a.(type) {
		case term:
			args[i] = terms.Format(l, string(a))
		case Pos:
			args[i] = Visible(a.String())
		case string:
			args[i] = Visible(a)
		case error:
			args[i] = Visible(a.Error())
		default:
			args[i] = a
		}
	}
	if _, ok := plainMessages[d.Code]; ok {
		return plainMessages.Format(l, d.Code, args...)
	}
	return messages.Format(l, d.Code, args...)
}

// String is the message in French as path:line:col: message.
func (d Diagnostic) String() string { return d.Format(i18n.FR) }

// Format returns the diagnostic as compilers print them, so editors and
// terminals can jump to the place: path:line:col: message.
func (d Diagnostic) Format(l i18n.Lang) string {
	prefix := ""
	if d.Severity == Warning {
		prefix = terms.Format(l, "warning") + " : "
		if l == i18n.EN {
			prefix = terms.Format(l, "warning") + ": "
		}
	}
	return Visible(d.Pos.String()) + ": " + prefix + d.Message(l)
}

// Visible makes text from content (a key's name, a tag, a comment, a file
// name) safe to print on a terminal: every control character (C0, DEL, C1),
// every bidirectional control (U+202A–U+202E, U+2066–U+2069, U+200E,
// U+200F, U+061C) and every byte that is not UTF-8 is written as <U+XXXX>
// (<0xXX> for a byte), so that nothing from a file changes the window's
// title, the clipboard, the screen or the reading order, and the author
// still sees where the character is.
func Visible(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || unsafeForTerminal(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1:
			fmt.Fprintf(&b, "<0x%02X>", s[i])
		case unsafeForTerminal(r):
			fmt.Fprintf(&b, "<U+%04X>", r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

func unsafeForTerminal(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		return true
	case r == 0x2028, r == 0x2029: // line and paragraph separators
		return true
	}
	return false
}

// Diagnostics is a list of problems.
type Diagnostics []Diagnostic

// Errors counts the problems of error severity.
func (ds Diagnostics) Errors() int {
	n := 0
	for _, d := range ds {
		if d.Severity == Error {
			n++
		}
	}
	return n
}

// Warnings counts the problems of warning severity.
func (ds Diagnostics) Warnings() int { return len(ds) - ds.Errors() }

// Sort orders the problems by file, line and column, so they read top-down.
func (ds Diagnostics) Sort() {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		return cmp.Or(
			strings.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
		)
	})
}

// collector gathers diagnostics while loading.
type collector struct{ list Diagnostics }

func (c *collector) errorf(p Pos, code string, args ...any) {
	c.list = append(c.list, Diagnostic{Pos: p, Severity: Error, Code: code, Args: args})
}

func (c *collector) warnf(p Pos, code string, args ...any) {
	c.list = append(c.list, Diagnostic{Pos: p, Severity: Warning, Code: code, Args: args})
}

// terms are the words that appear inside messages.
var terms = i18n.Table{
	"warning":         {FR: "avertissement", EN: "warning"},
	"text":            {FR: "un texte", EN: "a text"},
	"int":             {FR: "un nombre entier (exemple : 10)", EN: "a whole number (for example: 10)"},
	"number":          {FR: "un nombre (exemple : 1.5)", EN: "a number (for example: 1.5)"},
	"bool":            {FR: "oui ou non (true ou false)", EN: "yes or no (true or false)"},
	"list":            {FR: "une liste (des lignes qui commencent par « - »)", EN: "a list (lines starting with “- ”)"},
	"block":           {FR: "un bloc de clés (des lignes « clé: valeur » décalées)", EN: "a block of keys (indented “key: value” lines)"},
	"date":            {FR: "une date AAAA-MM-JJ", EN: "a date YYYY-MM-DD"},
	"skill":           {FR: "L'acquis", EN: "The skill"},
	"lesson":          {FR: "La leçon", EN: "The lesson"},
	"question":        {FR: "La question", EN: "The question"},
	"domain":          {FR: "Le domaine", EN: "The domain"},
	"kind_domaines":   {FR: "un référentiel (domaines)", EN: "a framework (domaines)"},
	"kind_competence": {FR: "une compétence", EN: "a competence"},
	"kind_lecon":      {FR: "une leçon", EN: "a lesson"},
	"kind_questions":  {FR: "une banque de questions", EN: "a question bank"},
	"syn_tab":         {FR: "il y a une tabulation ; décalez les lignes avec des espaces", EN: "there is a tab; indent lines with spaces"},
	"syn_colon":       {FR: "un « : » est mal placé ; si le texte contient « : », mettez-le entre guillemets", EN: "a “:” is misplaced; if the text holds “:”, put it in quotes"},
	"syn_nocolon":     {FR: "il manque « : » après le nom d'une clé", EN: "a “:” is missing after a key's name"},
	"syn_indent":      {FR: "le décalage (les espaces en début de ligne) n'est pas le même que celui des lignes voisines", EN: "the indentation (spaces at the start of the line) differs from the lines around"},
	"syn_unclosed":    {FR: "un guillemet ou un crochet n'est pas refermé", EN: "a quote or a bracket is not closed"},
	"syn_star":        {FR: "un texte qui commence par « * » ou « & » doit être entre guillemets", EN: "a text starting with “*” or “&” must be in quotes"},
	"syn_start":       {FR: "un caractère ne peut pas commencer une valeur ; mettez le texte entre guillemets", EN: "a character cannot start a value; put the text in quotes"},
	"syn_quote":       {FR: "un guillemet ouvert n'est pas refermé ; refermez-le à la fin du texte, et mettez des « » à l'intérieur", EN: "an opening quote is not closed; close it at the end of the text, and use “ ” inside"},
	"syn_bracket":     {FR: "un crochet ouvert n'est pas refermé ; refermez-le sur la même ligne", EN: "an opening bracket is not closed; close it on the same line"},
	"syn_nbsp":        {FR: "la ligne est décalée avec des espaces insécables (souvent un copier-coller) ; effacez le début de la ligne et décalez-la avec la barre d'espace", EN: "the line is indented with non-breaking spaces (often a copy-paste); delete the start of the line and indent it with the space bar"},
	"syn_other":       {FR: "le YAML n'est pas valide", EN: "the YAML is not valid"},
	"kind_glossaire":  {FR: "un glossaire", EN: "a glossary"},
}

// messages holds every problem the loader can report. Plain words, one idea,
// and what to do about it.
var messages = i18n.Table{
	// Reading the file.
	"read":        {FR: "Impossible de lire le fichier : %v", EN: "Cannot read the file: %v"},
	"syntax":      {FR: "Le fichier est mal écrit : %s (%s)", EN: "The file is badly written: %s (%s)"},
	"read_denied": {FR: "Vous n'avez pas le droit de lire ce fichier ou ce dossier.", EN: "You are not allowed to read this file or folder."},
	"not_utf8":    {FR: "Le fichier n'est pas enregistré en UTF-8 : enregistrez-le avec le codage « UTF-8 ».", EN: "The file is not saved as UTF-8: save it with the “UTF-8” encoding."},
	"no_dir":      {FR: "« %s » n'existe pas.", EN: "“%s” does not exist."},
	"not_yaml":    {FR: "Ce fichier n'est pas lu : son nom doit finir par .yaml (pas .yaml.txt).", EN: "This file is not read: its name must end in .yaml (not .yaml.txt)."},
	"anchor":      {FR: "« %s » : un texte qui commence par « & » doit être entre guillemets.", EN: "“%s”: a text starting with “&” must be in quotes."},
	"tag":         {FR: "« %s » : un texte qui commence par « ! » doit être entre guillemets.", EN: "“%s”: a text starting with “!” must be in quotes."},
	"cut_comment": {FR: "Le texte s'arrête avant « #%s » : après « # », tout est un commentaire. Si « # » fait partie du texte, mettez tout le texte entre guillemets.", EN: "The text stops before “#%s”: after “#”, everything is a comment. If “#” belongs to the text, put the whole text in quotes."},
	"todo":        {FR: "« À compléter » : remplacez ce repère par votre texte.", EN: "“À compléter” (to be completed): replace this mark with your text."},
	"empty_file":  {FR: "Le fichier est vide.", EN: "The file is empty."},
	"not_mapping": {FR: "Le fichier doit être une suite de clés, comme « lecon: mon-identifiant ».", EN: "The file must be a list of keys, such as “lecon: my-identifier”."},
	"no_kind": {
		FR: "Le fichier ne dit pas ce qu'il contient. Il doit avoir une de ces clés : « lecon », « questions », « competence », « glossaire », « domaines » ou « atelier ».",
		EN: "The file does not say what it holds. It needs one of these keys: “lecon”, “questions”, “competence”, “glossaire”, “domaines” or “atelier”.",
	},
	"many_kinds":      {FR: "Le fichier mélange %s et %s : mettez-les dans deux fichiers.", EN: "The file mixes %s and %s: put them in two files."},
	"unknown_key":     {FR: "Clé inconnue « %s ».", EN: "Unknown key “%s”."},
	"unknown_key_fix": {FR: "Clé inconnue « %s ». Vouliez-vous dire « %s » ?", EN: "Unknown key “%s”. Did you mean “%s”?"},
	"key_not_text":    {FR: "Le nom d'une clé doit être un simple texte, comme « titre ».", EN: "A key's name must be a plain text, such as “titre”."},
	"duplicate_key":   {FR: "La clé « %s » est écrite deux fois (la première fois ligne %d).", EN: "The key “%s” is written twice (first on line %d)."},
	"alias":           {FR: "Les alias YAML (*nom) ne sont pas acceptés : écrivez le contenu en entier.", EN: "YAML aliases (*name) are not accepted: write the content out in full."},
	"want":            {FR: "« %s » doit être %s.", EN: "“%s” must be %s."},
	"empty":           {FR: "« %s » est vide.", EN: "“%s” is empty."},
	"missing":         {FR: "Il manque la clé « %s » : %s", EN: "The key “%s” is missing.%.0s"},
	"enum":            {FR: "« %s » ne peut pas valoir « %s ». Valeurs possibles : %s.", EN: "“%s” cannot be “%s”. Possible values: %s."},
	"range":           {FR: "« %s » vaut %v : il faut un nombre entre %v et %v.", EN: "“%s” is %v: it must be a number between %v and %v."},
	"slug": {
		FR: "L'identifiant « %s » n'est pas valide : utilisez des lettres minuscules sans accent, des chiffres et des tirets (exemple : mail-adresse-1).",
		EN: "The identifier “%s” is not valid: use lowercase letters without accents, digits and hyphens (for example: mail-adresse-1).",
	},
	"date":        {FR: "« %s » n'est pas une date : écrivez-la AAAA-MM-JJ (exemple : 2025-01-31).", EN: "“%s” is not a date: write it YYYY-MM-DD (for example: 2025-01-31)."},
	"control":     {FR: "Le texte contient un caractère invisible interdit (U+%04X) : effacez-le.", EN: "The text holds a forbidden invisible character (U+%04X): delete it."},
	"check_mixed": {FR: "Une vérification ne doit contenir que « verifier » : mettez « %s » dans une autre étape.", EN: "A check must hold “verifier” only: put “%s” in another step."},
	"too_deep":    {FR: "Le fichier est trop imbriqué.", EN: "The file is nested too deeply."},

	// Across files.
	"reserved_id": {FR: "L'identifiant « %s » est réservé au test « Un peu de tout » : choisissez-en un autre.", EN: "The identifier “%s” is kept for the “A bit of everything” test: choose another one."},
	"dup_id": {
		FR: "L'identifiant « %s » est aussi utilisé dans %s. Les deux sont mis de côté : gardez cet identifiant à un seul endroit.",
		EN: "The identifier “%s” is also used in %s. Both are set aside: keep this identifier in one place only.",
	},
	"dup_builtin": {
		FR: "L'identifiant « %s » existe déjà dans le contenu intégré de Pas à pas (%s). Le contenu intégré est gardé, et celui-ci est mis de côté : choisissez un autre identifiant.",
		EN: "The identifier “%s” already exists in the built-in content of Pas à pas (%s). The built-in content is kept, and this one is set aside: choose another identifier.",
	},
	"dup_word":          {FR: "Le mot « %s » est déjà expliqué dans le glossaire : « %s », dans %s. Gardez une seule explication.", EN: "The word “%s” is already explained in the glossary: “%s”, in %s. Keep only one explanation."},
	"two_definitions":   {FR: "Le mot « %s » a déjà une autre définition, dans %s : « %s ». Un mot garde une seule définition : recopiez celle-là, ou choisissez un autre mot.", EN: "The word “%s” already has another definition, in %s: “%s”. A word keeps one definition: copy that one, or choose another word."},
	"unknown_ref":       {FR: "%s « %s » n'existe pas.", EN: "%s “%s” does not exist."},
	"ref_left":          {FR: "« %[2]s » a une erreur, signalée dans ce rapport : il ne peut pas servir ici.", EN: "“%[2]s” has an error, reported in this list, so it cannot be used here."},
	"ref_aside":         {FR: "« %[2]s » est dans un fichier mis de côté : %[3]s. Corrigez d'abord ce fichier.", EN: "“%[2]s” is in a file that was set aside: %[3]s. Fix that file first."},
	"ref_aside_dropped": {FR: "« %[2]s » est dans un fichier mis de côté : %[3]s. Ce lien est ignoré en attendant.", EN: "“%[2]s” is in a file that was set aside: %[3]s. This link is ignored meanwhile."},
	"ref_dropped":       {FR: "« %[2]s » a une erreur, signalée dans ce rapport : ce lien est ignoré en attendant.", EN: "“%[2]s” has an error, reported in this list: this link is ignored meanwhile."},
	"unknown_ref_fix":   {FR: "%s « %s » n'existe pas. Vouliez-vous dire « %s » ?", EN: "%s “%s” does not exist. Did you mean “%s”?"},
	"level_taken":       {FR: "Le sujet a déjà un acquis de niveau %d (« %s ») : un seul acquis par niveau.", EN: "The topic already has a level %d skill (“%s”): one skill per level."},
	"bank_skill":        {FR: "Il manque la clé « acquis » : dans une banque, chaque question évalue un acquis.", EN: "The key “acquis” is missing: in a bank, every question assesses a skill."},
	"variant_self":      {FR: "Une question ne peut pas être une variante d'elle-même.", EN: "A question cannot be a variant of itself."},
	"variant_skill":     {FR: "Cette question est une variante de « %s », qui évalue un autre acquis (« %s »).", EN: "This question is a variant of “%s”, which assesses another skill (“%s”)."},
	"variant_chain":     {FR: "« %s » est elle-même une variante : indiquez la question d'origine, « %s ».", EN: "“%s” is itself a variant: give the original question, “%s”."},
	"no_steps":          {FR: "La leçon n'a aucune étape avec une « action ».", EN: "The lesson has no step with an “action”."},
	"self_prereq":       {FR: "La leçon ne peut pas être son propre prérequis.", EN: "A lesson cannot be its own prerequisite."},
	"prereq_cycle":      {FR: "Les prérequis tournent en rond : « %s ». Enlevez un de ces prérequis.", EN: "The prerequisites go round in a circle: “%s”. Remove one of these prerequisites."},
	"skill_missing": {
		FR: "Il manque l'acquis « %s ». La version en français l'a, dans %s. Une traduction garde les mêmes acquis.",
		EN: "The skill “%s” is missing. The French version has it, in %s. A translation keeps the same skills.",
	},
	"skill_extra": {
		FR: "L'acquis « %s » n'est pas dans la version en français (%s). Une traduction garde les mêmes acquis : enlevez-le, ou ajoutez-le d'abord en français.",
		EN: "The skill “%s” is not in the French version (%s). A translation keeps the same skills: remove it, or add it in French first.",
	},
	"competence_code": {FR: "« %s » n'est pas un code %s connu (exemples : %s).", EN: "“%s” is not a known %s code (for example: %s)."},

	// Questions.
	"type_key":         {FR: "« %s » ne sert pas pour une question de type « %s ».", EN: "“%s” is not used by a question of type “%s”."},
	"type_needs":       {FR: "Une question de type « %s » a besoin de « %s ».", EN: "A question of type “%s” needs “%s”."},
	"local_dup":        {FR: "L'identifiant « %s » est déjà utilisé dans cette question.", EN: "The identifier “%s” is already used in this question."},
	"few_choices":      {FR: "Il faut au moins 2 choix ; ici : %d.", EN: "At least 2 choices are needed; here: %d."},
	"single_right":     {FR: "Un choix unique doit avoir exactement une bonne réponse ; ici : %d.", EN: "A single choice needs exactly one right answer; here: %d."},
	"multi_right":      {FR: "Un choix multiple doit avoir au moins une bonne réponse.", EN: "A multiple choice needs at least one right answer."},
	"feedback_missing": {FR: "« %s » n'a pas de « retour », alors que d'autres réponses en ont : mettez un retour partout, ou un seul retour global.", EN: "“%s” has no “retour” while other answers have one: give every answer a retour, or one global retour."},
	"feedback_both":    {FR: "La question a un « retour » global et des retours par choix : gardez l'un ou l'autre.", EN: "The question has a global “retour” and per-choice ones: keep one or the other."},
	"feedback_none":    {FR: "La question n'a aucun retour : ajoutez « retour » (bonne / mauvaise) ou une « explication ».", EN: "The question has no feedback: add “retour” (bonne / mauvaise) or an “explication”."},
	"no_answer":        {FR: "Le champ « %s » n'a aucune réponse acceptée : ajoutez « reponses ».", EN: "The field “%s” has no accepted answer: add “reponses”."},
	"empty_answer":     {FR: "Une réponse acceptée est vide.", EN: "An accepted answer is empty."},
	"number_answer":    {FR: "« %s » n'est pas un nombre : un champ « nombre » attend des réponses en chiffres.", EN: "“%s” is not a number: a “nombre” field expects answers in digits."},
	"select_options":   {FR: "Un champ « liste » a besoin d'« options ».", EN: "A “liste” field needs “options”."},
	"select_answer":    {FR: "La réponse « %s » n'est pas dans les « options » de la liste.", EN: "The answer “%s” is not among the list's “options”."},
	"options_unused":   {FR: "« options » ne sert que pour un champ « liste ».", EN: "“options” is only used by a “liste” field."},
	"tolerance_moot":   {FR: "Les tolérances ne servent pas pour un champ « %s » : enlevez « tolerances ».", EN: "Tolerances do not apply to a “%s” field: remove “tolerances”."},
	"groups_order":     {FR: "« groupes » ne sert qu'avec « ordre_libre: true ».", EN: "“groupes” is only used with “ordre_libre: true”."},
	"groups_few":       {FR: "Il faut au moins autant de groupes que de champs (%d groupes pour %d champs).", EN: "There must be at least as many groups as fields (%d groups for %d fields)."},
	"groups_fields":    {FR: "Avec « ordre_libre », les réponses vont dans « groupes », pas dans le champ.", EN: "With “ordre_libre”, answers go in “groupes”, not in the field."},
	"order_short":      {FR: "Une question « ordre » demande au moins 3 éléments ; ici : %d.", EN: "An “ordre” question needs at least 3 elements; here: %d."},
	"few_pairs":        {FR: "Une association demande au moins 2 paires ; ici : %d.", EN: "A matching question needs at least 2 pairs; here: %d."},
	"dup_right":        {FR: "« %s » est écrit deux fois à droite : chaque élément de droite doit être différent.", EN: "“%s” is written twice on the right: every right-hand item must differ."},
	"few_statements":   {FR: "Il faut au moins une affirmation.", EN: "At least one statement is needed."},
	"screen_key":       {FR: "« %s » ne sert pas pour un écran « %s ».", EN: "“%s” is not used by a “%s” screen."},
	"screen_needs":     {FR: "Un écran « %s » a besoin de « %s ».", EN: "A “%s” screen needs “%s”."},
	"variant_empty":    {FR: "La variante « %s » est vide : écrivez au moins « action ».", EN: "The variant “%s” is empty: write at least “action”."},

	// Tolerances that would change an accepted answer beyond the author's
	// intent (see quiz/text.go for how answers are compared).
	"answer_erased": {
		FR: "La réponse « %s » n'a que des signes. La tolérance de ponctuation les efface : n'importe quel signe serait accepté. Ajoutez « ponctuation: non » dans « tolerances ».",
		EN: "The answer “%s” is made only of signs. The punctuation tolerance erases them: any sign would be accepted. Add “ponctuation: non” under “tolerances”.",
	},
	"accents_erased": {
		FR: "La réponse « %s » a des accents. Sans « majuscules_accents », la tolérance de ponctuation efface les lettres accentuées : les accents ne comptent plus du tout. Ajoutez aussi « ponctuation: non ».",
		EN: "The answer “%s” has accents. Without “majuscules_accents”, the punctuation tolerance erases accented letters: accents stop counting at all. Also add “ponctuation: non”.",
	},
}
