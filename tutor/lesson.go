package tutor

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"pasapas/lessons"
	"pasapas/quiz"
	"pasapas/record"
)

// lessonScreen reads a lesson one page at a time: an introduction, the
// device question when steps differ by device (asked once, then
// remembered), one page per step or check question, and a last page with
// what to remember. Every page reached is saved, so the learner resumes
// where they stopped.
type lessonScreen struct {
	l      *lessons.Lesson
	pages  []page
	at     int
	steps  int // number of step pages, for "Étape 3 sur 7"
	device lessons.Device

	deviceMenu menu
	devices    []lessons.Device // the devices the lesson's steps differ on
	scroll     scroller
	showVocab  bool

	checks  map[int]*questionView // by page
	pending quiz.Result           // the check answer being written

	next      []*lessons.Lesson // "voir aussi": offered on the last page
	recapMenu menu
	recapPage follower
	recapMove bool // the learner moved on the last page: it follows the focus
}

type pageKind int

const (
	pageIntro pageKind = iota
	pageDevice
	pageStep
	pageCheck
	pageRecap
)

type page struct {
	kind   pageKind
	item   int // index in the lesson's items, for steps and checks
	step   *lessons.Step
	check  *lessons.Check
	number int // 1-based step number
}

func newLessonScreen(ctx *Context, l *lessons.Lesson) *lessonScreen {
	s := &lessonScreen{l: l, checks: map[int]*questionView{}}
	if ctx.Session != nil {
		s.device = ctx.Session.learner.Prefs.Device
	}
	s.pages = append(s.pages, page{kind: pageIntro})
	if l.HasVariants() && s.device == "" {
		s.pages = append(s.pages, page{kind: pageDevice})
	}
	s.devices = lessonDevices(l)
	var items []menuItem
	for _, d := range s.devices {
		items = append(items, menuItem{label: ctx.say("device_" + string(d))})
	}
	s.deviceMenu.set(append(items, menuItem{label: ctx.say("device_other")}))
	for i, it := range l.Items {
		switch {
		case it.Step != nil:
			s.steps++
			s.pages = append(s.pages, page{kind: pageStep, item: i, step: it.Step, number: s.steps})
		case it.Check != nil && ctx.Cat.CheckQuestion(it.Check) != nil:
			s.pages = append(s.pages, page{kind: pageCheck, item: i, check: it.Check, number: s.steps})
		}
	}
	s.pages = append(s.pages, page{kind: pageRecap})
	// Resume where the learner stopped: on the step itself, or on the step
	// before a check question (the Entrée that resumes must not answer it).
	if ctx.Session != nil {
		if lp, ok := ctx.Session.state.Lessons[l.ID]; ok && !lp.Done && lp.Step > 0 {
			for i, p := range s.pages {
				if (p.kind == pageStep || p.kind == pageCheck) && p.item == lp.Step-1 {
					s.at = i
				}
			}
			for s.at > 0 && s.pages[s.at].kind == pageCheck {
				s.at--
			}
		}
	}
	// Back to the lessons first (Entrée), then the « voir aussi » lessons
	// under their heading.
	items = []menuItem{{label: ctx.say("lesson_end")}}
	for _, r := range l.SeeAlso {
		if next := ctx.Cat.Lesson(r.ID); next != nil && next.ID != l.ID {
			it := menuItem{label: ctx.say("q_read", next.Title)}
			if len(s.next) == 0 {
				it.heading = ctx.say("go_further")
			}
			s.next = append(s.next, next)
			items = append(items, it)
		}
	}
	s.recapMenu.set(items)
	s.enter(ctx)
	return s
}

// bodyWidth is the width of the text column: lines longer than about 70
// characters are hard to read, even on a wide screen.
func bodyWidth(ctx *Context) int { return min(ctx.Width, 76) }

func (s *lessonScreen) Title(ctx *Context) string { return s.l.Title }

// Typing is true while a check question takes text.
func (s *lessonScreen) Typing() bool {
	if v := s.check(); v != nil {
		return v.Typing()
	}
	return false
}

// Asking returns the check question on screen while it waits for an answer.
func (s *lessonScreen) Asking() *questionView { return s.check().waiting() }

func (s *lessonScreen) check() *questionView {
	if s.pages[s.at].kind == pageCheck {
		return s.checks[s.at]
	}
	return nil
}

func (s *lessonScreen) Help(ctx *Context) []key.Binding {
	k := ctx.Keys
	if s.showVocab {
		return []key.Binding{k.Up, k.Down, k.Enter, k.Back}
	}
	switch s.pages[s.at].kind {
	case pageDevice:
		return []key.Binding{k.Digits, k.Enter, k.Back}
	case pageCheck:
		return []key.Binding{k.Up, k.Down, k.Enter, k.Back}
	case pageRecap:
		return []key.Binding{k.Up, k.Down, k.Enter, k.Prev, k.Back}
	}
	return []key.Binding{k.Next, k.Prev, k.Vocab, k.Back}
}

