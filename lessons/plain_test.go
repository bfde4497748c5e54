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

// The plain-language rules through the loader: YAML in, warnings with their
// code and line out.

var plainToday = time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)

const plainDomains = `domaines:
  - id: communiquer
    titre: Communiquer
`

const plainCompetence = `competence: mail
titre: Communiquer par mail
domaine: communiquer
sujets:
  - id: mail-adresse
    titre: L'adresse mail
    acquis:
      - id: mail-adresse-1
        niveau: 1
        texte: Je reconnais une adresse mail.
      - id: mail-adresse-2
        niveau: 2
        texte: Je lis une adresse mail.
`

// lessonYAML builds a lesson around the given vocabulary and steps, with a
// fresh source, so that only what the test writes can be reported.
func lessonYAML(id, vocabulary, steps string) string {
	return fmt.Sprintf(`lecon: %s
titre: Lire une adresse mail
niveau: 1
duree: 10
objectifs:
  - Je sais lire une adresse mail.
acquis: [mail-adresse-1]
vocabulaire:
%s
etapes:
%s
a_retenir: [Une adresse mail a un seul signe @., Elle n'a pas d'espace., Elle n'a pas d'accent.]
# (a_retenir tient sur une ligne)
sources:
  - titre: Pix
    url: https://pix.fr
    verifie_le: 2026-05-01
`, id, vocabulary, steps)
}

const arobase = `  - mot: arobase
    definition: Le signe @. Il veut dire « chez ».`

// loadPlain loads files (path → content) with the test référentiel, and
// returns the warnings.
func loadPlain(t *testing.T, files map[string]string) Diagnostics {
	t.Helper()
	fsys := fstest.MapFS{
		"fr/referentiel.yaml":     {Data: []byte(plainDomains)},
		"fr/mail/competence.yaml": {Data: []byte(plainCompetence)},
	}
	for p, data := range files {
		fsys[p] = &fstest.MapFile{Data: []byte(data)}
	}
	lib := Load(Options{Today: plainToday}, Tree{FS: fsys, Name: "t"})
	var warns Diagnostics
	for _, d := range lib.Diagnostics {
		if d.Severity == Error {
			t.Fatalf("unexpected error: %s", d)
		}
		// These tests look at the wording; the steps they write to show a
		// wording need no « sinon », whose rule is tested in
		// authoring_test.go.
		if d.Code == "missing_sinon" {
			continue
		}
		warns = append(warns, d)
	}
	return warns
}

// summary is "line:code" for each warning, to compare with a test's want.
func summary(ds Diagnostics) []string {
	var out []string
	for _, d := range ds {
		if d.Severity != Warning {
			out = append(out, "ERROR "+d.String())
			continue
		}
		out = append(out, fmt.Sprintf("%d:%s", d.Pos.Line, d.Code))
	}
	return out
}

func TestPlainCleanLessonHasNoWarning(t *testing.T) {
	warns := loadPlain(t, map[string]string{
		"fr/mail/lecon.yaml": lessonYAML("mail-lire", arobase, `  - action: Regardez le signe @ dans l'adresse.
    resultat: Le signe @ se dit « arobase ».`),
	})
	if len(warns) != 0 {
		t.Fatalf("got warnings: %v", warns)
	}
}

