package lessons

import (
	"slices"
	"strings"

	"pasapas/fold"
	"pasapas/i18n"
)

// Catalogue is the checked content in one language: only what loaded
// without error, linked together, with lookups by identifier.
type Catalogue struct {
	Lang        i18n.Lang
	Domains     []*Domain
	Competences []*Competence
	Lessons     []*Lesson
	Questions   []*Question // the bank questions, for tests and review
	Glossary    []*Word

	domains        map[string]*Domain
	competences    map[string]*Competence
	skills         map[string]*Skill
	lessons        map[string]*Lesson
	questions      map[string]*Question // bank questions and lesson checks
	lessonsBySkill map[string][]*Lesson
	skipped        []Skip
}

// Domain returns a domain by identifier, or nil.
func (c *Catalogue) Domain(id string) *Domain { return c.domains[id] }

// Competence returns a competence by identifier, or nil.
func (c *Catalogue) Competence(id string) *Competence { return c.competences[id] }

// Skill returns an acquis by identifier, or nil.
func (c *Catalogue) Skill(id string) *Skill { return c.skills[id] }

// Lesson returns a lesson by identifier, or nil.
func (c *Catalogue) Lesson(id string) *Lesson { return c.lessons[id] }

// Question returns a question (of a bank or of a lesson) by identifier, or nil.
func (c *Catalogue) Question(id string) *Question { return c.questions[id] }

// LessonsFor returns the lessons that teach a skill, easiest first: what to
// read "pour réussir la prochaine fois".
func (c *Catalogue) LessonsFor(skillID string) []*Lesson { return c.lessonsBySkill[skillID] }

// Skills returns the skills of a competence, topic by topic, by level.
func (comp *Competence) Skills() []*Skill {
	var out []*Skill
	for i := range comp.Topics {
		for j := range comp.Topics[i].Skills {
			out = append(out, &comp.Topics[i].Skills[j])
		}
	}
	return out
}

// CompetenceOf returns the competence a skill belongs to, or nil.
func (c *Catalogue) CompetenceOf(skillID string) *Competence {
	if s := c.skills[skillID]; s != nil {
		return s.Topic.Competence
	}
	return nil
}

// QuestionsOf returns the bank questions of a competence, in file order.
func (c *Catalogue) QuestionsOf(competenceID string) []*Question {
	var out []*Question
	for _, q := range c.Questions {
		if comp := c.CompetenceOf(q.Skill.ID); comp != nil && comp.ID == competenceID {
			out = append(out, q)
		}
	}
	return out
}

// LessonsOf returns the lessons of a competence (by the competence of their
// first skill), easiest first.
func (c *Catalogue) LessonsOf(competenceID string) []*Lesson {
	var out []*Lesson
	for _, l := range c.Lessons {
		if comp := c.LessonCompetence(l); comp != nil && comp.ID == competenceID {
			out = append(out, l)
		}
	}
	return out
}

// LessonCompetence returns the competence a lesson belongs to: the one of its
// first skill.
func (c *Catalogue) LessonCompetence(l *Lesson) *Competence {
	if len(l.Skills) == 0 {
		return nil
	}
	return c.CompetenceOf(l.Skills[0].ID)
}

// Define returns the glossary entry for a word (accents and case ignored), or nil.
func (c *Catalogue) Define(word string) *Word {
	k := fold.Key(word)
	for _, w := range c.Glossary {
		if fold.Key(w.Word) == k {
			return w
		}
		for _, s := range w.Synonyms {
			if fold.Key(s) == k {
				return w
			}
		}
	}
	return nil
}

// CheckQuestion returns the question of a lesson check: the one written in
// place or the bank question it names.
func (c *Catalogue) CheckQuestion(ch *Check) *Question {
	if ch.Question != nil {
		return ch.Question
	}
	return c.questions[ch.Ref.ID]
}

// A catalogue is built in two passes, so that each language knows what the
// other left out before any link is checked (see validator.references):
// check looks at each item of one language on its own, then link lays them
// over the base language and checks the links between them.

