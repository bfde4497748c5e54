package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeTree writes files (path → content) under a temporary directory.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, data := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const testDomains = `domaines:
  - id: communiquer
    titre: Communiquer
`

const testCompetence = `competence: mail
titre: Communiquer par mail
domaine: communiquer
sujets:
  - id: mail-adresse
    titre: L'adresse mail
    acquis:
      - id: mail-adresse-1
        niveau: 1
        texte: Je reconnais une adresse mail.
`

// testLesson is a lesson whose only step is the given action (with the
// « sinon » every step needs).
func testLesson(action string) string {
	return `lecon: mail-lire
titre: Lire une adresse mail
niveau: 1
duree: 10
objectifs:
  - Je sais lire une adresse mail.
acquis: [mail-adresse-1]
etapes:
  - action: ` + action + `
    sinon: Relisez l'adresse, lettre par lettre.
a_retenir: [Une adresse mail a un seul signe @., Elle n'a pas d'espace., Elle n'a pas d'accent.]
# (sur une ligne)
sources:
  - titre: Pix
    url: https://pix.fr
    verifie_le: ` + time.Now().Format(time.DateOnly) + ` # read today: never stale, never to come
`
}

func runCheckOn(t *testing.T, action string, args ...string) (int, string) {
	t.Helper()
	dir := writeTree(t, map[string]string{
		"fr/referentiel.yaml":      testDomains,
		"fr/mail/competence.yaml":  testCompetence,
		"fr/mail/lecons/lire.yaml": testLesson(action),
	})
	var out, errOut bytes.Buffer
	code := run(append(append([]string{"check", "--no-builtin"}, args...), dir), &out, &errOut)
	if errOut.Len() > 0 {
		t.Errorf("stderr: %s", errOut.String())
	}
	return code, out.String()
}

// A plain-language warning lets the check pass, unless --strict.
func TestCheckStrictTurnsWarningsIntoErrors(t *testing.T) {
	const twoActions = "Ouvrez votre boîte puis appuyez sur « Écrire »."
	code, out := runCheckOn(t, twoActions, "--lang", "fr")
	if code != 0 {
		t.Errorf("without --strict: exit %d, want 0\n%s", code, out)
	}
	if !strings.Contains(out, "lire.yaml:9:13: avertissement : Cette étape demande 2 actions") {
		t.Errorf("the warning is not reported with its place:\n%s", out)
	}
	if !strings.Contains(out, "0 erreur, 1 avertissement") {
		t.Errorf("summary:\n%s", out)
	}

	code, out = runCheckOn(t, twoActions, "--strict", "--lang", "fr")
	if code != 1 {
		t.Errorf("with --strict: exit %d, want 1\n%s", code, out)
	}

	code, out = runCheckOn(t, twoActions, "--strict", "--lang", "en")
	if code != 1 || !strings.Contains(out, "lire.yaml:9:13: warning: This step asks for 2 actions") {
		t.Errorf("in English: exit %d\n%s", code, out)
	}
}

func TestCheckStrictPassesCleanContent(t *testing.T) {
	code, out := runCheckOn(t, "Appuyez sur « Écrire ».", "--strict", "--lang", "fr")
	if code != 0 || !strings.Contains(out, "Tout est correct") {
		t.Errorf("exit %d, want 0\n%s", code, out)
	}
}
