package tutor

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// sanitize removes from text that comes from content files or from the
// store everything a terminal would interpret: escape and control
// characters, and invisible direction overrides. The loader already refuses
// them in content; this is the last line of defence before the screen, and
// the only one for names typed by learners.
func sanitize(s string) string {
	// Invalid UTF-8 first: a lone byte 0x9B is the 8-bit start of a
	// terminal command, and would otherwise pass as a replacement rune.
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	clean := true
	for _, r := range s {
		if unsafeRune(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\t' {
			return ' '
		}
		if unsafeRune(r) {
			return -1
		}
		return r
	}, s)
}

func unsafeRune(r rune) bool {
	switch {
	case r == '\n':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
		// Bidirectional controls (U+061C is the Arabic letter mark): they
		// turn the text around them and can make a line read otherwise.
		return true
	}
	return false
}

// wrap breaks text into lines of at most width cells, at spaces; only a
// word longer than the whole width is cut. Never after a hyphen nor a dot:
// "service-" at the end of a line would read as the end of an address, and
// "mon-fichier-final.pdf" or "F12345-abc" must be read whole. Existing line
// breaks are kept.
func wrap(s string, width int) string {
	return wrapWith(ansi.Wrap, s, width)
}

// wrapWith wraps with a wrapping function (ansi.Wrap, or lipgloss.Wrap for
// styled text), after gluing what must stay together.
func wrapWith(wrapper func(string, int, string) string, s string, width int) string {
	if width < 1 {
		width = 1
	}
	s = gluedNumbers.ReplaceAllString(frenchSpaces.Replace(s), "$1\u00a0$2")
	// Hyphens are turned into non-breaking hyphens for the wrapper, which
	// always breaks after "-", and back. A text that already holds a
	// non-breaking hyphen is wrapped as it is (they would not be told apart).
	if !strings.Contains(s, "-") || strings.ContainsRune(s, hyphenMark) {
		return wrapper(s, width, "")
	}
	s = strings.ReplaceAll(s, "-", string(hyphenMark))
	return strings.ReplaceAll(wrapper(s, width, ""), string(hyphenMark), "-")
}

// hyphenMark stands for a hyphen while a text is wrapped: U+2011,
// NON-BREAKING HYPHEN, one cell wide like "-".
const hyphenMark = '\u2011'

// gluedNumbers keeps a number whole, and with its unit: "116 117", "25 000",
// "2 €", "10 %" never break across lines.
var gluedNumbers = regexp.MustCompile(`(\d) (\d|€|%)`)

// frenchSpaces glues French punctuation to its word with a no-break space,
// so a line never starts with "?" or "»" nor ends with "«".
var frenchSpaces = strings.NewReplacer(
	"« ", "«\u00a0", " »", "\u00a0»",
	" ?", "\u00a0?", " !", "\u00a0!", " :", "\u00a0:", " ;", "\u00a0;",
)

// fit makes a block exactly fit a box: no line wider than width (cut with
// ansi awareness, as a last resort) and at most height lines.
func fit(s string, width, height int) string {
	lines := strings.Split(s, "\n")
	if height >= 0 && len(lines) > height {
		lines = lines[:height]
	}
	for i, l := range lines {
		if lipgloss.Width(l) > width {
			lines[i] = ansi.Truncate(l, width, "")
		}
	}
	return strings.Join(lines, "\n")
}

// indent prefixes every line of s but the blank ones.
func indent(s, prefix string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" {
			lines[i] = prefix + l
		}
	}
	return strings.Join(lines, "\n")
}

// hanging wraps text after a marker, with the following lines aligned
// under the first letter: "▸ 1. Un texte qui continue
//
//	sur la ligne suivante".
func hanging(marker, text string, width int) string {
	mw := lipgloss.Width(marker)
	body := wrap(text, max(1, width-mw))
	lines := strings.Split(body, "\n")
	pad := strings.Repeat(" ", mw)
	for i := range lines {
		if i == 0 {
			lines[i] = marker + lines[i]
		} else {
			lines[i] = pad + lines[i]
		}
	}
	return strings.Join(lines, "\n")
}

// problemLine draws a problem said to the learner: the mark, so that it is
// not told by colour alone, and the text, cleaned and wrapped.
func problemLine(t Theme, problem string, w int) string {
	return t.Bad.Render(wrap(t.G.Wrong+" "+sanitize(problem), w))
}

// cleanKey keeps what a text field may receive from a key press: no
// control or bidirectional character is typed into a field (and echoed),
// whatever the keyboard or terminal sends. ok is false when nothing is
// left of a press that carried text.
func cleanKey(msg tea.KeyPressMsg) (tea.KeyPressMsg, bool) {
	if msg.Text == "" {
		return msg, !unsafeRune(msg.Code) || msg.Code < 0x20 || msg.Code == 0x7f || msg.Code > unicode.MaxRune
	}
	clean := strings.Map(func(r rune) rune {
		if unsafeRune(r) {
			return -1
		}
		return r
	}, strings.ToValidUTF8(msg.Text, ""))
	if clean == "" {
		return msg, false
	}
	msg.Text = clean
	if r := []rune(clean); len(r) == 1 {
		msg.Code = r[0]
	}
	return msg, true
}

// cleanPaste is cleanKey for a paste: one line, nothing unsafe.
func cleanPaste(msg tea.PasteMsg) tea.PasteMsg {
	msg.Content = strings.ReplaceAll(sanitize(msg.Content), "\n", " ")
	return msg
}

// typeKey passes a key to a text field once cleaned (cleanKey): what
// cleanKey drops never reaches the field, nor the screen.
func typeKey(in *textinput.Model, msg tea.KeyPressMsg) tea.Cmd {
	k, ok := cleanKey(msg)
	if !ok {
		return nil
	}
	var cmd tea.Cmd
	*in, cmd = in.Update(k)
	return cmd
}
