package tutor

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"pasapas/i18n"
	"pasapas/lessons"
	"pasapas/quiz"
)

// bankQuestion returns a question of the built-in French bank.
func bankQuestion(t *testing.T, id string) *lessons.Question {
	t.Helper()
	for _, q := range builtin.Catalogue(i18n.FR).Questions {
		if q.ID == id {
			return q
		}
	}
	t.Fatalf("no question %q", id)
	return nil
}

// skipped shows a question's feedback after « Je ne sais pas ».
func skipped(h *harness, q *lessons.Question) *questionView {
	v := newQuestionView(h.m.ctx, q, 7)
	v.submit(h.m.ctx, quiz.Answer{Skipped: true})
	v.showFeedback(h.m.ctx, v.check(quiz.Answer{Skipped: true}), nil)
	return v
}

// lineOf is the row of a drawn view holding text, or -1.
func lineOf(drawn, text string) int {
	for y, l := range strings.Split(ansi.Strip(drawn), "\n") {
		if strings.Contains(strings.ReplaceAll(l, "\u00a0", " "), text) {
			return y
		}
	}
	return -1
}

// In a feedback taller than its box, the page has scrolled to the menu and
// the verdict stays pinned on the first line: a click on a line of the
// menu chooses that line.
func TestFeedbackClickAfterScroll(t *testing.T) {
	h := loggedIn(t, asciiTheme(), builtin)
	ctx := h.m.ctx
	v := skipped(h, bankQuestion(t, "mail-q-dossiers-c"))
	links := append(append([]*lessons.Lesson{}, v.next...), v.more...)
	if len(links) < 2 {
		t.Fatalf("the question offers %d lessons", len(links))
	}
	for _, height := range []int{8, 12, 40} {
		for i := range len(links) + 1 {
			clicked := false
			for range len(links) + 1 { // the focus on each line: the page follows it
				drawn := v.render(ctx, 76, height)
				label := ctx.say("q_continue")
				if i > 0 {
					label = links[i-1].Title[:20]
				}
				y := lineOf(drawn, label)
				if y < 0 {
					v.update(ctx, keyPress("down"))
					continue
				}
				_, ev := v.update(ctx, clickMsg{x: 6, y: y})
				switch {
				case i == 0 && ev.kind != qContinue:
					t.Fatalf("height %d: a click on %q: %+v\n%s", height, label, ev, ansi.Strip(drawn))
				case i > 0 && (ev.kind != qOpenLesson || ev.lesson != links[i-1]):
					t.Fatalf("height %d: a click on %q: %+v\n%s", height, label, ev, ansi.Strip(drawn))
				}
				clicked = true
				v.update(ctx, keyPress("down"))
			}
			if !clicked {
				t.Fatalf("height %d: line %d never shown", height, i)
			}
		}
	}
}

// The last line of a scrolled page says where the rest is: a click there
// answers nothing, though a row is hidden under it.
func TestClickOnTheMoreLineDoesNothing(t *testing.T) {
	h := loggedIn(t, asciiTheme(), builtin)
	ctx := h.m.ctx
	v := newQuestionView(ctx, firstQuestion(t, builtin, lessons.SingleChoice, ""), 7)
	for height := 5; height < 12; height++ {
		drawn := v.render(ctx, 40, height)
		y := lineOf(drawn, ctx.say("q_more_below"))
		if y < 0 {
			continue
		}
		if _, ev := v.update(ctx, clickMsg{x: 3, y: y}); ev.kind != qNothing || v.phase != asking {
			t.Fatalf("height %d: a click on %q answered:\n%s", height, ctx.say("q_more_below"), ansi.Strip(drawn))
		}
	}
}

// textFields returns a champs question of the built-in bank with at least
// two text fields and no list.
func textFields(t *testing.T) *lessons.Question {
	t.Helper()
	for _, q := range builtin.Catalogue(i18n.FR).Questions {
		if q.Type != lessons.Fields || len(q.Fields) < 2 {
			continue
		}
		ok := true
		for _, f := range q.Fields {
			ok = ok && f.Format != lessons.FormatSelect
		}
		if ok {
			return q
		}
	}
	t.Fatal("no champs question with text fields only")
	return nil
}

// typeInto types text into a view, one key at a time.
func typeInto(ctx *Context, v *questionView, s string) {
	for _, r := range s {
		v.update(ctx, keyPress(string(r)))
	}
}

