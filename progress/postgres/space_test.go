package postgres_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"pasapas/learning"
	"pasapas/learning/storetest"
	"pasapas/record"
)

// Two places on one server: a médiateur of one place never sees, reaches,
// merges or erases a learner of the other, nor its accounts, ateliers,
// calls, visits, notes or journal.
func TestSpaceScopedByPlace(t *testing.T) {
	sch := schema(t)
	ctx := context.Background()
	a := open(t, sch, "Mairie", nil)
	b := open(t, sch, "Médiathèque", nil)
	sophie, err := a.CreateMediator(ctx, 0, "Sophie", "4826")
	must(t, err)
	karim, err := b.CreateMediator(ctx, 0, "Karim", "7391")
	must(t, err)
	lea, err := a.CreateLearner(ctx, "Léa", "2468", record.Prefs{})
	must(t, err)
	marc, err := b.CreateLearner(ctx, "Marc", "", record.Prefs{})
	must(t, err)
	must(t, a.SetSharing(ctx, lea.ID, true))
	run, err := a.OpenRun(ctx, record.Run{Atelier: "mails", Title: "Mails", Code: "CDEF", OpenedBy: sophie.ID})
	must(t, err)
	must(t, a.JoinRun(ctx, run.ID, lea.ID, true))
	must(t, a.SetCall(ctx, lea.ID, true))
	visit, err := a.StartVisit(ctx, record.Visit{Learner: lea.ID, Place: "PC 1", Run: run.ID})
	must(t, err)
	_, err = a.AddNote(ctx, sophie.ID, lea.ID, "Une note")
	must(t, err)
	_, err = a.RecordAnswer(ctx, record.Answer{Learner: lea.ID, Question: "q1", Variant: "q1", Given: "1", Result: record.Correct})
	must(t, err)

	// What b lists holds nothing of a.
	if ms, _ := b.Mediators(ctx); len(ms) != 1 || ms[0].ID != karim.ID {
		t.Errorf("b's accounts: %+v", ms)
	}
	if ps, _ := b.Profiles(ctx); len(ps) != 1 || ps[0].ID != marc.ID {
		t.Errorf("b's profiles: %+v", ps)
	}
	if rs, _ := b.Runs(ctx); len(rs) != 0 {
		t.Errorf("b's ateliers: %+v", rs)
	}
	if ms, _ := b.Members(ctx, run.ID); len(ms) != 0 {
		t.Errorf("a's atelier's members seen from b: %+v", ms)
	}
	if ms, _ := b.Memberships(ctx, lea.ID); len(ms) != 0 {
		t.Errorf("Léa's ateliers seen from b: %+v", ms)
	}
	if cs, _ := b.Calls(ctx); len(cs) != 0 {
		t.Errorf("b's calls: %+v", cs)
	}
	if vs, _ := b.Visits(ctx, 0); len(vs) != 0 {
		t.Errorf("b's visits: %+v", vs)
	}
	if vs, _ := b.Visits(ctx, lea.ID); len(vs) != 0 {
		t.Errorf("Léa's visits seen from b: %+v", vs)
	}
	if ns, _ := b.Notes(ctx, lea.ID); len(ns) != 0 {
		t.Errorf("Léa's notes seen from b: %+v", ns)
	}
	if as, _ := b.RecentAnswers(ctx, lea.ID, 3); len(as) != 0 {
		t.Errorf("Léa's answers seen from b: %+v", as)
	}
	if acts, _ := b.Actions(ctx); len(acts) != 1 || acts[0].Mediator != karim.ID {
		t.Errorf("b's journal: %+v", acts)
	}

	// What b's médiateur does to a's learner, account or atelier: not
	// found, and nothing changes.
	ops := map[string]error{
		"SetSharing":      b.SetSharing(ctx, lea.ID, false),
		"ResetPIN":        b.ResetPIN(ctx, karim.ID, lea.ID, "1357"),
		"RenameLearner":   b.RenameLearner(ctx, karim.ID, lea.ID, "X"),
		"SetArchived":     b.SetArchived(ctx, karim.ID, lea.ID, true),
		"MergeInto":       b.MergeLearners(ctx, karim.ID, marc.ID, lea.ID),
		"MergeFrom":       b.MergeLearners(ctx, karim.ID, lea.ID, marc.ID),
		"EraseLearner":    b.EraseLearner(ctx, karim.ID, lea.ID, record.ActErase),
		"Erase":           b.Erase(ctx, lea.ID),
		"JoinRunOfA":      b.JoinRun(ctx, run.ID, marc.ID, true),
		"CloseRunOfA":     b.CloseRun(ctx, karim.ID, run.ID),
		"SetCall":         b.SetCall(ctx, lea.ID, false),
		"CheckMediatorA":  b.CheckMediatorPIN(ctx, sophie.ID, "4826"),
		"RemoveMediatorA": b.RemoveMediator(ctx, karim.ID, sophie.ID),
		"ActAsMediatorA":  b.SetArchived(ctx, sophie.ID, marc.ID, true),
		"OpenRunAsA": func() error {
			_, err := b.OpenRun(ctx, record.Run{Atelier: "x", Title: "X", Code: "GHJK", OpenedBy: sophie.ID})
			return err
		}(),
		"StartVisit": func() error {
			_, err := b.StartVisit(ctx, record.Visit{Learner: lea.ID})
			return err
		}(),
		"AddNote": func() error {
			_, err := b.AddNote(ctx, karim.ID, lea.ID, "x")
			return err
		}(),
		"Import": func() error {
			_, err := b.ImportProgress(ctx, lea.ID, record.Portable{Lessons: []record.LessonProgress{{Lesson: "l", Step: 1}}})
			return err
		}(),
	}
	for name, err := range ops {
		if !errors.Is(err, record.ErrNotFound) {
			t.Errorf("%s from the other place: %v, want ErrNotFound", name, err)
		}
	}
	// EndVisit of another place's visit does nothing.
	must(t, b.EndVisit(ctx, visit))
	if vs, _ := a.Visits(ctx, lea.ID); len(vs) != 1 || !vs[0].End.IsZero() {
		t.Errorf("Léa's visit after b ended it: %+v", vs)
	}
	ps, _ := a.Profiles(ctx)
	if len(ps) != 1 || ps[0].Name != "Léa" || ps[0].Archived || !ps[0].Shares {
		t.Errorf("Léa after b's tries: %+v", ps)
	}
	must(t, a.CheckPIN(ctx, lea.ID, "2468"))
	if cs, _ := a.Calls(ctx); len(cs) != 1 {
		t.Errorf("Léa's call after b's tries: %+v", cs)
	}
	if rs, _ := a.Runs(ctx); len(rs) != 1 || !rs[0].ClosedAt.IsZero() {
		t.Errorf("a's atelier after b's tries: %+v", rs)
	}
	if ms, _ := a.Mediators(ctx); len(ms) != 1 {
		t.Errorf("a's accounts after b's tries: %+v", ms)
	}
	if acts, _ := a.Actions(ctx); len(acts) != 3 {
		t.Errorf("a's journal: %+v, want its 3 lines (account, atelier, note)", acts)
	}
	if _, err := b.LoadState(ctx, lea.ID); !errors.Is(err, record.ErrNotFound) {
		t.Errorf("Léa's state from b: %v", err)
	}
}

