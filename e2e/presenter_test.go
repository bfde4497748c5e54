//go:build e2e

package e2e

import (
	"os"
	"testing"
)

// TestPresenter: pasapas presenter projects a built-in lesson in a real
// terminal — the step heading, the devices side by side at 160×45, one at
// a time at 80×24, a jump past the last step to the end — and Échap
// ends it with status 0, leaving the data folder empty.
func TestPresenter(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	tm := newServer(t).start(home, 160, 45, "presenter", "smartphone-installer")
	tm.waitText("LA LEÇON", "Installer une application")
	tm.keys("Right")
	tm.waitText("ÉTAPE 1 SUR 9", "Android", "iPhone", "Vous devez voir :")
	tm.resize(80, 24)
	tm.waitText("Sur Android", "Appareils :")
	tm.keys("i")
	tm.waitText("Sur iPhone")
	tm.keys("9", "Enter")
	tm.waitText("ÉTAPE 9 SUR 9")
	tm.keys("9", "9", "Enter") // past the last step: the end
	tm.waitText("FIN DE LA LEÇON", "À retenir")
	tm.keys("Escape")
	if status := tm.waitExit(); status != 0 {
		t.Fatalf("the program ended with status %d", status)
	}
	if entries, err := os.ReadDir(home); err != nil || len(entries) != 0 {
		t.Errorf("the presenter wrote in the data folder: %v %v", entries, err)
	}
}
