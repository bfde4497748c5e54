package quiz

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"pasapas/lessons"
)

// The authoring guide promises that its examples are complete files that
// "pasapas check" accepts, and shows what the tolerances accept. Both are
// checked here, so the guide cannot drift from the code.

const guide = "../docs/guide-questions.md"

var yamlBlock = regexp.MustCompile("(?s)```yaml\n(.*?)```")

func TestGuideExamplesCheck(t *testing.T) {
	data, err := os.ReadFile(guide)
	if err != nil {
		t.Fatal(err)
	}
	blocks := yamlBlock.FindAllStringSubmatch(string(data), -1)
	if len(blocks) < 15 {
		t.Fatalf("only %d examples found in the guide", len(blocks))
	}
	fsys := fstest.MapFS{}
	for i, b := range blocks {
		fsys[fmt.Sprintf("exemple-%02d.yaml", i+1)] = &fstest.MapFile{Data: []byte(b[1])}
	}
	lib := lessons.Load(lessons.Options{Today: time.Now()}, lessons.Builtin(), lessons.Tree{FS: fsys, Name: "guide"})
	for _, d := range lib.Diagnostics {
		t.Errorf("%s", d)
	}
	cat := lib.Catalogue("fr")
	// Every type and every screen appears in an example.
	seen := map[string]bool{}
	for _, q := range cat.Questions {
		if strings.HasPrefix(q.ID, "exemple-") {
			seen[q.Type] = true
			if q.Screen != nil {
				seen[q.Screen.Kind] = true
			}
			if r := Check(q, solutionOf(q)); r.Outcome != Correct {
				t.Errorf("%s: its right answer is refused", q.ID)
			}
		}
	}
	for _, k := range []string{lessons.SingleChoice, lessons.MultipleChoice, lessons.TrueFalse, lessons.FreeText, lessons.Fields,
		lessons.Ordering, lessons.Matching, lessons.ScreenInbox, lessons.ScreenMail, lessons.ScreenSMS,
		lessons.ScreenAppStore, lessons.ScreenSlots, lessons.ScreenSearch} {
		if !seen[k] {
			t.Errorf("no example of %s in the guide", k)
		}
	}
}

// tableRow is a row of the guide's tolerance tables: | expected | typed | … | oui/non … |
var tableRow = regexp.MustCompile(`(?m)^\| ([^|]+?) \| ([^|]+?) \|(?: [^|]+ \|)? (oui|non)\b[^|]*\|$`)

func TestGuideToleranceTables(t *testing.T) {
	data, err := os.ReadFile(guide)
	if err != nil {
		t.Fatal(err)
	}
	section := string(data)
	section = section[strings.Index(section, "## 7."):strings.Index(section, "### Désactiver")]
	rows := tableRow.FindAllStringSubmatch(section, -1)
	if len(rows) < 10 {
		t.Fatalf("only %d example rows found", len(rows))
	}
	for _, row := range rows {
		expected, given, want := row[1], row[2], row[3] == "oui"
		q := freeText(lessons.FormatText, nil, expected)
		if got := Check(q, typed(given)).Outcome == Correct; got != want {
			t.Errorf("guide says %q for %q is %s, the checker says %v", given, expected, row[3], got)
		}
	}
}
