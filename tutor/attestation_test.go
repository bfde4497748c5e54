package tutor

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pasapas/i18n"
	"pasapas/progress"
	"pasapas/record"
)

// attestationPages lists the attestation pages written next to the
// progress file.
func attestationPages(t *testing.T, h *harness) []string {
	t.Helper()
	entries, _ := os.ReadDir(filepath.Dir(h.store.Path()))
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "attestation-") {
			out = append(out, filepath.Join(filepath.Dir(h.store.Path()), e.Name()))
		}
	}
	return out
}

// TestAttestationInTheSpace: the attestation asks for the structure's name
// first (set from the space's home, journaled); for a learner whose
// progress is private, no screen on the way shows a result, and only
// their own code makes the page (a wrong one makes nothing); the page is
// the OS user's only, and the journal says who made it for whom.
func TestAttestationInTheSpace(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	marie, title := learnerWithResults(t, h, "Marie", "2468")
	h.send(resumeMsg{})
	w := &walker{h: h}
	w.openSpace(true)

	// No structure's name yet: the attestation says where to give it.
	w.choose("Les profils des personnes")
	w.choose("Marie")
	w.choose("Faire une attestation")
	h.expect("Attestation pour Marie", "Les progrès de Marie sont privés", "Quelle période ?")
	w.choose("Depuis sa première visite")
	h.expect("Donnez le clavier à Marie")
	w.typeText("2468")
	w.press("enter")
	h.expect("Le nom de la structure n'est pas encore donné")
	w.press("esc", "esc", "esc")

	w.choose("Nom de la structure")
	h.expect("Quel est le nom de votre structure ?")
	w.typeText("Médiathèque « Les Lilas »")
	w.press("enter")
	h.expect("Le nom de la structure est enregistré.")

	w.choose("Les profils des personnes")
	w.choose("Marie")
	w.choose("Faire une attestation")
	w.choose("Depuis sa première visite")
	w.typeText("1111")
	w.press("enter")
	h.expect("Ce n'est pas le bon code")
	if pages := attestationPages(t, h); len(pages) != 0 {
		t.Fatalf("a wrong code made a page: %v", pages)
	}
	for i, s := range w.seen {
		for _, word := range resultWords(title) {
			if strings.Contains(s, word) {
				t.Errorf("screen %d shows %q of a learner whose progress is private:\n%s", i, word, s)
			}
		}
	}
	w.typeText("2468")
	w.press("enter")
	h.expect("L'attestation est prête.", "Leçons finies : 1", "attestation-")
	pages := attestationPages(t, h)
	if len(pages) != 1 || !strings.HasPrefix(filepath.Base(pages[0]), "attestation-"+itoa(int(marie.ID))+"-Marie-") {
		t.Fatalf("pages %v", pages)
	}
	if fi, err := os.Stat(pages[0]); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the page's mode: %v %v, want 0600", fi.Mode().Perm(), err)
	}
	b, _ := os.ReadFile(pages[0])
	for _, want := range []string{"Médiathèque « Les Lilas »", "Marie", title} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	acts, _ := h.m.ctx.App.Actions(context.Background())
	if len(acts) < 2 || acts[0].Kind != record.ActAttestation || acts[0].Learner != marie.ID || acts[0].Value != 1 {
		t.Errorf("journal %+v: want the attestation for Marie, by her code, first", acts)
	}
	w.press("enter", "esc", "esc")
	w.choose("Le journal des actions")
	h.expect("attestation faite : Marie", "nom de la structure changé")
}

// TestAttestationNeverWithoutAWay: a learner whose progress is private and
// who has no code cannot say yes with a code: the screen says how they
// can, and offers nothing to make.
func TestAttestationNeverWithoutAWay(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	learnerWithResults(t, h, "Paul", "")
	h.send(resumeMsg{})
	w := &walker{h: h}
	w.openSpace(true)
	w.choose("Les profils des personnes")
	w.choose("Paul")
	w.choose("Faire une attestation")
	h.expect("ce profil n'a pas de code", "« Partager mes progrès »")
	if strings.Contains(h.screen(), "Quelle période ?") {
		t.Error("a period offered for an attestation that cannot be made")
	}
}

