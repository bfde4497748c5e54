package tutor

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"

	"pasapas/i18n"
	"pasapas/lessons"
	"pasapas/quiz"
)

// renderAsking draws the question being asked; it returns the text and the
// line of the focused row.
func (v *questionView) renderAsking(ctx *Context, w int, withScreen bool) (string, int) {
	t := ctx.Theme
	q := v.q
	var lines []string
	add := func(s string) { lines = append(lines, strings.Split(s, "\n")...) }
	add(textIn(t, t.Heading, q.Prompt, w))
	if q.Screen != nil && withScreen {
		add("")
		add(renderScreen(ctx, q.Screen, w))
	}
	add("")
	add(t.Muted.Render(wrap(v.instruction(ctx), w)))
	for _, h := range quizHints(ctx, q, v.hints) {
		add(t.Warn.Render(hanging("? ", h, w)))
	}
	if done := v.progressLines(ctx, w); done != "" {
		add(done)
	}
	add("")

	v.rowZones = v.rowZones[:0]
	focusLine := len(lines)
	row := 0
	addRow := func(label string, marker string) {
		pointer := "  "
		style := t.Text
		if row == v.cursor {
			pointer = t.G.Pointer + " "
			style = t.Selected
			focusLine = len(lines)
		}
		num := ctx.rowNum(row, label)
		// A row is drawn in one style (reversed when focused), which a bold
		// part would break off: the author's "**" marks are left out here.
		text := hanging(num+marker, sanitize(unmarked(label)), w-2)
		first := len(lines)
		for i, l := range strings.Split(text, "\n") {
			p := pointer
			if i > 0 {
				p = "  "
			}
			lines = append(lines, p+style.Render(l))
		}
		v.rowZones = append(v.rowZones, [2]int{first, len(lines) - 1})
		row++
	}
	if isTextQuestion(q) {
		for i, f := range q.Fields {
			label := f.Label
			if label == "" {
				label = ctx.say("q_your_answer")
			}
			focused := row == v.cursor
			first := len(lines)
			style := t.Strong
			pointer := "  "
			if focused {
				pointer = t.G.Pointer + " "
			}
			// Not numbered: in a field, digits are what the learner types.
			for j, l := range strings.Split(wrap(sanitize(label)+ctx.say("colon"), w-2), "\n") {
				if j > 0 {
					pointer = "  "
				}
				lines = append(lines, pointer+style.Render(l))
			}
			if f.Format == lessons.FormatSelect {
				choice := ctx.say("q_select_none")
				if v.selects[i] >= 0 {
					choice = sanitize(f.Options[v.selects[i]])
				}
				lines = append(lines, "    "+fit("< "+choice+" >", w-4, 1))
			} else {
				v.inputs[i].SetWidth(max(4, min(w-8, 50)))
				lines = append(lines, "  "+v.inputs[i].View())
			}
			if focused {
				focusLine = len(lines) - 1 // the field under its label, to see what is typed
			}
			v.rowZones = append(v.rowZones, [2]int{first, len(lines) - 1})
			row++
		}
		lines = append(lines, "")
	} else {
		for i, label := range v.options(ctx) {
			marker := ""
			if q.Type == lessons.MultipleChoice {
				marker = "[ ] "
				if v.chosen[v.pres.Choices[i]] {
					marker = "[x] "
				}
			}
			addRow(label, marker)
		}
		lines = append(lines, "")
	}
	for _, a := range v.actions() {
		switch a {
		case actValidate:
			addRow(ctx.say("q_validate"), "")
		case actSkip:
			addRow(quiz.LabelSkip.In(ctx.Lang), "")
		case actHint:
			addRow(ctx.say("q_hint", v.hints+1, len(q.Hints)), "")
		case actSeeScreen:
			addRow(ctx.say("q_see_screen"), "")
		}
	}
	if v.phase == saving {
		lines = append(lines, "", ctx.say("saving"))
	}
	if v.notice != "" {
		lines = append(lines, "", t.Bad.Render(wrap(v.notice, w)))
	}
	return strings.Join(lines, "\n"), focusLine
}

// renderLook shows the question's screen on its own page, with the prompt,
// when screen and answers do not fit together; the arrows read a screen
// taller than the window.
func (v *questionView) renderLook(ctx *Context, w, h int) string {
	t := ctx.Theme
	page := textIn(t, t.Heading, v.q.Prompt, w) + "\n\n" + renderScreen(ctx, v.q.Screen, w) +
		"\n\n" + t.Strong.Render(wrap(ctx.say("q_look_next"), w))
	return v.lookScroll.render(ctx, page, w, h)
}

// quizHints returns the hints revealed so far, as the quiz package words them.
func quizHints(ctx *Context, q *lessons.Question, shown int) []string {
	if shown == 0 {
		return nil
	}
	lines, _ := quiz.Hints(q, shown, ctx.Lang)
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = sanitize(l)
	}
	return out
}

// instruction says how to answer, in one short sentence.
func (v *questionView) instruction(ctx *Context) string {
	q := v.q
	switch q.Type {
	case lessons.SingleChoice:
		return ctx.say("q_single")
	case lessons.MultipleChoice:
		return ctx.say("q_multiple")
	case lessons.TrueFalse:
		return ctx.say("q_truefalse", v.pos+1, len(q.Statements), sanitize(v.statement(min(v.pos, len(q.Statements)-1)).Text))
	case lessons.Ordering:
		return ctx.say("q_order", len(v.order)+1)
	case lessons.Matching:
		return ctx.say("q_match", sanitize(q.Pairs[min(v.pos, len(q.Pairs)-1)].Left))
	case lessons.Fields:
		selects := 0
		for _, f := range q.Fields {
			if f.Format == lessons.FormatSelect {
				selects++
			}
		}
		switch {
		case selects == len(q.Fields):
			return ctx.say("q_fields_select")
		case selects > 0:
			return ctx.say("q_fields_mixed")
		case q.AnyOrder:
			return ctx.say("q_fields_any")
		}
		return ctx.say("q_fields")
	}
	return ctx.say("q_text")
}

