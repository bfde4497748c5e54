package lessons

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The YAML parser often names a line far from the mistake: an unclosed
// quote runs on to the next quote of the file and fails there, an unclosed
// bracket is reported on the line before it, an unknown alias at 1:1. The
// functions below look for the mistake itself in the file's lines, once
// the parser has said the file is not valid.

// firstBadByte returns the position of the first byte that is not UTF-8.
func firstBadByte(name string, data []byte) Pos {
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return Pos{File: name, Line: line, Col: col}
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += n
	}
	return Pos{File: name, Line: 1, Col: 1}
}

// column counts the characters of a line before a byte index, plus one.
func column(line string, at int) int { return utf8.RuneCountInString(line[:at]) + 1 }

// oddIndent finds the first line indented with another space than the
// space bar's (a non-breaking space, pasted from a word processor): YAML
// does not count it as indentation.
func oddIndent(lines []string) (line, col int, ok bool) {
	for i, l := range lines {
		for j, r := range l {
			if r == ' ' {
				continue
			}
			if r != '\t' && unicode.Is(unicode.Zs, r) {
				return i + 1, column(l, j), true
			}
			break
		}
	}
	return 0, 0, false
}

// valueStart matches where a value may start on a line: after "key: ",
// after "- ", or at the line's start.
var valueStart = regexp.MustCompile(`^(\s*(?:-\s+)*(?:[^\s#"'\[{][^#]*?:\s+)?(?:-\s+)*)`)

// unclosedOpener finds the first value that opens with a quote or a bracket
// and is not closed where a value must end: never, or by a quote followed
// by more text on its line (the author's text went on after what YAML took
// for its end). It returns the line, column and the opening character.
func unclosedOpener(lines []string) (line, col int, open byte, ok bool) {
	for i, l := range lines {
		if strings.HasPrefix(strings.TrimSpace(l), "#") {
			continue
		}
		m := valueStart.FindString(l)
		if len(m) >= len(l) {
			continue
		}
		c := l[len(m)]
		if c != '"' && c != '\'' && c != '[' && c != '{' {
			continue
		}
		if closesWell(lines, i, len(m)) {
			continue
		}
		return i + 1, column(l, len(m)), c, true
	}
	return 0, 0, 0, false
}

// closesWell says whether the quoted or bracketed value opening at lines[i]
// byte at ends, and ends where a value may: at the end of a line, before a
// comment, a comma or a closing bracket.
func closesWell(lines []string, i, at int) bool {
	open := lines[i][at]
	if open == '"' || open == '\'' {
		for li, pos := i, at+1; li < len(lines); li, pos = li+1, 0 {
			l := lines[li]
			for j := pos; j < len(l); j++ {
				switch {
				case open == '"' && l[j] == '\\':
					j++
				case l[j] == open && open == '\'' && j+1 < len(l) && l[j+1] == '\'':
					j++
				case l[j] == open:
					rest := strings.TrimSpace(l[j+1:])
					return rest == "" || rest[0] == '#' || rest[0] == ',' || rest[0] == ']' || rest[0] == '}' || rest[0] == ':'
				}
			}
		}
		return false
	}
	depth := 0
	var quote byte
	for li, pos := i, at; li < len(lines); li, pos = li+1, 0 {
		l := lines[li]
		if li > i && depth > 0 && strings.TrimSpace(l) != "" && !strings.HasPrefix(l, " ") && quote == 0 {
			return false // a new key at the left edge: the bracket was left open
		}
		for j := pos; j < len(l); j++ {
			c := l[j]
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				if j == 0 || strings.ContainsRune(" [{,", rune(l[j-1])) {
					quote = c
				}
			case c == '[' || c == '{':
				depth++
			case c == ']' || c == '}':
				depth--
				if depth == 0 {
					return true
				}
			case c == '#' && j > 0 && l[j-1] == ' ':
				j = len(l)
			}
		}
	}
	return false
}

// aliasAt finds where an alias (*name) is written as a value.
func aliasAt(lines []string, name string) (line, col int, ok bool) {
	re := regexp.MustCompile(`(?:^\s*(?:-\s+)*|:\s+|[\[{,]\s*)(\*` + regexp.QuoteMeta(name) + `)(?:[\s,\]}]|$)`)
	for i, l := range lines {
		if m := re.FindStringSubmatchIndex(l); m != nil {
			return i + 1, column(l, m[2]), true
		}
	}
	return 0, 0, false
}

var unknownAnchor = regexp.MustCompile(`unknown anchor '([^']*)' referenced`)

// placeSyntax moves a syntax error to the mistake it comes from, when one
// of the usual ones is found in the lines; ok is false otherwise.
func placeSyntax(lines []string, detail string, parserLine int) (line, col int, why term, ok bool) {
	if strings.Contains(detail, "tab") {
		return 0, 0, "", false
	}
	if m := unknownAnchor.FindStringSubmatch(detail); m != nil {
		if l, c, ok := aliasAt(lines, m[1]); ok {
			return l, c, "syn_star", true
		}
		return 0, 0, "", false
	}
	if l, c, ok := oddIndent(lines); ok {
		return l, c, "syn_nbsp", true
	}
	if l, c, open, ok := unclosedOpener(lines); ok && l <= parserLine+1 {
		if open == '"' || open == '\'' {
			return l, c, "syn_quote", true
		}
		return l, c, "syn_bracket", true
	}
	return 0, 0, "", false
}

var (
	rootKey = regexp.MustCompile(`^(lecon|questions|competence|domaines):\s*([a-z0-9-]*)`)
	idKey   = regexp.MustCompile(`^\s*(?:-\s+)?id:\s*["']?([a-z0-9]+(?:-[a-z0-9]+)*)["']?\s*(?:#.*)?$`)
)

// scanIDs reads, line by line, the identifiers a file set aside would have
// given: its lesson, its questions, its competence's skills, its domains.
func scanIDs(f file, into map[string]Pos) map[string]Pos {
	if into == nil {
		into = map[string]Pos{}
	}
	add := func(kind, id string, line int) {
		if _, ok := into[kind+"\x00"+id]; !ok && id != "" {
			into[kind+"\x00"+id] = Pos{File: f.name, Line: line, Col: 1}
		}
	}
	kind := ""
	for i, l := range strings.Split(string(f.data), "\n") {
		if m := rootKey.FindStringSubmatch(l); m != nil {
			switch m[1] {
			case "lecon":
				kind = "question" // the ids below are its check questions'
				add("lesson", m[2], i+1)
			case "questions":
				kind = "question"
			case "competence":
				kind = "skill" // topics too: harmless, no one refers to them
			case "domaines":
				kind = "domain"
			}
			continue
		}
		if m := idKey.FindStringSubmatch(l); m != nil && kind != "" {
			add(kind, m[1], i+1)
		}
	}
	return into
}
