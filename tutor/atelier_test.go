package tutor

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"pasapas/fiche"
	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/lessons"
	"pasapas/record"
)

// testAtelier is an atelier of the smartphone's lessons: none of them is
// the lesson learnerWithResults finishes, so its titles betray nothing.
func testAtelier(cat *lessons.Catalogue, code string) *lessons.Atelier {
	var parcours []lessons.Ref
	for _, l := range cat.LessonsOf("smartphone")[:2] {
		parcours = append(parcours, lessons.Ref{ID: l.ID})
	}
	return &lessons.Atelier{ID: "premiers-pas", Title: "Premiers pas sur le téléphone", Code: code, Level: "Débutant",
		Thematiques: []lessons.Thematique{{Label: "Prendre en main du matériel"}}, Parcours: parcours,
		Positioning: []lessons.Ref{{ID: "smartphone"}}, IdleMinutes: 20}
}

// TestGroupNeverShowsResultsWithoutConsent walks the new screens of the
// space — the ateliers, an open atelier, « Le groupe » of the atelier and
// of the place — with a member who has results, agreed to nothing, and
// calls: her first name and her call are shown, no result. Then she
// agrees, and the same words find her level.
func TestGroupNeverShowsResultsWithoutConsent(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	ctx := context.Background()
	app, cat := h.m.ctx.App, builtin.Catalogue(i18n.FR)
	marie, title := learnerWithResults(t, h, "Marie Durand", "2468")
	h.send(resumeMsg{})
	w := &walker{h: h}
	w.look()
	w.openSpace(true)
	sophie, _ := app.Mediators(ctx)
	run, err := app.OpenAtelier(ctx, sophie[0].ID, testAtelier(cat, "PHN3"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := app.JoinAtelier(ctx, marie.ID, "PHN3", false); err != nil {
		t.Fatal(err)
	}
	app.StartVisit(ctx, marie.ID, "PC 1")
	w.choose("Les ateliers")
	h.expect("Ouvert : Premiers pas sur le téléphone — code PHN3")
	w.choose("Ouvert : Premiers pas sur le téléphone")
	h.expect("P H N 3", "Atelier de niveau Débutant (La Coop)")
	w.choose("Le groupe")
	h.expect("Personne pour l'instant.")
	if err := app.CallMediator(ctx, marie.ID, true); err != nil {
		t.Fatal(err)
	}
	w.choose("Mettre à jour")
	h.expect("APPELLE", "Marie —", "Ses progrès sont privés.")
	if strings.Contains(h.screen(), "Durand") {
		t.Error("a calling learner who shares nothing shows more than her first name")
	}
	w.press("1", "enter") // going to her answers the call
	h.expect("Personne pour l'instant.")
	w.press("esc", "esc", "esc")
	app.CallMediator(ctx, marie.ID, true)
	w.choose("Le groupe") // of the place
	h.expect("APPELLE", "Marie —")
	w.press("esc")
	for i, s := range w.seen {
		for _, word := range resultWords(title) {
			if strings.Contains(s, word) {
				t.Errorf("screen %d shows %q of a learner who agreed to nothing:\n%s", i, word, s)
			}
		}
	}

	// She agrees for the atelier: her row, with her level, from Results.
	app.SetAtelierConsent(ctx, marie.ID, run.ID, true)
	app.CallMediator(ctx, marie.ID, false)
	w.choose("Les ateliers")
	w.choose("Ouvert : Premiers pas sur le téléphone")
	w.choose("Le groupe")
	h.expect("Marie Durand", "leçons finies : 1")
	found := false
	for _, word := range resultWords(title) {
		found = found || strings.Contains(h.screen(), word)
	}
	if !found {
		t.Errorf("the check finds no result on the row of a learner who agreed:\n%s", h.screen())
	}
	// Her follow-up needs her sharing her progress (« Mes réglages »).
	w.choose("Marie Durand")
	h.expect("ne partage pas ses progrès")
	w.press("esc")
	app.SetSharing(ctx, marie.ID, true)
	w.choose("Marie Durand")
	h.expect("Suivi : Marie Durand", "Venues : 1", "Leçons finies : 1", "Niveaux", "Notes des médiateurs")
	w.press("n")
	w.typeText("Veut envoyer des photos à sa fille.")
	w.press("enter")
	h.expect("Sophie — Veut envoyer des photos à sa fille.")
	notes, err := app.FollowUp(ctx, sophie[0].ID, cat, marie.ID)
	if err != nil || len(notes.Notes) != 1 {
		t.Errorf("FollowUp = %+v, %v: want the note", notes, err)
	}
	capture(t, h, "suivi")
	w.press("esc", "esc", "esc", "esc")
	w.choose("Le journal des actions")
	h.expect("atelier ouvert (ouverture n° 1)", "note écrite sur Marie Durand")
}

// capture writes the screen for the guide when PASAPAS_CAPTURES names a
// folder.
func capture(t *testing.T, h *harness, name string) {
	dir := os.Getenv("PASAPAS_CAPTURES")
	if dir == "" {
		return
	}
	os.MkdirAll(dir, 0o755)
	if err := os.WriteFile(filepath.Join(dir, name+".txt"), []byte(h.screen()+"\n"), 0o644); err != nil {
		t.Error(err)
	}
}

// TestLearnerJoinsAnAtelier: « Rejoindre un atelier » on the home when one
// is open; a wrong code and a closed atelier's code answered alike; the
// consent; « Mon atelier » first on the home with the next lesson; the
// atelier's idle delay; F2 and its banner; the visit ended with the
// session.
func TestLearnerJoinsAnAtelier(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	ctx := context.Background()
	app, cat := h.m.ctx.App, builtin.Catalogue(i18n.FR)
	sophie, _ := app.CreateMediator(ctx, 0, "Sophie", "4826")
	closed, _ := app.OpenAtelier(ctx, sophie.ID, testAtelier(cat, "CDEF"))
	app.CloseAtelier(ctx, sophie.ID, closed.ID)
	app.OpenAtelier(ctx, sophie.ID, testAtelier(cat, "PHN3"))
	h.m.idleBase, h.m.idleLock = DefaultIdleLock, DefaultIdleLock
	h.newLearner("Marie")
	// A line that comes and goes: on top, with the first key after the fixed
	// lines (the same key for everyone in the room).
	h.expect("Rejoindre un atelier")
	h.choose("Rejoindre un atelier")
	h.expect("Tapez le code de l'atelier.")
	for _, code := range []string{"PHN4", "CDEF"} {
		h.typeText(code)
		h.press("enter")
		h.expect("Ce code ne correspond à aucun atelier ouvert.")
	}
	h.typeText("phn 3")
	h.press("enter")
	h.expect("Pendant cet atelier, le médiateur peut-il voir où vous en êtes ?", "1. Non, merci")
	h.choose("Oui, il peut voir où j'en suis")
	first := cat.LessonsOf("smartphone")[0]
	h.expect("Atelier « Premiers pas sur le téléphone »", first.Title, "Aujourd'hui : oui")
	if pl := pointerLine(h); !strings.Contains(pl, "Faire le point") {
		t.Errorf("the focus is on %q: want the positioning first", pl)
	}
	if h.m.idleLock != 20*time.Minute {
		t.Errorf("idle lock %v in an atelier of 20 minutes", h.m.idleLock)
	}
	h.press("esc")
	h.expect("Mon atelier : Premiers pas sur le téléphone", "F2 appeler le médiateur")
	h.press("f2")
	h.expect("VOUS APPELEZ LE MÉDIATEUR")
	if on, _ := app.Calling(ctx, h.m.ctx.Session.learner.ID); !on {
		t.Error("F2 did not call")
	}
	h.press("f2")
	if strings.Contains(h.screen(), "VOUS APPELEZ") {
		t.Error("the banner stays after the second F2")
	}
	id := h.m.ctx.Session.learner.ID
	h.clock.t = h.clock.t.Add(25 * time.Minute)
	h.choose("Terminer ma séance")
	h.expect("Qui êtes-vous ?")
	if h.m.idleLock != DefaultIdleLock {
		t.Errorf("idle lock %v after the session, want the default back", h.m.idleLock)
	}
	vs, err := app.Totals(ctx)
	if err != nil || vs.ByLearner[id] < 25*time.Minute {
		t.Errorf("Totals = %+v, %v: want Marie's visit counted", vs, err)
	}
}

// TestAtelierScreensFit draws the new screens in every theme and size: no
// line wider than the window, no more lines than it has.
func TestAtelierScreensFit(t *testing.T) {
	for _, th := range []Theme{defaultTheme(), contrastTheme(), asciiTheme()} {
		for _, sz := range [][2]int{{40, 12}, {57, 17}, {80, 24}, {200, 60}} {
			t.Run(fmt.Sprintf("%s-%dx%d", th.Name, sz[0], sz[1]), func(t *testing.T) {
				h := newHarness(t, i18n.FR, nil)
				h.m.ctx.Theme, h.m.ctx.base.theme = th, th
				ctx := context.Background()
				app, cat := h.m.ctx.App, builtin.Catalogue(i18n.FR)
				sophie, _ := app.CreateMediator(ctx, 0, "Sophie", "4826")
				app.OpenAtelier(ctx, sophie.ID, testAtelier(cat, "PHN3"))
				h.newLearner("Marie-Charlotte")
				h.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
				h.choose("Rejoindre un atelier")
				check := func(name string) {
					t.Helper()
					lines := strings.Split(h.m.View().Content, "\n")
					if len(lines) > sz[1] {
						t.Errorf("%s: %d lines", name, len(lines))
					}
					for i, l := range lines {
						if lw := lipgloss.Width(l); lw > sz[0] {
							t.Errorf("%s: line %d is %d wide", name, i, lw)
						}
					}
				}
				check("join")
				h.typeText("PHN3")
				h.press("enter")
				check("consent")
				h.choose("Oui, il peut voir où j'en suis")
				check("my atelier")
				h.press("f2")
				check("call banner")
			})
		}
	}
}

// TestAtelierInTheAccessibleMode: joining, the consent and the call, line
// by line.
func TestAtelierInTheAccessibleMode(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	ctx := context.Background()
	app, cat := h.m.ctx.App, builtin.Catalogue(i18n.FR)
	sophie, _ := app.CreateMediator(ctx, 0, "Sophie", "4826")
	app.OpenAtelier(ctx, sophie.ID, testAtelier(cat, "PHN3"))
	app.CreateLearner(ctx, "Marie", "", record.Prefs{})
	in := strings.Join([]string{
		"2",         // Marie (1 is « Je suis nouveau ou nouvelle »)
		"rejoindre", // the row « Rejoindre un atelier », by a word of its label
		"PHN3",      // the code
		"2",         // Oui
		"appeler",
		"retour",
		"quitter", "2",
	}, "\n") + "\n"
	var out bytes.Buffer
	cfg := Config{Library: builtin, Lang: i18n.FR, App: app, IdleLock: -1}
	if err := RunAccessible(cfg, strings.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{"Rejoindre un atelier", "Pendant cet atelier, le médiateur peut-il voir où vous en êtes ?",
		"== Mon atelier ==", "VOUS APPELEZ LE MÉDIATEUR"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	// Quitting ended the visit and the call.
	vs, err := h.store.Visits(ctx, 0)
	if err != nil || len(vs) == 0 {
		t.Fatalf("Visits = %+v, %v", vs, err)
	}
	for _, v := range vs {
		if v.End.IsZero() {
			t.Errorf("visit %+v not ended by « quitter »", v)
		}
	}
	if on, _ := app.Calling(ctx, 1); on {
		t.Error("Marie still calls after quitting")
	}
}

// pointerLine is the focused line of the screen.
func pointerLine(h *harness) string {
	for _, l := range strings.Split(h.screen(), "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), h.m.ctx.Theme.G.Pointer) {
			return l
		}
	}
	return ""
}

// TestPrepareAnAtelier: « Préparer un atelier » writes a file that « pasapas
// check » accepts, and the atelier can be opened at once.
func TestPrepareAnAtelier(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	dir := filepath.Join(t.TempDir(), "ateliers")
	h.m.ctx.AteliersDir = dir
	w := &walker{h: h}
	w.openSpace(true)
	w.choose("Les ateliers")
	h.expect("Aucun atelier préparé.")
	w.choose("Préparer un atelier")
	w.typeText("Mes premiers mails")
	w.press("enter")
	w.choose("Débutant")
	w.choose("E-mail")
	w.choose("Envoyer et recevoir des mails")
	h.expect("L'atelier « Mes premiers mails » est prêt.")
	lib := lessons.Load(lessons.Options{}, lessons.Builtin(), lessons.Dir(dir))
	a := lib.Atelier("mes-premiers-mails")
	if lib.Diagnostics.Errors() > 0 || a == nil || a.Level != "Débutant" || len(a.Parcours) != len(builtin.Catalogue(i18n.FR).LessonsOf("mail")) {
		t.Fatalf("the file written: %+v, %v", a, lib.Diagnostics)
	}
	if a.Code != "" {
		t.Errorf("the file holds the code %q: each opening must draw its own", a.Code)
	}
	w.choose("Ouvrir : Mes premiers mails")
	h.expect("Le code à donner au groupe")
	runs, err := h.m.ctx.App.Runs(context.Background())
	if err != nil || len(runs) != 1 || !lessons.ValidCode(runs[0].Code) {
		t.Fatalf("runs %+v, %v: want one opening with a drawn code", runs, err)
	}
	w.choose("Fermer l'atelier")
	w.choose("Oui, fermer l'atelier")
	// The bilan for La Coop comes first, then « Retour » to the list.
	h.expect("L'atelier « Mes premiers mails » est fermé", "Type : Collectif", "Nom de l’atelier : Mes premiers mails",
		"Thématique(s) d’accompagnement : E-mail", "bilans-la-coop.csv")
	w.press("enter")
	h.expect("Les ateliers passés", "aujourd'hui : Mes premiers mails",
		"0 personne l'a rejoint", "moins d'une minute de venues en tout", "Ouvrir : Mes premiers mails")
}

// The follow-up's total time agrees with the attestation's (fiche.Hours
// rounds to the minute): a médiatrice read « en tout 2 minutes » over an
// attestation of « 0 h 03 min » for the same visits.
func TestFollowUpTotalAsTheAttestation(t *testing.T) {
	ctx := loggedIn(t, asciiTheme(), builtin).m.ctx
	start := time.Date(2026, 12, 7, 9, 0, 0, 0, time.Local)
	for _, c := range []struct {
		lengths []time.Duration
		want    string
	}{
		{[]time.Duration{2*time.Minute + 10*time.Second, 35 * time.Second}, "en tout 3 minutes"},
		{[]time.Duration{2*time.Minute + 10*time.Second, 10 * time.Second}, "en tout 2 minutes"},
		{[]time.Duration{20 * time.Second}, "en tout moins d'une minute"},
	} {
		var visits []record.Visit
		var total time.Duration
		for i, l := range c.lengths {
			s := start.Add(time.Duration(i) * time.Hour)
			visits = append(visits, record.Visit{Start: s, End: s.Add(l)})
			total += l
		}
		screen := &followUpScreen{loaded: true, f: learning.FollowUp{Name: "Léa", Visits: visits, Standing: learning.Standing{State: &record.State{}}}}
		got := ansi.Strip(screen.Render(ctx, 80, 30))
		if !strings.Contains(got, c.want) {
			t.Errorf("%v: want %q in\n%s", c.lengths, c.want, got)
		}
		minutes := int(total.Round(time.Minute) / time.Minute)
		if att := fiche.Hours(i18n.FR, total, len(visits)); !strings.HasPrefix(att, fmt.Sprintf("0 h %02d min", minutes)) {
			t.Errorf("%v: the attestation says %q, the follow-up %q", c.lengths, att, c.want)
		}
	}
}
