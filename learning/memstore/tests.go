package memstore

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"slices"
	"time"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"pasapas/record"
	"pasapas/scoring"
)

// RecordAnswer appends an answer to the log and returns its id. a.At is set
// by the store's clock when zero; a.ID is ignored. An answer to a test must
// belong to that test's learner and the test must be open. The question's
// anonymous counts and the learner's last-seen time (a.At) follow.
func (s *Store) RecordAnswer(ctx context.Context, a record.Answer) (record.AnswerID, error) {
	if err := checkAnswer(a); err != nil {
		return 0, fail("recording answer", err)
	}
	if err := s.lock(ctx, "recording answer"); err != nil {
		return 0, err
	}
	defer s.mu.Unlock()
	if err := s.d.known(a.Learner); err != nil {
		return 0, fail("recording answer", err)
	}
	if a.Test != 0 {
		owner, err := s.d.checkTestOpen(a.Test)
		if err != nil {
			return 0, fail("recording answer", err)
		}
		if owner != a.Learner {
			return 0, fail("recording answer", fmt.Errorf("test %d belongs to another learner: %w", a.Test, record.ErrInvalid))
		}
		// A test asks a question once: a second answer comes from another
		// window resuming the same test, and is not recorded twice.
		for _, b := range s.d.answers {
			if b.Test == a.Test && b.Question == a.Question {
				return 0, fail("recording answer", fmt.Errorf("test %d, question %q: %w", a.Test, a.Question, record.ErrAnsweredElsewhere))
			}
		}
	}
	if a.At.IsZero() {
		a.At = s.clock()
	}
	a.At = ms(a.At)
	a.Duration = a.Duration.Truncate(time.Millisecond)
	a.Forgiven = append([]string{}, a.Forgiven...)
	s.d.lastAnswer++
	a.ID = s.d.lastAnswer
	s.d.touch(a.Learner, a.At)
	s.d.answers = append(s.d.answers, a)
	it := s.d.items[a.Question]
	it.answers++
	if a.Result == record.Correct {
		it.correct++
	}
	it.updated = a.At
	s.d.items[a.Question] = it
	return a.ID, nil
}

func checkAnswer(a record.Answer) error {
	switch {
	case a.Learner <= 0:
		return fmt.Errorf("no learner: %w", record.ErrInvalid)
	case blank(a.Question):
		return fmt.Errorf("no question id: %w", record.ErrInvalid)
	case a.Result != record.Correct && a.Result != record.Incorrect && a.Result != record.Skipped:
		return fmt.Errorf("result %q: %w", a.Result, record.ErrInvalid)
	case !json.Valid([]byte(a.Given)):
		return fmt.Errorf("answer given is not JSON: %w", record.ErrInvalid)
	case a.Duration < 0:
		return fmt.Errorf("negative duration: %w", record.ErrInvalid)
	}
	return nil
}

// TestAnswers returns a test's answers in the order they were given.
func (s *Store) TestAnswers(ctx context.Context, id record.TestID) ([]record.Answer, error) {
	if err := s.lock(ctx, "reading test answers"); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	return s.d.answersOf(id), nil
}

// answersOf returns copies of a test's answers, in id order.
func (d *data) answersOf(id record.TestID) []record.Answer {
	var out []record.Answer
	for _, a := range d.answers {
		if a.Test == id {
			out = append(out, copyAnswer(a))
		}
	}
	return out
}

func copyAnswer(a record.Answer) record.Answer {
	a.Forgiven = slices.Clone(a.Forgiven)
	return a
}

// StartTest opens a test for a learner.
func (s *Store) StartTest(ctx context.Context, learner record.LearnerID, competence string, seed int64) (record.TestID, error) {
	if blank(competence) {
		return 0, fail("starting test", fmt.Errorf("no competence: %w", record.ErrInvalid))
	}
	return s.startTest(ctx, learner, competence, seed, 0)
}

// StartPositioning opens a positioning with the correlation between
// competences it runs with.
func (s *Store) StartPositioning(ctx context.Context, learner record.LearnerID, seed int64, rho float64) (record.TestID, error) {
	if !(rho > 0 && rho < 1) {
		return 0, fail("starting a positioning", fmt.Errorf("correlation %v: %w", rho, record.ErrInvalid))
	}
	return s.startTest(ctx, learner, record.Positioning, seed, rho)
}

func (s *Store) startTest(ctx context.Context, learner record.LearnerID, competence string, seed int64, rho float64) (record.TestID, error) {
	if err := s.lock(ctx, "starting test"); err != nil {
		return 0, err
	}
	defer s.mu.Unlock()
	if err := s.d.known(learner); err != nil {
		return 0, fail("starting test", err)
	}
	now := s.clock()
	s.d.touch(learner, now)
	s.d.lastTest++
	id := s.d.lastTest
	s.d.tests[id] = test{rec: record.Test{ID: id, Learner: learner, Competence: competence, Seed: seed, StartedAt: now, Rho: rho}}
	return id, nil
}