func (s *lessonScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case recordedMsg:
		if v := s.check(); v != nil {
			v.showFeedback(ctx, s.pending, msg.err)
		}
		return nil
	case tea.KeyPressMsg:
		k := ctx.Keys
		if s.showVocab {
			switch {
			case key.Matches(msg, k.Back, k.Vocab):
				s.showVocab = false
			case key.Matches(msg, k.Enter) && len(ctx.Cat.Glossary) > 0:
				s.showVocab = false
				return push(newGlossaryScreen())
			default:
				s.scroll.update(ctx, msg)
			}
			return nil
		}
		if key.Matches(msg, k.Back) {
			return back()
		}
	}
	switch p := s.pages[s.at]; p.kind {
	case pageDevice:
		if i, ok := s.deviceMenu.update(ctx, msg); ok {
			if i == len(s.devices) {
				// Another device, or the learner does not know: the common
				// steps, and the question comes back next time.
				return s.turn(ctx, 1)
			}
			return tea.Batch(s.chooseDevice(ctx, s.devices[i]), s.turn(ctx, 1))
		}
		if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, ctx.Keys.Prev) {
			return s.turn(ctx, -1)
		}
		return nil
	case pageCheck:
		return s.updateCheck(ctx, msg)
	case pageRecap:
		if c, ok := msg.(clickMsg); ok {
			// The menu's zones are lines of the whole page, which may
			// have scrolled.
			line, ok := s.recapPage.lineAt(c.y)
			if !ok {
				return nil
			}
			c.y = line
			if i, ok := s.recapMenu.update(ctx, c); ok {
				return s.recapChoose(ctx, i)
			}
			return nil
		}
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch p := s.pages[s.at]; {
	case key.Matches(k, ctx.Keys.Vocab):
		s.showVocab = true
	case p.kind == pageRecap && s.recapPage.key(k.String()):
	case p.kind == pageRecap && !key.Matches(k, ctx.Keys.Prev):
		s.recapMove = true
		if i, ok := s.recapMenu.update(ctx, msg); ok {
			return s.recapChoose(ctx, i)
		}
	case key.Matches(k, ctx.Keys.Next) && p.kind != pageRecap:
		return s.turn(ctx, 1)
	case key.Matches(k, ctx.Keys.Prev):
		return s.turn(ctx, -1)
	default:
		s.scroll.update(ctx, msg)
	}
	return nil
}

// recapChoose does what the i-th line of the last page's menu says: back
// to the lessons, or on to a « voir aussi » lesson.
func (s *lessonScreen) recapChoose(ctx *Context, i int) tea.Cmd {
	if i == 0 {
		return back()
	}
	return replace(newLessonScreen(ctx, s.next[i-1]))
}

// updateCheck gives the keys to the check question of the page.
func (s *lessonScreen) updateCheck(ctx *Context, msg tea.Msg) tea.Cmd {
	v := s.checks[s.at]
	if k, ok := msg.(tea.KeyPressMsg); ok && v.phase != saving && !v.Typing() {
		// ← goes back a page when the question has nothing to undo, and
		// the focus is not on a « liste » field, whose option it changes.
		if k.String() == "left" && (v.phase == showing || !v.canUndo() && !v.onList()) {
			return s.turn(ctx, -1)
		}
		if v.phase == showing && k.String() == "right" {
			return s.turn(ctx, 1)
		}
	}
	cmd, ev := v.update(ctx, below(msg, 2))
	switch ev.kind {
	case qSubmitted:
		s.pending = v.check(ev.answer)
		if ctx.Session == nil {
			// A preview, with no learner: the answer is checked and its
			// feedback shown, and nothing is stored, for nobody.
			return storeCmd(ctx, func(context.Context) tea.Msg { return recordedMsg{} })
		}
		rec := v.record(ctx, ev, s.pending)
		rec.Lesson = s.l.ID
		return recordAnswer(ctx, rec, nil)
	case qContinue:
		return s.turn(ctx, 1)
	case qOpenLesson:
		if ev.lesson.ID == s.l.ID {
			return s.turn(ctx, 1)
		}
		return push(newLessonScreen(ctx, ev.lesson))
	}
	return cmd
}

// lessonDevices lists, in the usual order, the devices a lesson's steps
// have variants for.
func lessonDevices(l *lessons.Lesson) []lessons.Device {
	var out []lessons.Device
	for _, d := range lessons.Devices {
		for _, st := range l.Steps() {
			if st.Variants.For(d) != nil {
				out = append(out, d)
				break
			}
		}
	}
	return out
}

