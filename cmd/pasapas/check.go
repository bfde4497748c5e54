package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"pasapas/i18n"
	"pasapas/lessons"
)

// checkOptions are the options of "pasapas check".
type checkOptions struct{ strict, stats, noBuiltin *bool }

func checkFlags(lang i18n.Lang) (*flag.FlagSet, checkOptions) {
	fs := newFlags("check", lang, "check_usage")
	return fs, checkOptions{
		strict:    fs.Bool("strict", false, say(lang, "flag_strict")),
		stats:     fs.Bool("stats", false, say(lang, "flag_stats")),
		noBuiltin: fs.Bool("no-builtin", false, say(lang, "flag_no_builtin")),
	}
}

// runCheck implements "pasapas check [--strict] [--stats] [DIR...]".
func runCheck(args []string, lang i18n.Lang, stdout, stderr io.Writer) int {
	fs, o := checkFlags(lang)
	strict, stats, noBuiltin := o.strict, o.stats, o.noBuiltin
	words, ok, code := parseFlags(fs, args, lang, stdout, stderr)
	if !ok {
		return code
	}
	var trees []lessons.Tree
	if !*noBuiltin || len(words) == 0 {
		trees = append(trees, lessons.Builtin())
	}
	for _, dir := range words {
		trees = append(trees, lessons.Dir(dir))
	}
	lib := lessons.Load(lessons.Options{Today: time.Now()}, trees...)
	for _, d := range lib.Diagnostics {
		fmt.Fprintln(stdout, d.Format(lang))
	}
	cat := lib.Catalogue(lang)
	if *stats {
		printStats(stdout, lang, cat, lib.Catalogue(i18n.EN))
	}
	errs, warns := lib.Diagnostics.Errors(), lib.Diagnostics.Warnings()
	fmt.Fprintln(stdout, summary(lang, cat, errs, warns, len(lib.Skipped)))
	if errs > 0 || (*strict && warns > 0) {
		return 1
	}
	return 0
}

func summary(lang i18n.Lang, cat *lessons.Catalogue, errs, warns, skipped int) string {
	counts := strings.Join([]string{
		count(lang, len(cat.Competences), "competence"),
		count(lang, len(cat.Lessons), "lesson"),
		count(lang, len(cat.Questions), "question"),
	}, ", ")
	if errs == 0 && warns == 0 {
		return say(lang, "check_clean", counts)
	}
	return say(lang, "check_problems", strings.Join([]string{
		count(lang, errs, "error"), count(lang, warns, "warning"), count(lang, skipped, "skipped"),
	}, ", "), counts)
}

// count says "1 leçon" or "2 leçons": the noun agrees with the number.
func count(lang i18n.Lang, n int, noun string) string {
	if n == 1 || (lang == i18n.FR && n == 0) {
		return say(lang, noun+"_one", n)
	}
	return say(lang, noun+"_many", n)
}

// printStats prints, per competence, the lessons and the questions per level,
// and how many of them have an English version (en, where untranslated ones
// fall back to French).
func printStats(w io.Writer, lang i18n.Lang, cat, en *lessons.Catalogue) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, say(lang, "stats_header"))
	for _, comp := range cat.Competences {
		var perLevel [5]int
		variants := 0
		for _, q := range cat.QuestionsOf(comp.ID) {
			if s := cat.Skill(q.Skill.ID); s != nil {
				perLevel[s.Level]++
			}
			if q.VariantOf.ID != "" {
				variants++
			}
		}
		total := perLevel[1] + perLevel[2] + perLevel[3] + perLevel[4]
		enLessons, enQuestions := 0, 0
		for _, l := range en.LessonsOf(comp.ID) {
			if l.Lang == i18n.EN {
				enLessons++
			}
		}
		for _, q := range en.QuestionsOf(comp.ID) {
			if q.Lang == i18n.EN {
				enQuestions++
			}
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d/%d %d/%d\n", comp.ID, len(cat.LessonsOf(comp.ID)),
			perLevel[1], perLevel[2], perLevel[3], perLevel[4], total, variants, len(comp.Skills()),
			enLessons, len(en.LessonsOf(comp.ID)), enQuestions, len(en.QuestionsOf(comp.ID)))
	}
	tw.Flush()
}

// runSchema prints the JSON Schema of the content format, for editors.
func runSchema(_ []string, _ i18n.Lang, stdout, stderr io.Writer) int {
	schema, err := lessons.JSONSchema()
	if err != nil {
		fmt.Fprintln(stderr, "pasapas:", err)
		return 1
	}
	stdout.Write(schema)
	return 0
}
