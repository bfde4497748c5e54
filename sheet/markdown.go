package sheet

import (
	"html"
	"html/template"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// listLine is a line of lesson text that is an item of a list: "- ", "* "
// or "+ ", or a number followed by ". " or ") " (as tutor/markdown.go
// reads it for the terminal).
var listLine = regexp.MustCompile(`^(?:([-*+])|([0-9]{1,9})[.)])[ \t]+(\S.*)$`)

// Markdown turns lesson text into HTML: the Markdown lessons may use —
// **bold** (or __bold__), *italics* (or _italics_), lists, one sentence a
// line — and nothing else. Every character is escaped first; the only tags
// are the ones added here, so no content can bring its own.
func Markdown(s string) template.HTML {
	s = frenchSpaces.Replace(clean(s))
	var b strings.Builder
	var para []string
	list := ""
	flush := func() {
		if len(para) > 0 {
			b.WriteString("<p>" + strings.Join(para, "<br>\n") + "</p>\n")
			para = nil
		}
	}
	closeList := func() {
		if list != "" {
			b.WriteString("</" + list + ">\n")
			list = ""
		}
	}
	for _, raw := range strings.Split(s, "\n") {
		l := strings.TrimSpace(raw)
		if l == "" {
			flush()
			closeList()
			continue
		}
		if m := listLine.FindStringSubmatch(l); m != nil {
			flush()
			kind := "ul"
			if m[2] != "" {
				kind = "ol"
			}
			if list != kind {
				closeList()
				list = kind
				b.WriteString("<" + kind + ">\n")
			}
			b.WriteString("<li>" + inline(m[3]) + "</li>\n")
			continue
		}
		if list != "" && raw != strings.TrimLeft(raw, " ") {
			// An indented line after an item carries the item on.
			continue
		}
		closeList()
		para = append(para, inline(l))
	}
	flush()
	closeList()
	out := strings.TrimSuffix(b.String(), "\n")
	// A single paragraph is inline text: lists and boxes hold it as is.
	if strings.HasPrefix(out, "<p>") && strings.Count(out, "<p>") == 1 && strings.HasSuffix(out, "</p>") {
		out = strings.TrimSuffix(strings.TrimPrefix(out, "<p>"), "</p>")
	}
	return template.HTML(out)
}

var (
	// The text in bold holds no mark of its own: « **à** key … **Alt Gr** »
	// is two bold words, not one run from the first mark to the last.
	strong   = regexp.MustCompile(`\*\*([^*\s](?:[^*]*?[^*\s])?)\*\*|__([^_\s](?:[^_]*?[^_\s])?)__`)
	emStar   = regexp.MustCompile(`\*(\S(?:[^*]*?\S)?)\*`)
	emUnder  = regexp.MustCompile(`_(\S(?:[^_]*?\S)?)_`)
	wordRune = func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' }
)

// inline escapes one line and adds the emphasis it marks. The marks are
// ASCII and survive escaping unchanged, so the tags wrap escaped text only.
func inline(l string) string {
	l = html.EscapeString(l)
	l = strong.ReplaceAllStringFunc(l, func(m string) string {
		return "<strong>" + m[2:len(m)-2] + "</strong>"
	})
	l = emStar.ReplaceAllString(l, "<em>$1</em>")
	// An underscore inside a word (a file_name, an adresse_mail) is a
	// character, as CommonMark reads it.
	var b strings.Builder
	last := 0
	for _, loc := range emUnder.FindAllStringIndex(l, -1) {
		before, _ := utf8.DecodeLastRuneInString(l[:loc[0]])
		after, _ := utf8.DecodeRuneInString(l[loc[1]:])
		if loc[0] > 0 && wordRune(before) || loc[1] < len(l) && wordRune(after) {
			continue
		}
		b.WriteString(l[last:loc[0]] + "<em>" + l[loc[0]+1:loc[1]-1] + "</em>")
		last = loc[1]
	}
	b.WriteString(l[last:])
	return b.String()
}

// frenchSpaces keeps French punctuation with its word: a line never
// starts with « : », « ? », « ! », « ; » or a closing guillemet, nor ends
// with an opening one.
var frenchSpaces = strings.NewReplacer("« ", "«\u00a0", " »", "\u00a0»", " :", "\u00a0:", " ?", "\u00a0?", " !", "\u00a0!", " ;", "\u00a0;")

// clean drops what no page should carry: invalid UTF-8, control
// characters (tabs become spaces) and direction overrides.
func clean(s string) string {
	s = strings.ToValidUTF8(s, "")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t':
			return ' '
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0,
			r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
			return -1
		}
		return r
	}, strings.ReplaceAll(s, "\r\n", "\n"))
}
