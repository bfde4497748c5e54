package tutor

import (
	"hash/fnv"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"pasapas/lessons"
	"pasapas/quiz"
	"pasapas/record"
)

// questionView asks one question, of any type, then shows its feedback.
// The lesson, the test and the review embed it and act on its events: it
// collects an answer; they check it, write it to the store, and hand the
// result back for the feedback.
type questionView struct {
	q        *lessons.Question
	inLesson string // the lesson the question is asked in, if any
	pres     quiz.Presentation
	started  time.Time
	phase    qPhase
	hints    int
	notice   string
	// noHints: no hint is offered (a test: an answer after a hint says
	// little about the learner; docs/moteur-adaptatif.md §3.4).
	noHints bool

	// choices and every "pick one" stage
	cursor int
	chosen map[string]bool // choix_multiple

	// vrai_faux, ordre, association: one sub-question at a time
	pos     int
	truth   map[string]bool
	order   []string
	matches map[string]string

	// reponse_libre, champs
	inputs  []textinput.Model
	selects []int // chosen option per field, for "liste" fields; -1 none

	// A mock screen too tall to share the window with the answers is shown
	// first on its own page ("look"); the answers then have a line to see
	// it again.
	look       bool
	lookShown  bool // the last rendering showed the screen alone
	lookScroll scroller
	tight      bool // the last rendering had to split screen and answers

	// feedback
	result   quiz.Result
	feedback quiz.Feedback
	saveErr  error
	// headLines is how many lines of the feedback stay on top while the
	// rest scrolls: the verdict, and the warning when not saved.
	headLines int
	next      []*lessons.Lesson
	more      []*lessons.Lesson
	after     menu
	page      follower
	rowZones  [][2]int // first and last line of each row in the last rendering
	// pinned is the number of lines drawn above the page in the last
	// rendering (the verdict, while the rest of the feedback scrolls), or -1
	// when the body was drawn whole: clicks are placed with it.
	pinned int
}

type qPhase int

const (
	asking qPhase = iota
	saving
	showing
)

// qEvent is what the learner did that the owner must act on.
type qEvent struct {
	kind   qEventKind
	answer quiz.Answer
	took   time.Duration
	lesson *lessons.Lesson
}

type qEventKind int

const (
	qNothing qEventKind = iota
	qSubmitted
	qContinue
	qOpenLesson
)

// newQuestionView prepares a question; seed fixes the shuffle, so the same
// question shows the same order again after a pause.
func newQuestionView(ctx *Context, q *lessons.Question, seed uint64) *questionView {
	v := &questionView{
		pinned:  -1,
		q:       q,
		look:    q.Screen != nil,
		pres:    quiz.Present(q, rand.New(rand.NewPCG(seed, 0x9a5a9a5))),
		started: ctx.now(),
		chosen:  map[string]bool{},
		truth:   map[string]bool{},
		matches: map[string]string{},
	}
	for i, f := range q.Fields {
		in := newInput(ctx, false, 200)
		if i > 0 || f.Format == lessons.FormatSelect {
			in.Blur()
		}
		v.inputs = append(v.inputs, in)
		v.selects = append(v.selects, -1)
	}
	return v
}

// seedFor makes a stable shuffle seed from words (learner, question, attempt).
func seedFor(parts ...string) uint64 {
	h := fnv.New64a()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0xff}) // not UTF-8: "ab"+"c" and "a"+"bc" differ
	}
	return h.Sum64()
}

// Typing says whether keys go into a text field.
func (v *questionView) Typing() bool {
	return v.phase == asking && isTextQuestion(v.q) && v.cursor < len(v.q.Fields) && v.q.Fields[v.cursor].Format != lessons.FormatSelect
}

// anyTicked says whether a box of a multiple choice is ticked.
func (v *questionView) anyTicked() bool {
	for _, on := range v.chosen {
		if on {
			return true
		}
	}
	return false
}

// waiting returns the view when it waits for an answer (its choices are
// on screen, not the mock screen alone), else nil. A nil view waits for
// nothing.
func (v *questionView) waiting() *questionView {
	if v == nil || v.phase != asking || v.look {
		return nil
	}
	return v
}

// onList says whether the focused row is a « liste » field, whose option
// ← and → change.
func (v *questionView) onList() bool {
	return v.phase == asking && isTextQuestion(v.q) && v.cursor < len(v.q.Fields) && v.q.Fields[v.cursor].Format == lessons.FormatSelect
}

func isTextQuestion(q *lessons.Question) bool {
	return q.Type == lessons.FreeText || q.Type == lessons.Fields
}