func TestPlainRules(t *testing.T) {
	for _, c := range []struct {
		name, vocabulary, steps string
		want                    []string // line:code, in order
	}{
		{
			name:       "long sentence",
			vocabulary: arobase,
			steps: `  - action: Regardez le signe @.
    resultat: Vous voyez le signe @ au milieu de l'adresse, entre le nom de la personne et le nom de son fournisseur de boîte.`,
			want: []string{"13:long_sentence", "13:jargon"},
		},
		{
			name:       "two actions",
			vocabulary: arobase,
			steps:      `  - action: Ouvrez votre boîte mail puis appuyez sur « Écrire ».`,
			want:       []string{"12:many_actions"},
		},
		{
			name:       "two actions in a variant",
			vocabulary: arobase,
			steps: `  - action: Appuyez sur « Écrire ».
    variantes:
      ordinateur:
        action: Cliquez sur « Nouveau message » et tapez l'adresse.`,
			want: []string{"15:many_actions"},
		},
		{
			name:       "jargon not in the vocabulary, once per lesson",
			vocabulary: arobase,
			steps: `  - action: Ouvrez le navigateur.
  - action: Appuyez sur la barre du navigateur.`,
			want: []string{"12:jargon"},
		},
		{
			name: "jargon in the vocabulary, any spelling",
			vocabulary: arobase + `
  - mot: navigateur
    definition: Le programme qui ouvre les sites.
  - mot: pièce jointe
    definition: Une photo ou un document envoyé avec le mail.
    synonymes: [fichier joint]`,
			steps: `  - action: Ouvrez les Navigateurs.
  - action: Regardez les pièces jointes.`,
		},
		{
			name:       "two names for one thing",
			vocabulary: arobase,
			steps: `  - action: Écrivez un courriel.
  - action: Envoyez le courriel.`,
			want: []string{"12:two_names"}, // the title says "adresse mail"
		},
		{
			name: "a synonym of the vocabulary used in the lesson",
			vocabulary: arobase + `
  - mot: adresse mail
    definition: L'adresse où vous recevez vos messages. On dit aussi courriel.
    synonymes: [courriel, e-mail]`,
			steps: `  - action: Écrivez votre e-mail.
    resultat: Vous voyez votre adresse mail.`,
			want: []string{"15:vocab_synonym"}, // not two_names as well
		},
		{
			name: "jargon in a definition",
			vocabulary: arobase + `
  - mot: adresse mail
    definition: Votre adresse chez un fournisseur.`,
			steps: `  - action: Regardez le signe @.`,
			want:  []string{"12:jargon"},
		},
		{
			name: "a synonym in quotes is talked about, not used",
			vocabulary: arobase + `
  - mot: adresse mail
    definition: L'adresse où vous recevez vos messages.
    synonymes: [courriel]`,
			steps: `  - action: Lisez le mot « courriel » à voix haute.`,
		},
		{
			name: "each synonym once",
			vocabulary: arobase + `
  - mot: adresse mail
    definition: L'adresse où vous recevez vos messages.
    synonymes: [adresse électronique, adresse de courriel]`,
			steps: `  - action: Écrivez votre adresse électronique.
    resultat: Vous voyez votre adresse de courriel. Votre adresse électronique est là.`,
			want: []string{"15:vocab_synonym", "16:vocab_synonym"},
		},
		{
			name: "a name that holds a synonym is not the synonym",
			vocabulary: arobase + `
  - mot: application
    definition: Un programme pour le téléphone.
    synonymes: [app, appli]`,
			steps: `  - action: Ouvrez l'App Store.`,
		},
		{
			name:       "a label in quotes is not a second name",
			vocabulary: arobase,
			steps:      `  - action: Appuyez sur « Nouveau courriel ».`,
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			warns := loadPlain(t, map[string]string{"fr/mail/lecon.yaml": lessonYAML("mail-lire", c.vocabulary, c.steps)})
			if got := summary(warns); !slices.Equal(got, c.want) {
				t.Errorf("got %v, want %v\n%s", got, c.want, warns)
			}
			for _, d := range warns {
				if d.Severity != Warning {
					t.Errorf("%s: severity %v, want Warning", d, d.Severity)
				}
			}
		})
	}
}

// In a block of text, the warning points at the line of the sentence.
func TestPlainLineInsideBlock(t *testing.T) {
	warns := loadPlain(t, map[string]string{"fr/mail/lecon.yaml": lessonYAML("mail-lire", arobase, `  - action: |
      Regardez le signe @.
      Lisez-le à voix haute.
    resultat: |
      Le signe @ se dit « arobase ».
      Il sépare le nom de la personne et le nom de la boîte, et il ne contient jamais aucun espace ni aucun accent.`)})
	got := summary(warns)
	want := []string{"14:many_actions", "17:long_sentence"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v\n%s", got, want, warns)
	}
	if warns[0].Pos.Col != 1 || warns[0].Args[1] != "Regardez" || warns[0].Args[2] != "Lisez" {
		t.Errorf("many_actions = %+v", warns[0])
	}
}

// A value on one line is shown at its start, with the column.
func TestPlainPositionOfValue(t *testing.T) {
	warns := loadPlain(t, map[string]string{"fr/mail/lecon.yaml": lessonYAML("mail-lire", arobase,
		`  - action: Ouvrez la boîte puis appuyez sur « Écrire ».`)})
	if len(warns) != 1 || warns[0].Pos != (Pos{File: "t/fr/mail/lecon.yaml", Line: 12, Col: 13}) {
		t.Fatalf("got %v", warns)
	}
	if got := warns[0].Format(i18n.FR); !strings.HasPrefix(got, "t/fr/mail/lecon.yaml:12:13: avertissement : Cette étape demande 2 actions (« Ouvrez », puis « appuyez »)") {
		t.Errorf("French message: %s", got)
	}
	if got := warns[0].Format(i18n.EN); !strings.HasPrefix(got, "t/fr/mail/lecon.yaml:12:13: warning: This step asks for 2 actions (“Ouvrez”, then “appuyez”)") {
		t.Errorf("English message: %s", got)
	}
}

// Check questions are part of their lesson: its vocabulary explains their
// words, and they must name things as the lesson does.
func TestPlainCheckQuestion(t *testing.T) {
	warns := loadPlain(t, map[string]string{"fr/mail/lecon.yaml": lessonYAML("mail-lire", arobase, `  - action: Regardez le signe @.
  - verifier:
      id: mail-lire-c1
      type: vrai_faux
      enonce: Vrai ou faux ?
      affirmations:
        - id: a
          texte: Un courriel a toujours une arobase.
          vrai: true
          retour: Oui. Cliquez sur le lien pour voir.`)})
	got := summary(warns)
	want := []string{"19:two_names", "21:jargon"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v\n%s", got, want, warns)
	}
}

