package lessons

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Pos is a place in a content file: its path as the author knows it, and a
// 1-based line and column.
type Pos struct {
	File      string
	Line, Col int
}

func (p Pos) String() string {
	if p.Line == 0 {
		return p.File
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Meta is embedded in every block decoded from YAML. It remembers where the
// block and each of its values are, so that every later check can point the
// author at the exact key or value.
type Meta struct {
	Pos    Pos
	keys   []keyPos // few per block: a slice beats a map here
	broken bool
}

type keyPos struct {
	key string
	pos Pos
}

// Broken says whether a problem was found in the block: broken blocks are
// left out of the catalogue.
func (m *Meta) Broken() bool { return m.broken }

// At returns the position of the value of key, or of the block itself when
// the key is absent.
func (m *Meta) At(key string) Pos {
	for _, k := range m.keys {
		if k.key == key {
			return k.pos
		}
	}
	return m.Pos
}

// Has says whether the key was written in the block.
func (m *Meta) Has(key string) bool {
	for _, k := range m.keys {
		if k.key == key {
			return true
		}
	}
	return false
}

// Ref is an identifier that points at another item (an acquis, a lesson, a
// question), with its place so a dangling one can be reported where it is.
type Ref struct {
	ID  string
	Pos Pos
}

// IsZero says whether the reference was left empty.
func (r Ref) IsZero() bool { return r.ID == "" }

func (r Ref) String() string { return r.ID }

// Date is a calendar day written AAAA-MM-JJ.
type Date struct{ time.Time }

// String returns the date as written in files.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Format(time.DateOnly)
}

// slugPattern is the shape of every identifier: lowercase ASCII letters and
// digits in words joined by single hyphens. Identifiers are stored in
// learners' progress, so they must survive any file system and any keyboard.
var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// IsSlug says whether s is a valid identifier.
func IsSlug(s string) bool { return len(s) <= 80 && slugPattern.MatchString(s) }

func nodePos(file string, n *yaml.Node) Pos {
	if n == nil {
		return Pos{File: file}
	}
	return Pos{File: file, Line: n.Line, Col: n.Column}
}

// badRune reports the first character that must never reach a terminal from
// content: control characters (escape sequences start with one) and the
// invisible bidirectional overrides that can make text read differently from
// what it is. Newlines are allowed.
func badRune(s string) (rune, bool) {
	for _, r := range s {
		switch {
		case r == '\n':
			continue
		case r < 0x20, r >= 0x7f && r < 0xa0:
			return r, true
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x200e, r == 0x200f, r == 0x061c:
			return r, true
		}
	}
	return 0, false
}

// boolWords are the spellings accepted for yes/no values. French authors
// write "oui"; YAML only knows "true".
var boolWords = map[string]bool{
	"true": true, "false": false, "oui": true, "non": false,
	"vrai": true, "faux": false, "yes": true, "no": false,
}

func parseBool(s string) (bool, bool) {
	v, ok := boolWords[strings.ToLower(strings.TrimSpace(s))]
	return v, ok
}
