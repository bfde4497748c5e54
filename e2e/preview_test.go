//go:build e2e

package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// reloadTimeout is how long the preview may take to show a saved change.
const reloadTimeout = 30 * time.Second

// TestPreviewReloads is the author's preview as a médiatrice uses it: she
// opens her draft (no profile asked), breaks it by saving a quote left
// open, sees the error in place of the lesson, fixes it and sees the lesson
// again, at the page she was on. It logs how long each reload took to
// reach the screen (docs/benchmarks.md).
func TestPreviewReloads(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile(filepath.Join("..", "content", "fr", "01-mail", "lecons", "adresse-mail.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	draft := strings.ReplaceAll(string(src), "mail-adresse-c", "brouillon-c")
	draft = strings.Replace(draft, "lecon: mail-adresse", "lecon: brouillon", 1)
	dir := t.TempDir()
	file := filepath.Join(dir, "brouillon.yaml")
	write := func(text string) time.Time {
		// As editors save: a new file renamed over the old one.
		tmp := filepath.Join(dir, ".brouillon.yaml.tmp")
		if err := os.WriteFile(tmp, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		at := time.Now()
		if err := os.Rename(tmp, file); err != nil {
			t.Fatal(err)
		}
		return at
	}
	write(draft)

	s := newServer(t)
	home := t.TempDir()
	tm := s.start(home, 80, 24, "preview", dir)
	tm.waitText("Lire et écrire une adresse mail", "rien n'est enregistré")
	if strings.Contains(tm.last, "Qui êtes-vous") {
		t.Fatalf("the preview asked for a profile:\n%s", frame(tm.last))
	}
	tm.press("Right")
	tm.press("Right")
	tm.waitText("Étape 2 sur 7")

	at := write(strings.Replace(draft, "titre: Lire et écrire", `titre: "Lire et écrire`, 1))
	screen := tm.waitUpTo(reloadTimeout, "the error after a broken save", func(s string) bool {
		return strings.Contains(s, "Le fichier a une erreur") && strings.Contains(s, "brouillon.yaml:")
	})
	broke := time.Since(at)
	if strings.Contains(screen, "Étape 2 sur 7") {
		t.Fatalf("the lesson is still shown over its error:\n%s", frame(screen))
	}

	at = write(draft)
	tm.waitUpTo(reloadTimeout, "the lesson again after the fix", func(s string) bool {
		return strings.Contains(s, "Étape 2 sur 7") && !strings.Contains(s, "Le fichier a une erreur")
	})
	fixed := time.Since(at)
	t.Logf("reload delay, save to screen: broken %v, fixed %v", broke.Round(time.Millisecond), fixed.Round(time.Millisecond))

	tm.keys("Escape")
	if status := tm.waitExit(); status != 0 {
		t.Fatalf("the preview ended with status %d", status)
	}
	if entries, _ := os.ReadDir(home); len(entries) != 0 {
		t.Fatalf("the preview wrote in PASAPAS_HOME: %v", entries)
	}
}

// waitUpTo is waitFor with its own time limit.
func (tm *term) waitUpTo(limit time.Duration, what string, cond func(string) bool) string {
	tm.t.Helper()
	deadline := time.Now().Add(limit)
	for {
		cur := tm.capture()
		if cond(cur) {
			return cur
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("waited %v for %s; last screen:\n%s", limit, what, frame(cur))
		}
		time.Sleep(pollInterval)
	}
}
