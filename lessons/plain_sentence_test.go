package lessons

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"pasapas/fold"
)

// sentenceWords returns the number of words of each sentence of text.
func sentenceWords(text string) []int {
	var s scanner
	s.scan(text)
	var out []int
	for from := 0; from < len(s.toks); {
		end := s.sentenceEnd(from)
		out = append(out, s.countWords(from, end))
		from = end
	}
	return out
}

func TestSentences(t *testing.T) {
	for _, c := range []struct {
		text string
		want []int
	}{
		{"Appuyez sur Envoyer.", []int{3}},
		{"Appuyez sur Envoyer. Le message part.", []int{3, 3}},
		{"Vrai ou faux ? Oui, c'est vrai !", []int{3, 3}},
		// Elisions, hyphens and addresses are one word each, as in a word processor.
		{"L'adresse de rendez-vous est marie.dupont@laposte.net.", []int{5}},
		{"Allez sur service-public.gouv.fr. Puis cherchez « carte grise ».", []int{3, 4}},
		{"Ouvrez https://www.ameli.fr/assure dans le navigateur.", []int{5}},
		// Numbers: decimal commas and points, groups of digits, the euro sign.
		{"Vous avez droit à 48,50 €. Répondez avant 1.5 jour.", []int{6, 4}},
		{"Appelez le 0 805 805 817. C'est gratuit.", []int{3, 2}},
		{"Appelez le 06 12 34 56 78 ou le 25 000.", []int{6}},
		// Abbreviations.
		{"Choisissez un fournisseur (ex. Gmail ou Orange).", []int{7}},
		{"Des photos, des vidéos, etc. sont dans la galerie.", []int{9}},
		{"Des photos, des vidéos, etc. Vous les trouvez dans la galerie.", []int{5, 6}},
		{"Écrivez à M. Dupont. Il répond vite.", []int{4, 3}},
		{"Use a provider, e.g. Gmail. Then sign in.", []int{5, 3}},
		// Ellipsis: a capital after it starts a new sentence, a small letter does not.
		{"Vous ne voyez pas le bouton… ? Revenez à l'étape 2.", []int{6, 4}},
		{"Attendez… puis appuyez sur OK.", []int{5}},
		{"Attendez... Puis appuyez sur OK.", []int{1, 4}},
		// Quotes: a label that ends with "?" does not end the sentence.
		{"Appuyez sur « Mot de passe oublié ? » en bas de l'écran.", []int{10}},
		{"Le signe @ se dit « arobase ». Il veut dire « chez ».", []int{6, 4}},
		// Line breaks: a new line that starts with a capital is a new sentence.
		{"Bonjour,\nVous avez un message\nde votre banque.\n", []int{1, 7}},
		{"- Un seul @\n- Pas d'espace\n", []int{3, 2}},
		// Punctuation alone is not a word.
		{"« » — …", []int{0}},
		{"", nil},
	} {
		if got := sentenceWords(c.text); !slices.Equal(got, c.want) {
			t.Errorf("%q: got %v words per sentence, want %v", c.text, got, c.want)
		}
	}
}

func TestLongSentenceCount(t *testing.T) {
	twenty := strings.Repeat("mot ", 19) + "fin."
	if got := sentenceWords(twenty); !slices.Equal(got, []int{20}) {
		t.Fatalf("20 words: got %v", got)
	}
	if got := sentenceWords("Un " + twenty); !slices.Equal(got, []int{21}) {
		t.Fatalf("21 words: got %v", got)
	}
}

// A long run of punctuation must not make the scan quadratic (found by
// fuzzing): 200,000 marks take milliseconds, not minutes.
func TestSentencesLongPunctuationRun(t *testing.T) {
	text := "Oui " + strings.Repeat("!?.", 70000) + " non."
	if got := sentenceWords(text); !slices.Equal(got, []int{2}) {
		t.Errorf("got %v", got)
	}
}

