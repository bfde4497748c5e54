package tutor

import (
	"context"
	"encoding/json"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"pasapas/lessons"
	"pasapas/quiz"
	"pasapas/record"
)

// session is the learner at the keyboard: who they are and what the store
// knows about them. It exists from the moment they are recognised (PIN
// checked) until "Terminer ma séance" or the idle lock.
type session struct {
	learner record.Learner
	state   *record.State
	// The atelier, the visit and the call (atelier.go).
	atelier atelierOf
	visit   record.VisitID
	calling bool
	// callsPending: F2 pressed, its write not answered yet.
	callsPending int
}

// storeTimeout bounds every call to the store; SQLite itself waits up to
// 15 s for another window's write.
const storeTimeout = 30 * time.Second

func storeCtx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), storeTimeout)
}

// storeQueue runs the store's commands in the order they were asked.
// Bubble Tea runs each command in its own goroutine: without the queue, a
// reload asked after a save could read before the save lands, and the home
// screen would lose the step just reached in a lesson.
type storeQueue struct {
	mu   sync.Mutex
	last chan struct{} // closed when the command asked last is done
	// stall is how long a command waits for the one before it (0: the
	// store's time limit); tests that hold a command back shorten it.
	stall time.Duration
}

// storeCmd returns a command that waits for the store commands asked
// before it, then calls f with a bounded context. It must be called when
// the command is asked (in Update), which fixes its place in the queue.
func storeCmd(ctx *Context, f func(c context.Context) tea.Msg) tea.Cmd {
	q, to := &ctx.queue, ctx.asker
	q.mu.Lock()
	prev, done := q.last, make(chan struct{})
	q.last = done
	stall := q.stall
	q.mu.Unlock()
	if stall <= 0 {
		stall = storeTimeout
	}
	return func() tea.Msg {
		defer close(done)
		if prev != nil {
			// A command asked but never run would hold the queue: after
			// the store's own time limit, the next ones go ahead.
			select {
			case <-prev:
			case <-time.After(stall):
			}
		}
		c, cancel := storeCtx()
		defer cancel()
		msg := f(c)
		if to == nil || msg == nil {
			return msg
		}
		return addressedMsg{to, msg}
	}
}

// addressedMsg is a store command's answer with the screen that asked for
// it; the model gives it to that screen only.
type addressedMsg struct {
	to  screen
	msg tea.Msg
}

// Every call to the store runs in a command, off the event loop, and comes
// back as a message.
type (
	learnersMsg struct {
		list []record.LearnerSummary
		err  error
	}
	// stateMsg is a reload of the learner's state during their session. It
	// names the session it was asked for: one arriving after that session
	// ended (its learner left, another came) is dropped, never applied.
	stateMsg struct {
		session int
		state   *record.State
		err     error
	}
	// signedInMsg is the state of a learner just recognised (chosen,
	// created, their PIN checked): the only message that opens a session.
	signedInMsg struct {
		state *record.State
		err   error
	}
	createdMsg struct {
		learner record.Learner
		err     error
	}
	pinMsg   struct{ err error }
	savedMsg struct{ err error } // a background save; the model shows a failure
	// recordedMsg: the answer is written (err nil) or not; later is the
	// failure of what followed it (its review card), which the model shows.
	recordedMsg     struct{ err, later error }
	testFinishedMsg struct{ err error }
)

func loadLearners(ctx *Context) tea.Cmd {
	app := ctx.App
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		list, err := app.ActiveLearners(c) // archived profiles are left out
		return learnersMsg{list, err}
	})
}

// loadState reloads the state of the learner in session.
func loadState(ctx *Context) tea.Cmd {
	app, id, n := ctx.App, ctx.Session.learner.ID, ctx.sessionSeq
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		state, err := app.State(c, id)
		return stateMsg{n, state, err}
	})
}

// signIn loads the state of a learner just recognised, and marks them seen.
func signIn(ctx *Context, id record.LearnerID) tea.Cmd {
	app := ctx.App
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		state, err := app.SignIn(c, id)
		return signedInMsg{state, err}
	})
}

func createLearner(ctx *Context, name, pin string, p record.Prefs) tea.Cmd {
	app := ctx.App
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		l, err := app.CreateLearner(c, name, pin, p)
		return createdMsg{l, err}
	})
}

func checkPIN(ctx *Context, id record.LearnerID, pin string) tea.Cmd {
	app := ctx.App
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		return pinMsg{app.CheckPIN(c, id, pin)}
	})
}

// save runs a write whose only news is a failure.
func save(ctx *Context, f func(c context.Context) error) tea.Cmd {
	return storeCmd(ctx, func(c context.Context) tea.Msg { return savedMsg{f(c)} })
}

// recordAnswer writes an answer to the log, then the review card of its
// acquis (card may be nil): both in one command, so neither depends on the
// screen still being there when the write returns. The feedback is shown
// only when this comes back: an answer acknowledged on screen is stored.
func recordAnswer(ctx *Context, a record.Answer, card *record.ReviewCard) tea.Cmd {
	app := ctx.App
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		later, err := app.RecordAnswer(c, a, card)
		return recordedMsg{err: err, later: later}
	})
}

// answerRecord turns a checked answer into a log entry.
func answerRecord(learner record.LearnerID, q *lessons.Question, a quiz.Answer, r quiz.Result, took time.Duration, at time.Time) record.Answer {
	given, _ := json.Marshal(a)
	variant := q.ID
	if q.VariantOf.ID != "" {
		variant = q.VariantOf.ID
	}
	var forgiven []string
	for _, f := range r.Forgiven {
		forgiven = append(forgiven, string(f))
	}
	rec := record.Answer{
		Learner:  learner,
		Question: q.ID,
		Variant:  variant,
		Given:    string(given),
		Result:   record.Result(r.Outcome),
		Forgiven: forgiven,
		Duration: took,
		At:       at,
	}
	if q.Lesson != nil {
		rec.Lesson = q.Lesson.ID
	}
	return rec
}

// explain says a store error in plain words.
func explain(ctx *Context, err error) string { return record.Explain(err, ctx.Lang) }