// chooseDevice remembers the learner's device for every lesson.
func (s *lessonScreen) chooseDevice(ctx *Context, d lessons.Device) tea.Cmd {
	s.device = d
	if ctx.Session == nil {
		return nil
	}
	ctx.Session.learner.Prefs.Device = d
	app, prefs, id := ctx.App, ctx.Session.learner.Prefs, ctx.Session.learner.ID
	return save(ctx, func(c context.Context) error { return app.SetPrefs(c, id, prefs) })
}

// turn moves to the next or previous page and saves where the learner is.
func (s *lessonScreen) turn(ctx *Context, by int) tea.Cmd {
	s.at = min(len(s.pages)-1, max(0, s.at+by))
	s.scroll = scroller{}
	s.enter(ctx)
	p := s.pages[s.at]
	if ctx.Session == nil || by < 0 {
		return nil
	}
	st := record.LessonStep{Lesson: s.l.ID, Device: s.device}
	switch p.kind {
	case pageStep, pageCheck:
		st.Step = p.item + 1
	case pageRecap:
		st.Step, st.Done = len(s.l.Items), true
	default:
		return nil
	}
	// Keep the session's copy current, for the home screen.
	lp := ctx.Session.state.Lessons[s.l.ID]
	lp.Lesson, lp.Step, lp.Device, lp.UpdatedAt = s.l.ID, st.Step, st.Device, ctx.now()
	lp.Done = lp.Done || st.Done
	if ctx.Session.state.Lessons == nil {
		ctx.Session.state.Lessons = map[string]record.LessonProgress{}
	}
	ctx.Session.state.Lessons[s.l.ID] = lp
	app, id := ctx.App, ctx.Session.learner.ID
	return save(ctx, func(c context.Context) error { return app.SaveLessonStep(c, id, st) })
}

// enter prepares the page the learner arrives on: a check question's view
// is made on first arrival and kept, so coming back shows the feedback.
func (s *lessonScreen) enter(ctx *Context) {
	p := s.pages[s.at]
	if p.kind == pageCheck && s.checks[s.at] == nil {
		q := ctx.Cat.CheckQuestion(p.check)
		v := newQuestionView(ctx, q, seedFor(learnerKey(ctx), q.ID))
		v.inLesson = s.l.ID
		s.checks[s.at] = v
	}
}

func learnerKey(ctx *Context) string {
	if ctx.Session == nil {
		return ""
	}
	return ctx.Session.learner.Name + "\x00" + ctx.Session.learner.CreatedAt.String()
}

func (s *lessonScreen) Render(ctx *Context, w, h int) string {
	bw := bodyWidth(ctx)
	t := ctx.Theme
	if s.showVocab {
		return s.scroll.render(ctx, s.renderVocabulary(ctx, bw), w, h)
	}
	var body string
	switch p := s.pages[s.at]; p.kind {
	case pageIntro:
		body = s.renderIntro(ctx, bw)
	case pageDevice:
		head := t.Heading.Render(wrap(ctx.say("device_question"), bw)) + "\n" + wrap(ctx.say("device_why"), bw) + "\n\n"
		// The menu starts on the line after the blank one: its zones are
		// counted from there, for clicks.
		n := strings.Count(head, "\n")
		return head + s.deviceMenu.render(ctx, bw, h-n, n)
	case pageStep:
		body = s.renderStep(ctx, p, bw)
	case pageCheck:
		head := t.Strong.Render(ctx.say("check_title")) + "\n\n"
		return head + s.checks[s.at].render(ctx, bw, h-2)
	case pageRecap:
		return s.recapWindow(ctx, bw, h)
	}
	return s.scroll.render(ctx, body, w, h)
}

func (s *lessonScreen) renderIntro(ctx *Context, w int) string {
	t := ctx.Theme
	l := s.l
	parts := []string{
		t.Heading.Render(wrap(sanitize(l.Title), w)),
		t.Muted.Render(ctx.say("lesson_meta", l.Level, l.Minutes)),
		"",
		t.Strong.Render(ctx.say("objectives")),
		bullets(t, l.Objectives, w),
	}
	if len(l.Vocabulary) > 0 {
		var ws []string
		for _, v := range l.Vocabulary {
			ws = append(ws, v.Word)
		}
		parts = append(parts, "", t.Strong.Render(ctx.say("vocabulary")), wrap(sanitize(strings.Join(ws, ", ")), w),
			t.Muted.Render(wrap(ctx.say("vocab_hint"), w)))
	}
	var before []string
	for _, r := range l.Prerequisites {
		if p := ctx.Cat.Lesson(r.ID); p != nil && (ctx.Session == nil || !ctx.Session.state.Lessons[p.ID].Done) {
			before = append(before, p.Title)
		}
	}
	if len(before) > 0 {
		parts = append(parts, "", t.Strong.Render(ctx.say("before_this")), bullets(t, before, w))
	}
	parts = append(parts, "", t.Muted.Render(wrap(ctx.say("lesson_intro_next"), w)))
	return strings.Join(parts, "\n")
}

