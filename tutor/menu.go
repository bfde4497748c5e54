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
	heads   []int    // lines of each shown item's heading, drawn just above its zone
}

type menuItem struct {
	label  string
	detail string // a second, quieter line
	// heading, when set, opens a group of lines: it is drawn above the
	// item, after a blank line, and is not part of what a click chooses.
	heading string
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
	case rowMsg:
		if msg.i >= 0 && msg.i < len(m.items) {
			m.cursor = msg.i
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
// at line top of the body (for click zones). When the list is taller than
// its box, it shows a window around the focused line, and a line saying
// where the learner is in the list.
func (m *menu) render(ctx *Context, width, height, top int) string {
	if len(m.items) == 0 || height < 1 {
		return ""
	}
	blocks := make([][]string, len(m.items))
	heads := make([]int, len(m.items)) // lines of each block's heading
	total := 0
	for i := range m.items {
		blocks[i], heads[i] = m.block(ctx, i, width)
		total += len(blocks[i])
	}
	start, end := 0, len(m.items)
	if total > height {
		start, end = m.window(blocks, max(1, height-1))
	}
	m.offset = start
	var out []string
	m.zones = m.zones[:0]
	m.heads = m.heads[:0]
	for i := start; i < end; i++ {
		m.zones = append(m.zones, [2]int{top + len(out) + heads[i], top + len(out) + len(blocks[i]) - 1})
		m.heads = append(m.heads, heads[i])
		out = append(out, blocks[i]...)
	}
	if total > height {
		out = append(out, ctx.Theme.Muted.Render(ctx.Theme.G.Scroll+" "+ctx.say("menu_where", m.cursor+1, len(m.items))))
	}
	return fit(strings.Join(out, "\n"), width, height)
}

// window chooses the items shown in room lines: the last window if the
// cursor is still in it, moved just enough to show the cursor otherwise.
func (m *menu) window(blocks [][]string, room int) (int, int) {
	start := min(m.offset, m.cursor)
	fill := func(from int) int {
		used, end := 0, from
		for end < len(blocks) && (used+len(blocks[end]) <= room || end == from) {
			used += len(blocks[end])
			end++
		}
		return end
	}
	end := fill(start)
	for m.cursor >= end && start < m.cursor {
		start++
		end = fill(start)
	}
	return start, end
}

// focusSpan is the first and last line of the focused item in the last
// rendering, its heading included (not the blank line above it), for a
// page that follows the focus; ok is false when the item was not drawn.
func (m *menu) focusSpan() (first, last int, ok bool) {
	i := m.cursor - m.offset
	if i < 0 || i >= len(m.zones) {
		return 0, 0, false
	}
	first = m.zones[i][0]
	if m.heads[i] > 0 {
		first -= m.heads[i] - 1
	}
	return first, m.zones[i][1], true
}

// block is the lines of one item: its heading if any, its number, its
// label wrapped under itself, and its detail when shown. It returns the
// number of lines of the heading too.
func (m *menu) block(ctx *Context, i, width int) ([]string, int) {
	t := ctx.Theme
	it := m.items[i]
	num := ctx.rowNum(i, it.label)
	pointer := "  "
	style := t.Text
	if i == m.cursor {
		pointer = t.G.Pointer + " "
		style = t.Selected
	}
	pad := strings.Repeat(" ", lipgloss.Width(pointer))
	var out []string
	if it.heading != "" {
		out = append(out, "")
		out = append(out, strings.Split(t.Strong.Render(wrap(sanitize(it.heading), width)), "\n")...)
	}
	head := len(out)
	for j, l := range strings.Split(hanging(num, sanitize(it.label), max(1, width-lipgloss.Width(pointer))), "\n") {
		p := pointer
		if j > 0 {
			p = pad
		}
		out = append(out, p+style.Render(l))
	}
	if it.detail != "" && (!m.compact || ctx.linear || i == m.cursor) {
		detail := wrap(sanitize(it.detail), max(1, width-len(pad)-len(num)))
		for _, l := range strings.Split(detail, "\n") {
			out = append(out, pad+strings.Repeat(" ", len(num))+t.Muted.Render(l))
		}
	}
	return out, head
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
