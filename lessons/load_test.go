package lessons

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"pasapas/i18n"
)

var today = time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)

// baseStep is the one step of base's lesson, for the tests that replace it.
const baseStep = "  - action: Regardez l'adresse.\n    resultat: Vous voyez le signe @.\n    sinon: Cherchez un petit « a » entouré d'un rond.\n"

// base is a small sound library the rule tests add broken files to.
var base = map[string]string{
	"domaines.yaml": `
domaines:
  - id: communiquer
    titre: Communiquer
`,
	"mail.yaml": `
competence: mail
titre: Communiquer par mail
domaine: communiquer
pix: ["2.1"]
digcomp: ["2.1"]
sujets:
  - id: mail-adresse
    titre: L'adresse
    acquis:
      - id: mail-adresse-1
        niveau: 1
        texte: Je reconnais une adresse.
      - id: mail-adresse-2
        niveau: 2
        texte: Je lis une adresse.
`,
	"lecon.yaml": `
lecon: mail-adresse
titre: Lire une adresse
niveau: 1
duree: 5
objectifs: [Je sais lire une adresse.]
acquis: [mail-adresse-1]
etapes:
  - action: Regardez l'adresse.
    resultat: Vous voyez le signe @.
    sinon: Cherchez un petit « a » entouré d'un rond.
  - verifier: mail-q-1
a_retenir: [Une adresse a un seul @., Le signe @ est au milieu., Une adresse n'a pas d'espace.]
sources:
  - titre: Essai
    url: https://example.org
    verifie_le: 2026-11-01
`,
	"questions.yaml": `
questions:
  - id: mail-q-1
    acquis: mail-adresse-1
    type: choix_unique
    enonce: Laquelle est une adresse ?
    choix:
      - id: a
        texte: a@b.fr
        bonne: true
      - id: b
        texte: www.b.fr
      - id: c
        texte: b.fr
    explication: Une adresse a un @.
`,
}

func loadTest(t *testing.T, files map[string]string) *Library {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, body := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(strings.TrimPrefix(body, "\n"))}
	}
	return Load(Options{Today: today}, Tree{FS: fsys, Name: "t"})
}

// with returns base plus the given files (a file named like a base file
// replaces it).
func with(files map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range base {
		out[k] = v
	}
	for k, v := range files {
		out[k] = v
	}
	return out
}

// found lists the diagnostics as "file:line:col code" for comparison.
func found(lib *Library) []string {
	var out []string
	for _, d := range lib.Diagnostics {
		out = append(out, fmt.Sprintf("%s %s", d.Pos, d.Code))
	}
	return out
}

func TestBaseIsClean(t *testing.T) {
	lib := loadTest(t, base)
	if len(lib.Diagnostics) != 0 {
		t.Fatalf("base has problems: %v", found(lib))
	}
	cat := lib.Catalogue(i18n.FR)
	if cat.Lesson("mail-adresse") == nil || cat.Question("mail-q-1") == nil || cat.Skill("mail-adresse-2") == nil {
		t.Fatal("base items missing from the catalogue")
	}
	if got := cat.LessonsFor("mail-adresse-1"); len(got) != 1 || got[0].ID != "mail-adresse" {
		t.Errorf("LessonsFor = %v", got)
	}
	if comp := cat.CompetenceOf("mail-adresse-2"); comp == nil || comp.ID != "mail" {
		t.Errorf("CompetenceOf = %v", comp)
	}
	if q := cat.CheckQuestion(cat.Lesson("mail-adresse").Items[1].Check); q == nil || q.ID != "mail-q-1" {
		t.Errorf("CheckQuestion = %v", q)
	}
}

