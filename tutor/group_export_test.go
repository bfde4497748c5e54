package tutor

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/progress"
	"pasapas/record"
)

// TestGroupExportAndBilanScreens: from an open atelier, the group's table
// holds the member who agreed and not the other; closing shows the bilan
// and adds its line; a learner's follow-up records an individual
// accompaniment. No bilan names anyone.
func TestGroupExportAndBilanScreens(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	ctx := context.Background()
	app, cat := h.m.ctx.App, builtin.Catalogue(i18n.FR)
	w := &walker{h: h}
	w.openSpace(true)
	sophie, _ := app.Mediators(ctx)
	run, err := app.OpenAtelier(ctx, sophie[0].ID, testAtelier(cat, "PHN3"))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []struct {
		name    string
		consent bool
	}{{"Marie Durand", true}, {"Paul Girard", false}} {
		l, _ := app.CreateLearner(ctx, p.name, "", record.Prefs{})
		app.JoinAtelier(ctx, l.ID, "PHN3", p.consent)
		app.StartVisit(ctx, l.ID, "PC")
		app.SetSharing(ctx, l.ID, p.consent)
	}
	dir := app.ExportDir()
	w.choose("Les ateliers")
	w.choose("Ouvert : Premiers pas sur le téléphone")
	w.choose("Exporter le tableau du groupe")
	h.expect("une ligne par personne qui a accepté")
	w.choose("Fichier CSV")
	h.expect("Le tableau est écrit", "Personnes dans le tableau : 1.", "Gardez-le pour vous")
	files, _ := filepath.Glob(filepath.Join(dir, "groupe-premiers-pas-*.csv"))
	if len(files) != 1 {
		t.Fatalf("files: %v", files)
	}
	b, _ := os.ReadFile(files[0])
	if !bytes.Contains(b, []byte("Marie Durand")) || bytes.Contains(b, []byte("Paul")) {
		t.Errorf("the table:\n%s", b)
	}
	w.press("enter")
	w.choose("Fermer l'atelier")
	w.choose("Oui, fermer l'atelier")
	h.expect("est fermé", "Date : ", "Type : Collectif", "Participants : 2", "Durée (min) : 0",
		"Nom de l’atelier : Premiers pas sur le téléphone", "Matériel numérique utilisé : Ordinateur",
		"Thématique(s) d’accompagnement : Prendre en main du matériel", "Niveau d’autonomie (ou de l’atelier) : Débutant")
	capture(t, h, "bilan")
	w.press("enter")
	// The closed run shows its bilan again, without adding a line.
	w.choose("Premiers pas sur le téléphone")
	w.choose("Bilan pour La Coop")
	h.expect("Type : Collectif", "Sa ligne est déjà dans le fichier des bilans", "Réf. Pas à pas : ")
	w.press("esc", "esc", "esc")

	w.choose("Les profils des personnes")
	w.choose("Marie Durand")
	w.choose("Son suivi et vos notes")
	h.expect("Suivi : Marie Durand")
	w.press("a")
	h.expect("Combien de temps", "Le bilan ne porte pas son nom")
	w.choose("30 minutes")
	w.choose("E-mail")
	w.choose("Ordinateur")
	w.choose("Autonome avec guidage en cas de besoin")
	h.expect("Type : Individuel", "Durée (min) : 30", "Niveau d’autonomie (ou de l’atelier) : Autonome avec guidage en cas de besoin",
		"La ligne est ajoutée")
	if got := h.m.top().Title(h.m.ctx); got != "Bilan de l'accompagnement" {
		t.Errorf("the accompaniment's bilan is titled %q", got)
	}
	if strings.Contains(h.screen(), "Nom de l’atelier") {
		t.Errorf("the accompaniment's bilan shows an empty « Nom de l’atelier »:\n%s", h.screen())
	}
	b, _ = os.ReadFile(filepath.Join(dir, learning.BilansFile))
	lines := strings.Split(strings.TrimSpace(string(b)), "\r\n")
	if len(lines) != 3 || !strings.Contains(lines[1], "Collectif") || !strings.Contains(lines[2], "Individuel;1;0;30;;Ordinateur;E-mail;Autonome avec guidage en cas de besoin;") {
		t.Errorf("bilans file:\n%s", b)
	}
	for _, name := range []string{"Marie", "Paul", "Durand"} {
		if bytes.Contains(b, []byte(name)) {
			t.Errorf("the bilans name %s", name)
		}
	}
	_ = run

	// A period's table: the learners who share and came this month.
	w.press("esc", "esc", "esc", "esc", "esc")
	w.choose("Les ateliers")
	w.choose("Exporter le tableau d'une période")
	h.expect("Quelle période ?", "Le mois dernier")
	w.choose("Ce mois-ci")
	w.choose("Fichier Excel (xlsx)")
	h.expect("Le tableau est écrit", "Personnes dans le tableau : 1.")
	if files, _ := filepath.Glob(filepath.Join(dir, "groupe-*-*.xlsx")); len(files) != 1 {
		t.Errorf("period files: %v", files)
	}
}

