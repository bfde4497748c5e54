package tutor

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"pasapas/i18n"
	"pasapas/progress"
	"pasapas/record"
)

// The regression tests of issue 13 ("the defects an attack found") that
// live in this package.

// pinTick sends the countdown's next tick to the PIN screen on top.
func (h *harness) pinTick() {
	h.t.Helper()
	s, ok := h.m.top().(*pinScreen)
	if !ok {
		h.t.Fatalf("not on the PIN screen:\n%s", h.screen())
	}
	h.send(pinTickMsg{s.seq})
}

// TestPINWaitCountsDownAndChecksAfter is defect 15 (screen side): after
// wrong codes the wait is shown counting down, and the right code typed
// during the wait is checked when it ends: never answered "Ce n'est pas le
// bon code" unchecked.
func TestPINWaitCountsDownAndChecksAfter(t *testing.T) {
	ticks := 0
	countdownTick = func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { ticks++; return nil }
	defer func() { countdownTick = tea.Tick }()
	h := newHarness(t, i18n.FR, nil)
	if _, err := h.store.CreateLearner(context.Background(), "Alice", "4827", progress.Prefs{}); err != nil {
		t.Fatal(err)
	}
	h.send(resumeMsg{})
	h.choose("Alice")
	for range 3 {
		h.typeText("9999")
		h.press("enter")
	}
	h.expect("pas le bon code", "attendez 5 secondes")
	if ticks == 0 {
		t.Fatal("no countdown started")
	}
	h.clock.t = h.clock.t.Add(2 * time.Second)
	h.pinTick()
	h.expect("attendez 3 secondes") // live: the screen counts down
	h.typeText("4827")
	h.press("enter") // during the wait
	if strings.Contains(h.screen(), "pas le bon code") {
		t.Fatalf("the right code typed during the wait is called wrong:\n%s", h.screen())
	}
	h.expect("sera vérifié", "attendez encore 3 secondes")
	h.clock.t = h.clock.t.Add(3 * time.Second)
	h.pinTick()
	h.expect("Bonjour Alice")
}

// TestNewProfileRefusesTrivialPIN is defect 15: 1234 is refused at once,
// kindly, before it is typed a second time.
func TestNewProfileRefusesTrivialPIN(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	h.choose("Je suis nouveau")
	h.typeText("Paul")
	h.press("enter")
	h.choose("Oui")
	h.typeText("1234")
	h.press("enter")
	h.expect("trop facile à deviner")
	if s := h.m.top().(*newLearnerScreen); s.stage != askPIN {
		t.Fatalf("stage %d after a trivial PIN, want askPIN (typed again)", s.stage)
	}
	h.typeText("4827")
	h.press("enter")
	h.typeText("4827")
	h.press("enter")
	h.expect("Bonjour Paul")
}

// TestTextInputsDropBidiControls is defect 7 (screen side): a direction
// override or isolate typed or pasted into a field is not echoed.
func TestTextInputsDropBidiControls(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	h.choose("Je suis nouveau")
	h.typeText("Ali\u202ece\u2066\u061c")
	h.send(tea.PasteMsg{Content: "\u202e!\x1b]0;titre\x07"})
	value := h.m.top().(*newLearnerScreen).name.Value()
	shown := ansi.Strip(h.m.View().Content)
	for _, r := range []rune{0x202e, 0x2066, 0x061c, 0x1b, 0x07} {
		if strings.ContainsRune(value, r) || (r > 0x7f && strings.ContainsRune(shown, r)) {
			t.Errorf("the name field takes or echoes U+%04X: %q", r, value)
		}
	}
	h.expect("Alice!")
	if got := sanitize("a\u061cb\u202ec"); got != "abc" {
		t.Errorf("sanitize kept a bidi control: %q", got)
	}
}

