package tutor

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"pasapas/lessons"
	"pasapas/progress"
	"pasapas/quiz"
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
	return []key.Binding{ctx.Keys.Digits, ctx.Keys.Enter, ctx.Keys.Back}
}

func (s *testChooser) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, ctx.Keys.Back) {
		return back()
	}
	if i, ok := s.menu.update(ctx, msg); ok {
		if i == 0 {
			return replace(newTestScreen(ctx, progress.Positioning))
		}
		return replace(newTestScreen(ctx, s.comps[i-1].ID))
	}
	return nil
}

func (s *testChooser) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	head := t.Heading.Render(wrap(ctx.say("test_choose"), w)) + "\n" + wrap(ctx.say("test_reassure"), w)
	top := strings.Count(head, "\n") + 2
	return head + "\n\n" + s.menu.render(ctx, w, h-top, top)
}

// testScreen runs an adaptive test of one competence, or the positioning,
// one question at a time, with a recap every 5 questions. Every answer is
// written before its feedback shows; an interrupted test is resumed from
// the home screen by replaying its answers.
type testScreen struct {
	comp   string // competence id, or progress.Positioning
	id     progress.TestID
	seed   int64
	test   *scoring.Test
	survey *scoring.Survey

	qv      *questionView
	current *lessons.Question
	pending quiz.Result
	done    []doneItem // answered in this sitting, for the recaps
	count   int        // answered in this test, with a resumed part
	recapAt int        // count when the last recap was shown
	phase   testPhase
	recap   menu
	problem string
	resume  *progress.OpenTest
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

// testStartMsg carries what a test needs from the store.
type testStartMsg struct {
	id       progress.TestID
	seed     int64
	exclude  []string
	exposure scoring.Exposure
	calib    map[string]scoring.Calibration
	answered []scoring.Answer
	err      error
}

// newTestScreen starts a test of a competence, or carries on the one left
// open for it: a learner who comes back does not start over, and open tests
// do not pile up.
func newTestScreen(ctx *Context, comp string) *testScreen {
	open := ctx.Session.state.OpenTests
	for i := len(open) - 1; i >= 0; i-- {
		if open[i].Competence == comp {
			return resumeTestScreen(ctx, open[i])
		}
	}
	return &testScreen{comp: comp}
}

// resumeTestScreen carries on a test left open (the program was closed, or
// the PC switched off, in the middle).
func resumeTestScreen(ctx *Context, ot progress.OpenTest) *testScreen {
	return &testScreen{comp: ot.Competence, resume: &ot}
}

func (s *testScreen) Init(ctx *Context) tea.Cmd {
	st := ctx.Store
	learner := ctx.Session.learner.ID
	tests := ctx.Session.state.Tests
	comp, resume := s.comp, s.resume
	seed := ctx.now().UnixNano()
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		var m testStartMsg
		stats, err := st.ItemStats(c)
		if err != nil {
			return testStartMsg{err: err}
		}
		m.calib = Calibrations(stats)
		// How often each question was asked on this PC, so that no question
		// comes up in most tests.
		if comp != progress.Positioning {
			tests, asked, err := st.Exposure(c, comp)
			if err != nil {
				return testStartMsg{err: err}
			}
			if resume != nil {
				// As it was when the test started: this test not counted.
				tests--
				for _, a := range resume.Answers {
					asked[a.Question]--
				}
			}
			m.exposure = scoring.Exposure{Tests: max(0, tests), Asked: asked}
		}
		// The questions of the previous test of this competence are asked
		// again only when nothing else is left.
		for i := len(tests) - 1; i >= 0; i-- {
			if tests[i].Competence == comp && tests[i].Result != nil && (resume == nil || tests[i].ID != resume.ID) {
				prev, err := st.TestAnswers(c, tests[i].ID)
				if err != nil {
					return testStartMsg{err: err}
				}
				for _, a := range prev {
					m.exclude = append(m.exclude, a.Question)
				}
				break
			}
		}
		if resume != nil {
			m.id, m.seed = resume.ID, resume.Seed
			for _, a := range resume.Answers {
				m.answered = append(m.answered, scoring.Answer{Question: a.Question, Correct: a.Result == progress.Correct})
			}
			return m
		}
		m.seed = seed
		m.id, err = st.StartTest(c, learner, comp, seed)
		m.err = err
		return m
	})
}

func (s *testScreen) Title(ctx *Context) string { return testName(ctx, s.comp) }

// testName names a test for the learner.
func testName(ctx *Context, comp string) string {
	if comp == progress.Positioning {
		return ctx.say("test_all")
	}
	if c := ctx.Cat.Competence(comp); c != nil {
		return situation(c)
	}
	return comp
}

