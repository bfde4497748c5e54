package tutor

import (
	"context"
	"encoding/json"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"pasapas/lessons"
	"pasapas/progress"
	"pasapas/quiz"
	"pasapas/scoring"
)

// session is the learner at the keyboard: who they are and what the store
// knows about them. It exists from the moment they are recognised (PIN
// checked) until "Terminer ma séance" or the idle lock.
type session struct {
	learner progress.Learner
	state   *progress.State
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
		list []progress.LearnerSummary
		err  error
	}
	// stateMsg is a reload of the learner's state during their session. It
	// names the session it was asked for: one arriving after that session
	// ended (its learner left, another came) is dropped, never applied.
	stateMsg struct {
		session int
		state   *progress.State
		err     error
	}
	// signedInMsg is the state of a learner just recognised (chosen,
	// created, their PIN checked): the only message that opens a session.
	signedInMsg struct {
		state *progress.State
		err   error
	}
	createdMsg struct {
		learner progress.Learner
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
	st := ctx.Store
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		list, err := st.Learners(c)
		return learnersMsg{list, err}
	})
}

// loadState reloads the state of the learner in session.
func loadState(ctx *Context) tea.Cmd {
	st, id, n := ctx.Store, ctx.Session.learner.ID, ctx.sessionSeq
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		state, err := st.LoadState(c, id)
		return stateMsg{n, state, err}
	})
}

// signIn loads the state of a learner just recognised, and marks them seen.
func signIn(ctx *Context, id progress.LearnerID) tea.Cmd {
	st := ctx.Store
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		if err := st.Seen(c, id); err != nil {
			return signedInMsg{err: err}
		}
		state, err := st.LoadState(c, id)
		return signedInMsg{state, err}
	})
}

func createLearner(ctx *Context, name, pin string, p progress.Prefs) tea.Cmd {
	st := ctx.Store
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		l, err := st.CreateLearner(c, name, pin, p)
		return createdMsg{l, err}
	})
}

func checkPIN(ctx *Context, id progress.LearnerID, pin string) tea.Cmd {
	st := ctx.Store
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		return pinMsg{st.CheckPIN(c, id, pin)}
	})
}

// save runs a write whose only news is a failure.
func save(ctx *Context, f func(c context.Context) error) tea.Cmd {
	return storeCmd(ctx, func(c context.Context) tea.Msg { return savedMsg{f(c)} })
}

// recordAnswer writes an answer to the log, then whatever must follow it
// (the review card of its acquis): both in one command, so neither depends
// on the screen still being there when the write returns. The feedback is
// shown only when this comes back: an answer acknowledged on screen is on
// disk.
func recordAnswer(ctx *Context, a progress.Answer, then func(context.Context) error) tea.Cmd {
	st := ctx.Store
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		if _, err := st.RecordAnswer(c, a); err != nil {
			return recordedMsg{err: err}
		}
		if then != nil {
			return recordedMsg{later: then(c)}
		}
		return recordedMsg{}
	})
}

// answerRecord turns a checked answer into a log entry.
func answerRecord(learner progress.LearnerID, q *lessons.Question, a quiz.Answer, r quiz.Result, took time.Duration, at time.Time) progress.Answer {
	given, _ := json.Marshal(a)
	variant := q.ID
	if q.VariantOf.ID != "" {
		variant = q.VariantOf.ID
	}
	var forgiven []string
	for _, f := range r.Forgiven {
		forgiven = append(forgiven, string(f))
	}
	rec := progress.Answer{
		Learner:  learner,
		Question: q.ID,
		Variant:  variant,
		Given:    string(given),
		Result:   progress.Result(r.Outcome),
		Forgiven: forgiven,
		Duration: took,
		At:       at,
	}
	if q.Lesson != nil {
		rec.Lesson = q.Lesson.ID
	}
	return rec
}

// cardOf and storeCard convert review cards between the engine and the
// store, which keeps them as plain fields.
func cardOf(c progress.ReviewCard) scoring.Card {
	return scoring.Card{
		Skill: c.Acquis, Due: c.Due, Stability: c.Stability, Difficulty: c.Difficulty,
		ElapsedDays: c.ElapsedDays, ScheduledDays: c.ScheduledDays, Reps: c.Reps, Lapses: c.Lapses,
		State: scoring.CardState(c.State), LastReview: c.LastReview,
	}
}

func storeCard(c scoring.Card) progress.ReviewCard {
	return progress.ReviewCard{
		Acquis: c.Skill, Due: c.Due.UTC(), Stability: c.Stability, Difficulty: c.Difficulty,
		ElapsedDays: c.ElapsedDays, ScheduledDays: c.ScheduledDays, Reps: c.Reps, Lapses: c.Lapses,
		State: int8(c.State), LastReview: c.LastReview.UTC(),
	}
}

// Calibrations returns the store's calibrated difficulties in the engine's
// form. N is the number of test answers the difficulty rests on, not every
// answer to the question: lesson checks and reviews do not calibrate.
func Calibrations(stats map[string]progress.ItemStat) map[string]scoring.Calibration {
	out := map[string]scoring.Calibration{}
	for id, s := range stats {
		if s.Difficulty != nil {
			out[id] = scoring.Calibration{B: *s.Difficulty, N: s.CalibratedN}
		}
	}
	return out
}

// engineCalibrations and storeCalibrations convert calibrations between the
// store and the engine. The store keeps no discrimination: the content's
// (or 1) applies.
func engineCalibrations(in map[string]progress.ItemCalibration) map[string]scoring.Calibration {
	out := make(map[string]scoring.Calibration, len(in))
	for id, c := range in {
		out[id] = scoring.Calibration{B: c.Difficulty, N: c.N}
	}
	return out
}

func storeCalibrations(in map[string]scoring.Calibration) map[string]progress.ItemCalibration {
	out := make(map[string]progress.ItemCalibration, len(in))
	for id, c := range in {
		out[id] = progress.ItemCalibration{Difficulty: c.B, N: c.N}
	}
	return out
}

// explain says a store error in plain words.
func explain(ctx *Context, err error) string { return progress.Explain(err, ctx.Lang) }
