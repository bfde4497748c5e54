// Package tutor is the learner's interface: a Bubble Tea program made of
// plain screens (profiles, home, lesson, quiz, results, review) that show
// the content and collect answers. It is the only package that imports
// Bubble Tea.
package tutor

import (
	"fmt"
	"io"

	tea "charm.land/bubbletea/v2"

	"pasapas/i18n"
	"pasapas/lessons"
)

// Config is what the tutor needs to run.
type Config struct {
	Library *lessons.Library
	Lang    i18n.Lang
	Theme   Theme
	Mouse   bool // clicks on choices; off by default, as it stops text selection

	// Input and Output default to the terminal.
	Input  io.Reader
	Output io.Writer
}

// newContext builds the shared context from a configuration.
func newContext(cfg Config) *Context {
	return &Context{
		Lang:   cfg.Lang,
		Theme:  cfg.Theme,
		Keys:   newKeyMap(cfg.Lang),
		Lib:    cfg.Library,
		Cat:    cfg.Library.Catalogue(cfg.Lang),
		Mouse:  cfg.Mouse,
		MD:     newMarkdown(),
		Width:  80,
		Height: 24,
	}
}

// Run starts the tutor and returns when the learner quits.
func Run(cfg Config) error {
	ctx := newContext(cfg)
	var opts []tea.ProgramOption
	if cfg.Input != nil {
		opts = append(opts, tea.WithInput(cfg.Input))
	}
	if cfg.Output != nil {
		opts = append(opts, tea.WithOutput(cfg.Output))
	}
	p := tea.NewProgram(newModel(ctx, newCatalogueScreen(ctx)), opts...)
	if _, err := p.Run(); err != nil {
		return fmt.Errorf("tutor: %w", err)
	}
	return nil
}
