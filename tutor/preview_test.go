package tutor

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/learning/memstore"
	"pasapas/progress"
	"pasapas/quiz"
	"pasapas/record"
)

// TestLessonRunsWithoutALearner: every built-in lesson, in both languages,
// runs from its first page to its recap with no learner session, on the
// in-memory store, as a preview or a médiateur's projected lesson will:
// every check question is answered and its feedback shown. Nothing is
// written: no file appears under PASAPAS_HOME, and the progress file that
// was there stays byte-identical.
func TestLessonRunsWithoutALearner(t *testing.T) {
	home := t.TempDir()
	t.Setenv("PASAPAS_HOME", home)
	path, err := progress.DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	st, err := progress.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateLearner(t.Context(), "Marie", "", record.Prefs{}); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	before := folderDigest(t, home)

	mem := memstore.New()
	app := learning.New(mem, learning.Options{})
	checks := 0
	for _, lang := range []i18n.Lang{i18n.FR, i18n.EN} {
		for _, l := range builtin.Catalogue(lang).Lessons {
			h := &harness{t: t}
			h.m = newTutor(Config{Library: builtin, Lang: lang, Theme: asciiTheme(), App: app, IdleLock: -1})
			h.m.tick = nil
			h.send(tea.WindowSizeMsg{Width: 80, Height: 200}) // tall: nothing scrolls out of sight
			h.run(push(newLessonScreen(h.m.ctx, l)))
			s, ok := h.m.top().(*lessonScreen)
			if !ok {
				t.Fatalf("%s: not a lesson: %T", l.ID, h.m.top())
			}
			for range 200 {
				p := s.pages[s.at]
				if p.kind == pageRecap {
					break
				}
				switch {
				case p.kind == pageDevice:
					h.press("enter")
					continue
				case p.kind == pageCheck && s.checks[s.at].phase == asking:
					if strings.Contains(h.screen(), h.m.ctx.say("q_look_next")) {
						h.press("enter") // the screen first, then the answers
					}
					h.pick(quiz.LabelSkip.In(lang))
					if v := s.checks[s.at]; v.phase != showing {
						t.Fatalf("%s (%s): a check answered with no learner shows no feedback:\n%s", l.ID, lang, h.screen())
					}
					checks++
				}
				h.press("right")
			}
			if s.pages[s.at].kind != pageRecap || h.m.ctx.Session != nil {
				t.Fatalf("%s (%s): the lesson did not reach its recap:\n%s", l.ID, lang, h.screen())
			}
		}
	}
	if checks == 0 {
		t.Fatal("no check question was answered: the test proves nothing")
	}
	// Nothing was stored for nobody, not even in memory.
	if ls, err := mem.Learners(t.Context()); err != nil || len(ls) != 0 {
		t.Errorf("learners in the preview's store: %v, %v", ls, err)
	}
	if stats, err := mem.ItemStats(t.Context()); err != nil || len(stats) != 0 {
		t.Errorf("answers counted in the preview's store: %d questions, %v", len(stats), err)
	}
	if after := folderDigest(t, home); after != before {
		t.Errorf("the data folder changed during the previews:\nbefore %s\nafter  %s", before, after)
	}
}

// folderDigest names every file under dir with a digest of its bytes.
func folderDigest(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		fmt.Fprintf(&b, "%s %x\n", rel, sha256.Sum256(data))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}