// actions are the rows under the answer: validate (when the answer takes
// several moves), "Je ne sais pas" (always), a hint (while there are some).
type action int

const (
	actValidate action = iota
	actSkip
	actHint
	actSeeScreen
)

func (v *questionView) actions() []action {
	var acts []action
	switch v.q.Type {
	case lessons.MultipleChoice, lessons.FreeText, lessons.Fields:
		acts = append(acts, actValidate)
	}
	acts = append(acts, actSkip)
	if v.hints < len(v.q.Hints) && !v.noHints {
		acts = append(acts, actHint)
	}
	if v.tight {
		acts = append(acts, actSeeScreen)
	}
	return acts
}

// options are the rows the learner picks from in the current stage.
func (v *questionView) options(ctx *Context) []string {
	q := v.q
	switch q.Type {
	case lessons.SingleChoice, lessons.MultipleChoice:
		var out []string
		for _, id := range v.pres.Choices {
			out = append(out, choiceText(q, id))
		}
		return out
	case lessons.TrueFalse:
		return []string{quiz.LabelTrue.In(ctx.Lang), quiz.LabelFalse.In(ctx.Lang)}
	case lessons.Ordering:
		var out []string
		for _, id := range v.remainingElements() {
			out = append(out, elementText(q, id))
		}
		return out
	case lessons.Matching:
		var out []string
		for _, id := range v.remainingRights() {
			out = append(out, rightText(q, id))
		}
		return out
	}
	return nil
}

// statement is the i-th statement of a vrai_faux question in the order
// it is asked: the presentation's, shuffled and stable for a learner like
// the choices.
func (v *questionView) statement(i int) lessons.Statement {
	if i < len(v.pres.Statements) {
		for _, s := range v.q.Statements {
			if s.ID == v.pres.Statements[i] {
				return s
			}
		}
	}
	return v.q.Statements[i]
}

func (v *questionView) remainingElements() []string {
	var out []string
	for _, id := range v.pres.Elements {
		if !slices.Contains(v.order, id) {
			out = append(out, id)
		}
	}
	return out
}

func (v *questionView) remainingRights() []string {
	used := map[string]bool{}
	for _, r := range v.matches {
		used[r] = true
	}
	var out []string
	for _, id := range v.pres.Rights {
		if !used[id] {
			out = append(out, id)
		}
	}
	return out
}

// rows counts the focusable rows: options (or fields), then actions.
func (v *questionView) rows(ctx *Context) (first int, total int) {
	if isTextQuestion(v.q) {
		first = len(v.q.Fields)
	} else {
		first = len(v.options(ctx))
	}
	return first, first + len(v.actions())
}

// update handles a message while asking or showing the feedback.
func (v *questionView) update(ctx *Context, msg tea.Msg) (tea.Cmd, qEvent) {
	switch v.phase {
	case saving:
		return nil, qEvent{}
	case showing:
		return v.updateFeedback(ctx, msg)
	}
	if v.lookShown {
		// The screen alone: the arrows read it, Entrée (or a click) goes
		// on to the answers.
		if k, ok := msg.(tea.KeyPressMsg); ok && k.Code == tea.KeyEnter || isClick(msg) {
			v.look = false
			v.cursor = 0
		} else {
			v.lookScroll.update(ctx, msg)
		}
		return nil, qEvent{}
	}
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return v.key(ctx, msg)
	case tea.PasteMsg:
		if v.Typing() {
			var cmd tea.Cmd
			v.inputs[v.cursor], cmd = v.inputs[v.cursor].Update(cleanPaste(msg))
			return cmd, qEvent{}
		}
	case clickMsg:
		if row, ok := v.rowAt(msg.y); ok {
			v.cursor = row
			v.move(ctx, 0)
			if isTextQuestion(v.q) && row < len(v.q.Fields) {
				// A click on a field puts the caret in it, as ↓ would:
				// the learner is about to type there.
				return nil, qEvent{}
			}
			return v.activate(ctx)
		}
	}
	return nil, qEvent{}
}