// TestRules gives each validation rule a file that breaks it, and checks
// the problem is reported at the right place, with the right code, and that
// only the broken item is left out.
func TestRules(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name:  "syntax error",
			files: map[string]string{"x.yaml": "lecon: x\ntitre: \"pas refermé\nniveau: 1\n"},
			want:  []string{"t/x.yaml:2:8 syntax"},
		},
		{
			name:  "tab in indentation",
			files: map[string]string{"x.yaml": "lecon: x\netapes:\n\t- action: a\n"},
			want:  []string{"t/x.yaml:3:1 syntax"},
		},
		{
			name:  "tab after a key",
			files: map[string]string{"x.yaml": "lecon: x\ntitre: Un titre\n\tniveau: 1\n"},
			want:  []string{"t/x.yaml:3:1 syntax"},
		},
		{
			name:  "empty file",
			files: map[string]string{"x.yaml": "# rien\n"},
			want:  []string{"t/x.yaml:1:1 empty_file"},
		},
		{
			name:  "not a mapping",
			files: map[string]string{"x.yaml": "- a\n- b\n"},
			want:  []string{"t/x.yaml:1:1 not_mapping"},
		},
		{
			name:  "unknown kind",
			files: map[string]string{"x.yaml": "titre: Sans genre\n"},
			want:  []string{"t/x.yaml:1:1 no_kind"},
		},
		{
			name:  "two kinds",
			files: map[string]string{"x.yaml": "lecon: x\nquestions: []\n"},
			want:  []string{"t/x.yaml:2:1 many_kinds"},
		},
		{
			name: "unknown key with suggestion",
			files: map[string]string{"lecon.yaml": strings.Replace(base["lecon.yaml"],
				"    resultat:", "    résultat:", 1)},
			want: []string{"t/lecon.yaml:9:5 unknown_key_fix"},
		},
		{
			name: "unknown key far from any",
			files: map[string]string{"lecon.yaml": strings.Replace(base["lecon.yaml"],
				"duree: 5", "duree: 5\nzzzzzz: 1", 1)},
			want: []string{"t/lecon.yaml:5:1 unknown_key"},
		},
		{
			name: "duplicate key",
			files: map[string]string{"lecon.yaml": strings.Replace(base["lecon.yaml"],
				"duree: 5", "duree: 5\nduree: 6", 1)},
			want: []string{"t/lecon.yaml:5:1 duplicate_key"},
		},
		{
			name: "wrong type: text for a number",
			files: map[string]string{"lecon.yaml": strings.Replace(base["lecon.yaml"],
				"duree: 5", "duree: cinq minutes", 1)},
			want: []string{"t/lecon.yaml:4:8 want"},
		},
		{
			name: "wrong type: list for a block",
			files: map[string]string{"lecon.yaml": strings.Replace(base["lecon.yaml"],
				baseStep, "  - [a, b]\n", 1)},
			want: []string{"t/lecon.yaml:8:5 want"},
		},
		{
			name: "wrong type: yes/no",
			files: map[string]string{"questions.yaml": strings.Replace(base["questions.yaml"],
				"bonne: true", "bonne: peut-être", 1)},
			want: []string{"t/lecon.yaml:11:15 ref_dropped", "t/questions.yaml:9:16 want"},
		},
		{
			name: "missing required key",
			files: map[string]string{"lecon.yaml": strings.Replace(base["lecon.yaml"],
				"titre: Lire une adresse\n", "", 1)},
			want: []string{"t/lecon.yaml:1:1 missing"},
		},
		{
			name: "empty required value",
			files: map[string]string{"lecon.yaml": strings.Replace(base["lecon.yaml"],
				"titre: Lire une adresse", "titre:", 1)},
			want: []string{"t/lecon.yaml:2:7 empty"},
		},
		{
			name: "level out of range",
			files: map[string]string{"mail.yaml": strings.Replace(base["mail.yaml"],
				"niveau: 2", "niveau: 9", 1)},
			// The competence is left out, so the lesson and question that
			// use its skills are left out too, each saying why.
			want: []string{
				"t/lecon.yaml:6:10 ref_left",
				"t/mail.yaml:14:17 range",
				"t/questions.yaml:3:13 ref_left",
			},
		},
		{
			name: "bad enum value",
			files: map[string]string{"questions.yaml": strings.Replace(base["questions.yaml"],
				"type: choix_unique", "type: qcm", 1)},
			want: []string{"t/lecon.yaml:11:15 ref_dropped", "t/questions.yaml:4:11 enum"},
		},
		{
			name: "bad identifier",
			files: map[string]string{"lecon.yaml": strings.Replace(base["lecon.yaml"],
				"lecon: mail-adresse", "lecon: Mail Adresse", 1)},
			want: []string{"t/lecon.yaml:1:8 slug"},
		},
		{
			name: "bad date",
			files: map[string]string{"lecon.yaml": strings.Replace(base["lecon.yaml"],
				"verifie_le: 2026-11-01", "verifie_le: 1er novembre", 1)},
			want: []string{"t/lecon.yaml:16:17 date"},
		},
		{
			name: "control character",
			files: map[string]string{"lecon.yaml": strings.Replace(base["lecon.yaml"],
				"titre: Lire une adresse", "titre: \"Lire \\e[31mrouge\"", 1)},
			want: []string{"t/lecon.yaml:2:8 control"},
		},
		{
			name: "alias",
			files: map[string]string{"lecon.yaml": strings.Replace(base["lecon.yaml"],
				"titre: Lire une adresse", "titre: &t Lire une adresse\naide: *t", 1)},
			want: []string{"t/lecon.yaml:2:8 anchor", "t/lecon.yaml:3:7 alias"},
		},
		{
			name: "text cut by a comment",
			files: map[string]string{"lecon.yaml": strings.Replace(base["lecon.yaml"],
				"titre: Lire une adresse", "titre: Tapez le code #123.", 1)},
			want: []string{"t/lecon.yaml:2:8 cut_comment"},
		},
		{
			name: "a text starting with !",
			files: map[string]string{"lecon.yaml": strings.Replace(base["lecon.yaml"],
				"titre: Lire une adresse", "titre: !important Lire", 1)},
			want: []string{"t/lecon.yaml:2:8 tag"},
		},
		{
			name:  "a text starting with *",
			files: map[string]string{"x.yaml": "lecon: x\ntitre: *nom\n"},
			want:  []string{"t/x.yaml:2:8 syntax"},
		},
		{
			name:  "not UTF-8",
			files: map[string]string{"x.yaml": "lecon: x\ntitre: \xe9t\xe9\n"},
			want:  []string{"t/x.yaml:2:8 not_utf8"},
		},
		{
			name:  "a file named .yaml.txt",
			files: map[string]string{"x.yaml.txt": "lecon: x\n"},
			want:  []string{"t/x.yaml.txt:1:1 not_yaml"},
		},
		{
			name: "duplicate id across two files",
			files: map[string]string{"autre.yaml": strings.Replace(base["questions.yaml"],
				"enonce: Laquelle est une adresse ?", "enonce: Et celle-ci ?", 1)},
			// Both set aside, each naming the other: which is the right
			// one cannot be told.
			want: []string{"t/autre.yaml:2:9 dup_id", "t/lecon.yaml:11:15 ref_dropped", "t/questions.yaml:2:9 dup_id"},
		},
		{
			name: "a word defined twice in the glossary",
			files: map[string]string{
				"g1.yaml": "glossaire:\n  - mot: lien\n    definition: Un texte à toucher.\n",
				"g2.yaml": "glossaire:\n  - mot: Lien\n    definition: Autre chose.\n",
			},
			want: []string{"t/g2.yaml:2:10 dup_word"},
		},
		{
			name: "dangling skill",
			files: map[string]string{"lecon.yaml": strings.Replace(base["lecon.yaml"],
				"acquis: [mail-adresse-1]", "acquis: [mail-adrese-1]", 1)},
			want: []string{"t/lecon.yaml:6:10 unknown_ref_fix"},
		},
		{
			name: "dangling check question",
			files: map[string]string{"lecon.yaml": strings.Replace(base["lecon.yaml"],
				"verifier: mail-q-1", "verifier: zzz", 1)},
			want: []string{"t/lecon.yaml:11:15 unknown_ref"},
		},
		{
			name: "dangling domain",
			files: map[string]string{"mail.yaml": strings.Replace(base["mail.yaml"],
				"domaine: communiquer", "domaine: xyz", 1)},
			want: []string{
				"t/lecon.yaml:6:10 ref_left",
				"t/mail.yaml:3:10 unknown_ref",
				"t/questions.yaml:3:13 ref_left",
			},
		},
		{
			name:  "dangling lesson link",
			files: map[string]string{"lecon.yaml": base["lecon.yaml"] + "voir_aussi: [mail-ecrire]\n"},
			want:  []string{"t/lecon.yaml:17:14 unknown_ref"},
		},
		{
			name: "two skills at one level in a topic",
			files: map[string]string{"mail.yaml": strings.Replace(base["mail.yaml"],
				"niveau: 2", "niveau: 1", 1)},
			want: []string{
				"t/lecon.yaml:6:10 ref_left",
				"t/mail.yaml:14:17 level_taken",
				"t/questions.yaml:3:13 ref_left",
			},
		},
		{
			name: "unknown Pix code",
			files: map[string]string{"mail.yaml": strings.Replace(base["mail.yaml"],
				`pix: ["2.1"]`, `pix: ["2.9"]`, 1)},
			want: []string{
				"t/lecon.yaml:6:10 ref_left",
				"t/mail.yaml:4:6 competence_code",
				"t/questions.yaml:3:13 ref_left",
			},
		},
		{
			name: "bank question without skill",
			files: map[string]string{"questions.yaml": strings.Replace(base["questions.yaml"],
				"    acquis: mail-adresse-1\n", "", 1)},
			want: []string{
				"t/lecon.yaml:11:15 ref_dropped",
				"t/questions.yaml:2:5 bank_skill",
			},
		},
		{
			name: "variant of another skill",
			files: map[string]string{"v.yaml": `
questions:
  - id: mail-q-2
    acquis: mail-adresse-2
    variante_de: mail-q-1
    type: reponse_libre
    enonce: Quel signe ?
    reponses: [arobase]
    explication: Le signe @.
`},
			want: []string{"t/v.yaml:4:18 variant_skill"},
		},
		{
			name: "prerequisite cycle",
			files: map[string]string{
				"lecon.yaml": base["lecon.yaml"] + "prerequis: [mail-b]\n",
				"b.yaml": strings.NewReplacer("lecon: mail-adresse", "lecon: mail-b",
					"verifier: mail-q-1", "verifier: mail-q-1").Replace(base["lecon.yaml"]) + "prerequis: [mail-adresse]\n",
			},
			// b.yaml is read first, so the cycle closes at lecon.yaml's
			// prerequisite.
			want: []string{"t/b.yaml:17:13 ref_dropped", "t/lecon.yaml:17:13 prereq_cycle"},
		},
		{
			name: "a check mixed with a step",
			files: map[string]string{"lecon.yaml": strings.Replace(base["lecon.yaml"],
				"  - verifier: mail-q-1", "  - verifier: mail-q-1\n    action: Lisez.", 1)},
			want: []string{"t/lecon.yaml:12:5 check_mixed"},
		},
		{
			name:  "no sources is a warning",
			files: map[string]string{"lecon.yaml": base["lecon.yaml"][:strings.Index(base["lecon.yaml"], "sources:")]},
			want:  []string{"t/lecon.yaml:1:8 no_sources"},
		},
		{
			name: "stale source is a warning",
			files: map[string]string{"lecon.yaml": strings.Replace(base["lecon.yaml"],
				"verifie_le: 2026-11-01", "verifie_le: 2024-01-01", 1)},
			want: []string{"t/lecon.yaml:16:17 stale_source"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lib := loadTest(t, with(c.files))
			got := found(lib)
			if !slices.Equal(got, c.want) {
				t.Fatalf("diagnostics\n got: %q\nwant: %q\n%s", got, c.want, messagesOf(lib))
			}
			for _, d := range lib.Diagnostics {
				if strings.Contains(d.Message(i18n.FR), "[") && strings.Contains(d.Message(i18n.FR), "%!") {
					t.Errorf("badly formatted message: %s", d.Message(i18n.FR))
				}
			}
		})
	}
}

