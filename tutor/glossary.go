package tutor

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// readingScreen is the behaviour of a page that is only read: the arrows
// scroll it, Échap or Entrée go back. Screens embed it and add their title
// and text.
type readingScreen struct{ scroll scroller }

func (s *readingScreen) Help(ctx *Context) []key.Binding {
	return []key.Binding{ctx.Keys.Up, ctx.Keys.Down, ctx.Keys.Back}
}

func (s *readingScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && key.Matches(k, ctx.Keys.Back, ctx.Keys.Enter) {
		return back()
	}
	s.scroll.update(ctx, msg)
	return nil
}

// glossaryScreen is "Le vocabulaire du numérique", reachable from home and
// from any lesson's words.
type glossaryScreen struct{ readingScreen }

func newGlossaryScreen() *glossaryScreen { return &glossaryScreen{} }

func (s *glossaryScreen) Title(ctx *Context) string { return ctx.say("glossary_title") }

func (s *glossaryScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	bw := bodyWidth(ctx)
	var parts []string
	for _, word := range ctx.Cat.Glossary {
		def := sanitize(word.Definition)
		if len(word.Synonyms) > 0 {
			def += " " + ctx.say("also_said", sanitize(strings.Join(word.Synonyms, ", ")))
		}
		parts = append(parts, t.Strong.Render(sanitize(word.Word)), indent(wrap(def, bw-2), "  "), "")
	}
	if len(parts) == 0 {
		parts = append(parts, wrap(ctx.say("glossary_empty"), bw))
	}
	return s.scroll.render(ctx, strings.Join(parts, "\n"), w, h)
}
