package tutor

import (
	"context"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"pasapas/lessons"
	"pasapas/progress"
	"pasapas/scoring"
)

// resultsScreen is "Mes résultats": per competence, the level in words with
// its uncertainty, a bar, what is mastered, what to learn next (each lesson
// opens from here), and the history of tests.
type resultsScreen struct {
	loaded  bool
	entries []resultEntry
	history []progress.Test
	menu    menu
	links   []*lessons.Lesson
	problem string
	page    follower
	moved   bool // the learner moved the focus: the page follows it
}

type resultEntry struct {
	comp   *lessons.Competence
	result scoring.Result
	when   string
}

// resultsMsg carries the results, rebuilt from the answer log. The engine
// gives the same result again from the same answers and the same item
// parameters; the calibration moves the parameters after every finished
// test, so each test is replayed with the ones stored with it
// (TestDifficulties), not today's. A test finished before they were stored
// (schema version 2) is replayed with today's calibration, and may show a
// level slightly different from the one in the history.
type resultsMsg struct {
	entries []resultEntry
	state   *progress.State
	err     error
}

func newResultsScreen(ctx *Context) *resultsScreen { return &resultsScreen{} }

func (s *resultsScreen) Init(ctx *Context) tea.Cmd {
	st, cat, learner := ctx.Store, ctx.Cat, ctx.Session.learner.ID
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		state, err := st.LoadState(c, learner)
		if err != nil {
			return resultsMsg{err: err}
		}
		tests := state.Tests
		stats, err := st.ItemStats(c)
		if err != nil {
			return resultsMsg{err: err}
		}
		calib := Calibrations(stats)
		latest := map[string]progress.Test{}
		for _, t := range tests {
			if t.Result != nil {
				latest[t.Competence] = t
			}
		}
		var out []resultEntry
		var positioning []scoring.Result
		// The answers of a test and the calibration to replay it with.
		load := func(id progress.TestID) ([]progress.Answer, map[string]scoring.Calibration, error) {
			answers, err := st.TestAnswers(c, id)
			if err != nil {
				return nil, nil, err
			}
			used, err := st.TestDifficulties(c, id)
			return answers, replayCalibration(calib, used), err
		}
		if pt, ok := latest[progress.Positioning]; ok {
			answers, replay, err := load(pt.ID)
			if err != nil {
				return resultsMsg{err: err}
			}
			var banks []*scoring.Bank
			for _, comp := range cat.Competences {
				if b := scoring.BankFromCatalogue(cat, comp.ID, replay); b != nil && b.Len() > 0 {
					banks = append(banks, b)
				}
			}
			if sv, err := scoring.ReplaySurvey(banks, scoring.SurveyOptions{Seed: uint64(pt.Seed)}, toEngine(answers, banks)); err == nil {
				positioning = sv.Results()
			}
		}
		for _, comp := range cat.Competences {
			if t, ok := latest[comp.ID]; ok {
				answers, replay, err := load(t.ID)
				if err != nil {
					return resultsMsg{err: err}
				}
				bank := scoring.BankFromCatalogue(cat, comp.ID, replay)
				if bank == nil {
					continue
				}
				if tt, err := scoring.Replay(bank, scoring.TestOptions{Seed: uint64(t.Seed)}, toEngine(answers, []*scoring.Bank{bank})); err == nil {
					out = append(out, resultEntry{comp: comp, result: tt.Result(), when: t.FinishedAt.UTC().Format(time.RFC3339Nano)})
				}
				continue
			}
			for _, r := range positioning {
				if r.Competence == comp.ID && r.N > 0 {
					out = append(out, resultEntry{comp: comp, result: r})
				}
			}
		}
		return resultsMsg{entries: out, state: state}
	})
}

// toEngine keeps the answers the banks still hold: a question removed from
// the content since the test is left out rather than failing the replay.
func toEngine(answers []progress.Answer, banks []*scoring.Bank) []scoring.Answer {
	var out []scoring.Answer
	seen := map[string]bool{}
	for _, a := range answers {
		held := false
		for _, b := range banks {
			if b.Item(a.Question) != nil {
				held = true
			}
		}
		if held && !seen[a.Question] {
			seen[a.Question] = true
			out = append(out, scoring.Answer{Question: a.Question, Correct: a.Result == progress.Correct})
		}
	}
	return out
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
		s.entries = msg.entries
		// The latest test first: it is what the learner just did.
		slices.SortStableFunc(s.entries, func(a, b resultEntry) int { return strings.Compare(b.when, a.when) })
		ctx.Session.state = msg.state
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
		if i < len(s.links) {
			return push(newLessonScreen(ctx, s.links[i]))
		}
		return back()
	}
	return nil
}

// build makes the menu of lessons to learn next, weakest first.
func (s *resultsScreen) build(ctx *Context) {
	s.links = nil
	seen := map[string]bool{}
	var items []menuItem
	for _, e := range s.entries {
		for _, id := range scoring.Recommend(ctx.Cat, e.result) {
			// A lesson already finished is not offered again here.
			if ctx.Session.state.Lessons[id].Done {
				continue
			}
			if l := ctx.Cat.Lesson(id); l != nil && !seen[id] {
				seen[id] = true
				s.links = append(s.links, l)
				items = append(items, menuItem{label: ctx.say("q_read", l.Title), detail: sanitize(situation(e.comp))})
			}
		}
	}
	items = append(items, menuItem{label: ctx.say("back_home")})
	s.menu.set(items)
	var hist []progress.Test
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
		r := e.result
		add(t.Heading.Render(wrap(sanitize(situation(e.comp)), bw)))
		label := scoring.LevelHeading(ctx.Lang, r.Level)
		barW := min(20, max(4, bw-lipgloss.Width(label)-2))
		add(ctx.bar(barW, float64(r.Level)/float64(scoring.MaxLevel)) + "  " + t.Strong.Render(label))
		add(wrap(r.Uncertainty(ctx.Lang), bw))
		var mastered, weak []string
		for _, sk := range r.Skills {
			skill := ctx.Cat.Skill(sk.Skill)
			if skill == nil || sk.Right+sk.Wrong == 0 && !sk.Weak && sk.PSuccess < 0.8 {
				continue
			}
			switch {
			case sk.Weak:
				weak = append(weak, skill.Text)
			case sk.PSuccess >= 0.8:
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
	if len(s.links) > 0 {
		add(t.Strong.Render(ctx.say("results_next")))
	}
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

// firstFew keeps a list short enough to read on one screen: three lines,
// then how many more.
func firstFew(ctx *Context, items []string) []string {
	const few = 3
	if len(items) <= few {
		return items
	}
	return append(items[:few:few], ctx.say("and_more", len(items)-few))
}