func messagesOf(lib *Library) string {
	var b strings.Builder
	for _, d := range lib.Diagnostics {
		b.WriteString(d.Format(i18n.FR) + "\n")
	}
	return b.String()
}

// TestOneBadFileLeavesTheOthers checks that a broken file is left out alone.
func TestOneBadFileLeavesTheOthers(t *testing.T) {
	lib := loadTest(t, with(map[string]string{
		"casse.yaml":  "lecon: casse\ntitre: [\n",
		"casse2.yaml": strings.Replace(base["lecon.yaml"], "lecon: mail-adresse", "lecon: mail-deux\nzut: 1", 1),
	}))
	if lib.Diagnostics.Errors() != 2 {
		t.Fatalf("want 2 errors, got %v", found(lib))
	}
	cat := lib.Catalogue(i18n.FR)
	if cat.Lesson("mail-adresse") == nil || cat.Question("mail-q-1") == nil {
		t.Error("sound items were left out")
	}
	if cat.Lesson("mail-deux") != nil {
		t.Error("broken lesson was loaded")
	}
	if len(lib.Skipped) != 2 {
		t.Errorf("Skipped = %v", lib.Skipped)
	}
}

func TestMessagesSayTheSameInBothLanguages(t *testing.T) {
	for _, table := range []map[string]i18n.Text{messages, plainMessages, terms} {
		for code, text := range table {
			if text.FR == "" || text.EN == "" {
				t.Errorf("%s: missing a language", code)
			}
			if strings.Count(text.FR, "%") != strings.Count(text.EN, "%") {
				t.Errorf("%s: FR and EN take different arguments", code)
			}
		}
	}
	d := Diagnostic{Pos: Pos{File: "a.yaml", Line: 3, Col: 5}, Code: "want", Args: []any{"duree", term("int")}}
	if got := d.Format(i18n.FR); got != "a.yaml:3:5: « duree » doit être un nombre entier (exemple : 10)." {
		t.Errorf("FR: %s", got)
	}
	if got := d.Format(i18n.EN); got != "a.yaml:3:5: “duree” must be a whole number (for example: 10)." {
		t.Errorf("EN: %s", got)
	}
}

