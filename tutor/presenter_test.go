package tutor

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/lessons"
	"pasapas/progress"
	"pasapas/record"
)

// noStore is a store every call to which fails the test: the presenter
// must never read nor write one.
type noStore struct{ learning.Store }

// presenterHarness shows a lesson in the presenter mode, as pasapas
// presenter does: the no-session runner, over a store it must not use.
func presenterHarness(t *testing.T, lib *lessons.Library, lang i18n.Lang, th Theme, id string, w, h int) *harness {
	t.Helper()
	l := lib.Catalogue(lang).Lesson(id)
	if l == nil {
		t.Fatalf("no lesson %s", id)
	}
	hs := &harness{t: t}
	cfg := Config{Library: lib, Lang: lang, Theme: th, App: learning.New(noStore{}, learning.Options{}), IdleLock: -1}
	hs.m = newLessonRun(cfg, func(ctx *Context) screen {
		s := newPresenterScreen(ctx, l)
		s.root = true
		return s
	})
	hs.m.tick = nil
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.run(hs.m.Init())
	return hs
}

func (h *harness) presenter() *presenterScreen {
	h.t.Helper()
	s, ok := h.m.top().(*presenterScreen)
	if !ok {
		h.t.Fatalf("not the presenter: %T\n%s", h.m.top(), h.screen())
	}
	return s
}

// presenterPages are the pictures kept of the presenter mode: the keys
// that reach each page of the frozen lesson « Reconnaître un faux mail ».
var presenterPages = []struct {
	name string
	keys []string
}{
	{"intro", nil},
	{"step-1", []string{"right"}},
	{"check-hidden", []string{"2", "enter", "right"}},
	{"check-revealed", []string{"2", "enter", "right", "r"}},
	{"step-devices", []string{"5", "enter"}},
	{"step-iphone", []string{"5", "enter", "i"}},
	{"jump-typed", []string{"right", "4"}},
	{"recap", []string{"9", "9", "enter"}},
}

// TestPresenterGoldens keeps a picture of each page of the presenter mode
// at 80×24, 120×40 and 160×45, in every theme (go test ./tutor -run
// PresenterGoldens -update rewrites them).
func TestPresenterGoldens(t *testing.T) {
	for _, th := range []Theme{defaultTheme(), contrastTheme(), asciiTheme()} {
		for _, sz := range [][2]int{{80, 24}, {120, 40}, {160, 45}} {
			t.Run(fmt.Sprintf("%s-%dx%d", th.Name, sz[0], sz[1]), func(t *testing.T) {
				for _, pg := range presenterPages {
					t.Run(pg.name, func(t *testing.T) {
						h := presenterHarness(t, goldenLib, i18n.FR, th, "mail-arnaque", sz[0], sz[1])
						h.press(pg.keys...)
						h.send(nudgeMsg{})
						golden.RequireEqual(t, h.m.View().Content)
					})
				}
			})
		}
	}
}

// TestPresenterShowsWhatTheRoomNeeds: the step heading, the action and
// what to see, the devices side by side when wide and one at a time when
// narrow, the step's words, the answer hidden until revealed, the jump.
func TestPresenterShowsWhatTheRoomNeeds(t *testing.T) {
	h := presenterHarness(t, goldenLib, i18n.FR, asciiTheme(), "mail-arnaque", 160, 45)
	h.expect("LA LEÇON", "Reconnaître un faux mail")
	h.press("right")
	h.expect("ÉTAPE 1 SUR 6", "Vous devez voir :")
	h.press("5", "enter")
	h.expect("ÉTAPE 5 SUR 6", "Ordinateur", "Les autres appareils")
	wide := h.screen()
	h.send(tea.WindowSizeMsg{Width: 80, Height: 40})
	h.expect("Sur Ordinateur", "Appareils :")
	if strings.Contains(h.screen(), "Les autres appareils") {
		t.Errorf("a narrow window shows one device at a time:\n%s", h.screen())
	}
	h.press("a")
	h.expect("Sur Android")
	h.press("t")
	h.send(tea.WindowSizeMsg{Width: 160, Height: 45})
	if h.screen() != wide {
		t.Errorf("t shows every device again:\n%s", h.screen())
	}
	// The first check question: the answer is hidden, then revealed.
	h.press("2", "enter", "right")
	s := h.presenter()
	if s.pages[s.at].kind != pageCheck {
		t.Fatalf("not a check question:\n%s", h.screen())
	}
	if strings.Contains(h.screen(), "La réponse :") {
		t.Fatalf("the answer shows before it is revealed:\n%s", h.screen())
	}
	h.expect("Levez la main")
	h.press("r")
	h.expect("La réponse :")
	h.press("r")
	if strings.Contains(h.screen(), "La réponse :") {
		t.Errorf("r hides the answer again:\n%s", h.screen())
	}
	// Previous, and a step number past the last goes to the end.
	h.press("left")
	h.expect("ÉTAPE 2 SUR 6")
	h.press("9", "9", "enter")
	h.expect("FIN DE LA LEÇON", "À retenir")
	h.press("0", "enter")
	h.expect("LA LEÇON")
	// Échap on the first screen ends the program.
	h.press("esc")
	if !h.quit {
		t.Error("Échap did not end the presenter mode")
	}
}

