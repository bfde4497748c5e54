package tutor

import (
	"bytes"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"pasapas/i18n"
	"pasapas/lessons"
	"pasapas/progress"
)

// ready draws something with its lesson texts drawn by Glamour first, as
// the model does over two messages (the frame's texts are asked for in
// Update, drawn in a command, and brought back into the cache).
func ready(ctx *Context, draw func() string) string {
	var missing []mdKey
	ctx.collect = &missing
	draw()
	ctx.collect = nil
	out := map[mdKey]string{}
	for _, k := range missing {
		out[k] = ctx.md.render(k, ctx.Theme)
	}
	ctx.md.store(renderedMsg{out})
	return draw()
}

// markdownLib is the frozen content of the Markdown golden screens: one
// lesson with lists, emphasis and the addresses below.
var markdownLib = lessons.Load(lessons.Options{Today: testToday}, lessons.Dir("testdata/markdown"))

// exactly are written in the test lesson and must be drawn as written, each
// on one line: a web address, a page, an e-mail address, a file name and a
// code.
var exactly = []string{"www.impots.gouv.fr", "ameli.fr/assure", "prenom.nom@laposte.net", "mon-fichier-final.pdf", "F12345-abc"}

// markdownPages are the pages of the test lesson the golden screens keep.
func markdownPages() []namedScreen {
	open := func(h *harness) screen {
		return newLessonScreen(h.m.ctx, markdownLib.Catalogue(i18n.FR).Lesson("demarches-adresses"))
	}
	return []namedScreen{
		{name: "step-bullets", make: open, after: func(h *harness) { h.press("enter") }},
		{name: "step-numbers", make: open, after: func(h *harness) { h.press("enter", "right") }},
		{name: "check-feedback", make: open, after: func(h *harness) { h.press("enter", "right", "right", "1", "enter") }},
		{name: "recap", make: open, after: func(h *harness) {
			s := h.m.top().(*lessonScreen)
			s.at = len(s.pages) - 1
		}},
	}
}

// TestGoldenMarkdown keeps the pictures of a lesson with a list, emphasis,
// and addresses, a file name and a code, at 80 and 40 columns in every
// theme (go test ./tutor -run Golden -update rewrites them). Each address
// is drawn whole, on one line, wherever a text holds it.
func TestGoldenMarkdown(t *testing.T) {
	if n := markdownLib.Diagnostics.Errors(); n > 0 {
		t.Fatalf("the content has %d errors: %v", n, markdownLib.Diagnostics)
	}
	for _, th := range []Theme{defaultTheme(), contrastTheme(), asciiTheme()} {
		for _, sz := range [][2]int{{80, 30}, {40, 30}} {
			t.Run(fmt.Sprintf("%s-%dx%d", th.Name, sz[0], sz[1]), func(t *testing.T) {
				h := loggedIn(t, th, markdownLib)
				seen := map[string]bool{}
				for _, ns := range markdownPages() {
					t.Run(ns.name, func(t *testing.T) {
						h.show(ns, sz[0], sz[1])
						view := h.m.View().Content
						golden.RequireEqual(t, view)
						for _, l := range strings.Split(ansi.Strip(view), "\n") {
							for _, a := range exactly {
								if strings.Contains(l, a) {
									seen[a] = true
								}
							}
						}
					})
				}
				for _, a := range exactly {
					if !seen[a] {
						t.Errorf("%s is never drawn whole", a)
					}
				}
				// Every text drawn, every address in it, as often as it is
				// written, each on one line.
				if len(h.m.ctx.md.done) == 0 {
					t.Fatal("no lesson text went through Glamour")
				}
				for k, out := range h.m.ctx.md.done {
					checkDrawn(t, k, out)
				}
			})
		}
	}
}

// The pages of the Markdown lesson fit every size, as every other screen
// does (TestEveryScreenFitsEverySize): no line of the body wider than the
// window.
func TestMarkdownPagesFitEverySize(t *testing.T) {
	for _, th := range []Theme{defaultTheme(), asciiTheme()} {
		h := loggedIn(t, th, markdownLib)
		for _, ns := range markdownPages() {
			for _, sz := range [][2]int{{40, 12}, {41, 13}, {47, 20}, {53, 15}, {80, 24}, {121, 40}, {300, 100}} {
				h.show(ns, sz[0], sz[1])
				if tooWide(h.m.renderBody(sz[0], sz[1]-2-h.m.bodyTop), sz[0]) {
					t.Errorf("%s %s at %dx%d: a line of the body is wider than the window", th.Name, ns.name, sz[0], sz[1])
				}
				for k, out := range h.m.ctx.md.done {
					checkDrawn(t, k, out)
				}
			}
		}
	}
}

