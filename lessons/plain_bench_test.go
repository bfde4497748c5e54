package lessons

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

// A library of the size the lead's BenchmarkLoad targets (1,000 lessons,
// 10,000 questions), written like the built-in content, to see what the
// plain-language rules cost on their own and within a load. Each lesson
// has one step that breaks three rules, as a library being written would.

func plainBenchFS(lessons, questions int) fstest.MapFS {
	fsys := fstest.MapFS{
		"fr/referentiel.yaml":     {Data: []byte(plainDomains)},
		"fr/mail/competence.yaml": {Data: []byte(plainCompetence)},
	}
	step := `  - titre: Regarder une adresse
    action: "Regardez cette adresse mail : marie.dupont@laposte.net"
    resultat: Vous voyez un signe @ au milieu de l'adresse. L'identifiant est avant, le fournisseur après.
    sinon: Cherchez un petit « a » entouré d'un rond. C'est le signe @.
`
	bad := `  - action: Ouvrez le navigateur puis appuyez sur la pièce jointe.
    resultat: La pièce jointe s'ouvre dans une nouvelle fenêtre, ou bien dans un nouvel onglet, selon le navigateur que vous utilisez.
`
	check := `  - verifier:
      id: q-%d-%d
      type: vrai_faux
      enonce: Vrai ou faux ?
      affirmations:
        - id: a
          texte: Toutes les adresses mail finissent par gmail.com.
          vrai: false
          retour: Il existe beaucoup de fournisseurs, par exemple laposte.net ou outlook.fr.
`
	for i := range lessons {
		var steps strings.Builder
		steps.WriteString(bad)
		for j := range 8 {
			steps.WriteString(step)
			if j%3 == 2 {
				fmt.Fprintf(&steps, check, i, j)
			}
		}
		fsys[fmt.Sprintf("fr/mail/lecons/l%d.yaml", i)] = &fstest.MapFile{Data: []byte(
			lessonYAML(fmt.Sprintf("lecon-%d", i), arobase+`
  - mot: fournisseur
    definition: L'entreprise qui s'occupe de votre boîte mail. Par exemple laposte.net ou gmail.com.
    synonymes: [hébergeur]
  - mot: identifiant
    definition: La partie avant le signe @. Souvent, c'est un prénom et un nom.`, strings.TrimSuffix(steps.String(), "\n")))}
	}
	var bank strings.Builder
	bank.WriteString("questions:\n")
	for i := range questions {
		fmt.Fprintf(&bank, `  - id: bq-%d
    acquis: mail-adresse-1
    type: choix_unique
    enonce: Laquelle de ces lignes est une adresse mail ?
    choix:
      - id: a
        texte: marie.dupont@laposte.net
        bonne: true
        retour: Oui. Une adresse mail a toujours le signe @ au milieu.
      - id: b
        texte: www.laposte.net
        retour: Non. C'est l'adresse d'un site Internet. Il n'y a pas de signe @.
      - id: c
        texte: 06 12 34 56 78
        retour: Non. C'est un numéro de téléphone.
    indices:
      - Cherchez le signe @.
    explication: Le signe @ sépare l'identifiant et le fournisseur.
`, i)
	}
	fsys["fr/mail/questions.yaml"] = &fstest.MapFile{Data: []byte(bank.String())}
	return fsys
}

// BenchmarkPlainLanguage measures the rules alone on a loaded catalogue.
func BenchmarkPlainLanguage(b *testing.B) {
	lib := Load(Options{Today: plainToday}, Tree{FS: plainBenchFS(1000, 10000), Name: "b"})
	if errs := lib.Diagnostics.Errors(); errs > 0 {
		b.Fatalf("%d errors, first: %s", errs, lib.Diagnostics[0])
	}
	cat := lib.Catalogue("fr")
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		checkPlainLanguage(&collector{}, cat, plainToday)
	}
}

// BenchmarkLoadWithPlain measures a whole load of the same library.
func BenchmarkLoadWithPlain(b *testing.B) {
	fsys := plainBenchFS(1000, 10000)
	b.ReportAllocs()
	for b.Loop() {
		Load(Options{Today: plainToday}, Tree{FS: fsys, Name: "b"})
	}
}
