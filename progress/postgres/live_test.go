package postgres_test

import (
	"context"
	"os"
	"os/exec"
	"slices"
	"testing"
	"time"

	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/lessons"
	"pasapas/progress/postgres"
	"pasapas/record"
)

// liveWait is how long a test waits for the group view to change before it
// fails (issue 19: « waits up to 30 s »).
const liveWait = 30 * time.Second

// stepsUpTo counts the steps among a lesson's first n items, as the group
// view shows them.
func stepsUpTo(l *lessons.Lesson, n int) int {
	c := 0
	for i := 0; i < n && i < len(l.Items); i++ {
		if l.Items[i].Step != nil {
			c++
		}
	}
	return c
}

// The médiateur's group view on one PC sees a learner's new step taken on
// another PC of the place with polling switched off: the Service's
// Refresher is the store's LISTEN, and the only wake-up is the
// notification sent on commit. The delay from the learner's commit to the
// refreshed read is logged (docs/benchmarks.md: go test ./progress/postgres
// -run TestGroupViewLive -v).
func TestGroupViewLive(t *testing.T) {
	sch := schema(t)
	ctx := context.Background()
	mediatorPC := open(t, sch, "Mairie", nil)
	learnerPC := open(t, sch, "Mairie", nil)
	other := open(t, sch, "Médiathèque", nil) // another place: never wakes the view
	cat := lessons.Load(lessons.Options{}, lessons.Builtin()).Catalogue(i18n.FR)
	lesson := cat.Lesson("mail-adresse")
	if lesson == nil {
		t.Fatal("lesson mail-adresse not in the catalogue")
	}
	// Two places in the lesson that the view shows as two different steps.
	var at []int
	for n := 1; n <= len(lesson.Items) && len(at) < 2; n++ {
		if len(at) == 0 || stepsUpTo(lesson, n) != stepsUpTo(lesson, at[0]) {
			at = append(at, n)
		}
	}
	if len(at) < 2 {
		t.Fatalf("mail-adresse has fewer than two steps")
	}

	sophie, err := mediatorPC.CreateMediator(ctx, 0, "Sophie", "4826")
	must(t, err)
	lea, err := learnerPC.CreateLearner(ctx, "Léa Martin", "", record.Prefs{})
	must(t, err)
	learnerApp := learning.New(learnerPC, learning.Options{})
	must(t, learnerApp.SetSharing(ctx, lea.ID, true))
	_, err = learnerApp.StartVisit(ctx, lea.ID, "PC 3")
	must(t, err)
	marc, err := other.CreateLearner(ctx, "Marc", "", record.Prefs{})
	must(t, err)

	app := learning.New(mediatorPC, learning.Options{})
	r := app.Refresher()
	if _, polled := r.(learning.Poll); polled {
		t.Fatal("the Service polls a PostgreSQL store: want its LISTEN Refresher")
	}
	wctx, cancel := context.WithTimeout(ctx, liveWait)
	defer cancel()
	// The first wake-up comes once LISTEN is in place (what changed before
	// was not heard).
	must(t, r.Next(wctx))

	// Another place's writes do not wake this place's view.
	must(t, other.SaveLessonStep(ctx, marc.ID, record.LessonStep{Lesson: "mail-adresse", Step: 1}))
	short, cancelShort := context.WithTimeout(ctx, 300*time.Millisecond)
	if err := r.Next(short); err == nil {
		t.Error("the view woke for another place's step")
	}
	cancelShort()

	// waitFor wakes on the Refresher only, reads the view, and sends the
	// time when ok says the row is as wanted (nothing when wctx ends first).
	// It runs beside the test's goroutine, so it reports errors with Errorf.
	waitFor := func(wctx context.Context, seen chan<- time.Time, ok func(learning.GroupRow) bool) {
		for r.Next(wctx) == nil {
			rows, err := app.GroupView(ctx, cat, 0)
			if err != nil {
				t.Errorf("GroupView: %v", err)
				return
			}
			if i := slices.IndexFunc(rows, func(g learning.GroupRow) bool { return g.Learner == lea.ID }); i >= 0 && ok(rows[i]) {
				seen <- time.Now()
				return
			}
		}
	}

	const runs = 20
	var delays []time.Duration
	for i := range runs {
		n := at[i%2]
		want := stepsUpTo(lesson, n)
		seen := make(chan time.Time, 1)
		iter, stop := context.WithTimeout(ctx, liveWait)
		go waitFor(iter, seen, func(g learning.GroupRow) bool {
			return g.Lesson != nil && g.Lesson.ID == lesson.ID && g.Step == max(1, want)
		})
		must(t, learnerApp.SaveLessonStep(ctx, lea.ID, record.LessonStep{Lesson: "mail-adresse", Step: n}))
		committed := time.Now()
		select {
		case got := <-seen:
			delays = append(delays, got.Sub(committed))
		case <-iter.Done():
			stop()
			t.Fatalf("run %d: the group view did not show step %d within %v", i, want, liveWait)
		}
		stop()
	}
	slices.Sort(delays)
	wctx, cancel = context.WithTimeout(ctx, liveWait)
	defer cancel()
	t.Logf("commit → refreshed group view, %d runs: median %v, max %v", runs, delays[runs/2], delays[runs-1])

	// The call-the-médiateur mark travels the same way.
	seen := make(chan time.Time, 1)
	go waitFor(wctx, seen, func(g learning.GroupRow) bool { return !g.Calling.IsZero() })
	must(t, learnerApp.CallMediator(ctx, lea.ID, true))
	select {
	case <-seen:
	case <-wctx.Done():
		t.Fatalf("the call did not show within %v", liveWait)
	}

	// An atelier opened, joined or closed on another PC wakes the view at
	// once, not at the screen's minute: « Le groupe » of an atelier and
	// the list of open ateliers change with it.
	quiet := func() {
		for {
			c, stop := context.WithTimeout(ctx, 300*time.Millisecond)
			err := r.Next(c)
			stop()
			if err != nil {
				return // nothing pending
			}
		}
	}
	woken := func(what string, write func() error) {
		t.Helper()
		quiet()
		must(t, write())
		c, stop := context.WithTimeout(ctx, liveWait)
		defer stop()
		if err := r.Next(c); err != nil {
			t.Errorf("%s on another PC did not wake the view within %v: %v", what, liveWait, err)
		}
	}
	var run record.Run
	woken("an atelier opened", func() (err error) {
		run, err = learnerPC.OpenRun(ctx, record.Run{Atelier: "premiers-mails", Title: "Premiers mails", Code: "4821", OpenedBy: sophie.ID})
		return err
	})
	woken("an atelier joined", func() error { return learnerPC.JoinRun(ctx, run.ID, lea.ID, true) })
	woken("an atelier closed", func() error { return learnerPC.CloseRun(ctx, sophie.ID, run.ID) })
}

