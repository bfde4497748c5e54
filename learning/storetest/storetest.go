// Package storetest holds the contract every implementation of
// learning.Store keeps: what the use cases may count on, whatever the
// storage. Run is called from each implementation's own tests — package
// progress (SQLite) and package learning/memstore (memory) — so that the two
// cannot drift apart unseen; a new store (PostgreSQL) passes it before it is
// used.
//
// The contract covers what the port names: learners and PINs, the answer
// log, tests and their unit of work (FinishTestWith), the item parameters a
// test used, exposure, calibration, lesson steps, review cards, a learner's
// state, erasure, export and the médiateur's results. Where progress's
// behaviour is the reference, the contract says the same as progress's own
// tests.
//
// Time: a store whose clock the contract can move implements Advancer
// (wrap it in Clocked with the Clock it was opened with). Checks that need
// time to pass (PIN waits, "most recently seen", "latest result") are then
// run; without it they are skipped, and the others never depend on exact
// times.
package storetest

import (
	"context"
	"errors"
	"reflect"
	"sync"
	"testing"
	"time"

	"pasapas/learning"
	"pasapas/record"
)

// Advancer is a store whose clock the contract may move.
type Advancer interface {
	Advance(d time.Duration)
}

// Clock is a settable clock for a store under test: give its Now to the
// store, and wrap the store in Clocked so the contract can move it. It
// starts on a whole second, and the contract moves it by whole
// milliseconds, so stores that keep times to the millisecond give them back
// equal.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

// NewClock returns a clock at a fixed date.
func NewClock() *Clock {
	return &Clock{t: time.Date(2026, 3, 14, 10, 15, 30, 0, time.Local)}
}

// Now is the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

// Advance moves the clock (back, with a negative d).
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// Clocked is a store with the clock it was opened with: it is an Advancer.
type Clocked struct {
	learning.Store
	*Clock
}

// Run runs the contract on the stores open makes. open is called once per
// sub-test, with that sub-test's t, and must return an empty store; it
// closes the store with t.Cleanup.
func Run(t *testing.T, open func(t *testing.T) learning.Store) {
	t.Run("Learners", func(t *testing.T) { runLearners(t, open) })
	t.Run("PIN", func(t *testing.T) { runPIN(t, open) })
	t.Run("AnswerLog", func(t *testing.T) { runAnswerLog(t, open) })
	t.Run("Tests", func(t *testing.T) { runTests(t, open) })
	t.Run("FinishTestWith", func(t *testing.T) { runFinish(t, open) })
	t.Run("Items", func(t *testing.T) { runItems(t, open) })
	t.Run("Progress", func(t *testing.T) { runProgress(t, open) })
	t.Run("LoadState", func(t *testing.T) { testLoadState(newEnv(t, open)) })
	t.Run("Erase", func(t *testing.T) { testErase(newEnv(t, open)) })
	t.Run("Export", func(t *testing.T) { testExport(newEnv(t, open)) })
	t.Run("ResultsByCompetence", func(t *testing.T) { runResults(t, open) })
	t.Run("CancelledContext", func(t *testing.T) { testCancelled(newEnv(t, open)) })
	t.Run("Space", func(t *testing.T) { runSpace(t, open) })
	t.Run("Structure", func(t *testing.T) { runStructure(t, open) })
	t.Run("Import", func(t *testing.T) { runImport(t, open) })
	t.Run("ImportReplay", func(t *testing.T) { runImportReplay(t, open) })
	t.Run("Group", func(t *testing.T) { runGroup(t, open) })
	t.Run("Names", func(t *testing.T) { runNames(t, open) })
}

// testCancelled: a call with a cancelled context fails with the context's
// error and changes nothing.
func testCancelled(e *env) {
	t := e.t
	l := e.learner("Léa", "2468")
	test := e.test(l.ID, "mail", "q1", true)
	before := e.state(l.ID)
	statsBefore := e.stats()
	ctx, cancel := context.WithCancel(e.ctx)
	cancel()
	ops := map[string]func() error{
		"CreateLearner": func() error { _, err := e.s.CreateLearner(ctx, "Marc", "", record.Prefs{}); return err },
		"Seen":          func() error { return e.s.Seen(ctx, l.ID) },
		"SetPIN":        func() error { return e.s.SetPIN(ctx, l.ID, "1357") },
		"CheckPIN":      func() error { return e.s.CheckPIN(ctx, l.ID, "0000") },
		"Erase":         func() error { return e.s.Erase(ctx, l.ID) },
		"RecordAnswer": func() error {
			_, err := e.s.RecordAnswer(ctx, record.Answer{Learner: l.ID, Question: "q2", Given: "1", Result: record.Correct, Test: test})
			return err
		},
		"FinishTestWith": func() error {
			return e.s.FinishTestWith(ctx, test, record.TestOutcome{Result: record.TestResult{Level: 1}})
		},
		"AbandonTest":    func() error { return e.s.AbandonTest(ctx, test) },
		"SaveLessonStep": func() error { return e.s.SaveLessonStep(ctx, l.ID, record.LessonStep{Lesson: "l"}) },
		"LoadState":      func() error { _, err := e.s.LoadState(ctx, l.ID); return err },
		"ItemStats":      func() error { _, err := e.s.ItemStats(ctx); return err },
	}
	for name, op := range ops {
		is(t, name, op(), context.Canceled)
	}
	if after := e.state(l.ID); !reflect.DeepEqual(after, before) {
		t.Errorf("cancelled calls changed the learner:\n got %+v\nwant %+v", after, before)
	}
	if list, _ := e.s.Learners(e.ctx); len(list) != 1 {
		t.Errorf("%d learners after a cancelled CreateLearner, want 1", len(list))
	}
	if st := e.stats(); !reflect.DeepEqual(st, statsBefore) {
		t.Errorf("cancelled calls changed the counts: %+v", st)
	}
	is(t, "CheckPIN after cancelled tries", e.s.CheckPIN(e.ctx, l.ID, "2468"), nil)
}

