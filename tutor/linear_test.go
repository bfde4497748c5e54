package tutor

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"

	"pasapas/i18n"
	"pasapas/progress"
)

// TestAccessibleMode drives the linear mode as a screen-reader user would:
// numbered prompts, one line per answer, and the same progress on disk.
func TestAccessibleMode(t *testing.T) {
	st, err := progress.Open(filepath.Join(t.TempDir(), "pasapas.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	in := strings.Join([]string{
		"1", "Marie", "1", // a new profile, no PIN
		"1", "1", // the mail competence, its first lesson
		"", "", "", // the introduction and two steps
		"aide",
		"0", "0", // back to the lessons, back home
		"quitter", "2", // quit, and confirm
	}, "\n") + "\n"
	var out bytes.Buffer
	cfg := Config{Library: builtin, Lang: i18n.FR, Store: st, IdleLock: -1}
	if err := RunAccessible(cfg, strings.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{
		"== Qui êtes-vous ? ==", "1. Je suis nouveau ou nouvelle", "Quel est votre prénom ?",
		"Bonjour Marie !", "Étape 3 sur", "Tapez le numéro d'un choix", "Voulez-vous quitter",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q", want)
		}
	}
	if strings.Contains(s, "\x1b") {
		t.Error("the accessible mode wrote an escape sequence")
	}
	if strings.Contains(s, "###") {
		t.Error("the accessible mode drew a bar")
	}
	ls, err := st.Learners(context.Background())
	if err != nil || len(ls) != 1 || ls[0].Name != "Marie" {
		t.Fatalf("learners: %+v %v", ls, err)
	}
	lp, _ := st.LessonProgress(context.Background(), ls[0].ID)
	if lp["mail-adresse"].Step != 3 {
		t.Errorf("lesson progress: %+v", lp)
	}
}
