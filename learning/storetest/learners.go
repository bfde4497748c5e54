package storetest

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/lessons"
	"pasapas/record"
)

func runLearners(t *testing.T, open func(*testing.T) learning.Store) {
	t.Run("Create", func(t *testing.T) {
		e := newEnv(t, open)
		cases := []struct {
			name, pin string
			prefs     record.Prefs
			want      error
		}{
			{"  Léa  ", "", record.Prefs{}, nil},
			{"Paul", "4827", record.Prefs{Lang: i18n.EN, Theme: "ascii", Device: lessons.IPhone, Mouse: true}, nil},
			{"", "", record.Prefs{}, record.ErrInvalid},
			{"   ", "", record.Prefs{}, record.ErrInvalid},
			{"a\x1b[31mb", "", record.Prefs{}, record.ErrInvalid},
			{strings.Repeat("é", 61), "", record.Prefs{}, record.ErrInvalid},
			{"\xff", "", record.Prefs{}, record.ErrInvalid},
			{"Marc", "", record.Prefs{Lang: "de"}, record.ErrInvalid},
			{"Marc", "", record.Prefs{Device: "minitel"}, record.ErrInvalid},
			{"Marc", "", record.Prefs{Theme: "a\nb"}, record.ErrInvalid},
			{"Marc", "12", record.Prefs{}, record.ErrBadPINFormat},
		}
		for _, c := range cases {
			l, err := e.s.CreateLearner(e.ctx, c.name, c.pin, c.prefs)
			is(t, "CreateLearner("+c.name+")", err, c.want)
			if err != nil || c.want != nil {
				continue
			}
			want := c.prefs
			if want.Lang == "" {
				want.Lang = i18n.FR // the default
			}
			if l.ID <= 0 || l.Name != strings.TrimSpace(c.name) || l.HasPIN != (c.pin != "") || l.Prefs != want ||
				l.CreatedAt.IsZero() || l.LastSeen.IsZero() {
				t.Errorf("CreateLearner(%q) = %+v: want the name trimmed, prefs %+v", c.name, l, want)
			}
			if got := e.state(l.ID).Learner; got.ID != l.ID || got.Name != l.Name || got.Prefs != l.Prefs ||
				got.HasPIN != l.HasPIN || !got.CreatedAt.Equal(l.CreatedAt) {
				t.Errorf("LoadState gives %+v, CreateLearner gave %+v", got, l)
			}
		}
		list, err := e.s.Learners(e.ctx)
		if err != nil || len(list) != 2 {
			t.Fatalf("Learners = %+v, %v: want the two created", list, err)
		}
	})

	t.Run("Prefs", func(t *testing.T) {
		e := newEnv(t, open)
		l := e.learner("Léa", "")
		p := record.Prefs{Lang: i18n.EN, Theme: "contraste", Device: lessons.Android, Mouse: true}
		is(t, "SetPrefs", e.s.SetPrefs(e.ctx, l.ID, p), nil)
		for _, bad := range []record.Prefs{{Lang: "de"}, {Device: "tablette"}, {Theme: "a\x1bb"}, {Theme: strings.Repeat("t", 41)}} {
			is(t, "SetPrefs(bad)", e.s.SetPrefs(e.ctx, l.ID, bad), record.ErrInvalid)
		}
		if got := e.state(l.ID).Learner.Prefs; got != p {
			t.Errorf("prefs %+v, want %+v (bad ones refused)", got, p)
		}
		is(t, "SetPrefs(empty)", e.s.SetPrefs(e.ctx, l.ID, record.Prefs{}), nil)
		if got := e.state(l.ID).Learner.Prefs; got != (record.Prefs{Lang: i18n.FR}) {
			t.Errorf("empty prefs give %+v, want the defaults", got)
		}
	})

	t.Run("UnknownLearner", func(t *testing.T) {
		e := newEnv(t, open)
		e.learner("Léa", "")
		const nobody = record.LearnerID(4242)
		ops := map[string]func() error{
			"Seen":       func() error { return e.s.Seen(e.ctx, nobody) },
			"SetPrefs":   func() error { return e.s.SetPrefs(e.ctx, nobody, record.Prefs{}) },
			"SetPIN":     func() error { return e.s.SetPIN(e.ctx, nobody, "4827") },
			"CheckPIN":   func() error { return e.s.CheckPIN(e.ctx, nobody, "4827") },
			"LoadState":  func() error { _, err := e.s.LoadState(e.ctx, nobody); return err },
			"Erase":      func() error { return e.s.Erase(e.ctx, nobody) },
			"ExportFile": func() error { return e.s.ExportFile(e.ctx, nobody, t.TempDir()+"/x.json") },
			"StartTest":  func() error { _, err := e.s.StartTest(e.ctx, nobody, "mail", 1); return err },
			"RecordAnswer": func() error {
				_, err := e.s.RecordAnswer(e.ctx, record.Answer{Learner: nobody, Question: "q", Given: "1", Result: record.Correct})
				return err
			},
			"SaveLessonStep":  func() error { return e.s.SaveLessonStep(e.ctx, nobody, record.LessonStep{Lesson: "l"}) },
			"SaveReviewCards": func() error { return e.s.SaveReviewCards(e.ctx, nobody, record.ReviewCard{Acquis: "a"}) },
		}
		for name, op := range ops {
			is(t, name, op(), record.ErrNotFound)
		}
		if list, _ := e.s.Learners(e.ctx); len(list) != 1 {
			t.Errorf("after refused calls, %d learners, want 1", len(list))
		}
	})

	t.Run("Summaries", func(t *testing.T) {
		e := newEnv(t, open)
		zoe := e.learner("Zoé", "4827")
		abel := e.learner("Abel", "")
		cleo := e.learner("Cléo", "")
		e.finish(e.test(zoe.ID, "mail"), 1)
		e.finish(e.test(zoe.ID, "mail"), 3)
		e.finish(e.test(abel.ID, positioning), 1)
		is(t, "AbandonTest", e.s.AbandonTest(e.ctx, e.test(abel.ID, "mail")), nil)
		e.test(cleo.ID, "mail") // open: not taken yet
		is(t, "SaveLessonStep", e.s.SaveLessonStep(e.ctx, abel.ID, record.LessonStep{Lesson: "l1", Step: 3, Done: true}), nil)
		is(t, "SaveLessonStep", e.s.SaveLessonStep(e.ctx, abel.ID, record.LessonStep{Lesson: "l2", Step: 1}), nil)
		is(t, "SaveLessonStep", e.s.SaveLessonStep(e.ctx, abel.ID, record.LessonStep{Lesson: "l1", Step: 0}), nil) // stays done
		list, err := e.s.Learners(e.ctx)
		if err != nil {
			t.Fatal(err)
		}
		got := map[record.LearnerID]record.LearnerSummary{}
		for _, l := range list {
			got[l.ID] = l
		}
		want := map[record.LearnerID]record.LearnerSummary{
			zoe.ID:  {ID: zoe.ID, Name: "Zoé", HasPIN: true, TestsTaken: 2},
			abel.ID: {ID: abel.ID, Name: "Abel", LessonsDone: 1, TestsTaken: 1},
			cleo.ID: {ID: cleo.ID, Name: "Cléo"},
		}
		for id, w := range want {
			g := got[id]
			if g.LastSeen.IsZero() {
				t.Errorf("%s: no last-seen time", w.Name)
			}
			g.LastSeen = time.Time{}
			if g != w {
				t.Errorf("summary %+v, want %+v (abandoned and open tests not taken)", g, w)
			}
		}
		if len(list) != 3 {
			t.Errorf("%d summaries, want 3", len(list))
		}
	})

	t.Run("MostRecentlySeenFirst", func(t *testing.T) {
		e := newEnv(t, open)
		e.needClock()
		names := func() []string {
			list, err := e.s.Learners(e.ctx)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, l := range list {
				out = append(out, l.Name)
			}
			return out
		}
		zoe := e.learner("Zoé", "4827")
		abel := e.learner("Abel", "")
		cleo := e.learner("Cléo", "")
		if got := names(); !slices.Equal(got, []string{"Zoé", "Abel", "Cléo"}) {
			t.Errorf("created at the same time: %v, want ties by id", got)
		}
		steps := []struct {
			what string
			do   func() error
			want []string
		}{
			{"Seen", func() error { return e.s.Seen(e.ctx, abel.ID) }, []string{"Abel", "Zoé", "Cléo"}},
			{"SaveLessonStep", func() error { return e.s.SaveLessonStep(e.ctx, cleo.ID, record.LessonStep{Lesson: "l"}) },
				[]string{"Cléo", "Abel", "Zoé"}},
			{"right PIN", func() error { return e.s.CheckPIN(e.ctx, zoe.ID, "4827") }, []string{"Zoé", "Cléo", "Abel"}},
			{"StartTest", func() error { _, err := e.s.StartTest(e.ctx, abel.ID, "mail", 1); return err },
				[]string{"Abel", "Zoé", "Cléo"}},
			{"SetPrefs", func() error { return e.s.SetPrefs(e.ctx, cleo.ID, record.Prefs{}) }, []string{"Cléo", "Abel", "Zoé"}},
		}
		for _, st := range steps {
			e.advance(time.Minute)
			is(t, st.what, st.do(), nil)
			if got := names(); !slices.Equal(got, st.want) {
				t.Errorf("after %s: %v, want %v", st.what, got, st.want)
			}
		}
		e.advance(time.Minute)
		now := time.Now()
		if c, ok := e.clk.(interface{ Now() time.Time }); ok {
			now = c.Now()
		}
		is(t, "Seen", e.s.Seen(e.ctx, zoe.ID), nil)
		if list, _ := e.s.Learners(e.ctx); list[0].ID != zoe.ID || !list[0].LastSeen.Equal(now) {
			t.Errorf("after Seen: first %+v, want Zoé seen at %v", list[0], now)
		}
	})

	t.Run("IDsNeverReusedAfterErase", func(t *testing.T) {
		e := newEnv(t, open)
		a := e.learner("Abel", "")
		b := e.learner("Béa", "")
		tb := e.test(b.ID, "mail", "q1", true)
		if a.ID == b.ID {
			t.Fatalf("two learners with id %d", a.ID)
		}
		// The last learner and test go: a store that numbers from the
		// highest id left would give theirs again, and a window still open
		// on them would reach the newcomer's data. (Answer ids may come
		// again: no window holds one, and each answer names its learner.)
		is(t, "Erase", e.s.Erase(e.ctx, b.ID), nil)
		c := e.learner("Cléo", "")
		tc := e.test(c.ID, "mail", "q1", true)
		if c.ID == a.ID || c.ID == b.ID {
			t.Errorf("learner id %d given again (had %d, %d)", c.ID, a.ID, b.ID)
		}
		if tc == tb {
			t.Errorf("test id %d given again", tc)
		}
	})
}

