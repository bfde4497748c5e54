package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"os"
	"slices"
	"strings"

	"pasapas/i18n"
	"pasapas/lessons"
	"pasapas/progress"
	"pasapas/scoring"
	"pasapas/tutor"
)

// calibrateShown is how many of the largest moves the summary lists, and
// calibrateMoved the smallest change (in levels) it counts as a move.
const (
	calibrateShown = 5
	calibrateMoved = 0.1
)

// runCalibrate implements "pasapas calibrate": the batch re-fit of question
// difficulties from the answers of the tests taken on this PC.
func runCalibrate(args []string, lang i18n.Lang, stdout, stderr io.Writer) int {
	fs := newFlags("calibrate", lang, stderr, nil)
	var dirs dirList
	fs.Var(&dirs, "content", say(lang, "flag_content"))
	dryRun := fs.Bool("dry-run", false, say(lang, "flag_calibrate_dry_run"))
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), say(lang, "calibrate_usage"))
		fs.PrintDefaults()
	}
	words, ok, code := parseFlags(fs, args, lang, stdout, stderr)
	if !ok {
		return code
	}
	if !noWords(words, lang, stderr) {
		return 2
	}
	cat := library(dirs).Catalogue(lang)
	path, err := progress.DefaultPath()
	if err != nil {
		fmt.Fprintln(stderr, "pasapas:", progress.Explain(err, lang))
		return 1
	}
	// No progress file, no answer: say so rather than create one.
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		fmt.Fprintln(stdout, say(lang, "calibrate_nothing"))
		return 0
	}
	store, err := progress.Open(path)
	if err != nil {
		fmt.Fprintln(stderr, "pasapas:", progress.Explain(err, lang))
		return 1
	}
	defer store.Close()
	if r := store.Recovered(); r != nil {
		fmt.Fprintln(stderr, "pasapas:", r.Message(lang))
	}
	ctx := context.Background()
	log, err := store.CalibrationAnswers(ctx)
	if err != nil {
		fmt.Fprintln(stderr, "pasapas:", progress.Explain(err, lang))
		return 1
	}
	stats, err := store.ItemStats(ctx)
	if err != nil {
		fmt.Fprintln(stderr, "pasapas:", progress.Explain(err, lang))
		return 1
	}
	plan, err := planCalibration(cat, log, stats)
	if err != nil {
		fmt.Fprintln(stderr, "pasapas:", err)
		return 1
	}
	printCalibration(stdout, lang, plan)
	if len(plan.next) == 0 {
		return 0
	}
	if *dryRun {
		fmt.Fprintln(stdout, say(lang, "calibrate_dry_run"))
		return 0
	}
	if err := store.SetItemDifficulties(ctx, plan.next); err != nil {
		fmt.Fprintln(stderr, "pasapas:", progress.Explain(err, lang))
		return 1
	}
	fmt.Fprintln(stdout, say(lang, "calibrate_saved"))
	return 0
}

// calibrationPlan is what a re-fit found: the difficulties to store and how
// they differ from those the tutor uses now.
type calibrationPlan struct {
	answers, tests, unknown int
	next                    map[string]progress.ItemCalibration
	moves                   []calibrationMove // largest first
	// unsettled: the re-fit was still moving when it stopped (a log that
	// says little about the difficulties).
	unsettled  bool
	iterations int
}

type calibrationMove struct {
	question       string
	before, after  float64 // what a test would use today (stored, centred; else the author's), and what it will use
	answers, level int     // answers it rests on; the acquis's author level
}

// planCalibration runs the re-fit: scoring.Refit, the marginal Rasch fit
// of every finished test's answers, anchored on the author difficulties.
// Each test is one ability per competence (a positioning spans several),
// named by the test's opaque id. Answers to questions no longer in the
// content are left out. The difficulties to store are centred per
// competence, as the tutor centres a bank (scoring.Bank.Centred): their
// mean distance to the author levels is zero, so the stored values are the
// ones the next tests use, in one frame. (Up to questions calibrated here
// whose answers were erased since with their learner: they keep their
// stored value, and the tutor's centring counts them.)
func planCalibration(cat *lessons.Catalogue, log []progress.CalibrationAnswer, stats map[string]progress.ItemStat) (calibrationPlan, error) {
	authorB := scoring.AuthorDifficulties(cat)
	var p calibrationPlan
	var obs []scoring.Observation
	n := map[string]int{}
	tests := map[progress.TestID]bool{}
	for _, a := range log {
		if _, ok := authorB[a.Question]; !ok {
			p.unknown++
			continue
		}
		comp := competenceOf(cat, a.Question)
		obs = append(obs, scoring.Observation{Learner: fmt.Sprintf("%d/%s", a.Test, comp), Question: a.Question, Correct: a.Correct})
		n[a.Question]++
		tests[a.Test] = true
	}
	p.answers, p.tests = len(obs), len(tests)
	if len(obs) == 0 {
		return p, nil
	}
	res, err := scoring.Refit(authorB, obs, scoring.RefitOptions{})
	if err != nil {
		return p, err
	}
	fit := res.Difficulties
	p.unsettled, p.iterations = !res.Converged, res.Iterations
	today := todaysDifficulties(cat, stats, authorB, slices.Collect(maps.Keys(n)))
	// In sorted order, so that the sums, and the stored values to the last
	// bit, do not depend on map order.
	sum, count := map[string]float64{}, map[string]int{}
	for _, q := range slices.Sorted(maps.Keys(n)) {
		comp := competenceOf(cat, q)
		sum[comp] += fit[q] - authorB[q]
		count[comp]++
	}
	p.next = map[string]progress.ItemCalibration{}
	for q, k := range n {
		comp := competenceOf(cat, q)
		fit[q] -= sum[comp] / float64(count[comp])
		p.next[q] = progress.ItemCalibration{Difficulty: fit[q], N: k}
		p.moves = append(p.moves, calibrationMove{question: q, before: today[q], after: fit[q], answers: k,
			level: cat.Skill(cat.Question(q).Skill.ID).Level})
	}
	slices.SortFunc(p.moves, func(a, b calibrationMove) int {
		if c := -cmpFloat(math.Abs(a.after-a.before), math.Abs(b.after-b.before)); c != 0 {
			return c
		}
		return strings.Compare(a.question, b.question)
	})
	return p, nil
}