// FinishTestWith closes a test with everything it concluded, as one unit of
// work: its result, the item parameters it used, the mastery of its acquis
// and the calibration of the questions it asked. Every check is made, and
// o.Calibrate run, before anything changes: on any error the store is as it
// was and the test still open. o.Calibrate runs under the store's lock, so
// it must not call the store.
func (s *Store) FinishTestWith(ctx context.Context, id record.TestID, o record.TestOutcome) error {
	const what = "finishing test"
	r := o.Result
	if r.Level < 0 || r.Level > 4 {
		return fail(what, fmt.Errorf("level %d: %w", r.Level, record.ErrInvalid))
	}
	if err := checkAcquis(o.Acquis); err != nil {
		return err
	}
	params, err := checkParams(o.Difficulties)
	if err != nil {
		return err
	}
	if err := s.lock(ctx, what); err != nil {
		return err
	}
	defer s.mu.Unlock()
	if _, err := s.d.checkTestOpen(id); err != nil {
		return fail(what, err)
	}
	var next map[string]scoring.Calibration
	if o.Calibrate != nil {
		current := map[string]scoring.Calibration{}
		for _, a := range s.d.answers {
			if a.Test == id {
				current[a.Question] = s.d.items[a.Question].calibration()
			}
		}
		next = o.Calibrate(maps.Clone(current))
		for q := range next {
			if _, ok := current[q]; !ok {
				return fail(what, fmt.Errorf("calibrating %q: not answered in test %d: %w", q, id, record.ErrInvalid))
			}
		}
		if err := checkCalibrations(next); err != nil {
			return fail(what, err)
		}
	}
	// Every check passed: write.
	now := s.clock()
	t := s.d.tests[id]
	t.rec.FinishedAt = now
	t.rec.Result = &r
	t.difficulties = params
	s.d.tests[id] = t
	s.d.touch(t.rec.Learner, now)
	s.d.saveAcquis(t.rec.Learner, now, o.Acquis)
	s.d.saveCalibrations(next, now)
	return nil
}

// checkParams checks a test's item parameters and returns the copy to keep
// (B and A: N is not kept); nil when there are none.
func checkParams(params map[string]scoring.Calibration) (map[string]scoring.Calibration, error) {
	if len(params) == 0 {
		return nil, nil
	}
	out := make(map[string]scoring.Calibration, len(params))
	for q, p := range params {
		if q == "" || math.IsNaN(p.B) || math.IsInf(p.B, 0) || !(p.A > 0) || math.IsInf(p.A, 0) {
			return nil, fail("finishing test", fmt.Errorf("parameters of %q: %w", q, record.ErrInvalid))
		}
		out[q] = scoring.Calibration{B: p.B, A: p.A}
	}
	return out, nil
}

// TestDifficulties returns the item parameters a finished test used, by
// question id; nil, and no error, for a test without them (abandoned, open,
// or finished without them).
func (s *Store) TestDifficulties(ctx context.Context, id record.TestID) (map[string]scoring.Calibration, error) {
	if err := s.lock(ctx, "reading a test's difficulties"); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	t, ok := s.d.tests[id]
	if !ok {
		return nil, fail("reading a test's difficulties", fmt.Errorf("test %d: %w", id, record.ErrNotFound))
	}
	return maps.Clone(t.difficulties), nil
}

// AbandonTest closes a test the learner left, with no result.
func (s *Store) AbandonTest(ctx context.Context, id record.TestID) error {
	if err := s.lock(ctx, "abandoning test"); err != nil {
		return err
	}
	defer s.mu.Unlock()
	if _, err := s.d.checkTestOpen(id); err != nil {
		return fail("abandoning test", err)
	}
	now := s.clock()
	t := s.d.tests[id]
	t.rec.FinishedAt, t.rec.Abandoned = now, true
	s.d.tests[id] = t
	s.d.touch(t.rec.Learner, now)
	return nil
}

// checkTestOpen says ErrNotFound or ErrTestFinished when a test cannot take
// answers or a result, and whose test it is.
func (d *data) checkTestOpen(id record.TestID) (record.LearnerID, error) {
	t, ok := d.tests[id]
	if !ok {
		return 0, fmt.Errorf("test %d: %w", id, record.ErrNotFound)
	}
	if !t.rec.Open() {
		return t.rec.Learner, fmt.Errorf("test %d: %w", id, record.ErrTestFinished)
	}
	return t.rec.Learner, nil
}

