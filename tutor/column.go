package tutor

import "strings"

// On a wide window the body is a column in the middle, not a strip along
// the left edge with the rest empty: the eyes find it where they look
// first. The header and the key bar keep the whole width.
const (
	wideWindow    = 110 // from this width, the body is centred
	readingColumn = 90  // the column's width: the 76 of the text, and room for the lists
)

// centredBody draws the body of the screen on top in bodyH lines: across
// the window, or in a centred column on a wide one.
// A screen that lays itself out across the window (the presenter, whose
// device versions sit side by side) says so with WholeWidth.
func (m *model) centredBody(w, bodyH int) string {
	whole, _ := m.top().(interface{ WholeWidth() bool })
	if w < wideWindow || m.ctx.linear || whole != nil && whole.WholeWidth() && m.quitting == nil && !m.showHelp {
		return fit(m.renderBody(w, bodyH), w, bodyH)
	}
	body := fit(m.renderBody(readingColumn, bodyH), readingColumn, bodyH)
	return indent(body, strings.Repeat(" ", (w-readingColumn)/2))
}
