package storetest

import (
	"testing"

	"pasapas/learning"
	"pasapas/record"
)

// runNames is the one name rule (record.CleanName) on every store: a name
// with a control character or a bidirectional control is refused the same
// way, at creation and at renaming, for a learner and for a médiateur. A
// bidi control (U+202E) would make one name read as another in a list.
func runNames(t *testing.T, open func(*testing.T) learning.Store) {
	bad := []struct{ what, name string }{
		{"right-to-left override U+202E", "Marc\u202eeL"},
		{"left-to-right embedding U+202A", "\u202aLéa"},
		{"right-to-left isolate U+2067", "Léa\u2067"},
		{"left-to-right mark U+200E", "Lé\u200ea"},
		{"Arabic letter mark U+061C", "Lé\u061ca"},
		{"escape sequence", "a\x1b[31mb"},
		{"NUL", "Lé\x00a"},
	}
	t.Run("Learner", func(t *testing.T) {
		e := newEnv(t, open)
		for _, b := range bad {
			_, err := e.s.CreateLearner(e.ctx, b.name, "", record.Prefs{})
			is(t, "CreateLearner with "+b.what, err, record.ErrInvalid)
		}
		list, err := e.s.Learners(e.ctx)
		if err != nil || len(list) != 0 {
			t.Errorf("Learners = %d profiles, %v: want none kept", len(list), err)
		}
	})
	t.Run("Space", func(t *testing.T) {
		e := newEnv(t, open)
		sp, ok := spaceOf(e.s)
		if !ok {
			t.Skip("the store does not offer the médiateur's space (learning.Space)")
		}
		m, err := sp.CreateMediator(e.ctx, 0, "Sophie", "4826")
		if err != nil {
			t.Fatalf("CreateMediator: %v", err)
		}
		l := e.learner("Léa", "")
		for _, b := range bad {
			_, err := sp.CreateMediator(e.ctx, m.ID, b.name, "7391")
			is(t, "CreateMediator with "+b.what, err, record.ErrInvalid)
			is(t, "RenameLearner with "+b.what, sp.RenameLearner(e.ctx, m.ID, l.ID, b.name), record.ErrInvalid)
		}
		if got := e.state(l.ID).Learner.Name; got != "Léa" {
			t.Errorf("the name after refused renamings: %q, want Léa", got)
		}
	})
}
