package tutor

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"pasapas/i18n"
	"pasapas/progress"
)

// heldReload signs Alice in (with her PIN), goes to her settings, and comes
// back home with the home's state reload held back, as a slow disk or a
// second window writing would hold it.
func heldReload(t *testing.T, h *harness) tea.Cmd {
	t.Helper()
	if _, err := h.store.CreateLearner(context.Background(), "Alice", "4827", progress.Prefs{}); err != nil {
		t.Fatal(err)
	}
	h.send(resumeMsg{})
	h.choose("Alice")
	h.typeText("4827")
	h.press("enter")
	h.expect("Bonjour Alice")
	h.choose("Mes réglages")
	_, cmd := h.m.Update(tea.KeyPressMsg{Code: tea.KeyEscape})
	var held tea.Cmd
	for _, msg := range runCmd(cmd) {
		_, held = h.m.Update(msg) // the home's reload, not run yet
	}
	if held == nil {
		t.Fatal("no reload to hold")
	}
	// The store's queue would keep every later command behind the held
	// one for its whole time limit; the test is about what happens when
	// the held one arrives late anyway.
	h.m.ctx.queue.stall = 10 * time.Millisecond
	return held
}

// A reload asked during Alice's session, arriving after she left, must not
// open her session again: nobody typed her PIN.
func TestLateReloadDoesNotReopenASession(t *testing.T) {
	for _, how := range []string{"ended", "idle"} {
		t.Run(how, func(t *testing.T) {
			h := newHarness(t, i18n.FR, nil)
			h.m.idleLock = 5 * time.Minute
			held := heldReload(t, h)
			if how == "ended" {
				h.choose("Terminer ma séance")
			} else {
				h.clock.t = h.clock.t.Add(6 * time.Minute)
				h.send(idleTickMsg{})
			}
			h.expect("Qui êtes-vous ?")
			h.run(held)
			if h.m.ctx.Session != nil || strings.Contains(h.screen(), "Bonjour Alice") {
				t.Fatalf("Alice's session came back without her PIN:\n%s", h.screen())
			}
		})
	}
}

// The same late reload must not land in the next learner's session.
func TestLateReloadDoesNotReachTheNextLearner(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	held := heldReload(t, h)
	h.choose("Terminer ma séance")
	h.newLearner("Bruno")
	h.run(held)
	if name := h.m.ctx.Session.state.Learner.Name; name != "Bruno" {
		t.Fatalf("Bruno's session holds %s's state", name)
	}
}
