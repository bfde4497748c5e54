package lessons

import (
	"os"
	"strings"
	"testing"
)

// TestSchemaOfAteliers: the schema accepts the guide's model atelier, and
// flags a misspelled niveau, a thématique not in La Coop's list and an
// unknown key, as the loader does.
func TestSchemaOfAteliers(t *testing.T) {
	s := compiledSchema(t)
	model, err := os.ReadFile("../docs/modele-atelier.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(yamlToJSON(t, model)); err != nil {
		t.Errorf("docs/modele-atelier.yaml: %v", err)
	}
	for name, change := range map[string][2]string{
		"niveau":     {"niveau: Débutant", "niveau: debutant"},
		"thématique": {"  - E-mail", "  - Cuisine"},
		"clé":        {"titre:", "tite:"},
		"parcours":   {"parcours:\n  - mail-adresse\n  - mail-boite\n  - mail-ecrire\n", "parcours: []\n"},
	} {
		text := strings.Replace(string(model), change[0], change[1], 1)
		if text == string(model) {
			t.Fatalf("%s: the model has no %q", name, change[0])
		}
		if err := s.Validate(yamlToJSON(t, []byte(text))); err == nil {
			t.Errorf("%s: the schema accepts %q", name, change[1])
		}
	}
}
