package main

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"unicode/utf8"
)

// TestCheckPrintsNoControlSequence is issue 13's defect 7: "pasapas check"
// on a folder whose keys, tags, comments and file names carry ESC, C1, BEL
// and bidirectional controls prints none of them raw, checked on the bytes.
func TestCheckPrintsNoControlSequence(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows file names cannot hold control characters")
	}
	files := map[string]string{
		// An unknown key, written with YAML escapes in a printable-ASCII file.
		"cle.yaml": "lecon: x\n\"cl\\e]0;titre\\a\\x9b2J\\u202e\": 1\n",
		// Keys inside variantes and ecran.
		"variantes.yaml": "questions:\n  - id: q\n    variantes:\n      - \"v\\e]52;c;AAAA\\a\": 1\n    ecran:\n      \"e\\u2066\\u061c\": 2\n",
		// A YAML tag whose %-escapes decode to ESC and BEL.
		"tag.yaml": "lecon: x\ntitre: !x%1B]0;pwn%07 bonjour\n",
		// A comment quoted in a warning.
		"commentaire.yaml": "lecon: x\ntitre: Bonjour #\u202e\u2067 la suite\n",
		// File names.
		"nom-\x1b]0;t\x07.yaml":    "lecon: x\n",
		"nom-\u202e\u009b.yaml":    "lecon: x\n",
		"double-\x1b[2J-1.yaml":    "questions:\n  - id: \"d\\e[2J\"\n",
		"bidi-\u2066-\u061c-2.yml": "questions:\n  - id: \"d\\e[2J\"\n",
	}
	dir := t.TempDir()
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o600); err != nil {
			t.Skipf("this file system refuses the name %q: %v", name, err)
		}
	}
	var out, errOut bytes.Buffer
	code := run([]string{"check", "--no-builtin", dir}, &out, &errOut)
	all := append(out.Bytes(), errOut.Bytes()...)
	if code == 0 {
		t.Fatalf("exit 0; the folder has errors:\n%s", all)
	}
	for i := 0; i < len(all); {
		r, n := utf8.DecodeRune(all[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			t.Fatalf("invalid UTF-8 byte %#x at %d:\n%q", all[i], i, all)
		case r < 0x20 && r != '\n', r == 0x7f, r >= 0x80 && r < 0xa0,
			r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
			t.Fatalf("U+%04X printed raw at byte %d:\n%q", r, i, all)
		}
		i += n
	}
	if !bytes.Contains(all, []byte("<U+001B>")) || !bytes.Contains(all, []byte("<U+202E>")) {
		t.Errorf("the characters should be shown as <U+…>, for the author to find them:\n%s", all)
	}
}
