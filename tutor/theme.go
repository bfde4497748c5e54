package tutor

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// Theme is how things look. Meaning never rests on colour alone: every
// state also has a word or a symbol, so the ASCII and high-contrast themes
// (and NO_COLOR, which Bubble Tea honours when it draws) lose nothing.
type Theme struct {
	Name string

	Title    lipgloss.Style // screen titles
	Heading  lipgloss.Style // titles inside a screen
	Text     lipgloss.Style
	Strong   lipgloss.Style
	Muted    lipgloss.Style // secondary text; never faint in high contrast
	Good     lipgloss.Style // right answers, done
	Bad      lipgloss.Style // wrong answers
	Warn     lipgloss.Style // "Attention" box
	Selected lipgloss.Style // the focused line
	Key      lipgloss.Style // key names in the help bar
	Box      lipgloss.Style // framed blocks
	Header   lipgloss.Style // the top bar

	G Glyphs
}

// Glyphs are the symbols a theme draws with.
type Glyphs struct {
	Right, Wrong, Skip, Pointer, Action, Bullet, Done, Todo, Partial, Scroll string
	BarFull, BarEmpty, Rule                                                  string
	Border                                                                   lipgloss.Border
}

var unicodeGlyphs = Glyphs{
	Right: "✔", Wrong: "✘", Skip: "–", Pointer: "▸", Action: "➜", Scroll: "↕", Bullet: "•", Done: "✔", Todo: "○", Partial: "◐",
	BarFull: "█", BarEmpty: "░", Rule: "─", Border: lipgloss.RoundedBorder(),
}

var asciiGlyphs = Glyphs{
	Right: "OK", Wrong: "X", Skip: "-", Pointer: ">", Action: "->", Scroll: "^v", Bullet: "-", Done: "[x]", Todo: "[ ]", Partial: "[~]",
	BarFull: "#", BarEmpty: ".", Rule: "-", Border: lipgloss.ASCIIBorder(),
}

// ThemeNames are the accepted --theme values, French first.
var ThemeNames = []string{"defaut", "contraste", "ascii"}

// ThemeByName returns a theme; English names are accepted too.
func ThemeByName(name string) (Theme, bool) {
	switch strings.ToLower(name) {
	case "", "defaut", "défaut", "default":
		return defaultTheme(), true
	case "contraste", "contrast", "high-contrast":
		return contrastTheme(), true
	case "ascii":
		return asciiTheme(), true
	}
	return defaultTheme(), false
}

func defaultTheme() Theme {
	blue := lipgloss.Color("#5fafff")
	green := lipgloss.Color("#5fd75f")
	red := lipgloss.Color("#ff5f5f")
	amber := lipgloss.Color("#ffaf00")
	grey := lipgloss.Color("#a8a8a8")
	return Theme{
		Name:     "defaut",
		Title:    lipgloss.NewStyle().Bold(true).Foreground(blue),
		Heading:  lipgloss.NewStyle().Bold(true),
		Text:     lipgloss.NewStyle(),
		Strong:   lipgloss.NewStyle().Bold(true),
		Muted:    lipgloss.NewStyle().Foreground(grey),
		Good:     lipgloss.NewStyle().Bold(true).Foreground(green),
		Bad:      lipgloss.NewStyle().Bold(true).Foreground(red),
		Warn:     lipgloss.NewStyle().Bold(true).Foreground(amber),
		Selected: lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color("#000000")).Background(blue),
		Key:      lipgloss.NewStyle().Bold(true).Foreground(blue),
		Box:      lipgloss.NewStyle().BorderForeground(grey),
		Header:   lipgloss.NewStyle().Bold(true),
		G:        unicodeGlyphs,
	}
}

// contrastTheme uses only bold, underline and reverse video with the
// terminal's own colours: the strongest contrast the user's palette gives.
func contrastTheme() Theme {
	return Theme{
		Name:     "contraste",
		Title:    lipgloss.NewStyle().Bold(true).Underline(true),
		Heading:  lipgloss.NewStyle().Bold(true),
		Text:     lipgloss.NewStyle(),
		Strong:   lipgloss.NewStyle().Bold(true),
		Muted:    lipgloss.NewStyle(),
		Good:     lipgloss.NewStyle().Bold(true),
		Bad:      lipgloss.NewStyle().Bold(true),
		Warn:     lipgloss.NewStyle().Bold(true),
		Selected: lipgloss.NewStyle().Bold(true).Reverse(true),
		Key:      lipgloss.NewStyle().Bold(true).Underline(true),
		Box:      lipgloss.NewStyle(),
		Header:   lipgloss.NewStyle().Bold(true).Reverse(true),
		G:        unicodeGlyphs,
	}
}

// asciiTheme draws with ASCII only and no colour, for old consoles and
// screen readers that spell out symbols.
func asciiTheme() Theme {
	t := contrastTheme()
	t.Name = "ascii"
	t.Title = lipgloss.NewStyle().Bold(true)
	t.Key = lipgloss.NewStyle().Bold(true)
	t.Header = lipgloss.NewStyle().Bold(true)
	t.G = asciiGlyphs
	return t
}

// rule draws a horizontal line of the given width.
func (t Theme) rule(width int) string {
	return t.Muted.Render(strings.Repeat(t.G.Rule, max(0, width)))
}

// bar draws a progress bar of the given width for a fraction in [0, 1].
func (t Theme) bar(width int, frac float64) string {
	frac = min(1, max(0, frac))
	full := int(frac*float64(width) + 0.5)
	return t.Good.Render(strings.Repeat(t.G.BarFull, full)) + t.Muted.Render(strings.Repeat(t.G.BarEmpty, width-full))
}

// colourless honours NO_COLOR: with it, a look in colours gives way to the
// high-contrast one, whose focused line is in reverse video, not colour.
func (c *Context) colourless(th Theme) Theme {
	if c.base.noColor && th.Name == "defaut" {
		if hc, ok := ThemeByName("contraste"); ok {
			return hc
		}
	}
	return th
}
