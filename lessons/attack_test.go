package lessons

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"

	"pasapas/i18n"
)

// The regression tests of issue 13 ("the defects an attack found") that
// live in this package.

// TestSyntaxColumnsCountCharacters is defect 8: the column of a syntax
// error counts characters, not bytes: "é" is one.
func TestSyntaxColumnsCountCharacters(t *testing.T) {
	line := "titre: Réponse éèà: oui"
	lib := loadTest(t, map[string]string{"x.yaml": "lecon: x\n" + line + "\n"})
	want := utf8.RuneCountInString("titre: Réponse éèà") + 1
	for _, d := range lib.Diagnostics {
		if d.Code == "syntax" {
			if d.Pos.Line != 2 || d.Pos.Col != want {
				t.Fatalf("syntax error at %s, want line 2, column %d (characters)", d.Pos, want)
			}
			return
		}
	}
	t.Fatalf("no syntax error: %q", found(lib))
}

// TestDuplicateInOneSourceSetsBothAside is defect 9: a copy named
// 00-copie.yaml (sorted first) does not push the original out and blame
// it: both are set aside, and each message names the other.
func TestDuplicateInOneSourceSetsBothAside(t *testing.T) {
	copied := strings.Replace(base["questions.yaml"], "enonce: Laquelle est une adresse ?", "enonce: Copie ?", 1)
	lib := loadTest(t, with(map[string]string{"00-copie.yaml": copied}))
	var msgs []string
	for _, d := range lib.Diagnostics {
		if d.Code == "dup_id" {
			msgs = append(msgs, d.Format(i18n.FR))
		}
	}
	if len(msgs) != 2 {
		t.Fatalf("dup_id messages %q, want 2", msgs)
	}
	if !strings.HasPrefix(msgs[0], "t/00-copie.yaml") || !strings.Contains(msgs[0], "t/questions.yaml:") ||
		!strings.HasPrefix(msgs[1], "t/questions.yaml") || !strings.Contains(msgs[1], "t/00-copie.yaml:") {
		t.Errorf("each message must name the other file:\n%s", strings.Join(msgs, "\n"))
	}
	if lib.Catalogue(i18n.FR).Question("mail-q-1") != nil {
		t.Error("one of two questions with the same id was kept")
	}
}

// TestDuplicateOfBuiltinKeepsBuiltin is defect 9: between the built-in
// library and a folder, the built-in item wins, whatever the folder file's
// name, and the folder's item is set aside with a message saying so.
func TestDuplicateOfBuiltinKeepsBuiltin(t *testing.T) {
	var id, src string
	fs.WalkDir(Builtin().FS, ".", func(p string, d fs.DirEntry, err error) error {
		if id == "" && strings.HasSuffix(p, "competence.yaml") && strings.HasPrefix(p, "fr/") {
			b, _ := fs.ReadFile(Builtin().FS, p)
			src = string(b)
			for _, line := range strings.Split(src, "\n") {
				if rest, ok := strings.CutPrefix(line, "competence:"); ok {
					id = strings.TrimSpace(rest)
					break
				}
			}
		}
		return nil
	})
	if id == "" {
		t.Fatal("no built-in competence found")
	}
	before := Load(Options{Today: today}, Builtin()).Catalogue(i18n.FR).Competence(id)
	folder := fstest.MapFS{"00-copie.yaml": &fstest.MapFile{Data: []byte(strings.Replace(src, "titre:", "titre: Copie", 1))}}
	lib := Load(Options{Today: today}, Builtin(), Tree{FS: folder, Name: "dossier"})
	var dups []Diagnostic
	for _, d := range lib.Diagnostics {
		if strings.HasPrefix(d.Code, "dup_") {
			dups = append(dups, d)
		}
	}
	if len(dups) == 0 {
		t.Fatal("no duplicate reported")
	}
	for _, d := range dups {
		if !strings.HasPrefix(d.Pos.File, "dossier/") || d.Code != "dup_builtin" {
			t.Errorf("%s: the built-in library is blamed, or the message does not say it is kept", d)
		}
	}
	if msg := dups[0].Message(i18n.FR); !strings.Contains(msg, "contenu intégré est gardé") {
		t.Errorf("message: %q", msg)
	}
	after := lib.Catalogue(i18n.FR).Competence(id)
	if after == nil || before == nil || after.Title != before.Title {
		t.Errorf("the built-in competence %q was not kept: %+v", id, after)
	}
}

// TestCheckBuiltinFolderAgainstItself is defect 17: loading the built-in
// library with its own folder (pasapas check content/fr) does not compare
// it with itself.
func TestCheckBuiltinFolderAgainstItself(t *testing.T) {
	for _, dir := range []string{"../content/fr", "../content", "../content/fr/01-mail"} {
		lib := Load(Options{Today: today}, Builtin(), Dir(dir))
		for _, d := range lib.Diagnostics {
			if strings.HasPrefix(d.Code, "dup_") {
				t.Errorf("check %s: %s", dir, d)
				break
			}
		}
		if lib.Diagnostics.Errors() > 0 {
			t.Errorf("check %s: %d errors", dir, lib.Diagnostics.Errors())
		}
	}
}

// TestDiagnosticsPrintNothingRaw is defect 7: whatever a file holds or is
// called, a diagnostic prints no control or bidirectional character.
func TestDiagnosticsPrintNothingRaw(t *testing.T) {
	d := Diagnostic{Pos: Pos{File: "x\x1b]0;t\x07\u202e.yaml", Line: 1, Col: 1}, Code: "unknown_key",
		Args: []any{"a\x1b[2J\u009b\u061c\u2066b\xff"}}
	for _, l := range []i18n.Lang{i18n.FR, i18n.EN} {
		out := d.Format(l)
		for _, r := range out {
			if unsafeForTerminal(r) {
				t.Errorf("%s: U+%04X printed raw: %q", l, r, out)
			}
		}
		if !utf8.ValidString(out) || !strings.Contains(out, "<U+001B>") || !strings.Contains(out, "<U+202E>") || !strings.Contains(out, "<0xFF>") {
			t.Errorf("%s: %q", l, out)
		}
	}
}

// TestArabicLetterMarkRefused: U+061C, a bidirectional control, is refused
// in content like the others (defect 7: it was missing from the list).
func TestArabicLetterMarkRefused(t *testing.T) {
	if r, bad := badRune("a\u061cb"); !bad || r != 0x061c {
		t.Fatalf("badRune(U+061C) = %U, %v", r, bad)
	}
}
