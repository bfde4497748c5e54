package learning

import (
	"testing"

	"pasapas/record"
)

func TestAlphabetical(t *testing.T) {
	in := []record.LearnerSummary{{Name: "Zoé"}, {Name: "éliane"}, {Name: "Fanny"}, {Name: "Eddy"}, {Name: "Émile"}, {Name: "arthur"}}
	got := Alphabetical(in)
	want := []string{"arthur", "Eddy", "éliane", "Émile", "Fanny", "Zoé"}
	for i, w := range want {
		if got[i].Name != w {
			t.Fatalf("order %v, want %v", got, want)
		}
	}
	if in[0].Name != "Zoé" {
		t.Error("the list given was changed")
	}
}

func TestNameTaken(t *testing.T) {
	list := []record.LearnerSummary{{Name: "Jean"}, {Name: "Hélène"}}
	for name, want := range map[string]bool{"jean": true, " JEAN ": true, "Helene": true, "Jeanne": false} {
		if got := NameTaken(list, name); got != want {
			t.Errorf("NameTaken(%q) = %v", name, got)
		}
	}
	if !MatchName("Hélène", "hel") || MatchName("Hélène", "jean") {
		t.Error("MatchName")
	}
}
