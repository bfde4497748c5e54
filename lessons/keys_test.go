package lessons

import (
	"slices"
	"strings"
	"testing"

	"pasapas/i18n"
)

// TestKindKeyWrittenTwice: the key that says what a file holds (« lecon »,
// « questions »…) written twice is a key repeated, not a file mixing two
// kinds of content.
func TestKindKeyWrittenTwice(t *testing.T) {
	cases := []struct {
		name   string
		file   string
		drop   []string // base files the case replaces
		want   []string
		wantFR string
		wantEN string
	}{
		{
			name:   "lecon twice",
			file:   strings.Replace(base["lecon.yaml"], "titre: Lire une adresse", "lecon: mail-autre\ntitre: Lire une adresse", 1),
			drop:   []string{"lecon.yaml"},
			want:   []string{"t/x.yaml:2:1 duplicate_key"},
			wantFR: "La clé « lecon » est écrite deux fois (la première fois ligne 1).",
			wantEN: "The key “lecon” is written twice (first on line 1).",
		},
		{
			name:   "questions twice",
			file:   base["questions.yaml"] + "questions: []\n",
			drop:   []string{"lecon.yaml", "questions.yaml"},
			want:   []string{"t/x.yaml:15:1 duplicate_key"},
			wantFR: "La clé « questions » est écrite deux fois (la première fois ligne 1).",
			wantEN: "The key “questions” is written twice (first on line 1).",
		},
		{
			name:   "glossaire twice",
			file:   "glossaire:\n  - mot: lien\n    definition: Un texte à toucher.\nglossaire: []\n",
			want:   []string{"t/x.yaml:4:1 duplicate_key"},
			wantFR: "La clé « glossaire » est écrite deux fois (la première fois ligne 1).",
			wantEN: "The key “glossaire” is written twice (first on line 1).",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			files := with(nil)
			for _, name := range c.drop {
				delete(files, name)
			}
			files["x.yaml"] = c.file
			lib := loadTest(t, files)
			if got := found(lib); !slices.Equal(got, c.want) {
				t.Fatalf("diagnostics\n got: %q\nwant: %q\n%s", got, c.want, messagesOf(lib))
			}
			d := lib.Diagnostics[0]
			if got := d.Message(i18n.FR); got != c.wantFR {
				t.Errorf("FR: %s\nwant %s", got, c.wantFR)
			}
			if got := d.Message(i18n.EN); got != c.wantEN {
				t.Errorf("EN: %s\nwant %s", got, c.wantEN)
			}
		})
	}
}

// TestKeyThatIsNotText: a key written as a list or a block is reported in
// the reader's language: no French word in the English message.
func TestKeyThatIsNotText(t *testing.T) {
	cases := []struct {
		name string
		from string
		to   string
		want string
	}{
		{"list as a key", "duree: 5", "duree: 5\n[a, b]: 1", "t/lecon.yaml:5:1 key_not_text"},
		{"block as a key", "duree: 5", "duree: 5\n{a: b}: 1", "t/lecon.yaml:5:1 key_not_text"},
		{"list as a key in a step", "    resultat: Vous voyez le signe @.", "    resultat: Vous voyez le signe @.\n    [x]: y", "t/lecon.yaml:10:5 key_not_text"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lib := loadTest(t, with(map[string]string{"lecon.yaml": strings.Replace(base["lecon.yaml"], c.from, c.to, 1)}))
			if got := found(lib); !slices.Equal(got, []string{c.want}) {
				t.Fatalf("diagnostics\n got: %q\nwant: %q\n%s", got, c.want, messagesOf(lib))
			}
			d := lib.Diagnostics[0]
			if got, want := d.Message(i18n.EN), "A key's name must be a plain text, such as “titre”."; got != want {
				t.Errorf("EN: %s\nwant %s", got, want)
			}
			if got, want := d.Message(i18n.FR), "Le nom d'une clé doit être un simple texte, comme « titre »."; got != want {
				t.Errorf("FR: %s\nwant %s", got, want)
			}
		})
	}
}

// TestGlossaryWordTwice: a word explained twice is reported with the words
// as the author wrote them, and both places, never with the folded form the
// loader compares ("e mail").
func TestGlossaryWordTwice(t *testing.T) {
	cases := []struct {
		name           string
		first, second  string
		want           []string
		wantFR, wantEN string
	}{
		{
			name: "case differs", first: "lien", second: "Lien",
			want:   []string{"t/g2.yaml:2:10 dup_word"},
			wantFR: "Le mot « Lien » est déjà expliqué dans le glossaire : « lien », dans t/g1.yaml:2:10. Gardez une seule explication.",
			wantEN: "The word “Lien” is already explained in the glossary: “lien”, in t/g1.yaml:2:10. Keep only one explanation.",
		},
		{
			name: "hyphen and capital", first: "e-mail", second: "E-mail",
			want:   []string{"t/g2.yaml:2:10 dup_word"},
			wantFR: "Le mot « E-mail » est déjà expliqué dans le glossaire : « e-mail », dans t/g1.yaml:2:10. Gardez une seule explication.",
			wantEN: "The word “E-mail” is already explained in the glossary: “e-mail”, in t/g1.yaml:2:10. Keep only one explanation.",
		},
		{
			name: "accent differs", first: "réseau", second: "reseau",
			want:   []string{"t/g2.yaml:2:10 dup_word"},
			wantFR: "Le mot « reseau » est déjà expliqué dans le glossaire : « réseau », dans t/g1.yaml:2:10. Gardez une seule explication.",
			wantEN: "The word “reseau” is already explained in the glossary: “réseau”, in t/g1.yaml:2:10. Keep only one explanation.",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lib := loadTest(t, with(map[string]string{
				"g1.yaml": "glossaire:\n  - mot: " + c.first + "\n    definition: Un texte à toucher.\n",
				"g2.yaml": "glossaire:\n  - mot: " + c.second + "\n    definition: Autre chose.\n",
			}))
			if got := found(lib); !slices.Equal(got, c.want) {
				t.Fatalf("diagnostics\n got: %q\nwant: %q\n%s", got, c.want, messagesOf(lib))
			}
			d := lib.Diagnostics[0]
			if got := d.Message(i18n.FR); got != c.wantFR {
				t.Errorf("FR: %s\nwant %s", got, c.wantFR)
			}
			if got := d.Message(i18n.EN); got != c.wantEN {
				t.Errorf("EN: %s\nwant %s", got, c.wantEN)
			}
		})
	}
}
