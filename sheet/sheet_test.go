package sheet

import (
	"bytes"
	"html/template"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"pasapas/i18n"
)

func TestMarkdown(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Appuyez sur **Envoyer**.", "Appuyez sur <strong>Envoyer</strong>."},
		{"Un *vrai* site, un _faux_ site.", "Un <em>vrai</em> site, un <em>faux</em> site."},
		{"mon_fichier_final.pdf", "mon_fichier_final.pdf"},
		{"Une ligne.\nUne autre.", "Une ligne.<br>\nUne autre."},
		{"Avant :\n- un\n- **deux**\n\nAprès.", "<p>Avant\u00a0:</p>\n<ul>\n<li>un</li>\n<li><strong>deux</strong></li>\n</ul>\n<p>Après.</p>"},
		{"1. premier\n2) second", "<ol>\n<li>premier</li>\n<li>second</li>\n</ol>"},
		{`<script>alert("x")</script> & <b>gras</b>`, "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;gras&lt;/b&gt;"},
		{"**<img src=x onerror=alert(1)>**", "<strong>&lt;img src=x onerror=alert(1)&gt;</strong>"},
		{"[lien](javascript:alert(1)) `code` # titre", "[lien](javascript:alert(1)) `code` # titre"},
		{"Le site « impots.gouv » ?", "Le site «\u00a0impots.gouv\u00a0»\u00a0?"},
		{"a\x1b[31mb\u202ec", "a[31mbc"},
	} {
		if got := string(Markdown(c.in)); got != c.want {
			t.Errorf("Markdown(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
	}
}

// TestRenderEscapesAndSizes: every text of every block is escaped, the
// only tags are the page's own, and body text is 12 pt.
func TestRenderEscapesAndSizes(t *testing.T) {
	evil := `<script>alert(1)</script>`
	d := Document{
		Lang: i18n.FR, Title: evil, Subtitle: evil, Footer: evil,
		Blocks: []Block{
			Heading(evil), Text(evil), Bullets(evil, evil), ShortBullets(evil, evil),
			Steps(evil, Step{Title: evil, Action: evil, Result: evil, Variants: []Variant{{Device: evil, Text: evil}}}),
			Box(Remember, evil, evil), Box(Warning, evil, evil), Box(Help, evil, evil),
			Fields(Field{evil, evil}), Table(evil, []string{evil}, [][]string{{evil}}), Notes(evil, 3), Signature(evil, evil),
		},
	}
	var b bytes.Buffer
	if err := Render(&b, d); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if strings.Contains(page, "<script") {
		t.Errorf("a text came out as a tag:\n%s", page)
	}
	if n := strings.Count(page, "&lt;script&gt;"); n < 25 {
		t.Errorf("only %d texts escaped, want every one of them", n)
	}
	for _, want := range []string{`<html lang="fr">`, "size: A4", "font-size: 12pt", `class="tick"`, `class="box warning"`, `class="signature"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	// No size below the body's anywhere in the style sheet.
	for _, m := range regexp.MustCompile(`font-size:\s*([\d.]+)(pt|px|em|rem|%)`).FindAllStringSubmatch(page, -1) {
		if size, _ := strconv.ParseFloat(m[1], 64); m[2] != "pt" || size < BodyPt {
			t.Errorf("font-size %s%s in the page: sizes are in points, 12 at least", m[1], m[2])
		}
	}
	if strings.Contains(page, "http") || strings.Contains(page, "src=") {
		t.Error("the page fetches something: it must print offline")
	}
	var _ template.HTML = Markdown("")
}
