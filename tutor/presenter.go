package tutor

import (
	"math/rand/v2"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"pasapas/fold"
	"pasapas/lessons"
	"pasapas/quiz"
)

// presenterScreen is the presenter mode: a médiateur projects a lesson for
// an atelier and walks the room through it. There is no learner: nothing is
// answered, nothing is saved, and it never calls the store. Each page shows
// in large what the room must do now (« Étape 3 sur 7 », the action, what
// they should see), the step on every device the lesson knows (side by side
// when the window is wide), the lesson's words the step uses, and the check
// questions with their answer hidden until the médiateur reveals it after a
// show of hands.
type presenterScreen struct {
	l      *lessons.Lesson
	pages  []page // the same pages as a lesson, without the device question
	at     int
	steps  int
	device lessons.Device // "" shows every device

	devices  []lessons.Device
	revealed map[int]bool // check pages whose answer is shown
	jump     string       // a step number being typed
	scroll   scroller
	root     bool // the first screen (pasapas presenter): Échap quits
	swallow  bool // the linear mode's Entrée after a letter
}

// presenterKeys are the presenter's own keys, named in its help bar.
type presenterKeys struct {
	Next, Prev, Reveal, Jump, Device, Scroll key.Binding
}

func newPresenterKeys(ctx *Context) presenterKeys {
	w := ctx.say
	return presenterKeys{
		Next:   key.NewBinding(key.WithKeys("right", "pgdown", "enter", "space", " "), key.WithHelp("→", w("key_next"))),
		Prev:   key.NewBinding(key.WithKeys("left", "pgup"), key.WithHelp("←", w("key_prev"))),
		Reveal: key.NewBinding(key.WithKeys("r", "R"), key.WithHelp("r", w("pres_key_reveal"))),
		Jump:   key.NewBinding(key.WithKeys("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-9", w("pres_key_jump"))),
		Device: key.NewBinding(key.WithKeys("a", "A", "i", "I", "o", "O", "t", "T"), key.WithHelp("a i o t", w("pres_key_device"))),
		Scroll: key.NewBinding(key.WithKeys("up", "down"), key.WithHelp("↑↓", w("pres_key_scroll"))),
	}
}

// newPresenterScreen lays out a lesson's pages for the projector.
func newPresenterScreen(ctx *Context, l *lessons.Lesson) *presenterScreen {
	s := &presenterScreen{l: l, revealed: map[int]bool{}, devices: lessonDevices(l)}
	s.pages = append(s.pages, page{kind: pageIntro})
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
	return s
}

func (s *presenterScreen) Title(ctx *Context) string {
	return ctx.say("pres_title", s.l.Title)
}

// WholeWidth: a projected lesson uses the whole window (the device
// versions side by side from 110 columns), not the reading column.
func (s *presenterScreen) WholeWidth() bool { return true }

// LinearKeys says that in the accessible mode a typed line is this screen's
// keys (a device letter, « r », a step's number), not a row to choose.
func (s *presenterScreen) LinearKeys() bool { return true }

func (s *presenterScreen) Help(ctx *Context) []key.Binding {
	k := newPresenterKeys(ctx)
	// What this page alone offers first: the help bar gives way from
	// its end in a narrow window.
	var b []key.Binding
	if s.pages[s.at].kind == pageCheck {
		b = append(b, k.Reveal)
	}
	if p := s.pages[s.at]; p.kind == pageStep && s.varies(p.step) {
		// Only the letters of the lesson's devices, and t.
		var letters []string
		for _, d := range s.devices {
			letters = append(letters, string(d[0]))
		}
		k.Device.SetHelp(strings.Join(append(letters, "t"), " "), k.Device.Help().Desc)
		b = append(b, k.Device)
	}
	return append(b, k.Next, k.Prev, k.Jump, k.Scroll, ctx.Keys.Back)
}