func (s *testScreen) Typing() bool { return s.phase == testAsking && s.qv != nil && s.qv.Typing() }

// Asking returns the question on screen while it waits for an answer.
func (s *testScreen) Asking() *questionView {
	if s.phase == testAsking && s.problem == "" {
		return s.qv.waiting()
	}
	return nil
}

func (s *testScreen) Help(ctx *Context) []key.Binding {
	k := ctx.Keys
	pause := key.NewBinding(key.WithKeys("esc"), key.WithHelp(ctx.say("key_esc_name"), ctx.say("key_pause")))
	return []key.Binding{k.Up, k.Down, k.Enter, pause}
}

// banks are the banks of every competence for a positioning.
func (s *testScreen) banks(ctx *Context, calib map[string]scoring.Calibration) []*scoring.Bank {
	authorB := scoring.AuthorDifficulties(ctx.Cat)
	var out []*scoring.Bank
	for _, comp := range ctx.Cat.Competences {
		if b := NewTestBank(ctx.Cat, comp.ID, calib, authorB); b != nil {
			out = append(out, b)
		}
	}
	return out
}

// NewTestBank is the bank a new test of a competence runs on: today's
// calibration (Calibrations), centred on the author levels
// (scoring.Bank.Centred), so that the learners of this computer can move
// questions relative to each other but not the whole scale. Results are
// replayed on the bank their test stored, never on this one. nil when the
// competence has no question. pasapas calibrate uses it to say what a test
// uses today.
func NewTestBank(cat *lessons.Catalogue, competence string, calib map[string]scoring.Calibration, authorB map[string]float64) *scoring.Bank {
	b := scoring.BankFromCatalogue(cat, competence, calib)
	if b == nil || b.Len() == 0 {
		return nil
	}
	return b.Centred(calib, authorB)
}

