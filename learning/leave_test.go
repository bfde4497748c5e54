package learning_test

import (
	"context"
	"testing"

	"pasapas/learning"
	"pasapas/record"
)

// TestLeaveTestKeepsNoEmptyTest: a test left before its first answer is
// not kept (LeaveTest closes it), a test left with answers stays open, and
// an empty test left by a crash is not offered for resuming (State leaves
// it out) though StartTest still carries it on — on both stores.
func TestLeaveTestKeepsNoEmptyTest(t *testing.T) {
	onEachStore(t, func(t *testing.T, app *learning.Service, clk *clock) {
		ctx := context.Background()
		id := newLearner(t, app, "Léon")
		empty, err := app.StartTest(ctx, cat, id, "mail")
		if err != nil {
			t.Fatal(err)
		}
		if err := app.LeaveTest(ctx, empty); err != nil {
			t.Fatal(err)
		}
		if state, _ := app.State(ctx, id); len(state.OpenTests) != 0 || len(state.Tests) != 1 || !state.Tests[0].Abandoned {
			t.Fatalf("after leaving an empty test: open %+v, tests %+v", state.OpenTests, state.Tests)
		}

		begun, err := app.StartTest(ctx, cat, id, "mail")
		if err != nil {
			t.Fatal(err)
		}
		step, _ := begun.Next()
		a := record.Answer{Learner: id, Question: step.Item.ID, Variant: step.Item.Group, Given: `{}`, Result: record.Skipped, Test: begun.ID, At: clk.t}
		if _, err := app.RecordAnswer(ctx, a, nil); err != nil {
			t.Fatal(err)
		}
		begun.Record(step.Item.ID, false)
		if err := app.LeaveTest(ctx, begun); err != nil {
			t.Fatal(err)
		}
		if state, _ := app.State(ctx, id); len(state.OpenTests) != 1 {
			t.Fatalf("a test with an answer was not kept open: %+v", state.OpenTests)
		}

		crashed, err := app.StartTest(ctx, cat, id, "securite")
		if err != nil {
			t.Fatal(err)
		}
		for _, load := range []func() (*record.State, error){
			func() (*record.State, error) { return app.State(ctx, id) },
			func() (*record.State, error) { return app.SignIn(ctx, id) },
		} {
			if state, _ := load(); len(state.OpenTests) != 1 {
				t.Errorf("the empty test is offered: %+v", state.OpenTests)
			}
		}
		again, err := app.StartTest(ctx, cat, id, "securite")
		if err != nil || again.ID != crashed.ID {
			t.Errorf("StartTest did not carry the empty test on: %v, %v", again, err)
		}
	})
}
