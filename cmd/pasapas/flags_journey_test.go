package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestFlagErrorsInPlainWords: a wrong command line is answered in the
// user's language only, with the option as they typed it: a duration
// without its unit says how to write one (not Go's "parse error"), an
// unknown option keeps its two dashes, and a language we do not speak is
// refused rather than silently replaced by French.
func TestFlagErrorsInPlainWords(t *testing.T) {
	for _, c := range []struct {
		args      []string
		want, not []string
	}{
		{[]string{"--idle-lock", "5"}, []string{"« 5 »", "--idle-lock", "10m (10 minutes)"}, []string{"parse error", "invalid", "flag"}},
		{[]string{"--lang", "en", "--idle-lock", "5"}, []string{"“5”", "10m (10 minutes)"}, []string{"parse error", "valeur"}},
		{[]string{"--bogus"}, []string{"option inconnue : --bogus"}, []string{" -bogus"}},
		{[]string{"--lang", "de", "--version"}, []string{"langue inconnue « de »", "fr, en"}, nil},
		{[]string{"check", "--lang", "de"}, []string{"langue inconnue « de »"}, nil},
	} {
		var out, errOut bytes.Buffer
		if code := run(c.args, &out, &errOut); code != 2 {
			t.Errorf("%v: exit code %d, want 2 (%s)", c.args, code, out.String())
		}
		msg := errOut.String()
		for _, w := range c.want {
			if !strings.Contains(msg, w) {
				t.Errorf("%v: %q lacks %q", c.args, msg, w)
			}
		}
		for _, n := range c.not {
			if strings.Contains(msg, n) {
				t.Errorf("%v: %q holds %q", c.args, msg, n)
			}
		}
	}
}