// Exposure counts, for one competence, the tests taken (by every learner,
// finished or not) and how many of them asked each question.
func (s *Store) Exposure(ctx context.Context, competence string) (int, map[string]int, error) {
	if err := s.lock(ctx, "counting how often questions were asked"); err != nil {
		return 0, nil, err
	}
	defer s.mu.Unlock()
	tests := 0
	for _, t := range s.d.tests {
		if t.rec.Competence == competence {
			tests++
		}
	}
	seen := map[string]map[record.TestID]bool{}
	for _, a := range s.d.answers {
		if a.Test == 0 || s.d.tests[a.Test].rec.Competence != competence {
			continue
		}
		if seen[a.Question] == nil {
			seen[a.Question] = map[record.TestID]bool{}
		}
		seen[a.Question][a.Test] = true
	}
	asked := make(map[string]int, len(seen))
	for q, ts := range seen {
		asked[q] = len(ts)
	}
	return tests, asked, nil
}

// OpenTests returns a learner's unfinished tests, oldest first, each with
// its answers in order.
func (s *Store) OpenTests(ctx context.Context, learner record.LearnerID) ([]record.OpenTest, error) {
	if err := s.lock(ctx, "reading open tests"); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	return s.d.openTests(learner), nil
}

func (d *data) openTests(learner record.LearnerID) []record.OpenTest {
	out := []record.OpenTest{}
	for _, t := range d.testsOf(learner, true) {
		out = append(out, record.OpenTest{Test: t, Answers: d.answersOf(t.ID)})
	}
	return out
}

// testsOf returns a learner's tests (only the open ones if open), oldest
// first (by start, then id), each a copy.
func (d *data) testsOf(learner record.LearnerID, open bool) []record.Test {
	var out []record.Test
	for _, t := range d.tests {
		if t.rec.Learner != learner || (open && !t.rec.Open()) {
			continue
		}
		rec := t.rec
		if rec.Result != nil {
			r := *rec.Result
			rec.Result = &r
		}
		out = append(out, rec)
	}
	slices.SortFunc(out, func(a, b record.Test) int {
		if c := a.StartedAt.Compare(b.StartedAt); c != 0 {
			return c
		}
		return compareIDs(a.ID, b.ID)
	})
	return out
}

// ResultsByCompetence returns, for each competence with at least one
// finished test, the latest level of each learner and the count per level,
// competences in byte order and learners in French alphabetical order of
// name (ties by id), as progress. Abandoned tests do not count.
func (s *Store) ResultsByCompetence(ctx context.Context) ([]record.CompetenceResults, error) {
	if err := s.lock(ctx, "reading results"); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	type key struct {
		comp    string
		learner record.LearnerID
	}
	latest := map[key]record.LearnerLevel{}
	latestID := map[key]record.TestID{}
	for _, t := range s.d.tests {
		if t.rec.Result == nil {
			continue
		}
		k := key{t.rec.Competence, t.rec.Learner}
		ll, seen := latest[k]
		ll.Tests++
		// The latest finish wins; at the same millisecond, the later test.
		if c := t.rec.FinishedAt.Compare(ll.At); !seen || c > 0 || (c == 0 && t.rec.ID > latestID[k]) {
			r := t.rec.Result
			ll.Learner, ll.Name = t.rec.Learner, s.d.learners[t.rec.Learner].rec.Name
			ll.Level, ll.Theta, ll.SE, ll.At = r.Level, r.Theta, r.SE, t.rec.FinishedAt
			latestID[k] = t.rec.ID
		}
		latest[k] = ll
	}
	byComp := map[string]*record.CompetenceResults{}
	for k, ll := range latest {
		cr := byComp[k.comp]
		if cr == nil {
			cr = &record.CompetenceResults{Competence: k.comp}
			byComp[k.comp] = cr
		}
		cr.Learners = append(cr.Learners, ll)
		if ll.Level >= 0 && ll.Level < len(cr.ByLevel) {
			cr.ByLevel[ll.Level]++
		}
	}
	col := collate.New(language.French, collate.IgnoreCase)
	var buf collate.Buffer
	keys := map[record.LearnerID]string{}
	for id, l := range s.d.learners {
		keys[id] = string(col.KeyFromString(&buf, l.rec.Name))
		buf.Reset()
	}
	var out []record.CompetenceResults
	for _, comp := range sortedKeys(byComp) {
		cr := byComp[comp]
		slices.SortFunc(cr.Learners, func(a, b record.LearnerLevel) int {
			if ka, kb := keys[a.Learner], keys[b.Learner]; ka != kb {
				if ka < kb {
					return -1
				}
				return 1
			}
			return compareIDs(a.Learner, b.Learner)
		})
		out = append(out, *cr)
	}
	return out, nil
}