// TestAttestationInTheAccessibleMode: the same screens line by line, for
// a learner who shares; the code typed is never printed back.
func TestAttestationInTheAccessibleMode(t *testing.T) {
	dir := t.TempDir()
	st, err := progress.OpenWith(filepath.Join(dir, "pasapas.db"), progress.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	app := testApp(st, nil)
	ctx := context.Background()
	m, _ := app.CreateMediator(ctx, 0, "Sophie", "4826")
	app.SetStructure(ctx, m.ID, "Mairie de Lille")
	l, _ := app.CreateLearner(ctx, "Camille", "", record.Prefs{})
	app.SetSharing(ctx, l.ID, true)
	in := strings.Join([]string{
		"3",    // Espace médiateur (after Camille and « Je suis nouveau »)
		"1",    // Sophie
		"4826", // her code
		"1",    // Les profils des personnes
		"1",    // Camille
		"8",    // Faire une attestation (the last line but « Revenir »)
		"1",    // Depuis sa première visite
		"",     // back from « prête »
		"retour", "retour", "retour",
		"quitter", "2",
	}, "\n") + "\n"
	var out bytes.Buffer
	cfg := Config{Library: builtin, Lang: i18n.FR, App: app, IdleLock: -1}
	if err := RunAccessible(cfg, strings.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{"Attestation pour Camille", "Camille partage ses progrès", "Quelle période ?", "L'attestation est prête.", "attestation-"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "4826") || strings.Contains(s, "\x1b") {
		t.Error("a code or an escape sequence was printed")
	}
	entries, _ := os.ReadDir(dir)
	n := 0
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "attestation-") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d attestation pages, want 1", n)
	}
}

// TestAttestationFromTheFollowUp: on a sharing learner's follow-up, the
// key a opens the attestation; their sharing is their agreement, no code
// is asked.
func TestAttestationFromTheFollowUp(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	marie, _ := learnerWithResults(t, h, "Marie", "2468")
	app := h.m.ctx.App
	if err := app.SetSharing(context.Background(), marie.ID, true); err != nil {
		t.Fatal(err)
	}
	h.send(resumeMsg{})
	w := &walker{h: h}
	w.openSpace(true)
	m, _ := app.Mediators(context.Background())
	app.SetStructure(context.Background(), m[0].ID, "Mairie de Lille")
	w.choose("Les profils des personnes")
	w.choose("Marie")
	w.choose("Son suivi et vos notes")
	h.expect("t attestation")
	w.press("t")
	h.expect("Attestation pour Marie", "Marie partage ses progrès")
	w.choose("Depuis sa première visite")
	h.expect("L'attestation est prête.")
	if pages := attestationPages(t, h); len(pages) != 1 {
		t.Errorf("pages %v, want one", pages)
	}
}

// TestAttestationByCodeInTheAccessibleMode: line by line, the médiateur
// names the structure, then a learner whose progress is private types her
// code to say yes; her code is never printed back.
func TestAttestationByCodeInTheAccessibleMode(t *testing.T) {
	dir := t.TempDir()
	st, err := progress.OpenWith(filepath.Join(dir, "pasapas.db"), progress.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	app := testApp(st, nil)
	ctx := context.Background()
	app.CreateMediator(ctx, 0, "Sophie", "4826")
	app.CreateLearner(ctx, "Paul", "9753", record.Prefs{})
	in := strings.Join([]string{
		"3",    // Espace médiateur (after Paul and « Je suis nouveau »)
		"1",    // Sophie
		"4826", // her code
		"5",    // Nom de la structure
		"France Services de Roubaix",
		"1",    // Les profils des personnes
		"1",    // Paul
		"6",    // Faire une attestation (the last line but « Revenir »)
		"1",    // Depuis sa première visite
		"9753", // Paul's code
		"",     // back from « prête »
		"retour", "retour",
		"quitter", "2",
	}, "\n") + "\n"
	var out bytes.Buffer
	cfg := Config{Library: builtin, Lang: i18n.FR, App: app, IdleLock: -1}
	if err := RunAccessible(cfg, strings.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{"Quel est le nom de votre structure ?", "Le nom de la structure est enregistré.",
		"Les progrès de Paul sont privés", "Donnez le clavier à Paul", "L'attestation est prête."} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "9753") || strings.Contains(s, "4826") {
		t.Error("a code was printed back")
	}
	if name, _ := app.Structure(ctx); name != "France Services de Roubaix" {
		t.Errorf("Structure = %q", name)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "attestation-*-Paul-*.html"))
	if len(pages) != 1 {
		t.Errorf("pages %v, want one", pages)
	}
}

// TestAttestationFromAStaleFollowUp: a learner who stopped sharing after
// their follow-up was shown is asked for their code — the key t asks the
// use case, not the page.
func TestAttestationFromAStaleFollowUp(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	marie, _ := learnerWithResults(t, h, "Marie", "2468")
	app := h.m.ctx.App
	ctx := context.Background()
	if err := app.SetSharing(ctx, marie.ID, true); err != nil {
		t.Fatal(err)
	}
	h.send(resumeMsg{})
	w := &walker{h: h}
	w.openSpace(true)
	m, _ := app.Mediators(ctx)
	app.SetStructure(ctx, m[0].ID, "Mairie de Lille")
	w.choose("Les profils des personnes")
	w.choose("Marie")
	w.choose("Son suivi et vos notes")
	h.expect("t attestation")
	if err := app.SetSharing(ctx, marie.ID, false); err != nil { // from another window
		t.Fatal(err)
	}
	w.press("t")
	h.expect("Attestation pour Marie")
	w.choose("Depuis sa première visite")
	h.expect("Donnez le clavier à Marie", "tapez votre code")
	w.press("2", "4", "6", "8", "enter")
	h.expect("L'attestation est prête.")
}
