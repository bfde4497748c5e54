package tutor

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"pasapas/i18n"
	"pasapas/lessons"
)

var testToday = time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)

func testModel(t *testing.T, lang i18n.Lang, trees ...lessons.Tree) *model {
	t.Helper()
	if len(trees) == 0 {
		trees = []lessons.Tree{lessons.Builtin()}
	}
	lib := lessons.Load(lessons.Options{Today: testToday}, trees...)
	ctx := newContext(Config{Library: lib, Lang: lang, Theme: asciiTheme()})
	m := newModel(ctx, newCatalogueScreen(ctx))
	send(m, tea.WindowSizeMsg{Width: 80, Height: 24})
	return m
}

// send feeds a message and runs the commands it returns, as the program
// would, until none is left.
func send(m *model, msg tea.Msg) {
	queue := []tea.Msg{msg}
	for len(queue) > 0 {
		msg, queue = queue[0], queue[1:]
		_, cmd := m.Update(msg)
		queue = append(queue, run(cmd)...)
	}
}

func run(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if batch, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range batch {
			out = append(out, run(c)...)
		}
		return out
	}
	if msg == nil {
		return nil
	}
	if _, ok := msg.(tea.QuitMsg); ok {
		return nil
	}
	return []tea.Msg{msg}
}

func press(m *model, keys ...string) {
	for _, k := range keys {
		var msg tea.KeyPressMsg
		switch k {
		case "enter":
			msg = tea.KeyPressMsg{Code: tea.KeyEnter}
		case "esc":
			msg = tea.KeyPressMsg{Code: tea.KeyEscape}
		case "right":
			msg = tea.KeyPressMsg{Code: tea.KeyRight}
		case "left":
			msg = tea.KeyPressMsg{Code: tea.KeyLeft}
		case "up":
			msg = tea.KeyPressMsg{Code: tea.KeyUp}
		case "down":
			msg = tea.KeyPressMsg{Code: tea.KeyDown}
		case "ctrl+c":
			msg = tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl}
		default:
			r := []rune(k)[0]
			msg = tea.KeyPressMsg{Code: r, Text: k}
		}
		send(m, msg)
	}
}

func screenText(m *model) string { return ansi.Strip(m.View().Content) }

func TestOpenAndReadALesson(t *testing.T) {
	m := testModel(t, i18n.FR)
	if s := screenText(m); !strings.Contains(s, "Envoyer et recevoir des mails") {
		t.Fatalf("home:\n%s", s)
	}
	press(m, "1", "1")
	if s := screenText(m); !strings.Contains(s, "Vos objectifs") {
		t.Fatalf("lesson intro:\n%s", s)
	}
	press(m, "enter")
	if s := screenText(m); !strings.Contains(s, "Étape 1 sur") || !strings.Contains(s, "marie.dupont@laposte.net") {
		t.Fatalf("first step:\n%s", s)
	}
	press(m, "left", "right", "right")
	if s := screenText(m); !strings.Contains(s, "Étape 2 sur") {
		t.Fatalf("second step:\n%s", s)
	}
	for range 20 {
		press(m, "right")
	}
	if s := screenText(m); !strings.Contains(s, "Bravo") || !strings.Contains(s, "À retenir") {
		t.Fatalf("recap:\n%s", s)
	}
	press(m, "enter")
	if s := screenText(m); !strings.Contains(s, "Lire et écrire une adresse mail") {
		t.Fatalf("back to the competence:\n%s", s)
	}
}

// TestStartsOnBrokenContent is the foundation issue's scenario: the tutor
// started on a folder of broken files still runs, and says what it left out.
func TestStartsOnBrokenContent(t *testing.T) {
	m := testModel(t, i18n.FR, lessons.Builtin(), lessons.Dir("../lessons/testdata/broken"))
	s := screenText(m)
	if !strings.Contains(s, "Voir les fichiers de leçons mis de côté") {
		t.Fatalf("home does not offer the problems:\n%s", s)
	}
	press(m, "up", "enter")
	s = screenText(m)
	for _, want := range []string{"7 fichiers ou éléments", "syntaxe.yaml:2:8", "mauvais-type.yaml:4:8"} {
		if !strings.Contains(s, want) {
			t.Errorf("problems screen lacks %q:\n%s", want, s)
		}
	}
}

func TestQuitAsksFirst(t *testing.T) {
	m := testModel(t, i18n.FR)
	press(m, "ctrl+c")
	if s := screenText(m); !strings.Contains(s, "Voulez-vous quitter") {
		t.Fatalf("no question:\n%s", s)
	}
	press(m, "enter") // "Non, continuer" is first
	if s := screenText(m); strings.Contains(s, "Voulez-vous quitter") {
		t.Fatalf("still asking:\n%s", s)
	}
}

func TestTooSmall(t *testing.T) {
	m := testModel(t, i18n.FR)
	send(m, tea.WindowSizeMsg{Width: 30, Height: 10})
	if s := screenText(m); !strings.Contains(s, "Agrandissez") {
		t.Fatalf("got:\n%s", s)
	}
}
