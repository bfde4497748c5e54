package lessons

import (
	"encoding/json"
	"reflect"
	"slices"
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
	g.rules()
	schema := map[string]any{
		"$schema":     "http://json-schema.org/draft-07/schema#",
		"title":       "Pas à pas : leçons, questions et référentiel",
		"description": "Un fichier de contenu commence par « lecon », « questions », « competence », « domaines », « glossaire » ou « atelier ». Voir docs/guide-auteur.md et docs/guide-mediateur.md.",
		"type":        "object",
		"anyOf":       anyOf,
		"allOf":       allOf,
		// What the editor offers on an empty file: values check accepts
		// (a level of 0 would not load), with « À compléter » marks.
		"defaultSnippets": snippets,
		"definitions":     g.defs,
	}
	out, err := json.MarshalIndent(schema, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

type schemaGen struct{ defs map[string]any }

// snippets are the editor's starters for a new file.
var snippets = []any{
	map[string]any{"label": "Nouvelle leçon", "description": "Une leçon à compléter (pasapas new lecon fait de même, avec des commentaires).",
		"body": map[string]any{
			"lecon": "${1:mon-identifiant}", "titre": "${2:À compléter}", "niveau": 1, "duree": 10,
			"objectifs": []any{"Je sais À compléter."}, "acquis": []any{"mail-ecrire-1"},
			"etapes":    []any{map[string]any{"action": "À compléter.", "resultat": "À compléter.", "sinon": "À compléter."}},
			"a_retenir": []any{"À compléter.", "À compléter.", "À compléter."},
			"sources":   []any{map[string]any{"titre": "À compléter", "url": "https://a-completer.fr", "a_verifier": true}},
		}},
	map[string]any{"label": "Nouvelle banque de questions", "description": "Une question à compléter.",
		"body": map[string]any{"questions": []any{map[string]any{
			"id": "${1:mon-identifiant}-1", "acquis": "mail-ecrire-1", "type": "choix_unique", "enonce": "À compléter.",
			"choix": []any{
				map[string]any{"id": "a", "texte": "À compléter.", "bonne": true, "retour": "À compléter."},
				map[string]any{"id": "b", "texte": "À compléter.", "retour": "À compléter."},
				map[string]any{"id": "c", "texte": "À compléter.", "retour": "À compléter."},
			},
		}}}},
}

// The words check reads as yes or no, whatever their capitals
// (boolWords): yaml-language-server reads only true and false as booleans.
const (
	yesPattern  = `^\s*([Oo][Uu][Ii]|[Vv][Rr][Aa][Ii]|[Yy][Ee][Ss]|[Tt][Rr][Uu][Ee])\s*$`
	boolPattern = `^\s*([Oo][Uu][Ii]|[Nn][Oo][Nn]|[Vv][Rr][Aa][Ii]|[Ff][Aa][Uu][Xx]|[Yy][Ee][Ss]|[Nn][Oo]|[Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])\s*$`
	msgBool     = "Écrivez oui ou non (true ou false)."
)

var boolSchema = map[string]any{
	"description": "true ou false (oui et non sont aussi acceptés).",
	"anyOf": []any{
		map[string]any{"type": "boolean", "errorMessage": msgBool},
		map[string]any{"type": "string", "pattern": boolPattern, "errorMessage": msgBool},
	},
}

// yes is a value check reads as yes.
var yes = map[string]any{"anyOf": []any{
	map[string]any{"const": true},
	map[string]any{"type": "string", "pattern": yesPattern},
}}

// datePattern is a date that exists, AAAA-MM-JJ (29 February in years
// divisible by 4).
const datePattern = `^(\d{4}-((0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])|(0[13-9]|1[0-2])-(29|30)|(0[13578]|1[02])-31)|\d{2}([02468][048]|[13579][26])-02-29)$`

const (
	msgSlug = "Un identifiant : des lettres minuscules sans accent, des chiffres et des tirets (exemple : mail-adresse-1)."
	msgDate = "Une date qui existe, écrite AAAA-MM-JJ (exemple : 2025-01-31)."
	msgInt  = "Écrivez un nombre entier, en chiffres, sans guillemets ni unité (exemple : 10)."
	msgNum  = "Écrivez un nombre, en chiffres, sans guillemets (exemple : 1.5)."
)

// rules adds what the struct tags cannot say and check does: the keys and
// the right answer each question type needs, the keys of each mock
// screen, the skill every bank question assesses.
func (g *schemaGen) rules() {
	q := g.defs["question"].(map[string]any)
	var all []any
	types := []string{SingleChoice, MultipleChoice, TrueFalse, FreeText, Fields, Ordering, Matching}
	for _, t := range types {
		is := map[string]any{"properties": map[string]any{"type": map[string]any{"const": t}}, "required": []string{"type"}}
		need := typeNeeds[t]
		all = append(all, map[string]any{"if": is, "then": map[string]any{
			"required":     []string{need},
			"errorMessage": "Une question de type « " + t + " » a besoin de « " + need + " ».",
		}})
		said := map[string]bool{}
		for _, other := range types {
			for _, k := range typeKeys[other] {
				if other == t || said[k] || slices.Contains(typeKeys[t], k) {
					continue
				}
				said[k] = true
				all = append(all, map[string]any{"if": is, "then": map[string]any{
					"properties":   map[string]any{k: false},
					"errorMessage": "« " + k + " » ne sert pas pour une question de type « " + t + " ».",
				}})
			}
		}
	}
	for _, t := range []string{SingleChoice, MultipleChoice} {
		all = append(all, map[string]any{
			"if": map[string]any{"properties": map[string]any{"type": map[string]any{"const": t}}, "required": []string{"type", "choix"}},
			"then": map[string]any{"properties": map[string]any{"choix": map[string]any{
				"contains":     map[string]any{"properties": map[string]any{"bonne": yes}, "required": []string{"bonne"}},
				"errorMessage": "Il faut une bonne réponse : écrivez « bonne: oui » sous le bon choix.",
			}}},
		})
	}
	q["allOf"] = all

	sc := g.defs["screen"].(map[string]any)
	var screens []any
	keys := sortedKeys(screenKeys)
	for _, kind := range keys {
		rule := screenKeys[kind]
		is := map[string]any{"properties": map[string]any{"type": map[string]any{"const": kind}}, "required": []string{"type"}}
		for _, k := range infoOf(typeOfScreen).keys {
			if k == "type" || slices.Contains(rule.allowed, k) {
				continue
			}
			screens = append(screens, map[string]any{"if": is, "then": map[string]any{
				"properties":   map[string]any{k: false},
				"errorMessage": "« " + k + " » ne sert pas pour un écran « " + kind + " ».",
			}})
		}
		screens = append(screens, map[string]any{"if": is, "then": map[string]any{
			"required":     rule.needed,
			"errorMessage": "Un écran « " + kind + " » a besoin de « " + strings.Join(rule.needed, " », « ") + " ».",
		}})
	}
	sc["allOf"] = screens

	bank := g.defs["bank"].(map[string]any)
	qs := bank["properties"].(map[string]any)["questions"].(map[string]any)
	qs["items"] = map[string]any{"allOf": []any{qs["items"], map[string]any{
		"required":     []string{"acquis"},
		"errorMessage": "Il manque la clé « acquis » : dans une banque, chaque question évalue un acquis.",
	}}}
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
		return map[string]any{"type": []string{"string", "integer"}, "pattern": slugPattern.String(), "errorMessage": msgSlug}
	case reflect.TypeFor[Thematique]():
		return map[string]any{"type": "string", "enum": Thematiques}
	case reflect.TypeFor[Date]():
		return map[string]any{"type": "string", "format": "date", "pattern": datePattern, "errorMessage": msgDate}
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
		// check reads any plain value as a text: « texte: 15 » too.
		s := map[string]any{"type": []string{"string", "number", "boolean"}}
		if f.enum != nil {
			s["type"] = "string"
			s["enum"] = f.enum
			s["errorMessage"] = "Valeurs possibles : " + strings.Join(f.enum, ", ") + "."
		}
		if f.slug {
			s["type"] = []string{"string", "integer"}
			s["pattern"] = slugPattern.String()
			s["errorMessage"] = msgSlug
		}
		return s
	case reflect.Int:
		s := map[string]any{"type": "integer", "errorMessage": msgInt}
		if f.hasRange {
			s["minimum"], s["maximum"] = f.min, f.max
		}
		return s
	case reflect.Float64:
		s := map[string]any{"type": "number", "errorMessage": msgNum}
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