// Each place has its own retention period, and the retention erase of one
// place touches only that place's learners.
func TestRetentionPerPlace(t *testing.T) {
	sch := schema(t)
	ctx := context.Background()
	clk := storetest.NewClock()
	a := open(t, sch, "Mairie", clk.Now)
	b := open(t, sch, "Médiathèque", clk.Now)
	sophie, err := a.CreateMediator(ctx, 0, "Sophie", "4826")
	must(t, err)
	karim, err := b.CreateMediator(ctx, 0, "Karim", "7391")
	must(t, err)
	oldA, err := a.CreateLearner(ctx, "Ancien A", "", record.Prefs{})
	must(t, err)
	oldB, err := b.CreateLearner(ctx, "Ancien B", "", record.Prefs{})
	must(t, err)
	clk.Advance(8 * 30 * 24 * time.Hour) // eight months without a visit
	newA, err := a.CreateLearner(ctx, "Récent A", "", record.Prefs{})
	must(t, err)

	appA := learning.New(a, learning.Options{Now: clk.Now})
	appB := learning.New(b, learning.Options{Now: clk.Now})
	must(t, appA.SetRetention(ctx, sophie.ID, 6))
	if m, _ := appB.Retention(ctx); m != learning.DefaultRetentionMonths {
		t.Errorf("b's retention: %d months after a chose 6, want the default %d", m, learning.DefaultRetentionMonths)
	}
	must(t, appB.SetRetention(ctx, karim.ID, 36))
	if m, _ := appA.Retention(ctx); m != 6 {
		t.Errorf("a's retention: %d months after b chose 36, want 6", m)
	}
	n, err := appA.EraseExpired(ctx, sophie.ID)
	if err != nil || n != 1 {
		t.Fatalf("EraseExpired in a: %d, %v; want 1 (Ancien A)", n, err)
	}
	if ps, _ := a.Profiles(ctx); len(ps) != 1 || ps[0].ID != newA.ID {
		t.Errorf("a's profiles after its retention erase: %+v", ps)
	}
	if ps, _ := b.Profiles(ctx); len(ps) != 1 || ps[0].ID != oldB.ID {
		t.Errorf("b's profiles after a's retention erase: %+v, want Ancien B kept (b keeps 36 months)", ps)
	}
	if _, err := a.LoadState(ctx, oldA.ID); !errors.Is(err, record.ErrNotFound) {
		t.Errorf("Ancien A after the erase: %v", err)
	}
	if acts, _ := b.Actions(ctx); len(acts) != 2 {
		t.Errorf("b's journal: %+v, want its account and its retention lines only", acts)
	}
}
