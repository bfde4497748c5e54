package lessons

import (
	"bufio"
	"os"
	"sort"
	"strings"
	"testing"

	"pasapas/fold"
	"pasapas/i18n"
)

// wordList is Debian's French word list (package wfrench), 346,000 words
// with their inflections; PASAPAS_WORDLIST names another file.
func wordList(t *testing.T) []string {
	t.Helper()
	path := os.Getenv("PASAPAS_WORDLIST")
	if path == "" {
		path = "/usr/share/dict/french"
	}
	f, err := os.Open(path)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the French word list is needed under CI: %v (.ci/run installs it: apt-get install wfrench)", err)
		}
		t.Skipf("SKIP: no French word list at %s (Debian's wfrench: apt-get install wfrench; .ci/run installs it): the jargon matcher is not run over every French word", path)
	}
	defer f.Close()
	var words []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if w := strings.TrimSpace(sc.Text()); w != "" {
			words = append(words, w)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if len(words) < 100000 {
		t.Fatalf("%s has %d words: not the whole French word list", path, len(words))
	}
	return words
}

// jargonAllowed is the checked-in list of French words the jargon matcher
// flags although they are not written as one of its terms, each with its
// reason (testdata/jargon-allow.tsv: word, tab, reason).
func jargonAllowed(t *testing.T) map[string]string {
	t.Helper()
	data, err := os.ReadFile("testdata/jargon-allow.tsv")
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for n, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		word, reason, ok := strings.Cut(line, "\t")
		if !ok || strings.TrimSpace(reason) == "" {
			t.Fatalf("testdata/jargon-allow.tsv:%d: a word, a tab, and its reason", n+1)
		}
		out[word] = reason
	}
	return out
}

// spellingOf says whether a word is written as one of a jargon group's
// spellings (accents, capitals and a plural s or x aside): then it is the
// term itself, rightly flagged.
func spellingOf(word, group string) bool {
	w := strings.ToLower(fold.Accents(word))
	for _, sp := range strings.Split(group, "|") {
		sp = strings.TrimSpace(sp)
		if isAcronym(sp) {
			// An acronym has no plural and is written in capitals.
			if word == sp {
				return true
			}
			continue
		}
		sp = strings.ToLower(fold.Accents(sp))
		if w == sp || w == sp+"s" || w == sp+"x" {
			return true
		}
	}
	return false
}

// TestJargonOverTheFrenchWordList runs the jargon matcher on every word of
// the French language: a word that is not written as a jargon term must not
// be taken for one (« fais », the verb, read as the plural of « FAI »), apart
// from the checked-in allow-list, each entry with its reason.
func TestJargonOverTheFrenchWordList(t *testing.T) {
	words := wordList(t)
	allowed := jargonAllowed(t)
	lex := &plainLangs[i18n.FR].lex
	var sc scanner
	flagged := map[string]string{}
	hits := 0
	for _, w := range words {
		sc.scan(w)
		for i := 0; i < len(sc.toks); {
			term, n := lex.match(&sc, i)
			if term == nil {
				i++
				continue
			}
			if groupOf(term) != "" {
				hits++
			}
			if group := groupOf(term); group != "" && !spellingOf(w, group) {
				flagged[w] = strings.TrimSpace(strings.Split(group, "|")[0])
			}
			i += n
		}
	}
	var bad, stale []string
	for w, term := range flagged {
		if _, ok := allowed[w]; !ok {
			bad = append(bad, w+" → "+term)
		}
	}
	for w := range allowed {
		if _, ok := flagged[w]; !ok {
			stale = append(stale, w)
		}
	}
	sort.Strings(bad)
	sort.Strings(stale)
	t.Logf("%d words read, %d matched a jargon term, %d of them not written as one, %d allowed", len(words), hits, len(flagged), len(allowed))
	if hits == 0 {
		t.Fatal("no word matched any jargon term: the test proves nothing")
	}
	if len(bad) > 0 {
		t.Errorf("%d French words taken for jargon they are not (fix the matcher, or add them to testdata/jargon-allow.tsv with a reason):\n%s", len(bad), strings.Join(bad, "\n"))
	}
	if len(stale) > 0 {
		t.Errorf("testdata/jargon-allow.tsv lists words no longer flagged: remove them:\n%s", strings.Join(stale, "\n"))
	}
}

func groupOf(t *lexTerm) string {
	if t.jargon < 0 {
		return ""
	}
	return jargon[i18n.FR][t.jargon]
}

// TestAcronymIsNotAPlural: « fais », the verb, is not the plural of FAI;
// FAI itself stays jargon. Runs without the word list.
func TestAcronymIsNotAPlural(t *testing.T) {
	for text, want := range map[string]int{"Je fais le point.": 0, "Fais-le.": 0, "Le FAI coupe.": 1, "Les RDV.": 0} {
		n := 0
		for _, f := range lexFound(i18n.FR, text) {
			if strings.Contains(f, "=") {
				n++
			}
		}
		if n != want {
			t.Errorf("%q: %d jargon terms, want %d: %v", text, n, want, lexFound(i18n.FR, text))
		}
	}
}