// TestAccessibleSurvivesLongLines is defect 14: a line over 64 KiB (a
// paste) does not end the accessible mode.
func TestAccessibleSurvivesLongLines(t *testing.T) {
	st, err := progress.Open(filepath.Join(t.TempDir(), "pasapas.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	long := strings.Repeat("é", 70<<10) // 140 KiB
	in := strings.Join([]string{"1", long, "quitter", "2"}, "\n") + "\n"
	var out bytes.Buffer
	cfg := Config{Library: builtin, Lang: i18n.FR, App: testApp(st, nil), IdleLock: -1}
	if err := RunAccessible(cfg, strings.NewReader(in), &out); err != nil {
		t.Fatalf("RunAccessible with a 140 KiB line: %v", err)
	}
	if !strings.Contains(out.String(), "Voulez-vous quitter") {
		t.Errorf("the mode did not go on after the long line:\n%s", out.String()[max(0, out.Len()-2000):])
	}
}

func TestReadLine(t *testing.T) {
	long := strings.Repeat("a", maxLine-1) + "é" + strings.Repeat("b", 100)
	in := "un\r\ndeux\n\n" + long + "\nfin"
	r := bufio.NewReaderSize(strings.NewReader(in), 16)
	for _, want := range []string{"un", "deux", "", strings.Repeat("a", maxLine-1), "fin"} {
		got, err := readLine(r)
		if err != nil || got != want {
			t.Fatalf("readLine = %.40q (%d bytes), %v; want %.40q (%d bytes)", got, len(got), err, want, len(want))
		}
	}
	if _, err := readLine(r); err != io.EOF {
		t.Fatalf("at the end: %v, want io.EOF", err)
	}
}

// FuzzReadLine: whatever arrives, the reader neither fails before the end
// nor returns more than maxLine bytes, invalid UTF-8 from a cut, or a line
// end; and the lines, joined, give back the input when nothing was cut.
func FuzzReadLine(f *testing.F) {
	f.Add("1\nMarie\n\n", 4)
	f.Add("\r\n\r\n\x00\xff\n", 16)
	f.Add(strings.Repeat("x", 70000)+"\ny", 4096)
	f.Fuzz(func(t *testing.T, in string, size int) {
		r := bufio.NewReaderSize(strings.NewReader(in), 16+abs(size)%8192)
		var lines []string
		for range len(in) + 1 {
			line, err := readLine(r)
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("readLine: %v", err)
			}
			if len(line) > maxLine || strings.ContainsRune(line, '\n') {
				t.Fatalf("line of %d bytes, or with a line end", len(line))
			}
			lines = append(lines, line)
		}
		if len(in) < maxLine && !strings.Contains(in, "\r") {
			want := strings.TrimSuffix(in, "\n")
			if got := strings.Join(lines, "\n"); got != want && !(want == "" && len(lines) == 0) {
				t.Fatalf("lines %q, want %q", got, want)
			}
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// TestPINFieldsAreSecret is defect 2 (unit side; the e2e test types in a
// real terminal): the accessible mode knows when a field takes a code, so
// it reads that line without echo.
func TestPINFieldsAreSecret(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	l := &linear{driver: h.driver}
	h.choose("Je suis nouveau")
	if l.secret() {
		t.Fatal("the name field is taken for a secret")
	}
	h.typeText("Paul")
	h.press("enter")
	h.choose("Oui")
	if !l.secret() {
		t.Fatal("the new code's field is not read as a secret")
	}
	h.typeText("4827")
	h.press("enter")
	if !l.secret() {
		t.Fatal("the code typed again is not read as a secret")
	}
	h.typeText("4827")
	h.press("enter")
	h.expect("Bonjour Paul")
}

// TestSameTestInTwoWindows is defect 11 on the screens: the same learner
// resumes the same open test in a second window; both get the same
// question. The second answer is not recorded twice, and the screen says
// why in plain words, not « Prévenez un médiateur ».
func TestSameTestInTwoWindows(t *testing.T) {
	h1 := newHarness(t, i18n.FR, nil)
	id := startMailTest(h1, "Léa", 1)
	h2 := &harness{t: t, store: h1.store, clock: h1.clock}
	h2.m = newTutor(Config{Library: builtin, Lang: i18n.FR, Theme: asciiTheme(), App: testApp(h1.store, h1.clock.now), IdleLock: -1, Now: h1.clock.now})
	h2.m.tick = nil
	h2.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h2.run(h2.m.Init())
	h2.choose("Léa")
	h2.choose("Reprendre le test")
	h2.expect("Question 2")
	h1.expect("Question 2")

	h1.pick("Je ne sais pas")
	h1.expect("Continuer")
	h2.pick("Je ne sais pas")
	s := h2.screen()
	if !strings.Contains(s, "autre fenêtre") || strings.Contains(s, "Prévenez") {
		t.Fatalf("the second window's answer to the same question:\n%s", s)
	}
	open, err := h1.store.OpenTests(context.Background(), id)
	if err != nil || len(open) != 1 || len(open[0].Answers) != 2 {
		t.Fatalf("open tests %+v, %v: want one test with 2 answers", open, err)
	}
}

// TestPINTypedDuringAnEarlierWait: the wait was started earlier (another
// window, a restart); a code typed on a fresh PIN screen is refused
// unchecked by the store, so it is kept and checked when the wait ends.
func TestPINTypedDuringAnEarlierWait(t *testing.T) {
	countdownTick = func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }
	defer func() { countdownTick = tea.Tick }()
	h := newHarness(t, i18n.FR, nil)
	ctx := context.Background()
	l, err := h.store.CreateLearner(ctx, "Alice", "4827", progress.Prefs{})
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		h.store.CheckPIN(ctx, l.ID, "9999") // another window
	}
	h.send(resumeMsg{})
	h.choose("Alice")
	h.typeText("4827")
	h.press("enter")
	if s := h.screen(); strings.Contains(s, "pas le bon code") || !strings.Contains(s, "sera vérifié") {
		t.Fatalf("a code refused unchecked:\n%s", s)
	}
	h.clock.t = h.clock.t.Add(5 * time.Second)
	h.pinTick()
	h.expect("Bonjour Alice")
}

// TestSpaceInputsDropBidiControls: the médiateur's fields — a profile's new
// name, a new account's name, the path of a file to import — take neither
// typed nor pasted direction overrides and escape sequences, like the
// learners' (the screens refactor's review found them passed straight on).
func TestSpaceInputsDropBidiControls(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	ctx := h.m.ctx
	rename := newRenameScreen(ctx, record.Profile{ID: 1, Name: ""})
	account := newAccountScreen(ctx, false)
	imp := newImportScreen(ctx)
	for _, c := range []struct {
		name  string
		s     screen
		value func() string
	}{
		{"rename", rename, func() string { return rename.name.Value() }},
		{"account", account, func() string { return account.name.Value() }},
		{"import", imp, func() string { return imp.path.Value() }},
	} {
		for _, r := range "Ali\u202ece\u2066\u061c" {
			c.s.Update(ctx, tea.KeyPressMsg{Code: r, Text: string(r)})
		}
		c.s.Update(ctx, tea.PasteMsg{Content: "\u202e!\x1b]0;titre\x07"})
		got := c.value()
		for _, r := range []rune{0x202e, 0x2066, 0x061c, 0x1b, 0x07} {
			if strings.ContainsRune(got, r) {
				t.Errorf("%s: the field took U+%04X: %q", c.name, r, got)
			}
		}
		if !strings.HasPrefix(got, "Alice!") {
			t.Errorf("%s: the field holds %q, want Alice! first", c.name, got)
		}
	}
}
