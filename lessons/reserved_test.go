package lessons

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pasapas/i18n"
)

// TestPositioningIDIsReserved: a competence may not take the positioning
// test's id, or its results would mix with the positioning's; the others
// load as before.
func TestPositioningIDIsReserved(t *testing.T) {
	dir := t.TempDir()
	src, err := os.ReadFile("../content/fr/01-mail/competence.yaml")
	if err != nil {
		t.Fatal(err)
	}
	own := strings.Replace(string(src), "competence: mail\n", "competence: "+PositioningID+"\n", 1)
	own = strings.ReplaceAll(own, "id: mail-", "id: pos-")
	if err := os.WriteFile(filepath.Join(dir, "competence.yaml"), []byte(own), 0o600); err != nil {
		t.Fatal(err)
	}
	lib := Load(Options{}, Builtin(), Dir(dir))
	found := false
	for _, d := range lib.Diagnostics {
		if d.Code == "reserved_id" {
			found = true
			if !strings.HasSuffix(filepath.ToSlash(d.Pos.File), "competence.yaml") || d.Pos.Line != 2 {
				t.Errorf("the error is not at the id: %s", d.Format(i18n.FR))
			}
		}
	}
	if !found {
		t.Fatalf("no error for a competence named %q:\n%v", PositioningID, lib.Diagnostics)
	}
	if lib.Catalogue(i18n.FR).Competence(PositioningID) != nil {
		t.Error("the competence that took the reserved id is in the catalogue")
	}
}