func (v *questionView) key(ctx *Context, msg tea.KeyPressMsg) (tea.Cmd, qEvent) {
	k := ctx.Keys
	nOpts, total := v.rows(ctx)
	v.notice = ""
	switch {
	case v.page.key(msg.String()):
		return nil, qEvent{}
	case key.Matches(msg, k.Up, k.Down) && v.page.read(key.Matches(msg, k.Down)):
		return nil, qEvent{} // reading on towards the focused line
	case key.Matches(msg, k.Up):
		v.move(ctx, -1)
		return nil, qEvent{}
	case key.Matches(msg, k.Down):
		v.move(ctx, 1)
		return nil, qEvent{}
	case msg.Code == tea.KeyEnter && v.page.reveal():
		return nil, qEvent{} // the focused line was out of sight: shown first
	case msg.Code == tea.KeyEnter:
		return v.activate(ctx)
	case v.Typing():
		msg, ok := cleanKey(msg)
		if !ok {
			return nil, qEvent{}
		}
		var cmd tea.Cmd
		v.inputs[v.cursor], cmd = v.inputs[v.cursor].Update(msg)
		return cmd, qEvent{}
	case v.onList() && (msg.String() == "left" || msg.String() == "right"):
		// a "liste" field: the arrows change the option
		if n := len(v.q.Fields[v.cursor].Options); n > 0 {
			switch cur := v.selects[v.cursor]; {
			case cur < 0:
				v.selects[v.cursor] = 0
			case msg.String() == "right":
				v.selects[v.cursor] = (cur + 1) % n
			default:
				v.selects[v.cursor] = (cur + n - 1) % n
			}
		}
		return nil, qEvent{}
	case (msg.String() == "left" || msg.String() == "backspace") && v.undo():
		return nil, qEvent{}
	case msg.String() == "space" && v.q.Type == lessons.MultipleChoice && v.cursor < nOpts:
		id := v.pres.Choices[v.cursor]
		v.chosen[id] = !v.chosen[id]
		return nil, qEvent{}
	case key.Matches(msg, k.Digits), len(msg.Text) == 1 && msg.Text[0] >= 'a' && msg.Text[0] <= 'z':
		n := int(msg.String()[0] - '1')
		if msg.Text != "" && msg.Text[0] >= 'a' {
			n = 9 + int(msg.Text[0]-'a')
		}
		if n < total {
			// A digit points at a row, as in every list; Entrée (or
			// Espace) then ticks a box: "digit, then Entrée" everywhere.
			v.cursor = n
			v.move(ctx, 0) // onto a text field: the caret goes there
		}
		return nil, qEvent{}
	}
	return nil, qEvent{}
}

// move changes the focused row, and the focused text field with it.
func (v *questionView) move(ctx *Context, by int) {
	_, total := v.rows(ctx)
	if total == 0 {
		return
	}
	v.cursor = min(total-1, max(0, v.cursor+by)) // no silent jump from one end to the other
	for i := range v.inputs {
		if i == v.cursor && v.q.Fields[i].Format != lessons.FormatSelect {
			v.inputs[i].Focus()
		} else {
			v.inputs[i].Blur()
		}
	}
}

// canUndo says whether ← would take back a choice in this question.
func (v *questionView) canUndo() bool {
	switch v.q.Type {
	case lessons.TrueFalse, lessons.Matching:
		return v.pos > 0
	case lessons.Ordering:
		return len(v.order) > 0
	}
	return false
}

// undo steps back in a one-at-a-time question (vrai_faux, ordre,
// association). It says whether there was something to undo.
func (v *questionView) undo() bool {
	switch v.q.Type {
	case lessons.TrueFalse:
		if v.pos > 0 {
			v.pos--
			delete(v.truth, v.statement(v.pos).ID)
			return true
		}
	case lessons.Ordering:
		if len(v.order) > 0 {
			v.order = v.order[:len(v.order)-1]
			v.cursor = 0
			return true
		}
	case lessons.Matching:
		if v.pos > 0 {
			v.pos--
			delete(v.matches, v.q.Pairs[v.pos].ID)
			v.cursor = 0
			return true
		}
	}
	return false
}