// todaysDifficulties is, for the given questions, the difficulty a test
// started now would use: its question in the tutor's bank for its
// competence (tutor.NewTestBank), else the author's.
func todaysDifficulties(cat *lessons.Catalogue, stats map[string]progress.ItemStat, authorB map[string]float64, questions []string) map[string]float64 {
	calib := tutor.Calibrations(stats)
	banks := map[string]*scoring.Bank{}
	out := make(map[string]float64, len(questions))
	for _, q := range questions {
		comp := competenceOf(cat, q)
		b, ok := banks[comp]
		if !ok {
			b = tutor.NewTestBank(cat, comp, calib, authorB)
			banks[comp] = b
		}
		out[q] = authorB[q]
		if b != nil {
			if it := b.Item(q); it != nil {
				out[q] = it.B
			}
		}
	}
	return out
}

// competenceOf is the competence of a question that has an author
// difficulty (so a known acquis, in a competence).
func competenceOf(cat *lessons.Catalogue, question string) string {
	return cat.CompetenceOf(cat.Question(question).Skill.ID).ID
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// printCalibration says what the re-fit found, in plain words: one logit is
// one author level on the product's scale, so moves are said in levels.
func printCalibration(w io.Writer, lang i18n.Lang, p calibrationPlan) {
	if p.answers == 0 {
		// Answers all to removed questions are still no answer to work
		// from: one line says both, rather than "no answer" then "left out".
		switch p.unknown {
		case 0:
			fmt.Fprintln(w, say(lang, "calibrate_nothing"))
		case 1:
			fmt.Fprintln(w, say(lang, "calibrate_only_unknown_one"))
		default:
			fmt.Fprintln(w, say(lang, "calibrate_only_unknown_many", p.unknown))
		}
		return
	}
	fmt.Fprintln(w, say(lang, "calibrate_read", count(lang, p.answers, "answer"), count(lang, p.tests, "test")))
	if p.unsettled {
		fmt.Fprintln(w, say(lang, "calibrate_unsettled", p.iterations))
	}
	switch {
	case p.unknown == 1:
		fmt.Fprintln(w, say(lang, "calibrate_unknown_one"))
	case p.unknown > 1:
		fmt.Fprintln(w, say(lang, "calibrate_unknown_many", p.unknown))
	}
	moved := 0
	for _, m := range p.moves {
		if math.Abs(m.after-m.before) >= calibrateMoved {
			moved++
		}
	}
	fmt.Fprintln(w, say(lang, "calibrate_moved", recalculated(lang, len(p.moves)), decimal(lang, calibrateMoved, false), moved))
	if moved == 0 {
		return
	}
	fmt.Fprintln(w, say(lang, "calibrate_largest"))
	for _, m := range p.moves[:min(calibrateShown, moved)] {
		way := "calibrate_harder"
		if m.after < m.before {
			way = "calibrate_easier"
		}
		fmt.Fprintf(w, "  %s\n", say(lang, "calibrate_move", m.question, m.level, say(lang, way),
			levels(lang, m.after-m.before), decimal(lang, m.before, false), decimal(lang, m.after, false),
			count(lang, m.answers, "answer")))
	}
}

// recalculated says how many questions were recalculated, the participle
// agreeing with the number: "1 question recalculée", "Aucune question
// recalculée" rather than "0 question recalculées".
func recalculated(lang i18n.Lang, n int) string {
	switch n {
	case 0:
		return say(lang, "recalculated_none")
	case 1:
		return say(lang, "recalculated_one")
	}
	return say(lang, "recalculated_many", n)
}

// levels writes a signed change in levels: "+0,42 niveau", "-2,10 niveaux".
// The number as written decides the plural: French takes it from 2 on,
// English for anything but one.
func levels(lang i18n.Lang, v float64) string {
	a := math.Abs(math.Round(v*100) / 100)
	if (lang == i18n.FR && a >= 2) || (lang != i18n.FR && a != 1) {
		return say(lang, "level_many", decimal(lang, v, true))
	}
	return say(lang, "level_one", decimal(lang, v, true))
}

// decimal writes a number with two decimals, with a decimal comma in French.
func decimal(lang i18n.Lang, v float64, sign bool) string {
	f := "%.2f"
	if sign {
		f = "%+.2f"
	}
	s := fmt.Sprintf(f, v)
	if lang == i18n.FR {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}
