package tutor

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/learning/memstore"
	"pasapas/lessons"
)

// previewHarness runs the preview's model on an author's folder holding one
// file, as pasapas preview does, on the in-memory store.
func previewHarness(t *testing.T, yaml string, p Preview) (*harness, string) {
	t.Helper()
	dir := t.TempDir()
	file := filepath.Join(dir, "lecon.yaml")
	if err := os.WriteFile(file, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	p.Path = dir
	p.Load = func() *lessons.Library {
		return lessons.Load(lessons.Options{Today: testToday}, lessons.Builtin(), lessons.Dir(dir))
	}
	h := &harness{t: t}
	h.m = newPreviewModel(Config{Lang: i18n.FR, Theme: asciiTheme(), App: learning.New(memstore.New(), learning.Options{})}, p)
	h.send(tea.WindowSizeMsg{Width: 80, Height: 40})
	h.run(h.m.Init())
	return h, file
}

// reload writes the file and gives the preview the content read again, as
// the watcher does after a save.
func reload(h *harness, file, yaml string, p func() *lessons.Library) {
	h.t.Helper()
	if err := os.WriteFile(file, []byte(yaml), 0o600); err != nil {
		h.t.Fatal(err)
	}
	h.send(previewReloadMsg{lib: p()})
}

func builtinLessonFile(t *testing.T, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "content", "fr", rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestPreviewShowsErrorsThenTheLessonAgain: the preview opens the author's
// lesson at once (no profile), shows the file's error in its place when a
// save breaks it, and the lesson again, at the same page, once fixed.
func TestPreviewShowsErrorsThenTheLessonAgain(t *testing.T) {
	// A copy of a built-in lesson under its own ids, as an author's draft.
	src := builtinLessonFile(t, "01-mail/lecons/adresse-mail.yaml")
	src = strings.ReplaceAll(src, "mail-adresse-c", "brouillon-c")
	src = strings.Replace(src, "lecon: mail-adresse", "lecon: brouillon", 1)
	h, file := previewHarness(t, src, Preview{})
	ps := h.m.top().(*previewScreen)
	h.expect("Lire et écrire une adresse mail", "rien n'est enregistré")
	h.press("right", "right")
	h.expect("Étape 2 sur 7")

	broken := strings.Replace(src, "titre: Lire et écrire", `titre: "Lire et écrire`, 1)
	reload(h, file, broken, ps.p.Load)
	h.expect("Le fichier a une erreur", "lecon.yaml:")
	if strings.Contains(h.screen(), "Étape 2 sur 7") {
		t.Fatalf("the lesson is still shown over its error:\n%s", h.screen())
	}

	reload(h, file, src, ps.p.Load)
	h.expect("Étape 2 sur 7")
	if strings.Contains(h.screen(), "Le fichier a une erreur") {
		t.Fatalf("the error stays after the fix:\n%s", h.screen())
	}
	if h.m.ctx.Session != nil {
		t.Fatal("the preview opened a learner session")
	}
}

// TestPreviewSwitchesDevice: F2 shows each device's variant in turn, on the
// same page, without the device question of the learner's journey.
func TestPreviewSwitchesDevice(t *testing.T) {
	src := builtinLessonFile(t, "02-smartphone/lecons/autorisations.yaml")
	src = strings.Replace(src, "lecon: smartphone-autorisations", "lecon: brouillon", 1)
	h, _ := previewHarness(t, src, Preview{Lesson: "brouillon"})
	f2 := func() { h.send(tea.KeyPressMsg{Code: tea.KeyF2}) }
	if strings.Contains(h.screen(), h.m.ctx.say("device_question")) {
		t.Fatal("the preview asks the device question")
	}
	ps := h.m.top().(*previewScreen)
	ls := ps.inner.(*lessonScreen)
	page := -1
	for i, p := range ls.pages {
		if p.step != nil && p.step.Variants.For(lessons.IPhone) != nil {
			page = i
			break
		}
	}
	if page < 0 {
		t.Fatal("no step with an iPhone variant")
	}
	ls.at = page
	written := h.screen()
	f2() // android
	f2() // iphone
	h.expect("Appareil : iPhone")
	ls = ps.inner.(*lessonScreen)
	if ls.at != page || ls.device != lessons.IPhone {
		t.Fatalf("F2 moved the page (%d → %d) or missed the device (%q)", page, ls.at, ls.device)
	}
	if h.screen() == written {
		t.Fatal("the iPhone variant looks like the steps as written")
	}
	f2() // ordinateur
	f2() // as written
	h.expect("tel qu'écrit")
}

// TestPreviewQuestion: --question opens one question alone; its answer is
// checked and its feedback shown, and nothing is stored.
func TestPreviewQuestion(t *testing.T) {
	src := builtinLessonFile(t, "01-mail/lecons/adresse-mail.yaml")
	src = strings.ReplaceAll(src, "mail-adresse-c", "brouillon-c")
	src = strings.Replace(src, "lecon: mail-adresse", "lecon: brouillon", 1)
	h, _ := previewHarness(t, src, Preview{Question: "brouillon-c2"})
	ps := h.m.top().(*previewScreen)
	if _, ok := ps.inner.(*questionHost); !ok {
		t.Fatalf("not a question: %T\n%s", ps.inner, h.screen())
	}
	h.expect("Question « brouillon-c2 »")
	h.pick("Je ne sais pas")
	h.run(nil)
	if v := ps.inner.(*questionHost).qv; v.phase != showing {
		t.Fatalf("no feedback after an answer:\n%s", h.screen())
	}
}

// TestPreviewFitsEverySize: the preview, its lesson, its error page and its
// banner fit the window at every size, as every screen does.
func TestPreviewFitsEverySize(t *testing.T) {
	src := builtinLessonFile(t, "01-mail/lecons/adresse-mail.yaml")
	src = strings.ReplaceAll(src, "mail-adresse-c", "brouillon-c")
	src = strings.Replace(src, "lecon: mail-adresse", "lecon: brouillon", 1)
	h, file := previewHarness(t, src, Preview{})
	ps := h.m.top().(*previewScreen)
	check := func(what string) {
		for _, size := range [][2]int{{1, 1}, {20, 6}, {40, 12}, {80, 24}, {300, 100}} {
			h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
			if tooWide(h.m.render(), size[0]) {
				t.Errorf("%s at %dx%d: a line is wider than the window:\n%s", what, size[0], size[1], h.screen())
			}
		}
	}
	check("the lesson")
	reload(h, file, strings.Replace(src, "titre: Lire", `titre: "Lire`, 1), ps.p.Load)
	check("the error page")
}
