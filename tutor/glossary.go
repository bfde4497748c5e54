package tutor

import (
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"pasapas/fold"
	"pasapas/learning"
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
type glossaryScreen struct {
	readingScreen
	// letters: the first line of the first word of each initial in the
	// last rendering. A letter typed goes there: the list is long.
	letters map[rune]int
}

func newGlossaryScreen() *glossaryScreen { return &glossaryScreen{} }

func (s *glossaryScreen) Title(ctx *Context) string { return ctx.say("glossary_title") }

func (s *glossaryScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	bw := bodyWidth(ctx)
	var parts []string
	s.letters = map[rune]int{}
	for _, word := range learning.AlphabeticalWords(ctx.Cat.Glossary) {
		if r := initial(word.Word); r != 0 {
			if _, ok := s.letters[r]; !ok {
				s.letters[r] = len(strings.Split(strings.Join(parts, "\n"), "\n")) - boolInt(len(parts) == 0)
			}
		}
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

// Help adds the letters to the keys of a page that is read.
func (s *glossaryScreen) Help(ctx *Context) []key.Binding {
	letters := key.NewBinding(key.WithKeys("a"), key.WithHelp("a-z", ctx.say("key_letter")))
	return append(s.readingScreen.Help(ctx), letters)
}

// Update goes to the first word of a letter typed; the rest is reading.
func (s *glossaryScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyPressMsg); ok && len(k.Text) == 1 {
		if at, ok := s.letters[initial(k.Text)]; ok {
			s.scroll.offset = at
			return nil
		}
	}
	return s.readingScreen.Update(ctx, msg)
}

// initial is the first letter of a word, accents and capitals aside, or 0.
func initial(w string) rune {
	for _, r := range fold.Key(w) {
		if unicode.IsLetter(r) {
			return r
		}
		return 0
	}
	return 0
}