// newCatalogue returns an empty catalogue of one language.
func newCatalogue(lang i18n.Lang) *Catalogue {
	return &Catalogue{
		Lang:           lang,
		domains:        map[string]*Domain{},
		competences:    map[string]*Competence{},
		skills:         map[string]*Skill{},
		lessons:        map[string]*Lesson{},
		questions:      map[string]*Question{},
		lessonsBySkill: map[string][]*Lesson{},
	}
}

// check runs the rules that need nothing but the items of one language:
// each item on its own, then identifiers used twice.
func check(v *validator, own *parsed) {
	// 1. Each item on its own.
	for _, comp := range own.competences {
		v.competence(comp)
	}
	for _, l := range own.lessons {
		v.lesson(l)
	}
	for _, q := range own.questions {
		v.question(q, true)
	}

	// 2. Identifiers used twice in this language.
	ids := newIDSpace(v)
	for _, d := range own.domains {
		ids.claim("domain", d.ID, &d.Meta, d.At("id"))
	}
	for _, comp := range own.competences {
		ids.claim("competence", comp.ID, &comp.Meta, comp.At("competence"))
		if comp.ID == PositioningID {
			v.errorf(&comp.Meta, comp.At("competence"), "reserved_id", comp.ID)
		}
		for i := range comp.Topics {
			t := &comp.Topics[i]
			ids.claim("topic", t.ID, &comp.Meta, t.At("id"))
			for j := range t.Skills {
				s := &t.Skills[j]
				ids.claim("skill", s.ID, &comp.Meta, s.At("id"))
			}
		}
	}
	for _, l := range own.lessons {
		ids.claim("lesson", l.ID, &l.Meta, l.At("lecon"))
		for _, it := range l.Items {
			if q := checkQuestion(it); q != nil {
				ids.claim("question", q.ID, &l.Meta, q.At("id"))
			}
		}
	}
	for _, q := range own.questions {
		ids.claim("question", q.ID, &q.Meta, q.At("id"))
	}
	// Words are compared without case or accents, but reported as the
	// author wrote them.
	words := map[string]*Word{}
	for _, w := range own.words {
		k := fold.Key(w.Word)
		if k == "" {
			continue
		}
		if first, ok := words[k]; ok {
			v.errorf(&w.Meta, w.At("mot"), "dup_word", w.Word, first.Word, first.At("mot"))
			continue
		}
		words[k] = w
	}
	oneDefinition(v, own, words)
}

// oneDefinition warns when a lesson defines a word another way than the
// glossary, or than an earlier lesson when the glossary lacks the word: a
// learner who meets « navigateur » explained two ways in two lessons cannot
// tell whether they are the same thing. The glossary holds the definition; a
// lesson that repeats it word for word (case, accents and spacing aside) is
// fine. Only the words themselves are compared: a synonym used as a word is
// the naming rules' business (two_names, vocab_synonym).
func oneDefinition(v *validator, own *parsed, glossary map[string]*Word) {
	first := map[string]*Word{}
	for _, l := range own.lessons {
		for i := range l.Vocabulary {
			w := &l.Vocabulary[i]
			k := fold.Key(w.Word)
			if k == "" || w.Definition == "" {
				continue
			}
			other, ok := glossary[k]
			if !ok {
				if other, ok = first[k]; !ok {
					first[k] = w
					continue
				}
			}
			if sameDefinition(w.Definition, other.Definition) {
				continue
			}
			// The message closes the quote with its own full stop.
			v.warnf(w.At("mot"), "two_definitions", w.Word, other.At("mot"), strings.TrimRight(other.Definition, ". "))
		}
	}
}

// sameDefinition says whether two definitions are one text once case,
// accents and spacing are set aside.
func sameDefinition(a, b string) bool {
	return fold.Key(strings.Join(strings.Fields(a), " ")) == fold.Key(strings.Join(strings.Fields(b), " "))
}

