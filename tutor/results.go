package tutor

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"pasapas/learning"
	"pasapas/lessons"
	"pasapas/record"
	"pasapas/scoring"
)

// resultsScreen is "Mes résultats": per competence, the level in words with
// its uncertainty, a bar, what is mastered, what to learn next (each lesson
// opens from here), and the history of tests.
type resultsScreen struct {
	loaded   bool
	entries  []learning.Entry
	history  []record.Test
	menu     menu
	links    []*lessons.Lesson
	recs     []scoring.Recommendation
	all      bool // « voir les autres »: every recommendation is listed
	standing learning.Standing
	problem  string
	page     follower
	moved    bool // the learner moved the focus: the page follows it
}

// resultsMsg carries where the learner stands (learning.Service.Results).
type resultsMsg struct {
	standing learning.Standing
	err      error
}

func newResultsScreen(ctx *Context) *resultsScreen { return &resultsScreen{} }

func (s *resultsScreen) Init(ctx *Context) tea.Cmd {
	app, cat, learner := ctx.App, ctx.Cat, ctx.Session.learner.ID
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		st, err := app.Results(c, cat, learner)
		return resultsMsg{st, err}
	})
}

func (s *resultsScreen) Title(ctx *Context) string { return ctx.say("home_results") }

func (s *resultsScreen) Help(ctx *Context) []key.Binding {
	return []key.Binding{ctx.Keys.Up, ctx.Keys.Down, ctx.Keys.Enter, ctx.Keys.Back}
}

func (s *resultsScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case resultsMsg:
		s.loaded = true
		if msg.err != nil {
			s.problem = explain(ctx, msg.err)
			return nil
		}
		s.entries = msg.standing.Entries
		s.standing = msg.standing
		ctx.Session.state = msg.standing.State
		s.build(ctx)
		return nil
	case tea.KeyPressMsg:
		if key.Matches(msg, ctx.Keys.Back) {
			return back()
		}
		if s.page.key(msg.String()) {
			return nil
		}
		s.moved = true
	}
	if i, ok := s.menu.update(ctx, msg); ok {
		switch {
		case i < len(s.links):
			return push(newLessonScreen(ctx, s.links[i]))
		case i == len(s.links) && !s.all && len(s.recs) > len(s.links):
			s.all = true
			s.build(ctx)
			s.menu.cursor = i
			return nil
		}
		if i == len(s.links) {
			return push(newLearnedScreen())
		}
		return back()
	}
	return nil
}

// build makes the menu of lessons to learn next, as the engine ranks them
// (learning.Standing.Recommendations): the first is « Commencez ici », at
// most scoring.FirstShown are listed until « voir les autres », and the
// lessons already finished come last.
func (s *resultsScreen) build(ctx *Context) {
	s.links = nil
	s.recs = s.standing.Recommendations(ctx.Cat)
	var items []menuItem
	for i, r := range s.recs {
		if i >= scoring.FirstShown && !s.all {
			break
		}
		label := ctx.say("q_read", r.Lesson.Title)
		if i == 0 && !r.Done {
			label = ctx.say("results_start_here", r.Lesson.Title)
		}
		detail := ctx.say("results_lesson_detail", r.Lesson.Level, sanitize(situationOf(ctx, r.Competence)))
		if r.Done {
			detail = ctx.say("results_lesson_done", sanitize(situationOf(ctx, r.Competence)))
		}
		s.links = append(s.links, r.Lesson)
		items = append(items, menuItem{label: label, detail: detail})
	}
	if len(s.recs) > len(s.links) {
		items = append(items, menuItem{label: ctx.say("results_see_others", len(s.recs)-len(s.links))})
	}
	items = append(items, menuItem{label: ctx.say("learned_entry")}, menuItem{label: ctx.say("back_home")})
	s.menu.set(items)
	var hist []record.Test
	for _, t := range ctx.Session.state.Tests {
		if t.Result != nil {
			hist = append(hist, t)
		}
	}
	s.history = hist
}

