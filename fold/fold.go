// Package fold compares text typed by people: it folds away what a learner or
// an author may get wrong without meaning anything (case, accents, spacing)
// and measures how far two words are apart.
package fold

import (
	"math"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode composed form with non-breaking and other special
// spaces turned into plain spaces: the same text typed on two keyboards then
// has the same bytes.
func NFC(s string) string {
	s = norm.NFC.String(s)
	if !strings.ContainsFunc(s, isOddSpace) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isOddSpace(r) {
			return ' '
		}
		return r
	}, s)
}

func isOddSpace(r rune) bool {
	return r != ' ' && r != '\n' && r != '\t' && unicode.Is(unicode.Zs, r)
}

// Accents removes accents and cedillas: "Réçu" becomes "Recu". Letters that
// are not decomposable (œ, ß) are kept.
func Accents(s string) string {
	d := norm.NFD.String(s)
	if len(d) == len(s) && isASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(d))
	for _, r := range d {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

// FileWord makes a name safe in a file name on every system: letters
// without accents and digits, anything else a hyphen. The one rule for
// every file the tutor names after a person or an atelier.
func FileWord(name string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return '-'
	}, Accents(name))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// Key returns a loose form of s for matching names: lower case, no accents,
// no surrounding spaces.
func Key(s string) string {
	return strings.ToLower(Accents(strings.TrimSpace(s)))
}

// Distance is the Levenshtein edit distance between a and b, counted in
// characters (runes), not bytes.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) < len(rb) {
		ra, rb = rb, ra
	}
	if len(rb) == 0 {
		return len(ra)
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Closest returns the candidate nearest to word when it is close enough to be
// a likely typo (accents and case ignored), or "".
func Closest(word string, candidates []string) string {
	w := Key(word)
	best, bestD := "", -1
	for _, c := range candidates {
		d := Distance(w, Key(c))
		if bestD < 0 || d < bestD {
			best, bestD = c, d
		}
	}
	limit := max(1, (len([]rune(w))+1)/3)
	if bestD < 0 || bestD > limit {
		return ""
	}
	return best
}

// Number reads a number the way a French person types it: a decimal comma or
// point, and spaces (ordinary, non-breaking or thin) between thousands.
// "25 000" and "00025 000" are 25000; "1,5" is 1.5; "123,000" is 123.
func Number(s string) (float64, bool) {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r == ' ' || isOddSpace(r):
			continue
		case r == ',':
			b.WriteByte('.')
		case r == '+' || r == '-' || r == '.' || (r >= '0' && r <= '9'):
			b.WriteRune(r)
		default:
			return 0, false
		}
	}
	t := b.String()
	if t == "" || strings.Count(t, ".") > 1 {
		return 0, false
	}
	x, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsInf(x, 0) || math.IsNaN(x) {
		return 0, false
	}
	return x, true
}

// The two text treatments of Pix's tolerances, kept here because both the
// answer checker (quiz) and the content checker (lessons) need them: the
// checker to compare, the content checker to warn when a treatment would
// erase an accepted answer.

// T1 is Pix's first tolerance, "espaces, casse & accents": lower case, no
// accents or cedillas (every combining mark removed after decomposition) and
// no whitespace at all, so "Rendez Vous" and "rendezvous" are the same.
func T1(s string) string {
	s = strings.ToLower(s)
	if isASCII(s) {
		if !strings.ContainsFunc(s, unicode.IsSpace) {
			return s
		}
		return strings.Map(dropSpace, s)
	}
	return strings.Map(dropSpace, Accents(s))
}

func dropSpace(r rune) rune {
	if unicode.IsSpace(r) {
		return -1
	}
	return r
}

// T2 is Pix's second tolerance, "ponctuation": it keeps only the ASCII
// letters, the digits and the plain space, and turns runs of spaces into one.
// Like Pix, it works on ASCII only: applied without T1, it also deletes
// accented letters ("Transférer" becomes "Transfrer"), which is why a
// question that turns T1 off should usually turn T2 off too.
func T2(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ':
			if !space {
				b.WriteByte(' ')
			}
			space = true
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			b.WriteByte(c)
			space = false
		}
		// Every other byte, including each byte of a non-ASCII letter, is
		// dropped; a dropped character between two spaces leaves them
		// adjacent, and they are then collapsed as Pix does.
	}
	return b.String()
}