// A click on a text field (its label or its box) puts the caret in it: what
// is typed next goes there, and nothing is validated.
func TestClickOnAFieldFocusesIt(t *testing.T) {
	h := loggedIn(t, asciiTheme(), builtin)
	ctx := h.m.ctx
	q := textFields(t)
	for i := range q.Fields {
		for _, onBox := range []bool{false, true} {
			v := newQuestionView(ctx, q, 7)
			drawn := v.render(ctx, 76, 20)
			y := lineOf(drawn, q.Fields[i].Label)
			if y < 0 {
				t.Fatalf("field %d not drawn:\n%s", i, ansi.Strip(drawn))
			}
			if onBox {
				y = v.rowZones[i][1]
			}
			_, ev := v.update(ctx, clickMsg{x: 4, y: y})
			typeInto(ctx, v, "abc")
			if ev.kind != qNothing || v.phase != asking || v.cursor != i || v.inputs[i].Value() != "abc" {
				t.Fatalf("field %d (box %v): event %v, cursor %d, typed %q:\n%s", i, onBox, ev.kind, v.cursor, v.inputs[i].Value(), ansi.Strip(v.render(ctx, 76, 20)))
			}
			for j := range q.Fields {
				if j != i && v.inputs[j].Value() != "" {
					t.Fatalf("a click on field %d, then typing, filled field %d", i, j)
				}
			}
		}
	}
}

// From « Valider », a digit points at a text field: the caret goes into it,
// so what is typed next is written there.
func TestDigitOntoAFieldFocusesIt(t *testing.T) {
	h := loggedIn(t, asciiTheme(), builtin)
	ctx := h.m.ctx
	q := textFields(t)
	for i := range q.Fields {
		v := newQuestionView(ctx, q, 7)
		for v.cursor != len(q.Fields) { // « Valider »
			v.update(ctx, keyPress("down"))
		}
		v.update(ctx, keyPress(itemKey(i)))
		typeInto(ctx, v, "abc")
		if v.cursor != i || v.inputs[i].Value() != "abc" {
			t.Fatalf("digit %s: cursor %d, field %d holds %q:\n%s", itemKey(i), v.cursor, i, v.inputs[i].Value(), ansi.Strip(v.render(ctx, 76, 20)))
		}
	}
}

// The feedback draws the authors' **bold** as bold, as everywhere else:
// in the question repeated, in the comments and in the choices they are
// about.
func TestFeedbackDrawsBold(t *testing.T) {
	th := defaultTheme()
	h := loggedIn(t, th, builtin)
	ctx := h.m.ctx
	q := &lessons.Question{ID: "q-gras", Type: lessons.SingleChoice,
		Prompt: "Sur quel bouton appuyez-vous pour **envoyer** le mail ?",
		Choices: []lessons.Choice{
			{ID: "a", Text: "Le bouton **Envoyer**", Correct: true, Feedback: "Oui, **Envoyer** part tout de suite."},
			{ID: "b", Text: "Le bouton **Brouillon**", Feedback: "Non, **Brouillon** garde le mail pour plus tard."},
		}}
	v := newQuestionView(ctx, q, 7)
	a := quiz.Answer{Choices: []string{"b"}}
	v.submit(ctx, a)
	v.showFeedback(ctx, v.check(a), nil)
	drawn := ready(ctx, func() string { return v.render(ctx, 76, 40) })
	if plain := ansi.Strip(drawn); strings.Contains(plain, "**") {
		t.Fatalf("raw ** in the feedback:\n%s", plain)
	}
	// The question repeated is grey, its bold part grey and bold: the
	// rest of the line after it stays grey.
	if grey := th.Muted.Inherit(th.Strong); !strings.Contains(drawn, grey.Render("envoyer")+th.Muted.Render(" le mail\u00a0?")) {
		t.Errorf("the repeated prompt is not grey with « envoyer » in bold:\n%q", drawn)
	}
	for _, word := range []string{"Brouillon", "Envoyer"} {
		if !strings.Contains(drawn, th.Strong.Render(word)) {
			t.Errorf("%q is not bold:\n%q", word, drawn)
		}
	}
	if n := strings.Count(drawn, th.Strong.Render("Brouillon")); n < 2 {
		t.Errorf("« Brouillon » is bold %d times, want the choice and its comment:\n%s", n, ansi.Strip(drawn))
	}
}

// A feedback offering lessons of both kinds draws each heading above its
// own list: « Pour réussir la prochaine fois », then « Pour en savoir
// plus », each just above its lessons.
func TestFeedbackHeadingsAboveTheirLists(t *testing.T) {
	h := loggedIn(t, asciiTheme(), builtin)
	ctx := h.m.ctx
	v := skipped(h, bankQuestion(t, "mail-q-dossiers-c"))
	if len(v.next) != 1 || len(v.more) != 1 {
		t.Fatalf("next %d, more %d", len(v.next), len(v.more))
	}
	drawn := v.render(ctx, 76, 60)
	next, more := quiz.LabelNext.In(i18n.FR), quiz.LabelMore.In(i18n.FR)
	order := []int{
		lineOf(drawn, ctx.say("q_continue")),
		lineOf(drawn, next), lineOf(drawn, v.next[0].Title),
		lineOf(drawn, more), lineOf(drawn, v.more[0].Title),
	}
	for i, y := range order {
		if y < 0 || i > 0 && y <= order[i-1] {
			t.Fatalf("lines %v: want Continuer, %q, its lesson, %q, its lesson:\n%s", order, next, more, ansi.Strip(drawn))
		}
	}
	if order[2] != order[1]+1 || order[4] != order[3]+1 {
		t.Fatalf("a heading is not just above its lesson: lines %v:\n%s", order, ansi.Strip(drawn))
	}
	// In a short box, the page goes to the focused lesson and its heading,
	// down and back up.
	for _, k := range []string{"down", "down", "up"} {
		v.update(ctx, keyPress(k))
		drawn := v.render(ctx, 76, 8)
		heading, title := next, v.next[0].Title
		if v.after.cursor == 2 {
			heading, title = more, v.more[0].Title
		}
		if y := lineOf(drawn, heading); y < 0 || lineOf(drawn, title) != y+1 {
			t.Fatalf("focus on line %d: %q not just above %q:\n%s", v.after.cursor, heading, title, ansi.Strip(drawn))
		}
	}
}

