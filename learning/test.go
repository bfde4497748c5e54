package learning

import (
	"context"
	"fmt"
	"maps"

	"pasapas/lessons"
	"pasapas/record"
	"pasapas/scoring"
)

// Test is a test or a positioning in progress: the engine's state, with
// the store's id for it. StartTest builds it; from then on one owner (the
// screen) drives it: Next, Record after the answer is stored, Over, then
// FinishTest.
type Test struct {
	ID         record.TestID
	Competence string // a competence id, or record.Positioning
	Seed       int64
	// Rho is the correlation between competences a positioning runs with
	// (PositioningRho when it started, kept by the store); 0 for a test of
	// one competence.
	Rho float64
	// Answered counts the answers the engine holds, those of a resumed
	// test included.
	Answered int
	run      scoring.Assessment
}

// Next is the question to ask now, or false when the test is over.
func (t *Test) Next() (scoring.Step, bool) { return t.run.Next() }

// Over says whether no question is left to ask.
func (t *Test) Over() bool { return t.run.Over() }

// Record gives the engine an answer already stored (RecordAnswer): an
// answer that is not on disk is not given to the engine either, so the log
// and the engine never differ.
func (t *Test) Record(question string, correct bool) error {
	if err := t.run.Record(question, correct); err != nil {
		return err
	}
	t.Answered++
	return nil
}

// Results are the engine's results so far: one per competence.
func (t *Test) Results() []scoring.Result { return t.run.Results() }

// StartTest carries on the learner's open test of a competence, if there is
// one (a learner who comes back does not start over, and open tests do not
// pile up), or starts a new one. A new test runs on today's centred banks
// (NewTestBank), leaves out the questions of the learner's previous test of
// the same competence, and, for one competence, keeps any question from
// coming up in most tests of this PC (exposure). A resumed test is rebuilt
// by replaying its answers with the seed it started with. It reads the
// learner's tests itself: a screen's copy of the state may be changing.
func (s *Service) StartTest(ctx context.Context, cat *lessons.Catalogue, learner record.LearnerID, competence string) (*Test, error) {
	state, err := s.store.LoadState(ctx, learner)
	if err != nil {
		return nil, err
	}
	var resume *record.OpenTest
	for i := len(state.OpenTests) - 1; i >= 0; i-- {
		if state.OpenTests[i].Competence == competence {
			resume = &state.OpenTests[i]
			break
		}
	}
	stats, err := s.store.ItemStats(ctx)
	if err != nil {
		return nil, err
	}
	calib := Calibrations(stats)
	var exposure scoring.Exposure
	if competence != record.Positioning {
		tests, asked, err := s.store.Exposure(ctx, competence)
		if err != nil {
			return nil, err
		}
		if resume != nil {
			// As it was when the test started: this test not counted.
			tests--
			for _, a := range resume.Answers {
				asked[a.Question]--
			}
		}
		exposure = scoring.Exposure{Tests: max(0, tests), Asked: asked}
	}
	// The questions of the previous test of this competence are asked again
	// only when nothing else is left.
	var exclude []string
	for i := len(state.Tests) - 1; i >= 0; i-- {
		if t := state.Tests[i]; t.Competence == competence && t.Result != nil && (resume == nil || t.ID != resume.ID) {
			prev, err := s.store.TestAnswers(ctx, t.ID)
			if err != nil {
				return nil, err
			}
			for _, a := range prev {
				exclude = append(exclude, a.Question)
			}
			break
		}
	}
	t := &Test{Competence: competence}
	if resume != nil {
		t.ID, t.Seed, t.Rho = resume.ID, resume.Seed, resume.Rho
	} else {
		t.Seed = s.now().UnixNano()
		if competence == record.Positioning {
			if t.Rho, _, err = s.PositioningRho(ctx); err != nil {
				return nil, err
			}
		}
	}
	authorB := scoring.AuthorDifficulties(cat)
	if competence == record.Positioning {
		var banks []*scoring.Bank
		for _, comp := range cat.Competences {
			if b := NewTestBank(cat, comp.ID, calib, authorB); b != nil {
				banks = append(banks, b)
			}
		}
		t.run = scoring.NewPositioning(banks, positioningOptions(t.Seed, exclude, t.Rho))
	} else {
		bank := NewTestBank(cat, competence, calib, authorB)
		if bank == nil {
			return nil, fmt.Errorf("learning: test of %q: %w", competence, ErrNoQuestions)
		}
		t.run = scoring.NewTest(bank, testOptions(t.Seed, exclude, exposure))
	}
	if resume != nil {
		for _, a := range resume.Answers {
			// An answer the engine refuses (its question was removed from
			// the content since) is skipped: losing one answer is better
			// than losing the test.
			t.run.Next()
			_ = t.Record(a.Question, a.Result == record.Correct)
		}
		return t, nil
	}
	if competence == record.Positioning {
		t.ID, err = s.store.StartPositioning(ctx, learner, t.Seed, t.Rho)
	} else {
		t.ID, err = s.store.StartTest(ctx, learner, competence, t.Seed)
	}
	if err != nil {
		return nil, err
	}
	return t, nil
}

