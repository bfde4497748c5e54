package quiz

import (
	"slices"
	"testing"
	"testing/fstest"
	"time"

	"pasapas/lessons"
)

func lesson(id string, level int, skill, extra string) string {
	return `lecon: ` + id + `
titre: Leçon ` + id + `
niveau: ` + string(rune('0'+level)) + `
duree: 5
objectifs: [Je sais.]
acquis: [` + skill + `]
etapes:
  - action: Faites.
` + extra + `a_retenir: [Retenez.]
`
}

func TestLinks(t *testing.T) {
	fsys := fstest.MapFS{
		"ref.yaml": {Data: []byte("domaines:\n  - id: d\n    titre: D\n")},
		"comp.yaml": {Data: []byte(`competence: c
titre: C
domaine: d
sujets:
  - id: s
    titre: S
    acquis:
      - {id: a-1, niveau: 1, texte: Je sais.}
      - {id: a-2, niveau: 2, texte: Je sais mieux.}
`)},
		"l2.yaml": {Data: []byte(lesson("l2", 2, "a-1", ""))},
		"l1.yaml": {Data: []byte(lesson("l1", 1, "a-1", `  - verifier:
      id: check
      type: choix_unique
      enonce: Laquelle ?
      choix:
        - {id: a, texte: A, bonne: true}
        - {id: b, texte: B}
      explication: A.
`))},
		"l3.yaml": {Data: []byte(lesson("l3", 2, "a-2", ""))},
		"q.yaml": {Data: []byte(`questions:
  - id: q
    acquis: a-1
    type: choix_unique
    enonce: Laquelle ?
    choix:
      - {id: a, texte: A, bonne: true}
      - {id: b, texte: B}
    explication: A.
    voir_aussi: [l3, l1]
  - id: q2
    acquis: a-2
    type: choix_unique
    enonce: Laquelle ?
    choix:
      - {id: a, texte: A, bonne: true}
      - {id: b, texte: B}
    explication: A.
`)},
	}
	lib := lessons.Load(lessons.Options{Today: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)}, lessons.Tree{FS: fsys, Name: "t"})
	if lib.Diagnostics.Errors() > 0 {
		t.Fatalf("fixture: %v", lib.Diagnostics)
	}
	cat := lib.Catalogue("fr")
	names := func(ls []*lessons.Lesson) []string {
		var out []string
		for _, l := range ls {
			out = append(out, l.ID)
		}
		return out
	}
	for _, c := range []struct {
		id         string
		next, more []string
	}{
		// Easiest first; l1 is already "next", so not repeated in "more".
		{"q", []string{"l1", "l2"}, []string{"l3"}},
		{"q2", []string{"l3"}, nil},
		// A check question without acquis points at its own lesson.
		{"check", []string{"l1"}, nil},
	} {
		next, more := Links(cat, cat.Question(c.id))
		if got := names(next); !slices.Equal(got, c.next) {
			t.Errorf("%s: next %v, want %v", c.id, got, c.next)
		}
		if got := names(more); !slices.Equal(got, c.more) {
			t.Errorf("%s: more %v, want %v", c.id, got, c.more)
		}
	}
	if next, more := Links(nil, cat.Question("q")); next != nil || more != nil {
		t.Errorf("nil catalogue: %v %v", next, more)
	}
	// The real content: the acquis of mail-q-arobase is taught by mail-adresse.
	next, _ := Links(builtin(t), question(t, "mail-q-arobase"))
	if got := names(next); !slices.Equal(got, []string{"mail-adresse"}) {
		t.Errorf("built-in: next %v", got)
	}
}
