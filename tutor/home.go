package tutor

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"pasapas/i18n"
	"pasapas/lessons"
	"pasapas/record"
)

// homeScreen is the learner's home: lessons by life situation with their
// progress in words, then "Faire le point", "Réviser", "Mes résultats".
type homeScreen struct {
	menu    menu
	actions []func(ctx *Context) tea.Cmd
	problem string
}

func newHomeScreen(ctx *Context) *homeScreen {
	s := &homeScreen{}
	s.menu.compact = true
	s.build(ctx)
	return s
}

// build lays out the menu from the session's state.
func (s *homeScreen) build(ctx *Context) {
	st := ctx.Session.state
	var items []menuItem
	s.actions = nil
	add := func(it menuItem, act func(ctx *Context) tea.Cmd) {
		items = append(items, it)
		s.actions = append(s.actions, act)
	}
	// « Mon atelier » (or « Rejoindre un atelier ») comes first: key 1.
	if it, act, ok := atelierItem(ctx); ok {
		add(it, act)
	}
	for _, ot := range st.OpenTests {
		ot := ot
		add(menuItem{label: ctx.say("home_resume_test", testName(ctx, ot.Competence)), detail: answered(ctx, len(ot.Answers))},
			func(ctx *Context) tea.Cmd { return push(newTestScreen(ctx, ot.Competence)) })
	}
	if l, lp, ok := lessonInProgress(ctx); ok {
		add(menuItem{label: ctx.say("home_continue", l.Title), detail: lessonStatus(ctx, l, lp, true)},
			func(ctx *Context) tea.Cmd { return push(newLessonScreen(ctx, l)) })
	}
	variable := len(items)
	problems := -1
	for _, comp := range ctx.Cat.Competences {
		ls := ctx.Cat.LessonsOf(comp.ID)
		if len(ls) == 0 {
			continue
		}
		comp := comp
		add(menuItem{label: inLang(ctx, situation(comp), comp.Lang), detail: competenceProgress(ctx, ls)},
			func(ctx *Context) tea.Cmd { return push(newCompetenceScreen(ctx, comp)) })
	}
	add(menuItem{label: ctx.say("home_test"), detail: ctx.say("home_test_detail")},
		func(ctx *Context) tea.Cmd { return push(newTestChooser(ctx)) })
	due := len(dueSkills(ctx))
	reviewDetail := ctx.say("review_none")
	if due > 0 {
		reviewDetail = ctx.say("review_count", due)
	}
	add(menuItem{label: ctx.say("home_review"), detail: reviewDetail},
		func(ctx *Context) tea.Cmd { return push(newReviewScreen(ctx)) })
	add(menuItem{label: ctx.say("home_results")},
		func(ctx *Context) tea.Cmd { return push(newResultsScreen(ctx)) })
	if len(ctx.Cat.Glossary) > 0 {
		add(menuItem{label: ctx.say("glossary_title")},
			func(ctx *Context) tea.Cmd { return push(newGlossaryScreen()) })
	}
	add(menuItem{label: ctx.say("home_settings")},
		func(ctx *Context) tea.Cmd { return push(newSettingsScreen(ctx)) })
	// The lesson files left out are shown in the médiateur's space, not to
	// learners, who can do nothing about them (mediator.go).
	add(menuItem{label: ctx.say("home_end")},
		func(ctx *Context) tea.Cmd { return endSession(ctx.say("session_ended")) })
	// Keep the focus on the same line when lines come or go above it
	// (a test paused, a lesson started).
	focused := ""
	if s.menu.cursor < len(s.menu.items) {
		focused = s.menu.items[s.menu.cursor].label
	}
	s.menu.set(items)
	s.menu.slots = homeSlots(len(items), variable, problems)
	s.menu.pinLast = true
	for i, it := range items {
		if it.label == focused {
			s.menu.cursor = i
		}
	}
}

func (s *homeScreen) Title(ctx *Context) string { return ctx.say("home_title") }

func (s *homeScreen) Help(ctx *Context) []key.Binding {
	return []key.Binding{ctx.Keys.Digits, ctx.Keys.Enter}
}

func (s *homeScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case resumeMsg:
		return tea.Batch(loadState(ctx), loadMyAtelier(ctx))
	case stateMsg:
		if msg.err != nil {
			s.problem = record.Explain(msg.err, ctx.Lang)
			return nil
		}
		ctx.Session.state = msg.state
		s.build(ctx)
		return nil
	}
	if i, ok := s.menu.update(ctx, msg); ok {
		s.problem = ""
		return s.actions[i](ctx)
	}
	return nil
}