func TestExcerpt(t *testing.T) {
	var s scanner
	s.scan("Vous voyez l'adresse de la personne déjà écrite dans « À ».")
	if got, want := s.excerpt(0, len(s.toks)), "Vous voyez l'adresse de la personne…"; got != want {
		t.Errorf("excerpt = %q, want %q", got, want)
	}
	s.scan("Lisez le\n  signe @.")
	if got, want := s.excerpt(0, len(s.toks)), "Lisez le signe @."; got != want {
		t.Errorf("excerpt = %q, want %q", got, want)
	}
}

func TestIsAddress(t *testing.T) {
	for s, want := range map[string]bool{
		"marie.dupont@laposte.net":   true,
		"laposte.net":                true,
		"service-public.gouv.fr":     true,
		"17cyber.gouv.fr":            true,
		"https://x.fr/a?b=c":         true,
		"www.ameli.fr":               true,
		"Ameli.fr":                   true,
		"M.Dupont":                   false,
		"etc":                        false,
		"p.ex":                       false,
		"fin.Début":                  false,
		"a.b":                        false,
		"rendez-vous":                false,
		"application.mobilesecurite": false, // not a domain ending
	} {
		if got := isAddress(s); got != want {
			t.Errorf("isAddress(%q) = %v, want %v", s, got, want)
		}
	}
}

// The scanner folds words itself, for speed; it must agree with fold.Key,
// which the rest of the product uses.
func TestFoldAgreesWithFoldKey(t *testing.T) {
	var buf []byte
	for r := rune('0'); r < 0x2000; r++ {
		if !isWordRune(r) {
			continue
		}
		buf = appendFolded(buf[:0], string(r))
		if got, want := string(buf), fold.Key(string(r)); got != want {
			t.Errorf("fold %q: got %q, want %q", r, got, want)
		}
	}
	buf = appendFolded(buf[:0], "Pièce-Jointe ÉCRIVEZ Œuvre")
	if got := string(buf); got != "piece-jointe ecrivez œuvre" {
		t.Errorf("appendFolded = %q", got)
	}
}

func TestStem(t *testing.T) {
	for w, want := range map[string]string{
		"fichiers": "fichier", "reseaux": "reseau", "les": "les", "pas": "pas",
		"access": "access", "cookies": "cookie", "prix": "prix", "deux": "deu",
	} {
		if got := w[:stemLen([]byte(w))]; got != want {
			t.Errorf("stem(%q) = %q, want %q", w, got, want)
		}
	}
}

// FuzzPlainScan feeds any text to the scanner and the sentence and action
// rules: they must not panic, and must cut every text into sentences that
// cover it, in order.
func FuzzPlainScan(f *testing.F) {
	for _, s := range []string{
		"Appuyez sur « Envoyer ». Puis attendez…",
		"marie.dupont@laposte.net, 48,50 €, ex. Gmail, etc.",
		"N'oubliez pas : ne le donnez pas !\n- Un\n- Deux",
		"**Tap** `Send`, then \"OK\"...",
		"«»“”‘’ . . ? ! …",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			return
		}
		var s scanner
		s.scan(text)
		for from := 0; from < len(s.toks); {
			end := s.sentenceEnd(from)
			if end <= from || end > len(s.toks) {
				t.Fatalf("sentenceEnd(%d) = %d of %d tokens", from, end, len(s.toks))
			}
			if n := s.countWords(from, end); n < 0 || n > end-from {
				t.Fatalf("countWords = %d for %d tokens", n, end-from)
			}
			_ = s.excerpt(from, end)
			from = end
		}
		for _, aw := range actionLexicon {
			acts := s.actions(aw, nil)
			if !slices.IsSorted(acts) {
				t.Fatalf("actions out of order: %v", acts)
			}
		}
		for i := range s.toks {
			tk := s.toks[i]
			if tk.start < 0 || tk.end > int32(len(text)) || tk.start > tk.end || tk.ks > tk.stem || tk.stem > tk.ke {
				t.Fatalf("token %d out of bounds: %+v", i, tk)
			}
			for _, pl := range plainLangs {
				pl.lex.match(&s, i)
			}
		}
	})
}