func (s *presenterScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	m, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	k := newPresenterKeys(ctx)
	p := s.pages[s.at]
	// The linear mode sends a letter then Entrée: the Entrée after r, a,
	// i, o or t belongs to the letter and must not turn the page.
	if s.swallow {
		s.swallow = false
		if key.Matches(m, ctx.Keys.Enter) {
			return nil
		}
	}
	if ctx.linear && key.Matches(m, k.Reveal, k.Device) {
		s.swallow = true
	}
	switch {
	case s.jump != "" && key.Matches(m, ctx.Keys.Enter):
		n, _ := strconv.Atoi(s.jump)
		s.jump = ""
		s.goToStep(n)
	case s.jump != "" && key.Matches(m, ctx.Keys.Back):
		s.jump = ""
	case s.jump != "" && m.String() == "backspace":
		s.jump = s.jump[:len(s.jump)-1]
	case key.Matches(m, k.Jump):
		if len(s.jump) < 3 {
			s.jump += m.String()
		}
	case key.Matches(m, ctx.Keys.Back):
		if s.root {
			return func() tea.Msg { return quitMsg{} }
		}
		return back()
	case key.Matches(m, k.Next):
		s.turn(1)
	case key.Matches(m, k.Prev):
		s.turn(-1)
	case key.Matches(m, k.Reveal) && p.kind == pageCheck:
		s.revealed[s.at] = !s.revealed[s.at]
	case key.Matches(m, k.Device) && len(s.devices) > 0:
		s.device = map[string]lessons.Device{"a": lessons.Android, "i": lessons.IPhone, "o": lessons.Computer}[strings.ToLower(m.String())]
	default:
		s.scroll.update(ctx, msg)
	}
	return nil
}

func (s *presenterScreen) turn(by int) {
	s.at = min(len(s.pages)-1, max(0, s.at+by))
	s.scroll = scroller{}
}

// goToStep shows step n (0: the lesson's first page; past the last step:
// the last page).
func (s *presenterScreen) goToStep(n int) {
	s.scroll = scroller{}
	if n <= 0 {
		s.at = 0
		return
	}
	for i, p := range s.pages {
		if p.kind == pageStep && p.number == n {
			s.at = i
			return
		}
	}
	s.at = len(s.pages) - 1
}

func (s *presenterScreen) Render(ctx *Context, w, h int) string {
	var body string
	switch p := s.pages[s.at]; p.kind {
	case pageIntro:
		body = s.renderIntro(ctx, w)
	case pageStep:
		body = s.renderStep(ctx, p, w)
	case pageCheck:
		body = s.renderCheck(ctx, p, w)
	case pageRecap:
		body = s.renderRecap(ctx, w)
	}
	if s.jump != "" {
		line := ctx.Theme.Selected.Render(ctx.say("pres_jump", s.jump))
		return s.scroll.render(ctx, body, w, h-1) + "\n" + line
	}
	return s.scroll.render(ctx, body, w, h)
}

// banner is the large heading a room reads from the back: framed, in the
// heading's style, with how far the lesson has come.
func (s *presenterScreen) banner(ctx *Context, text string, frac float64, w int) string {
	t := ctx.Theme
	inner := t.Heading.Render(strings.ToUpper(text))
	if barW := min(30, w-lipgloss.Width(text)-8); barW >= 6 && frac >= 0 {
		inner += "   " + ctx.bar(barW, frac)
	}
	return t.Box.Border(t.G.Border).Padding(0, 2).Render(inner)
}

func (s *presenterScreen) renderIntro(ctx *Context, w int) string {
	t := ctx.Theme
	l := s.l
	bw := min(w, 100)
	parts := []string{
		s.banner(ctx, ctx.say("pres_lesson"), -1, bw),
		"",
		t.Heading.Render(wrap(sanitize(l.Title), bw)),
		t.Muted.Render(ctx.say("lesson_meta", l.Level, l.Minutes) + " · " + ctx.say("pres_steps", s.steps)),
		"",
		t.Strong.Render(ctx.say("pres_objectives")),
		bullets(t, l.Objectives, bw),
	}
	if len(l.Vocabulary) > 0 {
		parts = append(parts, "", t.Strong.Render(ctx.say("vocabulary")))
		for _, v := range l.Vocabulary {
			parts = append(parts, hanging(t.G.Bullet+" ", t.Strong.Render(sanitize(v.Word))+" : "+sanitize(v.Definition), bw))
		}
	}
	if len(s.devices) > 0 {
		var names []string
		for _, d := range s.devices {
			names = append(names, ctx.say("pres_device_"+string(d)))
		}
		parts = append(parts, "", t.Muted.Render(wrap(ctx.say("pres_devices", strings.Join(names, ", ")), bw)))
	}
	parts = append(parts, "", t.Muted.Render(wrap(ctx.say("pres_start"), bw)))
	return strings.Join(parts, "\n")
}

