package lessons_test

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"pasapas/i18n"
	"pasapas/lessons"
)

func loadAtelier(t *testing.T, text string) *lessons.Library {
	t.Helper()
	fs := fstest.MapFS{"atelier.yaml": {Data: []byte(text)}}
	return lessons.Load(lessons.Options{Today: time.Now()}, lessons.Builtin(), lessons.Tree{FS: fs, Name: "ateliers"})
}

func TestAtelierSound(t *testing.T) {
	lib := loadAtelier(t, `atelier: premiers-mails
titre: Premiers pas avec les mails
code: MAC-74
niveau: Débutant
thematiques: [E-mail, Navigation sur internet]
parcours:
  - mail-adresse
  - mail-boite
positionner: mail
inactivite: 20
`)
	if n := lib.Diagnostics.Errors(); n > 0 {
		t.Fatalf("errors: %v", lib.Diagnostics)
	}
	a := lib.Atelier("premiers-mails")
	if a == nil {
		t.Fatal("the atelier is not in the library")
	}
	if a.Code != "MAC74" {
		t.Errorf("code = %q, want MAC74 (capitals, no dash)", a.Code)
	}
	if got := strings.Join(a.LessonIDs(), ","); got != "mail-adresse,mail-boite" {
		t.Errorf("parcours = %s", got)
	}
	if a.Level != "Débutant" || a.IdleMinutes != 20 || len(a.Thematiques) != 2 {
		t.Errorf("atelier = %+v", a)
	}
}

func TestAtelierMistakes(t *testing.T) {
	lib := loadAtelier(t, `atelier: premiers-mails
titre: Premiers pas avec les mails
code: MO1
niveau: intermediare
thematiques:
  - E-mail
  - Navigation internet
parcours:
  - mail-adresse
  - mail-boites
positionner: [smartphne]
`)
	var got []string
	for _, d := range lib.Diagnostics {
		got = append(got, d.Format(i18n.FR))
	}
	want := []string{
		"ateliers/atelier.yaml:3:7: Le code « MO1 » ne convient pas",
		"ateliers/atelier.yaml:4:9: « niveau » ne peut pas valoir « intermediare ». Vouliez-vous dire « Intermédiaire » ?",
		"ateliers/atelier.yaml:7:5: « Navigation internet » n'est pas une thématique de La Coop. Vouliez-vous dire « Navigation sur internet » ?",
		"ateliers/atelier.yaml:10:5: La leçon « mail-boites » n'existe pas. Vouliez-vous dire « mail-boite » ?",
		"ateliers/atelier.yaml:11:15: La compétence « smartphne » n'existe pas. Vouliez-vous dire « smartphone » ?",
	}
	all := strings.Join(got, "\n")
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("missing %q in:\n%s", w, all)
		}
	}
	if lib.Atelier("premiers-mails") != nil {
		t.Error("an atelier with mistakes is in the library")
	}
}

// TestAtelierModel: the model atelier of the guide is sound.
func TestAtelierModel(t *testing.T) {
	lib := lessons.Load(lessons.Options{Today: time.Now()}, lessons.Builtin(), lessons.Dir("../docs/modele-atelier.yaml"))
	if lib.Diagnostics.Errors()+lib.Diagnostics.Warnings() > 0 || lib.Atelier("premiers-mails") == nil {
		t.Errorf("docs/modele-atelier.yaml: %v", lib.Diagnostics)
	}
}

// TestAtelierYAMLRoundTrip: what the space writes reads back the same.
func TestAtelierYAMLRoundTrip(t *testing.T) {
	a := &lessons.Atelier{ID: lessons.AtelierID("Premiers pas : les mails d'Hélène"), Title: "Premiers pas : les mails d'Hélène",
		Code: "MAC74", Level: "Débutant", Thematiques: []lessons.Thematique{{Label: "E-mail"}, {Label: "Papiers - Élections - Citoyenneté"}},
		Parcours: []lessons.Ref{{ID: "mail-adresse"}, {ID: "mail-boite"}}, Positioning: []lessons.Ref{{ID: "mail"}}, IdleMinutes: 15}
	if a.ID != "premiers-pas-les-mails-d-helene" {
		t.Errorf("AtelierID = %q", a.ID)
	}
	lib := loadAtelier(t, string(lessons.AtelierYAML(a)))
	got := lib.Atelier(a.ID)
	if lib.Diagnostics.Errors()+lib.Diagnostics.Warnings() > 0 || got == nil {
		t.Fatalf("%s\n%v", lessons.AtelierYAML(a), lib.Diagnostics)
	}
	if got.Title != a.Title || got.Code != a.Code || got.Level != a.Level || got.IdleMinutes != 15 ||
		strings.Join(got.ThematiqueLabels(), "|") != "E-mail|Papiers - Élections - Citoyenneté" ||
		strings.Join(got.LessonIDs(), ",") != "mail-adresse,mail-boite" || strings.Join(got.PositioningIDs(), ",") != "mail" {
		t.Errorf("read back %+v", got)
	}
}

// TestGuideAtelierLoads: the atelier written in docs/guide-mediateur.md is
// sound, so a médiateur who copies it gets no error.
func TestGuideAtelierLoads(t *testing.T) {
	data, err := os.ReadFile("../docs/guide-mediateur.md")
	if err != nil {
		t.Fatal(err)
	}
	parts := strings.Split(string(data), "```yaml\n")
	if len(parts) < 2 {
		t.Fatal("no yaml block in docs/guide-mediateur.md")
	}
	for _, p := range parts[1:] {
		block, _, _ := strings.Cut(p, "```")
		lib := loadAtelier(t, block)
		if lib.Diagnostics.Errors()+lib.Diagnostics.Warnings() > 0 || len(lib.Ateliers) != 1 {
			t.Errorf("the guide's atelier:\n%s\n%v", block, lib.Diagnostics)
		}
	}
}
