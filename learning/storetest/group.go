package storetest

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"pasapas/learning"
	"pasapas/record"
)

// groupOf finds the ateliers' side of a store (through Clocked).
func groupOf(s learning.Store) (learning.Group, bool) {
	if c, ok := s.(Clocked); ok {
		s = c.Store
	}
	g, ok := s.(learning.Group)
	return g, ok
}

// runGroup is the contract of learning.Group: ateliers opened and closed,
// members and their consent, calls, visits, notes — and that the notes,
// visits and ateliers of a learner go with their export and their erase.
func runGroup(t *testing.T, open func(*testing.T) learning.Store) {
	setup := func(t *testing.T) (*env, learning.Group, learning.Space, record.Mediator) {
		e := newEnv(t, open)
		g, ok := groupOf(e.s)
		sp, ok2 := spaceOf(e.s)
		if !ok || !ok2 {
			t.Skip("the store does not offer ateliers (learning.Group)")
		}
		m, err := sp.CreateMediator(e.ctx, 0, "Sophie", "4826")
		if err != nil {
			t.Fatalf("CreateMediator: %v", err)
		}
		return e, g, sp, m
	}

	t.Run("Runs", func(t *testing.T) {
		e, g, sp, sophie := setup(t)
		r, err := g.OpenRun(e.ctx, record.Run{Atelier: "premiers-mails", Title: "Premiers mails", Code: "MAC74",
			Level: "Débutant", Thematiques: []string{"E-mail"}, Parcours: []string{"mail-adresse", "mail-boite"},
			IdleMinutes: 20, OpenedBy: sophie.ID})
		is(t, "OpenRun", err, nil)
		if r.ID <= 0 || r.OpenedAt.IsZero() || !r.ClosedAt.IsZero() {
			t.Errorf("OpenRun = %+v", r)
		}
		_, err = g.OpenRun(e.ctx, record.Run{Atelier: "x", Title: "x", Code: "CDEF", OpenedBy: 999})
		is(t, "opened by no one", err, record.ErrNotFound)
		runs, err := g.Runs(e.ctx)
		if err != nil || len(runs) != 1 {
			t.Fatalf("Runs = %+v, %v", runs, err)
		}
		got := runs[0]
		if got.Code != "MAC74" || got.Title != "Premiers mails" || got.Level != "Débutant" || got.IdleMinutes != 20 ||
			!slices.Equal(got.Parcours, []string{"mail-adresse", "mail-boite"}) || !slices.Equal(got.Thematiques, []string{"E-mail"}) ||
			len(got.Positioning) != 0 || got.OpenedBy != sophie.ID {
			t.Errorf("Runs()[0] = %+v", got)
		}
		acts, _ := sp.Actions(e.ctx)
		if len(acts) == 0 || acts[0].Kind != record.ActAtelierOpened || acts[0].Value != int(r.ID) {
			t.Errorf("journal after opening: %+v", acts)
		}
		is(t, "CloseRun", g.CloseRun(e.ctx, sophie.ID, r.ID), nil)
		is(t, "closing an unknown run", g.CloseRun(e.ctx, sophie.ID, 999), record.ErrNotFound)
		runs, _ = g.Runs(e.ctx)
		if runs[0].ClosedAt.IsZero() {
			t.Error("the run is still open after CloseRun")
		}
		acts, _ = sp.Actions(e.ctx)
		if acts[0].Kind != record.ActAtelierClosed {
			t.Errorf("journal after closing: %+v", acts[0])
		}
	})

	// The store refuses a code an open run uses, in its own write: the
	// use case's check alone lets two PCs opening at once share one code.
	t.Run("CodeTaken", func(t *testing.T) {
		e, g, _, sophie := setup(t)
		first, err := g.OpenRun(e.ctx, record.Run{Atelier: "a", Title: "A", Code: "MAC74", OpenedBy: sophie.ID})
		is(t, "OpenRun(MAC74)", err, nil)
		steps := []struct {
			name   string
			before func()
			code   string
			want   error
		}{
			{"the same code while the first is open", nil, "MAC74", learning.ErrCodeTaken},
			{"another code", nil, "CDEF", nil},
			{"the code again once the first is closed", func() { is(t, "CloseRun", g.CloseRun(e.ctx, sophie.ID, first.ID), nil) }, "MAC74", nil},
			{"the code of a run opened RunHours ago", func() { e.advance(record.RunHours * time.Hour) }, "CDEF", nil},
		}
		for _, st := range steps {
			if st.before != nil {
				if st.code == "CDEF" && e.clk == nil {
					t.Skip("the rest needs time to pass (no storetest.Advancer)")
				}
				st.before()
			}
			_, err := g.OpenRun(e.ctx, record.Run{Atelier: "b", Title: "B", Code: st.code, OpenedBy: sophie.ID})
			is(t, st.name, err, st.want)
		}
		if runs, _ := g.Runs(e.ctx); len(runs) != 4 {
			t.Errorf("Runs = %+v: want the 4 openings accepted, no more", runs)
		}
	})

	t.Run("Members", func(t *testing.T) {
		e, g, _, sophie := setup(t)
		r, _ := g.OpenRun(e.ctx, record.Run{Atelier: "a", Title: "A", Code: "CDEF", OpenedBy: sophie.ID})
		lea, marc := e.learner("Léa", ""), e.learner("Marc", "")
		is(t, "Léa joins", g.JoinRun(e.ctx, r.ID, lea.ID, true), nil)
		e.advance(time.Second)
		is(t, "Marc joins", g.JoinRun(e.ctx, r.ID, marc.ID, false), nil)
		is(t, "an unknown learner", g.JoinRun(e.ctx, r.ID, 999, true), record.ErrNotFound)
		is(t, "an unknown run", g.JoinRun(e.ctx, 999, lea.ID, true), record.ErrNotFound)
		ms, err := g.Members(e.ctx, r.ID)
		if err != nil || len(ms) != 2 || ms[0].Name != "Léa" || !ms[0].Consent || ms[1].Name != "Marc" || ms[1].Consent {
			t.Fatalf("Members = %+v, %v", ms, err)
		}
		is(t, "Léa withdraws", g.JoinRun(e.ctx, r.ID, lea.ID, false), nil)
		ms, _ = g.Members(e.ctx, r.ID)
		if len(ms) != 2 || ms[0].Consent {
			t.Errorf("after withdrawing: %+v", ms)
		}
		r2, _ := g.OpenRun(e.ctx, record.Run{Atelier: "b", Title: "B", Code: "CDEG", OpenedBy: sophie.ID})
		e.advance(time.Second)
		g.JoinRun(e.ctx, r2.ID, lea.ID, true)
		mine, err := g.Memberships(e.ctx, lea.ID)
		if err != nil || len(mine) != 2 || mine[0].Run != r2.ID || mine[1].Run != r.ID {
			t.Errorf("Memberships = %+v, %v: want the newest first", mine, err)
		}
	})

	t.Run("Calls", func(t *testing.T) {
		e, g, _, _ := setup(t)
		lea, marc := e.learner("Léa", ""), e.learner("Marc", "")
		is(t, "Léa calls", g.SetCall(e.ctx, lea.ID, true), nil)
		e.advance(time.Second)
		is(t, "Marc calls", g.SetCall(e.ctx, marc.ID, true), nil)
		is(t, "Léa calls again", g.SetCall(e.ctx, lea.ID, true), nil)
		is(t, "an unknown learner", g.SetCall(e.ctx, 999, true), record.ErrNotFound)
		calls, err := g.Calls(e.ctx)
		if err != nil || len(calls) != 2 || calls[0].Learner != lea.ID || calls[1].Learner != marc.ID {
			t.Errorf("Calls = %+v, %v: want Léa, the first to call, first", calls, err)
		}
		is(t, "Léa is answered", g.SetCall(e.ctx, lea.ID, false), nil)
		calls, _ = g.Calls(e.ctx)
		if len(calls) != 1 || calls[0].Learner != marc.ID {
			t.Errorf("Calls = %+v", calls)
		}
	})

	t.Run("Visits", func(t *testing.T) {
		e, g, _, _ := setup(t)
		e.needClock()
		lea := e.learner("Léa", "")
		v1, err := g.StartVisit(e.ctx, record.Visit{Learner: lea.ID, Place: "PC 2", Run: 0})
		is(t, "StartVisit", err, nil)
		e.advance(20 * time.Minute)
		is(t, "EndVisit", g.EndVisit(e.ctx, v1), nil)
		e.advance(time.Minute)
		is(t, "EndVisit again changes nothing", g.EndVisit(e.ctx, v1), nil)
		_, err = g.StartVisit(e.ctx, record.Visit{Learner: 999})
		is(t, "an unknown learner", err, record.ErrNotFound)
		vs, err := g.Visits(e.ctx, lea.ID)
		if err != nil || len(vs) != 1 || vs[0].Length() != 20*time.Minute || vs[0].Place != "PC 2" {
			t.Errorf("Visits = %+v, %v: want one of 20 minutes at PC 2", vs, err)
		}
		// A visit never ended (the program stopped) with nothing done in it,
		// then the next one: the first ends where it began and counts
		// nothing.
		g.StartVisit(e.ctx, record.Visit{Learner: lea.ID, Place: "PC 2"})
		e.advance(time.Hour)
		v3, _ := g.StartVisit(e.ctx, record.Visit{Learner: lea.ID, Place: "PC 2"})
		vs, _ = g.Visits(e.ctx, lea.ID)
		if len(vs) != 3 || vs[1].End.IsZero() || vs[1].Length() != 0 || vs[2].ID != v3 || !vs[2].End.IsZero() {
			t.Errorf("Visits = %+v: want the unended one closed at its start, the new one open", vs)
		}
	})

	// A visit nobody ended (another PC, a program closed without signing
	// out) ends, when the next visit starts, at the learner's last activity
	// in it (record.LeftVisitEnd): never before its start, never after the
	// next visit's start, at most record.HereFor.
	t.Run("LeftVisitEnds", func(t *testing.T) {
		for _, c := range []struct {
			name string
			// during runs after the first visit starts, on the store's
			// clock; the next visit starts when it returns.
			during func(e *env, lea record.Learner)
			want   time.Duration // the first visit's length
		}{
			{"answers, then a new visit: at the last answer", func(e *env, lea record.Learner) {
				e.advance(5 * time.Minute)
				e.answer(record.Answer{Learner: lea.ID, Question: "q1"})
				e.advance(20 * time.Minute)
				e.answer(record.Answer{Learner: lea.ID, Question: "q2"})
				e.advance(time.Hour)
			}, 25 * time.Minute},
			{"a lesson step", func(e *env, lea record.Learner) {
				e.advance(15 * time.Minute)
				is(t, "SaveLessonStep", e.s.SaveLessonStep(e.ctx, lea.ID, record.LessonStep{Lesson: "mail-adresse", Step: 2}), nil)
				e.advance(time.Hour)
			}, 15 * time.Minute},
			{"a test finished", func(e *env, lea record.Learner) {
				e.advance(10 * time.Minute)
				id := e.test(lea.ID, "mail")
				e.advance(30 * time.Minute)
				e.finish(id, 2)
				e.advance(time.Hour)
			}, 40 * time.Minute},
			{"no activity: where it began", func(e *env, lea record.Learner) {
				e.advance(2 * time.Hour)
			}, 0},
			{"activity after the new visit's start (another PC, a clock behind): up to that start", func(e *env, lea record.Learner) {
				e.advance(30 * time.Minute)
				e.answer(record.Answer{Learner: lea.ID, Question: "q1"})
				e.advance(-10 * time.Minute)
			}, 20 * time.Minute},
			{"activity long after its start (a PC left on): at most HereFor", func(e *env, lea record.Learner) {
				e.advance(20 * time.Hour)
				e.answer(record.Answer{Learner: lea.ID, Question: "q1"})
				e.advance(time.Hour)
			}, record.HereFor},
		} {
			t.Run(c.name, func(t *testing.T) {
				e, g, _, _ := setup(t)
				e.needClock()
				lea := e.learner("Léa", "")
				// An answer before the visit is not activity in it.
				e.answer(record.Answer{Learner: lea.ID, Question: "q0"})
				e.advance(time.Minute)
				v1, err := g.StartVisit(e.ctx, record.Visit{Learner: lea.ID, Place: "PC 1"})
				is(t, "StartVisit", err, nil)
				c.during(e, lea)
				v2, err := g.StartVisit(e.ctx, record.Visit{Learner: lea.ID, Place: "PC 2"})
				is(t, "StartVisit", err, nil)
				vs, err := g.Visits(e.ctx, lea.ID)
				if err != nil || len(vs) != 2 || vs[0].ID != v1 || vs[1].ID != v2 {
					t.Fatalf("Visits = %+v, %v: want the two", vs, err)
				}
				if vs[0].End.IsZero() || vs[0].Length() != c.want {
					t.Errorf("the first visit lasts %v (end %v), want %v", vs[0].Length(), vs[0].End, c.want)
				}
				if vs[0].End.After(vs[1].Start) {
					t.Errorf("the first visit ends at %v, after the second began (%v)", vs[0].End, vs[1].Start)
				}
				if !vs[1].End.IsZero() {
					t.Errorf("the new visit is ended: %+v", vs[1])
				}
			})
		}

		// Two profiles of one person, each with a visit nobody ended,
		// merged: the earlier visit's window stops where the later one
		// starts, so the later one's activity does not count twice.
		t.Run("two left visits after a merge", func(t *testing.T) {
			e, g, sp, sophie := setup(t)
			e.needClock()
			keep, drop := e.learner("Hélène", ""), e.learner("Hélène M.", "")
			g.StartVisit(e.ctx, record.Visit{Learner: keep.ID, Place: "PC 1"})
			e.advance(time.Hour)
			g.StartVisit(e.ctx, record.Visit{Learner: drop.ID, Place: "PC 2"})
			e.advance(10 * time.Minute)
			e.answer(record.Answer{Learner: drop.ID, Question: "q1"})
			if err := sp.MergeLearners(e.ctx, sophie.ID, keep.ID, drop.ID); err != nil && !errors.Is(err, record.ErrNotCompacted) {
				t.Fatalf("MergeLearners: %v", err)
			}
			e.advance(2 * time.Hour)
			_, err := g.StartVisit(e.ctx, record.Visit{Learner: keep.ID, Place: "PC 1"})
			is(t, "StartVisit", err, nil)
			vs, _ := g.Visits(e.ctx, keep.ID)
			if len(vs) != 3 || vs[0].End.IsZero() || vs[0].Length() != 0 || vs[1].Length() != 10*time.Minute {
				t.Errorf("Visits = %+v: want the first at 0 (nothing before the second began), the second at 10 min", vs)
			}
		})
	})

	t.Run("RecentAnswers", func(t *testing.T) {
		e, g, _, _ := setup(t)
		lea := e.learner("Léa", "")
		for i, r := range []record.Result{record.Correct, record.Skipped, record.Incorrect} {
			_, err := e.s.RecordAnswer(e.ctx, record.Answer{Learner: lea.ID, Question: "q" + string(rune('1'+i)), Given: `""`, Result: r})
			is(t, "RecordAnswer", err, nil)
		}
		got, err := g.RecentAnswers(e.ctx, lea.ID, 2)
		if err != nil || len(got) != 2 || got[0].Result != record.Incorrect || got[1].Result != record.Skipped {
			t.Errorf("RecentAnswers = %+v, %v: want the last two, the newest first", got, err)
		}
	})

	t.Run("NotesExportedAndErased", func(t *testing.T) {
		e, g, _, sophie := setup(t)
		lea, marc := e.learner("Léa", ""), e.learner("Marc", "")
		r, _ := g.OpenRun(e.ctx, record.Run{Atelier: "premiers-mails", Title: "Premiers mails", Code: "CDEF", OpenedBy: sophie.ID})
		g.JoinRun(e.ctx, r.ID, lea.ID, true)
		v, _ := g.StartVisit(e.ctx, record.Visit{Learner: lea.ID, Place: "PC 2", Run: r.ID})
		g.EndVisit(e.ctx, v)
		n, err := g.AddNote(e.ctx, sophie.ID, lea.ID, "Veut apprendre à envoyer une photo à sa fille.")
		is(t, "AddNote", err, nil)
		if n.ID <= 0 || n.MediatorName != "Sophie" || n.At.IsZero() {
			t.Errorf("AddNote = %+v", n)
		}
		g.AddNote(e.ctx, sophie.ID, marc.ID, "Note sur Marc")
		_, err = g.AddNote(e.ctx, 999, lea.ID, "x")
		is(t, "a note by no one", err, record.ErrNotFound)
		notes, err := g.Notes(e.ctx, lea.ID)
		if err != nil || len(notes) != 1 || notes[0].Text != n.Text {
			t.Errorf("Notes = %+v, %v", notes, err)
		}
		path := filepath.Join(t.TempDir(), "export.json")
		is(t, "ExportFile", e.s.ExportFile(e.ctx, lea.ID, path), nil)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		var ex record.Export
		if err := json.Unmarshal(data, &ex); err != nil {
			t.Fatal(err)
		}
		if len(ex.Space.Notes) != 1 || ex.Space.Notes[0].Text != n.Text || ex.Space.Notes[0].Mediator != "Sophie" {
			t.Errorf("export's notes = %+v", ex.Space.Notes)
		}
		if len(ex.Space.Visits) != 1 || ex.Space.Visits[0].Atelier != "premiers-mails" || ex.Space.Visits[0].Place != "PC 2" {
			t.Errorf("export's visits = %+v", ex.Space.Visits)
		}
		if len(ex.Space.Ateliers) != 1 || !ex.Space.Ateliers[0].Consent || ex.Space.Ateliers[0].Title != "Premiers mails" {
			t.Errorf("export's ateliers = %+v", ex.Space.Ateliers)
		}
		if err := e.s.Erase(e.ctx, lea.ID); err != nil && !errors.Is(err, record.ErrNotCompacted) {
			t.Fatalf("Erase: %v", err)
		}
		if notes, _ := g.Notes(e.ctx, lea.ID); len(notes) != 0 {
			t.Errorf("notes after the erase: %+v", notes)
		}
		if vs, _ := g.Visits(e.ctx, lea.ID); len(vs) != 0 {
			t.Errorf("visits after the erase: %+v", vs)
		}
		if ms, _ := g.Members(e.ctx, r.ID); len(ms) != 0 {
			t.Errorf("members after the erase: %+v", ms)
		}
		if notes, _ := g.Notes(e.ctx, marc.ID); len(notes) != 1 {
			t.Errorf("Marc's notes after Léa's erase: %+v", notes)
		}
	})

	t.Run("Merge", func(t *testing.T) {
		e, g, sp, sophie := setup(t)
		keep, drop := e.learner("Hélène", ""), e.learner("Hélène M.", "")
		r, _ := g.OpenRun(e.ctx, record.Run{Atelier: "a", Title: "A", Code: "CDEF", OpenedBy: sophie.ID})
		g.JoinRun(e.ctx, r.ID, drop.ID, true)
		v, _ := g.StartVisit(e.ctx, record.Visit{Learner: drop.ID, Place: "PC 1", Run: r.ID})
		g.EndVisit(e.ctx, v)
		g.AddNote(e.ctx, sophie.ID, drop.ID, "Une note")
		g.SetCall(e.ctx, drop.ID, true)
		if err := sp.MergeLearners(e.ctx, sophie.ID, keep.ID, drop.ID); err != nil && !errors.Is(err, record.ErrNotCompacted) {
			t.Fatalf("MergeLearners: %v", err)
		}
		if vs, _ := g.Visits(e.ctx, keep.ID); len(vs) != 1 {
			t.Errorf("visits after the merge: %+v, want the merged profile's", vs)
		}
		if ns, _ := g.Notes(e.ctx, keep.ID); len(ns) != 1 {
			t.Errorf("notes after the merge: %+v", ns)
		}
		if ms, _ := g.Members(e.ctx, r.ID); len(ms) != 1 || ms[0].Learner != keep.ID || !ms[0].Consent {
			t.Errorf("members after the merge: %+v", ms)
		}
		if cs, _ := g.Calls(e.ctx); len(cs) != 0 {
			t.Errorf("calls after the merge: %+v: the merged profile's call goes with it", cs)
		}
	})
}
