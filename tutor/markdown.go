package tutor

import (
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	glam "charm.land/glamour/v2/ansi"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Lesson texts (steps, what you see, « sinon », À retenir, Attention, help,
// the author's feedback and explanations) are short Markdown: **bold**,
// *italics*, bullet and numbered lists, and line breaks. Glamour draws them,
// in a command, never in View; View reads the result from a cache keyed by
// (text, width, theme).
//
// Glamour has two traps for a tutor that teaches reading an address letter
// by letter: its GFM linkify turns "www.impots.gouv.fr" into a hyperlink
// shown as "http://www.impots.gouv.fr" (with an OSC 8 sequence), and its
// wrapping breaks lines after hyphens and dots. So:
//
//   - markdownSource hands Glamour only the Markdown we allow: every other
//     Markdown character is written as an HTML character reference, which
//     Glamour shows as the character itself, so "# Titre", "`code`",
//     "[lien](…)", "<b>" or "~~barré~~" are shown as typed. The first
//     character of anything linkify would take (www., http:, https:, ftp:,
//     an e-mail address) is written the same way, so linkify never sees it
//     and the address is shown exactly as written. Authors mark nothing.
//   - Glamour's word wrap is off; its output (one line per paragraph line or
//     list item) is wrapped by our own wrapper, at spaces only, never after a
//     hyphen or a dot, with list items hanging under their first word.
//   - what Glamour writes is then filtered: only colour and weight (SGR)
//     sequences are kept, so no hyperlink or other control sequence reaches
//     the terminal, even one of Glamour's own.

// mdKey is one rendering: the text as written, the width of the column and
// the theme.
type mdKey struct {
	text  string
	width int
	theme string
}

// mdCache holds the texts drawn so far. Its maps are read and written on the
// event loop only (View and Update); the renderers are used by the commands,
// one at a time (a Glamour renderer is not safe for concurrent use).
type mdCache struct {
	done    map[mdKey]string
	pending map[mdKey]bool

	mu        sync.Mutex
	renderers map[string]*glamour.TermRenderer
}

// mdCacheLimit bounds the cache: a window resized again and again makes a new
// key per text and width.
const mdCacheLimit = 4000

func newMDCache() *mdCache {
	return &mdCache{done: map[mdKey]string{}, pending: map[mdKey]bool{}, renderers: map[string]*glamour.TermRenderer{}}
}

// renderedMsg brings texts drawn by a command into the cache.
type renderedMsg struct{ out map[mdKey]string }

func (c *mdCache) store(msg renderedMsg) {
	if len(c.done)+len(msg.out) > mdCacheLimit {
		c.done = map[mdKey]string{}
	}
	for k, v := range msg.out {
		c.done[k] = v
		delete(c.pending, k)
	}
}

// rich draws a lesson text in a column of width cells: Glamour's rendering
// once a command has made it, and until then the text plainly wrapped, which
// is readable already. While the model collects what a frame needs (see
// model.prepareTexts) a missing text is noted.
func (c *Context) rich(s string, width int) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	width = max(1, width)
	k := mdKey{s, width, c.Theme.Name}
	if out, ok := c.md.done[k]; ok {
		return out
	}
	if c.collect != nil {
		*c.collect = append(*c.collect, k)
	}
	return wrap(unmarked(sanitize(s)), width)
}

// prepareTexts draws the frame's body once without showing it, to learn
// which lesson texts it needs that are not drawn yet, and returns a command
// that draws them with Glamour. It runs at the end of every Update, so the
// frame View draws next has them, or gets them one message later.
func (m *model) prepareTexts() tea.Cmd {
	ctx := m.ctx
	if ctx.Width < minWidth || ctx.Height < minHeight {
		return nil
	}
	var missing []mdKey
	ctx.collect = &missing
	if ctx.linear {
		m.renderBody(ctx.Width, ctx.Height) // as plain draws it
	} else {
		_, bodyH := m.bodyHeight()
		m.renderBody(ctx.Width, bodyH) // as render draws it
	}
	ctx.collect = nil
	var todo []mdKey
	for _, k := range missing {
		if !ctx.md.pending[k] {
			ctx.md.pending[k] = true
			todo = append(todo, k)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	md, t := ctx.md, ctx.Theme
	return func() tea.Msg {
		out := make(map[mdKey]string, len(todo))
		for _, k := range todo {
			out[k] = md.render(k, t)
		}
		return renderedMsg{out}
	}
}

// render draws one text with Glamour, then lays it out in its width.
func (c *mdCache) render(k mdKey, t Theme) string {
	src := markdownSource(k.text)
	c.mu.Lock()
	r := c.renderers[t.Name]
	var err error
	if r == nil {
		r, err = glamour.NewTermRenderer(glamour.WithStyles(mdStyle(t)), glamour.WithWordWrap(0), glamour.WithPreservedNewLines())
		if err == nil {
			c.renderers[t.Name] = r
		}
	}
	var out string
	if err == nil {
		out, err = r.Render(src)
	}
	c.mu.Unlock()
	if err != nil {
		return wrap(unmarked(sanitize(k.text)), k.width)
	}
	return layout(onlySGR(out), k.width, t)
}

func boolp(b bool) *bool    { return &b }
func uintp(u uint) *uint    { return &u }
func strp(s string) *string { return &s }

// mdStyle is the product's Glamour style: no margins (the screens have their
// own), bold as everywhere else in the tutor, italics (underlined in the
// high-contrast and ASCII themes, where italics may not show), the theme's
// bullet, and no colour at all: headings, links and code are never drawn
// (their marks are shown as typed), so nothing can clash with the themes.
// Bubble Tea drops bold and underline when NO_COLOR asks for it.
func mdStyle(t Theme) glam.StyleConfig {
	emph := glam.StylePrimitive{Italic: boolp(true)}
	if t.Name != "defaut" {
		emph = glam.StylePrimitive{Underline: boolp(true)}
	}
	zero := glam.StyleBlock{Margin: uintp(0), Indent: uintp(0)}
	return glam.StyleConfig{
		Document:    zero,
		Paragraph:   zero,
		Text:        glam.StylePrimitive{},
		Strong:      glam.StylePrimitive{Bold: boolp(true)},
		Emph:        emph,
		List:        glam.StyleList{StyleBlock: zero, LevelIndent: 2},
		Item:        glam.StylePrimitive{BlockPrefix: t.G.Bullet + " "},
		Enumeration: glam.StylePrimitive{BlockPrefix: ". "},
		Code:        glam.StyleBlock{},
	}
}

// listLine is a line of a lesson text that is an item of a list: "- ",
// "* " or "+ ", or a number followed by ". " or ") ".
var listLine = regexp.MustCompile(`^(?:[-*+]|[0-9]{1,9}[.)])[ \t]+\S`)

// markdownSource is what Glamour is given for a lesson text: the Markdown we
// allow, and every other Markdown character written so that it shows as
// typed (see the top of this file).
func markdownSource(s string) string {
	s = sanitize(s)
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	inList := false
	for _, raw := range lines {
		indented := raw != strings.TrimLeft(raw, " ")
		l := strings.TrimRight(strings.TrimLeft(raw, " "), " ")
		switch {
		case l == "":
			inList = false
			out = append(out, "")
			continue
		case listLine.MatchString(l):
			// A list needs a blank line before it when text comes first.
			if !inList && len(out) > 0 && out[len(out)-1] != "" {
				out = append(out, "")
			}
			inList = true
			marker := l[:strings.IndexAny(l, " \t")+1]
			out = append(out, marker+escapeInline(strings.TrimLeft(l[len(marker):], " \t")))
			continue
		case inList && !indented:
			// A line after a list, not indented: a new paragraph, as it
			// reads in the file (Markdown would add it to the last item).
			out = append(out, "")
			inList = false
		}
		out = append(out, escapeLineStart(escapeInline(l)))
	}
	return strings.Join(out, "\n")
}

// escapeLineStart shows as typed what would make a line a heading, a quote,
// a rule, a setext underline or a definition.
func escapeLineStart(l string) string {
	if l == "" {
		return l
	}
	if strings.Trim(l, "-=*_ ") == "" {
		r, size := utf8.DecodeRuneInString(l)
		return charRef(r) + l[size:]
	}
	switch l[0] {
	case ':', '=':
		return charRef(rune(l[0])) + l[1:]
	}
	return l
}

// literal are the characters whose Markdown meaning we do not use: each is
// written as a character reference, which Glamour shows as the character.
// A backslash is written as a Markdown escape (two backslashes) instead:
// Glamour turns a backslash and the punctuation after it into that
// punctuation alone once the references are read, so the punctuation after
// a backslash is written as a reference too.
const literal = "`[]<>|~&#"

// escapeInline writes a line's text for Glamour: emphasis marks are kept,
// the other Markdown characters are shown as typed, and linkify is kept away
// from addresses.
func escapeInline(l string) string {
	var b strings.Builder
	b.Grow(len(l) + 16)
	prev := rune(-1) // -1: the start of the line
	for i, r := range l {
		next, _ := utf8.DecodeRuneInString(l[i+utf8.RuneLen(r):])
		switch {
		case r == '\\':
			b.WriteString(`\\`)
		case prev == '\\' && r < utf8.RuneSelf && (unicode.IsPunct(r) || unicode.IsSymbol(r)):
			b.WriteString(charRef(r))
		case strings.ContainsRune(literal, r):
			b.WriteString(charRef(r))
		case (r == '*' || r == '_') && isWordRune(prev) && isWordRune(next):
			// A star inside a code ("AB*12*CD") is not emphasis.
			b.WriteString(charRef(r))
		case linkifyAt(prev) && linkable(l[i:]):
			b.WriteString(charRef(r))
		default:
			b.WriteRune(r)
		}
		prev = r
	}
	return b.String()
}

func isWordRune(r rune) bool { return r >= 0 && (unicode.IsLetter(r) || unicode.IsDigit(r)) }

// linkifyAt says whether goldmark's linkify looks for a link after prev:
// at the start of a line, after a space, "*", "_", "~" or "(".
func linkifyAt(prev rune) bool {
	return prev == -1 || prev == ' ' || prev == '*' || prev == '_' || prev == '~' || prev == '(' || prev == '\u00a0'
}

// linkable says whether linkify would take the word that starts s.
func linkable(s string) bool {
	word := s
	if i := strings.IndexAny(s, " \t\u00a0"); i >= 0 {
		word = s[:i]
	}
	lw := strings.ToLower(word)
	for _, p := range []string{"www.", "http:", "https:", "ftp:"} {
		if strings.HasPrefix(lw, p) {
			return true
		}
	}
	return strings.Contains(word, "@")
}

// charRef writes a character as an HTML character reference, which Glamour
// shows as the character and goldmark gives no meaning to.
func charRef(r rune) string {
	return "&#" + itoa(int(r)) + ";"
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var buf [12]byte
	i := len(buf)
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	return string(buf[i:])
}

// onlySGR keeps the text, the line breaks and the colour and weight (SGR)
// sequences of Glamour's output, and drops every other escape or control
// sequence: hyperlinks (OSC 8) and anything else never reach the terminal.
func onlySGR(s string) string {
	if !strings.ContainsAny(s, "\x1b\x9b\x9d\x07") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	p := ansi.NewParser()
	state := byte(0)
	for len(s) > 0 {
		seq, _, n, newState := ansi.DecodeSequence(s, state, p)
		state = newState
		switch {
		case ansi.HasCsiPrefix(seq) && p.Command() == 'm':
			b.WriteString(seq)
		case seq == "\n":
			b.WriteString(seq)
		case len(seq) > 0 && (seq[0] < 0x20 || seq[0] == 0x7f || ansi.HasEscPrefix(seq) || ansi.HasCsiPrefix(seq) ||
			ansi.HasOscPrefix(seq) || ansi.HasDcsPrefix(seq) || ansi.HasApcPrefix(seq) || ansi.HasSosPrefix(seq) ||
			ansi.HasPmPrefix(seq) || ansi.HasStPrefix(seq)):
			// dropped
		default:
			if r, _ := utf8.DecodeRuneInString(seq); r >= 0x80 && r < 0xa0 {
				break
			}
			b.WriteString(seq)
		}
		s = s[n:]
	}
	return b.String()
}

// itemMarker finds the list marker at the start of a line of Glamour's
// output: the theme's bullet or a number, then a space.
func itemMarker(plain string, t Theme) int {
	if strings.HasPrefix(plain, t.G.Bullet+" ") {
		return lipgloss.Width(t.G.Bullet) + 1
	}
	i := 0
	for i < len(plain) && plain[i] >= '0' && plain[i] <= '9' {
		i++
	}
	if i > 0 && strings.HasPrefix(plain[i:], ". ") {
		return i + 2
	}
	return 0
}

// layout wraps Glamour's output (one line per paragraph line or list item)
// in width cells: at spaces only, never after a hyphen or a dot, each list
// item hanging under its first word, with the lines that continue an item
// under it too.
func layout(s string, width int, t Theme) string {
	lines := strings.Split(strings.Trim(s, "\n"), "\n")
	var out []string
	hang := 0 // the indentation of the list item going on, 0 outside a list
	for _, l := range lines {
		plain := strings.TrimRight(ansi.Strip(l), " ")
		if plain == "" {
			hang = 0
			if len(out) > 0 && out[len(out)-1] != "" {
				out = append(out, "")
			}
			continue
		}
		if mw := itemMarker(plain, t); mw > 0 && mw < width {
			hang = mw
			marker := ansi.Cut(l, 0, mw)
			body := wrapStyled(ansi.TruncateLeft(l, mw, ""), width-mw)
			out = append(out, hangLines(marker, body)...)
			continue
		}
		if hang > 0 && hang < width {
			out = append(out, hangLines(strings.Repeat(" ", hang), wrapStyled(l, width-hang))...)
			continue
		}
		out = append(out, strings.Split(wrapStyled(l, width), "\n")...)
	}
	for len(out) > 0 && out[len(out)-1] == "" {
		out = out[:len(out)-1]
	}
	for i, l := range out {
		out[i] = strings.TrimRight(l, " ")
	}
	return strings.Join(out, "\n")
}

// hangLines puts a marker before the first line of a block and as many
// spaces before the others (but the blank ones).
func hangLines(marker, block string) []string {
	lines := strings.Split(block, "\n")
	pad := strings.Repeat(" ", lipgloss.Width(marker))
	for i, l := range lines {
		switch {
		case i == 0:
			lines[i] = marker + l
		case l != "":
			lines[i] = pad + l
		}
	}
	return lines
}

// wrapStyled is wrap for styled text: a style cut by a line break is closed
// at the end of the line and opened again at the start of the next, so that
// an indentation or a scrolled page never starts in the middle of one.
func wrapStyled(s string, width int) string {
	return wrapWith(lipgloss.Wrap, strings.TrimLeft(s, " "), width)
}
