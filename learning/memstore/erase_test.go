package memstore

import (
	"context"
	"testing"

	"pasapas/record"
)

// TestEraseLeavesNoCopy looks inside the store, where the contract cannot:
// after an erase, no map or slice holds anything of the learner, even
// where no read could reach it any more.
func TestEraseLeavesNoCopy(t *testing.T) {
	ctx := context.Background()
	s := New()
	l, err := s.CreateLearner(ctx, "Léa", "2468", record.Prefs{})
	if err != nil {
		t.Fatal(err)
	}
	test, _ := s.StartTest(ctx, l.ID, "mail", 1)
	if _, err := s.RecordAnswer(ctx, record.Answer{Learner: l.ID, Question: "q1", Given: "1", Result: record.Correct, Test: test}); err != nil {
		t.Fatal(err)
	}
	s.FinishTestWith(ctx, test, record.TestOutcome{Acquis: []record.AcquisState{{Acquis: "a1", Mastery: 0.5}}})
	s.SaveLessonStep(ctx, l.ID, record.LessonStep{Lesson: "l1", Step: 1})
	s.SaveReviewCards(ctx, l.ID, record.ReviewCard{Acquis: "a1"})
	if err := s.Erase(ctx, l.ID); err != nil {
		t.Fatal(err)
	}
	d := &s.d
	if len(d.learners) != 0 || len(d.tests) != 0 || len(d.answers) != 0 || len(d.lessons) != 0 ||
		len(d.acquis) != 0 || len(d.reviews) != 0 {
		t.Errorf("left after erase: %d learners, %d tests, %d answers, %d lessons, %d acquis, %d cards",
			len(d.learners), len(d.tests), len(d.answers), len(d.lessons), len(d.acquis), len(d.reviews))
	}
	if it := d.items["q1"]; it.answers != 1 {
		t.Errorf("anonymous counts %+v: they stay", it)
	}
}
