package lessons

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"pasapas/i18n"
)

// Tree is a tree of content files: a file system, and the name under which
// its paths are shown to authors. Only, when set, restricts it to one file.
type Tree struct {
	FS   fs.FS
	Name string
	Only string

	builtin bool // the library embedded in the binary (Builtin)
}

// Dir is the content under a directory of the disk, or a single file.
func Dir(dir string) Tree {
	name := path.Clean(strings.ReplaceAll(dir, "\\", "/"))
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		parent, base := filepath.Split(dir)
		if parent == "" {
			parent = "."
		}
		return Tree{FS: os.DirFS(parent), Name: path.Dir(name), Only: base}
	}
	return Tree{FS: os.DirFS(dir), Name: name}
}

// Options tune a load.
type Options struct {
	// Today is the date used to find stale sources; zero means now.
	Today time.Time
}

// File is one content file, read but not yet checked.
type file struct {
	name    string // as shown to authors
	data    []byte
	builtin bool // from the built-in library
}

// Load reads every .yaml and .yml file of the trees, checks them and builds
// one catalogue per language. It never fails as a whole: a broken file or
// block is left out, and the reasons are in Library.Diagnostics.
func Load(opts Options, trees ...Tree) *Library {
	var files []file
	c := &collector{}
	for _, src := range trees {
		if src.Only != "" {
			name := path.Join(src.Name, src.Only)
			if data, err := fs.ReadFile(src.FS, src.Only); err != nil {
				c.readError(name, err)
			} else {
				files = append(files, file{name: name, data: data, builtin: src.builtin})
			}
			continue
		}
		if _, err := fs.Stat(src.FS, "."); errors.Is(err, fs.ErrNotExist) {
			c.errorf(Pos{File: src.Name}, "no_dir", src.Name)
			continue
		}
		err := fs.WalkDir(src.FS, ".", func(p string, de fs.DirEntry, err error) error {
			name := path.Join(src.Name, p)
			if err != nil {
				c.readError(name, err)
				return nil
			}
			base := de.Name()
			if p != "." && strings.HasPrefix(base, ".") {
				if de.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if de.IsDir() {
				return nil
			}
			switch lower := strings.ToLower(base); {
			case strings.HasSuffix(lower, ".yaml.txt"), strings.HasSuffix(lower, ".yml.txt"):
				// Windows hides known extensions: the author believes the
				// file is called ".yaml".
				c.warnf(Pos{File: name, Line: 1, Col: 1}, "not_yaml")
				return nil
			case !strings.HasSuffix(lower, ".yaml") && !strings.HasSuffix(lower, ".yml"):
				return nil
			}
			data, err := fs.ReadFile(src.FS, p)
			if err != nil {
				c.readError(name, err)
				return nil
			}
			files = append(files, file{name: name, data: data, builtin: src.builtin})
			return nil
		})
		if err != nil {
			c.readError(src.Name, err)
		}
	}
	return loadFiles(opts, c, withoutShadowed(files))
}

// withoutShadowed drops the built-in library's files that a folder also
// gives: "pasapas check content/fr", the natural command while editing the
// built-in library, checks the folder's files in place of the embedded
// ones rather than against them. A folder file stands for a built-in one
// when its path ends with the built-in one's (content/fr/01-mail/…), or,
// for a folder named otherwise (check fr, from inside content), when it
// also has the same bytes.
func withoutShadowed(files []file) []file {
	var folder []file
	for _, f := range files {
		if !f.builtin {
			folder = append(folder, f)
		}
	}
	if len(folder) == 0 {
		return files
	}
	shadowed := func(b file) bool {
		rel := strings.TrimPrefix(b.name, "content/")
		for _, f := range folder {
			if f.name == b.name || strings.HasSuffix(f.name, "/"+b.name) ||
				(strings.HasSuffix("/"+f.name, "/"+rel) && bytes.Equal(f.data, b.data)) {
				return true
			}
		}
		return false
	}
	return slices.DeleteFunc(files, func(f file) bool { return f.builtin && shadowed(f) })
}

// readError reports a file or folder that cannot be read, in plain words
// for the usual causes.
func (c *collector) readError(name string, err error) {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		c.errorf(Pos{File: name}, "no_dir", name)
	case errors.Is(err, fs.ErrPermission):
		c.errorf(Pos{File: name}, "read_denied")
	default:
		c.errorf(Pos{File: name}, "read", err)
	}
}