// activate does what Entrée (or a click) means on the focused row.
func (v *questionView) activate(ctx *Context) (tea.Cmd, qEvent) {
	q := v.q
	nOpts, total := v.rows(ctx)
	if v.cursor >= total {
		return nil, qEvent{}
	}
	if v.cursor >= nOpts {
		switch v.actions()[v.cursor-nOpts] {
		case actSkip:
			return v.submit(ctx, quiz.Answer{Skipped: true})
		case actHint:
			// Back to the first answer: the hint is read, now to choose.
			v.hints++
			v.cursor = 0
			v.move(ctx, 0)
			return nil, qEvent{}
		case actValidate:
			return v.validate(ctx)
		case actSeeScreen:
			v.look = true
			return nil, qEvent{}
		}
	}
	switch q.Type {
	case lessons.SingleChoice:
		return v.submit(ctx, quiz.Answer{Choices: []string{v.pres.Choices[v.cursor]}})
	case lessons.MultipleChoice:
		// Entrée on an answer ticks or unticks its box, and never hands
		// the answer in: only « Valider ma réponse » does. Ticking and
		// validating are two acts, the same in every multiple choice.
		id := v.pres.Choices[v.cursor]
		v.chosen[id] = !v.chosen[id]
	case lessons.TrueFalse:
		v.truth[v.statement(v.pos).ID] = v.cursor == 0
		v.pos++
		v.cursor = 0
		if v.pos == len(q.Statements) {
			return v.submit(ctx, quiz.Answer{Truth: v.truth})
		}
	case lessons.Ordering:
		v.order = append(v.order, v.remainingElements()[v.cursor])
		v.cursor = 0
		if rest := v.remainingElements(); len(rest) == 1 {
			v.order = append(v.order, rest[0])
		}
		if len(v.order) == len(q.Elements) {
			return v.submit(ctx, quiz.Answer{Order: v.order})
		}
	case lessons.Matching:
		v.matches[q.Pairs[v.pos].ID] = v.remainingRights()[v.cursor]
		v.pos++
		v.cursor = 0
		if v.pos == len(q.Pairs)-1 {
			v.matches[q.Pairs[v.pos].ID] = v.remainingRights()[0]
			v.pos++
		}
		if v.pos == len(q.Pairs) {
			return v.submit(ctx, quiz.Answer{Matches: v.matches})
		}
	case lessons.FreeText, lessons.Fields:
		// Entrée in the one field of a « reponse_libre » hands the answer
		// in, as its instruction says; in a form (« champs »), Entrée
		// goes to the next field, then to "Valider".
		if q.Type == lessons.FreeText && len(q.Fields) == 1 && v.cursor == 0 && strings.TrimSpace(v.inputs[0].Value()) != "" {
			return v.validate(ctx)
		}
		v.move(ctx, 1)
	}
	return nil, qEvent{}
}

// validate submits the answer built so far, or says what is missing.
func (v *questionView) validate(ctx *Context) (tea.Cmd, qEvent) {
	q := v.q
	switch q.Type {
	case lessons.MultipleChoice:
		var ids []string
		for _, id := range v.pres.Choices {
			if v.chosen[id] {
				ids = append(ids, id)
			}
		}
		if len(ids) == 0 {
			v.notice = ctx.say("q_choose_first")
			return nil, qEvent{}
		}
		return v.submit(ctx, quiz.Answer{Choices: ids})
	case lessons.FreeText, lessons.Fields:
		fields := map[string]string{}
		empty, lists := true, 0
		for i, f := range q.Fields {
			val := v.inputs[i].Value()
			if f.Format == lessons.FormatSelect {
				val = ""
				lists++
				if v.selects[i] >= 0 && v.selects[i] < len(f.Options) {
					val = f.Options[v.selects[i]]
				}
			}
			if strings.TrimSpace(val) != "" {
				empty = false
			}
			fields[f.ID] = val
		}
		if empty {
			// Only lists: nothing to write, so the notice says to pick.
			if lists > 0 && lists == len(q.Fields) {
				v.notice = ctx.say("q_pick_first")
			} else {
				v.notice = ctx.say("q_write_first")
			}
			return nil, qEvent{}
		}
		return v.submit(ctx, quiz.Answer{Fields: fields})
	}
	return nil, qEvent{}
}

func (v *questionView) submit(ctx *Context, a quiz.Answer) (tea.Cmd, qEvent) {
	a.Hints = v.hints
	v.phase = saving
	return nil, qEvent{kind: qSubmitted, answer: a, took: ctx.now().Sub(v.started)}
}

// showFeedback is called by the owner once the answer is written (or the
// write failed: the learner is told so).
func (v *questionView) showFeedback(ctx *Context, r quiz.Result, saveErr error) {
	v.phase = showing
	v.result = r
	v.saveErr = saveErr
	v.feedback = quiz.FeedbackFor(v.q, r, ctx.Lang)
	v.next, v.more = quiz.Links(ctx.Cat, v.q)
	if r.Outcome == quiz.Correct {
		v.next = nil // as Pix: the lessons to read are offered after a mistake
	}
	// In a lesson, the lesson itself is not offered: the learner is in it.
	notHere := func(l *lessons.Lesson) bool { return l.ID == v.inLesson }
	v.next = slices.DeleteFunc(v.next, notHere)
	v.more = slices.DeleteFunc(v.more, notHere)
	items := []menuItem{{label: ctx.say("q_continue")}}
	for i, l := range v.next {
		it := menuItem{label: ctx.say("q_read", l.Title)}
		if i == 0 {
			it.heading = quiz.LabelNext.In(ctx.Lang)
		}
		items = append(items, it)
	}
	for i, l := range v.more {
		it := menuItem{label: ctx.say("q_read", l.Title)}
		if i == 0 {
			it.heading = quiz.LabelMore.In(ctx.Lang)
		}
		items = append(items, it)
	}
	v.after = menu{}
	v.after.set(items)
	v.page.reset()
}

