package progress

import (
	"context"
	"testing"
)

func TestExposure(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, tempPath(t), nil)
	a, err := s.CreateLearner(ctx, "Abel", "", Prefs{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := s.CreateLearner(ctx, "Béa", "", Prefs{})
	if err != nil {
		t.Fatal(err)
	}
	answer := func(l LearnerID, test TestID, q string) {
		if _, err := s.RecordAnswer(ctx, Answer{Learner: l, Question: q, Variant: q, Given: "{}", Result: Correct, Test: test}); err != nil {
			t.Fatal(err)
		}
	}
	t1, _ := s.StartTest(ctx, a.ID, "mail", 1)
	answer(a.ID, t1, "q1")
	answer(a.ID, t1, "q2")
	t2, _ := s.StartTest(ctx, b.ID, "mail", 2) // left open: it counts too
	answer(b.ID, t2, "q1")
	t3, _ := s.StartTest(ctx, b.ID, "sante", 3)
	answer(b.ID, t3, "q9")
	// An answer outside any test (a lesson's check) does not count.
	if _, err := s.RecordAnswer(ctx, Answer{Learner: a.ID, Question: "q2", Variant: "q2", Given: "{}", Result: Correct, Lesson: "l"}); err != nil {
		t.Fatal(err)
	}
	tests, asked, err := s.Exposure(ctx, "mail")
	if err != nil {
		t.Fatal(err)
	}
	if tests != 2 || asked["q1"] != 2 || asked["q2"] != 1 || asked["q9"] != 0 {
		t.Errorf("Exposure(mail) = %d, %v", tests, asked)
	}
}