// parsed is everything decoded from the files, before cross-file checks.
type parsed struct {
	domains     []*Domain
	competences []*Competence
	lessons     []*Lesson
	questions   []*Question
	words       []*Word
	ateliers    []*Atelier // checked once the catalogue is built (atelier.go)
	skipped     []Skip
	// aside are the identifiers seen in files set aside whole (not
	// valid YAML, not UTF-8), by kind and id: a reference to one of them
	// says where it is rather than that it does not exist.
	aside map[string]Pos
}

func loadFiles(opts Options, c *collector, files []file) *Library {
	if opts.Today.IsZero() {
		opts.Today = time.Now()
	}
	p := decodeAll(c, files)
	lib := &Library{}
	v := &validator{c: c, builtin: map[string]bool{}}
	for _, f := range files {
		if f.builtin {
			v.builtin[f.name] = true
		}
	}
	frOwn, enOwn := p.ofLang(i18n.FR), p.ofLang(i18n.EN)
	check(v, frOwn)
	check(v, enOwn)
	fr, en := newCatalogue(i18n.FR), newCatalogue(i18n.EN)
	fr.link(v, frOwn, p, nil)
	en.link(v, enOwn, p, fr)
	lib.catalogues = map[i18n.Lang]*Catalogue{i18n.FR: fr, i18n.EN: en}
	for _, cat := range lib.catalogues {
		checkPlainLanguage(c, cat, opts.Today)
	}
	lib.Ateliers = checkAteliers(c, p.ateliers, fr)
	lib.Skipped = p.skipped
	for _, a := range p.ateliers {
		if a.Broken() {
			lib.Skipped = append(lib.Skipped, Skip{Pos: a.Pos, Kind: "atelier", ID: a.ID})
		}
	}
	for _, cat := range lib.catalogues {
		lib.Skipped = append(lib.Skipped, cat.skipped...)
	}
	c.list.Sort()
	lib.Diagnostics = c.list
	return lib
}

