package lessons

import (
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"go.yaml.in/yaml/v3"
)

// TestSchemaSnippetsLoad: each starter the editor offers, once its
// placeholders are filled, loads with the built-in library with no
// problem but its « À compléter » marks (and its source, « a_verifier »).
func TestSchemaSnippetsLoad(t *testing.T) {
	data, err := JSONSchema()
	if err != nil {
		t.Fatal(err)
	}
	var schema struct {
		Snippets []struct {
			Label string `json:"label"`
			Body  any    `json:"body"`
		} `json:"defaultSnippets"`
	}
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatal(err)
	}
	if len(schema.Snippets) == 0 {
		t.Fatal("no starter in the schema")
	}
	placeholder := regexp.MustCompile(`\$\{\d+:([^}]*)\}`)
	for _, sn := range schema.Snippets {
		body, err := yaml.Marshal(sn.Body)
		if err != nil {
			t.Fatal(err)
		}
		text := placeholder.ReplaceAllString(string(body), "$1")
		lib := Load(Options{Today: today}, Builtin(), Tree{FS: fstest.MapFS{"x.yaml": {Data: []byte(text)}}, Name: "t"})
		n := 0
		for _, d := range lib.Diagnostics {
			if !strings.HasPrefix(d.Pos.File, "t/") {
				continue
			}
			if d.Code != "todo" && d.Code != "source_unverified" { // the source is not read yet: said so
				t.Errorf("%s: %s\n%s", sn.Label, d, text)
			}
			n++
		}
		if n == 0 {
			t.Errorf("%s: no « À compléter » mark", sn.Label)
		}
	}
}