// positioning is the positioning test's competence id.
const positioning = record.Positioning

func runPIN(t *testing.T, open func(*testing.T) learning.Store) {
	t.Run("Format", func(t *testing.T) {
		e := newEnv(t, open)
		l := e.learner("Paul", "")
		for _, c := range []struct {
			pin  string
			want error
		}{
			{"4827", nil}, {"40713", nil}, {"975318", nil},
			{"123", record.ErrBadPINFormat}, {"1234567", record.ErrBadPINFormat}, {"12a4", record.ErrBadPINFormat},
			{" 4827", record.ErrBadPINFormat}, {"١٢٣٤", record.ErrBadPINFormat}, {"12-34", record.ErrBadPINFormat},
			// The codes anybody tries first (record.CheckNewPIN).
			{"1234", record.ErrTrivialPIN}, {"0000", record.ErrTrivialPIN}, {"987654", record.ErrTrivialPIN},
			{"1212", record.ErrTrivialPIN}, {"2580", record.ErrTrivialPIN},
		} {
			_, err := e.s.CreateLearner(e.ctx, "Paul", c.pin, record.Prefs{})
			is(t, "CreateLearner with PIN "+c.pin, err, c.want)
			is(t, "SetPIN "+c.pin, e.s.SetPIN(e.ctx, l.ID, c.pin), c.want)
		}
		is(t, "CheckPIN after refused SetPIN", e.s.CheckPIN(e.ctx, l.ID, "975318"), nil)
	})

	t.Run("SetCheckRemove", func(t *testing.T) {
		e := newEnv(t, open)
		l := e.learner("Josiane", "")
		free := e.learner("Sans code", "")
		is(t, "no PIN: anything goes", e.s.CheckPIN(e.ctx, free.ID, "anything"), nil)
		is(t, "SetPIN", e.s.SetPIN(e.ctx, l.ID, "13579"), nil)
		if !e.state(l.ID).Learner.HasPIN {
			t.Error("HasPIN false after SetPIN")
		}
		err := e.s.CheckPIN(e.ctx, l.ID, "53412")
		var pe *record.PINError
		if !errors.Is(err, record.ErrWrongPIN) || !errors.As(err, &pe) || pe.Locked || pe.Failures != 1 || pe.Wait != 0 {
			t.Errorf("wrong PIN: %v (%+v), want a *record.PINError, 1 failure, no wait", err, pe)
		}
		is(t, "right PIN", e.s.CheckPIN(e.ctx, l.ID, "13579"), nil)
		is(t, "SetPIN(new)", e.s.SetPIN(e.ctx, l.ID, "2468"), nil)
		is(t, "old PIN", e.s.CheckPIN(e.ctx, l.ID, "13579"), record.ErrWrongPIN)
		is(t, "new PIN", e.s.CheckPIN(e.ctx, l.ID, "2468"), nil)
		is(t, "SetPIN(\"\")", e.s.SetPIN(e.ctx, l.ID, ""), nil)
		if e.state(l.ID).Learner.HasPIN {
			t.Error("HasPIN still true after removing the PIN")
		}
		is(t, "removed PIN", e.s.CheckPIN(e.ctx, l.ID, "0000"), nil)
		if list, _ := e.s.Learners(e.ctx); len(list) != 2 || list[0].HasPIN || list[1].HasPIN {
			t.Errorf("summaries %+v: no PIN left", list)
		}
	})

	t.Run("GrowingWait", func(t *testing.T) {
		e := newEnv(t, open)
		l := e.learner("Josiane", "2468")
		// progress.PINDelay's policy: two free slips, then 5 s doubling.
		steps := []struct {
			name     string
			advance  time.Duration
			pin      string
			want     error // nil, ErrWrongPIN, ErrPINLocked
			failures int
			wait     time.Duration
		}{
			{name: "right PIN", pin: "2468"},
			{name: "first slip", pin: "2469", want: record.ErrWrongPIN, failures: 1},
			{name: "second slip", pin: "1111", want: record.ErrWrongPIN, failures: 2},
			{name: "third wrong: a wait begins", pin: "1111", want: record.ErrWrongPIN, failures: 3, wait: 5 * time.Second},
			{name: "right PIN at once is not checked", pin: "2468", want: record.ErrPINLocked, failures: 3, wait: 5 * time.Second},
			{name: "nor 2 s later", advance: 2 * time.Second, pin: "2468", want: record.ErrPINLocked, failures: 3, wait: 3 * time.Second},
			{name: "wrong after the wait doubles it", advance: 3 * time.Second, pin: "0000", want: record.ErrWrongPIN, failures: 4, wait: 10 * time.Second},
			{name: "still waiting", advance: 4 * time.Second, pin: "2468", want: record.ErrPINLocked, failures: 4, wait: 6 * time.Second},
			{name: "wrong after the wait doubles it again", advance: 6 * time.Second, pin: "0000", want: record.ErrWrongPIN, failures: 5, wait: 20 * time.Second},
			{name: "right after the wait", advance: 20 * time.Second, pin: "2468"},
			{name: "count starts again", pin: "9999", want: record.ErrWrongPIN, failures: 1},
		}
		for _, st := range steps {
			if st.advance != 0 && e.clk == nil {
				t.Skip("the rest needs time to pass (no storetest.Advancer)")
			}
			e.advance(st.advance)
			err := e.s.CheckPIN(e.ctx, l.ID, st.pin)
			if st.want == nil {
				is(t, st.name, err, nil)
				continue
			}
			var pe *record.PINError
			if !errors.Is(err, st.want) || !errors.As(err, &pe) {
				t.Fatalf("%s: CheckPIN = %v, want a *record.PINError that is %v", st.name, err, st.want)
			}
			wait := pe.Wait
			if e.clk == nil && pe.Locked && wait > 0 && wait <= st.wait {
				wait = st.wait // real time has passed since the wait began
			}
			if pe.Failures != st.failures || wait != st.wait || pe.Locked != (st.want == record.ErrPINLocked) {
				t.Fatalf("%s: %+v; want %d failures, wait %s", st.name, pe, st.failures, st.wait)
			}
		}
	})

	t.Run("ClockWentBack", func(t *testing.T) {
		e := newEnv(t, open)
		e.needClock()
		l := e.learner("Josiane", "2468")
		for range 3 {
			e.s.CheckPIN(e.ctx, l.ID, "0000")
		}
		e.advance(-365 * 24 * time.Hour)
		var pe *record.PINError
		if err := e.s.CheckPIN(e.ctx, l.ID, "2468"); !errors.As(err, &pe) || pe.Wait > 5*time.Second {
			t.Fatalf("CheckPIN = %v, want a wait of at most 5s", err)
		}
		e.advance(5 * time.Second)
		is(t, "after the policy's wait", e.s.CheckPIN(e.ctx, l.ID, "2468"), nil)
	})

	t.Run("SetPINClearsFailures", func(t *testing.T) {
		e := newEnv(t, open)
		l := e.learner("Josiane", "2468")
		for range 4 {
			e.s.CheckPIN(e.ctx, l.ID, "0000")
		}
		is(t, "locked", e.s.CheckPIN(e.ctx, l.ID, "2468"), record.ErrPINLocked)
		is(t, "SetPIN", e.s.SetPIN(e.ctx, l.ID, "1357"), nil)
		is(t, "new PIN at once", e.s.CheckPIN(e.ctx, l.ID, "1357"), nil)
	})
}
