package quiz

import (
	"pasapas/i18n"
	"pasapas/lessons"
)

// The marks that go with the headline and with each commented part. The
// meaning is always in words too: a mark is never the only sign, and colour
// never is (RGAA 3.1). A TUI with an ASCII theme may replace them.
const (
	MarkRight = "✔"
	MarkWrong = "✘"
)

// Feedback is what the screen says after an answer, in one language. Every
// text is plain: the TUI wraps, styles and sanitizes it.
type Feedback struct {
	Outcome Outcome
	// Mark is MarkRight, MarkWrong, or "" for a skipped question.
	Mark string
	// Title says the verdict in words: « Bonne réponse ».
	Title string
	// Comments are the author's words on this answer: the retour of each
	// chosen choice, of each statement, or the global retour.
	Comments []Comment
	// Forgiven has one line per field where something was forgiven:
	// « Attention à l'orthographe : « rendez-vous » ».
	Forgiven []string
	// AnswerTitle and Answer give the right answer, line by line, when the
	// answer was not correct (wrong or skipped); both empty otherwise.
	AnswerTitle string
	Answer      []string
	// Explanation is the author's explanation, shown in every case.
	Explanation string
}

// Headline is the mark and the title together: « ✔ Bonne réponse ».
func (f Feedback) Headline() string {
	if f.Mark == "" {
		return f.Title
	}
	return f.Mark + " " + f.Title
}

// Comment is the author's words on the answer, or on one part of it.
type Comment struct {
	// Mark says whether the learner's part was right (MarkRight) or wrong
	// (MarkWrong); "" for the global retour and after a skip.
	Mark string
	// About is the choice or statement commented on, "" for the global retour.
	About string
	// Text is the author's words.
	Text string
}

// FeedbackFor builds the feedback of a checked answer from the result of
// Check, which holds everything the learner gave that matters here. Per-choice and global
// retours never coexist ("pasapas check" refuses it); if both were there,
// the per-choice ones win, being the more precise.
func FeedbackFor(q *lessons.Question, r Result, lang i18n.Lang) Feedback {
	fb := Feedback{Outcome: r.Outcome}
	switch r.Outcome {
	case Correct:
		fb.Mark, fb.Title = MarkRight, words.Format(lang, "headline_correct")
	case Skipped:
		fb.Title = words.Format(lang, "headline_skipped")
	default:
		fb.Mark, fb.Title = MarkWrong, words.Format(lang, "headline_incorrect")
	}
	if q == nil {
		return fb
	}
	fb.Explanation = q.Explanation
	fb.Comments = comments(q, r)
	fb.Forgiven = forgivenNotes(r, lang)
	if r.Outcome != Correct {
		fb.AnswerTitle, fb.Answer = rightAnswer(q, r, lang)
	}
	return fb
}

// comments gathers the author's retours for this answer.
func comments(q *lessons.Question, r Result) []Comment {
	var out []Comment
	skipped := r.Outcome == Skipped
	mark := func(ok bool) string {
		switch {
		case skipped:
			return ""
		case ok:
			return MarkRight
		}
		return MarkWrong
	}
	switch q.Type {
	case lessons.SingleChoice, lessons.MultipleChoice:
		for i, c := range q.Choices {
			// Only the chosen ones: a retour is written for the person who
			// picks that choice ("Oui…", "Non…"). The missed right choices
			// are in the right answer.
			if c.Feedback != "" && i < len(r.Choices) && r.Choices[i].Chosen {
				out = append(out, Comment{Mark: mark(c.Correct), About: c.Text, Text: c.Feedback})
			}
		}
	case lessons.TrueFalse:
		// Every statement was judged, so every retour applies.
		for i, s := range q.Statements {
			if s.Feedback != "" && i < len(r.Statements) {
				out = append(out, Comment{Mark: mark(r.Statements[i].OK()), About: s.Text, Text: s.Feedback})
			}
		}
	}
	if out != nil || q.Feedback == nil {
		return out
	}
	text := q.Feedback.Wrong
	if r.Outcome == Correct {
		text = q.Feedback.Right
	}
	if text == "" {
		return nil
	}
	return []Comment{{Text: text}}
}

// forgivenNotes says, field by field, what was forgiven and how the
// accepted answer is written.
func forgivenNotes(r Result, lang i18n.Lang) []string {
	var out []string
	for _, f := range r.Fields {
		if !f.Correct || len(f.Forgiven) == 0 {
			continue
		}
		kinds := make([]string, len(f.Forgiven))
		for i, k := range f.Forgiven {
			kinds[i] = words.Format(lang, "watch_"+string(k))
		}
		out = append(out, words.Format(lang, "watch", list(lang, kinds), i18n.Quote(lang, f.Expected)))
	}
	return out
}

// rightAnswer writes the right answer, line by line, with its title.
func rightAnswer(q *lessons.Question, r Result, lang i18n.Lang) (string, []string) {
	var lines []string
	title := "answer_one"
	switch q.Type {
	case lessons.SingleChoice, lessons.MultipleChoice:
		for _, c := range q.Choices {
			if c.Correct {
				lines = append(lines, c.Text)
			}
		}
	case lessons.TrueFalse:
		for _, s := range q.Statements {
			word := LabelFalse
			if s.True {
				word = LabelTrue
			}
			lines = append(lines, words.Format(lang, "line_labelled", word.In(lang), s.Text))
		}
	case lessons.FreeText, lessons.Fields:
		fields := fieldsOf(q)
		for i, f := range r.Fields {
			expected := f.Expected
			// After a mistake, the answer to learn is the author's first
			// one, not the variant nearest to what was typed ("doctolib"
			// would otherwise be answered "ameli").
			if !f.Correct && !q.AnyOrder && i < len(fields) && len(fields[i].Answers) > 0 {
				expected = fields[i].Answers[0]
			}
			switch {
			case expected == "":
			case len(fields) == 1:
				lines = append(lines, expected)
			case i < len(fields):
				lines = append(lines, words.Format(lang, "line_labelled", fields[i].Label, expected))
			}
		}
	case lessons.Ordering:
		title = "answer_order"
		for i, e := range q.Elements {
			lines = append(lines, words.Format(lang, "line_step", i+1, e.Text))
		}
	case lessons.Matching:
		title = "answer_pairs"
		for _, p := range q.Pairs {
			lines = append(lines, words.Format(lang, "line_labelled", p.Left, p.Right))
		}
	}
	if len(lines) == 0 {
		return "", nil
	}
	if title == "answer_one" && len(lines) > 1 {
		title = "answer_many"
	}
	return words.Format(lang, title), lines
}

// Hints returns the first shown hints of a question as they are displayed
// (« Indice 1 sur 2 : Cherchez le signe @. »), and whether another one can
// still be revealed. The TUI counts how many the learner asked for, and
// keeps that count in Answer.Hints.
func Hints(q *lessons.Question, shown int, lang i18n.Lang) (lines []string, more bool) {
	if q == nil {
		return nil, false
	}
	n := len(q.Hints)
	shown = min(max(shown, 0), n)
	for i := range shown {
		lines = append(lines, words.Format(lang, "hint", i+1, n, q.Hints[i]))
	}
	return lines, shown < n
}
