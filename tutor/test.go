package tutor

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"pasapas/learning"
	"pasapas/lessons"
	"pasapas/quiz"
	"pasapas/record"
	"pasapas/scoring"
)

// testChooser offers "Faire le point": one competence, or a short
// positioning across all of them.
type testChooser struct {
	comps []*lessons.Competence
	menu  menu
}

func newTestChooser(ctx *Context) *testChooser {
	s := &testChooser{}
	s.menu.compact = true
	items := []menuItem{{label: ctx.say("test_all"), detail: ctx.say("test_all_detail")}}
	for _, comp := range ctx.Cat.Competences {
		if b := scoring.BankFromCatalogue(ctx.Cat, comp.ID, nil); b == nil || b.Len() == 0 {
			continue
		}
		s.comps = append(s.comps, comp)
		items = append(items, menuItem{label: situation(comp), detail: lastLevel(ctx, comp.ID)})
	}
	s.menu.set(items)
	return s
}

// lastLevel says the learner's latest level in a competence, if any.
func lastLevel(ctx *Context, comp string) string {
	tests := ctx.Session.state.Tests
	for i := len(tests) - 1; i >= 0; i-- {
		if t := tests[i]; t.Competence == comp && t.Result != nil {
			return ctx.say("last_result", scoring.LevelName(ctx.Lang, t.Result.Level), humanDate(ctx, t.FinishedAt))
		}
	}
	return ctx.say("never_tested")
}

func (s *testChooser) Title(ctx *Context) string { return ctx.say("home_test") }

func (s *testChooser) Help(ctx *Context) []key.Binding {
	return menuKeys(ctx)
}

func (s *testChooser) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, ctx.Keys.Back) {
		return back()
	}
	if i, ok := s.menu.update(ctx, msg); ok {
		if i == 0 {
			return replace(newTestScreen(ctx, record.Positioning))
		}
		return replace(newTestScreen(ctx, s.comps[i-1].ID))
	}
	return nil
}

func (s *testChooser) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	head := t.Heading.Render(wrap(ctx.say("test_choose"), w)) + "\n" + wrap(ctx.say("test_reassure"), w)
	return s.menu.below(ctx, head, w, h)
}

// testScreen runs an adaptive test of one competence, or the positioning,
// one question at a time, with a recap every 5 questions. Every answer is
// written before its feedback shows; an interrupted test is resumed from
// the home screen by replaying its answers.
type testScreen struct {
	comp string         // competence id, or record.Positioning
	test *learning.Test // nil until StartTest answers

	qv      *questionView
	current *lessons.Question
	pending quiz.Result
	done    []doneItem // answered in this sitting, for the recaps
	recapAt int        // count when the last recap was shown
	phase   testPhase
	recap   menu
	problem string
	paused  *testPause // Échap was pressed: the pause (pause.go)
}

type doneItem struct {
	prompt  string
	outcome quiz.Outcome
}

type testPhase int

const (
	testStarting testPhase = iota
	testAsking
	testRecap
	testFinishing
)

// testStartedMsg carries the test StartTest built or resumed.
type testStartedMsg struct {
	test *learning.Test
	err  error
}

// newTestScreen starts a test of a competence, or carries on the one left
// open for it (learning.Service.StartTest decides which).
func newTestScreen(ctx *Context, comp string) *testScreen {
	return &testScreen{comp: comp}
}

func (s *testScreen) Init(ctx *Context) tea.Cmd {
	app, cat, learner, comp := ctx.App, ctx.Cat, ctx.Session.learner.ID, s.comp
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		t, err := app.StartTest(c, cat, learner, comp)
		return testStartedMsg{t, err}
	})
}

func (s *testScreen) Title(ctx *Context) string { return testName(ctx, s.comp) }

// testName names a test for the learner.
func testName(ctx *Context, comp string) string {
	if comp == record.Positioning {
		return ctx.say("test_all")
	}
	if c := ctx.Cat.Competence(comp); c != nil {
		return situation(c)
	}
	return comp
}

func (s *testScreen) Typing() bool {
	return s.paused == nil && s.phase == testAsking && s.qv != nil && s.qv.Typing()
}

// Asking returns the question on screen while it waits for an answer.
func (s *testScreen) Asking() *questionView {
	if s.phase == testAsking && s.problem == "" && s.paused == nil {
		return s.qv.waiting()
	}
	return nil
}

func (s *testScreen) Help(ctx *Context) []key.Binding {
	if s.paused != nil {
		return s.paused.help(ctx)
	}
	k := ctx.Keys
	pause := key.NewBinding(key.WithKeys("esc"), key.WithHelp(ctx.say("key_esc_name"), ctx.say("key_pause")))
	return []key.Binding{k.Up, k.Down, k.Enter, pause}
}

