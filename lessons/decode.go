package lessons

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"

	"pasapas/fold"
)

// The decoder turns a YAML node tree into the typed model, driven by the
// struct tags of model.go. It never stops at the first problem: it reports
// each one where it is and goes on, so an author sees every mistake at once.
// A block with a problem is marked broken, and the loader skips it.

type fieldInfo struct {
	index    []int
	key      string
	required bool
	slug     bool
	enum     []string
	hasRange bool
	min, max float64
	doc      string
}

type structInfo struct {
	fields []*fieldInfo
	byKey  map[string]*fieldInfo
	keys   []string
}

var structInfos sync.Map // reflect.Type → *structInfo

func infoOf(t reflect.Type) *structInfo {
	if si, ok := structInfos.Load(t); ok {
		return si.(*structInfo)
	}
	si := &structInfo{byKey: map[string]*fieldInfo{}}
	for i := range t.NumField() {
		sf := t.Field(i)
		tag, ok := sf.Tag.Lookup("key")
		if !ok {
			continue
		}
		parts := strings.Split(tag, ",")
		f := &fieldInfo{index: sf.Index, key: parts[0], doc: sf.Tag.Get("doc")}
		for _, opt := range parts[1:] {
			switch opt {
			case "req":
				f.required = true
			case "slug":
				f.slug = true
			}
		}
		if e := sf.Tag.Get("enum"); e != "" {
			f.enum = strings.Split(e, "|")
		}
		if r := sf.Tag.Get("range"); r != "" {
			lo, hi, _ := strings.Cut(r, ",")
			f.min, _ = strconv.ParseFloat(lo, 64)
			f.max, _ = strconv.ParseFloat(hi, 64)
			f.hasRange = true
		}
		si.fields = append(si.fields, f)
		si.byKey[f.key] = f
		si.keys = append(si.keys, f.key)
	}
	structInfos.Store(t, si)
	return si
}

// valueDecoder is implemented by types whose YAML shape is not a plain block
// (a reference, a date, a step-or-check).
type valueDecoder interface {
	decodeYAML(d *decoder, n *yaml.Node, f *fieldInfo)
}

// maxDepth bounds nesting: real content is less than 10 levels deep.
const maxDepth = 40

type decoder struct {
	file  string
	c     *collector
	stack []*Meta // blocks being decoded, innermost last
	depth int
}

func (d *decoder) pos(n *yaml.Node) Pos { return nodePos(d.file, n) }

// errorf reports a problem and marks every enclosing block broken.
func (d *decoder) errorf(p Pos, code string, args ...any) {
	d.c.errorf(p, code, args...)
	for _, m := range d.stack {
		m.broken = true
	}
}

func (d *decoder) decodeStruct(n *yaml.Node, v reflect.Value, key string) {
	if n.Kind != yaml.MappingNode {
		d.errorf(d.pos(n), "want", key, term("block"))
		return
	}
	m := v.FieldByName("Meta").Addr().Interface().(*Meta)
	m.Pos = d.pos(n)
	m.keys = make([]keyPos, 0, len(n.Content)/2)
	d.stack = append(d.stack, m)
	defer func() { d.stack = d.stack[:len(d.stack)-1] }()

	si := infoOf(v.Type())
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(d.pos(k), "key_not_text")
			continue
		}
		if line := earlierKey(n, i); line > 0 {
			d.errorf(d.pos(k), "duplicate_key", k.Value, line)
			continue
		}
		f := si.byKey[k.Value]
		if f == nil {
			if fix := fold.Closest(k.Value, si.keys); fix != "" {
				d.errorf(d.pos(k), "unknown_key_fix", k.Value, fix)
			} else {
				d.errorf(d.pos(k), "unknown_key", k.Value)
			}
			continue
		}
		m.keys = append(m.keys, keyPos{f.key, d.pos(val)})
		d.decodeValue(val, v.FieldByIndex(f.index), f)
	}
	for _, f := range si.fields {
		if f.required && !m.Has(f.key) {
			d.errorf(m.Pos, "missing", f.key, f.doc)
		}
	}
}

