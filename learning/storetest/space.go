package storetest

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"pasapas/learning"
	"pasapas/record"
)

// spaceOf finds the médiateur's side of a store (through Clocked).
func spaceOf(s learning.Store) (learning.Space, bool) {
	if c, ok := s.(Clocked); ok {
		s = c.Store
	}
	sp, ok := s.(learning.Space)
	return sp, ok
}

// runSpace is the contract of learning.Space: accounts, profiles,
// consent, the changes a médiateur makes and the journal they leave. A
// store that does not offer the space skips it.
func runSpace(t *testing.T, open func(*testing.T) learning.Store) {
	setup := func(t *testing.T) (*env, learning.Space, record.Mediator) {
		e := newEnv(t, open)
		sp, ok := spaceOf(e.s)
		if !ok {
			t.Skip("the store does not offer the médiateur's space (learning.Space)")
		}
		m, err := sp.CreateMediator(e.ctx, 0, "Sophie", "4826")
		if err != nil {
			t.Fatalf("CreateMediator: %v", err)
		}
		return e, sp, m
	}
	// last is the journal's newest line.
	last := func(e *env, sp learning.Space) record.Action {
		e.t.Helper()
		acts, err := sp.Actions(e.ctx)
		if err != nil || len(acts) == 0 {
			e.t.Fatalf("Actions = %v, %v: want a line", acts, err)
		}
		return acts[0]
	}
	sameAction := func(t *testing.T, got, want record.Action) {
		t.Helper()
		got.ID, got.At = 0, time.Time{}
		if got != want {
			t.Errorf("journal line %+v, want %+v", got, want)
		}
	}

	t.Run("Accounts", func(t *testing.T) {
		e, sp, sophie := setup(t)
		if sophie.ID <= 0 || sophie.Name != "Sophie" || sophie.CreatedAt.IsZero() {
			t.Errorf("CreateMediator = %+v", sophie)
		}
		sameAction(t, last(e, sp), record.Action{Mediator: sophie.ID, MediatorName: "Sophie",
			Kind: record.ActMediatorAdded, OtherAccount: sophie.ID})
		_, err := sp.CreateMediator(e.ctx, sophie.ID, "Karim", "12")
		is(t, "a code of 2 digits", err, record.ErrBadPINFormat)
		_, err = sp.CreateMediator(e.ctx, sophie.ID, " ", "4826")
		is(t, "an empty name", err, record.ErrInvalid)
		karim, err := sp.CreateMediator(e.ctx, sophie.ID, "Karim", "7391")
		is(t, "CreateMediator(Karim)", err, nil)
		sameAction(t, last(e, sp), record.Action{Mediator: sophie.ID, MediatorName: "Sophie",
			Kind: record.ActMediatorAdded, OtherAccount: karim.ID})
		list, err := sp.Mediators(e.ctx)
		if err != nil || len(list) != 2 || list[0].Name != "Karim" || list[1].Name != "Sophie" {
			t.Errorf("Mediators = %+v, %v: want Karim and Sophie, by name", list, err)
		}
		is(t, "the right code", sp.CheckMediatorPIN(e.ctx, karim.ID, "7391"), nil)
		is(t, "a wrong code", sp.CheckMediatorPIN(e.ctx, karim.ID, "0000"), record.ErrWrongPIN)
		is(t, "an unknown account", sp.CheckMediatorPIN(e.ctx, 999, "7391"), record.ErrNotFound)
		is(t, "removing oneself", sp.RemoveMediator(e.ctx, karim.ID, karim.ID), record.ErrSelf)
		is(t, "removing another", sp.RemoveMediator(e.ctx, karim.ID, sophie.ID), nil)
		is(t, "removing them again", sp.RemoveMediator(e.ctx, karim.ID, sophie.ID), record.ErrNotFound)
		sameAction(t, last(e, sp), record.Action{Mediator: karim.ID, MediatorName: "Karim",
			Kind: record.ActMediatorRemoved, OtherAccount: sophie.ID})
		acts, _ := sp.Actions(e.ctx)
		if n := len(acts); n != 3 || acts[n-1].MediatorName != "Sophie" {
			t.Errorf("journal %+v: want 3 lines, the first still naming Sophie after her account went", acts)
		}
	})

	t.Run("CodeWait", func(t *testing.T) {
		e, sp, m := setup(t)
		e.needClock()
		for range 2 {
			is(t, "a free wrong try", sp.CheckMediatorPIN(e.ctx, m.ID, "1111"), record.ErrWrongPIN)
		}
		err := sp.CheckMediatorPIN(e.ctx, m.ID, "1111")
		if pe, ok := err.(*record.PINError); !ok || pe.Wait <= 0 {
			t.Fatalf("third wrong try: %v, want a wait, as for learners", err)
		}
		is(t, "the right code while the wait runs", sp.CheckMediatorPIN(e.ctx, m.ID, "4826"), record.ErrPINLocked)
		e.advance(time.Hour)
		is(t, "the right code after the wait", sp.CheckMediatorPIN(e.ctx, m.ID, "4826"), nil)
	})

	// Only the first account is made without a médiateur, and the store
	// itself refuses a second one (two PCs at once pass the use case's
	// check together).
	t.Run("FirstAccountOnce", func(t *testing.T) {
		e, sp, m := setup(t)
		_, err := sp.CreateMediator(e.ctx, 0, "Intrus", "7391")
		is(t, "a second account without a médiateur", err, learning.ErrNeedsMediator)
		_, err = sp.CreateMediator(e.ctx, m.ID, "Karim", "7391")
		is(t, "an account added by a médiateur", err, nil)
		if list, _ := sp.Mediators(e.ctx); len(list) != 2 {
			t.Errorf("Mediators = %+v: want Sophie and Karim, no more", list)
		}
	})

	// The same rule decides the wait for a learner's PIN and a médiateur's
	// code (record.PINDelay, record.PINState): the review found a store
	// where a clock that went back locked médiateurs for good.
	t.Run("CodeWaitAsLearners", func(t *testing.T) {
		e, sp, m := setup(t)
		e.needClock()
		l := e.learner("Josiane", "4826")
		type result struct {
			err      error // nil, ErrWrongPIN or ErrPINLocked
			failures int
			wait     time.Duration
		}
		show := func(r result) string { return fmt.Sprintf("%v (%d failures, wait %s)", r.err, r.failures, r.wait) }
		outcome := func(err error) result {
			var pe *record.PINError
			if !errors.As(err, &pe) {
				return result{err: err}
			}
			r := result{err: record.ErrWrongPIN, failures: pe.Failures, wait: pe.Wait}
			if pe.Locked {
				r.err = record.ErrPINLocked
			}
			return r
		}
		steps := []struct {
			name    string
			advance time.Duration
			pin     string
			want    result
		}{
			{"first slip", 0, "1111", result{record.ErrWrongPIN, 1, 0}},
			{"second slip", 0, "1111", result{record.ErrWrongPIN, 2, 0}},
			{"third wrong", 0, "1111", result{record.ErrWrongPIN, 3, 5 * time.Second}},
			{"wrong after the wait", 5 * time.Second, "1111", result{record.ErrWrongPIN, 4, 10 * time.Second}},
			{"the clock went back a year", -365 * 24 * time.Hour, "4826", result{record.ErrPINLocked, 4, 10 * time.Second}},
			{"after the policy's wait", 10 * time.Second, "4826", result{}},
			{"the count starts again", 0, "1111", result{record.ErrWrongPIN, 1, 0}},
		}
		for _, st := range steps {
			e.advance(st.advance)
			learner := outcome(e.s.CheckPIN(e.ctx, l.ID, st.pin))
			mediator := outcome(sp.CheckMediatorPIN(e.ctx, m.ID, st.pin))
			if learner != st.want || mediator != st.want {
				t.Fatalf("%s: learner %v, médiateur %v; want both %v", st.name, show(learner), show(mediator), show(st.want))
			}
		}
	})

	t.Run("ProfilesAndConsent", func(t *testing.T) {
		e, sp, m := setup(t)
		l := e.learner("Léa", "2468")
		list, err := sp.Profiles(e.ctx)
		if err != nil || len(list) != 1 || list[0].ID != l.ID || list[0].Name != "Léa" || !list[0].HasPIN ||
			list[0].Shares || list[0].Archived {
			t.Fatalf("Profiles = %+v, %v: want Léa, sharing nothing (the default), not archived", list, err)
		}
		is(t, "SetSharing(on)", sp.SetSharing(e.ctx, l.ID, true), nil)
		if list, _ := sp.Profiles(e.ctx); !list[0].Shares {
			t.Error("Shares is false after the learner said yes")
		}
		is(t, "SetSharing(off)", sp.SetSharing(e.ctx, l.ID, false), nil)
		if list, _ := sp.Profiles(e.ctx); list[0].Shares {
			t.Error("Shares is true after the learner took it back")
		}
		is(t, "SetSharing of no one", sp.SetSharing(e.ctx, 999, true), record.ErrNotFound)
		if acts, _ := sp.Actions(e.ctx); len(acts) != 1 {
			t.Errorf("journal %+v: the learner's own choice is not a médiateur's action", acts)
		}
		is(t, "archive", sp.SetArchived(e.ctx, m.ID, l.ID, true), nil)
		sameAction(t, last(e, sp), record.Action{Mediator: m.ID, MediatorName: "Sophie", Kind: record.ActArchive, Learner: l.ID})
		if list, _ := sp.Profiles(e.ctx); !list[0].Archived {
			t.Error("not archived")
		}
		is(t, "unarchive", sp.SetArchived(e.ctx, m.ID, l.ID, false), nil)
		sameAction(t, last(e, sp), record.Action{Mediator: m.ID, MediatorName: "Sophie", Kind: record.ActUnarchive, Learner: l.ID})
		is(t, "rename", sp.RenameLearner(e.ctx, m.ID, l.ID, "  Léa M.  "), nil)
		sameAction(t, last(e, sp), record.Action{Mediator: m.ID, MediatorName: "Sophie", Kind: record.ActRename, Learner: l.ID})
		if got := e.state(l.ID).Learner.Name; got != "Léa M." {
			t.Errorf("name %q after RenameLearner, want the new one trimmed", got)
		}
		is(t, "rename to nothing", sp.RenameLearner(e.ctx, m.ID, l.ID, " "), record.ErrInvalid)
		is(t, "rename no one", sp.RenameLearner(e.ctx, m.ID, 999, "X"), record.ErrNotFound)
		is(t, "an action by no médiateur", sp.SetArchived(e.ctx, 999, l.ID, true), record.ErrNotFound)
		if list, _ := sp.Profiles(e.ctx); list[0].Archived {
			t.Error("an action refused changed the profile")
		}
	})

	t.Run("ResetPIN", func(t *testing.T) {
		e, sp, m := setup(t)
		l := e.learner("Léa", "2468")
		for range 4 {
			e.s.CheckPIN(e.ctx, l.ID, "0000")
		}
		is(t, "a bad new code", sp.ResetPIN(e.ctx, m.ID, l.ID, "12a4"), record.ErrBadPINFormat)
		is(t, "ResetPIN", sp.ResetPIN(e.ctx, m.ID, l.ID, "9753"), nil)
		sameAction(t, last(e, sp), record.Action{Mediator: m.ID, MediatorName: "Sophie", Kind: record.ActPINReset, Learner: l.ID})
		is(t, "the new code, at once (the wait is cleared)", e.s.CheckPIN(e.ctx, l.ID, "9753"), nil)
		is(t, "the old code", e.s.CheckPIN(e.ctx, l.ID, "2468"), record.ErrWrongPIN)
	})

	t.Run("Merge", func(t *testing.T) {
		e, sp, m := setup(t)
		keep := e.learner("Marie", "2468")
		drop := e.learner("Marie D.", "")
		// The same lesson in both: drop went further and finished it;
		// keep's position is the latest.
		is(t, "step", e.s.SaveLessonStep(e.ctx, drop.ID, record.LessonStep{Lesson: "mail-adresse", Step: 6, Done: true}), nil)
		e.advance(time.Second)
		is(t, "step", e.s.SaveLessonStep(e.ctx, keep.ID, record.LessonStep{Lesson: "mail-adresse", Step: 2}), nil)
		is(t, "step", e.s.SaveLessonStep(e.ctx, drop.ID, record.LessonStep{Lesson: "sms-lire", Step: 1}), nil)
		t1 := e.test(keep.ID, "mail", "q1", true, "q2", false)
		e.advance(time.Second)
		is(t, "finish", e.s.FinishTestWith(e.ctx, t1, record.TestOutcome{Result: record.TestResult{Level: 2},
			Acquis: []record.AcquisState{{Acquis: "mail-1", Mastery: 0.4, Answers: 2}}}), nil)
		e.advance(time.Second)
		t2 := e.test(drop.ID, "mail", "q3", true)
		is(t, "finish", e.s.FinishTestWith(e.ctx, t2, record.TestOutcome{Result: record.TestResult{Level: 3},
			Acquis: []record.AcquisState{{Acquis: "mail-1", Mastery: 0.8, Answers: 1}, {Acquis: "sms-1", Mastery: 0.6, Answers: 1}}}), nil)
		t3 := e.test(drop.ID, "sante", "q4", false) // left open
		e.answer(record.Answer{Learner: drop.ID, Question: "q5", Lesson: "sms-lire"})
		is(t, "cards", e.s.SaveReviewCards(e.ctx, drop.ID, record.ReviewCard{Acquis: "sms-1", Stability: 3, Reps: 2}), nil)
		before := map[record.TestID]int{}
		for _, id := range []record.TestID{t1, t2, t3} {
			a, _ := e.s.TestAnswers(e.ctx, id)
			before[id] = len(a)
		}
		statsBefore := e.stats()

		is(t, "merging a profile with itself", sp.MergeLearners(e.ctx, m.ID, keep.ID, keep.ID), record.ErrSelf)
		is(t, "merging with no one", sp.MergeLearners(e.ctx, m.ID, keep.ID, 999), record.ErrNotFound)
		err := sp.MergeLearners(e.ctx, m.ID, keep.ID, drop.ID)
		if err != nil && !errors.Is(err, record.ErrNotCompacted) {
			t.Fatalf("MergeLearners: %v", err)
		}
		sameAction(t, last(e, sp), record.Action{Mediator: m.ID, MediatorName: "Sophie", Kind: record.ActMerge,
			Learner: keep.ID, Other: drop.ID})
		_, err = e.s.LoadState(e.ctx, drop.ID)
		is(t, "the merged profile", err, record.ErrNotFound)
		st := e.state(keep.ID)
		if st.Learner.Name != "Marie" || !st.Learner.HasPIN {
			t.Errorf("kept profile %+v: want its own name and code", st.Learner)
		}
		if len(st.Tests) != 3 || len(st.OpenTests) != 1 || st.OpenTests[0].ID != t3 {
			t.Errorf("tests %+v, open %+v: want all three, the open one resumable", st.Tests, st.OpenTests)
		}
		for id, n := range before {
			if a, _ := e.s.TestAnswers(e.ctx, id); len(a) != n {
				t.Errorf("test %d has %d answers after the merge, %d before", id, len(a), n)
			}
		}
		lp := st.Lessons["mail-adresse"]
		if !lp.Done || lp.Furthest != 6 || (e.clk != nil && lp.Step != 2) {
			t.Errorf("mail-adresse %+v: want done, furthest 6 (drop's), step 2 (keep's, the latest)", lp)
		}
		if _, ok := st.Lessons["sms-lire"]; !ok || len(st.Lessons) != 2 {
			t.Errorf("lessons %+v: want both", st.Lessons)
		}
		if a := st.Acquis["mail-1"]; a.Answers != 3 || (e.clk != nil && a.Mastery != 0.8) {
			t.Errorf("acquis mail-1 %+v: want the latest estimate (0.8) on 2+1 answers", a)
		}
		if _, ok := st.Acquis["sms-1"]; !ok {
			t.Error("acquis sms-1 lost")
		}
		if c := st.Reviews["sms-1"]; c.Reps != 2 {
			t.Errorf("review card %+v lost", c)
		}
		if list, _ := e.s.Learners(e.ctx); len(list) != 1 || list[0].TestsTaken != 2 || list[0].LessonsDone != 1 {
			t.Errorf("Learners = %+v: one profile, 2 tests finished, 1 lesson done (nothing counted twice)", list)
		}
		if st := e.stats(); len(st) != len(statsBefore) || st["q1"].Answers != statsBefore["q1"].Answers {
			t.Errorf("question counts changed by the merge: %+v, before %+v", st, statsBefore)
		}
	})

	t.Run("EraseAndRetention", func(t *testing.T) {
		e, sp, m := setup(t)
		l := e.learner("Zébulon", "2468")
		e.test(l.ID, "mail", "q1", true)
		is(t, "SetSharing", sp.SetSharing(e.ctx, l.ID, true), nil)
		err := sp.EraseLearner(e.ctx, m.ID, l.ID, record.ActRetentionErase)
		if err != nil && !errors.Is(err, record.ErrNotCompacted) {
			t.Fatalf("EraseLearner: %v", err)
		}
		sameAction(t, last(e, sp), record.Action{Mediator: m.ID, MediatorName: "Sophie", Kind: record.ActRetentionErase, Learner: l.ID})
		is(t, "erasing again", sp.EraseLearner(e.ctx, m.ID, l.ID, record.ActErase), record.ErrNotFound)
		if list, _ := sp.Profiles(e.ctx); len(list) != 0 {
			t.Errorf("Profiles after erase: %+v", list)
		}
		months, err := sp.Retention(e.ctx)
		if err != nil || months != 0 {
			t.Errorf("Retention = %d, %v: want 0 (none chosen)", months, err)
		}
		is(t, "SetRetention(0)", sp.SetRetention(e.ctx, m.ID, 0), record.ErrInvalid)
		is(t, "SetRetention(12)", sp.SetRetention(e.ctx, m.ID, 12), nil)
		if months, _ := sp.Retention(e.ctx); months != 12 {
			t.Errorf("Retention = %d, want 12", months)
		}
		sameAction(t, last(e, sp), record.Action{Mediator: m.ID, MediatorName: "Sophie", Kind: record.ActRetention, Value: 12})
		is(t, "LogAction", sp.LogAction(e.ctx, record.Action{Mediator: m.ID, Kind: record.ActProgressViewed, Learner: 7}), nil)
		sameAction(t, last(e, sp), record.Action{Mediator: m.ID, MediatorName: "Sophie", Kind: record.ActProgressViewed, Learner: 7})
		acts, _ := sp.Actions(e.ctx)
		for i := 1; i < len(acts); i++ {
			if acts[i].ID >= acts[i-1].ID || acts[i].At.After(acts[i-1].At) {
				t.Errorf("journal not newest first: %+v", acts)
			}
		}
	})
}