func TestEnglishReplacesFrenchByID(t *testing.T) {
	files := with(map[string]string{
		"en/lecon.yaml": strings.NewReplacer("titre: Lire une adresse", "titre: Read an address",
			"lecon: mail-adresse", "lecon: mail-adresse\nlangue: en", "Je sais lire", "I can read").Replace(base["lecon.yaml"]),
	})
	lib := loadTest(t, files)
	if len(lib.Diagnostics) != 0 {
		t.Fatalf("problems: %v", found(lib))
	}
	if got := lib.Catalogue(i18n.EN).Lesson("mail-adresse").Title; got != "Read an address" {
		t.Errorf("EN title = %q", got)
	}
	if got := lib.Catalogue(i18n.FR).Lesson("mail-adresse").Title; got != "Lire une adresse" {
		t.Errorf("FR title = %q", got)
	}
	// What is not translated stays, in French.
	if lib.Catalogue(i18n.EN).Question("mail-q-1") == nil {
		t.Error("untranslated question missing from the English catalogue")
	}
}

func TestBrokenEnglishKeepsFrench(t *testing.T) {
	files := with(map[string]string{
		"en/lecon.yaml": strings.NewReplacer("titre: Lire une adresse", "titre: Read an address",
			"lecon: mail-adresse", "lecon: mail-adresse\nlangue: en", "mail-adresse-1", "nope").Replace(base["lecon.yaml"]),
	})
	lib := loadTest(t, files)
	if lib.Diagnostics.Errors() != 1 {
		t.Fatalf("want one error, got %v", found(lib))
	}
	if got := lib.Catalogue(i18n.EN).Lesson("mail-adresse").Title; got != "Lire une adresse" {
		t.Errorf("EN title = %q, want the French one kept", got)
	}
}

