package learning

import (
	"context"
	"slices"

	"pasapas/record"
)

// LeaveTest is the learner leaving a test before its end, to come back to
// it later. A test with no answer is not kept: there is nothing to resume,
// and « Reprendre le test : … — 0 réponses » lines would only pile up on
// the home screen. A test with answers stays open. To stop a test for
// good, with answers, see AbandonTest.
func (s *Service) LeaveTest(ctx context.Context, t *Test) error {
	if t == nil || t.ID == 0 || t.Answered > 0 {
		return nil
	}
	return s.store.AbandonTest(ctx, t.ID)
}

// withoutEmptyTests leaves out of a learner's state the open tests with
// no answer (left by a crash or a closed window before the first answer):
// they are not offered for resuming. StartTest still finds such a test
// and carries it on.
func withoutEmptyTests(st *record.State, err error) (*record.State, error) {
	if st != nil {
		st.OpenTests = slices.DeleteFunc(st.OpenTests, func(o record.OpenTest) bool { return len(o.Answers) == 0 })
	}
	return st, err
}
