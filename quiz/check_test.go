package quiz

import (
	"slices"
	"testing"

	"pasapas/lessons"
)

func TestChoices(t *testing.T) {
	single := question(t, "mail-q-cci")        // a, b, c; c is right
	multi := question(t, "mail-q-bien-ecrite") // a, b right; c, d wrong
	screen := question(t, "mail-q-faux-ameli") // a mise en situation: b is right
	for _, c := range []struct {
		name   string
		q      *lessons.Question
		chosen []string
		want   Outcome
	}{
		{"single right", single, []string{"c"}, Correct},
		{"single wrong", single, []string{"a"}, Incorrect},
		{"single twice the same", single, []string{"c", "c"}, Correct},
		{"single right and wrong", single, []string{"c", "a"}, Incorrect},
		{"single nothing", single, nil, Incorrect},
		{"single unknown id", single, []string{"z"}, Incorrect},
		{"multi right, any order", multi, []string{"b", "a"}, Correct},
		{"multi missing one", multi, []string{"a"}, Incorrect},
		{"multi one too many", multi, []string{"a", "b", "c"}, Incorrect},
		{"multi right plus an unknown id", multi, []string{"a", "b", "x"}, Incorrect},
		{"multi nothing", multi, nil, Incorrect},
		{"screen right", screen, []string{"b"}, Correct},
		{"screen wrong", screen, []string{"a"}, Incorrect},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := Check(c.q, Answer{Choices: c.chosen})
			if r.Outcome != c.want {
				t.Fatalf("outcome %s, want %s", r.Outcome, c.want)
			}
			if len(r.Choices) != len(c.q.Choices) {
				t.Fatalf("%d choice details for %d choices", len(r.Choices), len(c.q.Choices))
			}
			for i, d := range r.Choices {
				ch := c.q.Choices[i]
				if d.ID != ch.ID || d.Right != ch.Correct || d.Chosen != slices.Contains(c.chosen, ch.ID) {
					t.Errorf("detail %+v for choice %s (right %v)", d, ch.ID, ch.Correct)
				}
			}
		})
	}
}

func TestStatements(t *testing.T) {
	q := question(t, "mail-q-signes") // urgence: true, banque: true, logo: false
	for _, c := range []struct {
		name  string
		truth map[string]bool
		want  Outcome
		oks   []bool
	}{
		{"all right", map[string]bool{"urgence": true, "banque": true, "logo": false}, Correct, []bool{true, true, true}},
		{"one wrong", map[string]bool{"urgence": true, "banque": true, "logo": true}, Incorrect, []bool{true, true, false}},
		{"one not judged", map[string]bool{"urgence": true, "banque": true}, Incorrect, []bool{true, true, false}},
		{"unknown statement ignored", map[string]bool{"urgence": true, "banque": true, "logo": false, "autre": true}, Correct, []bool{true, true, true}},
		{"nothing", nil, Incorrect, []bool{false, false, false}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := Check(q, Answer{Truth: c.truth})
			if r.Outcome != c.want {
				t.Errorf("outcome %s, want %s", r.Outcome, c.want)
			}
			var oks []bool
			for _, s := range r.Statements {
				oks = append(oks, s.OK())
			}
			if !slices.Equal(oks, c.oks) {
				t.Errorf("per statement %v, want %v", oks, c.oks)
			}
		})
	}
}

func TestOrder(t *testing.T) {
	q := question(t, "mail-q-envoyer-etapes") // nouveau, remplir, envoyer, envoyes
	for _, c := range []struct {
		name  string
		order []string
		want  Outcome
		given []int
	}{
		{"right", []string{"nouveau", "remplir", "envoyer", "envoyes"}, Correct, []int{0, 1, 2, 3}},
		{"two swapped", []string{"remplir", "nouveau", "envoyer", "envoyes"}, Incorrect, []int{1, 0, 2, 3}},
		{"one missing", []string{"nouveau", "remplir", "envoyer"}, Incorrect, []int{0, 1, 2, -1}},
		{"one twice", []string{"nouveau", "remplir", "envoyer", "envoyer"}, Incorrect, []int{0, 1, 2, -1}},
		{"one unknown added", []string{"nouveau", "remplir", "envoyer", "envoyes", "relire"}, Incorrect, []int{0, 1, 2, 3}},
		{"nothing", nil, Incorrect, []int{-1, -1, -1, -1}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := Check(q, Answer{Order: c.order})
			if r.Outcome != c.want {
				t.Errorf("outcome %s, want %s", r.Outcome, c.want)
			}
			var given []int
			for i, e := range r.Elements {
				given = append(given, e.Given)
				if e.Want != i || e.ID != q.Elements[i].ID {
					t.Errorf("element %d: %+v", i, e)
				}
			}
			if !slices.Equal(given, c.given) {
				t.Errorf("places %v, want %v", given, c.given)
			}
		})
	}
}

