package i18n

import "testing"

func TestParse(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Lang
		ok   bool
	}{
		{"fr", FR, true}, {"EN", EN, true}, {"en_GB.UTF-8", EN, true}, {"fr-CA", FR, true},
		{"fr_FR.UTF-8", FR, true}, {"de", FR, false}, {"", FR, false}, {"english", FR, false},
	} {
		got, ok := Parse(c.in)
		if got != c.want || ok != c.ok {
			t.Errorf("Parse(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestFromEnv(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want Lang
	}{
		{map[string]string{}, FR},
		{map[string]string{"LANG": "en_US.UTF-8"}, EN},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_ALL": "fr_FR.UTF-8"}, FR},
		{map[string]string{"LC_ALL": "C", "LANG": "en_GB"}, EN},
		{map[string]string{"LANG": "de_DE"}, FR},
	} {
		if got := FromEnv(func(k string) string { return c.env[k] }); got != c.want {
			t.Errorf("FromEnv(%v) = %q, want %q", c.env, got, c.want)
		}
	}
}

func TestTable(t *testing.T) {
	tab := Table{"hello": {FR: "Bonjour %s", EN: "Hello %s"}, "fr_only": {FR: "Seulement"}}
	if got := tab.Format(EN, "hello", "Marie"); got != "Hello Marie" {
		t.Errorf("EN: %q", got)
	}
	if got := tab.Format(FR, "hello", "Marie"); got != "Bonjour Marie" {
		t.Errorf("FR: %q", got)
	}
	if got := tab.Format(EN, "fr_only"); got != "Seulement" {
		t.Errorf("fallback: %q", got)
	}
	if got := tab.Format(FR, "missing", 1); got != "[missing] [1]" {
		t.Errorf("missing: %q", got)
	}
	if Quote(FR, "x") != "« x »" || Quote(EN, "x") != "“x”" {
		t.Error("Quote")
	}
}
