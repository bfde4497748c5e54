// Package i18n chooses the language people are spoken to in (French by
// default, English on request) and holds the tiny message-table type that the
// other packages use for their own words.
package i18n

import (
	"fmt"
	"strings"
)

// Lang is a language the product speaks.
type Lang string

// The languages Pas à pas speaks. French is the default: the learners, the
// médiateurs and the authors are French.
const (
	FR Lang = "fr"
	EN Lang = "en"
)

// All lists the supported languages, default first.
var All = []Lang{FR, EN}

// Parse reads a language code such as "fr", "EN" or "en_GB.UTF-8".
func Parse(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "fr" || strings.HasPrefix(s, "fr_") || strings.HasPrefix(s, "fr-") || strings.HasPrefix(s, "fr."):
		return FR, true
	case s == "en" || strings.HasPrefix(s, "en_") || strings.HasPrefix(s, "en-") || strings.HasPrefix(s, "en."):
		return EN, true
	}
	return FR, false
}

// FromEnv picks the language from the usual locale variables, in POSIX order
// of precedence. Anything that is not clearly English gives French.
func FromEnv(getenv func(string) string) Lang {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" && v != "C" && v != "POSIX" {
			l, _ := Parse(v)
			return l
		}
	}
	return FR
}

// Text is one message in every language.
type Text struct{ FR, EN string }

// In returns the message in the given language, falling back to French.
func (t Text) In(l Lang) string {
	if l == EN && t.EN != "" {
		return t.EN
	}
	return t.FR
}

// Table is a set of messages keyed by a stable code.
type Table map[string]Text

// Format returns the message for code in lang, formatted with args. A missing
// code is a programming error; it is shown rather than hidden.
func (t Table) Format(l Lang, code string, args ...any) string {
	msg, ok := t[code]
	if !ok {
		return fmt.Sprintf("[%s] %v", code, args)
	}
	if len(args) == 0 {
		return msg.In(l)
	}
	return fmt.Sprintf(msg.In(l), args...)
}

// Quote wraps s in the quotation marks of the language: « s » in French,
// “s” in English.
func Quote(l Lang, s string) string {
	if l == EN {
		return "“" + s + "”"
	}
	return "« " + s + " »"
}