// The server restarts while a group view listens: the listener connects
// again by itself, wakes the view (what happened meanwhile was not heard),
// and the next change wakes it again.
func TestGroupViewLiveAfterRestart(t *testing.T) {
	ctl := os.Getenv("PASAPAS_TEST_PGCTL")
	if ctl == "" {
		t.Skip("PostgreSQL: PASAPAS_TEST_PGCTL not set (.ci/postgres sets it): the server cannot be stopped from here")
	}
	sch := schema(t)
	ctx := context.Background()
	mediatorPC := open(t, sch, "Mairie", nil)
	learnerPC := open(t, sch, "Mairie", nil)
	lea, err := learnerPC.CreateLearner(ctx, "Léa", "", record.Prefs{})
	must(t, err)
	r := learning.New(mediatorPC, learning.Options{}).Refresher()
	wctx, cancel := context.WithTimeout(ctx, liveWait)
	defer cancel()
	must(t, r.Next(wctx)) // listening

	run := func(arg string) {
		if out, err := exec.Command(ctl, arg).CombinedOutput(); err != nil {
			t.Fatalf("%s %s: %v\n%s", ctl, arg, err, out)
		}
	}
	run("stop")
	started := false
	defer func() {
		if !started {
			run("start")
		}
	}()
	for postgres.Listening(mediatorPC) {
		if wctx.Err() != nil {
			t.Fatalf("the listener did not see the server stop within %v", liveWait)
		}
		time.Sleep(50 * time.Millisecond)
	}
	run("start")
	started = true
	// The loss, then the new connection, each wake the view once.
	for !postgres.Listening(mediatorPC) {
		if wctx.Err() != nil {
			t.Fatalf("the listener did not connect again within %v", liveWait)
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err := r.Next(wctx); err != nil {
		t.Fatalf("no wake-up after the server came back within %v: %v", liveWait, err)
	}
	// Now only a notification can wake it.
	woke := make(chan error, 1)
	go func() { woke <- r.Next(wctx) }()
	// The learner's PC may need a try or two while the server starts.
	for {
		err := learnerPC.SaveLessonStep(ctx, lea.ID, record.LessonStep{Lesson: "mail-adresse", Step: 1})
		if err == nil {
			break
		}
		if wctx.Err() != nil {
			t.Fatalf("saving a step after the restart: %v", err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if err := <-woke; err != nil {
		t.Fatalf("a step after the restart did not wake the view: %v", err)
	}
}
