package tutor

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// menu is a numbered list of choices: arrows or a digit point at one,
// Entrée or a click chooses it. The focused line is marked with a symbol and a
// style, so it is visible without colour.
type menu struct {
	items []menuItem
	// compact shows the detail line of the focused item only, so a long
	// list fits a small window.
	compact bool
	cursor  int
	offset  int      // first item shown when the list is taller than its box
	zones   [][2]int // first and last line of each shown item in the last rendering, for clicks
}

type menuItem struct {
	label  string
	detail string // a second, quieter line
	id     string
}

func (m *menu) set(items []menuItem) {
	m.items = items
	if m.cursor >= len(items) {
		m.cursor = max(0, len(items)-1)
	}
}

// update handles a message; it returns the chosen item's index and true
// when the learner chose one.
func (m *menu) update(ctx *Context, msg tea.Msg) (int, bool) {
	if len(m.items) == 0 {
		return 0, false
	}
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, ctx.Keys.Up):
			m.cursor = (m.cursor - 1 + len(m.items)) % len(m.items)
		case key.Matches(msg, ctx.Keys.Down):
			m.cursor = (m.cursor + 1) % len(m.items)
		case key.Matches(msg, ctx.Keys.Enter):
			return m.cursor, true
		case key.Matches(msg, ctx.Keys.Digits):
			// A digit only points at a line; Entrée confirms, everywhere,
			// so a key pressed by accident never does anything.
			if n := int(msg.String()[0] - '1'); n < len(m.items) {
				m.cursor = n
			}
		case len(msg.Text) == 1 && msg.Text[0] >= 'a' && msg.Text[0] <= 'z':
			// Lines after the ninth are lettered: a, b, c…
			if n := 9 + int(msg.Text[0]-'a'); n < len(m.items) {
				m.cursor = n
			}
		case msg.String() == "home":
			m.cursor = 0
		case msg.String() == "end":
			m.cursor = len(m.items) - 1
		}
	case clickMsg:
		for i, z := range m.zones {
			if msg.y >= z[0] && msg.y <= z[1] {
				m.cursor = m.offset + i
				return m.cursor, true
			}
		}
	}
	return 0, false
}

// render draws the list in width columns and at most height lines, starting
// at line top of the body (for click zones).
func (m *menu) render(ctx *Context, width, height, top int) string {
	t := ctx.Theme
	if len(m.items) == 0 || height < 1 {
		return ""
	}
	// Keep the cursor in view.
	compact := m.compact && !ctx.linear
	perItem := 1
	for _, it := range m.items {
		if it.detail != "" && !compact {
			perItem = 2
			break
		}
	}
	visible := max(1, height/perItem)
	if compact && height > 1 {
		visible = height - 1 // one line for the focused item's detail
	}
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+visible {
		m.offset = m.cursor - visible + 1
	}
	m.offset = min(m.offset, max(0, len(m.items)-visible))
	var b strings.Builder
	m.zones = m.zones[:0]
	line := 0
	for i := m.offset; i < len(m.items) && i < m.offset+visible; i++ {
		it := m.items[i]
		num := itemKey(i) + ". "
		pointer := "  "
		style := t.Text
		if i == m.cursor {
			pointer = t.G.Pointer + " "
			style = t.Selected
		}
		label := hanging(num, sanitize(it.label), max(1, width-lipgloss.Width(pointer)))
		labelLines := strings.Split(label, "\n")
		first := top + line
		for j, l := range labelLines {
			prefix := pointer
			if j > 0 {
				prefix = strings.Repeat(" ", lipgloss.Width(pointer))
			}
			if line > 0 {
				b.WriteByte('\n')
			}
			b.WriteString(prefix + style.Render(l))
			line++
		}
		if it.detail != "" && (!compact || i == m.cursor) {
			b.WriteByte('\n')
			b.WriteString(fit(indent(t.Muted.Render(sanitize(it.detail)), strings.Repeat(" ", lipgloss.Width(pointer)+len(num))), width, 1))
			line++
		}
		m.zones = append(m.zones, [2]int{first, top + line - 1})
	}
	if m.offset > 0 || m.offset+visible < len(m.items) {
		more := fmt.Sprintf("(%d/%d)", m.cursor+1, len(m.items))
		b.WriteString("\n" + t.Muted.Render(more))
	}
	return fit(b.String(), width, height)
}

// clickMsg is a left click, in body coordinates.
type clickMsg struct{ x, y int }

// itemKey is the key that points at the i-th line: 1 to 9, then a to z.
func itemKey(i int) string {
	if i < 9 {
		return fmt.Sprint(i + 1)
	}
	if i < 9+26 {
		return string(rune('a' + i - 9))
	}
	return " "
}
