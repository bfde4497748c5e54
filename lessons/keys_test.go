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

// TestWordDefinedTwice: a lesson that explains a word another way than the
// glossary — or than an earlier lesson, when the glossary lacks the word —
// gets a warning at its own word, naming the other place; the same
// definition, with other case, accents or spacing, is not a second one.
func TestWordDefinedTwice(t *testing.T) {
	glossary := "glossaire:\n  - mot: cadre\n    definition: Un trait autour d'une image.\n"
	// vocab gives the base lesson a vocabulary of one word.
	vocab := func(word, def string) string {
		return strings.Replace(base["lecon.yaml"], "etapes:", "vocabulaire:\n  - mot: "+word+"\n    definition: "+def+"\netapes:", 1)
	}
	other := func(word, def string) string {
		return strings.NewReplacer("lecon: mail-adresse", "lecon: mail-autre", "  - verifier: mail-q-1\n", "").Replace(vocab(word, def))
	}
	cases := []struct {
		name           string
		files          map[string]string
		want           []string
		wantFR, wantEN string
	}{
		{
			name:  "the glossary's word, another definition",
			files: map[string]string{"glossaire.yaml": glossary, "lecon.yaml": vocab("cadre", "Un rond de couleur.")},
			want:  []string{"t/lecon.yaml:8:10 two_definitions"},
			wantFR: "Le mot « cadre » a déjà une autre définition, dans t/glossaire.yaml:2:10 : « Un trait autour d'une image ». " +
				"Un mot garde une seule définition : recopiez celle-là, ou choisissez un autre mot.",
			wantEN: "The word “cadre” already has another definition, in t/glossaire.yaml:2:10: “Un trait autour d'une image”. " +
				"A word keeps one definition: copy that one, or choose another word.",
		},
		{
			name:  "capital and accents folded, as the glossary's words are",
			files: map[string]string{"glossaire.yaml": glossary, "lecon.yaml": vocab("Cadré", "Un rond de couleur.")},
			want:  []string{"t/lecon.yaml:8:10 two_definitions"},
		},
		{
			name:  "the glossary's definition, copied with other case and spacing",
			files: map[string]string{"glossaire.yaml": glossary, "lecon.yaml": vocab("Cadre", "un trait  autour d'une image.")},
		},
		{
			name:  "another word",
			files: map[string]string{"glossaire.yaml": glossary, "lecon.yaml": vocab("case", "Une place pour écrire.")},
		},
		{
			name: "two lessons, a word the glossary lacks: the second one is told",
			files: map[string]string{
				"lecon.yaml": vocab("case", "Une place pour écrire."),
				"zz.yaml":    other("Case", "Un petit carré."),
			},
			want: []string{"t/zz.yaml:8:10 two_definitions"},
			wantFR: "Le mot « Case » a déjà une autre définition, dans t/lecon.yaml:8:10 : « Une place pour écrire ». " +
				"Un mot garde une seule définition : recopiez celle-là, ou choisissez un autre mot.",
		},
		{
			name: "two lessons, one definition",
			files: map[string]string{
				"lecon.yaml": vocab("case", "Une place pour écrire."),
				"zz.yaml":    other("case", "Une place pour écrire."),
			},
		},
		{
			name: "the glossary holds the definition: both lessons are compared with it",
			files: map[string]string{
				"glossaire.yaml": glossary,
				"lecon.yaml":     vocab("cadre", "Un trait autour d'une image."),
				"zz.yaml":        other("cadre", "Un rond de couleur."),
			},
			want: []string{"t/zz.yaml:8:10 two_definitions"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lib := loadTest(t, with(c.files))
			if got := found(lib); !slices.Equal(got, c.want) {
				t.Fatalf("diagnostics\n got: %q\nwant: %q\n%s", got, c.want, messagesOf(lib))
			}
			if len(c.want) == 0 {
				return
			}
			d := lib.Diagnostics[0]
			if d.Severity != Warning {
				t.Errorf("severity %v, want a warning: the lesson still loads", d.Severity)
			}
			if c.wantFR != "" {
				if got := d.Message(i18n.FR); got != c.wantFR {
					t.Errorf("FR: %s\nwant %s", got, c.wantFR)
				}
			}
			if c.wantEN != "" {
				if got := d.Message(i18n.EN); got != c.wantEN {
					t.Errorf("EN: %s\nwant %s", got, c.wantEN)
				}
			}
		})
	}
}
