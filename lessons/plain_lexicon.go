package lessons

import (
	"slices"
	"strings"
	"unicode"
)

// A lexicon finds known terms of one or more words in a scanned text:
// "pièce jointe", "mise à jour", "Wi-Fi". Terms and text go through the same
// scanner, so both are compared in the same form: lower case, no accents,
// no plural ending, cut at apostrophes and hyphens ("e-mail" is "e mail",
// "l'application" is "l application"). A term matches whole words only, and
// the longest term wins: "fichier joint" is not "fichier".
//
// Lookups index a map by the bytes of a word, which Go does without
// allocating. A lexicon is filled before it is read: once per language for
// the word lists, once per lesson for its vocabulary.
type lexicon struct {
	byFirst map[string][]lexTerm
	// may is a filter on first words, by their first and last bytes and
	// length: most words of a text are ruled out without a map lookup.
	may [64]uint64
}

// reset empties the lexicon and keeps its memory.
func (lx *lexicon) reset() {
	clear(lx.byFirst)
	lx.may = [64]uint64{}
}

// filterBit returns the place of a word in the filter.
func filterBit(w []byte) (int, uint64) {
	h := (uint(w[0])*31 + uint(w[len(w)-1])*7 + uint(len(w))) & 4095
	return int(h / 64), 1 << (h % 64)
}

// lexTerm is one spelling of a term of a lexicon.
type lexTerm struct {
	words []string // the stems of the words after the first
	lead  int      // how many of the first words are context, not the term ("votre" in "votre portable")
	n     int      // number of words
	// acronym: a one-word spelling in capitals ("FAI", "RDV"). It matches
	// only a word in capitals, with no plural ending: « fais », the verb,
	// is not the plural of FAI.
	acronym bool
	sense
}

// sense is what a term means to the rules.
type sense struct {
	jargon  int // jargon group, or -1
	concept int // thing with several names, or -1
	name    int // which of its names (family of spellings)
	vocab   int // vocabulary entry, or -1
	synonym bool
	neutral bool // a name that holds a listed word but is neither ("App Store")
}

// add records a spelling. Words in square brackets at its start are context:
// they must be there but are not part of the term ("[votre] portable").
func (lx *lexicon) add(sc *scanner, spelling string, m sense) {
	lead := 0
	if strings.HasPrefix(spelling, "[") {
		if end := strings.IndexByte(spelling, ']'); end > 0 {
			sc.scan(spelling[1:end])
			lead = len(stems(sc))
			spelling = spelling[1:end] + " " + spelling[end+1:]
		}
	}
	sc.scan(spelling)
	ws := stems(sc)
	if len(ws) == 0 {
		return
	}
	if lx.byFirst == nil {
		lx.byFirst = map[string][]lexTerm{}
	}
	k, bit := filterBit([]byte(ws[0]))
	lx.may[k] |= bit
	list := lx.byFirst[ws[0]]
	for i := range list { // the same spelling in two lists: one term, both senses
		t := &list[i]
		if t.lead == lead && slices.Equal(t.words, ws[1:]) {
			t.sense = merge(t.sense, m)
			return
		}
	}
	list = append(list, lexTerm{words: ws[1:], lead: lead, n: len(ws), sense: m, acronym: isAcronym(spelling)})
	// Longest first, so the first that matches is the longest.
	slices.SortStableFunc(list, func(a, b lexTerm) int { return b.n - a.n })
	lx.byFirst[ws[0]] = list
}

func merge(a, b sense) sense {
	if a.jargon < 0 {
		a.jargon = b.jargon
	}
	if a.concept < 0 {
		a.concept, a.name = b.concept, b.name
	}
	if a.vocab < 0 {
		a.vocab, a.synonym = b.vocab, b.synonym
	}
	a.neutral = a.neutral || b.neutral
	return a
}

// inherit gives a longer term the jargon sense of a shorter one it starts
// with, when it has none: "fichier joint", a second name of "pièce jointe",
// stays jargon even where the lists forget to say so.
func (lx *lexicon) inherit() {
	for first, list := range lx.byFirst {
		for i := range list {
			t := &list[i]
			if t.jargon >= 0 || t.lead > 0 || t.neutral {
				continue
			}
			for _, short := range list {
				if short.n < t.n && short.lead == 0 && short.jargon >= 0 && slices.Equal(short.words, t.words[:short.n-1]) {
					t.jargon = short.jargon
					break
				}
			}
		}
		lx.byFirst[first] = list
	}
}

// isAcronym says whether a spelling is one word in capitals, two letters
// or more.
func isAcronym(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsUpper(r):
			letters++
		case unicode.IsLetter(r), r == ' ', r == '-', r == '\'':
			return false
		}
	}
	return letters >= 2
}

// stems returns the stems of the word tokens of a scanned spelling.
func stems(sc *scanner) []string {
	var out []string
	for i := range sc.toks {
		if sc.toks[i].kind == tWord || sc.toks[i].kind == tNum {
			out = append(out, string(sc.stemKey(i)))
		}
	}
	return out
}

// match returns the longest term that starts at token i, and the number of
// tokens it covers.
func (lx *lexicon) match(s *scanner, i int) (*lexTerm, int) {
	if s.toks[i].kind != tWord {
		return nil, 0
	}
	first := s.stemKey(i)
	if len(first) == 0 {
		return nil, 0
	}
	if k, bit := filterBit(first); lx.may[k]&bit == 0 {
		return nil, 0
	}
	list := lx.byFirst[string(first)]
	for k := range list {
		t := &list[k]
		if i+t.n > len(s.toks) {
			continue
		}
		if t.acronym && (!isAcronym(s.text[s.toks[i].start:s.toks[i].end]) || len(s.key(i)) != len(first)) {
			continue
		}
		ok := true
		for j, w := range t.words {
			u := i + 1 + j
			if (s.toks[u].kind != tWord && s.toks[u].kind != tNum) || string(s.stemKey(u)) != w {
				ok = false
				break
			}
		}
		if ok {
			return t, t.n
		}
	}
	return nil, 0
}

// span returns the text of the term matched at token i (without its context
// words), as the author wrote it.
func (s *scanner) span(i int, t *lexTerm) string {
	return collapseSpaces(s.text[s.toks[i+t.lead].start:s.toks[i+t.n-1].end])
}
