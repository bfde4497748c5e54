package tutor

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"pasapas/lessons"
)

// catalogueScreen lists the competences, by life situation.
type catalogueScreen struct {
	menu  menu
	comps []*lessons.Competence
}

func newCatalogueScreen(ctx *Context) *catalogueScreen {
	s := &catalogueScreen{}
	var items []menuItem
	for _, comp := range ctx.Cat.Competences {
		n := len(ctx.Cat.LessonsOf(comp.ID))
		if n == 0 {
			continue
		}
		s.comps = append(s.comps, comp)
		label := comp.Situation
		if label == "" {
			label = comp.Title
		}
		items = append(items, menuItem{label: label, detail: lessonCount(ctx, n)})
	}
	if len(ctx.Lib.Skipped) > 0 {
		items = append(items, menuItem{label: ctx.say("content_problems"), id: "problems"})
	}
	s.menu.set(items)
	return s
}

func lessonCount(ctx *Context, n int) string {
	if n == 1 {
		return ctx.say("one_lesson")
	}
	return ctx.say("n_lessons", n)
}

func (s *catalogueScreen) Title(ctx *Context) string { return ctx.say("home_title") }

func (s *catalogueScreen) Help(ctx *Context) []key.Binding {
	return []key.Binding{ctx.Keys.Digits, ctx.Keys.Enter}
}

func (s *catalogueScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	if i, ok := s.menu.update(ctx, msg); ok {
		if i >= len(s.comps) {
			return push(newProblemsScreen(ctx))
		}
		return push(newCompetenceScreen(ctx, s.comps[i]))
	}
	return nil
}

func (s *catalogueScreen) Render(ctx *Context, w, h int) string {
	if len(s.menu.items) == 0 {
		return wrap(ctx.say("home_empty"), w)
	}
	head := ctx.Theme.Heading.Render(wrap(ctx.say("home_title"), w))
	return head + "\n\n" + s.menu.render(ctx, w, h-2, 2)
}

// competenceScreen lists the lessons of one competence.
type competenceScreen struct {
	comp    *lessons.Competence
	lessons []*lessons.Lesson
	menu    menu
}

func newCompetenceScreen(ctx *Context, comp *lessons.Competence) *competenceScreen {
	s := &competenceScreen{comp: comp, lessons: ctx.Cat.LessonsOf(comp.ID)}
	var items []menuItem
	for _, l := range s.lessons {
		items = append(items, menuItem{label: l.Title, detail: ctx.say("lesson_meta", l.Level, l.Minutes)})
	}
	s.menu.set(items)
	return s
}

func (s *competenceScreen) Title(ctx *Context) string { return s.comp.Title }

func (s *competenceScreen) Help(ctx *Context) []key.Binding {
	return []key.Binding{ctx.Keys.Digits, ctx.Keys.Enter, ctx.Keys.Back}
}

func (s *competenceScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, ctx.Keys.Back) {
		return back()
	}
	if i, ok := s.menu.update(ctx, msg); ok {
		return push(newLessonScreen(ctx, s.lessons[i]))
	}
	return nil
}

func (s *competenceScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	var b strings.Builder
	b.WriteString(t.Heading.Render(wrap(sanitize(s.comp.Title), w)))
	lines := 1
	if s.comp.Description != "" {
		d := wrap(sanitize(s.comp.Description), w)
		b.WriteString("\n" + d)
		lines += strings.Count(d, "\n") + 1
	}
	b.WriteString("\n\n")
	lines++
	return b.String() + s.menu.render(ctx, w, h-lines-1, lines+1)
}

// problemsScreen lists what was left out of the content and why, for the
// médiateur or author who added files.
type problemsScreen struct {
	lines  []string
	scroll scroller
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

func (s *problemsScreen) Help(ctx *Context) []key.Binding {
	return []key.Binding{ctx.Keys.Up, ctx.Keys.Down, ctx.Keys.Back}
}

func (s *problemsScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, ctx.Keys.Back, ctx.Keys.Enter) {
		return back()
	}
	s.scroll.update(ctx, msg)
	return nil
}

func (s *problemsScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	head := t.Heading.Render(wrap(ctx.say("home_skipped", len(ctx.Lib.Skipped)), w))
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
	more := ctx.Theme.Muted.Render(fmt.Sprintf("%s %d/%d  %s", "↕", s.offset+h-1, len(lines), ctx.say("scroll_hint")))
	return strings.Join(shown, "\n") + "\n" + fit(more, w, 1)
}
