package lessons

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestSyntaxWhereTheMistakeIs: a YAML mistake is reported where the author
// made it, in their words, not where the parser gave up. Each case failed
// before placeSyntax (the parser's line, or 1:1).
func TestSyntaxWhereTheMistakeIs(t *testing.T) {
	lesson := "lecon: x\ntitre: Lire une adresse\nniveau: 1\nduree: 5\nobjectifs:\n  - Je sais lire.\nacquis: [mail-adresse-1]\netapes:\n  - action: \"Regardez : l'adresse.\"\n    resultat: Vous voyez le signe @.\na_retenir: [Un, Deux, Trois]\n"
	cases := []struct {
		name, file string
		want       string // line:col term
	}{
		{"unclosed quote, the next quote far below",
			strings.Replace(lesson, "titre: Lire une adresse", `titre: "Lire une adresse`, 1), "2:8 syn_quote"},
		{"unclosed quote to the end of the file",
			"lecon: x\ntitre: Lire\nniveau: 1\nobjectifs:\n  - \"Je sais lire.\n", "5:5 syn_quote"},
		{"unclosed single quote",
			"lecon: x\ntitre: 'Lire une adresse\nniveau: 1\n", "2:8 syn_quote"},
		{"quote closed, then more text",
			"lecon: x\ntitre: \"Envoyer\" est en haut\nniveau: 1\n", "2:8 syn_quote"},
		{"unclosed bracket, on its own line",
			"lecon: x\ntitre: Lire\nacquis: [mail-adresse-1, mail-adresse-2\nniveau: 1\n", "3:9 syn_bracket"},
		{"unclosed brace",
			"lecon: x\nacquis: {a: b\nniveau: 1\n", "2:9 syn_bracket"},
		{"non-breaking spaces as indentation",
			"lecon: x\ntitre: Lire\nobjectifs:\n\u00a0\u00a0- Je sais lire.\nniveau: 1\n", "4:1 syn_nbsp"},
		{"non-breaking spaces inside a step",
			"lecon: x\netapes:\n  - titre: a\n  \u00a0\u00a0action: b\n    resultat: c\n", "4:3 syn_nbsp"},
		{"unknown alias, at its place",
			"lecon: x\ntitre: Lire\nobjectifs:\n  - Je sais *moi.\n  - *moi\n", "5:5 syn_star"},
		{"unknown alias after a key",
			"lecon: x\ntitre: Lire\nniveau: *un\n", "3:9 syn_star"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			lib := loadTest(t, map[string]string{"x.yaml": tc.file})
			var got []string
			for _, d := range lib.Diagnostics {
				if d.Code == "syntax" {
					got = append(got, fmt.Sprintf("%d:%d %s", d.Pos.Line, d.Pos.Col, d.Args[0]))
				}
			}
			if !slices.Equal(got, []string{tc.want}) {
				t.Errorf("got %v, want %s\n%s", got, tc.want, lib.Diagnostics)
			}
		})
	}
}

// TestNotUTF8AtTheFirstBadByte: a file saved in Latin-1 is reported at the
// first byte that is not UTF-8 (line 3, column 10 here), not at 1:1.
func TestNotUTF8AtTheFirstBadByte(t *testing.T) {
	lib := loadTest(t, map[string]string{"x.yaml": "lecon: x\nniveau: 1\ntitre: Un \xe9t\xe9\n"})
	if got := found(lib); !slices.Equal(got, []string{"t/x.yaml:3:11 not_utf8"}) {
		t.Errorf("got %v", got)
	}
	// UTF-16 is wrong from the start: 1:1.
	lib = loadTest(t, map[string]string{"x.yaml": "\xff\xfel\x00"})
	if got := found(lib); !slices.Equal(got, []string{"t/x.yaml:1:1 not_utf8"}) {
		t.Errorf("UTF-16: got %v", got)
	}
}

// TestReferenceIntoASetAsideFile: a syntax error in a bank no longer
// cascades into « La question … n'existe pas » in the lesson checking one
// of its questions: the link says the question is in a file set aside, and
// where. A skill of a competence set aside is an error worded the same.
func TestReferenceIntoASetAsideFile(t *testing.T) {
	bank := strings.Replace(base["questions.yaml"], "enonce:", "enonce: \"", 1)
	lib := loadTest(t, with(map[string]string{"questions.yaml": bank}))
	var aside []Diagnostic
	for _, d := range lib.Diagnostics {
		if d.Code == "unknown_ref" || d.Code == "unknown_ref_fix" {
			t.Errorf("cascade: %s", d)
		}
		if d.Code == "ref_aside_dropped" {
			aside = append(aside, d)
		}
	}
	if len(aside) != 1 || aside[0].Severity != Warning || !strings.Contains(aside[0].Message("fr"), "est dans un fichier mis de côté : t/questions.yaml:") {
		t.Fatalf("want one ref_aside_dropped warning naming the bank: %v", lib.Diagnostics)
	}
	if lib.Catalogue("fr").Lesson("mail-adresse") == nil {
		t.Error("the lesson was set aside for its link")
	}

	comp := strings.Replace(base["mail.yaml"], "titre:", "titre: [", 1)
	lib = loadTest(t, with(map[string]string{"mail.yaml": comp}))
	n := 0
	for _, d := range lib.Diagnostics {
		if d.Code == "unknown_ref" || d.Code == "unknown_ref_fix" {
			t.Errorf("cascade: %s", d)
		}
		if d.Code == "ref_aside" {
			n++
			if d.Severity != Error || !strings.Contains(d.Message("fr"), "t/mail.yaml:") {
				t.Errorf("%s", d)
			}
		}
	}
	if n == 0 {
		t.Errorf("no ref_aside for the skills of a competence set aside: %v", lib.Diagnostics)
	}
}
