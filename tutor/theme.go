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

func defaultTheme() Theme { return colourTheme(darkPalette) }

// lightTheme is the look in colours on a light background: the same
// theme ("defaut") with darker colours.
func lightTheme() Theme { return colourTheme(lightPalette) }

// palette is the colours of the look in colours, for one kind of
// background. Every text colour keeps a contrast of at least 4.5:1 (WCAG
// AA, what ageing eyes need) with the backgrounds it is meant for, and
// the focused line's text with its own background: TestColourContrast
// computes each pair.
type palette struct {
	blue, green, red, amber, grey, onBlue string
	// backgrounds are typical terminal backgrounds of this kind, for the
	// test: black, dark grey, Ubuntu's aubergine; white, light grey, cream.
	backgrounds []string
}

var darkPalette = palette{
	blue: "#5fafff", green: "#5fd75f", red: "#ff5f5f", amber: "#ffaf00", grey: "#a8a8a8", onBlue: "#000000",
	backgrounds: []string{"#000000", "#1e1e1e", "#300a24"},
}

var lightPalette = palette{
	blue: "#005fa3", green: "#006b00", red: "#c00000", amber: "#8a5a00", grey: "#595959", onBlue: "#ffffff",
	backgrounds: []string{"#ffffff", "#f2f2f2", "#fdf6e3"},
}

func colourTheme(p palette) Theme {
	blue := lipgloss.Color(p.blue)
	green := lipgloss.Color(p.green)
	red := lipgloss.Color(p.red)
	amber := lipgloss.Color(p.amber)
	grey := lipgloss.Color(p.grey)
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
		Selected: lipgloss.NewStyle().Bold(true).Foreground(lipgloss.Color(p.onBlue)).Background(blue),
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

// adapt fits a look to this terminal: on a light background the look in
// colours takes its light palette (Bubble Tea reports the background,
// see backgroundMsg); with NO_COLOR it gives way to the high-contrast
// look, whose focused line is in reverse video, not colour.
func (c *Context) adapt(th Theme) Theme {
	if th.Name != "defaut" {
		return th
	}
	switch {
	case c.base.noColor:
		return contrastTheme()
	case c.light:
		return lightTheme()
	}
	return defaultTheme()
}

// onBackground takes the terminal's background into account: the look on
// screen and the one restored when a learner leaves.
func (c *Context) onBackground(light bool) {
	c.light = light
	c.Theme = c.adapt(c.Theme)
	c.base.theme = c.adapt(c.base.theme)
}

// asciiSymbols are the symbols the words and the key bar use, each with an
// ASCII character of the same width: the ASCII look draws no « · » and
// no arrow, for old consoles that show them as « ? ».
var asciiSymbols = strings.NewReplacer("·", "-", "↑", "^", "↓", "v", "←", "<", "→", ">", "↕", "|", "•", "-", "▸", ">")

// plainSymbols draws a frame of the ASCII look with ASCII symbols. The
// accessible mode keeps the arrows: a screen reader says « flèche vers le
// haut », and would spell « ^ » as an accent.
func (t Theme) plainSymbols(ctx *Context, frame string) string {
	if t.Name != "ascii" || ctx.linear {
		return frame
	}
	return asciiSymbols.Replace(frame)
}