func (s *lessonScreen) renderStep(ctx *Context, p page, w int) string {
	t := ctx.Theme
	st := p.step.On(s.device)
	progress := ctx.say("step_of", p.number, s.steps)
	barW := max(0, min(20, w-lipgloss.Width(progress)-2))
	parts := []string{t.Strong.Render(progress) + "  " + ctx.bar(barW, float64(p.number)/float64(s.steps)), ""}
	if st.Title != "" {
		parts = append(parts, t.Heading.Render(wrap(sanitize(st.Title), w)), "")
	}
	parts = append(parts, strings.Join(hangLines(t.G.Action+" ", ctx.rich(st.Action, w-3)), "\n"))
	if st.Image != "" {
		parts = append(parts, "", t.Strong.Render(ctx.say("on_screen")), indent(ctx.rich(st.Image, w-3), "  "))
	}
	if st.Result != "" {
		parts = append(parts, "", t.Strong.Render(ctx.say("you_see")), indent(ctx.rich(st.Result, w-3), "  "))
	}
	if st.IfNot != "" {
		parts = append(parts, "", t.Strong.Render(ctx.say("if_not")), indent(ctx.rich(st.IfNot, w-3), "  "))
	}
	return strings.Join(parts, "\n")
}

func (s *lessonScreen) renderRecap(ctx *Context, w int) string {
	t := ctx.Theme
	l := s.l
	parts := []string{t.Good.Render(t.G.Right + " " + ctx.say("lesson_done")), ""}
	if len(l.Remember) > 0 {
		parts = append(parts, t.Strong.Render(ctx.say("remember")), richBullets(ctx, l.Remember, w), "")
	}
	if len(l.Warning) > 0 {
		parts = append(parts, box(t, t.Warn.Render("! "+ctx.say("warning")), richBullets(ctx, l.Warning, w-4), w), "")
	}
	if len(l.Help) > 0 {
		parts = append(parts, t.Strong.Render(ctx.say("help_where")), richBullets(ctx, l.Help, w), "")
	}
	return strings.Join(parts, "\n")
}

// recapWindow draws the last page with its menu (back to the lessons, or
// on to the lessons the author suggests), in h lines.
func (s *lessonScreen) recapWindow(ctx *Context, w, h int) string {
	text := s.renderRecap(ctx, w)
	top := strings.Count(text, "\n") + 1
	all := strings.Split(text+"\n"+s.recapMenu.render(ctx, w, 20, top), "\n")
	first, last := 0, 0
	if s.recapMove {
		first, last, _ = s.recapMenu.focusSpan()
	}
	return s.recapPage.span(ctx, all, first, last, w, h)
}

func (s *lessonScreen) renderVocabulary(ctx *Context, w int) string {
	t := ctx.Theme
	parts := []string{t.Heading.Render(ctx.say("vocabulary")), ""}
	if len(s.l.Vocabulary) == 0 {
		parts = append(parts, wrap(ctx.say("no_vocabulary"), w), "")
	}
	for _, v := range s.l.Vocabulary {
		def := sanitize(v.Definition)
		if len(v.Synonyms) > 0 {
			def += " " + ctx.say("also_said", sanitize(strings.Join(v.Synonyms, ", ")))
		}
		parts = append(parts, t.Strong.Render(sanitize(v.Word)), indent(wrap(def, w-2), "  "), "")
	}
	if len(ctx.Cat.Glossary) > 0 {
		parts = append(parts, t.Muted.Render(wrap(ctx.say("glossary_hint"), w)))
	}
	parts = append(parts, t.Muted.Render(wrap(ctx.say("vocab_close"), w)))
	return strings.Join(parts, "\n")
}

// bullets draws a list with hanging indentation.
func bullets(t Theme, items []string, w int) string {
	var out []string
	for _, it := range items {
		out = append(out, hanging(t.G.Bullet+" ", bold(t, sanitize(it)), w))
	}
	return strings.Join(out, "\n")
}

// richBullets draws a list of lesson texts (À retenir, Attention, help),
// each drawn by Glamour and hanging after its bullet.
func richBullets(ctx *Context, items []string, w int) string {
	marker := ctx.Theme.G.Bullet + " "
	var out []string
	for _, it := range items {
		out = append(out, hangLines(marker, ctx.rich(it, w-lipgloss.Width(marker)))...)
	}
	return strings.Join(out, "\n")
}

// box frames a block with a title line, within width w.
func box(t Theme, title, body string, w int) string {
	inner := title + "\n" + body
	return t.Box.Border(t.G.Border).Padding(0, 1).Width(w).Render(inner)
}
