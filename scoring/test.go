package scoring

import (
	"fmt"
	"slices"
)

// Step is the next question to ask and why it was chosen.
type Step struct {
	Item       *Item
	Reason     StepReason
	Competence string // the competence of the bank the item comes from
}

// Assessment is a test or a positioning in progress: what the tutor, the
// use cases and the simulation drive, whichever it is. Ask Next, record the
// answer, until Over; then Results, with the item parameters they were
// computed with (Params) and the calibration step to store (Calibrate).
type Assessment interface {
	// Next returns the question to ask now, or false when it is over.
	Next() (Step, bool)
	// Record gives the answer to the question Next returned.
	Record(questionID string, correct bool) error
	// Over says whether no question is left to ask.
	Over() bool
	// Results are one result per competence assessed: one for a Test.
	Results() []Result
	// Params are the item parameters of every bank, by question id.
	Params() map[string]Calibration
	// Calibrate is the Elo step of every question answered (Test.Calibrate).
	Calibrate(current map[string]Calibration, authorB map[string]float64, o EloOptions) map[string]Calibration
}

var (
	_ Assessment = (*Test)(nil)
	_ Assessment = (*Survey)(nil)
)

// Test is one adaptive test of one competence: a small deterministic state
// machine. Call Next for the question to ask, Record for the answer, until
// Done; then Result. Its state depends only on the bank, the options and
// the answers recorded, so a test interrupted by a crash is rebuilt by
// Replay from the answer log.
type Test struct {
	bank *Bank
	opts TestOptions

	ll        *LogLik
	logPrior  []float64
	responses []Response
	steps     []StepReason // one per recorded answer (zero Reason if not chosen by Next)
	done      []bool       // per item
	excluded  []bool       // per item
	tired     []bool       // per item: asked in too many past tests (exposure control)
	usedGroup []bool       // per variant group
	seenSkill []bool       // per acquis

	theta, se float64
	pending   *Step
	stop      StopInfo
}

// NewTest starts a test on a bank.
func NewTest(b *Bank, opts TestOptions) *Test {
	t := &Test{
		bank:      b,
		opts:      opts.withDefaults(),
		ll:        NewLogLik(DefaultGrid),
		logPrior:  DefaultGrid.LogPrior(b.Prior),
		done:      make([]bool, len(b.Items)),
		excluded:  make([]bool, len(b.Items)),
		tired:     make([]bool, len(b.Items)),
		usedGroup: make([]bool, b.groups),
		seenSkill: make([]bool, len(b.skills)),
	}
	for _, id := range opts.Exclude {
		if i, ok := b.index[id]; ok {
			t.excluded[i] = true
		}
	}
	if e := t.opts.Exposure; t.opts.MaxExposure > 0 && e.Tests > 0 {
		// Set aside while asked in at least MaxExposure of past tests: with
		// that rule no question's share can pass the cap by more than one
		// test (catsim's MaxInfoSelector(r_max); adaptive.md §1.3).
		limit := t.opts.MaxExposure * float64(e.Tests)
		asked := 0
		for id, n := range e.Asked {
			if i, ok := b.index[id]; ok {
				asked += n
				t.tired[i] = float64(n) >= limit
			}
		}
		// Unless the cap cannot be met: when past tests asked on average
		// more than MaxExposure × the bank's size, even a perfectly even
		// use of the questions passes it, and setting questions aside
		// would only cost precision (a bank too small for its tests).
		if float64(asked) > limit*float64(len(b.Items)) {
			clear(t.tired)
		}
	}
	t.update()
	return t
}

// Answer is one entry of an answer log: which question, right or not.
type Answer struct {
	Question string
	Correct  bool
}

// Replay rebuilds a test from its answer log, in order. It fails if the log
// names a question the bank does not hold or repeats one.
func Replay(b *Bank, opts TestOptions, answers []Answer) (*Test, error) {
	t := NewTest(b, opts)
	for k, a := range answers {
		t.Next()
		if err := t.Record(a.Question, a.Correct); err != nil {
			return nil, fmt.Errorf("replaying answer %d: %w", k+1, err)
		}
	}
	return t, nil
}

