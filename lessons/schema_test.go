package lessons

import (
	"bytes"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path"
	"strconv"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"pasapas/content"
)

var update = flag.Bool("update", false, "rewrite docs/schema/pasapas.schema.json")

const schemaFile = "../docs/schema/pasapas.schema.json"

// TestSchemaIsUpToDate keeps the shipped schema equal to the one generated
// from the model. Run "go test ./lessons -run Schema -update" after a change.
func TestSchemaIsUpToDate(t *testing.T) {
	got, err := JSONSchema()
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(schemaFile, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(schemaFile)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("docs/schema/pasapas.schema.json is stale: run go test ./lessons -run Schema -update")
	}
}

func compiledSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	raw, err := JSONSchema()
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("pasapas.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("pasapas.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// yamlToJSON reads YAML as an editor's language server does: a date stays
// a text.
func yamlToJSON(t *testing.T, data []byte) any {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal(data, &n); err != nil {
		t.Fatal(err)
	}
	return nodeToAny(n.Content[0])
}

func nodeToAny(n *yaml.Node) any {
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			m[n.Content[i].Value] = nodeToAny(n.Content[i+1])
		}
		return m
	case yaml.SequenceNode:
		l := []any{}
		for _, c := range n.Content {
			l = append(l, nodeToAny(c))
		}
		return l
	}
	switch n.Tag {
	case "!!null":
		return nil
	case "!!bool", "!!int", "!!float":
		var v any
		if err := n.Decode(&v); err == nil {
			if i, ok := v.(int); ok {
				return json.Number(strconv.Itoa(i))
			}
			if f, ok := v.(float64); ok {
				return json.Number(strconv.FormatFloat(f, 'g', -1, 64))
			}
			return v
		}
	}
	return n.Value
}

// TestSchemaAcceptsTheBuiltinContent checks the schema against real files:
// what the loader accepts, an editor must not flag.
func TestSchemaAcceptsTheBuiltinContent(t *testing.T) {
	s := compiledSchema(t)
	err := fs.WalkDir(content.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || path.Ext(p) != ".yaml" {
			return err
		}
		data, err := fs.ReadFile(content.FS, p)
		if err != nil {
			return err
		}
		if err := s.Validate(yamlToJSON(t, data)); err != nil {
			t.Errorf("%s: %v", p, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestSchemaFlagsMistakes checks the schema catches what the loader catches
// file by file: unknown key, wrong type, missing key, level out of range.
func TestSchemaFlagsMistakes(t *testing.T) {
	s := compiledSchema(t)
	for _, name := range []string{"cle-inconnue.yaml", "mauvais-type.yaml", "cle-manquante.yaml", "niveau.yaml"} {
		data, err := os.ReadFile("testdata/broken/" + name)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Validate(yamlToJSON(t, data)); err == nil {
			t.Errorf("%s: the schema accepts it", name)
		}
	}
	data, err := os.ReadFile("testdata/broken/valide.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(yamlToJSON(t, data)); err != nil {
		t.Errorf("valide.yaml: %v", err)
	}
}
