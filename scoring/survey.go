package scoring

import (
	"fmt"
	"hash/fnv"
)

// SurveyOptions tune a positioning ("Faire le point") across competences.
type SurveyOptions struct {
	Seed uint64
	// PerCompetence is the number of questions per competence (default 4).
	// Four Rasch questions give a rough level only: the results say so.
	PerCompetence int
	Exclude       []string
}

// Survey is a short positioning over several competences: a few items of
// each, one competence after the other, with the full engine's rules.
type Survey struct {
	tests []*Test
	cur   int
}

// NewSurvey starts a positioning over the given banks (nil banks are
// skipped).
func NewSurvey(banks []*Bank, opts SurveyOptions) *Survey {
	n := opts.PerCompetence
	if n <= 0 {
		n = 4
	}
	s := &Survey{}
	for _, b := range banks {
		if b == nil || b.Len() == 0 {
			continue
		}
		h := fnv.New64a()
		h.Write([]byte(b.Competence))
		s.tests = append(s.tests, NewTest(b, TestOptions{Seed: opts.Seed ^ h.Sum64(), Exclude: opts.Exclude,
			MinItems: min(3, n), MaxItems: n}))
	}
	return s
}

// Next returns the question to ask now, or false when the positioning is
// over. The item's competence is Step.Competence.
func (s *Survey) Next() (Step, bool) {
	for s.cur < len(s.tests) {
		if st, ok := s.tests[s.cur].Next(); ok {
			return st, true
		}
		s.cur++
	}
	return Step{}, false
}

// Record stores the answer to the current competence's question.
func (s *Survey) Record(questionID string, correct bool) error {
	if s.cur >= len(s.tests) {
		return ErrUnknownQuestion
	}
	return s.tests[s.cur].Record(questionID, correct)
}

// Over says whether every competence has been looked at.
func (s *Survey) Over() bool {
	_, ok := s.Next()
	return !ok
}

// Results returns one rough result per competence (also for those not yet
// reached, with no answer: level from the prior alone, marked Rough too).
func (s *Survey) Results() []Result {
	out := make([]Result, len(s.tests))
	for i, t := range s.tests {
		out[i] = t.Result()
		out[i].Rough = true
	}
	return out
}

// ReplaySurvey rebuilds a positioning from its answer log, in order.
func ReplaySurvey(banks []*Bank, opts SurveyOptions, answers []Answer) (*Survey, error) {
	s := NewSurvey(banks, opts)
	for k, a := range answers {
		s.Next()
		if err := s.Record(a.Question, a.Correct); err != nil {
			return nil, fmt.Errorf("replaying answer %d: %w", k+1, err)
		}
	}
	return s, nil
}

// Params returns the Params of every bank of the positioning, in one map
// (question ids are unique across competences).
func (s *Survey) Params() map[string]Calibration {
	out := map[string]Calibration{}
	for _, t := range s.tests {
		for id, c := range t.bank.Params() {
			out[id] = c
		}
	}
	return out
}