// addressLike finds what must never be cut or rewritten: words joined by
// dots, hyphens, @ or slashes (addresses, file names, codes, and words such
// as « peut-être »).
var addressLike = regexp.MustCompile(`[\p{L}\p{N}][\p{L}\p{N}_%+]*(?:[.@/-][\p{L}\p{N}_%+]+)+/?`)

// checkDrawn checks one text as Glamour and the layout drew it: no
// hyperlink or other non-SGR sequence, no "http://" or "mailto:" the author
// did not write, every address-like word of the source on one line (when
// it fits the width), no line wider than the width, and in the ASCII theme
// nothing but ASCII beyond what the author wrote.
func checkDrawn(t *testing.T, k mdKey, out string) {
	t.Helper()
	if strings.Contains(out, "\x1b]") || strings.Contains(out, "\x07") || strings.Contains(out, "\x1bP") {
		t.Errorf("%q at %d (%s): a sequence other than SGR: %q", k.text, k.width, k.theme, out)
	}
	for _, seq := range regexp.MustCompile("\x1b\\[[0-9;:]*m").FindAllString(out, -1) {
		if strings.Contains(seq, "38;") || strings.Contains(seq, "48;") {
			t.Errorf("%q (%s): a colour in a lesson text: %q", k.text, k.theme, seq)
		}
	}
	plain := strings.ReplaceAll(ansi.Strip(out), "\u00a0", " ")
	for _, scheme := range []string{"http://", "https://", "mailto:"} {
		if strings.Count(plain, scheme) != strings.Count(k.text, scheme) {
			t.Errorf("%q (%s): %q added: %q", k.text, k.theme, scheme, plain)
		}
	}
	lines := strings.Split(plain, "\n")
	for _, l := range lines {
		if w := ansi.StringWidth(l); w > k.width {
			t.Errorf("%q at %d: a line %d wide: %q", k.text, k.width, w, l)
		}
	}
	for _, a := range addressLike.FindAllString(sanitize(k.text), -1) {
		if len([]rune(a)) > k.width-4 {
			continue // longer than the line: cut, as a last resort
		}
		n := 0
		for _, l := range lines {
			n += strings.Count(l, a)
		}
		if want := strings.Count(sanitize(k.text), a); n < want {
			t.Errorf("%q at %d (%s): %q is drawn whole %d times, written %d:\n%s", k.text, k.width, k.theme, a, n, want, plain)
		}
	}
	if k.theme == "ascii" {
		for _, r := range plain {
			if r > 0x7e && !strings.ContainsRune(k.text, r) && r != '\u00a0' {
				t.Errorf("%q (ascii): %q is not ASCII and not the author's", k.text, r)
			}
		}
	}
}

// Every lesson text of the built-in library, in both languages, drawn by
// Glamour in every theme at the widths of the screens (40 and 80 columns,
// and the 76-column body of a wide window, less the marks before a text).
func TestBuiltinTextsDrawnExactly(t *testing.T) {
	md := newMDCache()
	n := 0
	for _, lang := range []i18n.Lang{i18n.FR, i18n.EN} {
		for _, text := range markdownTexts(builtin.Catalogue(lang)) {
			for _, th := range []Theme{defaultTheme(), contrastTheme(), asciiTheme()} {
				for _, w := range []int{36, 37, 73, 74} {
					k := mdKey{text, w, th.Name}
					checkDrawn(t, k, md.render(k, th))
					n++
				}
			}
		}
	}
	if n < 1000 {
		t.Fatalf("only %d texts drawn", n)
	}
}

// markdownTexts are the texts of a catalogue the tutor draws with Glamour.
func markdownTexts(cat *lessons.Catalogue) []string {
	var out []string
	add := func(s ...string) {
		for _, x := range s {
			if strings.TrimSpace(x) != "" {
				out = append(out, x)
			}
		}
	}
	question := func(q *lessons.Question) {
		for _, c := range q.Choices {
			add(c.Feedback)
		}
		for _, s := range q.Statements {
			add(s.Feedback)
		}
		if q.Feedback != nil {
			add(q.Feedback.Right, q.Feedback.Wrong)
		}
		add(q.Explanation)
	}
	for _, l := range cat.Lessons {
		for _, it := range l.Items {
			switch {
			case it.Step != nil:
				st := it.Step
				add(st.Action, st.Image, st.Result, st.IfNot)
				for _, d := range lessons.Devices {
					if v := st.Variants.For(d); v != nil {
						add(v.Action, v.Image, v.Result, v.IfNot)
					}
				}
			case it.Check != nil && it.Check.Question != nil:
				question(it.Check.Question)
			}
		}
		add(l.Remember...)
		add(l.Warning...)
		add(l.Help...)
	}
	for _, q := range cat.Questions {
		question(q)
	}
	return out
}