// stepBody draws one step as seen on a device (or its common form).
func stepBody(ctx *Context, st lessons.Step, w int) []string {
	t := ctx.Theme
	parts := []string{strings.Join(hangLines(t.G.Action+" ", ctx.rich(st.Action, w-3)), "\n")}
	if st.Image != "" {
		parts = append(parts, "", t.Strong.Render(ctx.say("on_screen")), indent(ctx.rich(st.Image, w-2), "  "))
	}
	if st.Result != "" {
		parts = append(parts, "", t.Strong.Render(ctx.say("pres_you_see")), indent(ctx.rich(st.Result, w-2), "  "))
	}
	if st.IfNot != "" {
		parts = append(parts, "", t.Strong.Render(ctx.say("if_not")), indent(ctx.rich(st.IfNot, w-2), "  "))
	}
	return parts
}

// sideBySide is the width from which a step's devices are drawn in
// columns, each wide enough to read.
const sideBySide = 110

func (s *presenterScreen) renderStep(ctx *Context, p page, w int) string {
	t := ctx.Theme
	parts := []string{s.banner(ctx, ctx.say("step_of", p.number, s.steps), float64(p.number)/float64(s.steps), w), ""}
	if p.step.Title != "" {
		parts = append(parts, t.Heading.Render(wrap(sanitize(p.step.Title), w)), "")
	}
	varies := s.varies(p.step)
	switch {
	case !varies:
		parts = append(parts, stepBody(ctx, *p.step, min(w, 100))...)
	case s.device == "" && w >= sideBySide:
		parts = append(parts, s.columns(ctx, p.step, w))
	default:
		d := s.device
		if d == "" {
			d = s.devices[0]
		}
		parts = append(parts, t.Selected.Render(" "+ctx.say("pres_on", ctx.say("pres_device_"+string(d)))+" "), "")
		parts = append(parts, stepBody(ctx, p.step.On(d), min(w, 100))...)
	}
	if varies {
		parts = append(parts, "", t.Muted.Render(wrap(s.deviceLine(ctx, w), w)))
	}
	if words := s.stepWords(ctx, p.step); len(words) > 0 {
		parts = append(parts, "", t.Strong.Render(ctx.say("pres_words")))
		for _, v := range words {
			parts = append(parts, hanging(t.G.Bullet+" ", t.Strong.Render(sanitize(v.Word))+" : "+sanitize(v.Definition), min(w, 100)))
		}
	}
	return strings.Join(parts, "\n")
}

// varies says whether a step differs on some device.
func (s *presenterScreen) varies(st *lessons.Step) bool {
	for _, d := range s.devices {
		if st.Variants.For(d) != nil {
			return true
		}
	}
	return false
}

// deviceLine says which keys show which device.
func (s *presenterScreen) deviceLine(ctx *Context, w int) string {
	var ks []string
	for _, d := range s.devices {
		ks = append(ks, string(d[0])+" "+ctx.say("pres_device_"+string(d)))
	}
	return ctx.say("pres_device_keys", strings.Join(ks, " · "))
}

// columns draws a step on every device of the lesson, side by side.
func (s *presenterScreen) columns(ctx *Context, st *lessons.Step, w int) string {
	t := ctx.Theme
	type column struct {
		name string
		st   lessons.Step
	}
	var all []column
	for _, d := range s.devices {
		all = append(all, column{ctx.say("pres_device_" + string(d)), st.On(d)})
	}
	// The devices the author wrote no variant for follow the step as
	// written: one more column, when there are such devices.
	if len(s.devices) < len(lessons.Devices) {
		all = append(all, column{ctx.say("pres_device_others"), *st})
	}
	n := len(all)
	gap := 2
	colW := (w - gap*(n-1)) / n
	var cols []string
	for i, c := range all {
		inner := t.Strong.Render(wrap(c.name, colW-4)) + "\n\n" + strings.Join(stepBody(ctx, c.st, colW-4), "\n")
		col := t.Box.Border(t.G.Border).Padding(0, 1).Width(colW).Render(inner)
		if i > 0 {
			col = lipgloss.NewStyle().PaddingLeft(gap).Render(col)
		}
		cols = append(cols, col)
	}
	return lipgloss.JoinHorizontal(lipgloss.Top, cols...)
}