// decodeAll parses and decodes the files on every core: YAML parsing is most
// of a load's time. Each file has its own results, merged in file order so
// that a load says the same thing every time.
func decodeAll(c *collector, files []file) *parsed {
	type result struct {
		p parsed
		c collector
	}
	results := make([]result, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Go(func() {
			for i := range next {
				results[i].p.decodeFile(&results[i].c, files[i])
			}
		})
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	all := &parsed{}
	for i := range results {
		r := &results[i]
		c.list = append(c.list, r.c.list...)
		all.domains = append(all.domains, r.p.domains...)
		all.competences = append(all.competences, r.p.competences...)
		all.lessons = append(all.lessons, r.p.lessons...)
		all.questions = append(all.questions, r.p.questions...)
		all.words = append(all.words, r.p.words...)
		all.ateliers = append(all.ateliers, r.p.ateliers...)
		all.skipped = append(all.skipped, r.p.skipped...)
		for k, v := range r.p.aside {
			if all.aside == nil {
				all.aside = map[string]Pos{}
			}
			if _, seen := all.aside[k]; !seen {
				all.aside[k] = v
			}
		}
	}
	return all
}

// kindKeys name each kind of file by the key that announces it.
var kindKeys = []struct {
	key  string
	kind fileKind
}{
	{"domaines", kindDomains},
	{"competence", kindCompetence},
	{"lecon", kindLesson},
	{"questions", kindBank},
	{"glossaire", kindGlossary},
	{"atelier", kindAtelier},
}

func (p *parsed) decodeFile(c *collector, f file) {
	filePos := Pos{File: f.name, Line: 1, Col: 1}
	if !utf8.Valid(f.data) || bytes.HasPrefix(f.data, []byte{0xff, 0xfe}) || bytes.HasPrefix(f.data, []byte{0xfe, 0xff}) {
		at := filePos
		if !bytes.HasPrefix(f.data, []byte{0xff, 0xfe}) && !bytes.HasPrefix(f.data, []byte{0xfe, 0xff}) {
			at = firstBadByte(f.name, f.data) // an UTF-16 file is wrong from its first byte
		}
		c.errorf(at, "not_utf8")
		p.aside = scanIDs(f, p.aside)
		p.skipped = append(p.skipped, Skip{Pos: filePos})
		return
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(f.data, &doc); err != nil {
		pos, why, detail := syntaxProblem(f, err)
		c.errorf(pos, "syntax", why, detail)
		p.aside = scanIDs(f, p.aside)
		p.skipped = append(p.skipped, Skip{Pos: filePos})
		return
	}
	if doc.Kind == 0 || len(doc.Content) == 0 || isNull(doc.Content[0]) {
		c.errorf(filePos, "empty_file")
		p.skipped = append(p.skipped, Skip{Pos: filePos})
		return
	}
	todoMarks(c, f.name, f.data)
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		c.errorf(nodePos(f.name, root), "not_mapping")
		p.skipped = append(p.skipped, Skip{Pos: filePos})
		return
	}
	var kind fileKind
	var kindKey string
	for i := 0; i+1 < len(root.Content); i += 2 {
		k := root.Content[i]
		for _, kk := range kindKeys {
			if k.Value != kk.key {
				continue
			}
			if kk.key == kindKey {
				// The same key written twice: the decoder reports it as
				// such, where it is.
				continue
			}
			if kind != kindUnknown {
				c.errorf(nodePos(f.name, k), "many_kinds", term("kind_"+kindKey), term("kind_"+kk.key))
				p.skipped = append(p.skipped, Skip{Pos: filePos})
				return
			}
			kind, kindKey = kk.kind, kk.key
		}
	}
	d := &decoder{file: f.name, c: c}
	decode := func(v any) {
		d.decodeStruct(root, reflect.ValueOf(v).Elem(), kindKey)
	}
	switch kind {
	case kindDomains:
		var df domainsFile
		decode(&df)
		for i := range df.Domains {
			dm := &df.Domains[i]
			dm.Lang = langOr(df.Lang)
			p.domains = append(p.domains, dm)
		}
	case kindCompetence:
		comp := &Competence{}
		decode(comp)
		comp.Lang = langOr(comp.Lang)
		p.competences = append(p.competences, comp)
	case kindLesson:
		l := &Lesson{}
		decode(l)
		l.Lang = langOr(l.Lang)
		for _, it := range l.Items {
			if it.Check != nil && it.Check.Question != nil {
				it.Check.Question.Lesson = l
				it.Check.Question.Lang = l.Lang
			}
		}
		p.lessons = append(p.lessons, l)
	case kindBank:
		var bf bankFile
		decode(&bf)
		for i := range bf.Questions {
			q := &bf.Questions[i]
			q.Lang = langOr(bf.Lang)
			p.questions = append(p.questions, q)
		}
	case kindGlossary:
		var gf glossaryFile
		decode(&gf)
		for i := range gf.Words {
			w := &gf.Words[i]
			w.Lang = langOr(gf.Lang)
			p.words = append(p.words, w)
		}
	case kindAtelier:
		a := &Atelier{}
		decode(a)
		p.ateliers = append(p.ateliers, a)
	default:
		c.errorf(filePos, "no_kind")
		p.skipped = append(p.skipped, Skip{Pos: filePos})
	}
}

func langOr(l i18n.Lang) i18n.Lang {
	if l == "" {
		return i18n.FR
	}
	return l
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxProblem turns the YAML parser's English message into a place, a
// plain explanation of the usual causes, and the parser's own words.
func syntaxProblem(f file, err error) (Pos, term, string) {
	msg := err.Error()
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		msg = te.Errors[0]
	}
	pos := Pos{File: f.name, Line: 1, Col: 1}
	detail := strings.TrimPrefix(msg, "yaml: ")
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		pos.Line, _ = strconv.Atoi(m[1])
		detail = m[2]
	}
	lines := strings.Split(string(f.data), "\n")
	lineAt := func(n int) string {
		if n >= 1 && n <= len(lines) {
			return lines[n-1]
		}
		return ""
	}
	// The parser sometimes names the line before a tab.
	if strings.Contains(detail, "tab") && !strings.Contains(lineAt(pos.Line), "\t") && strings.Contains(lineAt(pos.Line+1), "\t") {
		pos.Line++
	}
	if l, col, why, ok := placeSyntax(lines, detail, pos.Line); ok {
		pos.Line, pos.Col = l, col
		return pos, why, detail
	}
	lineText := lineAt(pos.Line)
	// The parser only knows the line; point at the likely column. The
	// indexes below count bytes; the column counts characters, as the
	// guide says (« le 5e caractère ») and as editors do: "é" is one.
	var at int
	switch {
	case strings.Contains(lineText, "\t"):
		at = strings.Index(lineText, "\t")
	case strings.Contains(detail, "cannot start any token") && valueStart.MatchString(lineText) &&
		strings.ContainsAny(lineText[len(valueStart.FindString(lineText)):], "@`%"):
		// The value starts with a character YAML keeps: point at it.
		at = len(valueStart.FindString(lineText))
	case strings.Contains(detail, "end of stream") && strings.ContainsAny(lineText, `"'`):
		at = strings.IndexAny(lineText, `"'`)
	case strings.Contains(detail, "mapping values") && strings.Count(lineText, ": ") > 1:
		first := strings.Index(lineText, ": ")
		at = first + 2 + strings.Index(lineText[first+2:], ": ")
	default:
		at = len(lineText) - len(strings.TrimLeft(lineText, " "))
	}
	pos.Col = utf8.RuneCountInString(lineText[:at]) + 1
	return pos, explainSyntax(detail, lineText), detail
}

