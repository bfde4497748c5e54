package record

import (
	"errors"
	"strings"
	"testing"
)

func TestCleanName(t *testing.T) {
	cases := []struct {
		in, want string
		ok       bool
	}{
		{"  Léa  ", "Léa", true},
		{"Hélène M.", "Hélène M.", true},
		{strings.Repeat("é", MaxName), strings.Repeat("é", MaxName), true},
		{"", "", false},
		{"   ", "", false},
		{strings.Repeat("é", MaxName+1), "", false},
		{"\xff", "", false},
		{"a\x1b[31mb", "", false},
		{"Lé\x00a", "", false},
		{"Marc\u202eeL", "", false},
		{"\u2066Léa\u2069", "", false},
		{"Lé\u200fa", "", false},
		{"Lé\u061ca", "", false},
	}
	for _, c := range cases {
		got, err := CleanName(c.in, MaxName)
		if c.ok && (err != nil || got != c.want) || !c.ok && !errors.Is(err, ErrInvalid) {
			t.Errorf("CleanName(%q) = %q, %v; want %q, ok %v", c.in, got, err, c.want, c.ok)
		}
	}
}
