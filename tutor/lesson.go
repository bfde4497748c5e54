package tutor

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"pasapas/lessons"
)

// lessonScreen reads a lesson one page at a time: an introduction, the
// device question when steps differ by device, one step per page, and a
// last page with what to remember.
type lessonScreen struct {
	l      *lessons.Lesson
	pages  []page
	at     int
	steps  int // number of step pages, for "Étape 3 sur 7"
	device lessons.Device

	deviceMenu menu
	scroll     scroller
	showVocab  bool
	bodyWidth  int
}

type pageKind int

const (
	pageIntro pageKind = iota
	pageDevice
	pageStep
	pageRecap
)

type page struct {
	kind   pageKind
	step   *lessons.Step
	number int // 1-based step number
}

func newLessonScreen(ctx *Context, l *lessons.Lesson) *lessonScreen {
	s := &lessonScreen{l: l}
	s.pages = append(s.pages, page{kind: pageIntro})
	if l.HasVariants() {
		s.pages = append(s.pages, page{kind: pageDevice})
		s.deviceMenu.set([]menuItem{
			{label: ctx.say("device_android")}, {label: ctx.say("device_iphone")}, {label: ctx.say("device_computer")},
		})
	}
	for _, st := range l.Steps() {
		s.steps++
		s.pages = append(s.pages, page{kind: pageStep, step: st, number: s.steps})
	}
	s.pages = append(s.pages, page{kind: pageRecap})
	return s
}

func (s *lessonScreen) Init(ctx *Context) tea.Cmd { return s.prepare(ctx) }

// prepare renders the lesson's texts ahead, for the current width.
func (s *lessonScreen) prepare(ctx *Context) tea.Cmd {
	w := bodyWidth(ctx)
	var texts []string
	for _, st := range s.l.Steps() {
		for _, d := range append([]lessons.Device{""}, lessons.Devices...) {
			v := st.On(d)
			texts = append(texts, v.Action, v.Result, v.IfNot, v.Image)
		}
	}
	return ctx.MD.Prepare(texts, w-2, ctx.Theme)
}

// bodyWidth is the width of the text column: lines longer than about 70
// characters are hard to read, even on a wide screen.
func bodyWidth(ctx *Context) int { return min(ctx.Width, 76) }

func (s *lessonScreen) Title(ctx *Context) string { return s.l.Title }

func (s *lessonScreen) Help(ctx *Context) []key.Binding {
	k := ctx.Keys
	switch s.pages[s.at].kind {
	case pageDevice:
		return []key.Binding{k.Digits, k.Enter, k.Back}
	case pageRecap:
		return []key.Binding{k.Enter, k.Prev, k.Back}
	}
	return []key.Binding{k.Next, k.Prev, k.Vocab, k.Back}
}

func (s *lessonScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		return s.prepare(ctx)
	case tea.KeyPressMsg:
		k := ctx.Keys
		if s.showVocab {
			if key.Matches(msg, k.Back, k.Vocab, k.Enter) {
				s.showVocab = false
			}
			return nil
		}
		p := s.pages[s.at]
		switch {
		case key.Matches(msg, k.Back):
			return back()
		case p.kind == pageDevice:
			if i, ok := s.deviceMenu.update(ctx, msg); ok {
				s.device = lessons.Devices[i]
				s.turn(1)
			} else if key.Matches(msg, k.Prev) {
				s.turn(-1)
			}
		case key.Matches(msg, k.Vocab):
			s.showVocab = true
		case p.kind == pageRecap && key.Matches(msg, k.Enter):
			return back()
		case key.Matches(msg, k.Next) && p.kind != pageRecap:
			s.turn(1)
		case key.Matches(msg, k.Prev):
			s.turn(-1)
		default:
			s.scroll.update(ctx, msg)
		}
	case clickMsg:
		if s.pages[s.at].kind == pageDevice {
			if i, ok := s.deviceMenu.update(ctx, msg); ok {
				s.device = lessons.Devices[i]
				s.turn(1)
			}
		}
	}
	return nil
}

// turn moves to the next or previous page.
func (s *lessonScreen) turn(by int) {
	s.at = min(len(s.pages)-1, max(0, s.at+by))
	s.scroll = scroller{}
}

