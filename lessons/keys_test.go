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
			want:   []string{"t/x.yaml:13:1 duplicate_key"},
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
