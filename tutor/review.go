package tutor

import (
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"pasapas/learning"
	"pasapas/lessons"
	"pasapas/quiz"
)

// dueSkills lists the acquis to review today that the content can ask about.
func dueSkills(ctx *Context) []string {
	return learning.DueReviews(ctx.Session.state, ctx.Cat, ctx.now())
}

// reviewScreen is "Réviser": one question for each acquis due today. A
// right answer spaces the next review out; a wrong one brings it back soon.
type reviewScreen struct {
	skills       []string
	at           int
	qv           *questionView
	current      *lessons.Question
	pending      quiz.Result
	right        int
	problem      string
	problemLines int // height of the problem line as last drawn, to place clicks
	endMenu      menu
}

func newReviewScreen(ctx *Context) *reviewScreen {
	s := &reviewScreen{skills: dueSkills(ctx)}
	s.endMenu.set([]menuItem{{label: ctx.say("back_home")}})
	s.ask(ctx)
	return s
}

// ask prepares the question of the current acquis: each review takes the
// next wording of the acquis, so a learner does not meet the same one twice
// in a row.
func (s *reviewScreen) ask(ctx *Context) {
	if s.at >= len(s.skills) {
		s.qv = nil
		return
	}
	skill := s.skills[s.at]
	qs := learning.ReviewQuestions(ctx.Cat, skill)
	reps := 0
	if c, ok := ctx.Session.state.Reviews[skill]; ok {
		reps = int(c.Reps)
	}
	s.current = qs[reps%len(qs)]
	s.qv = newQuestionView(ctx, s.current, seedFor(learnerKey(ctx), s.current.ID, "revision"))
}

func (s *reviewScreen) Title(ctx *Context) string { return ctx.say("home_review") }

func (s *reviewScreen) Typing() bool          { return s.qv != nil && s.qv.Typing() }
func (s *reviewScreen) Asking() *questionView { return s.qv.waiting() }

func (s *reviewScreen) Help(ctx *Context) []key.Binding {
	return []key.Binding{ctx.Keys.Up, ctx.Keys.Down, ctx.Keys.Enter, ctx.Keys.Back}
}

func (s *reviewScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case recordedMsg:
		if s.qv != nil {
			s.qv.showFeedback(ctx, s.pending, msg.err)
			if s.pending.Outcome == quiz.Correct {
				s.right++
			}
		}
		return nil
	case tea.KeyPressMsg:
		if key.Matches(msg, ctx.Keys.Back) {
			return back()
		}
	}
	if s.qv == nil {
		if _, ok := s.endMenu.update(ctx, msg); ok {
			return back()
		}
		return nil
	}
	cmd, ev := s.qv.update(ctx, below(msg, 2+s.problemLines))
	switch ev.kind {
	case qSubmitted:
		s.pending = s.qv.check(ev.answer)
		rec := s.qv.record(ctx, ev, s.pending)
		return recordAnswer(ctx, rec, cardAfter(ctx, s.current.Skill.ID, s.pending.Outcome == quiz.Correct))
	case qContinue:
		s.at++
		s.ask(ctx)
	case qOpenLesson:
		return push(newLessonScreen(ctx, ev.lesson))
	}
	return cmd
}

func (s *reviewScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	bw := bodyWidth(ctx)
	var top string
	s.problemLines = 0
	if s.problem != "" {
		top = problemLine(t, s.problem, bw) + "\n"
		s.problemLines = strings.Count(top, "\n")
	}
	if s.qv == nil {
		var lines []string
		if len(s.skills) == 0 {
			lines = append(lines, t.Heading.Render(wrap(ctx.say("review_nothing"), bw)), wrap(ctx.say("review_nothing_why"), bw))
		} else {
			lines = append(lines, t.Good.Render(t.G.Right+" "+ctx.say("review_done", s.right, len(s.skills))), wrap(ctx.say("review_next"), bw))
		}
		if next := nextReview(ctx); next != "" {
			lines = append(lines, wrap(next, bw))
		}
		lines = append(lines, "")
		head := top + strings.Join(lines, "\n")
		n := strings.Count(head, "\n") + 1
		return head + "\n" + s.endMenu.render(ctx, bw, h-n, n)
	}
	head := t.Strong.Render(ctx.say("review_n_of", s.at+1, len(s.skills)))
	if sk := ctx.Cat.Skill(s.current.Skill.ID); sk != nil {
		head += "  " + t.Muted.Render(sanitize(sk.Text))
	}
	return top + fit(head, bw, 1) + "\n\n" + s.qv.render(ctx, bw, h-2-strings.Count(top, "\n"))
}

// nextReview says when the next review is due, if one is planned.
func nextReview(ctx *Context) string {
	now := ctx.now()
	var next time.Time
	for _, c := range ctx.Session.state.Reviews {
		if c.Due.After(now) && (next.IsZero() || c.Due.Before(next)) {
			next = c.Due
		}
	}
	if next.IsZero() {
		return ""
	}
	return ctx.say("review_next_date", humanDate(ctx, next))
}
