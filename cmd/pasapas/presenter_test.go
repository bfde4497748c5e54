package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPresenterCommand: the lesson is the one word; the accessible mode
// shows the lesson's pages; nothing is written under PASAPAS_HOME.
func TestPresenterCommand(t *testing.T) {
	home := t.TempDir()
	t.Setenv("PASAPAS_HOME", home)
	if code, _, e := runArgs("presenter"); code != 2 || !strings.Contains(e, "pasapas presenter mail-adresse") {
		t.Errorf("no lesson: exit %d, %q", code, e)
	}
	if code, _, e := runArgs("presenter", "nope"); code != 2 || !strings.Contains(e, "mail-adresse") {
		t.Errorf("unknown lesson: exit %d, %q", code, e)
	}
	if code, _, e := runArgs("presenter", "a", "b"); code != 2 || e == "" {
		t.Errorf("two lessons: exit %d, %q", code, e)
	}
	stdin = strings.NewReader("\n\nr\n9\n9\nretour\n")
	defer func() { stdin = os.Stdin }()
	code, out, e := runArgs("presenter", "--accessible", "mail-adresse")
	if code != 0 || !strings.Contains(out, "ÉTAPE 1 SUR") || !strings.Contains(out, "FIN DE LA LEÇON") {
		t.Errorf("exit %d, %q\n%s", code, e, out)
	}
	if entries, _ := os.ReadDir(home); len(entries) != 0 {
		t.Errorf("the presenter wrote in the data folder: %v", entries)
	}
}

// TestFicheCommand writes a lesson's handout where asked, and to the
// standard output with --out -.
func TestFicheCommand(t *testing.T) {
	path := filepath.Join(t.TempDir(), "f.html")
	code, out, e := runArgs("fiche", "mail-adresse", "--out", path)
	if code != 0 || !strings.Contains(out, path) {
		t.Fatalf("exit %d, %q %q", code, out, e)
	}
	page, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(page), "Les étapes : je coche quand c&#39;est fait") {
		t.Errorf("the handout: %v\n%.300s", err, page)
	}
	code, out, _ = runArgs("fiche", "--lang", "en", "--out", "-", "mail-adresse")
	if code != 0 || !strings.HasPrefix(out, "<!DOCTYPE html>") || !strings.Contains(out, `lang="en"`) {
		t.Errorf("--out -: exit %d\n%.200s", code, out)
	}
	if code, _, e := runArgs("fiche", "nope"); code != 2 || !strings.Contains(e, "mail-adresse") {
		t.Errorf("unknown lesson: exit %d, %q", code, e)
	}
}