func (s *testScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	if s.paused != nil {
		return s.paused.update(ctx, s, msg)
	}
	switch msg := msg.(type) {
	case testStartedMsg:
		switch {
		case errors.Is(msg.err, learning.ErrNoQuestions):
			s.problem = ctx.say("test_no_questions")
			return nil
		case msg.err != nil:
			s.problem = explain(ctx, msg.err)
			return nil
		}
		s.test = msg.test
		return s.next(ctx)
	case recordedMsg:
		if s.qv == nil || s.phase != testAsking {
			return nil
		}
		s.qv.showFeedback(ctx, s.pending, msg.err)
		if msg.err != nil {
			// Not on disk, so not given to the engine either: the log and
			// the engine stay the same, and the question is asked again.
			return nil
		}
		return s.learnFrom(ctx, s.pending)
	case testFinishedMsg:
		if msg.err != nil {
			s.problem = explain(ctx, msg.err)
			return nil
		}
		return replace(newResultsScreen(ctx))
	case tea.KeyPressMsg:
		if key.Matches(msg, ctx.Keys.Back) {
			// The pause: go on, come back later, or stop for good.
			return s.pause(ctx)
		}
		if s.problem != "" {
			return nil // only Échap, while a problem is shown
		}
	}
	switch s.phase {
	case testAsking:
		if s.qv == nil {
			return nil
		}
		cmd, ev := s.qv.update(ctx, below(msg, 2))
		switch ev.kind {
		case qSubmitted:
			s.pending = s.qv.check(ev.answer)
			rec := s.qv.record(ctx, ev, s.pending)
			rec.Test = s.test.ID
			return recordAnswer(ctx, rec, cardAfter(ctx, s.current.Skill.ID, s.pending.Outcome == quiz.Correct))
		case qContinue:
			// Every 5 answers on disk; a failed save counts none, so the
			// same recap is not shown twice, nor one with nothing in it.
			if n := s.test.Answered; n > 0 && n%5 == 0 && n != s.recapAt && !s.test.Over() {
				s.recapAt = n
				s.phase = testRecap
				s.recap.set([]menuItem{{label: ctx.say("q_continue")}})
				return nil
			}
			return s.next(ctx)
		case qOpenLesson:
			return push(newLessonScreen(ctx, ev.lesson))
		}
		return cmd
	case testRecap:
		if _, ok := s.recap.update(ctx, msg); ok {
			return s.next(ctx)
		}
	}
	return nil
}

// learnFrom gives the answer to the engine and updates the review card of
// its acquis.
func (s *testScreen) learnFrom(ctx *Context, r quiz.Result) tea.Cmd {
	q := s.current
	if err := s.test.Record(q.ID, r.Outcome == quiz.Correct); err != nil {
		s.problem = ctx.say("test_engine")
	}
	s.done = append(s.done, doneItem{prompt: q.Prompt, outcome: r.Outcome})
	return nil
}

// cardAfter schedules an answer's acquis for review: it updates the
// session's copy at once and returns the card to write with the answer.
func cardAfter(ctx *Context, skill string, correct bool) *record.ReviewCard {
	if skill == "" || ctx.Session == nil {
		return nil
	}
	card := learning.NextReview(ctx.Session.state, skill, correct, ctx.now())
	if ctx.Session.state.Reviews == nil {
		ctx.Session.state.Reviews = map[string]record.ReviewCard{}
	}
	ctx.Session.state.Reviews[skill] = card
	return &card
}

// next asks the next question, or finishes the test.
func (s *testScreen) next(ctx *Context) tea.Cmd {
	step, ok := s.test.Next()
	if !ok {
		return s.finish(ctx)
	}
	q := ctx.Cat.Question(step.Item.ID)
	if q == nil {
		s.problem = ctx.say("test_no_questions")
		return nil
	}
	s.current = q
	s.qv = newQuestionView(ctx, q, seedFor(learnerKey(ctx), q.ID, fmt.Sprint(s.test.ID)))
	// No hint in a test: a hint gives much of the answer, and the
	// simulation shows what scoring such answers costs either way
	// (pasapas sim --hints). Lessons and reviews keep their hints.
	s.qv.noHints = true
	s.phase = testAsking
	return nil
}

// finish writes the result, the item parameters it was computed with, the
// mastery of each acquis and the new difficulty of each question answered,
// in one unit of work (learning.Service.FinishTest): all of it is stored,
// or the failure is shown and the test stays open.
func (s *testScreen) finish(ctx *Context) tea.Cmd {
	s.phase = testFinishing
	app, cat, t := ctx.App, ctx.Cat, s.test
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		return testFinishedMsg{app.FinishTest(c, cat, t)}
	})
}

func (s *testScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	bw := bodyWidth(ctx)
	if s.problem != "" {
		return problemLine(t, s.problem, bw) + "\n\n" + t.Muted.Render(wrap(ctx.say("test_problem_hint"), bw))
	}
	if s.paused != nil {
		return s.paused.render(ctx, s, bw, h)
	}
	switch s.phase {
	case testStarting:
		return ctx.say("loading")
	case testFinishing:
		return ctx.say("test_finishing")
	case testRecap:
		return s.renderRecap(ctx, bw, h)
	}
	head := t.Strong.Render(ctx.say("question_n", s.test.Answered+boolInt(s.qv.phase == asking || s.qv.phase == saving))) + "  " +
		t.Muted.Render(ctx.say("test_never_timed"))
	return fit(head, bw, 1) + "\n\n" + s.qv.render(ctx, bw, h-2)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// renderRecap lists the last five questions with their verdict.
func (s *testScreen) renderRecap(ctx *Context, w, h int) string {
	t := ctx.Theme
	lines := []string{t.Heading.Render(wrap(ctx.say("recap_title"), w)), wrap(ctx.say("recap_hint"), w), ""}
	from := max(0, len(s.done)-5)
	for _, d := range s.done[from:] {
		mark, style := t.G.Right, t.Good
		switch d.outcome {
		case quiz.Incorrect:
			mark, style = t.G.Wrong, t.Bad
		case quiz.Skipped:
			mark, style = t.G.Skip, t.Strong
		}
		word := ctx.say("recap_" + string(d.outcome))
		lines = append(lines, hanging(style.Render(mark+" "+word+ctx.say("colon"))+" ", sanitize(unmarked(d.prompt)), w))
	}
	lines = append(lines, "")
	top := len(strings.Split(strings.Join(lines, "\n"), "\n"))
	return strings.Join(lines, "\n") + "\n" + s.recap.render(ctx, w, h-top, top)
}
