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
	enLesson := english(strings.Replace(base["lecon.yaml"], "Je sais lire une adresse.", "I can read an address.", 1),
		"lecon: mail-adresse", "titre: Lire une adresse", "titre: Read an address")
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
			want:      []string{"t/b.yaml:1:1 missing", "t/en/lecon.yaml:18:14 ref_dropped"},
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
			want:      []string{"t/b.yaml:1:1 missing", "t/en/lecon.yaml:18:13 ref_dropped"},
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
			want:  []string{"t/en/lecon.yaml:12:15 ref_dropped", "t/q9.yaml:4:11 enum"},
			lang:  i18n.EN,
			title: "Read an address",
		},
		{
			name: "French « voir_aussi » to a lesson left out in English",
			files: map[string]string{
				"en/b.yaml":  english(brokenLesson("mail-b"), "lecon: mail-b"),
				"lecon.yaml": base["lecon.yaml"] + "voir_aussi: [mail-b]\n",
			},
			want:      []string{"t/en/b.yaml:1:1 missing", "t/lecon.yaml:17:14 ref_dropped"},
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
			want:      []string{"t/en/b.yaml:19:5 self_prereq", "t/lecon.yaml:17:13 ref_dropped"},
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

// TestEnglishCompetenceKeepsTheSkills: a translated competence has the same
// skills as the French one. A skill missing or added is an error where it
// shows, and English then reads the French competence.
func TestEnglishCompetenceKeepsTheSkills(t *testing.T) {
	enMail := func(oldnew ...string) string {
		return english(base["mail.yaml"], "competence: mail",
			append([]string{"titre: Communiquer par mail", "titre: Email"}, oldnew...)...)
	}
	const second = "      - id: mail-adresse-2\n        niveau: 2\n        texte: Je lis une adresse.\n"
	cases := []struct {
		name  string
		file  string
		want  []string
		msgFR []string // the messages, in the order of want
		msgEN []string
	}{
		{
			name: "same skills",
			file: enMail("texte: Je lis une adresse.", "texte: I read an address."),
		},
		{
			name:  "a skill missing",
			file:  enMail(second, ""),
			want:  []string{"t/en/mail.yaml:11:7 skill_missing"},
			msgFR: []string{"Il manque l'acquis « mail-adresse-2 ». La version en français l'a, dans t/mail.yaml:13:13. Une traduction garde les mêmes acquis."},
			msgEN: []string{"The skill “mail-adresse-2” is missing. The French version has it, in t/mail.yaml:13:13. A translation keeps the same skills."},
		},
		{
			name: "a skill added",
			file: enMail() + "      - id: mail-adresse-3\n        niveau: 3\n        texte: I write an address.\n",
			want: []string{"t/en/mail.yaml:17:13 skill_extra"},
			msgFR: []string{"L'acquis « mail-adresse-3 » n'est pas dans la version en français (t/mail.yaml:1:13). " +
				"Une traduction garde les mêmes acquis : enlevez-le, ou ajoutez-le d'abord en français."},
			msgEN: []string{"The skill “mail-adresse-3” is not in the French version (t/mail.yaml:1:13). " +
				"A translation keeps the same skills: remove it, or add it in French first."},
		},
		{
			name: "a skill renamed",
			file: enMail("id: mail-adresse-2", "id: mail-address-2"),
			want: []string{"t/en/mail.yaml:11:7 skill_missing", "t/en/mail.yaml:14:13 skill_extra"},
		},
		{
			name: "a whole topic missing",
			file: enMail("id: mail-adresse\n", "id: mail-autre\n", "mail-adresse-1", "mail-autre-1", "mail-adresse-2", "mail-autre-2"),
			want: []string{
				"t/en/mail.yaml:8:3 skill_missing",
				"t/en/mail.yaml:8:3 skill_missing",
				"t/en/mail.yaml:11:13 skill_extra",
				"t/en/mail.yaml:14:13 skill_extra",
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lib := loadTest(t, with(map[string]string{"en/mail.yaml": c.file}))
			if got := found(lib); !slices.Equal(got, c.want) {
				t.Fatalf("diagnostics\n got: %q\nwant: %q\n%s", got, c.want, messagesOf(lib))
			}
			for i, want := range c.msgFR {
				if got := lib.Diagnostics[i].Message(i18n.FR); got != want {
					t.Errorf("FR: %s\nwant %s", got, want)
				}
			}
			for i, want := range c.msgEN {
				if got := lib.Diagnostics[i].Message(i18n.EN); got != want {
					t.Errorf("EN: %s\nwant %s", got, want)
				}
			}
			wantTitle := "Email"
			if len(c.want) > 0 {
				wantTitle = "Communiquer par mail" // the French one, kept
			}
			if got := lib.Catalogue(i18n.EN).Competence("mail").Title; got != wantTitle {
				t.Errorf("English title = %q, want %q", got, wantTitle)
			}
		})
	}
}
