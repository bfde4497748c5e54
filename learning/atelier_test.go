package learning_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"pasapas/learning"
	"pasapas/lessons"
	"pasapas/record"
	"pasapas/scoring"
)

func mailsAtelier(code string) *lessons.Atelier {
	return &lessons.Atelier{ID: "premiers-mails", Title: "Premiers pas avec les mails", Code: code, Level: "Débutant",
		Thematiques: []lessons.Thematique{{Label: "E-mail"}},
		Parcours:    []lessons.Ref{{ID: "mail-adresse"}, {ID: "mail-boite"}}, IdleMinutes: 20}
}

// TestAtelierUseCases: opening, joining with a code (a wrong and a closed
// code answered alike), the parcours, the idle delay's precedence.
func TestAtelierUseCases(t *testing.T) {
	ctx := context.Background()
	onEachStore(t, func(t *testing.T, app *learning.Service, c *clock) {
		sophie, _ := app.CreateMediator(ctx, 0, "Sophie", "4826")
		lea, _ := app.CreateLearner(ctx, "Léa", "", record.Prefs{})
		if _, err := app.OpenAtelier(ctx, sophie.ID, mailsAtelier("MO1")); !errors.Is(err, record.ErrInvalid) {
			t.Errorf("a code with ambiguous characters: %v", err)
		}
		run, err := app.OpenAtelier(ctx, sophie.ID, mailsAtelier("mac-74"))
		if err != nil || run.Code != "MAC74" {
			t.Fatalf("OpenAtelier = %+v, %v", run, err)
		}
		if _, err := app.OpenAtelier(ctx, sophie.ID, mailsAtelier("MAC74")); !errors.Is(err, learning.ErrCodeTaken) {
			t.Errorf("a second atelier with the same code: %v", err)
		}
		drawn, err := app.OpenAtelier(ctx, sophie.ID, mailsAtelier(""))
		if err != nil || !lessons.ValidCode(drawn.Code) {
			t.Errorf("a drawn code: %+v, %v", drawn, err)
		}
		if _, err := app.JoinAtelier(ctx, lea.ID, "MAC47", true); !errors.Is(err, record.ErrNoAtelier) {
			t.Errorf("a wrong code: %v", err)
		}
		if _, _, ok, _ := app.MyAtelier(ctx, lea.ID); ok {
			t.Error("an atelier before joining")
		}
		if _, err := app.JoinAtelier(ctx, lea.ID, " mac 74 ", true); err != nil {
			t.Fatalf("joining: %v", err)
		}
		r, m, ok, err := app.MyAtelier(ctx, lea.ID)
		if err != nil || !ok || r.ID != run.ID || !m.Consent {
			t.Fatalf("MyAtelier = %+v %+v %v %v", r, m, ok, err)
		}
		st, _ := app.State(ctx, lea.ID)
		ls, next := learning.Parcours(cat, r, st)
		if len(ls) != 2 || next != 0 {
			t.Errorf("Parcours = %d lessons, next %d", len(ls), next)
		}
		app.SaveLessonStep(ctx, lea.ID, record.LessonStep{Lesson: "mail-adresse", Step: 99, Done: true})
		st, _ = app.State(ctx, lea.ID)
		if _, next := learning.Parcours(cat, r, st); next != 1 {
			t.Errorf("after the first lesson, next = %d, want 1", next)
		}

		// Closed, or opened more than RunHours ago: the same answer as a
		// wrong code.
		if err := app.CloseAtelier(ctx, sophie.ID, run.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := app.JoinAtelier(ctx, lea.ID, "MAC74", true); !errors.Is(err, record.ErrNoAtelier) {
			t.Errorf("a closed atelier's code: %v", err)
		}
		if _, _, ok, _ := app.MyAtelier(ctx, lea.ID); ok {
			t.Error("a closed atelier is still the learner's")
		}
		c.t = c.t.Add(record.RunHours * time.Hour)
		if _, err := app.JoinAtelier(ctx, lea.ID, drawn.Code, true); !errors.Is(err, record.ErrNoAtelier) {
			t.Errorf("a code opened %d hours ago: %v", record.RunHours, err)
		}
	})
}

func TestIdleDelayPrecedence(t *testing.T) {
	def := 10 * time.Minute
	for _, c := range []struct {
		flag    time.Duration
		given   bool
		atelier int
		want    time.Duration
	}{
		{0, false, 0, def},
		{0, false, 20, 20 * time.Minute},
		{5 * time.Minute, true, 20, 5 * time.Minute},
		{0, true, 20, 0}, // --idle-lock 0: never, whatever the atelier says
	} {
		if got := learning.IdleDelay(c.flag, c.given, c.atelier, def); got != c.want {
			t.Errorf("IdleDelay(%v, %v, %d) = %v, want %v", c.flag, c.given, c.atelier, got, c.want)
		}
	}
}

// TestGroupView: one row per consenting member, with lesson and step; a
// member who does not agree is absent, and while they call shows a first
// name and nothing else; the signs of being stuck.
func TestGroupView(t *testing.T) {
	ctx := context.Background()
	onEachStore(t, func(t *testing.T, app *learning.Service, c *clock) {
		sophie, _ := app.CreateMediator(ctx, 0, "Sophie", "4826")
		lea, _ := app.CreateLearner(ctx, "Léa Martin", "", record.Prefs{})
		marc, _ := app.CreateLearner(ctx, "Marc Petit", "", record.Prefs{})
		run, _ := app.OpenAtelier(ctx, sophie.ID, mailsAtelier("MAC74"))
		app.JoinAtelier(ctx, lea.ID, "MAC74", true)
		app.JoinAtelier(ctx, marc.ID, "MAC74", false)
		app.StartVisit(ctx, lea.ID, "PC 1")
		app.StartVisit(ctx, marc.ID, "PC 2")
		takeTest(t, app, c, marc.ID, "mail", func(int, *scoring.Item) bool { return true })
		app.SaveLessonStep(ctx, lea.ID, record.LessonStep{Lesson: "mail-adresse", Step: 2})
		app.SaveLessonStep(ctx, marc.ID, record.LessonStep{Lesson: "mail-boite", Step: 2})

		rows, err := app.GroupView(ctx, cat, run.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1 || rows[0].Learner != lea.ID || !rows[0].Shown || rows[0].Lesson == nil ||
			rows[0].Lesson.ID != "mail-adresse" || rows[0].Step != 2 || rows[0].Name != "Léa Martin" {
			t.Fatalf("rows = %+v: want Léa alone, in mail-adresse at step 2", rows)
		}
		if rows[0].Stuck != learning.NotStuck {
			t.Errorf("stuck = %v at once", rows[0].Stuck)
		}
		c.t = c.t.Add(learning.StuckAfter)
		rows, _ = app.GroupView(ctx, cat, run.ID)
		if rows[0].Stuck != learning.StuckLong {
			t.Errorf("stuck = %v after %v on one step, want StuckLong", rows[0].Stuck, learning.StuckAfter)
		}
		for i := range 3 {
			app.RecordAnswer(ctx, record.Answer{Learner: lea.ID, Question: "q" + string(rune('a'+i)), Given: `""`, Result: record.Skipped}, nil)
		}
		rows, _ = app.GroupView(ctx, cat, run.ID)
		if rows[0].Stuck != learning.StuckSkips {
			t.Errorf("stuck = %v after three « Je ne sais pas », want StuckSkips", rows[0].Stuck)
		}

		// Marc calls: his first name, the call, nothing of what he did.
		if err := app.CallMediator(ctx, marc.ID, true); err != nil {
			t.Fatal(err)
		}
		rows, _ = app.GroupView(ctx, cat, run.ID)
		if len(rows) != 2 || rows[0].Learner != marc.ID || rows[0].Calling.IsZero() {
			t.Fatalf("rows = %+v: want Marc, calling, first", rows)
		}
		if m := rows[0]; m.Shown || m.Name != "Marc" || m.Lesson != nil || m.Levels != nil || m.LessonsDone != 0 || !m.LastActive.IsZero() {
			t.Errorf("a calling learner who does not agree shows %+v: want his first name only", m)
		}
		app.CallMediator(ctx, marc.ID, false)

		// Léa withdraws: her row goes.
		app.SetAtelierConsent(ctx, lea.ID, run.ID, false)
		if rows, _ = app.GroupView(ctx, cat, run.ID); len(rows) != 0 {
			t.Errorf("rows after withdrawing = %+v", rows)
		}

		// Outside an atelier: the learners here who share.
		app.SetSharing(ctx, marc.ID, true)
		rows, _ = app.GroupView(ctx, cat, 0)
		if len(rows) != 1 || rows[0].Learner != marc.ID || len(rows[0].Levels) == 0 {
			t.Errorf("place rows = %+v: want Marc with his levels", rows)
		}
		st, _ := app.Results(ctx, cat, marc.ID)
		if len(st.Entries) != len(rows[0].Levels) || st.Entries[0].Result.Level != rows[0].Levels[0].Result.Level {
			t.Errorf("the row's levels differ from « Mes résultats »")
		}
	})
}

// TestVisitTotals: visits summed per learner and per atelier across idle
// locks (each lock ends a visit, the next sign-in starts another).
func TestVisitTotals(t *testing.T) {
	ctx := context.Background()
	onEachStore(t, func(t *testing.T, app *learning.Service, c *clock) {
		sophie, _ := app.CreateMediator(ctx, 0, "Sophie", "4826")
		lea, _ := app.CreateLearner(ctx, "Léa", "", record.Prefs{})
		marc, _ := app.CreateLearner(ctx, "Marc", "", record.Prefs{})
		v, _ := app.StartVisit(ctx, lea.ID, "PC 1") // before the atelier
		c.t = c.t.Add(10 * time.Minute)
		app.EndVisit(ctx, v)
		run, _ := app.OpenAtelier(ctx, sophie.ID, mailsAtelier("MAC74"))
		app.JoinAtelier(ctx, lea.ID, "MAC74", true)
		app.JoinAtelier(ctx, marc.ID, "MAC74", false)
		for _, d := range []time.Duration{25 * time.Minute, 35 * time.Minute} { // an idle lock between
			v, _ := app.StartVisit(ctx, lea.ID, "PC 1")
			w, _ := app.StartVisit(ctx, marc.ID, "PC 2")
			c.t = c.t.Add(d)
			app.EndVisit(ctx, v)
			app.EndVisit(ctx, w)
		}
		app.StartVisit(ctx, marc.ID, "PC 2") // never ended: counts nothing
		tot, err := app.Totals(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if tot.ByLearner[lea.ID] != 70*time.Minute || tot.ByLearner[marc.ID] != time.Hour || tot.ByRun[run.ID] != 2*time.Hour {
			t.Errorf("totals = %+v", tot)
		}
		sums, err := app.RunSummaries(ctx)
		if err != nil || len(sums) != 1 || sums[0].Members != 2 || sums[0].Time != 2*time.Hour {
			t.Errorf("RunSummaries = %+v, %v", sums, err)
		}
	})
}