const bankYAML = `questions:
  - id: mail-q1
    acquis: mail-adresse-1
    type: choix_unique
    enonce: Quel est le fournisseur de marie.dupont@laposte.net ?
    choix:
      - id: a
        texte: laposte.net
        bonne: true
      - id: b
        texte: marie.dupont
      - id: c
        texte: dupont.net
    explication: Le fournisseur vient après le signe @. Ne cliquez jamais sur un lien.
  - id: mail-q2
    acquis: mail-adresse-2
    type: choix_unique
    enonce: Où est le navigateur ?
    choix:
      - id: a
        texte: En haut.
        bonne: true
      - id: b
        texte: En bas.
      - id: c
        texte: Au milieu.
    explication: Votre mail et votre courriel, c'est pareil.
`

// A bank question has no vocabulary: its words are explained by the lessons
// of its acquis, or the glossary.
func TestPlainBankQuestion(t *testing.T) {
	files := map[string]string{
		"fr/mail/questions.yaml": bankYAML,
		"fr/mail/lecon.yaml": lessonYAML("mail-lire", arobase+`
  - mot: fournisseur
    definition: L'entreprise qui s'occupe de votre boîte mail.`, `  - action: Regardez le signe @.`),
	}
	got := summary(loadPlain(t, files))
	want := []string{"14:jargon_bank", "18:jargon_bank", "27:two_names"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}

	files["fr/glossaire.yaml"] = `glossaire:
  - mot: lien
    definition: Un texte sur lequel vous appuyez pour ouvrir une page.
  - mot: navigateur
    definition: Le programme qui ouvre les sites.
`
	got = summary(loadPlain(t, files))
	want = []string{"27:two_names"}
	if !slices.Equal(got, want) {
		t.Fatalf("with a glossary: got %v, want %v", got, want)
	}
}

func TestPlainSources(t *testing.T) {
	noSources := strings.Split(lessonYAML("mail-lire", arobase, `  - action: Regardez le signe @.`), "sources:")[0]
	stale := strings.Replace(lessonYAML("mail-lire", arobase, `  - action: Regardez le signe @.`), "2026-05-01", "2025-05-31", 1)
	fresh := strings.Replace(lessonYAML("mail-lire", arobase, `  - action: Regardez le signe @.`), "2026-05-01", "2025-06-01", 1)
	for _, c := range []struct {
		name, yaml string
		want       []string
	}{
		{"none", noSources, []string{"1:no_sources"}},
		{"older than a year", stale, []string{"18:stale_source"}},
		{"exactly a year", fresh, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := summary(loadPlain(t, map[string]string{"fr/mail/lecon.yaml": c.yaml})); !slices.Equal(got, c.want) {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

// Each catalogue checks its own language with its own words, and an
// untranslated French lesson is not reported twice.
func TestPlainLanguages(t *testing.T) {
	fr := lessonYAML("mail-lire", arobase, `  - action: Ouvrez la boîte puis appuyez sur « Écrire ».`)
	en := `lecon: mail-read
langue: en
titre: Read an email address
niveau: 1
duree: 10
objectifs:
  - I can read an email address.
acquis: [mail-adresse-1]
etapes:
  - action: Open your mailbox and tap the message.
  - action: Open the browser.
a_retenir: [Electronic mail is the same as email., It has no space., It has no accent.]
# (one line)
sources:
  - titre: Pix
    url: https://pix.fr
    verifie_le: 2026-05-01
`
	warns := loadPlain(t, map[string]string{"fr/mail/lecon.yaml": fr, "en/mail/lecon.yaml": en})
	var got []string
	for _, d := range warns {
		got = append(got, fmt.Sprintf("%s:%d:%s", d.Pos.File[2:4], d.Pos.Line, d.Code))
	}
	slices.Sort(got)
	want := []string{"en:10:many_actions", "en:11:jargon", "en:12:two_names", "fr:12:many_actions"}
	if !slices.Equal(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

// Texts of the référentiel and the glossary are read by learners too: their
// sentences are checked.
func TestPlainReferentiel(t *testing.T) {
	long := strings.Repeat("mot ", 25)
	warns := loadPlain(t, map[string]string{
		"fr/glossaire.yaml": "glossaire:\n  - mot: lien\n    definition: " + long + "\n",
	})
	if got := summary(warns); !slices.Equal(got, []string{"3:long_sentence"}) {
		t.Fatalf("got %v", got)
	}
}

// Every code the rules report has a message in both languages.
func TestPlainMessages(t *testing.T) {
	for code, text := range plainMessages {
		if text.FR == "" || text.EN == "" {
			t.Errorf("%s: missing a language", code)
		}
		if strings.Count(text.FR, "%") != strings.Count(text.EN, "%") {
			t.Errorf("%s: French and English take different arguments", code)
		}
	}
}

// The built-in library is what authors copy: it follows the rules it is
// checked with. (Sources are checked against a fixed date, so the test does
// not start failing on its own a year later; "pasapas check" uses today.)
func TestBuiltinContentIsClean(t *testing.T) {
	lib := Load(Options{Today: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)}, Builtin())
	for _, d := range lib.Diagnostics {
		t.Errorf("%s", d)
	}
}