// The accessible mode reads the same texts as plain lines: lists as dashed
// or numbered lines, no escape sequence, no Markdown mark, every address
// whole.
func TestAccessibleMarkdown(t *testing.T) {
	st, err := progress.Open(filepath.Join(t.TempDir(), "pasapas.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	in := strings.Join([]string{
		"1", "Marie", "1", // a new profile, no PIN
		"1", "1", // the competence, its lesson
		"", "", // the introduction, the first step
		"quitter", "2",
	}, "\n") + "\n"
	var out bytes.Buffer
	cfg := Config{Library: markdownLib, Lang: i18n.FR, App: testApp(st, nil), IdleLock: -1}
	if err := RunAccessible(cfg, strings.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{"Lisez ces adresses lettre par lettre :", "- le site www.impots.gouv.fr",
		"- la page ameli.fr/assure", "- l'adresse mail prenom.nom@laposte.net",
		"Vous lisez chaque point et chaque tiret, sans en oublier.",
		"1. Ouvrez le dossier Téléchargements.", "2. Ouvrez le fichier mon-fichier-final.pdf.",
		"3. Cherchez le code F12345-abc en haut à droite."} {
		if !strings.Contains(s, want) {
			t.Errorf("the accessible mode lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "\x1b") || strings.Contains(s, "**") {
		t.Errorf("styling in the accessible mode:\n%q", s)
	}
}

// What the author wrote is shown as typed, apart from the Markdown we
// allow: no link, no scheme added, no mark given a meaning we do not draw,
// and no escape sequence from the text or from Glamour.
func TestMarkdownShownAsTyped(t *testing.T) {
	md := newMDCache()
	th := defaultTheme()
	for _, c := range []struct{ in, want string }{
		{"Allez sur www.impots.gouv.fr.", "Allez sur www.impots.gouv.fr."},
		{"(www.impots.gouv.fr)", "(www.impots.gouv.fr)"},
		{"**www.impots.gouv.fr** et *ameli.fr/assure*", "www.impots.gouv.fr et ameli.fr/assure"},
		{"_www.impots.gouv.fr_", "www.impots.gouv.fr"},
		{"WWW.IMPOTS.GOUV.FR", "WWW.IMPOTS.GOUV.FR"},
		{"https://www.service-public.fr/particuliers", "https://www.service-public.fr/particuliers"},
		{"ftp://exemple.fr et http:exemple", "ftp://exemple.fr et http:exemple"},
		{"prenom.nom@laposte.net", "prenom.nom@laposte.net"},
		{"Écrivez à prenom_nom@laposte.net.", "Écrivez à prenom_nom@laposte.net."},
		{"mailto:prenom.nom@laposte.net", "mailto:prenom.nom@laposte.net"},
		{"- www.impots.gouv.fr\n- prenom.nom@laposte.net", "• www.impots.gouv.fr\n• prenom.nom@laposte.net"},
		{"Le code AB*12*CD et F12345-abc", "Le code AB*12*CD et F12345-abc"},
		{"# Titre", "# Titre"},
		{"> Une citation", "> Une citation"},
		{"Un `code` et [un lien](https://x.fr) et ![image](a.png)", "Un `code` et [un lien](https://x.fr) et ![image](a.png)"},
		{"<b>gras</b> <https://x.fr> <prenom.nom@laposte.net>", "<b>gras</b> <https://x.fr> <prenom.nom@laposte.net>"},
		{"~~barré~~ &amp; &#65; a\\*b C:\\Users\\Marie", "~~barré~~ &amp; &#65; a\\*b C:\\Users\\Marie"},
		{"Texte\n---", "Texte\n---"},
		{"Texte\n===", "Texte\n==="},
		{": définition", ": définition"},
		{"| a | b |\n|---|---|\n| 1 | 2 |", "| a | b |\n|---|---|\n| 1 | 2 |"},
		{"    du code", "du code"},
		{"- [ ] une case", "• [ ] une case"},
		{"Ligne un\nLigne deux", "Ligne un\nLigne deux"},
		{"Avant\n- un\n- deux\nAprès", "Avant\n\n• un\n• deux\n\nAprès"},
		{"- un\n  suite de un\n- deux", "• un\n  suite de un\n• deux"},
		{"1. un\n2. deux", "1. un\n2. deux"},
		{"Un **gras pas fermé", "Un **gras pas fermé"},
		{"Lien \x1b]8;;https://x.fr\x07caché\x1b]8;;\x07 et \x1b[31mrouge\x1b[0m \x9b31m", "Lien ]8;;https://x.frcaché]8;; et [31mrouge[0m 31m"},
	} {
		got := md.render(mdKey{c.in, 60, th.Name}, th)
		if strings.ContainsAny(got, "\x07\x9b\x9d") || strings.Contains(got, "\x1b]") {
			t.Errorf("%q: a control sequence reached the output: %q", c.in, got)
		}
		if plain := strings.ReplaceAll(ansi.Strip(got), "\u00a0", " "); plain != c.want {
			t.Errorf("%q:\n got %q\nwant %q", c.in, plain, c.want)
		}
	}
}
