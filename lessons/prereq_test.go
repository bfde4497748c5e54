package lessons

import (
	"cmp"
	"slices"
	"strings"
	"testing"

	"pasapas/i18n"
)

// prereqLesson is the base lesson under another identifier, with its
// prerequisites one per line: the first one is on line 17, column 5.
func prereqLesson(id string, prereqs ...string) string {
	s := strings.Replace(base["lecon.yaml"], "lecon: mail-adresse", "lecon: "+id, 1)
	if len(prereqs) > 0 {
		s += "prerequis:\n"
		for _, p := range prereqs {
			s += "  - " + p + "\n"
		}
	}
	return s
}

// TestPrerequisiteCycle: a cycle is reported on the lesson whose
// prerequisite closes it, at that prerequisite, naming the whole cycle from
// that lesson back to it. Only that lesson is left out; the lessons that
// point at it lose the link, with a warning.
func TestPrerequisiteCycle(t *testing.T) {
	cases := []struct {
		name      string
		files     map[string]string
		want      []string
		cycle     string // as named in the message
		leftOut   string
		lang      i18n.Lang // the catalogue checked; French when empty
		stillHere []string
	}{
		{
			name: "two lessons",
			files: map[string]string{
				"a.yaml": prereqLesson("a", "b"),
				"b.yaml": prereqLesson("b", "a"),
			},
			want:      []string{"t/a.yaml:18:5 ref_dropped", "t/b.yaml:18:5 prereq_cycle"},
			cycle:     "b → a → b",
			leftOut:   "b",
			stillHere: []string{"a"},
		},
		{
			name: "three lessons",
			files: map[string]string{
				"a.yaml": prereqLesson("a", "b"),
				"b.yaml": prereqLesson("b", "c"),
				"c.yaml": prereqLesson("c", "a"),
			},
			want:      []string{"t/b.yaml:18:5 ref_dropped", "t/c.yaml:18:5 prereq_cycle"},
			cycle:     "c → a → b → c",
			leftOut:   "c",
			stillHere: []string{"a", "b"},
		},
		{
			name: "a lesson outside the cycle leads into it",
			files: map[string]string{
				"0.yaml": prereqLesson("x", "a"),
				"a.yaml": prereqLesson("a", "b"),
				"b.yaml": prereqLesson("b", "a"),
			},
			// x is not in the cycle: it must not be blamed.
			want:      []string{"t/a.yaml:18:5 ref_dropped", "t/b.yaml:18:5 prereq_cycle"},
			cycle:     "b → a → b",
			leftOut:   "b",
			stillHere: []string{"x", "a"},
		},
		{
			name: "the closing prerequisite is not the first one",
			files: map[string]string{
				"a.yaml": prereqLesson("a", "b"),
				"b.yaml": prereqLesson("b", "y", "a"),
				"y.yaml": prereqLesson("y"),
			},
			want:      []string{"t/a.yaml:18:5 ref_dropped", "t/b.yaml:19:5 prereq_cycle"},
			cycle:     "b → a → b",
			leftOut:   "b",
			stillHere: []string{"a", "y"},
		},
		{
			name: "an English lesson closes a cycle through a French one",
			files: map[string]string{
				"a.yaml":    prereqLesson("a"),
				"b.yaml":    prereqLesson("b", "a"),
				"en/a.yaml": strings.Replace(prereqLesson("a", "b"), "lecon: a", "lecon: a\nlangue: en", 1),
			},
			// The French lesson b is sound in French: the English lesson
			// is blamed, and the English catalogue keeps the French a.
			want:      []string{"t/en/a.yaml:19:5 prereq_cycle"},
			cycle:     "a → b → a",
			lang:      i18n.EN,
			stillHere: []string{"a", "b"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lib := loadTest(t, with(c.files))
			if got := found(lib); !slices.Equal(got, c.want) {
				t.Fatalf("diagnostics\n got: %q\nwant: %q\n%s", got, c.want, messagesOf(lib))
			}
			var d Diagnostic
			for _, x := range lib.Diagnostics {
				if x.Code == "prereq_cycle" {
					d = x
				}
			}
			wantFR := "Les prérequis tournent en rond : « " + c.cycle + " ». Enlevez un de ces prérequis."
			if got := d.Message(i18n.FR); got != wantFR {
				t.Errorf("FR: %s\nwant %s", got, wantFR)
			}
			wantEN := "The prerequisites go round in a circle: “" + c.cycle + "”. Remove one of these prerequisites."
			if got := d.Message(i18n.EN); got != wantEN {
				t.Errorf("EN: %s\nwant %s", got, wantEN)
			}
			cat := lib.Catalogue(cmp.Or(c.lang, i18n.FR))
			if c.leftOut != "" && cat.Lesson(c.leftOut) != nil {
				t.Errorf("%s was loaded", c.leftOut)
			}
			for _, id := range c.stillHere {
				if cat.Lesson(id) == nil {
					t.Errorf("%s was left out", id)
				}
			}
		})
	}
}
