package tutor

import (
	"fmt"
	"slices"
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
	shownAt []int    // the item of each zone
	// slots, when set, are the key of each item (0 is « 1 », 9 is « a »)
	// when it is not its place in the list: the home screen keeps its
	// fixed lines on fixed keys whatever is added above them.
	slots []int
	// pinLast keeps the last item (« Terminer ma séance ») on screen when
	// the list is taller than its box.
	pinLast bool
}

// slot is the key of the i-th item; item is the item of a key, or -1.
func (m *menu) slot(i int) int {
	if i < len(m.slots) {
		return m.slots[i]
	}
	return i
}

func (m *menu) item(slot int) int {
	for i := range m.items {
		if m.slot(i) == slot {
			return i
		}
	}
	return -1
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
			// The ends of a list stop the pointer: it never jumps from
			// the first line to the last without a word.
			m.cursor = max(0, m.cursor-1)
		case key.Matches(msg, ctx.Keys.Down):
			m.cursor = min(len(m.items)-1, m.cursor+1)
		case key.Matches(msg, ctx.Keys.Enter):
			return m.cursor, true
		case key.Matches(msg, ctx.Keys.Digits):
			// A digit only points at a line; Entrée confirms, everywhere,
			// so a key pressed by accident never does anything.
			if n := m.item(int(msg.String()[0] - '1')); n >= 0 {
				m.cursor = n
			}
		case len(msg.Text) == 1 && msg.Text[0] >= 'a' && msg.Text[0] <= 'z':
			// Lines after the ninth are lettered: a, b, c…
			if n := m.item(9 + int(msg.Text[0]-'a')); n >= 0 {
				m.cursor = n
			}
		case msg.String() == "home":
			m.cursor = 0
		case msg.String() == "end":
			m.cursor = len(m.items) - 1
		}
	case rowMsg:
		if n := m.item(msg.i); n >= 0 {
			m.cursor = n
		}
	case clickMsg:
		for i, z := range m.zones {
			if msg.y >= z[0] && msg.y <= z[1] {
				m.cursor = m.shownAt[i]
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
	n := len(m.items)
	pinned := m.pinLast && total > height && n > 1 && len(blocks[n-1]) < height-1
	start, end := 0, n
	if total > height {
		if pinned {
			// On the pinned line, the rest of the list stays as it was.
			cur := m.cursor
			if cur == n-1 {
				m.cursor = min(m.offset, n-2)
			}
			start, end = m.window(blocks[:n-1], max(1, height-1-len(blocks[n-1])))
			m.cursor = cur
		} else {
			start, end = m.window(blocks, max(1, height-1))
		}
	}
	m.offset = start
	var out []string
	m.zones = m.zones[:0]
	m.heads = m.heads[:0]
	m.shownAt = m.shownAt[:0]
	add := func(i int) {
		m.zones = append(m.zones, [2]int{top + len(out) + heads[i], top + len(out) + len(blocks[i]) - 1})
		m.heads = append(m.heads, heads[i])
		m.shownAt = append(m.shownAt, i)
		out = append(out, blocks[i]...)
	}
	for i := start; i < end; i++ {
		add(i)
	}
	if total > height {
		out = append(out, ctx.Theme.Muted.Render(ctx.Theme.G.Scroll+" "+ctx.say("menu_where", m.cursor+1, len(m.items))))
	}
	if pinned {
		add(n - 1)
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
	i := slices.Index(m.shownAt, m.cursor)
	if i < 0 {
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
	num := ctx.rowNum(m.slot(i), it.label)
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

// below draws head, a blank line, then the menu in the h-line screen's
// remaining lines, told where its first line is so that clicks land on
// the right choice: the end of every list screen.
func (m *menu) below(ctx *Context, head string, width, h int) string {
	top := strings.Count(head, "\n") + 2
	return head + "\n\n" + m.render(ctx, width, h-top, top)
}
