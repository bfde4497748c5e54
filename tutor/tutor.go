// Package tutor is the learner's interface: a Bubble Tea program made of
// plain screens (profiles, home, lesson, quiz, results, review) that show
// the content and collect answers. It is the only package that imports
// Bubble Tea.
package tutor

import (
	"fmt"
	"io"
	"time"

	tea "charm.land/bubbletea/v2"

	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/lessons"
)

// Config is what the tutor needs to run.
type Config struct {
	Library *lessons.Library
	Lang    i18n.Lang
	Theme   Theme
	Mouse   bool // clicks on choices; off by default, as it stops text selection
	// App is the use cases over the learners' store.
	App *learning.Service
	// Notice is a word to read on the first screen (a damaged progress
	// file put aside, say); "" for none.
	Notice string
	// IdleLock ends a learner's session after this long without a key
	// (default 10 minutes; negative: never).
	IdleLock time.Duration
	// IdleLockGiven: the command line gave IdleLock; it then wins over an
	// atelier's delay (learning.IdleDelay).
	IdleLockGiven bool
	// Place names this PC in the visits (--place; the host name by default).
	Place string
	// Server is the place's name on the shared server (--place, lieu =)
	// when the progress is kept there (--store, serveur =); "" when it is
	// kept in this PC's file. The médiateur's space shows which, so whoever
	// moved the place to the server sees it worked (docs/reseau.md). Never
	// the server's address: it may say more than the place.
	Server string
	// AteliersDir is the « ateliers » folder next to the progress file,
	// where the space writes the ateliers it prepares ("": none).
	AteliersDir string
	// Space starts in the médiateur's space (pasapas mediateur) instead
	// of « Qui êtes-vous ? ».
	Space bool
	// Now is the clock; nil means time.Now. Tests set it.
	Now func() time.Time
	// LangFixed and ThemeFixed say the command line chose the language or
	// the look (--lang, --theme): the PC's explicit choice holds for every
	// learner of this run, over the language and look their profile keeps
	// (kept unchanged for another day). A learner who changes them in « Mes
	// réglages » during the session gets what they chose. NoColor
	// (NO_COLOR set) always holds: a look in colours becomes the high
	// contrast one, which marks the focused line without colour.
	LangFixed, ThemeFixed, NoColor bool
	// LoadLibrary, when Library is nil, reads the library in the
	// background: « Qui êtes-vous ? » is drawn at once (library.go).
	LoadLibrary func() *lessons.Library

	// Input and Output default to the terminal.
	Input  io.Reader
	Output io.Writer
}

// newContext builds the shared context from a configuration.
func newContext(cfg Config) *Context {
	ctx := &Context{
		Lib:    cfg.Library,
		Theme:  cfg.Theme,
		Mouse:  cfg.Mouse,
		App:    cfg.App,
		Now:    cfg.Now,
		Width:  80,
		Height: 24,
		md:     newMDCache(),
	}
	ctx.setLang(cfg.Lang)
	ctx.Place, ctx.AteliersDir, ctx.Server = cfg.Place, cfg.AteliersDir, cfg.Server
	ctx.base.langFixed, ctx.base.themeFixed, ctx.base.noColor = cfg.LangFixed, cfg.ThemeFixed, cfg.NoColor
	ctx.Theme = ctx.adapt(cfg.Theme)
	ctx.base.lang, ctx.base.theme, ctx.base.mouse = cfg.Lang, ctx.Theme, cfg.Mouse
	return ctx
}

// DefaultIdleLock is how long a shared PC waits before closing a session.
const DefaultIdleLock = 10 * time.Minute

// newTutor builds the top model on the "Qui êtes-vous ?" screen.
func newTutor(cfg Config) *model {
	ctx := newContext(cfg)
	var first screen = newProfilesScreen(cfg.Notice)
	if cfg.Space {
		first = newSpaceGate()
	}
	m := newModel(ctx, first)
	if cfg.Library == nil {
		m.loadLib = cfg.LoadLibrary
	}
	switch {
	case cfg.IdleLock == 0:
		m.idleLock = DefaultIdleLock
	case cfg.IdleLock > 0:
		m.idleLock = cfg.IdleLock
	}
	m.idleBase, m.idleGiven = m.idleLock, cfg.IdleLockGiven
	return m
}

// Run starts the tutor and returns when the learner quits.
func Run(cfg Config) error {
	var opts []tea.ProgramOption
	if cfg.Input != nil {
		opts = append(opts, tea.WithInput(cfg.Input))
	}
	if cfg.Output != nil {
		opts = append(opts, tea.WithOutput(cfg.Output))
	}
	m := newTutor(cfg)
	m.askBackground = true
	p := tea.NewProgram(m, opts...)
	if _, err := p.Run(); err != nil {
		return fmt.Errorf("tutor: %w", err)
	}
	return nil
}