// explainSyntax says in plain words what the parser means, as a term; the
// parser's own message is kept in brackets for the expert who helps.
func explainSyntax(detail, line string) term {
	switch {
	case strings.Contains(line, "\t") || strings.Contains(detail, "tab character"):
		return "syn_tab"
	case strings.Contains(detail, "unknown anchor"), strings.Contains(detail, "expected alphabetic or numeric character"):
		return "syn_star"
	case strings.Contains(detail, "mapping values are not allowed"):
		return "syn_colon"
	case strings.Contains(detail, "could not find expected ':'"):
		return "syn_nocolon"
	case strings.Contains(detail, "did not find expected key"), strings.Contains(detail, "did not find expected '-' indicator"):
		return "syn_indent"
	case strings.Contains(detail, "found unexpected end of stream"), strings.Contains(detail, "did not find expected"):
		return "syn_unclosed"
	case strings.Contains(detail, "found character that cannot start any token"):
		return "syn_start"
	}
	return "syn_other"
}

// Library is the result of a load: a catalogue per language, what was left
// out, and every problem found.
type Library struct {
	catalogues  map[i18n.Lang]*Catalogue
	Skipped     []Skip
	Diagnostics Diagnostics
	// Ateliers are the sound atelier files (atelier.go).
	Ateliers []*Atelier
}

// Catalogue returns the content in a language. Items not translated into
// English are given in French.
func (lib *Library) Catalogue(l i18n.Lang) *Catalogue {
	if c, ok := lib.catalogues[l]; ok {
		return c
	}
	return lib.catalogues[i18n.FR]
}

// Skip names a file or a block left out because of an error.
type Skip struct {
	Pos  Pos
	Kind string // "lecon", "question", "competence"… empty for a whole file
	ID   string
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