// progressLines shows what was already decided in a one-at-a-time question.
func (v *questionView) progressLines(ctx *Context, w int) string {
	t := ctx.Theme
	q := v.q
	var out []string
	switch q.Type {
	case lessons.TrueFalse:
		for i := 0; i < v.pos; i++ {
			st := v.statement(i)
			word := quiz.LabelFalse.In(ctx.Lang)
			if v.truth[st.ID] {
				word = quiz.LabelTrue.In(ctx.Lang)
			}
			out = append(out, hanging(t.G.Bullet+" ", sanitize(st.Text)+" → "+word, w))
		}
	case lessons.Ordering:
		for i, id := range v.order {
			out = append(out, hanging(fmt.Sprintf("%d) ", i+1), sanitize(elementText(q, id)), w))
		}
	case lessons.Matching:
		for i := 0; i < v.pos; i++ {
			p := q.Pairs[i]
			out = append(out, hanging(t.G.Bullet+" ", sanitize(p.Left)+" → "+sanitize(rightText(q, v.matches[p.ID])), w))
		}
	}
	if len(out) > 0 && (q.Type == lessons.TrueFalse || q.Type == lessons.Ordering || q.Type == lessons.Matching) {
		out = append(out, t.Muted.Render(wrap(ctx.say("q_undo"), w)))
	}
	return strings.Join(out, "\n")
}

// renderFeedback draws the verdict, the author's words, the right answer,
// the explanation, and the lessons to read; it returns the text and the
// first and last line of the focused menu line (with its heading).
func (v *questionView) renderFeedback(ctx *Context, w int) (string, int, int) {
	t := ctx.Theme
	fb := v.feedback
	var lines []string
	add := func(s string) { lines = append(lines, strings.Split(s, "\n")...) }
	var head string
	switch fb.Outcome {
	case quiz.Correct:
		head = t.Good.Render(t.G.Right + " " + fb.Title)
	case quiz.Incorrect:
		head = t.Bad.Render(t.G.Wrong + " " + fb.Title)
	default:
		head = t.Strong.Render(t.G.Skip + " " + fb.Title)
	}
	add(head)
	var details string
	if v.saveErr != nil {
		// The warning stays in sight with the verdict; the details line for
		// the médiateur (the cause, the log) may scroll.
		said, more, _ := strings.Cut(explain(ctx, v.saveErr), "\n")
		add(t.Bad.Render(wrap(ctx.say("q_not_saved", sanitize(said)), w)))
		details = more
	}
	v.headLines = len(lines) // the verdict, and the warning that it is not saved
	if details != "" {
		add(t.Muted.Render(wrap(sanitize(details), w)))
	}
	add(textIn(t, t.Muted, v.q.Prompt, w))
	for _, c := range fb.Comments {
		mark := ""
		switch c.Mark {
		case quiz.MarkRight:
			mark = t.G.Right + " "
		case quiz.MarkWrong:
			mark = t.G.Wrong + " "
		}
		text := c.Text
		if c.About != "" {
			about := c.About
			if !strings.ContainsAny(about, "«»“”\"") {
				about = i18n.Quote(ctx.Lang, about) // not « « Cci » » when the choice has its own
			}
			text = about + ctx.say("colon") + " " + text
		}
		add("")
		add(strings.Join(hangLines(mark, ctx.rich(text, w-lipgloss.Width(mark))), "\n"))
	}
	if fb.Outcome == quiz.Incorrect {
		for _, fr := range v.result.Fields {
			if !fr.Correct && strings.TrimSpace(fr.Given) != "" {
				given := ctx.say("q_you_wrote", sanitize(fr.Given))
				if len(v.q.Fields) > 1 {
					given = sanitize(fieldLabel(v.q, fr.ID)) + ctx.say("colon") + " " + given
				}
				add("")
				add(hanging(t.G.Wrong+" ", given, w))
			}
		}
	}
	for _, f := range fb.Forgiven {
		add("")
		add(t.Warn.Render(wrap(sanitize(f), w)))
	}
	if fb.AnswerTitle != "" {
		add("")
		add(t.Strong.Render(sanitize(fb.AnswerTitle)))
		add(bullets(t, fb.Answer, w))
		// Why it is right: the author's words on the right choices, which the
		// learner did not pick and so has not read.
		for _, c := range v.q.Choices {
			if c.Correct && c.Feedback != "" && !chose(v.result, c.ID) {
				add(strings.Join(hangLines(t.G.Right+" ", ctx.rich(c.Feedback, w-lipgloss.Width(t.G.Right+" "))), "\n"))
			}
		}
	}
	if fb.Explanation != "" {
		add("")
		add(ctx.rich(fb.Explanation, w))
	}
	// The menu: « Continuer », then each list of lessons under its own
	// heading (showFeedback sets them).
	add("")
	top := len(lines)
	rows := v.after.render(ctx, w, 20, top)
	first, last, ok := v.after.focusSpan()
	if !ok {
		first = top + v.after.cursor
		last = first
	}
	return strings.Join(lines, "\n") + "\n" + rows, first, last
}

// chose says whether the learner picked a choice.
func chose(r quiz.Result, id string) bool {
	for _, c := range r.Choices {
		if c.ID == id {
			return c.Chosen
		}
	}
	return false
}

// fieldLabel is the label of a question's field.
func fieldLabel(q *lessons.Question, id string) string {
	for _, f := range q.Fields {
		if f.ID == id {
			return f.Label
		}
	}
	return id
}