func (s *lessonScreen) Render(ctx *Context, w, h int) string {
	bw := bodyWidth(ctx)
	if s.showVocab {
		return s.scroll.render(ctx, s.renderVocabulary(ctx, bw), w, h)
	}
	var body string
	switch p := s.pages[s.at]; p.kind {
	case pageIntro:
		body = s.renderIntro(ctx, bw)
	case pageDevice:
		t := ctx.Theme
		head := t.Heading.Render(wrap(ctx.say("device_question"), bw)) + "\n" + wrap(ctx.say("device_why"), bw) + "\n\n"
		return head + s.deviceMenu.render(ctx, bw, h-lipgloss.Height(head), lipgloss.Height(head)-1)
	case pageStep:
		body = s.renderStep(ctx, p, bw)
	case pageRecap:
		body = s.renderRecap(ctx, bw)
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
		parts = append(parts, "", t.Strong.Render(ctx.say("vocabulary")), wrap(sanitize(strings.Join(ws, ", ")), w))
	}
	parts = append(parts, "", t.Muted.Render(wrap(ctx.say("lesson_intro_next"), w)))
	return strings.Join(parts, "\n")
}

func (s *lessonScreen) renderStep(ctx *Context, p page, w int) string {
	t := ctx.Theme
	st := p.step.On(s.device)
	progress := ctx.say("step_of", p.number, s.steps)
	barW := max(0, min(20, w-lipgloss.Width(progress)-2))
	parts := []string{t.Strong.Render(progress) + "  " + t.bar(barW, float64(p.number)/float64(s.steps)), ""}
	if st.Title != "" {
		parts = append(parts, t.Heading.Render(wrap(sanitize(st.Title), w)), "")
	}
	parts = append(parts, hanging(t.G.Action+" ", ctx.MD.Get(st.Action, w-3, t), w))
	if st.Image != "" {
		parts = append(parts, "", t.Strong.Render(ctx.say("on_screen")), indent(ctx.MD.Get(st.Image, w-2, t), "  "))
	}
	if st.Result != "" {
		parts = append(parts, "", t.Strong.Render(ctx.say("you_see")), indent(ctx.MD.Get(st.Result, w-2, t), "  "))
	}
	if st.IfNot != "" {
		parts = append(parts, "", t.Strong.Render(ctx.say("if_not")), indent(ctx.MD.Get(st.IfNot, w-2, t), "  "))
	}
	return strings.Join(parts, "\n")
}

func (s *lessonScreen) renderRecap(ctx *Context, w int) string {
	t := ctx.Theme
	l := s.l
	parts := []string{t.Good.Render(t.G.Right + " " + ctx.say("lesson_done")), ""}
	if len(l.Remember) > 0 {
		parts = append(parts, t.Strong.Render(ctx.say("remember")), bullets(t, l.Remember, w), "")
	}
	if len(l.Warning) > 0 {
		parts = append(parts, box(t, t.Warn.Render("! "+ctx.say("warning")), bullets(t, l.Warning, w-4), w), "")
	}
	if len(l.Help) > 0 {
		parts = append(parts, t.Strong.Render(ctx.say("help_where")), bullets(t, l.Help, w), "")
	}
	parts = append(parts, t.Muted.Render(wrap(ctx.say("lesson_end_hint"), w)))
	return strings.Join(parts, "\n")
}

func (s *lessonScreen) renderVocabulary(ctx *Context, w int) string {
	t := ctx.Theme
	parts := []string{t.Heading.Render(ctx.say("vocabulary")), ""}
	if len(s.l.Vocabulary) == 0 {
		parts = append(parts, wrap(ctx.say("no_vocabulary"), w))
	}
	for _, v := range s.l.Vocabulary {
		parts = append(parts, t.Strong.Render(sanitize(v.Word)), indent(wrap(sanitize(v.Definition), w-2), "  "), "")
	}
	parts = append(parts, t.Muted.Render(wrap(ctx.say("vocab_close"), w)))
	return strings.Join(parts, "\n")
}

// bullets draws a list with hanging indentation.
func bullets(t Theme, items []string, w int) string {
	var out []string
	for _, it := range items {
		out = append(out, hanging(t.G.Bullet+" ", sanitize(it), w))
	}
	return strings.Join(out, "\n")
}

// box frames a block with a title line, within width w.
func box(t Theme, title, body string, w int) string {
	inner := title + "\n" + body
	return t.Box.Border(t.G.Border).Padding(0, 1).Width(w).Render(inner)
}