func TestStepOnDevice(t *testing.T) {
	lib := loadTest(t, with(map[string]string{"lecon.yaml": strings.Replace(base["lecon.yaml"],
		"    resultat: Vous voyez le signe @.\n",
		"    resultat: Vous voyez le signe @.\n    variantes:\n      iphone:\n        action: Touchez l'adresse.\n", 1)}))
	l := lib.Catalogue(i18n.FR).Lesson("mail-adresse")
	if !l.HasVariants() {
		t.Fatal("HasVariants = false")
	}
	s := l.Steps()[0]
	if got := s.On(IPhone); got.Action != "Touchez l'adresse." || got.Result != "Vous voyez le signe @." {
		t.Errorf("On(iphone) = %+v", got)
	}
	if got := s.On(Android); got.Action != "Regardez l'adresse." {
		t.Errorf("On(android) = %+v", got)
	}
}

func TestBuiltinHasNoErrors(t *testing.T) {
	lib := Load(Options{Today: today}, Builtin())
	for _, d := range lib.Diagnostics {
		if d.Severity == Error {
			t.Error(d.Format(i18n.FR))
		}
	}
	if len(lib.Catalogue(i18n.FR).Lessons) == 0 {
		t.Error("no built-in lesson")
	}
}

// TestBrokenDir is the scenario of the foundation issue: a folder of broken
// files next to a valid one, loaded with the built-in content.
func TestBrokenDir(t *testing.T) {
	lib := Load(Options{Today: today}, Builtin(), Dir("testdata/broken"))
	want := []string{
		"testdata/broken/cle-inconnue.yaml:9:5 unknown_key_fix",
		"testdata/broken/cle-manquante.yaml:1:1 missing",
		"testdata/broken/doublon-1.yaml:2:9 dup_id",
		"testdata/broken/doublon-2.yaml:2:9 dup_id",
		"testdata/broken/mauvais-type.yaml:4:8 want",
		"testdata/broken/niveau.yaml:12:17 range",
		"testdata/broken/reference.yaml:6:10 unknown_ref",
		"testdata/broken/syntaxe.yaml:2:8 syntax",
	}
	var got []string
	for _, d := range lib.Diagnostics {
		if strings.HasPrefix(d.Pos.File, "testdata/") {
			got = append(got, fmt.Sprintf("%s %s", d.Pos, d.Code))
		}
	}
	if !slices.Equal(got, want) {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
	cat := lib.Catalogue(i18n.FR)
	if cat.Lesson("essai-valide") == nil {
		t.Error("the valid files were not loaded")
	}
	if cat.Question("essai-q-doublon") != nil {
		t.Error("a question whose id two files claim was loaded")
	}
}

// TestLinkToABrokenLessonIsDropped: a broken lesson does not take down the
// lessons that only link to it ("voir aussi", prerequisites).
func TestLinkToABrokenLessonIsDropped(t *testing.T) {
	broken := strings.Replace(strings.Replace(base["lecon.yaml"], "lecon: mail-adresse", "lecon: mail-b", 1),
		"titre: Lire une adresse\n", "", 1)
	broken = strings.Replace(broken, "verifier: mail-q-1", "verifier: mail-q-1", 1)
	lib := loadTest(t, with(map[string]string{
		"lecon.yaml": base["lecon.yaml"] + "voir_aussi: [mail-b]\nprerequis: [mail-b]\n",
		"b.yaml":     broken,
	}))
	got := found(lib)
	want := []string{"t/b.yaml:1:1 missing", "t/lecon.yaml:17:14 ref_dropped", "t/lecon.yaml:18:13 ref_dropped"}
	if !slices.Equal(got, want) {
		t.Fatalf("got  %q\nwant %q", got, want)
	}
	l := lib.Catalogue(i18n.FR).Lesson("mail-adresse")
	if l == nil || len(l.SeeAlso) != 0 || len(l.Prerequisites) != 0 {
		t.Fatalf("lesson = %+v", l)
	}
}
