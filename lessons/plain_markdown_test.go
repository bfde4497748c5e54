package lessons

import (
	"slices"
	"strings"
	"testing"

	"pasapas/i18n"
)

// What the tutor draws (bold, italics, lists, line breaks, addresses as
// they are) gives no warning; every other Markdown mark in a text drawn as
// Markdown is reported once, at its key, with the mark quoted.
func TestMarkdownWarnings(t *testing.T) {
	steps := `  - action: Ouvrez **Mes documents**, puis *le dossier* mon-fichier-final.pdf.
    resultat: |
      Vous voyez :
      - le site www.impots.gouv.fr
      - la page ameli.fr/assure
      1. prenom.nom@laposte.net
      2. le code F12345-abc
    sinon: "Appuyez sur [Entrée] puis sur <Retour>."
  - action: "# Le titre"
  - action: Lisez le mot ` + "`" + `code` + "`" + `.
  - action: Cliquez [ici](https://www.impots.gouv.fr).
  - action: Ouvrez <b>la boîte</b>.
  - action: Écrivez à <prenom.nom@laposte.net>.
  - action: Ce n'est ~~pas~~ grave.
  - action: Le signe &amp; se dit et.
  - action: Écrivez \*ceci\*.
  - action: |
      Lisez bien.
      ---
  - action: |
      Vous voyez :
      - une liste
        - dans une liste
  - action: |
      > Une citation.
  - action: Appuyez sur **Envoyer.
`
	warns := loadPlain(t, map[string]string{"fr/mail/lecon.yaml": lessonYAML("mail-lire", arobase, steps)})
	var got, quoted []string
	for _, d := range warns {
		if strings.HasPrefix(d.Code, "markdown") {
			got = append(got, summary(Diagnostics{d})...)
			if len(d.Args) > 0 {
				quoted = append(quoted, d.Args[0].(string))
			}
		}
	}
	want := []string{"20:markdown", "21:markdown", "22:markdown", "23:markdown", "24:markdown", "25:markdown",
		"26:markdown", "27:markdown", "28:markdown", "31:markdown", "35:markdown", "37:markdown_unclosed"}
	if !slices.Equal(got, want) {
		t.Errorf("got %v\nwant %v", got, want)
	}
	wantQuoted := []string{"# Le", "`code`", "[ici](https://www.impots.gouv.fr)", "<b>", "<prenom.nom@laposte.net>",
		"~~pas~~", "&amp;", `\*`, "---", "- dans", "> Une"}
	if !slices.Equal(quoted, wantQuoted) {
		t.Errorf("quoted %q\nwant %q", quoted, wantQuoted)
	}
	for _, d := range warns {
		if d.Code == "markdown" {
			if msg := d.Format(i18n.FR); !strings.Contains(msg, "montré tel quel") {
				t.Errorf("FR: %s", msg)
			}
			if msg := d.Format(i18n.EN); !strings.Contains(msg, "shown as typed") {
				t.Errorf("EN: %s", msg)
			}
			break
		}
	}
}

// Titles and question prompts are not drawn as Markdown: their marks are
// not this rule's business.
func TestMarkdownOnlyWhereDrawn(t *testing.T) {
	steps := `  - titre: "# Pas un titre Markdown"
    action: Regardez le signe @ dans l'adresse.`
	for _, d := range loadPlain(t, map[string]string{"fr/mail/lecon.yaml": lessonYAML("mail-lire", arobase, steps)}) {
		if strings.HasPrefix(d.Code, "markdown") {
			t.Errorf("unexpected %s", d)
		}
	}
}
