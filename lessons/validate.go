package lessons

import (
	"reflect"
	"slices"
	"strings"
	"unicode"

	"pasapas/fold"
)

// validator checks what the decoder cannot see from types alone: the rules
// of each question type, lesson structure, and references across files.
type validator struct {
	c *collector
	// builtin says which files come from the built-in library: an id
	// claimed there and in a folder stays the built-in one's.
	builtin map[string]bool
}

// errorf reports a problem in an item and marks it broken.
func (v *validator) errorf(item *Meta, at Pos, code string, args ...any) {
	item.broken = true
	v.c.errorf(at, code, args...)
}

func (v *validator) warnf(at Pos, code string, args ...any) { v.c.warnf(at, code, args...) }

// The référentiels' codes, to catch typos in tags.
var (
	pixCodes     = []string{"1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "3.4", "4.1", "4.2", "4.3", "5.1", "5.2"}
	digCompCodes = []string{"1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "3.1", "3.2", "3.3", "3.4", "4.1", "4.2", "4.3", "4.4", "5.1", "5.2", "5.3", "5.4"}
)

func (v *validator) competence(comp *Competence) {
	for _, code := range comp.Pix {
		if !slices.Contains(pixCodes, code) {
			v.errorf(&comp.Meta, comp.At("pix"), "competence_code", code, "Pix", "2.1, 4.1")
		}
	}
	for _, code := range comp.DigComp {
		if !slices.Contains(digCompCodes, code) {
			v.errorf(&comp.Meta, comp.At("digcomp"), "competence_code", code, "DigComp", "2.1, 4.2")
		}
	}
	for i := range comp.Topics {
		t := &comp.Topics[i]
		byLevel := map[int]string{}
		for j := range t.Skills {
			s := &t.Skills[j]
			if other, ok := byLevel[s.Level]; ok && s.Level != 0 {
				v.errorf(&comp.Meta, s.At("niveau"), "level_taken", s.Level, other)
				continue
			}
			byLevel[s.Level] = s.ID
		}
	}
}

func (v *validator) lesson(l *Lesson) {
	if len(l.Items) > 0 && len(l.Steps()) == 0 && !l.Broken() {
		v.errorf(&l.Meta, l.At("etapes"), "no_steps")
	}
	for _, it := range l.Items {
		if it.Step != nil && it.Step.Variants != nil {
			vs := it.Step.Variants
			for _, dv := range Devices {
				if x := vs.For(dv); x != nil && x.Action == "" && x.Result == "" && x.IfNot == "" && x.Image == "" {
					v.errorf(&l.Meta, vs.At(string(dv)), "variant_empty", string(dv))
				}
			}
		}
		if q := checkQuestion(it); q != nil {
			v.question(q, false)
			if q.Broken() {
				l.broken = true
			}
		}
	}
	v.sources(&l.Meta, l.Sources)
	for _, p := range l.Prerequisites {
		if p.ID == l.ID {
			v.errorf(&l.Meta, p.Pos, "self_prereq")
		}
	}
}

// Keys that belong to one question type only.
var typeKeys = map[string][]string{
	SingleChoice:   {"choix"},
	MultipleChoice: {"choix"},
	TrueFalse:      {"affirmations"},
	FreeText:       {"format", "reponses", "tolerances"},
	Fields:         {"champs", "ordre_libre", "groupes"},
	Ordering:       {"elements"},
	Matching:       {"paires"},
}

// typeNeeds is the key each type cannot do without.
var typeNeeds = map[string]string{
	SingleChoice:   "choix",
	MultipleChoice: "choix",
	TrueFalse:      "affirmations",
	FreeText:       "reponses",
	Fields:         "champs",
	Ordering:       "elements",
	Matching:       "paires",
}

func (v *validator) question(q *Question, inBank bool) {
	m := &q.Meta
	if inBank && q.Skill.IsZero() && !q.Broken() {
		v.errorf(m, m.Pos, "bank_skill")
	}
	if q.VariantOf.ID != "" && q.VariantOf.ID == q.ID {
		v.errorf(m, q.VariantOf.Pos, "variant_self")
	}
	v.sources(m, q.Sources)
	if q.Type == "" || q.Broken() {
		// The decoder already found a problem: rules checked on half-read
		// data would only add confusing echoes of it.
		return
	}
	said := map[string]bool{} // « choix » belongs to two types: say it once
	for t, keys := range typeKeys {
		if t == q.Type {
			continue
		}
		for _, k := range keys {
			if m.Has(k) && !slices.Contains(typeKeys[q.Type], k) && !said[k] {
				said[k] = true
				v.errorf(m, m.At(k), "type_key", k, q.Type)
			}
		}
	}
	if need := typeNeeds[q.Type]; !m.Has(need) {
		v.errorf(m, m.Pos, "type_needs", q.Type, need)
	}
	switch q.Type {
	case SingleChoice, MultipleChoice:
		v.choices(q)
	case TrueFalse:
		v.statements(q)
	case FreeText:
		// One field: the same checker and the same rules as several fields.
		f := Field{Meta: *m, ID: "reponse", Format: q.Format, Answers: q.Answers, Tolerances: q.Tolerances}
		f.keys = []keyPos{{"reponses", m.At("reponses")}, {"tolerances", m.At("tolerances")}, {"format", m.At("format")}}
		v.field(q, &f, false, q.Broken())
		q.Fields = []Field{f}
		v.globalFeedback(q)
	case Fields:
		v.fields(q)
		v.globalFeedback(q)
	case Ordering:
		if len(q.Elements) < 3 && m.Has("elements") {
			v.errorf(m, m.At("elements"), "order_short", len(q.Elements))
		}
		ids := localIDs{v: v, q: q}
		for i := range q.Elements {
			ids.add(q.Elements[i].ID, q.Elements[i].At("id"))
		}
		v.globalFeedback(q)
	case Matching:
		if len(q.Pairs) < 2 && m.Has("paires") {
			v.errorf(m, m.At("paires"), "few_pairs", len(q.Pairs))
		}
		ids := localIDs{v: v, q: q}
		rights := map[string]bool{}
		for i := range q.Pairs {
			p := &q.Pairs[i]
			ids.add(p.ID, p.At("id"))
			k := fold.Key(p.Right)
			if rights[k] {
				v.errorf(m, p.At("droite"), "dup_right", p.Right)
			}
			rights[k] = true
		}
		v.globalFeedback(q)
	}
	if q.Screen != nil {
		v.screen(q, q.Screen)
	}
}

// localIDs finds identifiers used twice inside one question.
type localIDs struct {
	v    *validator
	q    *Question
	seen map[string]bool
}

func (l *localIDs) add(id string, at Pos) {
	if l.seen == nil {
		l.seen = map[string]bool{}
	}
	if id != "" && l.seen[id] {
		l.v.errorf(&l.q.Meta, at, "local_dup", id)
	}
	l.seen[id] = true
}

func (v *validator) choices(q *Question) {
	m := &q.Meta
	if len(q.Choices) < 2 && m.Has("choix") {
		v.errorf(m, m.At("choix"), "few_choices", len(q.Choices))
	}
	ids := localIDs{v: v, q: q}
	right, withFeedback := 0, 0
	for i := range q.Choices {
		ch := &q.Choices[i]
		ids.add(ch.ID, ch.At("id"))
		if ch.Correct {
			right++
		}
		if ch.Feedback != "" {
			withFeedback++
		}
	}
	switch {
	case q.Type == SingleChoice && right != 1 && len(q.Choices) > 0:
		v.errorf(m, m.At("choix"), "single_right", right)
	case q.Type == MultipleChoice && right == 0 && len(q.Choices) > 0:
		v.errorf(m, m.At("choix"), "multi_right")
	}
	v.perItemFeedback(q, withFeedback, len(q.Choices), func(i int) (string, Pos, bool) {
		ch := &q.Choices[i]
		return ch.ID, ch.Pos, ch.Feedback != ""
	})
}

func (v *validator) statements(q *Question) {
	m := &q.Meta
	if len(q.Statements) == 0 && m.Has("affirmations") {
		v.errorf(m, m.At("affirmations"), "few_statements")
	}
	ids := localIDs{v: v, q: q}
	withFeedback := 0
	for i := range q.Statements {
		st := &q.Statements[i]
		ids.add(st.ID, st.At("id"))
		if st.Feedback != "" {
			withFeedback++
		}
	}
	v.perItemFeedback(q, withFeedback, len(q.Statements), func(i int) (string, Pos, bool) {
		st := &q.Statements[i]
		return st.ID, st.Pos, st.Feedback != ""
	})
}

// perItemFeedback enforces "global feedback or feedback on every item, never
// both": a learner who picks an item without feedback would be left with
// nothing to read.
func (v *validator) perItemFeedback(q *Question, with, total int, item func(int) (string, Pos, bool)) {
	m := &q.Meta
	switch {
	case with > 0 && q.Feedback != nil:
		v.errorf(m, m.At("retour"), "feedback_both")
	case with > 0 && with < total:
		for i := range total {
			if id, at, ok := item(i); !ok {
				v.errorf(m, at, "feedback_missing", id)
			}
		}
	case with == 0:
		v.globalFeedback(q)
	}
}

func (v *validator) globalFeedback(q *Question) {
	if q.Feedback == nil && q.Explanation == "" {
		v.warnf(q.Pos, "feedback_none")
	}
}

func (v *validator) fields(q *Question) {
	m := &q.Meta
	ids := localIDs{v: v, q: q}
	// Whether the question was broken before its fields were looked at: a
	// field's problem must not hide the same problem in the next field.
	wasBroken := q.Broken()
	for i := range q.Fields {
		f := &q.Fields[i]
		ids.add(f.ID, f.At("id"))
		v.field(q, f, q.AnyOrder, wasBroken)
	}
	switch {
	case m.Has("groupes") && !q.AnyOrder:
		v.errorf(m, m.At("groupes"), "groups_order")
	case q.AnyOrder:
		if len(q.Groups) < len(q.Fields) {
			v.errorf(m, m.At("groupes"), "groups_few", len(q.Groups), len(q.Fields))
		}
		// Any group may go in any field: check its answers against the
		// tolerances of every text field, each problem once.
		warned := map[string]bool{}
		for i := range q.Fields {
			if f := &q.Fields[i]; f.Format == FormatText {
				for _, g := range q.Groups {
					v.erasedAnswers(f.Tolerances, g, m.At("groupes"), warned)
				}
			}
		}
	}
}

// field checks one answer field. wasBroken says whether the question already
// had a problem before its fields were checked: a missing answer is then not
// reported, as it is usually a consequence of that problem.
func (v *validator) field(q *Question, f *Field, anyOrder, wasBroken bool) {
	m := &q.Meta
	format := f.Format
	if format == "" {
		format = FormatText
		f.Format = FormatText
	}
	if f.Tolerances != nil && format != FormatText {
		v.errorf(m, f.At("tolerances"), "tolerance_moot", format)
	}
	if f.Options != nil && format != FormatSelect {
		v.errorf(m, f.At("options"), "options_unused")
	}
	if anyOrder {
		if f.Has("reponses") {
			v.errorf(m, f.At("reponses"), "groups_fields")
		}
		return
	}
	if len(f.Answers) == 0 && !wasBroken {
		v.errorf(m, f.Pos, "no_answer", f.ID)
		return
	}
	for _, a := range f.Answers {
		switch format {
		case FormatNumber:
			if _, ok := fold.Number(a); !ok {
				v.errorf(m, f.At("reponses"), "number_answer", a)
			}
		case FormatSelect:
			if !slices.Contains(f.Options, a) {
				v.errorf(m, f.At("reponses"), "select_answer", a)
			}
		}
		if strings.TrimSpace(a) == "" {
			v.errorf(m, f.At("reponses"), "empty_answer")
		}
	}
	if format == FormatSelect && len(f.Options) == 0 {
		v.errorf(m, f.Pos, "select_options")
	}
	if format == FormatText {
		v.erasedAnswers(f.Tolerances, f.Answers, f.At("reponses"), map[string]bool{})
	}
}

// erasedAnswers warns about accepted answers that the tolerances change
// beyond what the author meant (they are applied to the learner's answer
// and to each accepted one alike, see quiz/text.go):
//   - an answer made only of signs ("@") becomes empty once punctuation is
//     ignored, and would then accept any answer made only of signs;
//   - with majuscules_accents off and ponctuation on, the punctuation
//     tolerance deletes accented letters, so accents stop counting at all.
func (v *validator) erasedAnswers(t *Tolerances, answers []string, at Pos, warned map[string]bool) {
	on := func(b *bool) bool { return b == nil || *b }
	t1, t2 := true, true
	if t != nil {
		t1, t2 = on(t.CaseAccents), on(t.Punctuation)
	}
	for _, a := range answers {
		treated := fold.NFC(a)
		if t1 {
			treated = fold.T1(treated)
		}
		if t2 {
			treated = fold.T2(treated)
		}
		code := ""
		switch {
		case strings.TrimSpace(a) == "":
			// reported as empty_answer
		case !t1 && t2 && strings.ContainsFunc(a, func(r rune) bool { return r > unicode.MaxASCII && unicode.IsLetter(r) }):
			code = "accents_erased"
		case treated == "":
			code = "answer_erased"
		}
		if code != "" && !warned[code+"\x00"+a] {
			warned[code+"\x00"+a] = true
			v.warnf(at, code, a)
		}
	}
}

// Which keys each mock screen uses, and which it cannot do without.
var screenKeys = map[string]struct{ allowed, needed []string }{
	ScreenInbox:    {[]string{"messages"}, []string{"messages"}},
	ScreenMail:     {[]string{"expediteur", "adresse", "objet", "date", "texte", "lien", "piece_jointe"}, []string{"expediteur", "objet", "texte"}},
	ScreenSMS:      {[]string{"expediteur", "date", "texte", "lien"}, []string{"expediteur", "texte"}},
	ScreenAppStore: {[]string{"nom", "editeur", "note", "telechargements", "prix", "badge", "autorisations", "description"}, []string{"nom", "editeur"}},
	ScreenSlots:    {[]string{"praticien", "specialite", "adresse", "secteur", "jours"}, []string{"praticien", "jours"}},
	ScreenSearch:   {[]string{"requete", "resultats"}, []string{"resultats"}},
}

func (v *validator) screen(q *Question, s *Screen) {
	rule, ok := screenKeys[s.Kind]
	if !ok {
		return // bad type already reported
	}
	for _, k := range infoOf(typeOfScreen).keys {
		if k != "type" && s.Has(k) && !slices.Contains(rule.allowed, k) {
			v.errorf(&q.Meta, s.At(k), "screen_key", k, s.Kind)
		}
	}
	for _, k := range rule.needed {
		if !s.Has(k) {
			v.errorf(&q.Meta, s.Pos, "screen_needs", s.Kind, k)
		}
	}
}

// sameSkills checks that each translated competence has the skills of the
// base one, no more and no fewer: progress, questions and lessons refer to
// skills by identifier, in every language. A missing skill is reported at
// the « acquis » of its topic (or at « sujets » when the whole topic is
// missing), an added one at its identifier.
func (v *validator) sameSkills(base *Catalogue, own *parsed) {
	for _, comp := range own.competences {
		orig := base.competences[comp.ID]
		if orig == nil || comp.Broken() {
			continue
		}
		has := map[string]bool{}
		for _, s := range comp.Skills() {
			has[s.ID] = true
		}
		for i := range orig.Topics {
			ot := &orig.Topics[i]
			at := comp.At("sujets")
			for j := range comp.Topics {
				if t := &comp.Topics[j]; t.ID == ot.ID {
					at = t.At("acquis")
				}
			}
			for j := range ot.Skills {
				if s := &ot.Skills[j]; !has[s.ID] {
					v.errorf(&comp.Meta, at, "skill_missing", s.ID, s.At("id"))
				}
			}
		}
		for _, s := range comp.Skills() {
			if base.skills[s.ID] == nil || base.skills[s.ID].Topic.Competence != orig {
				v.errorf(&comp.Meta, s.At("id"), "skill_extra", s.ID, orig.At("competence"))
			}
		}
	}
}

// references checks every identifier of own's items that points elsewhere.
// It reports true when it marked something broken, so the caller rebuilds
// and checks again. An item left out in any language of all is known as
// such: an English lesson may link to a French-only lesson, and the reverse.
func (v *validator) references(cat *Catalogue, own, all *parsed) bool {
	broke := false
	left := all.leftOut() // identifiers of items left out, for a clearer message
	check := func(item *Meta, r Ref, kind string, exists bool, known func() string) {
		if r.IsZero() || exists || item.Broken() {
			return
		}
		broke = true
		switch at, aside := all.aside[kind+"\x00"+r.ID]; {
		case left[kind+"\x00"+r.ID]:
			v.errorf(item, r.Pos, "ref_left", term(kind), r.ID)
		case aside:
			v.errorf(item, r.Pos, "ref_aside", term(kind), r.ID, at)
		default:
			if fix := known(); fix != "" {
				v.errorf(item, r.Pos, "unknown_ref_fix", term(kind), r.ID, fix)
			} else {
				v.errorf(item, r.Pos, "unknown_ref", term(kind), r.ID)
			}
		}
	}
	skill := func(item *Meta, r Ref) {
		check(item, r, "skill", cat.skills[r.ID] != nil, func() string { return suggestion(r.ID, cat.skills) })
	}
	lesson := func(item *Meta, r Ref) {
		check(item, r, "lesson", cat.lessons[r.ID] != nil, func() string { return suggestion(r.ID, cat.lessons) })
	}
	question := func(item *Meta, r Ref) {
		check(item, r, "question", cat.questions[r.ID] != nil, func() string { return suggestion(r.ID, cat.questions) })
	}
	// A link to a lesson or a question that exists but was left out for its
	// own error (a "voir aussi", a prerequisite, a check, a variant's
	// original) is dropped with a warning: the item holding it is sound, and
	// one broken lesson must not take every lesson linking to it down too.
	exists := func(kind, id string) bool {
		if kind == "lesson" {
			return cat.lessons[id] != nil
		}
		return cat.questions[id] != nil
	}
	soft := func(item *Meta, r Ref, kind string) bool {
		if r.IsZero() || item.Broken() || exists(kind, r.ID) {
			return true
		}
		if at, aside := all.aside[kind+"\x00"+r.ID]; aside && !left[kind+"\x00"+r.ID] {
			v.warnf(r.Pos, "ref_aside_dropped", term(kind), r.ID, at)
			return false
		}
		if !left[kind+"\x00"+r.ID] {
			return true
		}
		v.warnf(r.Pos, "ref_dropped", term(kind), r.ID)
		return false
	}
	softList := func(item *Meta, refs []Ref, kind string, each func(*Meta, Ref)) []Ref {
		kept := refs[:0]
		for _, r := range refs {
			if soft(item, r, kind) {
				each(item, r)
				kept = append(kept, r)
			}
		}
		return kept
	}
	questionRefs := func(item *Meta, q *Question) {
		skill(item, q.Skill)
		q.SeeAlso = softList(item, q.SeeAlso, "lesson", lesson)
		if !soft(item, q.VariantOf, "question") {
			q.VariantOf = Ref{}
		}
		if q.VariantOf.IsZero() || item.Broken() {
			return
		}
		question(item, q.VariantOf)
		if orig := cat.questions[q.VariantOf.ID]; orig != nil {
			switch {
			case !orig.VariantOf.IsZero():
				v.errorf(item, q.VariantOf.Pos, "variant_chain", orig.ID, orig.VariantOf.ID)
				broke = true
			case orig.Skill.ID != q.Skill.ID:
				v.errorf(item, q.VariantOf.Pos, "variant_skill", orig.ID, orig.Skill.ID)
				broke = true
			}
		}
	}
	for _, comp := range own.competences {
		check(&comp.Meta, comp.Domain, "domain", cat.domains[comp.Domain.ID] != nil, func() string { return suggestion(comp.Domain.ID, cat.domains) })
	}
	for _, l := range own.lessons {
		for _, r := range l.Skills {
			skill(&l.Meta, r)
		}
		l.Prerequisites = softList(&l.Meta, l.Prerequisites, "lesson", lesson)
		l.SeeAlso = softList(&l.Meta, l.SeeAlso, "lesson", lesson)
		for _, it := range l.Items {
			switch {
			case it.Check == nil:
			case it.Check.Question != nil:
				questionRefs(&l.Meta, it.Check.Question)
			case soft(&l.Meta, it.Check.Ref, "question"):
				question(&l.Meta, it.Check.Ref)
			default:
				it.Check.Ref = Ref{} // the lesson is read without this check
			}
		}
	}
	for _, q := range own.questions {
		questionRefs(&q.Meta, q)
	}
	return broke
}

// leftOut returns the identifiers, by kind, of the items marked broken and
// of their parts, so a reference to them can say why it fails.
func (p *parsed) leftOut() map[string]bool {
	left := map[string]bool{}
	add := func(kind, id string) { left[kind+"\x00"+id] = true }
	for _, d := range p.domains {
		if d.Broken() {
			add("domain", d.ID)
		}
	}
	for _, comp := range p.competences {
		if comp.Broken() {
			for _, s := range comp.Skills() {
				add("skill", s.ID)
			}
		}
	}
	for _, l := range p.lessons {
		if l.Broken() {
			add("lesson", l.ID)
			for _, it := range l.Items {
				if q := checkQuestion(it); q != nil {
					add("question", q.ID)
				}
			}
		}
	}
	for _, q := range p.questions {
		if q.Broken() {
			add("question", q.ID)
		}
	}
	return left
}

// prerequisiteCycles finds lessons that are, through their prerequisites,
// their own prerequisite: a learner could never start them. A cycle is
// blamed on the lesson whose prerequisite closes it, at that prerequisite,
// and named from that lesson back to itself (« b → a → b »). One cycle is
// reported at a time: leaving that lesson out breaks the cycle, and the
// caller rebuilds and checks again.
func (v *validator) prerequisiteCycles(cat *Catalogue, own *parsed) bool {
	const (
		unseen = iota
		active
		done
	)
	mine := map[*Lesson]bool{}
	for _, l := range own.lessons {
		mine[l] = true
	}
	state := map[string]int{}
	var path []*Lesson // the lessons being visited, each a prerequisite of the one before
	var back string    // the lesson of path a prerequisite points back to
	var visit func(l *Lesson) bool
	visit = func(l *Lesson) bool {
		state[l.ID] = active
		path = append(path, l)
		for _, p := range l.Prerequisites {
			next := cat.lessons[p.ID]
			if next == nil || next.ID == l.ID {
				continue // reported elsewhere: unknown_ref, self_prereq
			}
			switch state[next.ID] {
			case active:
				back = next.ID
				return true
			case unseen:
				if visit(next) {
					return true
				}
			}
		}
		path = path[:len(path)-1]
		state[l.ID] = done
		return false
	}
	for _, l := range own.lessons {
		if l.Broken() || state[l.ID] != unseen {
			continue
		}
		path = path[:0]
		if !visit(l) {
			continue
		}
		cycle := path[slices.IndexFunc(path, func(x *Lesson) bool { return x.ID == back }):]
		// The cycle closes at its last lesson. In English, the cycle may
		// run through French lessons, already accepted by the French
		// build: blame the last lesson of this language instead.
		for i := len(cycle) - 1; i >= 0; i-- {
			if !mine[cycle[i]] || cycle[i].Broken() {
				continue
			}
			next := cycle[(i+1)%len(cycle)].ID
			at := cycle[i].At("prerequis")
			for _, p := range cycle[i].Prerequisites {
				if p.ID == next {
					at = p.Pos
					break
				}
			}
			names := make([]string, 0, len(cycle)+1)
			for j := range len(cycle) + 1 {
				names = append(names, cycle[(i+j)%len(cycle)].ID)
			}
			v.errorf(&cycle[i].Meta, at, "prereq_cycle", strings.Join(names, " → "))
			return true
		}
		// No lesson of this language to blame (cannot happen while the
		// base catalogue has no cycle): leave this one and go on.
		for _, x := range path {
			state[x.ID] = done
		}
	}
	return false
}

var typeOfScreen = reflect.TypeFor[Screen]()