func (s *homeScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	head := t.Heading.Render(wrap(ctx.say("home_hello", sanitize(ctx.Session.learner.Name)), w))
	if len(ctx.Cat.Lessons) == 0 {
		// A content folder with nothing usable: say so, rather than a menu
		// without a single lesson.
		head += "\n" + t.Warn.Render(wrap(ctx.say("home_empty"), w))
	}
	if s.problem != "" {
		head += "\n" + problemLine(t, s.problem, w)
	}
	return s.menu.below(ctx, head, w, h)
}

// situation is how learners see a competence, everywhere: by what they want
// to do ("Envoyer et recevoir des mails"), the référentiel's title standing
// in when the author gave none. One name for one thing.
func situation(comp *lessons.Competence) string {
	if comp.Situation != "" {
		return comp.Situation
	}
	return comp.Title
}

// inLang marks a text shown in another language than the learner's (an
// untranslated competence in the English interface): the learner, and a
// screen reader, are told (RGAA 8.7).
func inLang(ctx *Context, s string, l i18n.Lang) string {
	if l != "" && l != ctx.Lang {
		return ctx.say("in_french", s)
	}
	return s
}

// lessonInProgress finds the lesson the learner left last, not finished.
func lessonInProgress(ctx *Context) (*lessons.Lesson, record.LessonProgress, bool) {
	var best record.LessonProgress
	var found *lessons.Lesson
	for id, lp := range ctx.Session.state.Lessons {
		l := ctx.Cat.Lesson(id)
		if l == nil || lp.Done || lp.Step == 0 {
			continue
		}
		if found == nil || lp.UpdatedAt.After(best.UpdatedAt) {
			found, best = l, lp
		}
	}
	return found, best, found != nil
}

// competenceProgress says how far the learner is in a competence's lessons.
func competenceProgress(ctx *Context, ls []*lessons.Lesson) string {
	done, started := 0, 0
	for _, l := range ls {
		if lp, ok := ctx.Session.state.Lessons[l.ID]; ok {
			started++
			if lp.Done {
				done++
			}
		}
	}
	switch {
	case done == len(ls) && done == 1:
		return ctx.say("comp_one_all_done")
	case done == len(ls):
		return ctx.say("comp_all_done", len(ls))
	case started == 0:
		return ctx.say("comp_not_started", lessonCount(ctx, len(ls)))
	}
	if done <= 1 {
		return ctx.say("comp_one_done_of", done, len(ls))
	}
	return ctx.say("comp_done_of", done, len(ls))
}

func lessonCount(ctx *Context, n int) string {
	if n == 1 {
		return ctx.say("one_lesson")
	}
	return ctx.say("n_lessons", n)
}

// lessonStatus says where the learner is in one lesson.
func lessonStatus(ctx *Context, l *lessons.Lesson, lp record.LessonProgress, known bool) string {
	t := ctx.Theme
	meta := ctx.say("lesson_meta", l.Level, l.Minutes)
	switch {
	case !known:
		return ctx.say("lesson_not_started") + " · " + meta
	case lp.Done:
		return t.G.Done + " " + ctx.say("lesson_finished") + " · " + meta
	}
	return t.G.Partial + " " + ctx.say("lesson_at_step", max(1, stepsUpTo(l, lp.Step)), len(l.Steps())) + " · " + meta
}

// stepsUpTo counts the steps among the first n items of a lesson: the
// store keeps the position in the items (steps and checks), the learner
// counts steps.
func stepsUpTo(l *lessons.Lesson, n int) int {
	count := 0
	for i := 0; i < n && i < len(l.Items); i++ {
		if l.Items[i].Step != nil {
			count++
		}
	}
	return count
}

// competenceScreen lists the lessons of one competence with their status.
type competenceScreen struct {
	comp    *lessons.Competence
	lessons []*lessons.Lesson
	menu    menu
}

func newCompetenceScreen(ctx *Context, comp *lessons.Competence) *competenceScreen {
	s := &competenceScreen{comp: comp, lessons: ctx.Cat.LessonsOf(comp.ID)}
	s.build(ctx)
	return s
}

