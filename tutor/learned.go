package tutor

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"pasapas/fiche"
	"pasapas/learning"
	"pasapas/sheet"
)

// learnedScreen writes « Ce que j'ai appris aujourd'hui », the learner's
// page to print (from « Mes résultats »), next to the progress file, and
// says where it is. It only reads the store.
type learnedScreen struct {
	done bool
	path string
	day  learning.Day
	err  error
}

type learnedMsg struct {
	path string
	day  learning.Day
	err  error
}

func newLearnedScreen() *learnedScreen { return &learnedScreen{} }

func (s *learnedScreen) Init(ctx *Context) tea.Cmd {
	app, cat, l := ctx.App, ctx.Cat, ctx.Session.learner
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		if app.ExportDir() == "" {
			return learnedMsg{err: learning.ErrNoExport}
		}
		day, err := app.Today(c, cat, l.ID)
		if err != nil {
			return learnedMsg{err: err}
		}
		name := fiche.FileWord(l.Name)
		// The profile's number is in the name, so that erasing the profile
		// finds the page again (progress: LearnedPageName).
		path := filepath.Join(app.ExportDir(), fmt.Sprintf("appris-%d-%s-%s.html", l.ID, name, app.Now().Format("20060102")))
		// The page bears the learner's name and what they learned: it is
		// the OS user's only, as the attestation and the progress file are.
		return learnedMsg{path, day, sheet.WritePrivate(path, fiche.Learned(cat, l.Name, day))}
	})
}

func (s *learnedScreen) Title(ctx *Context) string { return ctx.say("learned_title") }
func (s *learnedScreen) Help(ctx *Context) []key.Binding {
	return []key.Binding{ctx.Keys.Enter, ctx.Keys.Back}
}

func (s *learnedScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case learnedMsg:
		s.done, s.path, s.day, s.err = true, msg.path, msg.day, msg.err
	case tea.KeyPressMsg:
		if key.Matches(msg, ctx.Keys.Back, ctx.Keys.Enter) {
			return back()
		}
	}
	return nil
}

func (s *learnedScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	bw := bodyWidth(ctx)
	if !s.done {
		return ctx.say("loading")
	}
	if s.err != nil {
		return problemLine(t, explain(ctx, s.err), bw)
	}
	parts := []string{t.Heading.Render(wrap(ctx.say("learned_ready"), bw)), "", wrap(ctx.say("learned_where"), bw), t.Strong.Render(wrap(sanitize(s.path), bw)), ""}
	if s.day.Empty() {
		parts = append(parts, wrap(ctx.say("learned_empty"), bw), "")
	} else {
		parts = append(parts, wrap(ctx.say("learned_counts", len(s.day.Finished), len(s.day.Tests)), bw), "")
	}
	parts = append(parts, wrap(ctx.say("learned_how"), bw), "", t.Muted.Render(wrap(ctx.say("learned_back"), bw)))
	return strings.Join(parts, "\n")
}
