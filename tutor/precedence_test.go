package tutor

import (
	"context"
	"path/filepath"
	"testing"

	tea "charm.land/bubbletea/v2"

	"pasapas/i18n"
	"pasapas/progress"
	"pasapas/record"
)

// harnessWith starts the tutor with cfg (library, store and clock added)
// on a PC where « Berthe » keeps French and the look in colours.
func harnessWith(t *testing.T, cfg Config) *harness {
	t.Helper()
	c := &clock{testToday}
	st, err := progress.OpenWith(filepath.Join(t.TempDir(), "pasapas.db"), progress.Options{Now: c.now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.CreateLearner(context.Background(), "Berthe", "", record.Prefs{Lang: i18n.FR, Theme: "defaut"}); err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, store: st, clock: c}
	cfg.Library, cfg.App, cfg.IdleLock, cfg.Now = builtin, testApp(st, c.now), -1, c.now
	h.m = newTutor(cfg)
	h.m.tick = nil
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.run(h.m.Init())
	return h
}

// TestCommandLineHoldsOverProfile: --lang and --theme, when given, hold
// for the whole run over a profile's own language and look; without them
// the profile's settings apply, as before.
func TestCommandLineHoldsOverProfile(t *testing.T) {
	h := harnessWith(t, Config{Lang: i18n.EN, LangFixed: true, Theme: asciiTheme(), ThemeFixed: true})
	h.choose("Berthe")
	h.expect("Hello Berthe!")
	if h.m.ctx.Lang != i18n.EN || h.m.ctx.Theme.Name != "ascii" {
		t.Errorf("after sign-in: %s, %s; want en, ascii", h.m.ctx.Lang, h.m.ctx.Theme.Name)
	}

	h = harnessWith(t, Config{Lang: i18n.EN, Theme: asciiTheme()})
	h.choose("Berthe")
	h.expect("Bonjour Berthe !")
	if h.m.ctx.Theme.Name != "defaut" {
		t.Errorf("without --theme the profile's look applies: got %s", h.m.ctx.Theme.Name)
	}
}

// TestNoColorAlwaysHonoured: with NO_COLOR a look in colours (the
// command line's default, or a profile's) is drawn in high contrast.
func TestNoColorAlwaysHonoured(t *testing.T) {
	h := harnessWith(t, Config{Lang: i18n.FR, Theme: defaultTheme(), NoColor: true})
	if h.m.ctx.Theme.Name != "contraste" {
		t.Errorf("before sign-in: %s", h.m.ctx.Theme.Name)
	}
	h.choose("Berthe")
	h.expect("Bonjour Berthe !")
	if h.m.ctx.Theme.Name != "contraste" {
		t.Errorf("after sign-in: %s, want contraste", h.m.ctx.Theme.Name)
	}
}
