package progress_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"pasapas/learning"
	"pasapas/lessons"
	"pasapas/progress"
	"pasapas/record"
)

// TestVisitsAcrossRestarts: the visits of an atelier, summed per learner and
// per atelier, whatever the program was closed and opened again between
// them (another day, another window on the same file).
func TestVisitsAcrossRestarts(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "progres.db")
	now := time.Date(2026, 12, 7, 14, 0, 0, 0, time.Local)
	clk := func() time.Time { return now }
	open := func() (*progress.Store, *learning.Service) {
		t.Helper()
		s, err := progress.OpenWith(path, progress.Options{Now: clk})
		if err != nil {
			t.Fatal(err)
		}
		return s, learning.New(s, learning.Options{Now: clk})
	}
	s, app := open()
	sophie, _ := app.CreateMediator(ctx, 0, "Sophie", "4826")
	lea, _ := app.CreateLearner(ctx, "Léa", "", record.Prefs{})
	run, err := app.OpenAtelier(ctx, sophie.ID, &lessons.Atelier{ID: "premiers-mails", Title: "Premiers mails",
		Code: "MAC74", Level: "Débutant", Parcours: []lessons.Ref{{ID: "mail-adresse"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := app.JoinAtelier(ctx, lea.ID, "MAC74", true); err != nil {
		t.Fatal(err)
	}
	v, _ := app.StartVisit(ctx, lea.ID, "PC 1")
	now = now.Add(40 * time.Minute)
	app.EndVisit(ctx, v) // the idle lock
	s.Close()

	s, app = open() // the program started again
	v, _ = app.StartVisit(ctx, lea.ID, "PC 1")
	now = now.Add(50 * time.Minute)
	app.EndVisit(ctx, v) // « Terminer ma séance »
	s.Close()

	s, app = open()
	defer s.Close()
	tot, err := app.Totals(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if tot.ByLearner[lea.ID] != 90*time.Minute || tot.ByRun[run.ID] != 90*time.Minute {
		t.Errorf("totals = %+v, want 1 h 30 for Léa and for the atelier", tot)
	}
}
