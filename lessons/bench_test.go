package lessons

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// generatedTree builds a library of the size a large deployment could
// reach: 10 competences, 1,000 lessons and 10,000 questions.
func generatedTree(lessons, questions int) fstest.MapFS {
	fsys := fstest.MapFS{}
	put := func(name, body string) { fsys[name] = &fstest.MapFile{Data: []byte(body)} }
	put("domaines.yaml", "domaines:\n  - id: d\n    titre: Domaine\n")
	const comps, topics = 10, 4
	for c := range comps {
		var b strings.Builder
		fmt.Fprintf(&b, "competence: c%d\ntitre: Compétence %d\ndomaine: d\nsujets:\n", c, c)
		for t := range topics {
			fmt.Fprintf(&b, "  - id: c%d-t%d\n    titre: Sujet %d\n    acquis:\n", c, t, t)
			for lv := 1; lv <= 4; lv++ {
				fmt.Fprintf(&b, "      - id: c%d-t%d-%d\n        niveau: %d\n        texte: Je sais faire la chose %d.\n", c, t, lv, lv, lv)
			}
		}
		put(fmt.Sprintf("c%d/competence.yaml", c), b.String())
	}
	skill := func(i int) string {
		return fmt.Sprintf("c%d-t%d-%d", i%comps, (i/comps)%topics, 1+(i/(comps*topics))%4)
	}
	for i := range lessons {
		var b strings.Builder
		fmt.Fprintf(&b, "lecon: l%d\ntitre: Leçon %d\nniveau: %d\nduree: 10\nobjectifs: [Je sais faire la chose.]\nacquis: [%s]\n", i, i, 1+i%4, skill(i))
		b.WriteString("vocabulaire:\n  - mot: lien\n    definition: Un texte sur lequel on appuie pour ouvrir une page.\netapes:\n")
		for s := range 8 {
			fmt.Fprintf(&b, "  - action: Appuyez sur le bouton %d.\n    resultat: Une nouvelle page s'ouvre.\n    sinon: Revenez à l'étape précédente.\n", s)
			if s%3 == 2 {
				fmt.Fprintf(&b, "  - verifier:\n      id: l%d-c%d\n      type: vrai_faux\n      enonce: Vrai ou faux ?\n      affirmations:\n        - id: a\n          texte: La page s'ouvre.\n          vrai: true\n      explication: Oui, elle s'ouvre.\n", i, s)
			}
		}
		b.WriteString("a_retenir: [Une action à la fois., Lisez ce qui s'affiche.]\nattention: Ne donnez jamais votre mot de passe.\n")
		b.WriteString("sources:\n  - titre: Source\n    url: https://example.org\n    verifie_le: 2026-11-01\n")
		put(fmt.Sprintf("c%d/lecons/l%d.yaml", i%comps, i), b.String())
	}
	const perFile = 100
	for f := 0; f < questions/perFile; f++ {
		var b strings.Builder
		b.WriteString("questions:\n")
		for j := range perFile {
			i := f*perFile + j
			fmt.Fprintf(&b, "  - id: q%d\n    acquis: %s\n    type: choix_unique\n    enonce: Que faites-vous ?\n    choix:\n", i, skill(i))
			fmt.Fprintf(&b, "      - id: a\n        texte: J'appuie.\n        bonne: true\n        retour: Oui.\n      - id: b\n        texte: J'attends.\n        retour: Non.\n      - id: c\n        texte: Je ferme.\n        retour: Non.\n")
			b.WriteString("    indices: [Regardez bien.]\n")
		}
		put(fmt.Sprintf("c%d/questions-%d.yaml", f%comps, f), b.String())
	}
	return fsys
}

// BenchmarkLoad measures loading and checking 1,000 lessons and 10,000
// questions from memory (the disk is not what is measured).
func BenchmarkLoad(b *testing.B) {
	fsys := generatedTree(1000, 10000)
	lib := Load(Options{Today: today}, Tree{FS: fsys, Name: "gen"})
	if n := lib.Diagnostics.Errors(); n > 0 {
		b.Fatalf("generated tree has %d errors, first: %s", n, lib.Diagnostics[0])
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		Load(Options{Today: today}, Tree{FS: fsys, Name: "gen"})
	}
}

func TestGeneratedTreeLoads(t *testing.T) {
	lib := Load(Options{Today: today}, Tree{FS: generatedTree(20, 200), Name: "gen"})
	if n := lib.Diagnostics.Errors(); n > 0 {
		t.Fatalf("%d errors, first: %s", n, lib.Diagnostics[0])
	}
	cat := lib.Catalogue("fr")
	if len(cat.Lessons) != 20 || len(cat.Questions) != 200 {
		t.Errorf("got %d lessons, %d questions", len(cat.Lessons), len(cat.Questions))
	}
}
