package fiche

import (
	"strings"
	"testing"
	"time"

	"pasapas/i18n"
	"pasapas/lessons"
)

var builtin = lessons.Load(lessons.Options{Today: time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)}, lessons.Builtin())

// TestEveryHandoutPrints prints the handout of every built-in lesson, in
// both languages, in headless Chromium: at most two A4 pages, body text
// 12 pt at least, and on the page the title, every step, À retenir,
// Attention, where to get help and the notes.
func TestEveryHandoutPrints(t *testing.T) {
	needBrowser(t)
	var r report
	t.Cleanup(func() {
		t.Logf("%d handouts printed: at most %d pages, smallest text %.2f pt", r.n, r.maxPages, r.minPt)
	})
	for _, lang := range []i18n.Lang{i18n.FR, i18n.EN} {
		cat := builtin.Catalogue(lang)
		if len(cat.Lessons) == 0 {
			t.Fatalf("no %s lesson", lang)
		}
		for _, l := range cat.Lessons {
			t.Run(string(lang)+"/"+l.ID, func(t *testing.T) {
				t.Parallel()
				d := Lesson(cat, l)
				_, pdf := printPDF(t, d, l.ID)
				f := readPDF(t, pdf)
				r.add(f)
				checkPrint(t, l.ID, f)
				if f.Pages > 2 {
					t.Errorf("%s: %d pages, more than 2", l.ID, f.Pages)
				}
				say := func(code string) string { return words.Format(lang, code) }
				want := []string{plain(l.Title), say("steps"), say("help"), say("notes")}
				if len(l.Remember) > 0 {
					want = append(want, say("remember"), plain(l.Remember[0]))
				}
				if len(l.Warning) > 0 {
					want = append(want, say("warning"), plain(l.Warning[0]))
				}
				for _, st := range l.Steps() {
					if st.Title != "" {
						want = append(want, plain(st.Title))
					}
					want = append(want, firstWords(plain(st.Action), 4))
				}
				for _, w := range want {
					if !strings.Contains(f.Text, fold(w)) {
						t.Errorf("%s: the printed page lacks %q", l.ID, w)
					}
				}
			})
		}
	}
}

// firstWords keeps the first n words: a whole sentence may wrap with a
// hyphen the browser adds.
func firstWords(s string, n int) string {
	w := strings.Fields(s)
	return strings.Join(w[:min(n, len(w))], " ")
}
