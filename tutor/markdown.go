package tutor

import (
	"strings"
	"sync"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	"charm.land/glamour/v2/ansi"
)

// markdown renders lesson text (plain French with **bold** labels) with
// Glamour. Rendering costs about a millisecond a paragraph, so it never
// happens in View: a command renders a whole lesson ahead, for the current
// width and theme, and View reads the cache. Until then View shows the text
// wrapped plainly, which is already readable.
type markdown struct {
	mu        sync.Mutex
	cache     map[mdKey]string
	renderers map[mdRendererKey]*glamour.TermRenderer
}

type mdKey struct {
	text  string
	width int
	theme string
}

type mdRendererKey struct {
	width int
	theme string
}

// mdReadyMsg says new renderings are in the cache.
type mdReadyMsg struct{}

func newMarkdown() *markdown {
	return &markdown{cache: map[mdKey]string{}, renderers: map[mdRendererKey]*glamour.TermRenderer{}}
}

// Get returns the text rendered for a width and theme, or a plain fallback.
func (m *markdown) Get(text string, width int, t Theme) string {
	m.mu.Lock()
	out, ok := m.cache[mdKey{text, width, t.Name}]
	m.mu.Unlock()
	if ok {
		return out
	}
	return wrap(strings.ReplaceAll(sanitize(text), "**", ""), width)
}

// Prepare returns a command rendering the texts not yet cached, or nil.
func (m *markdown) Prepare(texts []string, width int, t Theme) tea.Cmd {
	var todo []string
	m.mu.Lock()
	for _, s := range texts {
		if _, ok := m.cache[mdKey{s, width, t.Name}]; !ok && s != "" {
			todo = append(todo, s)
		}
	}
	m.mu.Unlock()
	if len(todo) == 0 || width < 1 {
		return nil
	}
	return func() tea.Msg {
		for _, s := range todo {
			m.render(s, width, t)
		}
		return mdReadyMsg{}
	}
}

// render fills the cache for one text. The mutex is held while rendering:
// a Glamour renderer must not be used by two goroutines at once.
func (m *markdown) render(text string, width int, t Theme) {
	m.mu.Lock()
	defer m.mu.Unlock()
	k := mdKey{text, width, t.Name}
	if _, ok := m.cache[k]; ok {
		return
	}
	rk := mdRendererKey{width, t.Name}
	r := m.renderers[rk]
	if r == nil {
		var err error
		r, err = glamour.NewTermRenderer(glamour.WithStyles(mdStyle(t)), glamour.WithWordWrap(width))
		if err != nil {
			m.cache[k] = wrap(sanitize(text), width)
			return
		}
		m.renderers[rk] = r
	}
	out, err := r.Render(frenchSpaces.Replace(sanitize(text)))
	if err != nil {
		m.cache[k] = wrap(sanitize(text), width)
		return
	}
	m.cache[k] = tidy(out)
}

// tidy removes the blank lines around Glamour's output and the spaces it
// pads lines with.
func tidy(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	return strings.Trim(strings.Join(lines, "\n"), "\n")
}

func boolp(b bool) *bool          { return &b }
func uintp(u uint) *uint          { return &u }
func strp(s string) *string       { return &s }
func zeroMargin() ansi.StyleBlock { return ansi.StyleBlock{Margin: uintp(0)} }

// mdStyle is a sober Glamour style: no margins (the layout has its own),
// bold for on-screen labels, simple bullets; colour only in the default theme.
func mdStyle(t Theme) ansi.StyleConfig {
	strong := ansi.StylePrimitive{Bold: boolp(true)}
	if t.Name == "defaut" {
		strong.Color = strp("#5fafff")
	}
	bullet := "• "
	if t.Name == "ascii" {
		bullet = "- "
	}
	return ansi.StyleConfig{
		Document:    zeroMargin(),
		Paragraph:   zeroMargin(),
		List:        ansi.StyleList{LevelIndent: 2},
		Strong:      strong,
		Emph:        ansi.StylePrimitive{Underline: boolp(true)},
		Item:        ansi.StylePrimitive{BlockPrefix: bullet},
		Enumeration: ansi.StylePrimitive{BlockPrefix: ". "},
		Link:        ansi.StylePrimitive{Underline: boolp(true)},
		LinkText:    ansi.StylePrimitive{Bold: boolp(true)},
		Code:        ansi.StyleBlock{StylePrimitive: ansi.StylePrimitive{Bold: boolp(true)}},
	}
}
