package lessons

// Sentences and their length.
//
// FALC asks for short sentences with one idea each (research/content.md
// §2.1; §2.3 aims at about 15 words). A sentence of more than maxWords words
// is reported: past that, many readers lose the start before the end.
//
// Words are counted as a word processor counts them, so that an author who
// checks with LibreOffice finds the same number: what is between two spaces
// and holds a letter or a digit is one word. "l'adresse", "rendez-vous" and
// "marie.dupont@laposte.net" are one word each; "48,50 €" is two (the euro
// sign is read aloud); « and » are none. A number written in groups
// ("06 12 34 56 78", "25 000") is one word.

// maxWords is the longest sentence accepted without a warning.
const maxWords = 20

// neverEnd are abbreviations after which a full stop never ends the sentence,
// even before a capital ("ex. Gmail", "Dr. Martin"); so does a single letter
// ("M. Dupont", "J. Martin", "e.g."). Other abbreviations
// ("etc.", "env.") end a sentence only when a capital follows, like any word.
var neverEnd = map[string]bool{
	"ex": true, "cf": true, "mr": true, "mrs": true, "dr": true, "st": true, "ste": true,
	"tel": true, "av": true, "bd": true, "vol": true, "fig": true, "vs": true, "approx": true,
}

// sentenceEnd returns the index just past the sentence that starts at token
// from.
func (s *scanner) sentenceEnd(from int) int {
	toks := s.toks
	for i := from; i < len(toks); i++ {
		if i > from && toks[i].newline && s.startsSentence(i) {
			return i
		}
		t := &toks[i]
		if t.kind != tPunct || !isTerminal(t.punct) {
			continue
		}
		if t.punct == '.' && i > 0 && toks[i-1].kind == tWord && toks[i-1].end == t.start {
			prev := s.key(i - 1)
			if neverEnd[string(prev)] || len(prev) == 1 {
				continue // "ex.", "M.", an initial "J.", "e.g."
			}
		}
		// Closing quotes, brackets and more terminals belong to this sentence.
		j := i + 1
		for j < len(toks) && toks[j].kind == tPunct && !toks[j].newline && (isTerminal(toks[j].punct) || isCloser(toks[j].punct)) {
			j++
		}
		if j == len(toks) || s.startsSentence(j) {
			return j
		}
		i = j - 1 // the rest of the run leads to the same word: skip it, or "!!!…!" is quadratic
	}
	return len(toks)
}

// startsSentence says whether token i can begin a sentence: a capital, a
// digit, an opening quote or a dash. After "?" a lower-case word continues
// the sentence (« Mot de passe oublié ? » en bas).
func (s *scanner) startsSentence(i int) bool {
	t := &s.toks[i]
	switch t.kind {
	case tWord, tNum:
		return t.upper
	case tPunct:
		switch t.punct {
		case '«', '“', '"', '(', '-', '–', '—', '•', '*':
			return true
		}
	case tURL, tSym:
		return t.newline
	}
	return false
}

func isTerminal(r rune) bool { return r == '.' || r == '!' || r == '?' || r == '…' }

func isCloser(r rune) bool {
	return r == '»' || r == '”' || r == '’' || r == ')' || r == ']' || r == '"'
}

// countWords counts the words of tokens [from, to).
func (s *scanner) countWords(from, to int) int {
	n := 0
	for i := from; i < to; i++ {
		t := &s.toks[i]
		switch t.kind {
		case tWord:
			if !t.glued {
				n++
			}
		case tNum:
			if i == from || s.toks[i-1].kind != tNum {
				n++ // "06 12 34 56 78" is one number
			}
		case tURL, tSym:
			n++
		}
	}
	return n
}

// excerpt returns the first words of tokens [from, to), to quote the
// sentence in a message: "Si vous avez un doute sur…".
func (s *scanner) excerpt(from, to int) string {
	const words = 6
	if from >= to {
		return ""
	}
	end, n := to, 0
	for i := from; i < to; i++ {
		t := &s.toks[i]
		if t.kind != tPunct && !t.glued && !(t.kind == tNum && i > from && s.toks[i-1].kind == tNum) {
			n++
			if n > words {
				end = i
				break
			}
		}
	}
	text := s.text[s.toks[from].start:s.toks[end-1].end]
	text = collapseSpaces(text)
	if end < to {
		text += "…"
	}
	return text
}

// collapseSpaces turns line breaks and runs of spaces into single spaces, so
// that a quote from a block of text fits on one line of a message.
func collapseSpaces(s string) string {
	out := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\n' || c == '\t' || c == '\r' {
			space = true
			continue
		}
		if space && len(out) > 0 {
			out = append(out, ' ')
		}
		space = false
		out = append(out, c)
	}
	return string(out)
}