// TestPresenterNeverUsesTheStore walks every page of every built-in
// lesson, in both languages, at the three sizes, revealing every answer
// and showing every device, on a store whose every call would fail the
// test: the presenter mode reads and writes nothing. No line is wider than
// the window.
func TestPresenterNeverUsesTheStore(t *testing.T) {
	pages := 0
	for _, lang := range []i18n.Lang{i18n.FR, i18n.EN} {
		for _, l := range builtin.Catalogue(lang).Lessons {
			for _, sz := range [][2]int{{80, 24}, {120, 40}, {160, 45}} {
				h := presenterHarness(t, builtin, lang, defaultTheme(), l.ID, sz[0], sz[1])
				s := h.presenter()
				for range len(s.pages) {
					for _, k := range []string{"", "r", "a", "i", "o", "t", "down"} {
						if k != "" {
							h.press(k)
						}
						h.send(nudgeMsg{})
						if view := h.m.View().Content; tooWide(view, sz[0]) || strings.Count(view, "\n")+1 > sz[1] {
							t.Fatalf("%s (%s) at %dx%d: the page does not fit:\n%s", l.ID, lang, sz[0], sz[1], h.screen())
						}
					}
					pages++
					h.press("right")
				}
				if s.pages[s.at].kind != pageRecap {
					t.Fatalf("%s: did not reach the last page", l.ID)
				}
			}
		}
	}
	if pages == 0 {
		t.Fatal("no page shown")
	}
}

// TestPresenterFromTheSpaceWritesNothing opens the presenter mode from the
// médiateur's space on a real progress file and walks a whole lesson: the
// data folder stays byte-identical.
func TestPresenterFromTheSpaceWritesNothing(t *testing.T) {
	h := newHarness(t, i18n.FR, goldenLib)
	h.send(tea.WindowSizeMsg{Width: 120, Height: 40})
	h.m.ctx.App.CreateLearner(context.Background(), "Marie", "2468", record.Prefs{})
	h.send(resumeMsg{})
	w := &walker{h: h}
	w.openSpace(true)
	dir := filepath.Dir(h.store.Path())
	before := folderDigest(t, dir)
	h.choose("Présenter une leçon")
	h.expect("Quelle leçon voulez-vous projeter ?")
	h.choose("Reconnaître un faux mail")
	s := h.presenter()
	for range len(s.pages) {
		h.press("r", "i", "right")
	}
	h.expect("FIN DE LA LEÇON")
	h.press("esc")
	h.expect("Quelle leçon voulez-vous projeter ?")
	h.press("esc")
	h.expect("Bonjour Sophie.")
	if after := folderDigest(t, dir); after != before {
		t.Errorf("the data folder changed:\nbefore %s\nafter  %s", before, after)
	}
	if _, err := progress.DefaultPath(); err != nil {
		t.Log(err)
	}
}

// TestPresenterAccessible: the linear mode shows the same pages; a letter
// and its Entrée reveal the answer without turning the page.
func TestPresenterAccessible(t *testing.T) {
	in := strings.Join([]string{"", "2", "", "r", "9", "retour"}, "\n") + "\n"
	var out bytes.Buffer
	r := LessonRun{
		Config: Config{Library: goldenLib, Lang: i18n.FR, App: learning.New(noStore{}, learning.Options{}), IdleLock: -1},
		Lesson: "mail-arnaque", Accessible: true, In: strings.NewReader(in), Out: &out,
	}
	if err := RunPresenter(r); err != nil {
		t.Fatal(err)
	}
	o := out.String()
	for _, want := range []string{"LA LEÇON", "ÉTAPE 1 SUR 6", "ÉTAPE 2 SUR 6", "La réponse :", "FIN DE LA LEÇON"} {
		if !strings.Contains(o, want) {
			t.Errorf("the linear mode lacks %q:\n%s", want, o)
		}
	}
	if _, err := (LessonRun{Config: Config{Library: goldenLib, Lang: i18n.FR}, Lesson: "nope"}).findLesson(); err == nil ||
		!strings.Contains(err.Error(), "mail-arnaque") {
		t.Errorf("an unknown lesson names the known ones: %v", err)
	}
}

// TestPresenterKeepsTheSpaceOpen: a médiateur talking to the room for
// longer than the idle lock is not sent back to « Qui êtes-vous ? »; once
// back in the space, the lock works again.
func TestPresenterKeepsTheSpaceOpen(t *testing.T) {
	h := newHarness(t, i18n.FR, goldenLib)
	h.m.idleLock = 10 * time.Minute
	w := &walker{h: h}
	w.openSpace(true)
	h.choose("Présenter une leçon")
	h.choose("Reconnaître un faux mail")
	h.clock.t = h.clock.t.Add(30 * time.Minute)
	h.send(idleTickMsg{})
	h.presenter()
	h.press("esc")
	h.clock.t = h.clock.t.Add(30 * time.Minute)
	h.send(idleTickMsg{})
	if h.m.ctx.Mediator != nil {
		t.Errorf("the space stayed open after the presentation:\n%s", h.screen())
	}
}
