package fiche

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/learning/memstore"
	"pasapas/lessons"
	"pasapas/record"
	"pasapas/scoring"
	"pasapas/sheet"
)

// camille is the attestation of a fake learner, « Camille Exemple », made
// through the use case over the in-memory store: two visits (1 h 30 and
// 2 h), two lessons finished, and two levels.
func camille(t *testing.T, cat *lessons.Catalogue) learning.Attestation {
	t.Helper()
	now := time.Date(2026, 11, 2, 10, 0, 0, 0, time.Local)
	clock := func() time.Time { return now }
	app := learning.New(memstore.New(memstore.WithClock(clock)), learning.Options{Now: clock})
	ctx := context.Background()
	m, err := app.CreateMediator(ctx, 0, "Sophie", "4826")
	if err != nil {
		t.Fatal(err)
	}
	l, _ := app.CreateLearner(ctx, "Camille Exemple", "", record.Prefs{})
	if err := app.SetSharing(ctx, l.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := app.SetStructure(ctx, m.ID, "Médiathèque « Les Lilas » de Saint-Œting"); err != nil {
		t.Fatal(err)
	}
	for i, long := range []time.Duration{90 * time.Minute, 2 * time.Hour} {
		v, err := app.StartVisit(ctx, l.ID, "Médiathèque")
		if err != nil {
			t.Fatal(err)
		}
		les := cat.Lessons[i]
		app.SaveLessonStep(ctx, l.ID, record.LessonStep{Lesson: les.ID, Step: len(les.Items), Done: true})
		now = now.Add(long)
		app.EndVisit(ctx, v)
		now = now.AddDate(0, 0, 14)
	}
	now = time.Date(2026, 12, 7, 11, 0, 0, 0, time.Local)
	a, err := app.Attestation(ctx, m.ID, cat, l.ID, learning.Period{}, "")
	if err != nil {
		t.Fatal(err)
	}
	a.Levels = append(a.Levels,
		learning.Entry{Competence: cat.Competences[0], Result: scoring.Result{Level: 2}},
		learning.Entry{Competence: cat.Competences[1], Result: scoring.Result{Level: 1}})
	return a
}

// TestAttestationPrints prints Camille's attestation in headless Chromium,
// in both languages: one A4 page, body text 12 pt at least, and on it the
// structure, the name, the period, the hours, the lessons, the levels in
// words and the signature line. With PASAPAS_DOCS_PNG=1 it also writes
// the picture of the French page shown in docs/guide-mediateur.md.
func TestAttestationPrints(t *testing.T) {
	needBrowser(t)
	for _, lang := range []i18n.Lang{i18n.FR, i18n.EN} {
		t.Run(string(lang), func(t *testing.T) {
			cat := builtin.Catalogue(lang)
			a := camille(t, cat)
			_, pdf := printPDF(t, Attestation(cat, a), "attestation")
			f := readPDF(t, pdf)
			checkPrint(t, "attestation", f)
			t.Logf("%s: %d page(s), smallest text %.2f pt, fonts %v", lang, f.Pages, f.MinWordHeight/dejaVuBox, f.Fonts)
			if f.Pages != 1 {
				t.Errorf("%d pages, want 1", f.Pages)
			}
			say := func(code string, args ...any) string { return words.Format(lang, code, args...) }
			hours := "3 h 30 min (3,5 heures), en 2 visites"
			if lang == i18n.EN {
				hours = "3 h 30 min (3.5 hours), in 2 visits"
			}
			want := []string{say("att_title"), "Médiathèque « Les Lilas » de Saint-Œting", "Camille Exemple",
				say("att_period_value", Date(lang, a.From), Date(lang, a.To)), hours,
				plain(cat.Lessons[0].Title), plain(cat.Lessons[1].Title),
				scoring.LevelHeading(lang, 2), scoring.LevelHeading(lang, 1), say("att_sign_mediator"), say("att_at")}
			for _, w := range want {
				if !strings.Contains(f.Text, fold(w)) {
					t.Errorf("the printed page lacks %q:\n%s", w, f.Text)
				}
			}
			if lang == i18n.FR && os.Getenv("PASAPAS_DOCS_PNG") == "1" {
				writeDocsPNG(t, pdf, filepath.Join("..", "docs", "attestation-exemple.png"))
			}
		})
	}
}

// writeDocsPNG turns the PDF's first page into the guide's picture
// (poppler's pdftoppm, 60 dots per inch: readable, and small).
func writeDocsPNG(t *testing.T, pdf, png string) {
	t.Helper()
	base := strings.TrimSuffix(png, ".png")
	if out, err := exec.Command("pdftoppm", "-png", "-r", "60", "-singlefile", pdf, base).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	t.Logf("wrote %s", png)
}

// TestAttestationPage: the page without a browser — a name and a
// structure that look like HTML or Markdown stay as typed, a learner with
// no test is told so, the hours' words, the file is the OS user's only
// and its name carries the profile's number (erasing finds it).
func TestAttestationPage(t *testing.T) {
	cat := builtin.Catalogue(i18n.FR)
	a := learning.Attestation{Structure: "<b>Mairie</b> & *Cie*", Learner: 42, Name: "Zoé_*Test*",
		From: time.Date(2026, 12, 1, 0, 0, 0, 0, time.Local), To: time.Date(2026, 12, 1, 0, 0, 0, 0, time.Local),
		Time: 50 * time.Minute, Visits: 1, Made: time.Date(2026, 12, 1, 15, 0, 0, 0, time.Local)}
	var b bytes.Buffer
	if err := sheet.Render(&b, Attestation(cat, a)); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	// A positioning's first idea is not a measured level.
	rough := a
	rough.Levels = []learning.Entry{{Competence: cat.Competences[0], Result: scoring.Result{Level: 3, Rough: true}}}
	var rb bytes.Buffer
	if err := sheet.Render(&rb, Attestation(cat, rough)); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(rb.String(), scoring.LevelHeading(i18n.FR, 3)) || !strings.Contains(rb.String(), "Pas encore de test.") {
		t.Errorf("a first idea printed as a level:\n%s", rb.String())
	}
	for _, w := range []string{"&lt;b&gt;Mairie&lt;/b&gt; &amp; *Cie*", "Zoé_*Test*", "le 1er décembre 2026", "0 h 50 min (0,8 heure), en 1 visite",
		"Pas encore de test.", "Le médiateur / La médiatrice"} {
		if !strings.Contains(page, w) {
			t.Errorf("the page lacks %q", w)
		}
	}
	if strings.Contains(page, "<b>Mairie") || strings.Contains(page, "<em>") {
		t.Errorf("a name became markup:\n%s", page)
	}
	for _, c := range []struct {
		d    time.Duration
		lang i18n.Lang
		want string
	}{
		{0, i18n.FR, "0 h 00 min (0 heure), en 0 visites"},
		{90 * time.Minute, i18n.FR, "1 h 30 min (1,5 heure), en 0 visites"},
		{2 * time.Hour, i18n.FR, "2 h 00 min (2 heures), en 0 visites"},
		{time.Hour, i18n.EN, "1 h 00 min (1 hour), in 0 visits"},
		{90 * time.Minute, i18n.EN, "1 h 30 min (1.5 hours), in 0 visits"},
		{12*time.Hour + 20*time.Minute + 40*time.Second, i18n.FR, "12 h 21 min (12,3 heures), en 0 visites"},
		{2 * time.Hour, i18n.EN, "2 h 00 min (2 hours), in 0 visits"},
	} {
		if got := Hours(c.lang, c.d, 0); got != c.want {
			t.Errorf("Hours(%v) = %q, want %q", c.d, got, c.want)
		}
	}
	dir := t.TempDir()
	path, err := WriteAttestation(dir, cat, a)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Dir(path) != dir || !strings.HasPrefix(filepath.Base(path), AttestationPrefix(42)) || filepath.Base(path) != "attestation-42-Zoe--Test--20261201.html" {
		t.Errorf("written to %s", path)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, %v: want 0600", fi.Mode().Perm(), err)
	}
}
