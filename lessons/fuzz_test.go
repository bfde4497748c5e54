package lessons

import (
	"slices"
	"testing"
	"testing/fstest"

	"pasapas/i18n"
)

// FuzzLoad feeds arbitrary bytes to the loader as one content file, next to
// a sound library: it must never panic, must say the same thing twice, and
// every problem must point inside the file.
func FuzzLoad(f *testing.F) {
	for _, body := range base {
		f.Add([]byte(body))
	}
	for _, seed := range []string{
		"", "lecon: x\n", "questions:\n  - id: q\n    type: ordre\n", "\t- a", "a: &x [*x]\n",
		"lecon: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
		"etapes:\n  - verifier:\n      type: champs\n      ordre_libre: true\n",
		"competence: c\nsujets:\n  - acquis:\n    - niveau: 99999999999999999999\n",
		"titre: \"\\e[31m\"\n", "lecon: x\nvariantes: {android: {}}\n",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		files := with(nil)
		run := func() Diagnostics {
			fsys := fstest.MapFS{}
			for name, body := range files {
				fsys[name] = &fstest.MapFile{Data: []byte(body)}
			}
			fsys["fuzz.yaml"] = &fstest.MapFile{Data: data}
			lib := Load(Options{Today: today}, Tree{FS: fsys, Name: "t"})
			_ = lib.Catalogue(i18n.FR)
			_ = lib.Catalogue(i18n.EN)
			return lib.Diagnostics
		}
		first, second := run(), run()
		if !slices.EqualFunc(first, second, func(a, b Diagnostic) bool {
			return a.Pos == b.Pos && a.Code == b.Code && a.Message(i18n.FR) == b.Message(i18n.FR)
		}) {
			t.Fatalf("two loads differ:\n%v\n%v", first, second)
		}
		lines := 1
		for _, c := range data {
			if c == '\n' {
				lines++
			}
		}
		for _, d := range first {
			if d.Pos.File == "t/fuzz.yaml" && (d.Pos.Line < 1 || d.Pos.Line > lines+1 || d.Pos.Col < 1) {
				t.Errorf("position out of the file: %s (%d lines)", d.Format(i18n.FR), lines)
			}
			_ = d.Format(i18n.EN)
		}
	})
}
