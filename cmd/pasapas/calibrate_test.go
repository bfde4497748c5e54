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
	"pasapas/lessons"
	"pasapas/progress"
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

func storedCalibration(t *testing.T) map[string]progress.ItemStat {
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
		if st.Difficulty != nil {
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
		if st.Difficulty == nil || st.CalibratedN != n || math.IsNaN(*st.Difficulty) {
			t.Errorf("%s: %+v, want a difficulty on %d answers", q, st, n)
		}
	}
	if d := *stats[hard].Difficulty; !(d > author[hard]+0.3) {
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

func TestPlanCalibration(t *testing.T) {
	cat := lessons.Load(lessons.Options{}, lessons.Builtin()).Catalogue(i18n.FR)
	mail := scoring.BankFromCatalogue(cat, "mail", nil).Items
	var other scoring.Item
	for _, comp := range cat.Competences {
		if b := scoring.BankFromCatalogue(cat, comp.ID, nil); comp.ID != "mail" && b != nil {
			other = b.Items[0]
			break
		}
	}
	q1, q2, q3 := mail[0].ID, mail[1].ID, other.ID
	ans := func(test progress.TestID, comp, q string, right bool) progress.CalibrationAnswer {
		return progress.CalibrationAnswer{Test: test, Competence: comp, Question: q, Correct: right}
	}
	d := 0.5
	stats := map[string]progress.ItemStat{q2: {Question: q2, Difficulty: &d, CalibratedN: 3}}
	cases := []struct {
		name                    string
		log                     []progress.CalibrationAnswer
		answers, tests, unknown int
		n                       map[string]int
	}{
		{"no answer", nil, 0, 0, 0, nil},
		{"only questions gone from the content", []progress.CalibrationAnswer{ans(1, "mail", "retiree", true)}, 0, 0, 1, nil},
		{"two tests, a positioning across two competences", []progress.CalibrationAnswer{
			ans(1, "mail", q1, true), ans(1, "mail", q2, false),
			ans(2, progress.Positioning, q1, false), ans(2, progress.Positioning, q3, true),
			ans(2, progress.Positioning, "retiree", true),
		}, 4, 2, 1, map[string]int{q1: 2, q2: 1, q3: 1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := planCalibration(cat, c.log, stats)
			if err != nil {
				t.Fatal(err)
			}
			if p.answers != c.answers || p.tests != c.tests || p.unknown != c.unknown || len(p.next) != len(c.n) {
				t.Fatalf("plan %+v, want %d answers, %d tests, %d unknown, %v", p, c.answers, c.tests, c.unknown, c.n)
			}
			for q, n := range c.n {
				if p.next[q].N != n {
					t.Errorf("%s: on %d answers, want %d", q, p.next[q].N, n)
				}
			}
			for _, m := range p.moves {
				want := scoring.AuthorDifficulties(cat)[m.question]
				if m.question == q2 {
					want = d // what the tutor uses now: the stored difficulty
				}
				if m.before != want || m.after != p.next[m.question].Difficulty {
					t.Errorf("%s: move %+v, want from %v", m.question, m, want)
				}
			}
		})
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
