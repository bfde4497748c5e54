package lessons

import (
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"pasapas/content"
)

// The author's guide and the lesson template promise that what they show is
// accepted by the loader. These tests hold them to it: every YAML snippet of
// docs/guide-auteur.md, and docs/modele-lecon.yaml, must load next to the
// built-in content without a single error or warning.

// TestTemplateLoads checks docs/modele-lecon.yaml as an author would use it:
// copied, unchanged, into a folder of their own.
func TestTemplateLoads(t *testing.T) {
	data, err := os.ReadFile("../docs/modele-lecon.yaml")
	if err != nil {
		t.Fatal(err)
	}
	checkDocFile(t, "modele-lecon.yaml", string(data))
}

// TestGuideSnippets checks every ```yaml block of the author's guide. A
// complete file is loaded as it is; a fragment (a few keys of a lesson, a
// step, an entry of "etapes") is completed with the smallest lesson around it.
func TestGuideSnippets(t *testing.T) {
	data, err := os.ReadFile("../docs/guide-auteur.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(string(data), -1)
	if len(blocks) == 0 {
		t.Fatal("no yaml block found in docs/guide-auteur.md")
	}
	for i, b := range blocks {
		name := fmt.Sprintf("bloc-%02d", i+1)
		body := snippetFile(b[1])
		t.Run(name, func(t *testing.T) { checkDocFile(t, name+".yaml", body) })
	}
}

// snippetLesson is the smallest sound lesson; a fragment's keys replace its
// own. The guide's fragments are taken from the built-in lesson mail-adresse,
// so the lesson they make stands in for it.
var snippetLesson = []struct{ key, text string }{
	{"lecon", "lecon: mail-adresse"},
	{"titre", "titre: Essai"},
	{"niveau", "niveau: 1"},
	{"duree", "duree: 5"},
	{"objectifs", "objectifs: [Je sais.]"},
	// mail-adresse's words, which the fragments use, with the definitions
	// the built-in content gives them: a word has one definition.
	{"vocabulaire", "vocabulaire:\n  - mot: adresse mail\n    definition: L'adresse où vous recevez vos mails, avec un signe @ au milieu.\n  - mot: arobase\n    definition: Le signe @, qui veut dire « chez », au milieu d'une adresse mail.\n  - mot: identifiant\n    definition: Ce qui vous désigne dans un compte, comme une adresse mail ou un numéro.\n  - mot: fournisseur\n    definition: L'entreprise qui s'occupe de votre boîte mail. Par exemple laposte.net ou gmail.com.\n  - mot: application\n    definition: Un programme de votre téléphone ou de votre ordinateur, qui sert à une chose précise."},
	{"acquis", "acquis: [mail-adresse-1]"},
	{"etapes", "etapes:\n  - action: Un.\n    sinon: Deux."},
	{"a_retenir", "a_retenir: [Une chose., Une autre chose., Une dernière chose.]"},
	{"sources", "sources:\n  - titre: Essai\n    url: https://example.org\n    verifie_le: 2026-11-01"},
}

var (
	kindLine = regexp.MustCompile(`(?m)^(lecon|competence|questions|glossaire|domaines):`)
	stepKey  = regexp.MustCompile(`^(titre|action|resultat|sinon|image|variantes):`)
	topKey   = regexp.MustCompile(`(?m)^([a-z_]+):`)
)

// snippetFile turns a block of the guide into a file the loader can check.
func snippetFile(block string) string {
	first := ""
	for _, l := range strings.Split(block, "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			first = l
			break
		}
	}
	isFile := kindLine.MatchString(first) && (!strings.HasPrefix(first, "lecon:") || strings.Contains(block, "\na_retenir:"))
	switch {
	case isFile:
		return block
	case strings.HasPrefix(first, "  - "): // an entry of "etapes"
		block = "etapes:\n  - action: Un.\n    sinon: Deux.\n" + block
	case stepKey.MatchString(first): // the keys of one step
		// A fragment that shows one key gets the « sinon » every step
		// needs, as it gets the rest of the lesson.
		block = "etapes:\n  - " + block
		if !strings.Contains(block, "sinon:") {
			block = strings.TrimRight(block, "\n") + "\n    sinon: Deux.\n"
		}
	}
	have := map[string]bool{}
	for _, m := range topKey.FindAllStringSubmatch(block, -1) {
		have[m[1]] = true
	}
	out := strings.TrimRight(block, "\n") + "\n"
	for _, k := range snippetLesson {
		if !have[k.key] {
			out += k.text + "\n"
		}
	}
	return out
}

// checkDocFile loads one file next to the built-in content and fails on any
// problem found in it. A built-in file that defines the same lesson or
// competence is left out, so the guide may show a built-in file in full.
func checkDocFile(t *testing.T, name, body string) {
	t.Helper()
	own := ""
	if m := regexp.MustCompile(`(?m)^(lecon|competence): *(\S+)`).FindString(body); m != "" {
		own = m
	}
	builtin := fstest.MapFS{}
	err := fs.WalkDir(content.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(content.FS, p)
		if err != nil {
			return err
		}
		if own != "" && regexp.MustCompile(`(?m)^`+regexp.QuoteMeta(own)+`\s*$`).Match(data) {
			return nil
		}
		builtin[p] = &fstest.MapFile{Data: data}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	doc := fstest.MapFS{name: &fstest.MapFile{Data: []byte(body)}}
	lib := Load(Options{Today: today}, Tree{FS: builtin, Name: "content"}, Tree{FS: doc, Name: "docs"})
	for _, d := range lib.Diagnostics {
		if strings.HasPrefix(d.Pos.File, "docs/") {
			t.Errorf("%s\n--- file checked:\n%s", d, body)
		}
	}
}