// testOptions are the engine's options for a test of one competence:
// every test has the easy start (a level-1 question first, no typed answer
// in the first two).
func testOptions(seed int64, exclude []string, exposure scoring.Exposure) scoring.TestOptions {
	return scoring.TestOptions{Seed: uint64(seed), Exclude: exclude, Exposure: exposure, EasyStart: true}
}

// positioningOptions are the engine's options for « Un peu de tout »: the
// positioning across competences (scoring.Positioning), with the easy
// start and the correlation between competences it started with (0, for a
// positioning started before it was kept: the default, scoring.DefaultRho).
func positioningOptions(seed int64, exclude []string, rho float64) scoring.PositioningOptions {
	return scoring.PositioningOptions{Seed: uint64(seed), Exclude: exclude, EasyStart: true, Rho: rho}
}

// PositioningRho is the correlation between competences a new positioning
// runs with: scoring.EstimateRho over the latest one-competence results
// stored here (this place, on PostgreSQL), or scoring.DefaultRho with
// estimated false while fewer than scoring.MinRhoLearners learners have
// results in two competences.
// The results are the stored ones (ResultsByCompetence, one read): the
// ability and standard error each test concluded, which Results gives
// again when it replays the test with the parameters stored with it.
// Positionings are left out: their results depend on the correlation. It
// is computed again at every start from what is stored, and kept nowhere
// but in the positioning it serves: an erased learner's results leave the
// next estimate with them. One value for every pair of competences: a
// place has few learners tested in both competences of any one pair.
func (s *Service) PositioningRho(ctx context.Context) (rho float64, estimated bool, err error) {
	byComp, err := s.store.ResultsByCompetence(ctx)
	if err != nil {
		return 0, false, err
	}
	var results []scoring.RhoResult
	for _, cr := range byComp {
		if cr.Competence == record.Positioning {
			continue
		}
		for _, l := range cr.Learners {
			results = append(results, scoring.RhoResult{Learner: int64(l.Learner), Competence: cr.Competence, Theta: l.Theta, SE: l.SE})
		}
	}
	rho, estimated = scoring.EstimateRho(scoring.RhoPairsOf(results))
	return rho, estimated, nil
}

// ErrNoQuestions: the competence has no question to test with.
var ErrNoQuestions = fmt.Errorf("learning: no question to ask: %w", record.ErrInvalid)

// RecordAnswer appends an answer to the log, then the review card of its
// acquis (card may be nil). It returns once the answer is durable: the
// screen shows the feedback only then. later is the failure of what
// followed the answer (its card), which does not undo the answer.
func (s *Service) RecordAnswer(ctx context.Context, a record.Answer, card *record.ReviewCard) (later error, err error) {
	if _, err := s.store.RecordAnswer(ctx, a); err != nil {
		return nil, err
	}
	if card != nil {
		return s.store.SaveReviewCards(ctx, a.Learner, *card), nil
	}
	return nil, nil
}

