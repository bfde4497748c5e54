package tutor

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// Lesson texts go through Glamour (markdown.go). The texts of the interface
// that come from content but are drawn in one line style (titles, question
// prompts, choices, objectives) keep the author's **bold** only, here.

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
