package tutor

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"pasapas/lessons"
	"pasapas/quiz"
)

// TestEveryWordIsTranslated reads the package's sources for the words they
// say, and checks each has a French and an English text with the same
// arguments: a missing word would show as "[code]" to a learner.
func TestEveryWordIsTranslated(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	used := map[string]bool{}
	re := regexp.MustCompile(`say\("([a-z_0-9]+)"[,)]`)
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			used[m[1]] = true
		}
	}
	// Words whose code is built: one per outcome and per theme.
	for _, o := range []quiz.Outcome{quiz.Correct, quiz.Incorrect, quiz.Skipped} {
		used["recap_"+string(o)] = true
	}
	for _, name := range ThemeNames {
		used["theme_"+name] = true
	}
	for _, d := range lessons.Devices {
		used["device_"+string(d)] = true
	}
	if len(used) < 100 {
		t.Fatalf("only %d words found: the scan is broken", len(used))
	}
	for code := range used {
		text, ok := words[code]
		switch {
		case !ok:
			t.Errorf("%q is said but not in the words", code)
		case text.FR == "" || text.EN == "":
			t.Errorf("%q lacks a language", code)
		case strings.Count(text.FR, "%") != strings.Count(text.EN, "%"):
			t.Errorf("%q: French and English take different arguments", code)
		}
	}
}
