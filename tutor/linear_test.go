package tutor

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"pasapas/i18n"
	"pasapas/lessons"
	"pasapas/progress"
	"pasapas/quiz"
)

// TestAccessibleMode drives the linear mode as a screen-reader user would:
// numbered prompts, one line per answer, and the same progress on disk.
func TestAccessibleMode(t *testing.T) {
	st, err := progress.Open(filepath.Join(t.TempDir(), "pasapas.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	in := strings.Join([]string{
		"1", "Marie", "1", // a new profile, no PIN
		"1", "1", // the mail competence, its first lesson
		"", "", "", // the introduction and two steps
		"aide",
		"0", "0", // back to the lessons, back home
		"quitter", "2", // quit, and confirm
	}, "\n") + "\n"
	var out bytes.Buffer
	cfg := Config{Library: builtin, Lang: i18n.FR, App: testApp(st, nil), IdleLock: -1}
	if err := RunAccessible(cfg, strings.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{
		"== Qui êtes-vous ? ==", "1. Je suis nouveau ou nouvelle", "Quel est votre prénom ?",
		"Bonjour Marie !", "Étape 3 sur", "Tapez le numéro d'un choix", "Voulez-vous quitter",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Contains(s, "\x1b") {
		t.Error("the accessible mode wrote an escape sequence")
	}
	if strings.Contains(s, "###") {
		t.Error("the accessible mode drew a bar")
	}
	ls, err := st.Learners(context.Background())
	if err != nil || len(ls) != 1 || ls[0].Name != "Marie" {
		t.Fatalf("learners: %+v %v", ls, err)
	}
	lp, _ := st.LessonProgress(context.Background(), ls[0].ID)
	if lp["mail-adresse"].Step != 3 {
		t.Errorf("lesson progress: %+v", lp)
	}
}

// TestAccessibleMultipleChoice: in the linear mode, a number ticks a box
// and no more, and Entrée alone validates: several boxes can be ticked.
func TestAccessibleMultipleChoice(t *testing.T) {
	var q *lessons.Question
	for _, c := range goldenLib.Catalogue(i18n.FR).Questions {
		if c.Type == lessons.MultipleChoice && c.Screen == nil {
			q = c
			break
		}
	}
	if q == nil {
		t.Fatal("no multiple choice without a mock screen in the golden library")
	}
	h := newHarness(t, i18n.FR, goldenLib)
	h.m.ctx.linear = true
	v := newQuestionView(h.m.ctx, q, 7)
	h.m.stack = append(h.m.stack, &questionScreen{v: v})
	var out bytes.Buffer
	l := &linear{driver: driver{m: h.m}, out: &out}
	if !strings.HasPrefix(l.prompt(), "Cochez") {
		t.Fatalf("prompt %q does not say to tick", l.prompt())
	}
	l.line("1")
	l.line("2")
	if v.phase != asking {
		t.Fatal("a number validated the answer")
	}
	ticked := 0
	for _, on := range v.chosen {
		if on {
			ticked++
		}
	}
	if ticked != 2 {
		t.Fatalf("%d boxes ticked, want 2", ticked)
	}
	l.line("")
	if v.phase == asking {
		t.Fatal("Entrée alone did not validate")
	}
}

// linearOn puts the first question of a type without a mock screen (from
// the golden library) on a linear run.
func linearOn(t *testing.T, typ string) (*linear, *questionView, *bytes.Buffer) {
	t.Helper()
	var q *lessons.Question
	for _, c := range goldenLib.Catalogue(i18n.FR).Questions {
		if c.Type == typ && c.Screen == nil {
			q = c
			break
		}
	}
	if q == nil {
		t.Fatalf("no %s question without a mock screen in the golden library", typ)
	}
	h := newHarness(t, i18n.FR, goldenLib)
	h.m.ctx.linear = true
	v := newQuestionView(h.m.ctx, q, 7)
	h.m.stack = append(h.m.stack, &questionScreen{v: v})
	out := &bytes.Buffer{}
	return &linear{driver: driver{m: h.m}, out: out}, v, out
}

// TestAccessibleEnterAloneNeverAnswers: on a question, Entrée alone does not
// answer the line the pointer happens to be on; it says to type a number.
func TestAccessibleEnterAloneNeverAnswers(t *testing.T) {
	l, v, out := linearOn(t, lessons.SingleChoice)
	l.line("")
	if v.phase != asking {
		t.Fatal("Entrée alone answered the question")
	}
	if !strings.Contains(out.String(), "Tapez le numéro de votre réponse") {
		t.Errorf("no hint, output: %q", out.String())
	}
}

// TestAccessibleTextFieldCanSkip: in a text field, Entrée alone leaves the
// field, and the number of « Je ne sais pas » is then within reach.
func TestAccessibleTextFieldCanSkip(t *testing.T) {
	l, v, _ := linearOn(t, lessons.FreeText)
	if !strings.HasPrefix(l.prompt(), "Votre réponse (puis Entrée") {
		t.Fatalf("prompt %q", l.prompt())
	}
	l.line("")
	if typing(l.m.top()) {
		t.Fatal("Entrée alone left the learner in the text field")
	}
	rows := strings.Split(l.m.plain(), "\n")
	skip := ""
	for _, r := range rows {
		if strings.Contains(r, "Je ne sais pas") {
			skip = strings.TrimSuffix(strings.Fields(strings.TrimLeft(r, "> "))[0], ".")
		}
	}
	if skip == "" {
		t.Fatalf("no « Je ne sais pas » line:\n%s", l.m.plain())
	}
	l.line(skip)
	if v.phase == asking || v.result.Outcome != quiz.Skipped {
		t.Fatalf("phase %v, result %+v: « Je ne sais pas » was not chosen", v.phase, v.result)
	}
}

// TestAccessibleTextFieldTakesADash: in a text field « - » is an answer,
// not the command for the previous page.
func TestAccessibleTextFieldTakesADash(t *testing.T) {
	l, v, _ := linearOn(t, lessons.FreeText)
	l.line("-")
	if v.phase == asking && v.inputs[0].Value() != "-" {
		t.Fatal("« - » was not typed in the field")
	}
}

// TestAccessibleNothingTicked: in a multiple choice, Entrée alone with
// nothing ticked says to tick, and ticks nothing by itself.
func TestAccessibleNothingTicked(t *testing.T) {
	l, v, out := linearOn(t, lessons.MultipleChoice)
	l.line("")
	if v.phase != asking || v.anyTicked() {
		t.Fatalf("phase %v, ticked %v", v.phase, v.anyTicked())
	}
	if !strings.Contains(out.String(), "Cochez au moins une réponse") {
		t.Errorf("output: %q", out.String())
	}
}