// earlierKey returns the line where the key at index i of a mapping was
// already written, or 0.
func earlierKey(n *yaml.Node, i int) int {
	for j := 0; j < i; j += 2 {
		if n.Content[j].Value == n.Content[i].Value && n.Content[j].Kind == yaml.ScalarNode {
			return n.Content[j].Line
		}
	}
	return 0
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

func (d *decoder) decodeValue(n *yaml.Node, v reflect.Value, f *fieldInfo) {
	switch {
	case n.Kind == yaml.AliasNode:
		d.errorf(d.pos(n), "alias")
		return
	case n.Anchor != "":
		d.errorf(d.pos(n), "anchor", "&"+n.Anchor)
		return
	case n.Tag != "" && !strings.HasPrefix(n.Tag, "!!"):
		d.errorf(d.pos(n), "tag", n.Tag)
		return
	}
	d.depth++
	defer func() { d.depth-- }()
	if d.depth > maxDepth {
		d.errorf(d.pos(n), "too_deep")
		return
	}
	if v.CanAddr() {
		if vd, ok := v.Addr().Interface().(valueDecoder); ok {
			vd.decodeYAML(d, n, f)
			return
		}
	}
	switch v.Kind() {
	case reflect.Pointer:
		if isNull(n) {
			if f.required {
				d.errorf(d.pos(n), "empty", f.key)
			}
			return
		}
		p := reflect.New(v.Type().Elem())
		d.decodeValue(n, p.Elem(), f)
		v.Set(p)
	case reflect.Struct:
		d.decodeStruct(n, v, f.key)
	case reflect.String:
		s, ok := d.scalar(n, f, "text")
		if !ok {
			return
		}
		if s == "" && (f.required || f.slug || f.enum != nil) {
			d.errorf(d.pos(n), "empty", f.key)
			return
		}
		if f.enum != nil && s != "" && !slices.Contains(f.enum, s) {
			if fix := fold.Closest(s, f.enum); fix != "" {
				d.errorf(d.pos(n), "enum_fix", f.key, s, fix)
			} else {
				d.errorf(d.pos(n), "enum", f.key, s, strings.Join(f.enum, ", "))
			}
			return
		}
		if f.slug && !IsSlug(s) {
			d.errorf(d.pos(n), "slug", s)
			return
		}
		if n.LineComment != "" && n.Style == 0 && !f.slug && f.enum == nil {
			// "Tapez le code #123." loses "#123." without a word from
			// YAML: the author must hear about it.
			cut := strings.TrimPrefix(n.LineComment, "#")
			if len([]rune(cut)) > 20 {
				cut = string([]rune(cut)[:20]) + "…"
			}
			d.c.warnf(d.pos(n), "cut_comment", cut)
		}
		v.SetString(s)
	case reflect.Int:
		if n.Kind != yaml.ScalarNode || n.Tag != "!!int" {
			d.errorf(d.pos(n), "want", f.key, term("int"))
			return
		}
		i, err := strconv.Atoi(n.Value)
		if err != nil {
			d.errorf(d.pos(n), "want", f.key, term("int"))
			return
		}
		if f.hasRange && (float64(i) < f.min || float64(i) > f.max) {
			d.errorf(d.pos(n), "range", f.key, i, f.min, f.max)
			return
		}
		v.SetInt(int64(i))
	case reflect.Float64:
		if n.Kind != yaml.ScalarNode || (n.Tag != "!!int" && n.Tag != "!!float") {
			d.errorf(d.pos(n), "want", f.key, term("number"))
			return
		}
		x, err := strconv.ParseFloat(n.Value, 64)
		if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
			d.errorf(d.pos(n), "want", f.key, term("number"))
			return
		}
		if f.hasRange && (x < f.min || x > f.max) {
			d.errorf(d.pos(n), "range", f.key, x, f.min, f.max)
			return
		}
		v.SetFloat(x)
	case reflect.Bool:
		b, ok := false, n.Kind == yaml.ScalarNode
		if ok {
			b, ok = parseBool(n.Value)
		}
		if !ok {
			d.errorf(d.pos(n), "want", f.key, term("bool"))
			return
		}
		v.SetBool(b)
	case reflect.Slice:
		d.decodeSlice(n, v, f)
	default:
		panic(fmt.Sprintf("lessons: no decoder for %s", v.Type()))
	}
}