// link fills the catalogue of one language, whose items own were checked.
// English starts from the French catalogue and replaces, item by item, what
// has a translation; an English item that fails keeps the French one in its
// place. all is every item of every language: a link to an item left out
// in any language says why.
func (cat *Catalogue) link(v *validator, own, all *parsed, base *Catalogue) {
	if base != nil {
		v.sameSkills(base, own)
	}
	// Lay this language's sound items over the base language, check the
	// references, and start again while something breaks: leaving an item
	// out can leave another pointing at nothing.
	for {
		cat.compose(base, own)
		cat.index()
		if !v.references(cat, own, all) && !v.prerequisiteCycles(cat, own) {
			break
		}
	}
	cat.sortLessons()
	cat.index()
	cat.skipped = own.broken()
}

// compose sets the lists to the base's items replaced or extended by the
// sound items of own.
func (cat *Catalogue) compose(base *Catalogue, own *parsed) {
	cat.Domains, cat.Competences, cat.Lessons, cat.Questions, cat.Glossary = nil, nil, nil, nil, nil
	if base != nil {
		cat.Domains = slices.Clone(base.Domains)
		cat.Competences = slices.Clone(base.Competences)
		cat.Lessons = slices.Clone(base.Lessons)
		cat.Questions = slices.Clone(base.Questions)
		cat.Glossary = slices.Clone(base.Glossary)
	}
	cat.Domains = overlay(cat.Domains, own.domains, func(d *Domain) string { return d.ID }, func(d *Domain) *Meta { return &d.Meta })
	cat.Competences = overlay(cat.Competences, own.competences, func(x *Competence) string { return x.ID }, func(x *Competence) *Meta { return &x.Meta })
	cat.Lessons = overlay(cat.Lessons, own.lessons, func(x *Lesson) string { return x.ID }, func(x *Lesson) *Meta { return &x.Meta })
	cat.Questions = overlay(cat.Questions, own.questions, func(x *Question) string { return x.ID }, func(x *Question) *Meta { return &x.Meta })
	// A glossary is read in one language: words do not translate one by one.
	if sound := slices.DeleteFunc(slices.Clone(own.words), func(w *Word) bool { return w.Broken() }); len(sound) > 0 {
		cat.Glossary = sound
	}
}

// broken lists the items left out.
func (p *parsed) broken() []Skip {
	var out []Skip
	add := func(kind, id string, m *Meta) {
		if m.Broken() {
			out = append(out, Skip{Pos: m.Pos, Kind: kind, ID: id})
		}
	}
	for _, x := range p.domains {
		add("domaine", x.ID, &x.Meta)
	}
	for _, x := range p.competences {
		add("competence", x.ID, &x.Meta)
	}
	for _, x := range p.lessons {
		add("lecon", x.ID, &x.Meta)
	}
	for _, x := range p.questions {
		add("question", x.ID, &x.Meta)
	}
	for _, x := range p.words {
		add("glossaire", x.Word, &x.Meta)
	}
	return out
}

// ofLang returns the items written in one language.
func (p *parsed) ofLang(l i18n.Lang) *parsed {
	out := &parsed{}
	for _, x := range p.domains {
		if x.Lang == l {
			out.domains = append(out.domains, x)
		}
	}
	for _, x := range p.competences {
		if x.Lang == l {
			out.competences = append(out.competences, x)
		}
	}
	for _, x := range p.lessons {
		if x.Lang == l {
			out.lessons = append(out.lessons, x)
		}
	}
	for _, x := range p.questions {
		if x.Lang == l {
			out.questions = append(out.questions, x)
		}
	}
	for _, x := range p.words {
		if x.Lang == l {
			out.words = append(out.words, x)
		}
	}
	return out
}

func checkQuestion(it LessonItem) *Question {
	if it.Check != nil {
		return it.Check.Question
	}
	return nil
}

// overlay replaces, in order, the items of base that have a sound item of the
// same identifier in top, and appends the new ones. Broken items of top are
// not used.
func overlay[T any](base, top []T, id func(T) string, meta func(T) *Meta) []T {
	at := map[string]int{}
	for i, x := range base {
		at[id(x)] = i
	}
	out := base
	for _, x := range top {
		if meta(x).Broken() {
			continue
		}
		if i, ok := at[id(x)]; ok {
			out[i] = x
			continue
		}
		at[id(x)] = len(out)
		out = append(out, x)
	}
	return out
}

