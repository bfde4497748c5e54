// Package sheet renders printable pages: one HTML file, A4, that any
// browser prints well (« Imprimer », or save as PDF). It has one job: lay
// out a Document. What goes on a page — a lesson's handout (pasapas fiche),
// a learner's « Ce que j'ai appris aujourd'hui », an attestation — is built
// elsewhere (package fiche) from the blocks below, which cover the three:
//
//   - Heading, Text, Bullets: titles, paragraphs and lists of lesson text,
//     in the small Markdown lessons may use (bold, italics, lists, one
//     sentence a line), everything else shown as typed and escaped;
//   - Steps: numbered steps with a tick box, an action, what to see;
//   - Box: « À retenir », « Attention », « Où trouver de l'aide »;
//   - Fields: label and value lines (a structure, a name, a period, hours);
//   - Table: a small table (competences and levels);
//   - Notes: ruled lines to write on;
//   - Signature: signature lines (date, names).
//
// The page is html/template's: every text is escaped, and Markdown adds no
// tag but <strong>, <em>, <ul>, <ol>, <li>, <p> and <br>. Body text is 12 pt
// at least (BodyPt), on A4 with margins a home printer keeps; the page has
// no script, no image and nothing fetched from outside, so it prints the
// same offline.
package sheet

import (
	"bytes"
	"embed"
	"html/template"
	"io"
	"os"
	"path/filepath"

	"pasapas/i18n"
)

// BodyPt is the size of body text, in points: FALC asks for 12 at least
// (../shared/research/content.md §2).
const BodyPt = 12

// Document is one printable page (or two).
type Document struct {
	Lang     i18n.Lang // the page's language (lang attribute, hyphenation)
	Title    string    // the browser's title and the main heading
	Subtitle string    // a line under the heading: level and time, a date
	Blocks   []Block
	Footer   string // a last, quieter line: where the sheet comes from
}

// BoxKind chooses how a Box looks.
type BoxKind string

// The kinds of boxes.
const (
	Remember BoxKind = "remember" // À retenir: a thick left rule
	Warning  BoxKind = "warning"  // Attention: a thick frame
	Help     BoxKind = "help"     // Où trouver de l'aide: a thin frame
)

// Step is one step of a handout: a tick box, its number, a title, the
// action, what should be seen, and per device what differs.
type Step struct {
	Title  string // plain text, may be empty
	Action string // lesson Markdown
	Result string // lesson Markdown, may be empty
	// Variants are lines such as « Sur iPhone : … » (lesson Markdown).
	Variants []Variant
}

// Variant is what a step says on one device.
type Variant struct {
	Device string // « Sur un iPhone »
	Text   string // lesson Markdown
}

// Field is a label and its value.
type Field struct{ Label, Value string }

// Block is one part of a page, made by the functions below.
type Block struct {
	Kind     string
	Title    string
	Text     template.HTML
	Items    []template.HTML
	Steps    []renderedStep
	Fields   []Field
	Header   []string
	Rows     [][]string
	Lines    []struct{}
	Box      BoxKind
	Columns  bool // a list of short items, in two columns
	Captions []string
}

type renderedStep struct {
	N        int
	Title    string
	Action   template.HTML
	Result   template.HTML
	Variants []renderedVariant
}

type renderedVariant struct {
	Device string
	Text   template.HTML
}

// Heading is a section's title.
func Heading(text string) Block { return Block{Kind: "heading", Title: text} }

// Text is a paragraph (or several) of lesson Markdown.
func Text(markdown string) Block { return Block{Kind: "text", Text: Markdown(markdown)} }

// Bullets is a list whose items are lesson Markdown, under an optional
// title.
func Bullets(title string, items ...string) Block {
	return Block{Kind: "bullets", Title: title, Items: inlines(items)}
}

// ShortBullets is a list of short items (words and their meaning), laid
// in two columns.
func ShortBullets(title string, items ...string) Block {
	b := Bullets(title, items...)
	b.Columns = true
	return b
}

// Steps are numbered steps, each with a tick box.
func Steps(title string, steps ...Step) Block {
	b := Block{Kind: "steps", Title: title}
	for i, s := range steps {
		r := renderedStep{N: i + 1, Title: s.Title, Action: Markdown(s.Action), Result: Markdown(s.Result)}
		for _, v := range s.Variants {
			r.Variants = append(r.Variants, renderedVariant{v.Device, Markdown(v.Text)})
		}
		b.Steps = append(b.Steps, r)
	}
	return b
}

// Box frames a titled list of lesson Markdown.
func Box(kind BoxKind, title string, items ...string) Block {
	return Block{Kind: "box", Box: kind, Title: title, Items: inlines(items)}
}

// Fields are label and value lines.
func Fields(fields ...Field) Block { return Block{Kind: "fields", Fields: fields} }

// Table is a small table of plain text.
func Table(title string, header []string, rows [][]string) Block {
	return Block{Kind: "table", Title: title, Header: header, Rows: rows}
}

// Notes are n ruled lines to write on, under a title.
func Notes(title string, n int) Block {
	return Block{Kind: "notes", Title: title, Lines: make([]struct{}, n)}
}

// Signature is a row of signature spaces, one per caption (« Le
// médiateur », « La personne »).
func Signature(captions ...string) Block { return Block{Kind: "signature", Captions: captions} }

func inlines(items []string) []template.HTML {
	out := make([]template.HTML, 0, len(items))
	for _, it := range items {
		out = append(out, Markdown(it))
	}
	return out
}

//go:embed page.html.tmpl
var files embed.FS

var page = template.Must(template.New("page.html.tmpl").Funcs(template.FuncMap{
	"bodyPt": func() int { return BodyPt },
}).ParseFS(files, "page.html.tmpl"))

// Render writes the document as one HTML page.
func Render(w io.Writer, d Document) error {
	if d.Lang == "" {
		d.Lang = i18n.FR
	}
	return page.Execute(w, d)
}

// WriteFile renders the document into a file, written whole or not at
// all (a temporary file renamed), readable by the learner or médiateur who
// asked for it.
func WriteFile(path string, d Document) error { return writeFile(path, d, 0o644) }

// WritePrivate is WriteFile for a page about one person (an attestation):
// the file is the OS user's only (0600), as the progress file is.
func WritePrivate(path string, d Document) error { return writeFile(path, d, 0o600) }

func writeFile(path string, d Document, perm os.FileMode) error {
	var b bytes.Buffer
	if err := Render(&b, d); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".sheet-*.html")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(b.Bytes()); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), perm); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}
