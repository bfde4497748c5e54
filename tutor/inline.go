package tutor

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// text draws a text of the content: sanitized, its **labels** in bold, and
// wrapped at spaces to width. Lesson texts are plain French sentences whose
// only mark-up is bold for the words the learner will see on screen (FALC),
// so a Markdown renderer is not used here: Glamour turned "www.impots.gouv.fr"
// into a link shown as "http://www.impots.gouv.fr" and broke addresses after
// their hyphens — wrong, in lessons that teach reading an address letter by
// letter.
func text(t Theme, s string, width int) string {
	return wrap(bold(t, sanitize(s)), width)
}

// bold styles the parts between pairs of "**"; an unpaired "**" is dropped.
func bold(t Theme, s string) string {
	if !strings.Contains(s, "**") {
		return s
	}
	parts := strings.Split(s, "**")
	var b strings.Builder
	for i, p := range parts {
		if i%2 == 1 && i < len(parts)-1 {
			b.WriteString(t.Strong.Render(p))
		} else {
			b.WriteString(p)
		}
	}
	return b.String()
}

// unmarked is s without its "**" marks, for a line drawn in one style.
func unmarked(s string) string { return strings.ReplaceAll(s, "**", "") }

// textIn is text for a line drawn in a style (a question's title, a
// prompt repeated in grey): each part is drawn in that style, the "**"
// parts in bold as well. Styling the whole line around bold would not do:
// the end of the bold part resets the style for the rest of the line.
func textIn(t Theme, style lipgloss.Style, s string, width int) string {
	s = sanitize(s)
	if !strings.Contains(s, "**") {
		return style.Render(wrap(s, width))
	}
	parts := strings.Split(s, "**")
	var b strings.Builder
	for i, p := range parts {
		if i%2 == 1 && i < len(parts)-1 {
			b.WriteString(style.Inherit(t.Strong).Render(p))
		} else {
			b.WriteString(style.Render(p))
		}
	}
	return wrap(b.String(), width)
}