func (s *resultsScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	bw := bodyWidth(ctx)
	if !s.loaded {
		return ctx.say("loading")
	}
	if s.problem != "" {
		return problemLine(t, s.problem, bw)
	}
	var lines []string
	add := func(s string) { lines = append(lines, strings.Split(s, "\n")...) }
	if len(s.entries) == 0 {
		add(wrap(ctx.say("results_none"), bw))
		add("")
	}
	for _, e := range s.entries {
		r := e.Result
		add(t.Heading.Render(wrap(sanitize(situation(e.Competence)), bw)))
		label := scoring.LevelHeading(ctx.Lang, r.Level)
		barW := min(20, max(4, bw-lipgloss.Width(label)-2))
		add(ctx.bar(barW, float64(r.Level)/float64(scoring.MaxLevel)) + "  " + t.Strong.Render(label))
		add(wrap(r.Uncertainty(ctx.Lang), bw))
		// Known acquis only with evidence in the answers (asked and right,
		// or implied by a harder acquis of the sujet answered right).
		var mastered, weak []string
		for _, sk := range r.Skills {
			skill := ctx.Cat.Skill(sk.Skill)
			switch {
			case skill == nil:
			case sk.Weak:
				weak = append(weak, skill.Text)
			case sk.Shown():
				mastered = append(mastered, skill.Text)
			}
		}
		if len(mastered) > 0 {
			add(t.Good.Render(t.G.Right + " " + ctx.say("results_mastered")))
			add(bullets(t, firstFew(ctx, mastered), bw))
		}
		if len(weak) > 0 {
			add(t.Strong.Render(ctx.say("results_to_learn")))
			add(bullets(t, firstFew(ctx, weak), bw))
		}
		add("")
	}
	if len(s.history) > 0 {
		add(t.Strong.Render(ctx.say("results_history")))
		for i := len(s.history) - 1; i >= 0 && i >= len(s.history)-5; i-- {
			ht := s.history[i]
			add(hanging(t.G.Bullet+" ", humanDate(ctx, ht.FinishedAt)+ctx.say("colon")+" "+sanitize(testName(ctx, ht.Competence))+" — "+scoring.LevelName(ctx.Lang, ht.Result.Level), bw))
		}
		add("")
	}
	if len(s.links) == 0 {
		top := len(lines)
		rows := s.menu.render(ctx, bw, 30, top)
		all := strings.Split(strings.Join(lines, "\n")+"\n"+rows, "\n")
		focus := top
		if c := s.menu.cursor; c < len(s.menu.zones) {
			focus = s.menu.zones[c][0]
		}
		if !s.moved {
			focus = 0 // opens at the top: the level first
		}
		return s.page.window(ctx, all, focus, bw, h)
	}
	// With lessons to read, they come first: « Commencez ici » is what
	// the learner does next; the levels follow.
	head := []string{t.Strong.Render(wrap(ctx.say("results_next"), bw))}
	top := len(head)
	rows := s.menu.render(ctx, bw, 30, top)
	all := append(head, strings.Split(rows, "\n")...)
	all = append(all, "")
	all = append(all, lines...)
	focus := 0
	if c := s.menu.cursor; s.moved && c < len(s.menu.zones) {
		focus = s.menu.zones[c][0]
	}
	return s.page.window(ctx, all, focus, bw, h)
}

// firstFew keeps a list short enough to read on one screen: three lines,
// then how many more.
func firstFew(ctx *Context, items []string) []string {
	const few = 3
	if len(items) <= few {
		return items
	}
	return append(items[:few:few], ctx.say("and_more", len(items)-few))
}

// situationOf names a competence by its id, as the home screen does.
func situationOf(ctx *Context, id string) string {
	if c := ctx.Cat.Competence(id); c != nil {
		return situation(c)
	}
	return id
}
