package lessons

import (
	"slices"
	"strings"
	"testing"

	"pasapas/i18n"
)

// english turns a French file of the tests into its English version: same
// identifiers, « langue: en » on line 2 (so every later line moves down by
// one), and the given replacements.
func english(fr, kindLine string, oldnew ...string) string {
	s := strings.Replace(fr, kindLine, kindLine+"\nlangue: en", 1)
	return strings.NewReplacer(oldnew...).Replace(s)
}

// brokenLesson is a lesson left out for its own error (no title), reported
// at t/<file>:1:1.
func brokenLesson(id string) string {
	return strings.Replace(prereqLesson(id), "titre: Lire une adresse\n", "", 1)
}

// TestLinkToAnItemLeftOutInTheOtherLanguage: whether the item a link points
// at was left out in French or in English, the link says so the same way: a
// link to a lesson or a question is dropped with a warning, and the item
// holding it still loads.
func TestLinkToAnItemLeftOutInTheOtherLanguage(t *testing.T) {
	enLesson := english(base["lecon.yaml"], "lecon: mail-adresse", "titre: Lire une adresse", "titre: Read an address")
	cases := []struct {
		name  string
		files map[string]string
		want  []string
		// what is then read in English, and what the English lesson links to
		lang      i18n.Lang
		title     string
		seeAlso   int
		prereqs   int
		checkKept bool
	}{
		{
			name: "English « voir_aussi » to a lesson left out in French",
			files: map[string]string{
				"b.yaml":        brokenLesson("mail-b"),
				"en/lecon.yaml": enLesson + "voir_aussi: [mail-b]\n",
			},
			want:      []string{"t/b.yaml:1:1 missing", "t/en/lecon.yaml:17:14 ref_dropped"},
			lang:      i18n.EN,
			title:     "Read an address",
			checkKept: true,
		},
		{
			name: "English « prerequis » to a lesson left out in French",
			files: map[string]string{
				"b.yaml":        brokenLesson("mail-b"),
				"en/lecon.yaml": enLesson + "prerequis: [mail-b]\n",
			},
			want:      []string{"t/b.yaml:1:1 missing", "t/en/lecon.yaml:17:13 ref_dropped"},
			lang:      i18n.EN,
			title:     "Read an address",
			checkKept: true,
		},
		{
			name: "English « verifier » to a question left out in French",
			files: map[string]string{
				"q9.yaml": strings.NewReplacer("id: mail-q-1", "id: mail-q-9",
					"type: choix_unique", "type: qcm").Replace(base["questions.yaml"]),
				"en/lecon.yaml": strings.Replace(enLesson, "verifier: mail-q-1", "verifier: mail-q-9", 1),
			},
			want:  []string{"t/en/lecon.yaml:11:15 ref_dropped", "t/q9.yaml:4:11 enum"},
			lang:  i18n.EN,
			title: "Read an address",
		},
		{
			name: "French « voir_aussi » to a lesson left out in English",
			files: map[string]string{
				"en/b.yaml":  english(brokenLesson("mail-b"), "lecon: mail-b"),
				"lecon.yaml": base["lecon.yaml"] + "voir_aussi: [mail-b]\n",
			},
			want:      []string{"t/en/b.yaml:1:1 missing", "t/lecon.yaml:16:14 ref_dropped"},
			lang:      i18n.FR,
			title:     "Lire une adresse",
			checkKept: true,
		},
		{
			name: "French « prerequis » to a lesson left out in English by a rule",
			files: map[string]string{
				// Its own prerequisite: found by the rules on one lesson,
				// not by decoding.
				"en/b.yaml":  english(prereqLesson("mail-b", "mail-b"), "lecon: mail-b"),
				"lecon.yaml": base["lecon.yaml"] + "prerequis: [mail-b]\n",
			},
			want:      []string{"t/en/b.yaml:18:5 self_prereq", "t/lecon.yaml:16:13 ref_dropped"},
			lang:      i18n.FR,
			title:     "Lire une adresse",
			checkKept: true,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lib := loadTest(t, with(c.files))
			if got := found(lib); !slices.Equal(got, c.want) {
				t.Fatalf("diagnostics\n got: %q\nwant: %q\n%s", got, c.want, messagesOf(lib))
			}
			for _, d := range lib.Diagnostics {
				if d.Code == "ref_dropped" && d.Severity != Warning {
					t.Errorf("%s is not a warning", d)
				}
			}
			l := lib.Catalogue(c.lang).Lesson("mail-adresse")
			if l == nil {
				t.Fatal("the lesson holding the link was left out")
			}
			if l.Title != c.title {
				t.Errorf("title = %q, want %q: the lesson holding the link was left out", l.Title, c.title)
			}
			if len(l.SeeAlso) != 0 || len(l.Prerequisites) != 0 {
				t.Errorf("the link to the item left out was kept: %v %v", l.SeeAlso, l.Prerequisites)
			}
			if c.checkKept && lib.Catalogue(c.lang).CheckQuestion(l.Items[1].Check) == nil {
				t.Error("the lesson lost its check")
			}
		})
	}
}

// TestSkillLeftOutInFrenchFromEnglish: an English lesson using a skill of a
// French competence left out for its own error is told why, as the French
// lesson is (ref_left), not that the skill does not exist.
func TestSkillLeftOutInFrenchFromEnglish(t *testing.T) {
	lib := loadTest(t, with(map[string]string{
		"mail.yaml":     strings.Replace(base["mail.yaml"], `pix: ["2.1"]`, `pix: ["2.9"]`, 1),
		"en/lecon.yaml": english(base["lecon.yaml"], "lecon: mail-adresse", "titre: Lire une adresse", "titre: Read an address"),
	}))
	want := []string{
		"t/en/lecon.yaml:7:10 ref_left",
		"t/lecon.yaml:6:10 ref_left",
		"t/mail.yaml:4:6 competence_code",
		"t/questions.yaml:3:13 ref_left",
	}
	if got := found(lib); !slices.Equal(got, want) {
		t.Fatalf("diagnostics\n got: %q\nwant: %q\n%s", got, want, messagesOf(lib))
	}
}
