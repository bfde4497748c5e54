package tutor

import (
	"strings"
	"testing"

	"pasapas/i18n"
)

// TestListScreenReloadsAndSaysWhatWasDone: back on the profiles' list after
// a change made above it, the list is read again and says what was done,
// until the next key. This is listScreen's common part, which every space
// list screen shares.
func TestListScreenReloadsAndSaysWhatWasDone(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	learnerWithResults(t, h, "Paul", "")
	learnerWithResults(t, h, "Léa", "")
	h.send(resumeMsg{})
	w := &walker{h: h}
	w.openSpace(true)
	w.choose("Les profils des personnes")
	w.choose("Paul")
	w.choose("Changer le nom")
	w.typeText("o")
	w.press("enter", "esc")
	h.expect("Paulo") // read again on the way back
	w.choose("Léa")
	w.choose("Effacer ce profil")
	w.choose("Oui, effacer")
	h.expect("Le profil « Léa » est effacé.")
	w.press("down")
	if s := h.screen(); strings.Contains(s, "est effacé") || strings.Contains(s, "Léa") {
		t.Fatalf("after a key, the notice stays, or the erased profile is listed:\n%s", s)
	}
}