// TestGroupExportInTheAccessibleMode: the table and the bilan, line by
// line.
func TestGroupExportInTheAccessibleMode(t *testing.T) {
	st, err := progress.OpenWith(filepath.Join(t.TempDir(), "pasapas.db"), progress.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	app := testApp(st, nil)
	sophie, _ := app.CreateMediator(ctx, 0, "Sophie", "4826")
	app.OpenAtelier(ctx, sophie.ID, testAtelier(builtin.Catalogue(i18n.FR), "PHN3"))
	marie, _ := app.CreateLearner(ctx, "Marie", "", record.Prefs{})
	app.JoinAtelier(ctx, marie.ID, "PHN3", true)
	in := strings.Join([]string{
		"espace", "sophie", "4826",
		"ateliers", "ouvert", "exporter", "1",
		"retour", "fermer", "2", // « Oui, fermer l'atelier »
		"retour", "retour", "retour",
	}, "\n") + "\n"
	var out bytes.Buffer
	cfg := Config{Library: builtin, Lang: i18n.FR, App: app, IdleLock: -1}
	if err := RunAccessible(cfg, strings.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{"== Tableau du groupe ==", "Le tableau est écrit", "Personnes dans le tableau : 1.",
		"== Bilan de l'atelier ==", "Type : Collectif", "Participants : 1", "La ligne est ajoutée"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
}

// TestExportScreensFit draws the export, bilan and accompaniment screens
// at small, odd and large sizes: no line wider than the window, no more
// lines than it has, and the choices in sight.
func TestExportScreensFit(t *testing.T) {
	screens := []struct {
		name string
		keys func(w *walker)
		menu bool
	}{
		{"export", func(w *walker) { w.choose("Les ateliers"); w.choose("Ouvert : "); w.press("3", "enter") }, true},
		{"export-done", func(w *walker) {
			w.choose("Les ateliers")
			w.choose("Ouvert : ")
			w.press("3", "enter") // the run's page may not show its menu at 40×12
			w.choose("Fichier CSV")
		}, false},
		{"period", func(w *walker) { w.choose("Les ateliers"); w.choose("Exporter le tableau d'une période") }, true},
		{"bilan", func(w *walker) { w.choose("Les ateliers"); w.choose("Ouvert : "); w.press("2", "enter") }, false},
		{"accompaniment", func(w *walker) {
			w.choose("Les profils des personnes")
			w.choose("Marie-Charlotte")
			w.choose("Son suivi et vos notes")
			w.press("a")
			w.choose("30 minutes")
		}, true},
	}
	for _, sc := range screens {
		for _, sz := range [][2]int{{40, 12}, {57, 17}, {80, 24}, {200, 60}} {
			h := newHarness(t, i18n.FR, nil)
			h.m.ctx.Theme = defaultTheme()
			ctx := context.Background()
			app := h.m.ctx.App
			w := &walker{h: h}
			w.openSpace(true)
			sophie, _ := app.Mediators(ctx)
			app.OpenAtelier(ctx, sophie[0].ID, testAtelier(builtin.Catalogue(i18n.FR), "PHN3"))
			l, _ := app.CreateLearner(ctx, "Marie-Charlotte", "", record.Prefs{})
			app.SetSharing(ctx, l.ID, true)
			app.JoinAtelier(ctx, l.ID, "PHN3", true)
			h.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
			sc.keys(w)
			lines := strings.Split(h.m.View().Content, "\n")
			if sc.menu && !strings.Contains(h.screen(), h.m.ctx.Theme.G.Pointer+" ") {
				t.Errorf("%s at %dx%d: the choices are out of sight:\n%s", sc.name, sz[0], sz[1], h.screen())
			}
			if len(lines) > sz[1] {
				t.Errorf("%s at %dx%d: %d lines", sc.name, sz[0], sz[1], len(lines))
			}
			for i, ln := range lines {
				if lw := lipgloss.Width(ln); lw > sz[0] {
					t.Errorf("%s at %dx%d: line %d is %d wide", sc.name, sz[0], sz[1], i, lw)
				}
			}
		}
	}
}

// TestExportPeriods: « Ce mois-ci » ends today, as the attestation's
// month does (learning.MonthPeriod); « Le mois dernier » is the whole
// month before.
func TestExportPeriods(t *testing.T) {
	day := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.Local) }
	got := periods(time.Date(2026, 12, 7, 15, 0, 0, 0, time.Local))
	want := []learning.ExportScope{{From: day(12, 1)}, {From: day(11, 1), To: day(11, 30)}, {}}
	for i := range want {
		if !got[i].From.Equal(want[i].From) || !got[i].To.Equal(want[i].To) {
			t.Errorf("period %d = %v to %v, want %v to %v", i, got[i].From, got[i].To, want[i].From, want[i].To)
		}
	}
}