// env is one sub-test's store, with helpers.
type env struct {
	t   *testing.T
	s   learning.Store
	clk Advancer // nil: the contract cannot move the store's clock
	ctx context.Context
}

func newEnv(t *testing.T, open func(t *testing.T) learning.Store) *env {
	t.Helper()
	s := open(t)
	if s == nil {
		t.Fatal("open returned no store")
	}
	e := &env{t: t, s: s, ctx: context.Background()}
	if a, ok := s.(Advancer); ok {
		e.clk = a
	}
	return e
}

// needClock skips the rest of the sub-test when time cannot be moved.
func (e *env) needClock() {
	e.t.Helper()
	if e.clk == nil {
		e.t.Skip("the store's clock cannot be moved (no storetest.Advancer)")
	}
}

// advance moves the clock if it can be moved.
func (e *env) advance(d time.Duration) {
	if e.clk != nil {
		e.clk.Advance(d)
	}
}

func (e *env) learner(name, pin string) record.Learner {
	e.t.Helper()
	l, err := e.s.CreateLearner(e.ctx, name, pin, record.Prefs{})
	if err != nil {
		e.t.Fatalf("CreateLearner(%q): %v", name, err)
	}
	return l
}

// answer records a, with a valid answer given, result and variant by
// default.
func (e *env) answer(a record.Answer) record.AnswerID {
	e.t.Helper()
	if a.Given == "" {
		a.Given = `{"choix":["a"]}`
	}
	if a.Result == "" {
		a.Result = record.Correct
	}
	if a.Variant == "" {
		a.Variant = a.Question
	}
	id, err := e.s.RecordAnswer(e.ctx, a)
	if err != nil {
		e.t.Fatalf("RecordAnswer(%+v): %v", a, err)
	}
	return id
}

// test starts a test for learner and answers it (question, right?, …); it
// stays open.
func (e *env) test(learner record.LearnerID, comp string, answers ...any) record.TestID {
	e.t.Helper()
	id, err := e.s.StartTest(e.ctx, learner, comp, 1)
	if err != nil {
		e.t.Fatalf("StartTest(%d, %q): %v", learner, comp, err)
	}
	for i := 0; i < len(answers); i += 2 {
		r := record.Incorrect
		if answers[i+1].(bool) {
			r = record.Correct
		}
		e.answer(record.Answer{Learner: learner, Question: answers[i].(string), Result: r, Test: id})
	}
	return id
}

// finish closes a test with a level.
func (e *env) finish(id record.TestID, level int) {
	e.t.Helper()
	r := record.TestResult{Theta: float64(level) - 2, SE: 0.4, Level: level, StopReason: "precision"}
	if err := e.s.FinishTestWith(e.ctx, id, record.TestOutcome{Result: r}); err != nil {
		e.t.Fatalf("FinishTestWith(%d): %v", id, err)
	}
}

func (e *env) state(id record.LearnerID) *record.State {
	e.t.Helper()
	st, err := e.s.LoadState(e.ctx, id)
	if err != nil {
		e.t.Fatalf("LoadState(%d): %v", id, err)
	}
	return st
}

func (e *env) stats() map[string]record.ItemStat {
	e.t.Helper()
	st, err := e.s.ItemStats(e.ctx)
	if err != nil {
		e.t.Fatalf("ItemStats: %v", err)
	}
	return st
}

// is fails the test unless errors.Is(err, want); want nil asks for no
// error.
func is(t *testing.T, what string, err, want error) {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Errorf("%s: %v, want no error", what, err)
		}
		return
	}
	if !errors.Is(err, want) {
		t.Errorf("%s: %v, want %v", what, err, want)
	}
}
