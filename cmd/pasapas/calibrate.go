package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"strings"

	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/progress"
)

// calibrateShown is how many of the largest moves the summary lists, and
// calibrateMoved the smallest change (in levels) it counts as a move.
const (
	calibrateShown = 5
	calibrateMoved = 0.1
)

// calibrateOptions are the options of "pasapas calibrate".
type calibrateOptions struct {
	dirs   *dirList
	dryRun *bool
	store  storeOptions
}

func calibrateFlags(lang i18n.Lang) (*flag.FlagSet, calibrateOptions) {
	fs := newFlags("calibrate", lang, "calibrate_usage")
	o := calibrateOptions{dirs: &dirList{}}
	fs.Var(o.dirs, "content", say(lang, "flag_content"))
	o.dryRun = fs.Bool("dry-run", false, say(lang, "flag_calibrate_dry_run"))
	o.store = addStoreFlags(fs, lang)
	return fs, o
}

// runCalibrate implements "pasapas calibrate": the batch re-fit of question
// difficulties from the answers of the tests taken on this PC.
func runCalibrate(args []string, lang i18n.Lang, stdout, stderr io.Writer) int {
	fs, o := calibrateFlags(lang)
	dirs, dryRun := o.dirs, o.dryRun
	words, ok, code := parseFlags(fs, args, lang, stdout, stderr)
	if !ok {
		return code
	}
	if !noWords(words, lang, stderr) {
		return 2
	}
	cat := library(*dirs).Catalogue(lang)
	// No progress file, no answer: say so rather than create one. A
	// server that cannot be reached is tried three times.
	st, code := openStore(o.store, lang, stdout, stderr, false, 3)
	if st == nil {
		if code == 0 {
			fmt.Fprintln(stdout, say(lang, "calibrate_nothing"))
		}
		return code
	}
	defer st.close()
	if st.notice != "" {
		fmt.Fprintln(stderr, "pasapas:", st.notice)
	}
	plan, err := learning.New(st.store, learning.Options{}).Recalibrate(context.Background(), cat, *dryRun)
	if err != nil {
		fmt.Fprintln(stderr, "pasapas:", progress.Explain(err, lang))
		return 1
	}
	printCalibration(stdout, lang, plan)
	switch {
	case len(plan.Next) == 0:
	case *dryRun:
		fmt.Fprintln(stdout, say(lang, "calibrate_dry_run"))
	default:
		fmt.Fprintln(stdout, say(lang, "calibrate_saved"))
	}
	return 0
}

// printCalibration says what the re-fit found, in plain words: one logit is
// one author level on the product's scale, so moves are said in levels.
func printCalibration(w io.Writer, lang i18n.Lang, p learning.CalibrationPlan) {
	if p.Answers == 0 {
		// Answers all to removed questions are still no answer to work
		// from: one line says both, rather than "no answer" then "left out".
		switch p.Unknown {
		case 0:
			fmt.Fprintln(w, say(lang, "calibrate_nothing"))
		case 1:
			fmt.Fprintln(w, say(lang, "calibrate_only_unknown_one"))
		default:
			fmt.Fprintln(w, say(lang, "calibrate_only_unknown_many", p.Unknown))
		}
		return
	}
	fmt.Fprintln(w, say(lang, "calibrate_read", count(lang, p.Answers, "answer"), count(lang, p.Tests, "test")))
	if p.Unsettled {
		fmt.Fprintln(w, say(lang, "calibrate_unsettled", p.Iterations))
	}
	switch {
	case p.Unknown == 1:
		fmt.Fprintln(w, say(lang, "calibrate_unknown_one"))
	case p.Unknown > 1:
		fmt.Fprintln(w, say(lang, "calibrate_unknown_many", p.Unknown))
	}
	moved := 0
	for _, m := range p.Moves {
		if math.Abs(m.After-m.Before) >= calibrateMoved {
			moved++
		}
	}
	fmt.Fprintln(w, say(lang, "calibrate_moved", recalculated(lang, len(p.Moves)), decimal(lang, calibrateMoved, false), moved))
	if moved == 0 {
		return
	}
	fmt.Fprintln(w, say(lang, "calibrate_largest"))
	for _, m := range p.Moves[:min(calibrateShown, moved)] {
		way := "calibrate_harder"
		if m.After < m.Before {
			way = "calibrate_easier"
		}
		fmt.Fprintf(w, "  %s\n", say(lang, "calibrate_move", m.Question, m.Level, say(lang, way),
			levels(lang, m.After-m.Before), decimal(lang, m.Before, false), decimal(lang, m.After, false),
			count(lang, m.Answers, "answer")))
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
