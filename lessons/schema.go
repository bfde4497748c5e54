package lessons

import (
	"encoding/json"
	"reflect"
	"strings"
)

// JSONSchema returns the JSON Schema (draft-07) of the content format, built
// from the same struct tags the decoder reads, so the two never disagree.
// Editors with yaml-language-server use it to complete keys and flag
// mistakes while the author types.
func JSONSchema() ([]byte, error) {
	g := &schemaGen{defs: map[string]any{}}
	kinds := []struct {
		key string
		typ reflect.Type
	}{
		{"lecon", reflect.TypeFor[Lesson]()},
		{"questions", reflect.TypeFor[bankFile]()},
		{"competence", reflect.TypeFor[Competence]()},
		{"domaines", reflect.TypeFor[domainsFile]()},
		{"glossaire", reflect.TypeFor[glossaryFile]()},
		{"atelier", reflect.TypeFor[Atelier]()},
	}
	var anyOf, allOf []any
	for _, k := range kinds {
		ref := g.ref(k.typ)
		anyOf = append(anyOf, map[string]any{"required": []string{k.key}})
		allOf = append(allOf, map[string]any{
			"if":   map[string]any{"required": []string{k.key}},
			"then": ref,
		})
	}
	schema := map[string]any{
		"$schema":     "http://json-schema.org/draft-07/schema#",
		"title":       "Pas à pas : leçons, questions et référentiel",
		"description": "Un fichier de contenu commence par « lecon », « questions », « competence », « domaines », « glossaire » ou « atelier ». Voir docs/guide-auteur.md et docs/guide-mediateur.md.",
		"type":        "object",
		"anyOf":       anyOf,
		"allOf":       allOf,
		"definitions": g.defs,
	}
	out, err := json.MarshalIndent(schema, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

type schemaGen struct{ defs map[string]any }

var boolSchema = map[string]any{
	"description": "true ou false (oui et non sont aussi acceptés).",
	"anyOf": []any{
		map[string]any{"type": "boolean"},
		map[string]any{"enum": []string{"oui", "non", "vrai", "faux", "yes", "no"}},
	},
}

func (g *schemaGen) ref(t reflect.Type) map[string]any {
	name := defName(t)
	if _, ok := g.defs[name]; !ok {
		g.defs[name] = nil // reserve: types may refer to themselves
		g.defs[name] = g.object(t)
	}
	return map[string]any{"$ref": "#/definitions/" + name}
}

func defName(t reflect.Type) string {
	return strings.TrimSuffix(strings.ToLower(t.Name()[:1])+t.Name()[1:], "File")
}

func (g *schemaGen) object(t reflect.Type) map[string]any {
	si := infoOf(t)
	props := map[string]any{}
	var required []string
	for _, f := range si.fields {
		s := g.value(t.FieldByIndex(f.index).Type, f)
		if f.doc != "" {
			s["description"] = f.doc
		}
		props[f.key] = s
		if f.required {
			required = append(required, f.key)
		}
	}
	obj := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		obj["required"] = required
	}
	return obj
}

func (g *schemaGen) value(t reflect.Type, f *fieldInfo) map[string]any {
	switch t {
	case reflect.TypeFor[Ref]():
		return map[string]any{"type": "string", "pattern": slugPattern.String()}
	case reflect.TypeFor[Thematique]():
		return map[string]any{"type": "string", "enum": Thematiques}
	case reflect.TypeFor[Date]():
		return map[string]any{"type": "string", "pattern": `^\d{4}-\d{2}-\d{2}$`}
	case reflect.TypeFor[LessonItem]():
		return map[string]any{"anyOf": []any{
			g.ref(reflect.TypeFor[Step]()),
			map[string]any{
				"type":                 "object",
				"description":          "Une question pour vérifier : l'identifiant d'une question d'une banque, ou une question écrite ici.",
				"required":             []string{"verifier"},
				"additionalProperties": false,
				"properties": map[string]any{"verifier": map[string]any{"anyOf": []any{
					map[string]any{"type": "string", "pattern": slugPattern.String()},
					g.ref(reflect.TypeFor[Question]()),
				}}},
			},
		}}
	}
	switch t.Kind() {
	case reflect.Pointer:
		return g.value(t.Elem(), f)
	case reflect.Struct:
		return g.ref(t)
	case reflect.String:
		s := map[string]any{"type": "string"}
		if f.enum != nil {
			s["enum"] = f.enum
		}
		if f.slug {
			s["pattern"] = slugPattern.String()
		}
		return s
	case reflect.Int:
		s := map[string]any{"type": "integer"}
		if f.hasRange {
			s["minimum"], s["maximum"] = f.min, f.max
		}
		return s
	case reflect.Float64:
		s := map[string]any{"type": "number"}
		if f.hasRange {
			s["minimum"], s["maximum"] = f.min, f.max
		}
		return s
	case reflect.Bool:
		return clone(boolSchema)
	case reflect.Slice:
		items := g.value(t.Elem(), &fieldInfo{})
		arr := map[string]any{"type": "array", "items": items}
		if f.required {
			arr["minItems"] = 1
		}
		// A single text is read as a list of one.
		if t.Elem().Kind() == reflect.String || t.Elem() == reflect.TypeFor[Ref]() {
			return map[string]any{"anyOf": []any{arr, items}}
		}
		return arr
	}
	return map[string]any{}
}

func clone(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}
