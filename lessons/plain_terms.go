package lessons

import "slices"

// The rules on words: hard words must be explained (jargon, jargon_bank),
// and one thing keeps one name (two_names, vocab_synonym). Both work on
// the terms the language's lexicon finds in a text, and on what the
// vocabulary of the lesson — or, for a bank question, the glossary and the
// lessons of its acquis — explains and names.

// explains returns the jargon a vocabulary entry explains: what its word and
// its synonyms name.
func (pc *plainChecker) explains(w *Word) groupSet {
	var g groupSet
	if pc.lang == nil {
		return g
	}
	pc.terms(w.Word, func(t *lexTerm) {
		if t.jargon >= 0 {
			g.add(t.jargon)
		}
	})
	for _, syn := range w.Synonyms {
		pc.terms(syn, func(t *lexTerm) {
			if t.jargon >= 0 {
				g.add(t.jargon)
			}
		})
	}
	return g
}

// terms calls fn for each term of the language's lexicon found in text.
func (pc *plainChecker) terms(text string, fn func(*lexTerm)) {
	sc := &pc.aux
	sc.scan(text)
	for i := 0; i < len(sc.toks); {
		t, n := pc.lang.lex.match(sc, i)
		if t == nil {
			i++
			continue
		}
		fn(t)
		i += n
	}
}

// lessonExplains returns, from the cache, the jargon a lesson's vocabulary
// explains.
func (pc *plainChecker) lessonExplains(l *Lesson) groupSet {
	if g, ok := pc.byLesson[l]; ok {
		return g
	}
	var g groupSet
	for i := range l.Vocabulary {
		g.union(pc.explains(&l.Vocabulary[i]))
	}
	pc.byLesson[l] = g
	return g
}

// skillExplains returns, from the cache, the jargon explained by the
// glossary and the lessons that teach an acquis.
func (pc *plainChecker) skillExplains(id string) groupSet {
	if g, ok := pc.bySkill[id]; ok {
		return g
	}
	g := pc.glossary
	for _, l := range pc.cat.LessonsFor(id) {
		g.union(pc.lessonExplains(l))
	}
	pc.bySkill[id] = g
	return g
}

// useVocabulary prepares the naming rules from a lesson's vocabulary: the
// name its words give to a concept is the one to keep, and the synonyms it
// lists are the words not to use.
func (pc *plainChecker) useVocabulary(l *Lesson) {
	pc.u.words = l.Vocabulary
	pc.owns = slices.Grow(pc.owns[:0], len(l.Vocabulary))[:len(l.Vocabulary)]
	clear(pc.owns)
	pc.u.owns = pc.owns
	hasSynonyms := false
	for i := range l.Vocabulary {
		w := &l.Vocabulary[i]
		hasSynonyms = hasSynonyms || len(w.Synonyms) > 0
		if pc.lang == nil {
			continue
		}
		pc.terms(w.Word, func(t *lexTerm) {
			if t.concept < 0 {
				return
			}
			pc.u.owns[i] |= 1 << t.concept
			if use := &pc.u.names[t.concept]; use.name < 0 {
				*use = nameUse{name: t.name, word: w.Word, field: textField{text: w.Word, meta: &w.Meta, key: "mot"}}
			}
		})
		for _, syn := range w.Synonyms {
			pc.terms(syn, func(t *lexTerm) {
				if t.concept >= 0 {
					pc.u.owns[i] |= 1 << t.concept
				}
			})
		}
	}
	if !hasSynonyms {
		return
	}
	lx := &pc.vocabLex
	lx.reset()
	for _, sp := range neutral[pc.cat.Lang] { // "App Store" is not the synonym "app"
		lx.add(&pc.aux, sp, sense{jargon: -1, concept: -1, vocab: -1, neutral: true})
	}
	for i := range l.Vocabulary {
		w := &l.Vocabulary[i]
		lx.add(&pc.aux, w.Word, sense{jargon: -1, concept: -1, vocab: i})
		for _, syn := range w.Synonyms {
			lx.add(&pc.aux, syn, sense{jargon: -1, concept: -1, vocab: i, synonym: true})
		}
	}
	pc.u.vocab = lx
}

// synonyms reports the words the vocabulary lists as synonyms, used outside
// their own entry, and marks every vocabulary word found so the naming rule
// does not report the same word twice.
func (pc *plainChecker) synonyms(f textField) {
	sc := &pc.sc
	lx := pc.u.vocab
	if lx == nil {
		return
	}
	pc.seen = slices.Grow(pc.seen[:0], len(sc.toks))[:len(sc.toks)]
	clear(pc.seen)
	for i := 0; i < len(sc.toks); {
		t, n := lx.match(sc, i)
		if t == nil {
			i++
			continue
		}
		for k := i; k < i+n; k++ {
			pc.seen[k] = true
		}
		if t.synonym && t.vocab != f.vocab && !sc.anyQuoted(i, n) && !slices.Contains(pc.u.synWarned, t) {
			pc.u.synWarned = append(pc.u.synWarned, t) // once per lesson and synonym
			word := pc.u.words[t.vocab].Word
			pc.c.warnf(pc.posAt(f, i), "vocab_synonym", sc.span(i, t), word, word)
		}
		i += n
	}
}

// jargonAndNames reports the hard words not explained, and a second name
// for something the unit already named.
func (pc *plainChecker) jargonAndNames(f textField) {
	sc := &pc.sc
	for i := 0; i < len(sc.toks); {
		t, n := pc.lang.lex.match(sc, i)
		if t == nil {
			i++
			continue
		}
		at := i + t.lead
		if g := t.jargon; g >= 0 && !pc.u.explained.has(g) && !pc.u.reported.has(g) {
			pc.u.reported.add(g)
			if pc.u.bank {
				pc.c.warnf(pc.posAt(f, at), "jargon_bank", sc.span(i, t), pc.u.skill)
			} else {
				pc.c.warnf(pc.posAt(f, at), "jargon", sc.span(i, t))
			}
		}
		seen := pc.u.vocab != nil && pc.seen[at]
		if t.concept >= 0 && !seen && !sc.anyQuoted(at, n-t.lead) && !pc.ownedBy(f.vocab, t.concept) {
			pc.name(f, t, i)
		}
		i += n
	}
}

// ownedBy says whether a vocabulary entry names the concept itself: its
// definition may then say the other names ("On dit aussi courriel").
func (pc *plainChecker) ownedBy(entry, concept int) bool {
	return entry >= 0 && entry < len(pc.u.owns) && pc.u.owns[entry]&(1<<concept) != 0
}

// name records the name used for a concept, or reports a second one.
func (pc *plainChecker) name(f textField, t *lexTerm, i int) {
	sc := &pc.sc
	use := &pc.u.names[t.concept]
	switch {
	case use.name < 0:
		*use = nameUse{name: t.name, word: sc.span(i, t), field: f, off: sc.toks[i+t.lead].start}
	case use.name != t.name && use.warned&(1<<t.name) == 0:
		use.warned |= 1 << t.name
		first := fieldPos(use.field, int(use.off))
		pc.c.warnf(pc.posAt(f, i+t.lead), "two_names", sc.span(i, t), use.word, first.Line)
	}
}

// anyQuoted says whether one of tokens [i, i+n) is quoted.
func (s *scanner) anyQuoted(i, n int) bool {
	for k := i; k < i+n && k < len(s.toks); k++ {
		if s.toks[k].quoted {
			return true
		}
	}
	return false
}
