package main

import (
	"bytes"
	"slices"
	"strings"
	"testing"
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
