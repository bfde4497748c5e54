package main

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/lessons"
	"pasapas/progress"
	"pasapas/record"
	"pasapas/scoring"
)

// calibrationStore fills a progress file in a temporary PASAPAS_HOME with
// finished mail tests: learners of every ability, answering like Rasch
// learners, except that the easiest question is failed by everyone. It
// returns that question, and the questions answered.
func calibrationStore(t *testing.T) (hard string, answered map[string]int) {
	t.Helper()
	home := t.TempDir()
	t.Setenv("PASAPAS_HOME", home)
	cat := lessons.Load(lessons.Options{Today: time.Now()}, lessons.Builtin()).Catalogue(i18n.FR)
	bank := scoring.BankFromCatalogue(cat, "mail", nil)
	if bank == nil || bank.Len() < 4 {
		t.Fatal("no mail bank in the built-in content")
	}
	hard = bank.Items[0].ID
	for _, it := range bank.Items {
		if it.B < bank.Item(hard).B {
			hard = it.ID
		}
	}
	st, err := progress.Open(filepath.Join(home, progress.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	answered = map[string]int{}
	for j := range 12 {
		l, err := st.CreateLearner(ctx, fmt.Sprintf("Personne %d", j), "", progress.Prefs{})
		if err != nil {
			t.Fatal(err)
		}
		id, err := st.StartTest(ctx, l.ID, "mail", int64(j))
		if err != nil {
			t.Fatal(err)
		}
		theta := -2 + 4*float64(j)/11
		for k, it := range bank.Items {
			right := it.ID != hard && float64((j*7+k*3)%10)/10 < it.Prob(theta)
			r := progress.Incorrect
			if right {
				r = progress.Correct
			}
			a := progress.Answer{Learner: l.ID, Question: it.ID, Variant: it.Group, Given: `{}`, Result: r, Test: id}
			if _, err := st.RecordAnswer(ctx, a); err != nil {
				t.Fatal(err)
			}
			answered[it.ID]++
		}
		if err := st.FinishTest(ctx, id, progress.TestResult{Level: 1}); err != nil {
			t.Fatal(err)
		}
	}
	// An open test and a lesson check: not for the calibration.
	l, _ := st.CreateLearner(ctx, "En cours", "", progress.Prefs{})
	open, _ := st.StartTest(ctx, l.ID, "mail", 99)
	for _, a := range []progress.Answer{
		{Learner: l.ID, Question: hard, Variant: hard, Given: `{}`, Result: progress.Correct, Test: open},
		{Learner: l.ID, Question: hard, Variant: hard, Given: `{}`, Result: progress.Correct, Lesson: "mail-adresse"},
		// A question removed from the content since.
		{Learner: l.ID, Question: "question-retiree", Variant: "question-retiree", Given: `{}`, Result: progress.Correct},
	} {
		if _, err := st.RecordAnswer(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	return hard, answered
}

func storedCalibration(t *testing.T) map[string]record.ItemStat {
	t.Helper()
	path, err := progress.DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	st, err := progress.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	stats, err := st.ItemStats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return stats
}

func TestCalibrateCommand(t *testing.T) {
	hard, answered := calibrationStore(t)
	author := scoring.AuthorDifficulties(lessons.Load(lessons.Options{}, lessons.Builtin()).Catalogue(i18n.FR))

	// --dry-run says what would change and writes nothing.
	code, out, errOut := runArgs("calibrate", "--dry-run")
	t.Logf("pasapas calibrate --dry-run:\n%s", out)
	if code != 0 {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	total := 0
	for _, n := range answered {
		total += n
	}
	for _, want := range []string{
		fmt.Sprintf("Lu : %d réponses, venant de 12 tests.", total),
		fmt.Sprintf("%d questions recalculées ; changement d'au moins 0,10 niveau : ", len(answered)),
		"Les plus grands changements", hard, "plus difficile que prévu",
		"rien n'a été enregistré",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run output lacks %q:\n%s", want, out)
		}
	}
	for q, st := range storedCalibration(t) {
		if st.Calibrated != nil {
			t.Errorf("--dry-run wrote %s: %+v", q, st)
		}
	}

	// Without it, the difficulties are stored, each with the answers of
	// finished tests it rests on.
	code, out, errOut = runArgs("calibrate")
	if code != 0 || !strings.Contains(out, "Nouvelles difficultés enregistrées") {
		t.Fatalf("exit %d: %s%s", code, out, errOut)
	}
	stats := storedCalibration(t)
	for q, n := range answered {
		st := stats[q]
		if st.Calibrated == nil || st.Calibrated.N != n || math.IsNaN(st.Calibrated.B) {
			t.Errorf("%s: %+v, want a difficulty on %d answers", q, st, n)
		}
	}
	if d := stats[hard].Calibrated.B; !(d > author[hard]+0.3) {
		t.Errorf("the question everyone failed: %v, author %v", d, author[hard])
	}
	if st := stats[hard]; st.Answers != answered[hard]+2 {
		t.Errorf("%s: %d answers in all, want %d (one open test, one lesson)", hard, st.Answers, answered[hard]+2)
	}

	// Run again on the same answers: same difficulties, nothing moves.
	code, out, _ = runArgs("calibrate", "--lang", "en")
	if code != 0 || !strings.Contains(out, "changed by at least 0.10 level: 0.") {
		t.Errorf("second run: exit %d\n%s", code, out)
	}
}

func TestCalibrateCommandEdges(t *testing.T) {
	cases := []struct {
		name     string
		args     []string
		setup    func(t *testing.T)
		code     int
		contains string
	}{
		{"no progress file: nothing to do", []string{"calibrate"}, func(t *testing.T) {
			t.Setenv("PASAPAS_HOME", filepath.Join(t.TempDir(), "absent"))
		}, 0, "rien à recalculer"},
		{"a file without finished tests", []string{"calibrate", "--lang", "en"}, func(t *testing.T) {
			home := t.TempDir()
			t.Setenv("PASAPAS_HOME", home)
			st, err := progress.Open(filepath.Join(home, progress.FileName))
			if err != nil {
				t.Fatal(err)
			}
			st.Close()
		}, 0, "nothing to work out"},
		{"help", []string{"calibrate", "--help"}, func(*testing.T) {}, 0, "Utilisation : pasapas calibrate"},
		{"an unknown option", []string{"calibrate", "--bogus"}, func(*testing.T) {}, 2, "option inconnue"},
		{"a stray word", []string{"calibrate", "maintenant"}, func(*testing.T) {}, 2, "commande inconnue"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			c.setup(t)
			code, out, errOut := runArgs(c.args...)
			if code != c.code || !strings.Contains(out+errOut, c.contains) {
				t.Errorf("exit %d, want %d, output lacks %q:\n%s%s", code, c.code, c.contains, out, errOut)
			}
			if home := os.Getenv("PASAPAS_HOME"); strings.HasSuffix(home, "absent") {
				if _, err := os.Stat(home); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("calibrate created %s (%v)", home, err)
				}
			}
		})
	}
	// The global usage names the command.
	if _, out, _ := runArgs("help"); !strings.Contains(out, "pasapas calibrate") {
		t.Errorf("help does not name calibrate:\n%s", out)
	}
}

func TestLevelsAndDecimals(t *testing.T) {
	for _, c := range []struct {
		lang i18n.Lang
		v    float64
		want string
	}{
		{i18n.FR, 0.4213, "+0,42 niveau"},
		{i18n.FR, -1.999, "-2,00 niveaux"},
		{i18n.FR, 2.19, "+2,19 niveaux"},
		{i18n.EN, 1, "+1.00 level"},
		{i18n.EN, -0.34, "-0.34 levels"},
	} {
		if got := levels(c.lang, c.v); got != c.want {
			t.Errorf("levels(%s, %v) = %q, want %q", c.lang, c.v, got, c.want)
		}
	}
	if got := decimal(i18n.FR, -2, false); got != "-2,00" {
		t.Errorf("decimal = %q", got)
	}
}

// smallCalibrationStore makes a progress file in a temporary PASAPAS_HOME
// with one finished mail test: right answers to the first known mail
// questions, and unknown answers to questions no longer in the content.
func smallCalibrationStore(t *testing.T, known, unknown int) {
	t.Helper()
	home := t.TempDir()
	t.Setenv("PASAPAS_HOME", home)
	cat := lessons.Load(lessons.Options{Today: time.Now()}, lessons.Builtin()).Catalogue(i18n.FR)
	bank := scoring.BankFromCatalogue(cat, "mail", nil)
	if bank == nil || bank.Len() < known {
		t.Fatal("not enough mail questions in the built-in content")
	}
	st, err := progress.Open(filepath.Join(home, progress.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	l, err := st.CreateLearner(ctx, "Personne", "", progress.Prefs{})
	if err != nil {
		t.Fatal(err)
	}
	id, err := st.StartTest(ctx, l.ID, "mail", 1)
	if err != nil {
		t.Fatal(err)
	}
	var qs []string
	for _, it := range bank.Items[:known] {
		qs = append(qs, it.ID)
	}
	for k := range unknown {
		qs = append(qs, fmt.Sprintf("question-retiree-%d", k))
	}
	for _, q := range qs {
		a := progress.Answer{Learner: l.ID, Question: q, Variant: q, Given: `{}`, Result: progress.Correct, Test: id}
		if _, err := st.RecordAnswer(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.FinishTest(ctx, id, progress.TestResult{Level: 1}); err != nil {
		t.Fatal(err)
	}
}

// TestCalibrateWording checks the printed text, in both languages: the
// counts agree with their nouns and participles, and a run with no usable
// answer says so once, without a "left out" line contradicting it.
func TestCalibrateWording(t *testing.T) {
	cases := []struct {
		name           string
		known, unknown int
		lang           string
		want, wantNot  []string
	}{
		{"fr: one question, three left out", 1, 3, "fr", []string{
			"Lu : 1 réponse, venant de 1 test.\n",
			"Laissées de côté : 3 réponses à des questions qui ne sont plus dans le contenu.\n",
			"1 question recalculée ; changement d'au moins 0,10 niveau : ",
		}, []string{"recalculées", "rien à recalculer", "Rien à recalculer"}},
		{"en: one question, three left out", 1, 3, "en", []string{
			"Read: 1 answer, from 1 test.\n",
			"Left out: 3 answers to questions no longer in the content.\n",
			"1 question recalculated; changed by at least 0.10 level: ",
		}, []string{"questions recalculated", "othing to work out"}},
		{"fr: two questions, one left out", 2, 1, "fr", []string{
			"Lu : 2 réponses, venant de 1 test.\n",
			"Laissée de côté : 1 réponse à une question qui n'est plus dans le contenu.\n",
			"2 questions recalculées ; ",
		}, []string{"Laissées"}},
		{"en: two questions, one left out", 2, 1, "en", []string{
			"Left out: 1 answer to a question no longer in the content.\n",
			"2 questions recalculated; ",
		}, nil},
		{"fr: nothing but removed questions", 0, 3, "fr", []string{
			"Rien à recalculer : les 3 réponses aux tests terminés sur cet ordinateur portent toutes sur des questions qui ne sont plus dans le contenu.\n",
		}, []string{"Laissée", "Aucune réponse", "Lu :", "recalcul\u00e9e"}},
		{"en: nothing but removed questions", 0, 3, "en", []string{
			"Nothing to work out: the 3 answers to finished tests on this computer are all to questions no longer in the content.\n",
		}, []string{"Left out", "No answer", "Read:", "recalculated"}},
		{"fr: a single answer, to a removed question", 0, 1, "fr", []string{
			"Rien à recalculer : la seule réponse à un test terminé sur cet ordinateur porte sur une question qui n'est plus dans le contenu.\n",
		}, []string{"Laissée", "Aucune réponse"}},
		{"en: a single answer, to a removed question", 0, 1, "en", []string{
			"Nothing to work out: the only answer to a finished test on this computer is to a question no longer in the content.\n",
		}, []string{"Left out", "No answer"}},
		{"fr: no answer at all", 0, 0, "fr", []string{
			"Aucune réponse à un test terminé sur cet ordinateur : rien à recalculer.\n",
		}, []string{"Laissée", "Lu :"}},
		{"en: no answer at all", 0, 0, "en", []string{
			"No answer to a finished test on this computer: nothing to work out.\n",
		}, []string{"Left out", "Read:"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			smallCalibrationStore(t, c.known, c.unknown)
			code, out, errOut := runArgs("calibrate", "--dry-run", "--lang", c.lang)
			if code != 0 || errOut != "" {
				t.Fatalf("exit %d: %s%s", code, out, errOut)
			}
			for _, w := range c.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, w := range c.wantNot {
				if strings.Contains(out, w) {
					t.Errorf("output has %q:\n%s", w, out)
				}
			}
		})
	}
}

// TestCalibrateWordingNoneRecalculated: a plan with answers always has a
// question to recalculate, but should it have none, the line still agrees.
func TestCalibrateWordingNoneRecalculated(t *testing.T) {
	for lang, want := range map[i18n.Lang]string{
		i18n.FR: "Aucune question recalculée ; changement d'au moins 0,10 niveau : 0.\n",
		i18n.EN: "No question recalculated; changed by at least 0.10 level: 0.\n",
	} {
		var b strings.Builder
		printCalibration(&b, lang, learning.CalibrationPlan{Answers: 2, Tests: 1})
		if !strings.Contains(b.String(), want) {
			t.Errorf("%s: output lacks %q:\n%s", lang, want, b.String())
		}
	}
	for _, c := range []struct {
		lang i18n.Lang
		n    int
		want string
	}{
		{i18n.FR, 0, "Aucune question recalculée"}, {i18n.FR, 1, "1 question recalculée"}, {i18n.FR, 2, "2 questions recalculées"},
		{i18n.EN, 0, "No question recalculated"}, {i18n.EN, 1, "1 question recalculated"}, {i18n.EN, 2, "2 questions recalculated"},
	} {
		if got := recalculated(c.lang, c.n); got != c.want {
			t.Errorf("recalculated(%s, %d) = %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}

// TestCalibrateNoFormatLeak runs the command over several stores, in both
// languages, with and without --dry-run: no output may carry a fmt verb
// error ("%!s(int=3)") or a missing message's code ("[calibrate_…]").
func TestCalibrateNoFormatLeak(t *testing.T) {
	stores := map[string]func(t *testing.T){
		"absent": func(t *testing.T) { t.Setenv("PASAPAS_HOME", filepath.Join(t.TempDir(), "absent")) },
		"empty":  func(t *testing.T) { smallCalibrationStore(t, 0, 0) },
		"removed only, one": func(t *testing.T) {
			smallCalibrationStore(t, 0, 1)
		},
		"removed only, many": func(t *testing.T) { smallCalibrationStore(t, 0, 4) },
		"one question, one removed": func(t *testing.T) {
			smallCalibrationStore(t, 1, 1)
		},
		"several questions, several removed": func(t *testing.T) { smallCalibrationStore(t, 3, 2) },
		"many tests":                         func(t *testing.T) { calibrationStore(t) },
	}
	for name, setup := range stores {
		t.Run(name, func(t *testing.T) {
			setup(t)
			for _, args := range [][]string{
				{"calibrate", "--dry-run"}, {"calibrate", "--dry-run", "--lang", "en"},
				{"calibrate", "--lang", "en"}, {"calibrate"},
			} {
				code, out, errOut := runArgs(args...)
				all := out + errOut
				if code != 0 || strings.Contains(all, "%!") || strings.Contains(all, "[calibrate_") ||
					strings.Contains(all, "_one]") || strings.Contains(all, "_many]") {
					t.Errorf("%v: exit %d:\n%s", args, code, all)
				}
			}
		})
	}
}

// TestCalibrateSaysWhenUnsettled: a re-fit still moving when it stopped is
// said, in both languages, and a settled one is not.
func TestCalibrateSaysWhenUnsettled(t *testing.T) {
	p := learning.CalibrationPlan{Answers: 40, Tests: 4, Unsettled: true, Iterations: 1000}
	cases := []struct {
		lang i18n.Lang
		want string
	}{
		{i18n.FR, "Attention : le calcul ne s'est pas stabilisé en 1000 étapes."},
		{i18n.EN, "Note: the calculation did not settle in 1000 steps."},
	}
	for _, c := range cases {
		var b strings.Builder
		printCalibration(&b, c.lang, p)
		if !strings.Contains(b.String(), c.want) {
			t.Errorf("%s: %q, want %q", c.lang, b.String(), c.want)
		}
		b.Reset()
		settled := p
		settled.Unsettled = false
		printCalibration(&b, c.lang, settled)
		if strings.Contains(b.String(), c.want[:12]) {
			t.Errorf("%s, settled: %q", c.lang, b.String())
		}
	}
}
