package lessons_test

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"pasapas/lessons"
)

// The rules "pasapas check" applies to questions (issue #3, §6), each tested
// on a small bank. A fixture marks every line where a problem is expected
// with a comment "#! code"; the test reads those marks, so the expected
// places are written where they are.

// base is a référentiel and a competence for the banks' questions to point at.
var base = fstest.MapFS{
	"ref.yaml": {Data: []byte("domaines:\n  - id: d\n    titre: D\n")},
	"comp.yaml": {Data: []byte(`competence: c
titre: C
domaine: d
sujets:
  - id: s
    titre: S
    acquis:
      - id: a-1
        niveau: 2
        texte: Je sais.
`)},
}

var mark = regexp.MustCompile(`#!\s*([a-z_]+(?:\s+[a-z_]+)*)\s*$`)

// expected reads the "#! code" marks of a fixture as "line:code" entries.
func expected(src string) []string {
	var out []string
	for i, line := range strings.Split(src, "\n") {
		if m := mark.FindStringSubmatch(line); m != nil {
			for _, code := range strings.Fields(m[1]) {
				out = append(out, fmt.Sprintf("%d:%s", i+1, code))
			}
		}
	}
	slices.Sort(out)
	return out
}

// found loads a bank beside the base and returns its problems as
// "line:code" entries.
func found(t *testing.T, src string) []string {
	t.Helper()
	fsys := fstest.MapFS{"q.yaml": {Data: []byte(src)}}
	for k, v := range base {
		fsys[k] = v
	}
	lib := lessons.Load(lessons.Options{Today: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)}, lessons.Tree{FS: fsys, Name: "t"})
	var out []string
	for _, d := range lib.Diagnostics {
		if d.Pos.File != "t/q.yaml" {
			t.Errorf("problem outside the bank: %s", d)
			continue
		}
		out = append(out, fmt.Sprintf("%d:%s", d.Pos.Line, d.Code))
	}
	slices.Sort(out)
	return out
}