// A vrai_faux question asks its statements in the shuffled order of its
// presentation (stable for a learner, as the choices are), and records
// each judgement against the statement shown.
func TestTrueFalseAsksInThePresentedOrder(t *testing.T) {
	h := loggedIn(t, asciiTheme(), builtin)
	ctx := h.m.ctx
	q := firstQuestion(t, builtin, lessons.TrueFalse, "")
	text := func(id string) string {
		for _, s := range q.Statements {
			if s.ID == id {
				return s.Text
			}
		}
		t.Fatalf("no statement %q", id)
		return ""
	}
	var v *questionView
	for seed := range uint64(100) {
		v = newQuestionView(ctx, q, seed)
		if v.pres.Statements[0] != q.Statements[0].ID {
			break
		}
	}
	if v.pres.Statements[0] == q.Statements[0].ID {
		t.Fatal("no seed shuffles the statements")
	}
	first := v.pres.Statements[0]
	if drawn := ansi.Strip(v.render(ctx, 200, 40)); !strings.Contains(drawn, text(first)) {
		t.Fatalf("the first statement asked is not the presented one, %q:\n%s", text(first), drawn)
	}
	v.update(ctx, keyPress("enter")) // « Vrai »
	if got, ok := v.truth[first]; !ok || !got || len(v.truth) != 1 {
		t.Fatalf("judgements %v, want %s true", v.truth, first)
	}
	second := v.pres.Statements[1]
	if drawn := ansi.Strip(v.render(ctx, 200, 40)); !strings.Contains(drawn, text(first)+" → ") || !strings.Contains(drawn, text(second)) {
		t.Fatalf("after one answer, want %q judged and %q asked:\n%s", text(first), text(second), drawn)
	}
	v.update(ctx, keyPress("left")) // undo
	if len(v.truth) != 0 || v.pos != 0 {
		t.Fatalf("undo left %v at %d", v.truth, v.pos)
	}
	for range q.Statements {
		v.update(ctx, keyPress("enter"))
	}
	if v.phase != saving || len(v.truth) != len(q.Statements) {
		t.Fatalf("phase %v, judgements %v", v.phase, v.truth)
	}
}

// The choices of a question being asked never show the authors' "**".
func TestChoiceRowsShowNoMarks(t *testing.T) {
	h := loggedIn(t, defaultTheme(), builtin)
	q := &lessons.Question{ID: "q-gras", Type: lessons.SingleChoice, Prompt: "Quel bouton ?",
		Choices: []lessons.Choice{{ID: "a", Text: "Le bouton **Envoyer**", Correct: true}, {ID: "b", Text: "Le bouton **Brouillon**"}}}
	v := newQuestionView(h.m.ctx, q, 7)
	plain := ansi.Strip(v.render(h.m.ctx, 76, 20))
	if strings.Contains(plain, "**") || !strings.Contains(plain, "Le bouton Envoyer") {
		t.Fatalf("choice rows:\n%s", plain)
	}
}

// Validating a question left empty says what to do with what it has: a
// question of lists only asks to pick in a list, never to write.
func TestEmptyAnswerNoticeFitsTheFields(t *testing.T) {
	h := loggedIn(t, asciiTheme(), builtin)
	ctx := h.m.ctx
	var listsOnly *lessons.Question
	for _, q := range builtin.Catalogue(i18n.FR).Questions {
		if q.Type != lessons.Fields || listsOnly != nil {
			continue
		}
		all := true
		for _, f := range q.Fields {
			all = all && f.Format == lessons.FormatSelect
		}
		if all {
			listsOnly = q
		}
	}
	if listsOnly == nil {
		t.Fatal("no champs question with lists only")
	}
	for _, c := range []struct {
		q    *lessons.Question
		want string
	}{
		{listsOnly, "q_pick_first"},
		{textFields(t), "q_write_first"},
	} {
		v := newQuestionView(ctx, c.q, 7)
		v.validate(ctx)
		if v.notice != ctx.say(c.want) {
			t.Errorf("%s: notice %q, want %q", c.q.ID, v.notice, ctx.say(c.want))
		}
	}
}
