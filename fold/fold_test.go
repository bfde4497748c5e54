package fold

import "testing"

func TestAccents(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Réçu", "Recu"},
		{"à l'école", "a l'ecole"},
		{"plain", "plain"},
		{"cœur", "cœur"},
		{"", ""},
		{"ÉTÉ", "ETE"},
	} {
		if got := Accents(c.in); got != c.want {
			t.Errorf("Accents(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestNFC(t *testing.T) {
	decomposed := "e\u0301te\u0301" // été typed with combining accents
	if got := NFC(decomposed); got != "été" {
		t.Errorf("NFC(decomposed) = %q", got)
	}
	if got := NFC("25\u00a0000\u202f€"); got != "25 000 €" {
		t.Errorf("NFC(nbsp) = %q", got)
	}
}

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"abc", "", 3},
		{"", "abc", 3},
		{"kitten", "sitting", 3},
		{"été", "ete", 2},
		{"rendez-vous", "rendezvous", 1},
		{"same", "same", 0},
	} {
		if got := Distance(c.a, c.b); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := Distance(c.b, c.a); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (symmetry)", c.b, c.a, got, c.want)
		}
	}
}

func TestClosest(t *testing.T) {
	keys := []string{"titre", "resultat", "action", "sinon"}
	for _, c := range []struct{ in, want string }{
		{"résultat", "resultat"},
		{"titer", "titre"},
		{"Action", "action"},
		{"zzzzzz", ""},
	} {
		if got := Closest(c.in, keys); got != c.want {
			t.Errorf("Closest(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestNumber(t *testing.T) {
	for _, c := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"25000", 25000, true},
		{"00025 000", 25000, true},
		{"25\u00a0000", 25000, true},
		{"123,000", 123, true},
		{"1,5", 1.5, true},
		{"1.5", 1.5, true},
		{"-3", -3, true},
		{"", 0, false},
		{"douze", 0, false},
		{"1,2,3", 0, false},
		{"1e5", 0, false},
	} {
		got, ok := Number(c.in)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("Number(%q) = %v, %v; want %v, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestT1(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Rendez Vous", "rendezvous"},
		{"  Élève\tÇa\n", "eleveca"},
		{"a b c d e", "abcde"},
		{"TRANSFÉRER", "transferer"},
		{"cœur", "cœur"}, // not decomposable: kept, as Pix keeps it
		{"", ""},
		{"déjà-vu !", "deja-vu!"},
	} {
		if got := T1(c.in); got != c.want {
			t.Errorf("T1(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestT2(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"rendez-vous", "rendezvous"},
		{"Bonjour, Paul !", "Bonjour Paul "},
		{"a - b", "a b"},
		{"a   b", "a b"},
		{"@", ""},
		{"l'école", "lcole"},        // without T1 first, accented letters go too
		{"Transférer", "Transfrer"}, // idem
		{"tab\there", "tabhere"},    // only the plain space is kept
		{"12,50 €", "1250 "},
		{"", ""},
	} {
		if got := T2(c.in); got != c.want {
			t.Errorf("T2(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestFileWord(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Camille Exemple", "Camille-Exemple"},
		{"Zoé_*Test*", "Zoe--Test-"},
		{"premiers-mails", "premiers-mails"},
		{"../cœur\x1b[31m", "---c-ur--31m"},
		{"", ""},
	} {
		if got := FileWord(c.in); got != c.want {
			t.Errorf("FileWord(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