// stepWords are the lesson's words the step uses (in any of its
// devices' versions), in the lesson's order.
func (s *presenterScreen) stepWords(ctx *Context, st *lessons.Step) []lessons.Word {
	text := []string{st.Title, st.Action, st.Result, st.IfNot, st.Image}
	for _, d := range lessons.Devices {
		if v := st.Variants.For(d); v != nil {
			text = append(text, v.Action, v.Result, v.IfNot, v.Image)
		}
	}
	hay := " " + fold.Key(strings.Join(text, " ")) + " "
	var out []lessons.Word
	for _, v := range s.l.Vocabulary {
		for _, form := range append([]string{v.Word}, v.Synonyms...) {
			if f := fold.Key(form); f != "" && strings.Contains(hay, f) {
				out = append(out, v)
				break
			}
		}
	}
	return out
}

func (s *presenterScreen) renderCheck(ctx *Context, p page, w int) string {
	t := ctx.Theme
	q := ctx.Cat.CheckQuestion(p.check)
	bw := min(w, 100)
	heading := ctx.say("pres_question")
	if p.number > 0 {
		heading = ctx.say("pres_question_after", p.number, s.steps)
	}
	parts := []string{s.banner(ctx, heading, float64(p.number)/float64(max(1, s.steps)), w), ""}
	parts = append(parts, ctx.rich(q.Prompt, bw))
	if q.Screen != nil {
		parts = append(parts, "", renderScreen(ctx, q.Screen, min(bw, 76)))
	}
	shown := s.revealed[s.at]
	parts = append(parts, "", presentAnswer(ctx, q, shown, bw))
	if shown {
		if q.Explanation != "" {
			parts = append(parts, "", ctx.rich(q.Explanation, bw))
		}
	} else {
		parts = append(parts, "", t.Muted.Render(wrap(ctx.say("pres_reveal_hint"), bw)))
	}
	return strings.Join(parts, "\n")
}

// presentAnswer draws what the room answers on, and, once revealed, the
// right answer: the right choices marked, each statement's truth, the
// accepted texts, the right order, the pairs.
func presentAnswer(ctx *Context, q *lessons.Question, shown bool, w int) string {
	t := ctx.Theme
	// A fixed order, the same every time the page is shown.
	pr := quiz.Present(q, rand.New(rand.NewPCG(1, uint64(len(q.ID)))))
	mark := func(ok bool, text string) string {
		switch {
		case !shown:
			return hanging(t.G.Bullet+" ", text, w)
		case ok:
			return t.Good.Render(hanging(t.G.Right+" ", text, w))
		}
		return t.Muted.Render(hanging(strings.Repeat(" ", lipgloss.Width(t.G.Right))+" ", text, w))
	}
	var out []string
	switch q.Type {
	case "choix_unique", "choix_multiple":
		for i, id := range pr.Choices {
			for _, c := range q.Choices {
				if c.ID == id {
					out = append(out, mark(c.Correct, itemKey(i)+". "+sanitize(c.Text)))
				}
			}
		}
	case "vrai_faux":
		for _, id := range pr.Statements {
			for _, st := range q.Statements {
				if st.ID != id {
					continue
				}
				text := sanitize(st.Text)
				if shown {
					text = ctx.say(map[bool]string{true: "pres_true", false: "pres_false"}[st.True]) + " — " + text
				}
				out = append(out, hanging(t.G.Bullet+" ", text, w))
			}
		}
	case "reponse_libre":
		if shown && len(q.Answers) > 0 {
			out = append(out, t.Good.Render(hanging(t.G.Right+" ", sanitize(q.Answers[0]), w)))
		} else {
			out = append(out, t.Muted.Render(ctx.say("pres_typed")))
		}
	case "champs":
		for _, f := range q.Fields {
			text := sanitize(f.Label) + " : "
			if shown && len(f.Answers) > 0 {
				text += t.Good.Render(sanitize(f.Answers[0]))
			} else {
				text += "…"
			}
			out = append(out, hanging(t.G.Bullet+" ", text, w))
		}
	case "ordre":
		ids := pr.Elements
		if shown {
			ids = nil
			for _, e := range q.Elements {
				ids = append(ids, e.ID)
			}
		}
		for i, id := range ids {
			for _, e := range q.Elements {
				if e.ID == id {
					line := hanging(strconv.Itoa(i+1)+". ", sanitize(e.Text), w)
					if shown {
						line = t.Good.Render(line)
					}
					out = append(out, line)
				}
			}
		}
	case "association":
		if shown {
			for _, p := range q.Pairs {
				out = append(out, t.Good.Render(hanging(t.G.Right+" ", sanitize(p.Left)+" — "+sanitize(p.Right), w)))
			}
		} else {
			for i, p := range q.Pairs {
				right := ""
				for _, r := range q.Pairs {
					if i < len(pr.Rights) && r.ID == pr.Rights[i] {
						right = sanitize(r.Right)
					}
				}
				out = append(out, hanging(t.G.Bullet+" ", sanitize(p.Left)+"   ·   "+right, w))
			}
		}
	}
	if shown {
		out = append([]string{t.Strong.Render(ctx.say("pres_answer"))}, out...)
	}
	return strings.Join(out, "\n")
}