func (s *competenceScreen) build(ctx *Context) {
	var items []menuItem
	for _, l := range s.lessons {
		lp, known := ctx.Session.state.Lessons[l.ID]
		items = append(items, menuItem{label: inLang(ctx, l.Title, l.Lang), detail: lessonStatus(ctx, l, lp, known)})
	}
	s.menu.set(items)
	// Back from a finished lesson, the focus goes to the next one to do.
	if c := s.menu.cursor; c < len(s.lessons) && ctx.Session.state.Lessons[s.lessons[c].ID].Done {
		for i := c + 1; i < len(s.lessons); i++ {
			if !ctx.Session.state.Lessons[s.lessons[i].ID].Done {
				s.menu.cursor = i
				break
			}
		}
	}
}

func (s *competenceScreen) Title(ctx *Context) string { return situation(s.comp) }

func (s *competenceScreen) Help(ctx *Context) []key.Binding {
	return menuKeys(ctx)
}

func (s *competenceScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case resumeMsg:
		return loadState(ctx)
	case stateMsg:
		if msg.err == nil {
			ctx.Session.state = msg.state
			s.build(ctx)
		}
		return nil
	case tea.KeyPressMsg:
		if key.Matches(msg, ctx.Keys.Back) {
			return back()
		}
	}
	if i, ok := s.menu.update(ctx, msg); ok {
		return push(newLessonScreen(ctx, s.lessons[i]))
	}
	return nil
}

func (s *competenceScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	head := t.Heading.Render(wrap(sanitize(situation(s.comp)), w))
	if s.comp.Description != "" {
		head += "\n" + wrap(sanitize(s.comp.Description), w)
	}
	head += "\n\n"
	// The menu starts on the line after the blank one: its zones are
	// counted from there, for clicks.
	top := strings.Count(head, "\n")
	return head + s.menu.render(ctx, w, h-top, top)
}

// problemsScreen lists what was left out of the content and why, for the
// médiateur or author who added files.
type problemsScreen struct {
	readingScreen
	lines []string
}

func newProblemsScreen(ctx *Context) *problemsScreen {
	s := &problemsScreen{}
	for _, d := range ctx.Lib.Diagnostics {
		if d.Severity == lessons.Error {
			s.lines = append(s.lines, d.Format(ctx.Lang))
		}
	}
	return s
}

func (s *problemsScreen) Title(ctx *Context) string { return ctx.say("content_problems") }

func (s *problemsScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	skipped := ctx.say("home_skipped", len(ctx.Lib.Skipped))
	if len(ctx.Lib.Skipped) == 1 {
		skipped = ctx.say("home_skipped_one")
	}
	head := t.Heading.Render(wrap(skipped, w))
	var b strings.Builder
	for _, l := range s.lines {
		b.WriteString(hanging(t.G.Bullet+" ", sanitize(l), w) + "\n")
	}
	headH := strings.Count(head, "\n") + 2
	return head + "\n\n" + s.scroll.render(ctx, strings.TrimRight(b.String(), "\n"), w, h-headH)
}

// scroller shows a tall text in a short box, moved with the arrows.
type scroller struct{ offset int }

func (s *scroller) update(ctx *Context, msg tea.Msg) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, ctx.Keys.Up):
			s.offset = max(0, s.offset-1)
		case key.Matches(k, ctx.Keys.Down):
			s.offset++
		case k.String() == "pgup":
			s.offset = max(0, s.offset-10)
		case k.String() == "pgdown":
			s.offset += 10
		case k.String() == "home":
			s.offset = 0
		case k.String() == "end":
			s.offset = 1 << 30 // the last page: render keeps the offset in the text
		}
	}
}

func (s *scroller) render(ctx *Context, text string, w, h int) string {
	lines := strings.Split(text, "\n")
	if h < 1 {
		return ""
	}
	if len(lines) <= h {
		s.offset = 0
		return text
	}
	s.offset = min(s.offset, len(lines)-(h-1))
	shown := lines[s.offset : s.offset+h-1]
	more := ctx.Theme.Muted.Render(fmt.Sprintf("%s %d/%d  %s", ctx.Theme.G.Scroll, s.offset+h-1, len(lines), ctx.say("scroll_hint")))
	return strings.Join(shown, "\n") + "\n" + fit(more, w, 1)
}

// answered says how many answers a test left open already holds.
func answered(ctx *Context, n int) string {
	switch n {
	case 0:
		return ctx.say("answered_none")
	case 1:
		return ctx.say("answered_one")
	}
	return ctx.say("answered_n", n)
}
