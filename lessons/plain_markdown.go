package lessons

import (
	"regexp"
	"strings"
)

// The tutor draws the texts of steps, what to remember, the Attention box,
// help, feedback and explanations as Markdown, of which it shows only
// **bold**, *italics*, bullet and numbered lists, and line breaks
// (docs/guide-auteur.md, « Mettre en forme un texte »). Every other
// Markdown mark is shown as typed: an author who wrote one expected
// something else, and is told.

// markdownKeys are the keys whose texts the tutor draws as Markdown.
var markdownKeys = map[string]bool{
	"action": true, "resultat": true, "sinon": true, "image": true,
	"a_retenir": true, "attention": true, "aide": true,
	"retour": true, "bonne": true, "mauvaise": true, "explication": true,
}

// unshown finds the Markdown the tutor does not draw; each pattern's match
// is quoted in the warning.
var unshown = []*regexp.Regexp{
	regexp.MustCompile(`(?m)^[ \t]*#{1,6}[ \t]+\S{0,20}`),                                                // a heading
	regexp.MustCompile(`(?m)^[ \t]*>[ \t]*\S{0,20}`),                                                     // a quote
	regexp.MustCompile("`[^`\n]{0,30}`?"),                                                                // code
	regexp.MustCompile(`!?\[[^\]\n]{0,40}\]\([^)\n]{0,40}\)?`),                                           // a link or an image
	regexp.MustCompile(`(?i)</?(?:b|i|u|em|strong|br|p|a|span|div|ul|ol|li|img|h[1-6])\b[^>\n]{0,30}>?`), // HTML
	regexp.MustCompile(`(?i)<(?:https?:|ftp:|mailto:|www\.)[^>\s]{0,40}>?|<[^>\s@]{1,30}@[^>\s]{1,30}>`), // <adresse>
	regexp.MustCompile(`~~[^~\n]{0,30}(?:~~)?`),                                                          // struck through
	regexp.MustCompile(`&(?:[a-zA-Z]{2,8}|#[0-9]{1,6}|#x[0-9a-fA-F]{1,6});`),                             // an HTML entity
	regexp.MustCompile(`\\[!-/:-@\[-` + "`" + `{-~]`),                                                    // a Markdown escape
	regexp.MustCompile(`(?m)^[ \t]*(?:[-*_=][ \t]*){3,}$`),                                               // a rule, or a title's underline
	regexp.MustCompile(`(?m)^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*\|.*$`),                                       // a table
	regexp.MustCompile(`(?m)^[ \t]{2,}(?:[-*+]|[0-9]{1,9}[.)])[ \t]+\S{0,20}`),                           // a list in a list
}

// checkMarkdown warns about the Markdown of a catalogue's texts that would
// not show as the author expects: once per text, for the first mark found.
func checkMarkdown(c *collector, cat *Catalogue) {
	visit := func(f textField) {
		if !markdownKeys[f.key] || f.text == "" {
			return
		}
		if what := unshownMarkdown(f.text); what != "" {
			c.warnf(f.meta.At(f.key), "markdown", what)
		} else if strings.Count(f.text, "**")%2 == 1 {
			c.warnf(f.meta.At(f.key), "markdown_unclosed")
		}
	}
	for _, l := range cat.Lessons {
		if l.Lang == cat.Lang {
			walkLesson(l, visit)
		}
	}
	for _, q := range cat.Questions {
		if q.Lang == cat.Lang {
			walkQuestion(q, visit)
		}
	}
}

// unshownMarkdown returns the first mark of s the tutor would show as typed
// rather than as the author meant, or "".
func unshownMarkdown(s string) string {
	first, what := -1, ""
	for _, re := range unshown {
		if loc := re.FindStringIndex(s); loc != nil && (first < 0 || loc[0] < first) {
			first, what = loc[0], strings.TrimSpace(s[loc[0]:loc[1]])
		}
	}
	return what
}
