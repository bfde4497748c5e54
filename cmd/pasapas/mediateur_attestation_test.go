package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pasapas/learning"
	"pasapas/progress"
	"pasapas/record"
)

// attestationHome is a progress file in a temporary PASAPAS_HOME with a
// médiateur (Sophie, 4826), Camille who shares and came once, Paul who
// has a code (2468) and does not share, Jean who has neither; with the
// structure's name when named.
func attestationHome(t *testing.T, structure bool) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("PASAPAS_HOME", home)
	st, err := progress.Open(filepath.Join(home, progress.FileName))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	app := learning.New(st, learning.Options{})
	m, err := app.CreateMediator(ctx, 0, "Sophie", "4826")
	if err != nil {
		t.Fatal(err)
	}
	camille, _ := app.CreateLearner(ctx, "Camille Exemple", "", record.Prefs{})
	app.CreateLearner(ctx, "Paul", "2468", record.Prefs{})
	app.CreateLearner(ctx, "Jean", "", record.Prefs{})
	app.SetSharing(ctx, camille.ID, true)
	v, _ := app.StartVisit(ctx, camille.ID, "PC 1")
	app.SaveLessonStep(ctx, camille.ID, record.LessonStep{Lesson: "mail-adresse", Step: 99, Done: true})
	app.EndVisit(ctx, v)
	if structure {
		if err := app.SetStructure(ctx, m.ID, "France Services de Lille"); err != nil {
			t.Fatal(err)
		}
	}
	return home
}

// TestAttestationCommand: pasapas mediateur attestation writes the page
// (0600, next to the progress file) for a learner who shares or types
// their code, and for nobody else; it asks for the médiateur's code and
// says plainly what is missing.
func TestAttestationCommand(t *testing.T) {
	defer func() { stdin = os.Stdin }()
	for _, c := range []struct {
		name      string
		structure bool
		args      []string
		input     string
		code      int
		want      string // in the output (stdout, then stderr)
		written   string // the page's file name prefix, "" for none
	}{
		{"shares", true, []string{"camille exemple"}, "4826\n", 0, "Attestation écrite", "attestation-1-Camille-Exemple-"},
		{"chosen from the list", true, nil, "4826\n1\n", 0, "Pour qui est l'attestation ?", "attestation-1-Camille-Exemple-"},
		{"with a period", true, []string{"Camille Exemple", "--du", "01/11/2026", "--au", "31/12/2099"}, "4826\n", 0, "Attestation écrite", "attestation-1-"},
		{"a wrong médiateur's code", true, []string{"Camille Exemple"}, "1111\n", 1, "Ce n'est pas le bon code", ""},
		{"does not share, their own code", true, []string{"Paul"}, "4826\n2468\n", 0, "Paul tape son code", "attestation-2-Paul-"},
		{"does not share, no code typed", true, []string{"Paul"}, "4826\n\n", 1, "demande l'accord de la personne", ""},
		{"does not share, a wrong code", true, []string{"Paul"}, "4826\n1111\n", 1, "Ce n'est pas le bon code", ""},
		{"no code, does not share", true, []string{"Jean"}, "4826\n", 1, "choisit d'abord « Partager mes progrès »", ""},
		{"no structure's name", false, []string{"Camille Exemple"}, "4826\n", 1, "Le nom de la structure n'est pas encore donné", ""},
		{"nobody of that name", true, []string{"Zoé"}, "4826\n", 1, "aucune personne ne s'appelle « Zoé »", ""},
		{"a date not understood", true, []string{"Camille Exemple", "--du", "demain"}, "", 2, "n'est pas comprise", ""},
		{"a period the wrong way round", true, []string{"Camille Exemple", "--du", "02/12/2026", "--au", "01/12/2026"}, "", 2, "La date de --du vient après celle de --au", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			home := attestationHome(t, c.structure)
			stdin = strings.NewReader(c.input)
			code, out, errOut := runArgs(append([]string{"mediateur", "attestation"}, c.args...)...)
			if code != c.code || !strings.Contains(out+errOut, c.want) {
				t.Errorf("exit %d, want %d, and %q in:\n%s\n%s", code, c.code, c.want, out, errOut)
			}
			// Every question goes to stderr, as the médiateur's: stdout
			// keeps only the result.
			if strings.Contains(out, "tape son code") || strings.Contains(out, "Votre code") {
				t.Errorf("a question on stdout: %q", out)
			}
			var pages []string
			entries, _ := os.ReadDir(home)
			for _, e := range entries {
				if strings.HasPrefix(e.Name(), "attestation-") {
					pages = append(pages, e.Name())
					if fi, _ := e.Info(); fi.Mode().Perm() != 0o600 {
						t.Errorf("%s: mode %v, want 0600", e.Name(), fi.Mode().Perm())
					}
				}
			}
			switch {
			case c.written == "" && len(pages) > 0:
				t.Errorf("a page was written without consent: %v", pages)
			case c.written != "" && (len(pages) != 1 || !strings.HasPrefix(pages[0], c.written)):
				t.Errorf("pages %v, want one %s…", pages, c.written)
			case c.written != "":
				b, _ := os.ReadFile(filepath.Join(home, pages[0]))
				if !strings.Contains(string(b), "France Services de Lille") {
					t.Errorf("the page lacks the structure's name")
				}
			}
		})
	}
}