func (s *presenterScreen) renderRecap(ctx *Context, w int) string {
	t := ctx.Theme
	l := s.l
	bw := min(w, 100)
	parts := []string{s.banner(ctx, ctx.say("pres_end"), 1, w), ""}
	if len(l.Remember) > 0 {
		parts = append(parts, t.Strong.Render(ctx.say("remember")), richBullets(ctx, l.Remember, bw), "")
	}
	if len(l.Warning) > 0 {
		parts = append(parts, box(t, t.Warn.Render("! "+ctx.say("warning")), richBullets(ctx, l.Warning, bw-4), bw), "")
	}
	if len(l.Help) > 0 {
		parts = append(parts, t.Strong.Render(ctx.say("help_where")), richBullets(ctx, l.Help, bw), "")
	}
	parts = append(parts, t.Muted.Render(wrap(ctx.say("pres_end_hint"), bw)))
	return strings.Join(parts, "\n")
}

// presenterPicker lists the lessons to project, from the médiateur's space.
type presenterPicker struct {
	menu    menu
	lessons []*lessons.Lesson
}

func newPresenterPicker(ctx *Context) *presenterPicker {
	s := &presenterPicker{}
	var items []menuItem
	for _, c := range ctx.Cat.Competences {
		for i, l := range ctx.Cat.LessonsOf(c.ID) {
			it := menuItem{label: sanitize(l.Title), detail: ctx.say("lesson_meta", l.Level, l.Minutes)}
			if i == 0 {
				it.heading = sanitize(c.Title)
			}
			s.lessons = append(s.lessons, l)
			items = append(items, it)
		}
	}
	s.menu.set(items)
	return s
}

func (s *presenterPicker) Title(ctx *Context) string { return ctx.say("pres_pick_title") }
func (s *presenterPicker) Help(ctx *Context) []key.Binding {
	return []key.Binding{ctx.Keys.Up, ctx.Keys.Down, ctx.Keys.Enter, ctx.Keys.Back}
}

func (s *presenterPicker) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, ctx.Keys.Back) {
		return back()
	}
	if i, ok := s.menu.update(ctx, msg); ok {
		return push(newPresenterScreen(ctx, s.lessons[i]))
	}
	return nil
}

func (s *presenterPicker) Render(ctx *Context, w, h int) string {
	head := ctx.Theme.Heading.Render(wrap(ctx.say("pres_pick"), w)) + "\n" + wrap(ctx.say("pres_pick_why"), w) + "\n"
	top := strings.Count(head, "\n") + 1
	return head + "\n" + s.menu.render(ctx, w, h-top, top)
}
