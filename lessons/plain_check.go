package lessons

import "strings"

// plainChecker runs the plain-language rules over one catalogue. A "unit"
// is what must be consistent on its own: a lesson (with its check questions)
// or a bank question.
type plainChecker struct {
	c    *collector
	cat  *Catalogue
	lang *plainLang
	sc   scanner // the text being checked
	aux  scanner // for building lexicons, so sc is not overwritten
	acts []int
	seen []bool // tokens of the text already matched by the vocabulary

	// glossary is the jargon the catalogue's glossary explains.
	glossary groupSet
	// byLesson caches the jargon each lesson's vocabulary explains, and
	// bySkill what the glossary and the lessons of an acquis explain: many
	// questions share an acquis.
	byLesson map[*Lesson]groupSet
	bySkill  map[string]groupSet

	u unit

	visit    func(textField) // pc.text, made once: a method value allocates
	vocabLex lexicon         // the vocabulary lexicon, reused from lesson to lesson
	owns     []uint64
}

// unit is the state of the lesson or bank question being checked.
type unit struct {
	bank      bool   // a bank question: jargon may be explained elsewhere
	skill     string // its acquis, named in the jargon message
	explained groupSet
	reported  groupSet // jargon already reported: once per unit is enough
	names     []nameUse
	vocab     *lexicon // the lesson's vocabulary, when it lists synonyms
	words     []Word
	owns      []uint64   // per vocabulary entry, the concepts it names
	synWarned []*lexTerm // the synonyms already reported
}

// nameUse is the name a unit gave to a concept first, and where: its line
// is looked up only if a second name is found.
type nameUse struct {
	name   int // -1 while unused
	word   string
	field  textField
	off    int32  // byte offset of the word in field.text
	warned uint64 // the other names already reported
}

// textField is one text a learner reads, and where it is: the key of a
// block, whose place is looked up only when there is something to report.
type textField struct {
	text   string
	meta   *Meta
	key    string
	action bool // a step's action: one order only
	vocab  int  // the vocabulary entry it belongs to, or -1
}

func newPlainChecker(c *collector, cat *Catalogue) *plainChecker {
	pc := &plainChecker{c: c, cat: cat, lang: plainLangs[cat.Lang], byLesson: map[*Lesson]groupSet{}, bySkill: map[string]groupSet{}}
	pc.visit = pc.text
	for _, w := range cat.Glossary {
		if w.Lang == cat.Lang {
			pc.glossary.union(pc.explains(w))
		}
	}
	return pc
}

// startUnit resets the state for a new lesson or bank question.
func (pc *plainChecker) startUnit() {
	names := pc.u.names[:0]
	for range pc.concepts() {
		names = append(names, nameUse{name: -1})
	}
	pc.u = unit{names: names}
}

func (pc *plainChecker) concepts() int {
	if pc.lang == nil {
		return 0
	}
	return pc.lang.concepts
}

// lesson checks a lesson and its check questions as one unit.
func (pc *plainChecker) lesson(l *Lesson) {
	pc.startUnit()
	pc.u.explained = pc.lessonExplains(l)
	pc.useVocabulary(l)
	walkLesson(l, pc.visit)
}

// bankQuestion checks a question of a bank. It has no vocabulary of its
// own: its jargon counts as explained when the glossary explains it, or the
// vocabulary of a lesson that teaches its acquis or that it recommends
// (voir_aussi) — the lessons a learner who fails it is sent to.
func (pc *plainChecker) bankQuestion(q *Question) {
	pc.startUnit()
	pc.u.bank, pc.u.skill = true, q.Skill.ID
	pc.u.explained = pc.skillExplains(q.Skill.ID)
	for _, r := range q.SeeAlso {
		if l := pc.cat.Lesson(r.ID); l != nil {
			pc.u.explained.union(pc.lessonExplains(l))
		}
	}
	walkQuestion(q, pc.visit)
}

// text runs every rule on one text.
func (pc *plainChecker) text(f textField) {
	if f.text == "" {
		return
	}
	sc := &pc.sc
	sc.scan(f.text)
	pc.sentences(f)
	if f.action && pc.lang != nil && pc.lang.actions != nil {
		pc.acts = sc.actions(pc.lang.actions, pc.acts)
		if len(pc.acts) > 1 {
			a, b := pc.acts[0], pc.acts[1]
			pc.c.warnf(pc.posAt(f, b), "many_actions", len(pc.acts),
				sc.text[sc.toks[a].start:sc.toks[a].end], sc.text[sc.toks[b].start:sc.toks[b].end])
		}
	}
	if pc.lang != nil {
		pc.synonyms(f)
		pc.jargonAndNames(f)
	}
}

// sentences reports the sentences of more than maxWords words.
func (pc *plainChecker) sentences(f textField) {
	sc := &pc.sc
	for from := 0; from < len(sc.toks); {
		end := sc.sentenceEnd(from)
		if n := sc.countWords(from, end); n > maxWords {
			pc.c.warnf(pc.posAt(f, from), "long_sentence", n, sc.excerpt(from, end))
		}
		from = end
	}
}

// posAt returns the place of token i of the current text. A value written
// as a block ("texte: |") keeps its lines, so the line of the token inside
// it can be found: authors see the very line to fix. Other values are
// folded on one line by YAML; they are shown at their start. The column
// inside a block is not known (the indentation is not kept), so it is 1.
func (pc *plainChecker) posAt(f textField, i int) Pos {
	if i >= len(pc.sc.toks) {
		return f.meta.At(f.key)
	}
	return fieldPos(f, int(pc.sc.toks[i].start))
}

// fieldPos returns the place of the byte at off in a text.
func fieldPos(f textField, off int) Pos {
	at := f.meta.At(f.key)
	if at.Line == 0 {
		return at
	}
	nl := strings.Count(f.text[:off], "\n")
	switch {
	case strings.HasSuffix(f.text, "\n"): // a block: its text starts on the next line
		return Pos{File: at.File, Line: at.Line + 1 + nl, Col: 1}
	case nl > 0:
		return Pos{File: at.File, Line: at.Line + nl, Col: 1}
	}
	return at
}

// referentiel checks the length of sentences in the texts of the
// référentiel and the glossary that learners read. The other rules need a
// lesson: a vocabulary, one text to keep consistent.
func (pc *plainChecker) referentiel() {
	lang := pc.cat.Lang
	for _, d := range pc.cat.Domains {
		if d.Lang == lang {
			pc.sentenceOnly(d.Title, &d.Meta, "titre")
			pc.sentenceOnly(d.Description, &d.Meta, "description")
		}
	}
	for _, comp := range pc.cat.Competences {
		if comp.Lang != lang {
			continue
		}
		pc.sentenceOnly(comp.Title, &comp.Meta, "titre")
		pc.sentenceOnly(comp.Situation, &comp.Meta, "situation")
		pc.sentenceOnly(comp.Description, &comp.Meta, "description")
		for i := range comp.Topics {
			t := &comp.Topics[i]
			pc.sentenceOnly(t.Title, &t.Meta, "titre")
			for j := range t.Skills {
				pc.sentenceOnly(t.Skills[j].Text, &t.Skills[j].Meta, "texte")
			}
		}
	}
	for _, w := range pc.cat.Glossary {
		if w.Lang == lang {
			pc.sentenceOnly(w.Definition, &w.Meta, "definition")
		}
	}
}

func (pc *plainChecker) sentenceOnly(text string, m *Meta, key string) {
	if text == "" {
		return
	}
	pc.sc.scan(text)
	pc.sentences(textField{text: text, meta: m, key: key, vocab: -1})
}
