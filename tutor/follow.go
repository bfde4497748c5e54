package tutor

import "strings"

// follower shows a page taller than its box: the arrows move the focused
// line and the page goes to it, Page up and Page down move the page by
// hand, and it stays where the learner left it until the focus moves again.
// So the learner always sees what Entrée would do, and can still read what
// is above.
type follower struct {
	off       int // first line shown
	lastFocus int // focused line when the page last went to it
	shown     int // lines of the text shown by the last window, for clicks
}

// key moves the page by hand; it says whether the key was for it.
func (f *follower) key(k string) bool {
	switch k {
	case "pgdown":
		f.off += 5
	case "pgup":
		f.off = max(0, f.off-5)
	default:
		return false
	}
	return true
}

// reset puts the page back at its top, for new content.
func (f *follower) reset() { *f = follower{} }

// window returns the lines to show in h lines, with a last line saying
// there is more when there is.
func (f *follower) window(ctx *Context, lines []string, focus, w, h int) string {
	return f.span(ctx, lines, focus, focus, w, h)
}

// span is window for a focused item drawn on several lines, from first to
// last (a heading above a menu line): the page goes to show them all, or
// as many as fit from the first.
func (f *follower) span(ctx *Context, lines []string, first, last, w, h int) string {
	if len(lines) <= h || h < 2 {
		f.off = 0
		f.shown = min(len(lines), max(h, 0))
		return strings.Join(lines[:f.shown], "\n")
	}
	room := h - 1
	f.shown = room
	if first != f.lastFocus {
		if last >= f.off+room {
			f.off = last - room + 1
		}
		if first < f.off {
			f.off = first
		}
		f.lastFocus = first
	}
	f.off = max(0, min(f.off, len(lines)-room))
	more := ctx.say("q_more_below")
	if f.off+room >= len(lines) {
		more = ctx.say("q_more_above")
	}
	return strings.Join(lines[f.off:f.off+room], "\n") + "\n" + ctx.Theme.Muted.Render(fit(more, w, 1))
}

// lineAt finds the line of the text under a click on line y of the last
// window; the line saying where the rest is holds none.
func (f *follower) lineAt(y int) (int, bool) {
	if y < 0 || y >= f.shown {
		return 0, false
	}
	return f.off + y, true
}