func TestPairs(t *testing.T) {
	q := question(t, "mail-q-parties-b") // identifiant, signe, fournisseur
	for _, c := range []struct {
		name    string
		matches map[string]string
		want    Outcome
		oks     []bool
	}{
		{"right", map[string]string{"identifiant": "identifiant", "signe": "signe", "fournisseur": "fournisseur"}, Correct, []bool{true, true, true}},
		{"two swapped", map[string]string{"identifiant": "fournisseur", "signe": "signe", "fournisseur": "identifiant"}, Incorrect, []bool{false, true, false}},
		{"one missing", map[string]string{"identifiant": "identifiant", "signe": "signe"}, Incorrect, []bool{true, true, false}},
		{"unknown left ignored", map[string]string{"identifiant": "identifiant", "signe": "signe", "fournisseur": "fournisseur", "x": "y"}, Correct, []bool{true, true, true}},
		{"nothing", nil, Incorrect, []bool{false, false, false}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := Check(q, Answer{Matches: c.matches})
			if r.Outcome != c.want {
				t.Errorf("outcome %s, want %s", r.Outcome, c.want)
			}
			var oks []bool
			for _, p := range r.Pairs {
				oks = append(oks, p.OK())
			}
			if !slices.Equal(oks, c.oks) {
				t.Errorf("per pair %v, want %v", oks, c.oks)
			}
		})
	}
}

// Independent fields (Pix's QROCM-ind), on the real question.
func TestFields(t *testing.T) {
	q := question(t, "mail-q-parties") // identifiant: paul.martin, fournisseur: orange.fr
	for _, c := range []struct {
		name   string
		fields map[string]string
		want   Outcome
		oks    []bool
	}{
		{"both right", map[string]string{"identifiant": "paul.martin", "fournisseur": "orange.fr"}, Correct, []bool{true, true}},
		{"with a capital and a typo", map[string]string{"identifiant": "Paul.martin", "fournisseur": "oranje.fr"}, Correct, []bool{true, true}},
		{"swapped", map[string]string{"identifiant": "orange.fr", "fournisseur": "paul.martin"}, Incorrect, []bool{false, false}},
		{"one empty", map[string]string{"identifiant": "paul.martin"}, Incorrect, []bool{true, false}},
		{"the whole address in one", map[string]string{"identifiant": "paul.martin@orange.fr", "fournisseur": "orange.fr"}, Incorrect, []bool{false, true}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := Check(q, Answer{Fields: c.fields})
			if r.Outcome != c.want {
				t.Errorf("outcome %s, want %s", r.Outcome, c.want)
			}
			var oks []bool
			for i, f := range r.Fields {
				oks = append(oks, f.Correct)
				if f.ID != q.Fields[i].ID || f.Given != c.fields[f.ID] || f.Expected != q.Fields[i].Answers[0] {
					t.Errorf("field %d: %+v", i, f)
				}
			}
			if !slices.Equal(oks, c.oks) {
				t.Errorf("per field %v, want %v", oks, c.oks)
			}
		})
	}
	r := Check(q, Answer{Fields: map[string]string{"identifiant": "Paul.martin", "fournisseur": "oranje.fr"}})
	if !slices.Equal(r.Fields[0].Forgiven, []Forgiveness{Case}) || !slices.Equal(r.Fields[1].Forgiven, []Forgiveness{Typo}) ||
		!slices.Equal(r.Forgiven, []Forgiveness{Typo, Case}) {
		t.Errorf("forgiven %v / %v, summary %v", r.Fields[0].Forgiven, r.Fields[1].Forgiven, r.Forgiven)
	}
}

// Fields in any order (Pix's QROCM-dep): each group accepted once.
func TestAnyOrder(t *testing.T) {
	q := &lessons.Question{ID: "q", Type: lessons.Fields, AnyOrder: true,
		Fields: []lessons.Field{{ID: "un", Label: "Un fournisseur"}, {ID: "deux", Label: "Un autre fournisseur"}},
		Groups: [][]string{{"orange.fr", "orange"}, {"laposte.net", "la poste"}, {"gmail.com", "gmail"}},
	}
	for _, c := range []struct {
		name     string
		fields   map[string]string
		want     Outcome
		oks      []bool
		expected []string
	}{
		{"two groups", map[string]string{"un": "laposte.net", "deux": "Orange"}, Correct, []bool{true, true}, []string{"laposte.net", "orange"}},
		{"other order", map[string]string{"un": "gmail", "deux": "la poste"}, Correct, []bool{true, true}, []string{"gmail", "la poste"}},
		// The second field is shown the nearest answer of a group still free.
		{"a group used twice", map[string]string{"un": "orange", "deux": "orange.fr"}, Incorrect, []bool{true, false}, []string{"orange", "la poste"}},
		{"one empty", map[string]string{"un": "orange"}, Incorrect, []bool{true, false}, []string{"orange", "laposte.net"}},
		{"one wrong, shown the nearest unused group", map[string]string{"un": "gmial.com", "deux": "free.fr"}, Incorrect, []bool{true, false}, []string{"gmail.com", "orange.fr"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := Check(q, Answer{Fields: c.fields})
			if r.Outcome != c.want {
				t.Errorf("outcome %s, want %s", r.Outcome, c.want)
			}
			var oks []bool
			var expected []string
			for _, f := range r.Fields {
				oks = append(oks, f.Correct)
				expected = append(expected, f.Expected)
			}
			if !slices.Equal(oks, c.oks) || !slices.Equal(expected, c.expected) {
				t.Errorf("per field %v %q, want %v %q", oks, expected, c.oks, c.expected)
			}
		})
	}
}

