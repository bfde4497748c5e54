package lessons

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"pasapas/fold"
)

// The plain-language rules read a text once, as a list of tokens, and every
// rule works on that list: sentences are ranges of tokens, jargon and names
// are runs of word keys. The scanner is built for French as médiateurs write
// it: « guillemets », decimal commas (48,50 €), elisions (l'adresse),
// hyphenated words (rendez-vous), addresses (marie.dupont@laposte.net,
// service-public.gouv.fr) and abbreviations (ex., etc.).
//
// It keeps its buffers between texts, so checking a large library allocates
// almost nothing per text.

// Token kinds.
const (
	tWord  uint8 = iota // a run of letters and digits; hyphens and apostrophes cut it in pieces
	tNum                // a number: 48,50 or 1.5 or 2024
	tURL                // an address of a site or a mailbox: one word, never jargon
	tSym                // a symbol read aloud: @, €, %, &
	tPunct              // punctuation, one character (or "..." / a run of "*")
)

type token struct {
	start, end int32 // bytes of the token in the text
	ks, ke     int32 // its folded key (lower case, no accents) in scanner.buf
	stem       int32 // end of the key without a plural ending, in scanner.buf
	kind       uint8
	punct      rune // for tPunct and tSym: the character ('…' for "...", '*' for "**")
	glued      bool // a word piece that continues the previous one (l'|adresse, rendez-|vous)
	upper      bool // starts with a capital letter or a digit
	quoted     bool // inside « », “ ”, "…", **…** or `…`: a label shown on screen, or a word being talked about
	newline    bool // a line break comes just before it
}

// scanner tokenizes one text at a time and keeps its buffers.
type scanner struct {
	text string
	toks []token
	buf  []byte // folded keys of the word pieces, back to back
}

// key returns the folded key of token i, without allocating when used as a
// map index (m[string(b)] does not copy).
func (s *scanner) key(i int) []byte { t := &s.toks[i]; return s.buf[t.ks:t.ke] }

// stemKey returns the key of token i without its plural ending.
func (s *scanner) stemKey(i int) []byte { t := &s.toks[i]; return s.buf[t.ks:t.stem] }

// scan reads text into tokens.
func (s *scanner) scan(text string) {
	s.text = text
	s.toks = s.toks[:0]
	s.buf = s.buf[:0]
	newline := false
	for i := 0; i < len(text); {
		if c := text[i]; c < utf8.RuneSelf && ascii[c]&cSpace != 0 {
			newline = newline || c == '\n'
			i++
			continue
		}
		if sp, size := spaceAt(text, i); sp {
			i += size
			continue
		}
		j := i
		for j < len(text) {
			if c := text[j]; c < utf8.RuneSelf {
				if ascii[c]&cSpace != 0 {
					break
				}
				j++
				continue
			}
			sp, size := spaceAt(text, j)
			if sp {
				break
			}
			j += size
		}
		first := len(s.toks)
		s.chunk(i, j)
		if newline && len(s.toks) > first {
			s.toks[first].newline = true
		}
		newline = false
		i = j
	}
	s.markQuotes()
}

// ascii classifies the ASCII characters, which most of any text is: the hot
// loops test this table inline and call the functions below only for other
// characters.
var ascii = func() (t [utf8.RuneSelf]uint8) {
	for c := range t {
		switch {
		case c == ' ' || c == '\n' || c == '\t' || c == '\r':
			t[c] = cSpace
		case '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
			t[c] = cWord
		}
	}
	return t
}()

const (
	cSpace = 1 << iota
	cWord
)

