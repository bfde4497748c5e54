package main

import (
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"pasapas/i18n"
	"pasapas/lessons"
)

func referentielFlags(lang i18n.Lang) *flag.FlagSet {
	return newFlags("referentiel", lang, "ref_usage")
}

// runReferentiel implements "pasapas referentiel [DIR...]": every domain,
// competence, topic and skill with its id and level, the lessons that
// teach each skill and the questions that test it, then the gaps. An
// author starts from it to choose the « acquis » of a lesson.
func runReferentiel(args []string, lang i18n.Lang, stdout, stderr io.Writer) int {
	fs := referentielFlags(lang)
	words, ok, code := parseFlags(fs, args, lang, stdout, stderr)
	if !ok {
		return code
	}
	trees := []lessons.Tree{lessons.Builtin()}
	for _, d := range words {
		trees = append(trees, lessons.Dir(d))
	}
	lib := lessons.Load(lessons.Options{Today: time.Now()}, trees...)
	cat := lib.Catalogue(lang)
	tested := map[string]int{}
	for _, q := range cat.Questions {
		tested[q.Skill.ID]++
	}
	var gaps []string
	for _, dm := range cat.Domains {
		fmt.Fprintf(stdout, "%s %s : %s\n", say(lang, "ref_domain"), dm.ID, dm.Title)
		for _, comp := range cat.Competences {
			if comp.Domain.ID != dm.ID {
				continue
			}
			fmt.Fprintf(stdout, "  %s %s : %s\n", say(lang, "ref_competence"), comp.ID, comp.Title)
			for _, tp := range comp.Topics {
				fmt.Fprintf(stdout, "    %s %s : %s\n", say(lang, "ref_topic"), tp.ID, tp.Title)
				for _, s := range tp.Skills {
					fmt.Fprintf(stdout, "      %s  %s  %s\n", s.ID, say(lang, "ref_level", s.Level), s.Text)
					var ids []string
					for _, l := range cat.LessonsFor(s.ID) {
						ids = append(ids, l.ID)
					}
					taught := say(lang, "ref_none")
					if len(ids) > 0 {
						taught = strings.Join(ids, ", ")
					}
					fmt.Fprintf(stdout, "        %s\n", say(lang, "ref_uses", taught, tested[s.ID]))
					switch {
					case len(ids) == 0 && tested[s.ID] == 0:
						gaps = append(gaps, say(lang, "ref_gap_both", s.ID, s.Level))
					case len(ids) == 0:
						gaps = append(gaps, say(lang, "ref_gap_lesson", s.ID, s.Level))
					case tested[s.ID] == 0:
						gaps = append(gaps, say(lang, "ref_gap_question", s.ID, s.Level))
					}
				}
				if missing := missingLevels(tp); missing != "" {
					gaps = append(gaps, say(lang, "ref_gap_levels", tp.ID, missing))
				}
			}
		}
	}
	fmt.Fprintln(stdout)
	if len(gaps) == 0 {
		fmt.Fprintln(stdout, say(lang, "ref_no_gap"))
	} else {
		fmt.Fprintln(stdout, say(lang, "ref_gaps", len(gaps)))
		for _, g := range gaps {
			fmt.Fprintln(stdout, "  "+g)
		}
	}
	if n := lib.Diagnostics.Errors(); n > 0 {
		fmt.Fprintln(stdout, say(lang, "ref_errors", n))
	}
	return 0
}

// missingLevels lists the levels 1 to 4 a topic has no skill for.
func missingLevels(tp lessons.Topic) string {
	have := map[int]bool{}
	for _, s := range tp.Skills {
		have[s.Level] = true
	}
	var out []string
	for l := 1; l <= 4; l++ {
		if !have[l] {
			out = append(out, fmt.Sprint(l))
		}
	}
	return strings.Join(out, ", ")
}
