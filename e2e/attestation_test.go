//go:build e2e

package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// needPrinter skips, saying why, when headless Chromium or poppler-utils
// are missing; under CI=true (.ci/run installs them) it fails instead.
func needPrinter(t *testing.T) {
	t.Helper()
	for _, tool := range []string{"chromium", "pdftotext", "pdfinfo"} {
		if _, err := exec.LookPath(tool); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is missing: CI prints the attestation in a real browser (apt-get install chromium poppler-utils)", tool)
			}
			t.Skipf("SKIP: %s is not installed: the attestation is not printed in a browser (apt-get install chromium poppler-utils fonts-dejavu-core; CI=true makes this a failure)", tool)
		}
	}
}

// TestAttestation: a learner with a code follows a lesson and takes a
// test; the médiateur names the structure, then makes her attestation in
// the space, the learner typing her own code (she shares nothing). The
// page, written next to the progress file and private to the OS user, is
// printed by headless Chromium on one A4 page with the structure, the
// name, the time and the level in words. Erasing the profile removes it.
func TestAttestation(t *testing.T) {
	needPrinter(t)
	t.Parallel()
	home := t.TempDir()
	srv := newServer(t)

	tm := srv.start(home, 80, 24)
	tm.newLearnerPIN("Camille Exemple", "2468")
	tm.choose(compHome)
	tm.choose(lessonName)
	tm.followLesson()
	tm.press("Escape")
	tm.choose("Faire le point")
	tm.choose(compTitle)
	tm.takeTest()
	tm.press("Escape")
	tm.choose("Terminer ma séance")
	tm.quit()

	md := srv.start(home, 80, 24, "mediateur")
	md.waitText("Bienvenue dans l'espace médiateur")
	md.typeText("Sophie")
	md.keys("Enter")
	md.waitText("Choisissez votre code.")
	md.typeText("4826")
	md.keys("Enter")
	md.waitText("Tapez encore une fois votre code.")
	md.typeText("4826")
	md.keys("Enter")
	md.waitText("Bonjour Sophie.", "Nom de la structure")
	md.choose("Nom de la structure")
	md.waitText("Quel est le nom de votre structure ?")
	md.typeText("Médiathèque Les Lilas")
	md.keys("Enter")
	md.waitText("Le nom de la structure est enregistré.")
	md.choose("Les profils des personnes")
	md.chooseExact("Camille Exemple")
	md.choose("Faire une attestation")
	md.waitText("Attestation pour Camille Exemple", "Quelle période ?")
	md.choose("Depuis sa première visite")
	md.waitText("Donnez le clavier à Camille Exemple")
	md.typeText("2468")
	md.keys("Enter")
	s := md.waitText("L'attestation est prête.", "Leçons finies : 1")
	if strings.Contains(s, "2468") {
		t.Fatal("the learner's code shows on the screen")
	}

	pages, _ := filepath.Glob(filepath.Join(home, "attestation-*-Camille-Exemple-*.html"))
	if len(pages) != 1 {
		t.Fatalf("attestation pages: %v", pages)
	}
	if fi, err := os.Stat(pages[0]); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the page's mode: %v, %v: want 0600", fi.Mode().Perm(), err)
	}
	pdf := filepath.Join(t.TempDir(), "attestation.pdf")
	cmd := exec.Command("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+t.TempDir(), "--no-pdf-header-footer", "--print-to-pdf="+pdf, "file://"+pages[0])
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, out)
	}
	info, err := exec.Command("pdfinfo", pdf).Output()
	if err != nil {
		t.Fatal(err)
	}
	if m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindSubmatch(info); m == nil || string(m[1]) != "1" {
		t.Errorf("the attestation does not take one page:\n%s", info)
	}
	if !regexp.MustCompile(`(?m)^Page size:.*\(A4\)`).Match(info) {
		t.Errorf("the page is not A4:\n%s", info)
	}
	text, err := exec.Command("pdftotext", "-enc", "UTF-8", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	flat := strings.Join(strings.Fields(strings.ReplaceAll(string(text), "\u00a0", " ")), " ")
	for _, want := range []string{"Attestation d'accompagnement au numérique", "Médiathèque Les Lilas", "Camille Exemple",
		"Temps passé", "heure", lessonName, compHome, "Niveau", "Le médiateur / La médiatrice"} {
		if !strings.Contains(flat, want) {
			t.Errorf("the printed attestation lacks %q:\n%s", want, flat)
		}
	}

	// Erasing the profile removes the page, which bears her name.
	md.press("Enter")
	md.choose("Effacer ce profil")
	md.choose("Oui, effacer")
	md.waitText("Le profil « Camille Exemple » est effacé.")
	if left, _ := filepath.Glob(filepath.Join(home, "attestation-*")); len(left) != 0 {
		t.Errorf("the attestation is still there after the erase: %v", left)
	}
	md.press("Escape")
	md.choose("Quitter l'espace médiateur")
	md.waitText("Qui êtes-vous ?")
}