// FinishTest writes the result, the item parameters it was computed with,
// the mastery of each acquis touched and the new difficulty of each
// question answered, in one unit of work: all of it is stored, or none and
// the test stays open. The engine is only read.
func (s *Service) FinishTest(ctx context.Context, cat *lessons.Catalogue, t *Test) error {
	results := t.run.Results()
	var res record.TestResult
	if t.Competence == record.Positioning {
		res = positioningSummary(results)
	} else {
		r := results[0]
		res = record.TestResult{Theta: r.Theta, SE: r.SE, Level: r.Level, StopReason: r.Stop.Reason.String()}
	}
	now := s.now()
	var states []record.AcquisState
	for _, r := range results {
		for _, sk := range r.Skills {
			if sk.Right+sk.Wrong > 0 {
				states = append(states, record.AcquisState{Acquis: sk.Skill, Mastery: sk.PSuccess, Answers: sk.Right + sk.Wrong, LastSeen: now})
			}
		}
	}
	// Calibration: one Elo step per answered question, with this test's
	// ability under the population prior, from the difficulty stored when
	// the unit of work runs (in the frame of the test's centred bank),
	// pulled back to the author's.
	authorB := scoring.AuthorDifficulties(cat)
	out := record.TestOutcome{Result: res, Acquis: states, Difficulties: t.run.Params(),
		Calibrate: func(cur map[string]scoring.Calibration) map[string]scoring.Calibration {
			return t.run.Calibrate(cur, authorB, scoring.EloOptions{})
		}}
	return s.store.FinishTestWith(ctx, t.ID, out)
}

// AbandonTest stops an open test for good: it is no longer offered for
// resuming, and counts in no result.
func (s *Service) AbandonTest(ctx context.Context, id record.TestID) error {
	return s.store.AbandonTest(ctx, id)
}

// positioningSummary keeps, for a positioning, the mean level over its
// competences (every one has a first idea, asked or not); each
// competence's level is computed again from the answers when results are
// shown (Service.Results).
func positioningSummary(rs []scoring.Result) record.TestResult {
	sum, n := 0, 0
	for _, r := range rs {
		sum += r.Level
		n++
	}
	level := 0
	if n > 0 {
		level = (sum + n/2) / n
	}
	return record.TestResult{Level: level, StopReason: record.Positioning}
}

// NewTestBank is the bank a new test of a competence runs on: today's
// calibration (Calibrations), centred on the author levels
// (scoring.Bank.Centred), so that the learners of this computer can move
// questions relative to each other but not the whole scale. Results are
// replayed on the bank their test stored, never on this one. nil when the
// competence has no question.
func NewTestBank(cat *lessons.Catalogue, competence string, calib map[string]scoring.Calibration, authorB map[string]float64) *scoring.Bank {
	b := scoring.BankFromCatalogue(cat, competence, calib)
	if b == nil || b.Len() == 0 {
		return nil
	}
	return b.Centred(calib, authorB)
}

// Calibrations are the store's calibrated difficulties in the engine's
// form. N is the number of test answers the difficulty rests on, not every
// answer to the question: lesson checks and reviews do not calibrate.
func Calibrations(stats map[string]record.ItemStat) map[string]scoring.Calibration {
	out := map[string]scoring.Calibration{}
	for id, s := range stats {
		if s.Calibrated != nil {
			out[id] = *s.Calibrated
		}
	}
	return out
}

// replayCalibration is the calibration to rebuild a finished test's banks
// with: today's, with the parameters the test used laid over it. A question
// the test did not store (a test finished before schema version 3 stored
// none, and a question added to the content since is in none) gets today's
// calibration.
func replayCalibration(today, used map[string]scoring.Calibration) map[string]scoring.Calibration {
	if len(used) == 0 {
		return today
	}
	out := maps.Clone(today)
	if out == nil {
		out = map[string]scoring.Calibration{}
	}
	for id, p := range used {
		out[id] = scoring.Calibration{B: p.B, A: p.A}
	}
	return out
}

// Engine is the engine behind the test (a *scoring.Test, or a
// *scoring.Positioning for « Un peu de tout »), for what it can tell beyond
// Results: its bank, the reasons of its choices.
func (t *Test) Engine() scoring.Assessment { return t.run }
