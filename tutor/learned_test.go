package tutor

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"pasapas/record"
)

// TestLearnedFromMyResults: « Mes résultats » offers « Ce que j'ai appris
// aujourd'hui »; it writes the page next to the progress file, with the
// lesson finished today, readable by the OS user only, says where, and goes
// back to the results.
func TestLearnedFromMyResults(t *testing.T) {
	h := loggedIn(t, asciiTheme(), goldenLib)
	l := goldenLib.Catalogue(h.m.ctx.Lang).Lesson("mail-arnaque")
	if err := h.m.ctx.App.SaveLessonStep(t.Context(), h.m.ctx.Session.learner.ID,
		record.LessonStep{Lesson: l.ID, Step: len(l.Items), Done: true}); err != nil {
		t.Fatal(err)
	}
	h.choose("Mes résultats")
	h.choose("Imprimer « Ce que j'ai appris aujourd'hui »")
	h.expect("Votre page est prête.", "Leçons finies aujourd'hui : 1.")
	s, ok := h.m.top().(*learnedScreen)
	if !ok || s.err != nil {
		t.Fatalf("%T %v\n%s", h.m.top(), s.err, h.screen())
	}
	if filepath.Dir(s.path) != filepath.Dir(h.store.Path()) || !strings.HasPrefix(filepath.Base(s.path), fmt.Sprintf("appris-%d-Marie-", h.m.ctx.Session.learner.ID)) {
		t.Errorf("written to %s", s.path)
	}
	// The page is about one person: the OS user's only, as the attestation.
	if info, err := os.Stat(s.path); err != nil {
		t.Error(err)
	} else if info.Mode().Perm() != 0o600 {
		t.Errorf("the page's mode: %v, want 0600", info.Mode().Perm())
	}
	page, err := os.ReadFile(s.path)
	if err != nil || !strings.Contains(string(page), "Reconnaître un faux mail") || !strings.Contains(string(page), "Marie") {
		t.Errorf("the page: %v\n%.400s", err, page)
	}
	for _, sz := range [][2]int{{40, 12}, {80, 24}, {200, 60}} {
		h.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		if tooWide(h.m.renderBody(sz[0], sz[1]-2-h.m.bodyTop), sz[0]) {
			t.Errorf("at %dx%d a line is too wide:\n%s", sz[0], sz[1], h.screen())
		}
	}
	h.press("enter")
	if _, ok := h.m.top().(*resultsScreen); !ok {
		t.Errorf("Entrée goes back to the results: %T", h.m.top())
	}
}