// Bank returns the test's bank.
func (t *Test) Bank() *Bank { return t.bank }

// Next returns the question to ask now and why, or false when the test is
// over. Calling it again before Record returns the same step.
func (t *Test) Next() (Step, bool) {
	if t.stop.Reason != NotStopped {
		return Step{}, false
	}
	if t.pending == nil {
		i, why := t.selectNext()
		if i < 0 {
			t.stop.Reason = StopNoItems
			return Step{}, false
		}
		t.pending = &Step{Item: &t.bank.Items[i], Reason: why, Competence: t.bank.Competence}
	}
	return *t.pending, true
}

// ErrUnknownQuestion and ErrAlreadyAnswered are the errors Record returns.
var (
	ErrUnknownQuestion = fmt.Errorf("question not in this test's bank")
	ErrAlreadyAnswered = fmt.Errorf("question already answered in this test")
)

// Record stores the answer to a question ("Je ne sais pas" counts as
// wrong). Usually it is the question Next gave; any other unanswered
// question of the bank is accepted too, so an answer log stays replayable
// when the content changed in between.
func (t *Test) Record(questionID string, correct bool) error {
	i, ok := t.bank.index[questionID]
	if !ok {
		return fmt.Errorf("%q: %w", questionID, ErrUnknownQuestion)
	}
	if t.done[i] {
		return fmt.Errorf("%q: %w", questionID, ErrAlreadyAnswered)
	}
	var why StepReason
	if t.pending != nil && t.pending.Item.ID == questionID {
		why = t.pending.Reason
	} else {
		why = StepReason{N: len(t.responses) + 1, Theta: t.theta, SE: t.se, Level: t.bank.Scale.Level(t.theta),
			Rank: 0, Skill: t.bank.Items[i].Skill, ItemLevel: t.bank.Items[i].Level}
	}
	t.pending = nil
	it := &t.bank.Items[i]
	t.done[i] = true
	t.usedGroup[t.bank.groupOf[i]] = true
	t.seenSkill[t.bank.skillOf[i]] = true
	t.responses = append(t.responses, Response{Item: it, Correct: correct})
	t.steps = append(t.steps, why)
	t.ll.Add(it, correct)
	t.update()
	return nil
}

// update recomputes the running estimate and the stopping decision.
func (t *Test) update() {
	post := t.posterior()
	t.theta, t.se = post.Mean(), post.SD()
	if t.opts.Estimator == MAPEstimate && len(t.responses) > 0 {
		t.theta, t.se = MAP(t.responses, t.bank.Prior)
	}
	t.stop = t.checkStop()
}

func (t *Test) posterior() Posterior {
	return posteriorFrom(t.ll.L, t.logPrior, t.ll.Grid)
}

// Done says whether the test is over, and why.
func (t *Test) Done() (bool, StopReason) {
	return t.stop.Reason != NotStopped, t.stop.Reason
}

// Over says whether the test asks no more questions: it has stopped, or no
// question is left to choose.
func (t *Test) Over() bool {
	_, ok := t.Next()
	return !ok
}

// Results is Result, as the one result of an Assessment.
func (t *Test) Results() []Result { return []Result{t.Result()} }

// Params returns the parameters of the test's bank (Bank.Params).
func (t *Test) Params() map[string]Calibration { return t.bank.Params() }

// Stop returns the data behind the last stopping decision.
func (t *Test) Stop() StopInfo { return t.stop }

// Estimate returns the running ability estimate and its standard error.
func (t *Test) Estimate() (theta, se float64) { return t.theta, t.se }

// Responses returns the answers recorded so far, in order.
func (t *Test) Responses() []Response { return slices.Clone(t.responses) }

// Steps returns why each answered item was chosen, in order.
func (t *Test) Steps() []StepReason { return slices.Clone(t.steps) }

// Len is the number of answers recorded.
func (t *Test) Len() int { return len(t.responses) }
