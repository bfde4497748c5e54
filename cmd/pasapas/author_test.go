package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// TestNewPassesCheckButForItsMarks: « pasapas new lecon x » (and questions,
// competence) writes a file that « pasapas check » loads with no error and
// no warning but the « À compléter » marks; --strict then refuses it.
func TestNewPassesCheckButForItsMarks(t *testing.T) {
	for _, kind := range []string{"lecon", "questions", "competence", "lesson", "atelier"} {
		t.Run(kind, func(t *testing.T) {
			dir := t.TempDir()
			var out, errb bytes.Buffer
			if code := run([]string{"new", kind, "essai-" + kind, "--dir", dir}, &out, &errb); code != 0 {
				t.Fatalf("new: exit %d: %s%s", code, out.String(), errb.String())
			}
			file := filepath.Join(dir, "essai-"+kind+".yaml")
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(string(data), "# yaml-language-server: $schema=pasapas.schema.json\n") {
				t.Errorf("no schema line first:\n%s", data)
			}
			if _, err := os.Stat(filepath.Join(dir, "pasapas.schema.json")); err != nil {
				t.Errorf("the schema is not beside the file: %v", err)
			}
			got := checkJSONOf(t, []string{"check", "--json", "--lang", "fr", file}, 0)
			if len(got.Problems) == 0 {
				t.Fatal("no « À compléter » warning")
			}
			for _, p := range got.Problems {
				if p.Code != "todo" || p.Severity != "warning" {
					t.Errorf("%s:%d:%d: %s (%s) — only « À compléter » warnings were expected", p.File, p.Line, p.Column, p.Message, p.Code)
				}
			}
			if code := run([]string{"check", "--strict", file}, &out, &errb); code != 1 {
				t.Errorf("check --strict on a skeleton: exit %d, want 1", code)
			}
			// A second « new » never overwrites the author's work.
			if code := run([]string{"new", kind, "essai-" + kind, "--dir", dir}, &out, &errb); code != 1 {
				t.Errorf("new over an existing file: exit %d, want 1", code)
			}
		})
	}
	var out, errb bytes.Buffer
	if code := run([]string{"new", "lecon", "Pas_Un_Id"}, &out, &errb); code != 2 {
		t.Errorf("new with a bad id: exit %d", code)
	}
}

// checkJSONOf runs a check with --json, validates its output against
// docs/schema/check.schema.json and decodes it.
func checkJSONOf(t *testing.T, args []string, wantCode int) checkJSON {
	t.Helper()
	var out, errb bytes.Buffer
	if code := run(args, &out, &errb); code != wantCode {
		t.Fatalf("%v: exit %d, want %d\n%s%s", args, code, wantCode, out.String(), errb.String())
	}
	validateCheckJSON(t, out.Bytes())
	var got checkJSON
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	return got
}

func validateCheckJSON(t *testing.T, data []byte) {
	t.Helper()
	c := jsonschema.NewCompiler()
	schema, err := c.Compile(filepath.Join("..", "..", "docs", "schema", "check.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not JSON: %v\n%s", err, data)
	}
	if err := schema.Validate(doc); err != nil {
		t.Fatalf("check --json does not follow docs/schema/check.schema.json: %v\n%s", err, data)
	}
}

// TestCheckJSON: --json gives one object per problem with its file, line,
// column, severity, code and message, in the documented shape, on broken
// content, on a file that cannot be read, and on clean content.
func TestCheckJSON(t *testing.T) {
	broken := filepath.Join("..", "..", "lessons", "testdata", "broken")
	got := checkJSONOf(t, []string{"check", "--json", broken}, 1)
	var text bytes.Buffer
	run([]string{"check", broken}, &text, &text)
	lines := strings.Count(text.String(), "\n") - 1 // the summary
	if len(got.Problems) != lines || got.Summary.Errors == 0 {
		t.Errorf("%d problems in JSON, %d lines of text:\n%s", len(got.Problems), lines, text.String())
	}
	for _, p := range got.Problems {
		if !strings.Contains(text.String(), p.File+":") || !strings.Contains(text.String(), p.Message) {
			t.Errorf("%+v is not in the text output", p)
		}
	}
	got = checkJSONOf(t, []string{"check", "--json", filepath.Join(t.TempDir(), "absent")}, 1)
	if len(got.Problems) != 1 || got.Problems[0].Line != 0 {
		t.Errorf("a missing folder: %+v", got.Problems)
	}
	got = checkJSONOf(t, []string{"check", "--json", "--lang", "en"}, 0)
	if len(got.Problems) != 0 || got.Summary.Lessons == 0 {
		t.Errorf("built-in content: %+v", got)
	}
}

// TestSummaryCountsLessonQuestions: the summary counts the questions
// written in lessons too, not only the banks'.
func TestSummaryCountsLessonQuestions(t *testing.T) {
	lib := library(nil)
	cat := lib.Catalogue("fr")
	inline := 0
	for _, l := range cat.Lessons {
		for _, it := range l.Items {
			if it.Check != nil && it.Check.Question != nil {
				inline++
			}
		}
	}
	if inline == 0 {
		t.Fatal("no question written in a lesson: the test proves nothing")
	}
	got := checkJSONOf(t, []string{"check", "--json", "--lang", "fr"}, 0)
	if got.Summary.Questions != len(cat.Questions)+inline {
		t.Errorf("summary: %d questions, want %d in banks + %d in lessons", got.Summary.Questions, len(cat.Questions), inline)
	}
}

// TestReferentiel: every skill with its id and level, the lessons that
// teach it and its number of questions; a new competence's skills show up
// as gaps.
func TestReferentiel(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	if code := run([]string{"new", "competence", "essai", "--dir", dir}, &out, &errb); code != 0 {
		t.Fatalf("new: %s", errb.String())
	}
	out.Reset()
	if code := run([]string{"referentiel", "--lang", "fr", dir}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	for _, want := range []string{
		"Domaine communiquer : ",
		"  Compétence mail : Communiquer par mail",
		"      mail-adresse-1  niveau 1  ",
		"leçons : mail-adresse · questions : ",
		"Compétence essai : ",
		"essai-sujet-1 (niveau 1) : ni leçon ni question",
		"sujet essai-sujet : pas d'acquis de niveau 3, 4",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("missing %q in:\n%s", want, out.String())
		}
	}
}
