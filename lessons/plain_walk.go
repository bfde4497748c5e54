package lessons

// Which texts the plain-language rules read: every text a learner reads in a
// lesson or a question, in file order, with the place of its value.
//
// Left out on purpose:
//   - the mock screens of questions ("ecran"): they imitate a real mail, SMS
//     or shop page, scams included, and must look like the real thing, long
//     sentences and jargon included;
//   - accepted answers ("reponses", "groupes") and list options: what the
//     learner types or picks, not what they read;
//   - the vocabulary's words and synonyms themselves: they are the hard words,
//     listed on purpose; their definitions are read, and are checked;
//   - sources: for the médiateur, not for the learner.
//
// Items of a list of texts (objectifs, a_retenir, attention, aide, indices)
// are shown at the list's place: the loader does not keep the place of each
// item. Messages quote the start of the sentence so it can be found.

// walkLesson calls fn for each text of a lesson, its check questions
// included.
func walkLesson(l *Lesson, fn func(textField)) {
	plain := func(text string, at Pos) { fn(textField{text: text, at: at, vocab: -1}) }
	plain(l.Title, l.At("titre"))
	for _, o := range l.Objectives {
		plain(o, l.At("objectifs"))
	}
	for i := range l.Vocabulary {
		w := &l.Vocabulary[i]
		fn(textField{text: w.Definition, at: w.At("definition"), vocab: i})
	}
	for _, it := range l.Items {
		switch {
		case it.Step != nil:
			walkStep(it.Step, fn)
		case it.Check != nil && it.Check.Question != nil:
			walkQuestion(it.Check.Question, fn)
		}
	}
	for _, s := range l.Remember {
		plain(s, l.At("a_retenir"))
	}
	for _, s := range l.Warning {
		plain(s, l.At("attention"))
	}
	for _, s := range l.Help {
		plain(s, l.At("aide"))
	}
}

func walkStep(s *Step, fn func(textField)) {
	plain := func(text string, at Pos) { fn(textField{text: text, at: at, vocab: -1}) }
	plain(s.Title, s.At("titre"))
	fn(textField{text: s.Action, at: s.At("action"), action: true, vocab: -1})
	plain(s.Result, s.At("resultat"))
	plain(s.IfNot, s.At("sinon"))
	plain(s.Image, s.At("image"))
	if s.Variants == nil {
		return
	}
	for _, d := range Devices {
		v := s.Variants.For(d)
		if v == nil {
			continue
		}
		fn(textField{text: v.Action, at: v.At("action"), action: true, vocab: -1})
		plain(v.Result, v.At("resultat"))
		plain(v.IfNot, v.At("sinon"))
		plain(v.Image, v.At("image"))
	}
}

// walkQuestion calls fn for each text of a question.
func walkQuestion(q *Question, fn func(textField)) {
	plain := func(text string, at Pos) { fn(textField{text: text, at: at, vocab: -1}) }
	plain(q.Prompt, q.At("enonce"))
	for i := range q.Choices {
		c := &q.Choices[i]
		plain(c.Text, c.At("texte"))
		plain(c.Feedback, c.At("retour"))
	}
	for i := range q.Statements {
		s := &q.Statements[i]
		plain(s.Text, s.At("texte"))
		plain(s.Feedback, s.At("retour"))
	}
	for i := range q.Fields {
		plain(q.Fields[i].Label, q.Fields[i].At("libelle"))
	}
	for i := range q.Elements {
		plain(q.Elements[i].Text, q.Elements[i].At("texte"))
	}
	for i := range q.Pairs {
		p := &q.Pairs[i]
		plain(p.Left, p.At("gauche"))
		plain(p.Right, p.At("droite"))
	}
	for _, h := range q.Hints {
		plain(h, q.At("indices"))
	}
	if q.Feedback != nil {
		plain(q.Feedback.Right, q.Feedback.At("bonne"))
		plain(q.Feedback.Wrong, q.Feedback.At("mauvaise"))
	}
	plain(q.Explanation, q.At("explication"))
}