func (v *questionView) updateFeedback(ctx *Context, msg tea.Msg) (tea.Cmd, qEvent) {
	if k, ok := msg.(tea.KeyPressMsg); ok && (v.page.key(k.String()) || k.Code == tea.KeyEnter && v.page.reveal() ||
		key.Matches(k, ctx.Keys.Up, ctx.Keys.Down) && v.page.read(key.Matches(k, ctx.Keys.Down))) {
		return nil, qEvent{}
	}
	if c, ok := msg.(clickMsg); ok {
		// The menu's zones are lines of the whole feedback; the page may
		// have scrolled under the pinned verdict.
		line, ok := v.lineAt(c.y)
		if !ok {
			return nil, qEvent{}
		}
		c.y = line
		msg = c
	}
	if i, ok := v.after.update(ctx, msg); ok {
		if i == 0 {
			return nil, qEvent{kind: qContinue}
		}
		links := append(append([]*lessons.Lesson{}, v.next...), v.more...)
		return nil, qEvent{kind: qOpenLesson, lesson: links[i-1]}
	}
	return nil, qEvent{}
}

// check runs the checker: the owner calls it on qSubmitted.
func (v *questionView) check(a quiz.Answer) quiz.Result { return quiz.Check(v.q, a) }

// record makes the log entry of an answer.
func (v *questionView) record(ctx *Context, ev qEvent, r quiz.Result) record.Answer {
	return answerRecord(ctx.Session.learner.ID, v.q, ev.answer, r, ev.took, ctx.now())
}

func choiceText(q *lessons.Question, id string) string {
	for _, c := range q.Choices {
		if c.ID == id {
			return c.Text
		}
	}
	return id
}

func elementText(q *lessons.Question, id string) string {
	for _, e := range q.Elements {
		if e.ID == id {
			return e.Text
		}
	}
	return id
}

func rightText(q *lessons.Question, id string) string {
	for _, p := range q.Pairs {
		if p.ID == id {
			return p.Right
		}
	}
	return id
}

// render draws the question or its feedback in width w and height h.
func (v *questionView) render(ctx *Context, w, h int) string {
	var body string
	var focus, focusEnd int
	switch v.phase {
	case showing:
		body, focus, focusEnd = v.renderFeedback(ctx, w)
	default:
		v.lookShown = false
		body, focus = v.renderAsking(ctx, w, true)
		if v.q.Screen != nil && strings.Count(body, "\n") >= h {
			// Too tall: the screen on its own page, then the answers.
			v.tight = true
			if v.look {
				v.lookShown = true
				return v.renderLook(ctx, w, h)
			}
			body, focus = v.renderAsking(ctx, w, false)
		} else {
			v.tight = false
		}
	}
	lines := strings.Split(body, "\n")
	v.pinned = -1
	if len(lines) <= h || h < 3 {
		v.page.fitted()
		return body
	}
	// The verdict stays on the first line while the rest scrolls; so does
	// the warning that the answer was not saved, when the window leaves
	// room for three more lines under it.
	if v.phase == showing {
		n := 1
		if v.headLines > 1 && h-v.headLines >= 3 {
			n = v.headLines
		}
		v.pinned = n
		return strings.Join(lines[:n], "\n") + "\n" + v.page.span(ctx, lines[n:], focus-n, focusEnd-n, w, h-n)
	}
	v.pinned = 0
	return v.page.window(ctx, lines, focus, w, h)
}

// lineAt finds the line of the body under a click on line y of the last
// rendering: the page may have scrolled, under the pinned verdict.
func (v *questionView) lineAt(y int) (int, bool) {
	switch {
	case y < 0:
		return 0, false
	case v.pinned < 0 || y < v.pinned:
		return y, true
	}
	l, ok := v.page.lineAt(y - v.pinned)
	return l + v.pinned, ok
}

// rowAt finds the row under a click (body coordinates).
func (v *questionView) rowAt(y int) (int, bool) {
	line, ok := v.lineAt(y)
	if !ok {
		return 0, false
	}
	for i, z := range v.rowZones {
		if line >= z[0] && line <= z[1] {
			return i, true
		}
	}
	return 0, false
}

func isClick(msg tea.Msg) bool {
	_, ok := msg.(clickMsg)
	return ok
}

// below shifts a click for a view drawn lines below the top of the body.
func below(msg tea.Msg, lines int) tea.Msg {
	if c, ok := msg.(clickMsg); ok {
		c.y -= lines
		return c
	}
	return msg
}
