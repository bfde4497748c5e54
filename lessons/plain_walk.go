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
	plain := func(text string, m *Meta, key string) { fn(textField{text: text, meta: m, key: key, vocab: -1}) }
	plain(l.Title, &l.Meta, "titre")
	for _, o := range l.Objectives {
		plain(o, &l.Meta, "objectifs")
	}
	for i := range l.Vocabulary {
		w := &l.Vocabulary[i]
		fn(textField{text: w.Definition, meta: &w.Meta, key: "definition", vocab: i})
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
		plain(s, &l.Meta, "a_retenir")
	}
	for _, s := range l.Warning {
		plain(s, &l.Meta, "attention")
	}
	for _, s := range l.Help {
		plain(s, &l.Meta, "aide")
	}
}

func walkStep(s *Step, fn func(textField)) {
	plain := func(text string, m *Meta, key string) { fn(textField{text: text, meta: m, key: key, vocab: -1}) }
	plain(s.Title, &s.Meta, "titre")
	fn(textField{text: s.Action, meta: &s.Meta, key: "action", action: true, vocab: -1})
	plain(s.Result, &s.Meta, "resultat")
	plain(s.IfNot, &s.Meta, "sinon")
	plain(s.Image, &s.Meta, "image")
	if s.Variants == nil {
		return
	}
	for _, d := range Devices {
		v := s.Variants.For(d)
		if v == nil {
			continue
		}
		fn(textField{text: v.Action, meta: &v.Meta, key: "action", action: true, vocab: -1})
		plain(v.Result, &v.Meta, "resultat")
		plain(v.IfNot, &v.Meta, "sinon")
		plain(v.Image, &v.Meta, "image")
	}
}

// walkQuestion calls fn for each text of a question.
func walkQuestion(q *Question, fn func(textField)) {
	plain := func(text string, m *Meta, key string) { fn(textField{text: text, meta: m, key: key, vocab: -1}) }
	plain(q.Prompt, &q.Meta, "enonce")
	for i := range q.Choices {
		c := &q.Choices[i]
		plain(c.Text, &c.Meta, "texte")
		plain(c.Feedback, &c.Meta, "retour")
	}
	for i := range q.Statements {
		s := &q.Statements[i]
		plain(s.Text, &s.Meta, "texte")
		plain(s.Feedback, &s.Meta, "retour")
	}
	for i := range q.Fields {
		plain(q.Fields[i].Label, &q.Fields[i].Meta, "libelle")
	}
	for i := range q.Elements {
		plain(q.Elements[i].Text, &q.Elements[i].Meta, "texte")
	}
	for i := range q.Pairs {
		p := &q.Pairs[i]
		plain(p.Left, &p.Meta, "gauche")
		plain(p.Right, &p.Meta, "droite")
	}
	for _, h := range q.Hints {
		plain(h, &q.Meta, "indices")
	}
	if q.Feedback != nil {
		plain(q.Feedback.Right, &q.Feedback.Meta, "bonne")
		plain(q.Feedback.Wrong, &q.Feedback.Meta, "mauvaise")
	}
	plain(q.Explanation, &q.Meta, "explication")
}
