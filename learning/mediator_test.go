package learning_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"pasapas/learning"
	"pasapas/record"
	"pasapas/scoring"
)

// TestSpaceUseCases: the médiateur's decisions, on both stores.
func TestSpaceUseCases(t *testing.T) {
	ctx := context.Background()
	onEachStore(t, func(t *testing.T, app *learning.Service, c *clock) {
		if !app.HasSpace() {
			t.Fatal("the store offers no médiateur's space")
		}
		// Trivial codes are refused; the first account needs no one, the
		// next ones need a médiateur.
		for _, pin := range []string{"1234", "0000", "9876", "2580", "123456", "7890"} {
			if _, err := app.CreateMediator(ctx, 0, "Sophie", pin); !errors.Is(err, record.ErrTrivialPIN) {
				t.Errorf("code %s: %v, want refused as trivial", pin, err)
			}
		}
		sophie, err := app.CreateMediator(ctx, 0, "Sophie", "4826")
		if err != nil {
			t.Fatal(err)
		}
		if _, err := app.CreateMediator(ctx, 0, "Intrus", "7391"); !errors.Is(err, record.ErrInvalid) {
			t.Errorf("a second account without a médiateur: %v", err)
		}
		if err := app.RemoveMediator(ctx, sophie.ID, sophie.ID); !errors.Is(err, record.ErrSelf) {
			t.Errorf("removing oneself: %v", err)
		}

		// No consent, no result: SharedProgress refuses and logs nothing.
		l, _ := app.CreateLearner(ctx, "Marie", "2468", record.Prefs{})
		takeTest(t, app, c, l.ID, "mail", func(n int, it *scoring.Item) bool { return n%3 != 2 })
		before, _ := app.Actions(ctx)
		if _, err := app.SharedProgress(ctx, sophie.ID, cat, l.ID); !errors.Is(err, record.ErrNoConsent) {
			t.Errorf("SharedProgress without consent: %v, want ErrNoConsent", err)
		}
		if after, _ := app.Actions(ctx); len(after) != len(before) {
			t.Error("a refused look was logged")
		}
		if err := app.SetSharing(ctx, l.ID, true); err != nil {
			t.Fatal(err)
		}
		st, err := app.SharedProgress(ctx, sophie.ID, cat, l.ID)
		if err != nil || len(st.Entries) == 0 {
			t.Errorf("SharedProgress with consent: %+v, %v", st.Entries, err)
		}
		mine, _ := app.Results(ctx, cat, l.ID)
		if len(mine.Entries) != len(st.Entries) || mine.Entries[0].Result.Level != st.Entries[0].Result.Level {
			t.Error("the médiateur's view and « Mes résultats » disagree")
		}
		if acts, _ := app.Actions(ctx); acts[0].Kind != record.ActProgressViewed || acts[0].Learner != l.ID {
			t.Errorf("journal %+v: the look is recorded", acts[0])
		}
		// Revoked: refused again.
		app.SetSharing(ctx, l.ID, false)
		if _, err := app.SharedProgress(ctx, sophie.ID, cat, l.ID); !errors.Is(err, record.ErrNoConsent) {
			t.Errorf("SharedProgress after the consent was taken back: %v", err)
		}

		// Archived profiles leave « Qui êtes-vous ? » only.
		app.SetArchived(ctx, sophie.ID, l.ID, true)
		if list, _ := app.ActiveLearners(ctx); len(list) != 0 {
			t.Errorf("ActiveLearners = %+v, want the archived profile left out", list)
		}
		if list, _ := app.Profiles(ctx); len(list) != 1 || !list[0].Archived {
			t.Errorf("Profiles = %+v: the space still lists it", list)
		}

		// Retention: the default, then the place's choice.
		if m, _ := app.Retention(ctx); m != learning.DefaultRetentionMonths {
			t.Errorf("Retention = %d, want the default", m)
		}
		if ex, _ := app.Expired(ctx); len(ex) != 0 {
			t.Errorf("Expired = %+v on the first day", ex)
		}
		if err := app.SetRetention(ctx, sophie.ID, 6); err != nil {
			t.Fatal(err)
		}
		c.t = c.t.Add(7 * 31 * 24 * time.Hour)
		if ex, _ := app.Expired(ctx); len(ex) != 1 {
			t.Errorf("Expired = %+v after 7 months with 6 kept", ex)
		}
		n, err := app.EraseExpired(ctx, sophie.ID)
		if n != 1 || (err != nil && !errors.Is(err, record.ErrNotCompacted)) {
			t.Errorf("EraseExpired = %d, %v", n, err)
		}
		if list, _ := app.Profiles(ctx); len(list) != 0 {
			t.Errorf("Profiles after the retention erase: %+v", list)
		}
	})
}
