package main

import (
	"bytes"
	"flag"
	"pasapas/i18n"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func runArgs(args ...string) (code int, out, errOut string) {
	var o, e bytes.Buffer
	code = run(args, &o, &e)
	return code, o.String(), e.String()
}

func TestCheck(t *testing.T) {
	cases := []struct {
		name     string
		args     []string
		code     int
		contains []string
	}{
		{"built-in content is clean", []string{"check"}, 0, []string{"Tout est correct"}},
		{"broken folder", []string{"check", "../../lessons/testdata/broken"}, 1,
			[]string{"syntaxe.yaml:2:8:", "mauvais-type.yaml:4:8:", "8 erreurs", "compétence"}},
		{"option after the folder", []string{"check", "../../lessons/testdata/broken", "--lang", "en"}, 1,
			[]string{"8 errors", "Loaded:"}},
		{"global option before the command", []string{"--lang", "en", "check"}, 0, []string{"All good"}},
		{"one file", []string{"check", "../../lessons/testdata/broken/valide.yaml"}, 0, []string{"Tout est correct"}},
		{"a folder that does not exist", []string{"check", "nulle-part"}, 1, []string{"« nulle-part » n'existe pas"}},
		{"stats", []string{"check", "--stats"}, 0, []string{"compétence", "niv.1"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			code, out, errOut := runArgs(c.args...)
			if code != c.code {
				t.Errorf("exit %d, want %d\n%s%s", code, c.code, out, errOut)
			}
			for _, want := range c.contains {
				if !strings.Contains(out, want) {
					t.Errorf("output lacks %q:\n%s", want, out)
				}
			}
		})
	}
}

func TestCommandLineErrors(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"check", "--bogus"}, "option inconnue"},
		{[]string{"--theme", "rose"}, "apparence inconnue"},
		{[]string{"nimportequoi"}, "commande inconnue"},
	} {
		code, _, errOut := runArgs(c.args...)
		if code != 2 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, stderr %q", c.args, code, errOut)
		}
	}
}

func TestCommandFirst(t *testing.T) {
	for _, c := range []struct{ in, want []string }{
		{[]string{"--lang", "en", "check", "d"}, []string{"check", "--lang", "en", "d"}},
		{[]string{"check", "--strict"}, []string{"check", "--strict"}},
		{[]string{"--content", "check"}, []string{"--content", "check"}}, // a folder named "check"
		{[]string{"--mouse"}, []string{"--mouse"}},
	} {
		if got := commandFirst(c.in); !slices.Equal(got, c.want) {
			t.Errorf("commandFirst(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestVersionAndHelp(t *testing.T) {
	if code, out, _ := runArgs("version"); code != 0 || !strings.HasPrefix(out, "pasapas ") {
		t.Errorf("version: %d %q", code, out)
	}
	if code, out, _ := runArgs("--version"); code != 0 || !strings.HasPrefix(out, "pasapas ") {
		t.Errorf("--version: %d %q", code, out)
	}
	if code, out, _ := runArgs("help", "--lang", "en"); code != 0 || !strings.Contains(out, "Usage:") {
		t.Errorf("help en: %d %q", code, out)
	}
	if code, out, _ := runArgs("--help"); code != 0 || !strings.Contains(out, "Utilisation") {
		t.Errorf("--help: %d %q", code, out)
	}
	if code, out, _ := runArgs("schema"); code != 0 || !strings.Contains(out, "draft-07") {
		t.Errorf("schema: %d", code)
	}
}

// TestHelpAndFlagsFromTheTable: the help names every sub-command of the
// table and every option of the tutor, within 80 columns, in both
// languages; and the command line knows which options take a value from
// the same flag sets the commands parse with.
func TestHelpAndFlagsFromTheTable(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		_, out, _ := runArgs("help", "--lang", lang)
		for _, c := range commands {
			if !strings.Contains(out, "  pasapas "+c.name) {
				t.Errorf("%s: the help lacks %q:\n%s", lang, c.name, out)
			}
		}
		for _, opt := range []string{"--accessible", "--content", "--idle-lock", "--lang", "--mouse", "--theme", "--version"} {
			if !strings.Contains(out, "  "+opt) {
				t.Errorf("%s: the help lacks %s", lang, opt)
			}
		}
		for _, l := range strings.Split(out, "\n") {
			if n := utf8.RuneCountInString(l); n > 80 {
				t.Errorf("%s: a help line of %d characters: %q", lang, n, l)
			}
		}
	}
	for flag, want := range map[string]bool{
		"--lang": true, "--content": true, "--theme": true, "--idle-lock": true, // the tutor's
		"--bank": true, "--seed": true, "--population": true, "--theta": true, // sim's
		"--mouse": false, "--accessible": false, "--strict": false, "--dry-run": false, "--json": false,
		"--lang=en": false, "--bogus": false,
	} {
		if got := takesValue(flag); got != want {
			t.Errorf("takesValue(%s) = %v, want %v", flag, got, want)
		}
	}
	for _, c := range commands {
		if c.flags == nil {
			continue
		}
		c.flags(i18n.FR).VisitAll(func(f *flag.Flag) {
			if b, ok := f.Value.(interface{ IsBoolFlag() bool }); (!ok || !b.IsBoolFlag()) && !takesValue("--"+f.Name) {
				t.Errorf("%s --%s takes a value, the command line does not know it", c.name, f.Name)
			}
		})
	}
}

// A command's --help shows its options as the main help does, "--name
// WORD", with the default in the user's language: never the flag package's
// "-name value" and its English "(default …)".
func TestCommandHelpOptions(t *testing.T) {
	for _, c := range []struct {
		args      []string
		want, not []string
	}{
		{[]string{"store", "copy", "--help", "--lang", "fr"},
			[]string{"  --from FICHIER.db ", "  --to postgres://… ", "  --place LIEU ", "le lieu où copier"},
			[]string{"  -from", "value", "(default", "(par défaut : fr)"}},
		{[]string{"store", "copy", "--help", "--lang", "en"},
			[]string{"  --from FILE.db ", "  --place PLACE "}, []string{"  -from", "(default \"", "(default: en)"}},
		{[]string{"sim", "--help", "--lang", "fr"},
			[]string{"  --learners … ", "(par défaut : "}, []string{"(default", "  -learners"}},
		{[]string{"mediateur", "export", "--help", "--lang", "fr"},
			[]string{"  --acquis  ", "csv (par défaut) ou xlsx\n"}, []string{"(default", "(par défaut : csv)"}},
	} {
		var out, errs bytes.Buffer
		if code := run(c.args, &out, &errs); code != 0 {
			t.Errorf("%v: exit %d %s", c.args, code, errs.String())
		}
		for _, w := range c.want {
			if !strings.Contains(out.String(), w) {
				t.Errorf("%v: no %q in\n%s", c.args, w, out.String())
			}
		}
		for _, n := range c.not {
			if strings.Contains(out.String(), n) {
				t.Errorf("%v: %q in\n%s", c.args, n, out.String())
			}
		}
	}
}
