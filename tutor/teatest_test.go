package tutor

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"pasapas/i18n"
	"pasapas/progress"
)

// TestFlowInARealProgram runs the tutor as a real Bubble Tea program (with
// teatest's in-memory terminal) through the learner's journey: a new
// profile, a lesson, a test, the results.
func TestFlowInARealProgram(t *testing.T) {
	st, err := progress.Open(filepath.Join(t.TempDir(), "pasapas.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	m := newTutor(Config{Library: builtin, Lang: i18n.FR, Theme: asciiTheme(), App: testApp(st, nil), IdleLock: -1})

	// The renderer sends cell differences, so words are split in the raw
	// output. The screen is read from the model instead, inside the
	// program's own loop: a filter copies its view each time a probe
	// message passes, which comes after every earlier message.
	var mu sync.Mutex
	var screen string
	filter := func(mod tea.Model, msg tea.Msg) tea.Msg {
		if _, ok := msg.(probeMsg); ok {
			mu.Lock()
			screen = strings.ReplaceAll(ansi.Strip(mod.(*model).View().Content), "\u00a0", " ")
			mu.Unlock()
		}
		return msg
	}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 40),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii), tea.WithFilter(filter)))

	waitFor := func(text string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			tm.Send(probeMsg{})
			time.Sleep(10 * time.Millisecond)
			mu.Lock()
			s := screen
			mu.Unlock()
			if strings.Contains(s, text) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("the screen never showed %q; last screen:\n%s", text, s)
			}
		}
	}
	current := func() string {
		tm.Send(probeMsg{})
		time.Sleep(10 * time.Millisecond)
		mu.Lock()
		defer mu.Unlock()
		return screen
	}
	key := func(k tea.KeyPressMsg) { tm.Send(k) }
	enter := tea.KeyPressMsg{Code: tea.KeyEnter}
	digit := func(d rune) { key(tea.KeyPressMsg{Code: d, Text: string(d)}); key(enter) }

	waitFor("Je suis nouveau")
	digit('1')
	waitFor("Quel est votre prénom")
	tm.Type("Marie")
	key(enter)
	waitFor("code secret")
	digit('1')
	waitFor("Bonjour Marie")
	digit('1') // Envoyer et recevoir des mails
	waitFor("Lire et écrire une adresse mail")
	digit('1')
	waitFor("Vos objectifs")
	key(enter)
	waitFor("Étape 1 sur")
	key(tea.KeyPressMsg{Code: tea.KeyEscape})
	key(tea.KeyPressMsg{Code: tea.KeyEscape})
	waitFor("Continuer")
	digit(numberOf(current(), "Faire le point")) // after "Continuer" and the situations, whatever their number
	waitFor("Sur quoi voulez-vous faire le point")
	digit('2') // Envoyer et recevoir des mails
	waitFor("Question 1")

	// "Je ne sais pas" to every question, "Continuer" after each.
	ctx := context.Background()
	ls, _ := st.Learners(ctx)
	for range 60 {
		if tests, _ := st.Tests(ctx, ls[0].ID); len(tests) == 1 && !tests[0].Open() {
			break
		}
		s := current()
		for _, label := range []string{"Je ne sais pas", "Continuer"} {
			if n := numberOf(s, label); n != 0 {
				digit(n)
				break
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	waitFor("Mes résultats")
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	tm.Send(tea.KeyPressMsg{Code: 'c', Mod: tea.ModCtrl})
	tm.WaitFinished(t, teatest.WithFinalTimeout(10*time.Second))

	tests, err := st.Tests(ctx, ls[0].ID)
	if err != nil || len(tests) != 1 || tests[0].Result == nil {
		t.Fatalf("tests: %+v %v", tests, err)
	}
}

// numberOf finds the key of the numbered line holding a label, or 0.
func numberOf(screen, label string) rune {
	for _, line := range strings.Split(screen, "\n") {
		f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(line), "> "))
		if strings.Contains(line, label) && len(f) > 0 && len(f[0]) == 2 && f[0][1] == '.' {
			return rune(f[0][0])
		}
	}
	return 0
}

// probeMsg asks the test's filter to copy the screen; the model ignores it.
type probeMsg struct{}
