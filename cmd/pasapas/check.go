package main

import (
	"encoding/json"
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
type checkOptions struct{ strict, stats, noBuiltin, json *bool }

func checkFlags(lang i18n.Lang) (*flag.FlagSet, checkOptions) {
	fs := newFlags("check", lang, "check_usage")
	return fs, checkOptions{
		strict:    fs.Bool("strict", false, say(lang, "flag_strict")),
		stats:     fs.Bool("stats", false, say(lang, "flag_stats")),
		noBuiltin: fs.Bool("no-builtin", false, say(lang, "flag_no_builtin")),
		json:      fs.Bool("json", false, say(lang, "flag_json")),
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
	errs, warns := lib.Diagnostics.Errors(), lib.Diagnostics.Warnings()
	if *o.json {
		if err := writeCheckJSON(stdout, lang, lib); err != nil {
			fmt.Fprintln(stderr, "pasapas:", err)
			return 1
		}
	} else {
		printCheck(stdout, lang, lib, *stats)
	}
	if errs > 0 || (*strict && warns > 0) {
		return 1
	}
	return 0
}

// printCheck prints the problems as path:line:col: message, then the
// summary.
func printCheck(stdout io.Writer, lang i18n.Lang, lib *lessons.Library, stats bool) {
	for _, d := range lib.Diagnostics {
		fmt.Fprintln(stdout, d.Format(lang))
	}
	cat := lib.Catalogue(lang)
	if stats {
		printStats(stdout, lang, cat, lib.Catalogue(i18n.EN))
	}
	fmt.Fprintln(stdout, summary(lang, cat, lib.Diagnostics.Errors(), lib.Diagnostics.Warnings(), len(lib.Skipped)))
}

// checkJSON is what "pasapas check --json" prints: the shape documented
// by docs/schema/check.schema.json, one object per problem.
type checkJSON struct {
	Problems []problemJSON `json:"problems"`
	Summary  summaryJSON   `json:"summary"`
}

type problemJSON struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Code     string `json:"code"`
	Message  string `json:"message"`
}

type summaryJSON struct {
	Errors      int `json:"errors"`
	Warnings    int `json:"warnings"`
	Skipped     int `json:"skipped"`
	Competences int `json:"competences"`
	Lessons     int `json:"lessons"`
	Questions   int `json:"questions"`
}

func writeCheckJSON(w io.Writer, lang i18n.Lang, lib *lessons.Library) error {
	out := checkJSON{Problems: []problemJSON{}}
	for _, d := range lib.Diagnostics {
		sev := "error"
		if d.Severity == lessons.Warning {
			sev = "warning"
		}
		out.Problems = append(out.Problems, problemJSON{
			File: d.Pos.File, Line: d.Pos.Line, Column: d.Pos.Col,
			Severity: sev, Code: d.Code, Message: d.Message(lang),
		})
	}
	cat := lib.Catalogue(lang)
	out.Summary = summaryJSON{
		Errors: lib.Diagnostics.Errors(), Warnings: lib.Diagnostics.Warnings(), Skipped: len(lib.Skipped),
		Competences: len(cat.Competences), Lessons: len(cat.Lessons), Questions: questionCount(cat),
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// questionCount counts every question: the banks', and those written in
// place in a lesson's « verifier ».
func questionCount(cat *lessons.Catalogue) int {
	n := len(cat.Questions)
	for _, l := range cat.Lessons {
		for _, it := range l.Items {
			if it.Check != nil && it.Check.Question != nil {
				n++
			}
		}
	}
	return n
}

func summary(lang i18n.Lang, cat *lessons.Catalogue, errs, warns, skipped int) string {
	counts := strings.Join([]string{
		count(lang, len(cat.Competences), "competence"),
		count(lang, len(cat.Lessons), "lesson"),
		count(lang, questionCount(cat), "question"),
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