// Pix gives groups greedily, field by field, and would refuse this answer:
// the first field takes the first group, the only one the second can use.
// Every field matching a group of its own is enough.
func TestAnyOrderFindsAnAssignment(t *testing.T) {
	q := &lessons.Question{ID: "q", Type: lessons.Fields, AnyOrder: true,
		Fields: []lessons.Field{{ID: "un"}, {ID: "deux"}},
		Groups: [][]string{{"Marseille", "Paris"}, {"Paris"}},
	}
	r := Check(q, Answer{Fields: map[string]string{"un": "Paris", "deux": "Marseille"}})
	if r.Outcome != Correct || r.Fields[0].Expected != "Paris" || r.Fields[1].Expected != "Marseille" {
		t.Errorf("got %+v", r)
	}
}

func TestSkipped(t *testing.T) {
	for _, id := range []string{"mail-q-cci", "mail-q-signes", "mail-q-envoyer-etapes", "mail-q-parties-b", "mail-q-transferer", "mail-q-parties"} {
		q := question(t, id)
		right := Answer{Skipped: true, Choices: []string{"c"}, Fields: map[string]string{"reponse": "Transférer"}}
		r := Check(q, right)
		if r.Outcome != Skipped {
			t.Errorf("%s: outcome %s, want skipped", id, r.Outcome)
		}
		if empty := Check(q, Answer{}); !sameDetails(r, empty) {
			t.Errorf("%s: details of a skip %+v differ from an empty answer's %+v", id, r, empty)
		}
	}
	if r := Check(question(t, "mail-q-transferer"), Answer{Skipped: true}); r.Fields[0].Expected != "Transférer" || r.Fields[0].Correct {
		t.Errorf("a skipped free text shows the author's first answer: %+v", r.Fields)
	}
}

func sameDetails(a, b Result) bool {
	a.Outcome, b.Outcome = "", ""
	return slices.EqualFunc(a.Fields, b.Fields, func(x, y FieldResult) bool {
		return x.ID == y.ID && x.Correct == y.Correct && x.Expected == y.Expected
	}) && slices.Equal(a.Choices, b.Choices) && slices.Equal(a.Statements, b.Statements) &&
		slices.Equal(a.Elements, b.Elements) && slices.Equal(a.Pairs, b.Pairs)
}

func TestNilAndUnknown(t *testing.T) {
	if r := Check(nil, Answer{}); r.Outcome != Incorrect {
		t.Errorf("nil question: %s", r.Outcome)
	}
	if r := Check(nil, Answer{Skipped: true}); r.Outcome != Skipped {
		t.Errorf("nil question skipped: %s", r.Outcome)
	}
	if r := Check(&lessons.Question{Type: "inconnu"}, Answer{}); r.Outcome != Incorrect {
		t.Errorf("unknown type: %s", r.Outcome)
	}
}

// Every built-in question accepts its own right answer and refuses an
// empty one: the checker and the content agree.
func TestBuiltinQuestions(t *testing.T) {
	cat := builtin(t)
	var all []*lessons.Question
	all = append(all, cat.Questions...)
	for _, l := range cat.Lessons {
		for _, it := range l.Items {
			if it.Check != nil {
				all = append(all, cat.CheckQuestion(it.Check))
			}
		}
	}
	for _, q := range all {
		if r := Check(q, solutionOf(q)); r.Outcome != Correct {
			t.Errorf("%s: its right answer is %s: %+v", q.ID, r.Outcome, r)
		}
		if r := Check(q, Answer{}); r.Outcome != Incorrect {
			t.Errorf("%s: an empty answer is %s", q.ID, r.Outcome)
		}
	}
}

// solutionOf builds the right answer of a question from its solution.
func solutionOf(q *lessons.Question) Answer {
	var a Answer
	switch q.Type {
	case lessons.SingleChoice, lessons.MultipleChoice:
		for _, c := range q.Choices {
			if c.Correct {
				a.Choices = append(a.Choices, c.ID)
			}
		}
	case lessons.TrueFalse:
		a.Truth = map[string]bool{}
		for _, s := range q.Statements {
			a.Truth[s.ID] = s.True
		}
	case lessons.FreeText, lessons.Fields:
		a.Fields = map[string]string{}
		for i, f := range fieldsOf(q) {
			if q.AnyOrder {
				a.Fields[f.ID] = q.Groups[len(q.Groups)-1-i][0]
			} else {
				a.Fields[f.ID] = f.Answers[len(f.Answers)-1]
			}
		}
	case lessons.Ordering:
		for _, e := range q.Elements {
			a.Order = append(a.Order, e.ID)
		}
	case lessons.Matching:
		a.Matches = map[string]string{}
		for _, p := range q.Pairs {
			a.Matches[p.ID] = p.ID
		}
	}
	return a
}