// spaceAt, wordAt and wordBefore classify the character at (or ending at)
// byte i.
func spaceAt(text string, i int) (bool, int) {
	if c := text[i]; c < utf8.RuneSelf {
		return ascii[c]&cSpace != 0, 1
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	return unicode.IsSpace(r), size
}

func wordAt(text string, i int) (bool, int) {
	if c := text[i]; c < utf8.RuneSelf {
		return ascii[c]&cWord != 0, 1
	}
	r, size := utf8.DecodeRuneInString(text[i:])
	return isWordRune(r), size
}

func wordBefore(text string, i int) (bool, int) {
	if c := text[i-1]; c < utf8.RuneSelf {
		return ascii[c]&cWord != 0, 1
	}
	r, size := utf8.DecodeLastRuneInString(text[:i])
	return isWordRune(r), size
}

// chunk reads one run of non-space characters: leading punctuation, a core,
// trailing punctuation.
func (s *scanner) chunk(from, to int) {
	text := s.text
	a, b := from, to
	for a < b {
		w, size := wordAt(text, a)
		if w {
			break
		}
		a += size
	}
	for b > a {
		w, size := wordBefore(text, b)
		if w {
			break
		}
		b -= size
	}
	if a == b { // no letter nor digit: punctuation, or a symbol read as a word
		s.punctRun(from, to)
		return
	}
	s.punctRun(from, a)
	core := text[a:b]
	numeric, maybeAddress := shape(core)
	switch {
	case numeric:
		ks := int32(len(s.buf))
		s.buf = append(s.buf, core...)
		ke := int32(len(s.buf))
		s.toks = append(s.toks, token{start: int32(a), end: int32(b), ks: ks, ke: ke, stem: ke, kind: tNum, upper: true})
	case maybeAddress && isAddress(core):
		s.toks = append(s.toks, token{start: int32(a), end: int32(b), kind: tURL})
	default:
		s.words(a, b)
	}
	s.punctRun(b, to)
}

// words cuts a core into word pieces at every character that is not a
// letter or a digit (apostrophe, hyphen, slash…): the pieces after the first
// are glued, so "l'adresse" counts as one word but "adresse" can be matched.
func (s *scanner) words(from, to int) {
	text := s.text
	glued := false
	for i := from; i < to; {
		w, size := wordAt(text, i)
		if !w {
			i += size
			continue
		}
		// Read the word and fold it into buf in the same pass.
		ks := int32(len(s.buf))
		j := i
		for j < to {
			if c := text[j]; c < utf8.RuneSelf {
				if ascii[c]&cWord == 0 {
					break
				}
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				s.buf = append(s.buf, c)
				j++
				continue
			}
			r, size := utf8.DecodeRuneInString(text[j:])
			if !isWordRune(r) {
				break
			}
			s.buf = appendFoldedRune(s.buf, r)
			j += size
		}
		ke := int32(len(s.buf))
		s.toks = append(s.toks, token{
			start: int32(i), end: int32(j), ks: ks, ke: ke, stem: ks + int32(stemLen(s.buf[ks:ke])),
			kind: tWord, glued: glued, upper: startsUpper(text[i:j]),
		})
		glued = true
		i = j
	}
}

// startsUpper says whether a word starts with a capital or a digit.
func startsUpper(w string) bool {
	if c := w[0]; c < utf8.RuneSelf {
		return 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r) || unicode.IsDigit(r)
}

// punctRun adds the punctuation and symbols of text[from:to], one token
// each, except "..." and runs of "*" or "`" which are one token.
func (s *scanner) punctRun(from, to int) {
	text := s.text
	for i := from; i < to; {
		r, size := utf8.DecodeRuneInString(text[i:])
		j := i + size
		switch {
		case r == '.' && strings.HasPrefix(text[i:to], "..."):
			r, j = '…', i+3
		case r == '*' || r == '`':
			for j < to && text[j] == byte(r) {
				j++
			}
		}
		kind := tPunct
		if isSymbol(r) {
			kind = tSym
		}
		s.toks = append(s.toks, token{start: int32(i), end: int32(j), kind: kind, punct: r})
		i = j
	}
}

// markQuotes flags the tokens inside quotation marks, bold or code. What is
// quoted is a label the learner sees on screen (« Envoyer ») or a word being
// talked about (le mot « courriel »): the author does not choose it.
func (s *scanner) markQuotes() {
	var guill, curly, single int
	var straight, star, code bool
	for i := range s.toks {
		t := &s.toks[i]
		if t.kind == tPunct {
			switch t.punct {
			case '«':
				guill++
			case '»':
				guill = max(0, guill-1)
			case '“':
				curly++
			case '”':
				curly = max(0, curly-1)
			case '‘':
				single++
			case '’':
				single = max(0, single-1)
			case '"':
				straight = !straight
			case '*':
				star = !star
			case '`':
				code = !code
			}
			continue
		}
		t.quoted = guill > 0 || curly > 0 || single > 0 || straight || star || code
	}
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isSymbol says whether r is read aloud as a word: "48,50 €" has 2 words,
// "le signe @" has 3.
func isSymbol(r rune) bool {
	switch r {
	case '@', '&', '%', '+', '=', '#', '$', '£', '°':
		return true
	}
	return unicode.Is(unicode.Sc, r)
}

// shape says, in one pass, whether s is written only with digits and
// decimal or thousand separators (48,50 or 1.5 or 2024), and whether it may
// be an address (it holds ".", "@" or ":").
func shape(s string) (numeric, maybeAddress bool) {
	numeric = true
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case '0' <= c && c <= '9':
		case c == ',':
		case c == '.' || c == '@' || c == ':':
			maybeAddress = true
		default:
			numeric = false
		}
	}
	if numeric {
		for i := 0; i < len(s); i++ {
			if s[i] == ':' || s[i] == '@' {
				return false, true
			}
		}
	}
	return numeric, maybeAddress
}