func TestQuizRules(t *testing.T) {
	for _, c := range []struct{ name, src string }{
		{"free text without accepted answer", `questions:
  - id: q1 #! no_answer
    acquis: a-1
    type: reponse_libre
    enonce: Quel signe ?
    reponses: []
    explication: Le signe @.
`},
		{"free text without the key reponses says it once", `questions:
  - id: q1 #! type_needs
    acquis: a-1
    type: reponse_libre
    enonce: Quel signe ?
    explication: Le signe @.
`},
		{"every field without answer is reported", `questions:
  - id: q1
    acquis: a-1
    type: champs
    enonce: Les deux parties ?
    champs:
      - id: avant #! no_answer
        libelle: Avant
      - id: apres #! no_answer
        libelle: Après
    explication: Avant et après @.
`},
		{"fields with answers are fine", `questions:
  - id: q1
    acquis: a-1
    type: champs
    enonce: Les deux parties ?
    champs:
      - id: avant
        libelle: Avant
        reponses: [paul.martin]
      - id: apres
        libelle: Après
        reponses: [orange.fr]
    explication: Avant et après @.
`},
		{"single choice with no right choice", `questions:
  - id: q1
    acquis: a-1
    type: choix_unique
    enonce: Laquelle ?
    choix:
      - id: a #! single_right
        texte: A
      - id: b
        texte: B
    explication: Aucune.
`},
		{"single choice with two right choices", `questions:
  - id: q1
    acquis: a-1
    type: choix_unique
    enonce: Laquelle ?
    choix:
      - id: a #! single_right
        texte: A
        bonne: true
      - id: b
        texte: B
        bonne: oui
      - id: c
        texte: C
    explication: Deux.
`},
		{"single choice with one right choice is fine", `questions:
  - id: q1
    acquis: a-1
    type: choix_unique
    enonce: Laquelle ?
    choix:
      - id: a
        texte: A
        bonne: true
      - id: b
        texte: B
      - id: c
        texte: C
    explication: A.
`},
		{"per-choice feedback missing on some choices", `questions:
  - id: q1
    acquis: a-1
    type: choix_multiple
    enonce: Lesquelles ?
    choix:
      - id: a
        texte: A
        bonne: true
        retour: Oui.
      - id: b #! feedback_missing
        texte: B
      - id: c
        texte: C
        retour: Non.
      - id: d #! feedback_missing
        texte: D
`},
		{"per-statement feedback missing on some statements", `questions:
  - id: q1
    acquis: a-1
    type: vrai_faux
    enonce: Vrai ou faux ?
    affirmations:
      - id: a
        texte: A
        vrai: true
        retour: Vrai.
      - id: b #! feedback_missing
        texte: B
        vrai: false
`},
		{"feedback both global and per choice", `questions:
  - id: q1
    acquis: a-1
    type: choix_unique
    enonce: Laquelle ?
    choix:
      - id: a
        texte: A
        bonne: true
        retour: Oui.
      - id: b
        texte: B
        retour: Non.
    retour:
      bonne: "Bravo." #! feedback_both
      mauvaise: Dommage.
`},
		{"feedback on every choice is fine", `questions:
  - id: q1
    acquis: a-1
    type: choix_unique
    enonce: Laquelle ?
    choix:
      - id: a
        texte: A
        bonne: true
        retour: Oui.
      - id: b
        texte: B
        retour: Non.
      - id: c
        texte: C
        retour: Non.
`},
		{"ordre with 2 steps", `questions:
  - id: q1
    acquis: a-1
    type: ordre
    enonce: Dans l'ordre ?
    elements:
      - id: a #! order_short
        texte: A
      - id: b
        texte: B
    explication: A puis B.
`},
		{"ordre with 3 steps is fine", `questions:
  - id: q1
    acquis: a-1
    type: ordre
    enonce: Dans l'ordre ?
    elements:
      - id: a
        texte: A
      - id: b
        texte: B
      - id: c
        texte: C
    explication: A, B, C.
`},
		{"tolerances on a number", `questions:
  - id: q1
    acquis: a-1
    type: reponse_libre
    enonce: Combien ?
    format: nombre
    reponses: ["25 000"]
    tolerances:
      fautes_de_frappe: non #! tolerance_moot
    explication: 25 000.
`},
		{"tolerances on a list field", `questions:
  - id: q1
    acquis: a-1
    type: champs
    enonce: Lequel ?
    champs:
      - id: f
        libelle: Fournisseur
        format: liste
        options: [orange.fr, laposte.net]
        reponses: [orange.fr]
        tolerances: {ponctuation: non} #! tolerance_moot
    explication: orange.fr.
`},
		{"tolerances on text are fine", `questions:
  - id: q1
    acquis: a-1
    type: reponse_libre
    enonce: Quel bouton ?
    reponses: [Transférer]
    tolerances:
      fautes_de_frappe: non
    explication: Transférer.
`},
		{"an answer made only of signs", `questions:
  - id: q1
    acquis: a-1
    type: reponse_libre
    enonce: Quel signe ?
    reponses: ["@", arobase] #! answer_erased
    explication: "@"
`},
		{"an answer made only of signs, punctuation counted", `questions:
  - id: q1
    acquis: a-1
    type: reponse_libre
    enonce: Quel signe ?
    reponses: ["@", arobase]
    tolerances: {ponctuation: non}
    explication: "@"
`},
		{"accents with T2 but not T1", `questions:
  - id: q1
    acquis: a-1
    type: reponse_libre
    enonce: Quel bouton ?
    reponses: [Transférer, Envoyer] #! accents_erased
    tolerances: {majuscules_accents: non}
    explication: Transférer.
`},
		{"a lone accented letter with T2 but not T1", `questions:
  - id: q1
    acquis: a-1
    type: reponse_libre
    enonce: Quelle lettre ?
    reponses: [é] #! accents_erased
    tolerances: {majuscules_accents: non}
    explication: é.
`},
		{"accents with neither T1 nor T2 are fine", `questions:
  - id: q1
    acquis: a-1
    type: reponse_libre
    enonce: Quel bouton ?
    reponses: [Transférer]
    tolerances: {majuscules_accents: non, ponctuation: non}
    explication: Transférer.
`},
		{"groups in any order, an answer made only of signs", `questions:
  - id: q1
    acquis: a-1
    type: champs
    enonce: Deux signes d'une adresse ?
    ordre_libre: true
    champs:
      - id: un
        libelle: Un signe
      - id: deux
        libelle: Un autre signe
    groupes:
      - ["@", arobase] #! answer_erased
      - [point]
    explication: "@ et ."
`},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, want := found(t, c.src), expected(c.src)
			if !slices.Equal(got, want) {
				t.Errorf("problems (line:code)\n got %v\nwant %v", got, want)
			}
		})
	}
}