func (s *testScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case testStartMsg:
		if msg.err != nil {
			s.problem = explain(ctx, msg.err)
			return nil
		}
		s.id, s.seed = msg.id, msg.seed
		var next func()
		var record func(string, bool) error
		if s.comp == progress.Positioning {
			opts := scoring.SurveyOptions{Seed: uint64(s.seed), Exclude: msg.exclude}
			s.survey = scoring.NewSurvey(s.banks(ctx, msg.calib), opts)
			next, record = func() { s.survey.Next() }, s.survey.Record
		} else {
			bank := NewTestBank(ctx.Cat, s.comp, msg.calib, scoring.AuthorDifficulties(ctx.Cat))
			if bank == nil {
				s.problem = ctx.say("test_no_questions")
				return nil
			}
			opts := scoring.TestOptions{Seed: uint64(s.seed), Exclude: msg.exclude, Exposure: msg.exposure}
			s.test = scoring.NewTest(bank, opts)
			next, record = func() { s.test.Next() }, s.test.Record
		}
		s.count = replayKnown(next, record, msg.answered)
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
			// The test stays open: the home screen offers to resume it.
			return back()
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
			rec.Test = s.id
			return recordAnswer(ctx, rec, cardAfter(ctx, s.current.Skill.ID, s.pending.Outcome == quiz.Correct))
		case qContinue:
			// Every 5 answers on disk; a failed save counts none, so the
			// same recap is not shown twice, nor one with nothing in it.
			if s.count > 0 && s.count%5 == 0 && s.count != s.recapAt && !s.over() {
				s.recapAt = s.count
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
	correct := r.Outcome == quiz.Correct
	var err error
	if s.survey != nil {
		err = s.survey.Record(q.ID, correct)
	} else {
		err = s.test.Record(q.ID, correct)
	}
	if err != nil {
		s.problem = ctx.say("test_engine")
	}
	s.count++
	s.done = append(s.done, doneItem{prompt: q.Prompt, outcome: r.Outcome})
	return nil
}

// cardAfter schedules an answer's acquis for review: it updates the
// session's copy at once and returns the write, to run with the answer's.
func cardAfter(ctx *Context, skill string, correct bool) func(context.Context) error {
	if skill == "" {
		return nil
	}
	card := scoring.NewCard(skill)
	if c, ok := ctx.Session.state.Reviews[skill]; ok {
		card = cardOf(c)
	}
	stored := storeCard(scoring.ReviewCard(card, correct, ctx.now()))
	if ctx.Session.state.Reviews == nil {
		ctx.Session.state.Reviews = map[string]progress.ReviewCard{}
	}
	ctx.Session.state.Reviews[skill] = stored
	st, id := ctx.Store, ctx.Session.learner.ID
	return func(c context.Context) error { return st.SaveReviewCards(c, id, stored) }
}

// replayKnown gives the engine the answers of a test left open, in order,
// and returns how many it took. An answer the engine refuses (its question
// was removed from the content since) is skipped: losing one answer is
// better than losing the test.
func replayKnown(next func(), record func(id string, correct bool) error, answers []scoring.Answer) int {
	n := 0
	for _, a := range answers {
		next()
		if record(a.Question, a.Correct) == nil {
			n++
		}
	}
	return n
}

func (s *testScreen) over() bool {
	if s.survey != nil {
		return s.survey.Done()
	}
	done, _ := s.test.Done()
	return done
}

// next asks the next question, or finishes the test.
func (s *testScreen) next(ctx *Context) tea.Cmd {
	var item *scoring.Item
	if s.survey != nil {
		if !s.survey.Done() {
			if st, ok := s.survey.Next(); ok {
				item = st.Item
			}
		}
	} else if done, _ := s.test.Done(); !done {
		if st, ok := s.test.Next(); ok {
			item = st.Item
		}
	}
	if item == nil {
		return s.finish(ctx)
	}
	q := ctx.Cat.Question(item.ID)
	if q == nil {
		s.problem = ctx.say("test_no_questions")
		return nil
	}
	s.current = q
	s.qv = newQuestionView(ctx, q, seedFor(learnerKey(ctx), q.ID, fmt.Sprint(s.id)))
	s.phase = testAsking
	return nil
}

// finish writes the result, the item parameters it was computed with, the
// mastery of each acquis and the new difficulty of each question answered,
// in one transaction: all of it is on disk, or the failure is shown and the
// test stays open.
func (s *testScreen) finish(ctx *Context) tea.Cmd {
	s.phase = testFinishing
	var results []scoring.Result
	var used map[string]scoring.Calibration // the item parameters the results come from
	if s.survey != nil {
		results, used = s.survey.Results(), s.survey.Params()
	} else {
		results, used = []scoring.Result{s.test.Result()}, s.test.Bank().Params()
	}
	var res progress.TestResult
	if s.survey != nil {
		res = positioningSummary(results)
	} else {
		r := results[0]
		res = progress.TestResult{Theta: r.Theta, SE: r.SE, Level: r.Level, StopReason: r.Stop.Reason.String()}
	}
	var states []progress.AcquisState
	for _, r := range results {
		for _, sk := range r.Skills {
			if sk.Right+sk.Wrong > 0 {
				states = append(states, progress.AcquisState{Acquis: sk.Skill, Mastery: sk.PSuccess, Answers: sk.Right + sk.Wrong, LastSeen: ctx.now()})
			}
		}
	}
	// Calibration: one Elo step per answered question, with this test's
	// ability under the population prior, from the difficulty stored when
	// the transaction runs (in the frame of the test's centred bank), pulled
	// back to the author's. The engine is only read: it takes no more
	// answers once finishing.
	authorB := scoring.AuthorDifficulties(ctx.Cat)
	elo := func(cur map[string]scoring.Calibration) map[string]scoring.Calibration {
		if s.survey != nil {
			return s.survey.Calibrate(cur, authorB, scoring.EloOptions{})
		}
		return s.test.Calibrate(cur, authorB, scoring.EloOptions{})
	}
	// The parameters go with the result: the calibration step moves them,
	// and the results screen replays the test with the ones it used.
	out := progress.TestOutcome{Result: res, Acquis: states, Difficulties: usedParams(used),
		Calibrate: func(cur map[string]progress.ItemCalibration) map[string]progress.ItemCalibration {
			return storeCalibrations(elo(engineCalibrations(cur)))
		}}
	st, id := ctx.Store, s.id
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		return testFinishedMsg{st.FinishTestWith(c, id, out)}
	})
}

// positioningSummary keeps, for a positioning, the mean level over the
// competences it touched; each competence's rough level is computed again
// from the answers when results are shown.
func positioningSummary(rs []scoring.Result) progress.TestResult {
	sum, n := 0, 0
	for _, r := range rs {
		if r.N > 0 {
			sum += r.Level
			n++
		}
	}
	level := 0
	if n > 0 {
		level = (sum + n/2) / n
	}
	return progress.TestResult{Level: level, StopReason: "positionnement"}
}

func (s *testScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	bw := bodyWidth(ctx)
	if s.problem != "" {
		return problemLine(t, s.problem, bw) + "\n\n" + t.Muted.Render(wrap(ctx.say("test_problem_hint"), bw))
	}
	switch s.phase {
	case testStarting:
		return ctx.say("loading")
	case testFinishing:
		return ctx.say("test_finishing")
	case testRecap:
		return s.renderRecap(ctx, bw, h)
	}
	head := t.Strong.Render(ctx.say("question_n", s.count+boolInt(s.qv.phase == asking || s.qv.phase == saving))) + "  " +
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