// isAddress says whether s is a web or mail address: it holds "@" or "://",
// starts with "www.", or ends like a domain name ("laposte.net",
// "service-public.gouv.fr"). Such a text is one word, never cut into
// sentences, never jargon.
func isAddress(s string) bool {
	dot := strings.LastIndexByte(s, '.')
	if strings.Contains(s, "@") || strings.Contains(s, "://") || (len(s) > 4 && strings.EqualFold(s[:4], "www.")) {
		return true
	}
	if dot < 2 || len(s)-dot-1 < 2 || len(s)-dot-1 > 6 {
		return false
	}
	for _, c := range []byte(s[dot+1:]) {
		if c < 'a' || c > 'z' { // domains are written in lower case; "M.Dupont" is not one
			return false
		}
	}
	return isWordRune(rune(s[dot-1]))
}

// foldTable maps the accented letters of Latin-1 and Latin Extended-A and B
// to their folded form, computed with fold.Key so that matching here and
// everywhere else in the product agree.
var foldTable = func() (t [0x250]string) {
	for r := rune(0xc0); r < 0x250; r++ {
		t[r] = fold.Key(string(r))
	}
	return t
}()

// appendFolded appends w in lower case without accents, as fold.Key would,
// without its allocations: it runs on every word of the library.
func appendFolded(buf []byte, w string) []byte {
	for i := 0; i < len(w); i++ { // ASCII first: most words have no accent
		if w[i] >= utf8.RuneSelf {
			return appendFoldedRunes(buf, w[i:])
		}
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

func appendFoldedRunes(buf []byte, w string) []byte {
	for _, r := range w {
		buf = appendFoldedRune(buf, r)
	}
	return buf
}

// appendFoldedRune appends one character, folded.
func appendFoldedRune(buf []byte, r rune) []byte {
	switch {
	case r < utf8.RuneSelf:
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return append(buf, byte(r))
	case r >= 0xc0 && r < 0x250:
		return append(buf, foldTable[r]...)
	case unicode.Is(unicode.Mn, r):
		return buf // a combining accent left by an unusual input: drop it, as fold does
	}
	return append(buf, fold.Key(string(r))...) // rare in French or English: allocating is fine
}

// stemLen returns the length of a folded word without its plural ending, so
// that "fichiers" matches "fichier" and "réseaux" matches "réseau". Short
// words are left alone ("les", "pas"), and so are words in -ss ("access").
func stemLen(w []byte) int {
	n := len(w)
	if n <= 3 {
		return n
	}
	switch w[n-1] {
	case 's':
		if w[n-2] != 's' {
			return n - 1
		}
	case 'x':
		if w[n-2] == 'u' {
			return n - 1
		}
	}
	return n
}
