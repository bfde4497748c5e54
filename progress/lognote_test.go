package progress

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLogNote: a note of the program's goes to pasapas.log as one line,
// with no control character that could start a line of its own.
func TestLogNote(t *testing.T) {
	path := tempPath(t)
	s := openTest(t, path, newClock())
	s.LogNote("group view", "polled\nfake line\x1b[31m")
	b, err := os.ReadFile(filepath.Join(filepath.Dir(path), LogName))
	if err != nil {
		t.Fatal(err)
	}
	if got := string(b); strings.Count(got, "\n") != 1 || !strings.Contains(got, "group view: polledfake line[31m") {
		t.Errorf("the log: %q", got)
	}
}