// index rebuilds the lookups and back-links from the lists.
func (cat *Catalogue) index() {
	clear(cat.domains)
	clear(cat.competences)
	clear(cat.skills)
	clear(cat.lessons)
	clear(cat.questions)
	clear(cat.lessonsBySkill)
	for _, d := range cat.Domains {
		cat.domains[d.ID] = d
	}
	for _, comp := range cat.Competences {
		cat.competences[comp.ID] = comp
		for i := range comp.Topics {
			t := &comp.Topics[i]
			t.Competence = comp
			for j := range t.Skills {
				s := &t.Skills[j]
				s.Topic = t
				cat.skills[s.ID] = s
			}
		}
	}
	for _, l := range cat.Lessons {
		cat.lessons[l.ID] = l
		for _, it := range l.Items {
			if q := checkQuestion(it); q != nil {
				cat.questions[q.ID] = q
			}
		}
		for _, s := range l.Skills {
			cat.lessonsBySkill[s.ID] = append(cat.lessonsBySkill[s.ID], l)
		}
	}
	for _, q := range cat.Questions {
		cat.questions[q.ID] = q
	}
}

// sortLessons orders lessons by competence (in catalogue order), then level,
// keeping file order among equals.
func (cat *Catalogue) sortLessons() {
	rank := map[string]int{}
	for i, comp := range cat.Competences {
		rank[comp.ID] = i
	}
	compRank := func(l *Lesson) int {
		if len(l.Skills) > 0 {
			if s := cat.skills[l.Skills[0].ID]; s != nil {
				return rank[s.Topic.Competence.ID]
			}
		}
		return len(rank)
	}
	slices.SortStableFunc(cat.Lessons, func(a, b *Lesson) int {
		if d := compRank(a) - compRank(b); d != 0 {
			return d
		}
		return a.Level - b.Level
	})
}

// idSpace finds identifiers claimed twice.
type idSpace struct {
	v     *validator
	first map[string]*claim
}

// claim is the first item to use an identifier.
type claim struct {
	item     *Meta
	at       Pos
	reported bool // its own message, naming the other, is written
}

func newIDSpace(v *validator) *idSpace { return &idSpace{v: v, first: map[string]*claim{}} }

// claim records id, written at at, for item (or for a part of it: a skill
// of a competence, a check of a lesson). Claimed twice:
//   - by the built-in library and by a folder, the built-in one is kept and
//     the folder's item is set aside, with a message saying so;
//   - otherwise (one folder, two folders, or the built-in library with
//     itself), neither can be told the right one: both are set aside, and
//     each message names the other. A copy named 00-copie.yaml no longer
//     pushes the original out and blames it.
func (s *idSpace) claim(kind, id string, item *Meta, at Pos) {
	if id == "" {
		return
	}
	k := kind + "\x00" + id
	first, ok := s.first[k]
	if !ok {
		s.first[k] = &claim{item: item, at: at}
		return
	}
	firstBuiltin, builtin := s.v.builtin[first.at.File], s.v.builtin[at.File]
	switch {
	case firstBuiltin && !builtin:
		s.v.errorf(item, at, "dup_builtin", id, first.at)
	case builtin && !firstBuiltin:
		s.v.errorf(first.item, first.at, "dup_builtin", id, at)
		s.first[k] = &claim{item: item, at: at, reported: true}
	default:
		s.v.errorf(item, at, "dup_id", id, first.at)
		if !first.reported {
			s.v.errorf(first.item, first.at, "dup_id", id, at)
			first.reported = true
		}
	}
}

// suggestion returns the known identifier closest to a mistyped one.
func suggestion[V any](id string, known map[string]V) string {
	if len(known) > 2000 {
		return "" // not worth the time on huge catalogues
	}
	return fold.Closest(id, sortedKeys(known))
}