func (d *decoder) decodeSlice(n *yaml.Node, v reflect.Value, f *fieldInfo) {
	if isNull(n) {
		if f.required {
			d.errorf(d.pos(n), "empty", f.key)
		}
		return
	}
	items := n.Content
	if n.Kind != yaml.SequenceNode {
		// A single text where a list of texts or references is expected is
		// read as a list of one: "attention: Ne donnez jamais…" just works.
		elem := v.Type().Elem()
		if n.Kind == yaml.ScalarNode && (elem.Kind() == reflect.String || elem == reflect.TypeFor[Ref]()) {
			items = []*yaml.Node{n}
		} else {
			d.errorf(d.pos(n), "want", f.key, term("list"))
			return
		}
	}
	if len(items) == 0 && f.required {
		d.errorf(d.pos(n), "empty", f.key)
		return
	}
	s := reflect.MakeSlice(v.Type(), len(items), len(items))
	elemField := *f
	elemField.required = true // an empty item in a list is always a mistake
	for i, item := range items {
		if v.Type().Elem().Kind() == reflect.String {
			d.listItem(f.key, i, item)
		}
		d.decodeValue(item, s.Index(i), &elemField)
	}
	v.Set(s)
}

// scalar reads a text value and checks it holds no forbidden character.
func (d *decoder) scalar(n *yaml.Node, f *fieldInfo, want string) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		d.errorf(d.pos(n), "want", f.key, term(want))
		return "", false
	}
	if isNull(n) {
		return "", true
	}
	if r, bad := badRune(n.Value); bad {
		d.errorf(d.pos(n), "control", int(r))
		return "", false
	}
	return fold.NFC(n.Value), true
}

func (r *Ref) decodeYAML(d *decoder, n *yaml.Node, f *fieldInfo) {
	s, ok := d.scalar(n, f, "text")
	if !ok {
		return
	}
	if s == "" {
		if f.required {
			d.errorf(d.pos(n), "empty", f.key)
		}
		return
	}
	*r = Ref{ID: strings.TrimSpace(s), Pos: d.pos(n)}
}

func (dt *Date) decodeYAML(d *decoder, n *yaml.Node, f *fieldInfo) {
	s, ok := d.scalar(n, f, "date")
	if !ok {
		return
	}
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		d.errorf(d.pos(n), "date", s)
		return
	}
	dt.Time = t
}

// decodeYAML reads one entry of a lesson's "etapes": a check when it holds
// the key "verifier", a step otherwise.
func (it *LessonItem) decodeYAML(d *decoder, n *yaml.Node, f *fieldInfo) {
	if n.Kind != yaml.MappingNode {
		d.errorf(d.pos(n), "want", f.key, term("block"))
		return
	}
	var check *yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "verifier" {
			check = n.Content[i+1]
		}
	}
	if check == nil {
		it.Step = &Step{}
		d.decodeStruct(n, reflect.ValueOf(it.Step).Elem(), f.key)
		return
	}
	c := &Check{Meta: Meta{Pos: d.pos(n), keys: []keyPos{{"verifier", d.pos(check)}}}}
	it.Check = c
	d.stack = append(d.stack, &c.Meta)
	defer func() { d.stack = d.stack[:len(d.stack)-1] }()
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Value != "verifier" {
			d.errorf(d.pos(k), "check_mixed", k.Value)
		}
	}
	vf := &fieldInfo{key: "verifier", required: true}
	switch {
	case check.Kind == yaml.MappingNode:
		c.Question = &Question{}
		d.decodeStruct(check, reflect.ValueOf(c.Question).Elem(), "verifier")
	case check.Kind == yaml.AliasNode:
		d.errorf(d.pos(check), "alias")
	default:
		c.Ref.decodeYAML(d, check, vf)
		if c.Ref.IsZero() {
			d.errorf(d.pos(check), "empty", "verifier")
		}
	}
}
