package record

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxName is the longest name of a learner or a médiateur, in characters:
// a first name, maybe with an initial, fits; a pasted paragraph does not.
const MaxName = 60

// CleanName is the one rule for a name typed by a person (a learner's, a
// médiateur's, a place's, the structure's), so that every store keeps the
// same names: spaces trimmed at both ends, then it refuses (ErrInvalid) an
// empty name, one longer than max characters, one that is not valid text,
// and one with a character that could change what the screen or a page
// shows: control characters (escape sequences, NUL) and bidirectional
// controls (IsBidiControl), which can make a name read as another one.
func CleanName(name string, max int) (string, error) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return "", fmt.Errorf("empty name: %w", ErrInvalid)
	case !utf8.ValidString(name):
		return "", fmt.Errorf("name is not valid text: %w", ErrInvalid)
	case utf8.RuneCountInString(name) > max:
		return "", fmt.Errorf("name longer than %d characters: %w", max, ErrInvalid)
	case strings.ContainsFunc(name, unicode.IsControl), strings.ContainsFunc(name, IsBidiControl):
		return "", fmt.Errorf("name with control characters: %w", ErrInvalid)
	}
	return name, nil
}

// IsBidiControl says whether r turns the reading order of the text around
// it (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C): a name holding
// one could show as another name in a list, « Marc » as « craM ».
func IsBidiControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c
}
