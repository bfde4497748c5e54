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
	// started: the page was drawn since it was reset. New content opens
	// at its top — the question, the verdict — and follows the focus only
	// once the learner moves it.
	started bool
	// hidden: the focused line was out of sight in the last window; a
	// first Entrée then brings it into view rather than acting unseen,
	// and the arrows read on towards it. below: it was under the window.
	hidden, below bool
}

// read answers ↑ or ↓ while the focused line is out of sight: the page
// moves towards it, as a reader would, instead of the focus moving on
// unseen. It says whether it did.
func (f *follower) read(down bool) bool {
	if !f.hidden || down != f.below {
		return false
	}
	if down {
		f.off += 3
	} else {
		f.off = max(0, f.off-3)
	}
	return true
}

// reveal brings the focused line into view at the next window; it says
// whether it was out of sight (and Entrée should do nothing more).
func (f *follower) reveal() bool {
	if !f.hidden {
		return false
	}
	f.lastFocus = -1
	f.hidden = false
	return true
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

// fitted says the whole page was drawn, focus included: should the window
// shrink, the page then follows the focus.
func (f *follower) fitted() { *f = follower{started: true} }

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
		f.hidden, f.started = false, true
		return strings.Join(lines[:f.shown], "\n")
	}
	room := h - 1
	f.shown = room
	if !f.started {
		f.started, f.off, f.lastFocus = true, 0, first
	}
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
	f.hidden, f.below = first < f.off || first >= f.off+room, first >= f.off+room
	return strings.Join(lines[f.off:f.off+room], "\n") + "\n" + ctx.Theme.Muted.Render(fit(moreLine(ctx, f.off > 0, f.off+room < len(lines)), w, 1))
}

// lineAt finds the line of the text under a click on line y of the last
// window; the line saying where the rest is holds none.
func (f *follower) lineAt(y int) (int, bool) {
	if y < 0 || y >= f.shown {
		return 0, false
	}
	return f.off + y, true
}

// moreLine says where the rest of a page is: above, below, or both, with
// the keys that read it.
func moreLine(ctx *Context, above, below bool) string {
	switch {
	case above && below:
		return ctx.say("q_more_both")
	case above:
		return ctx.say("q_more_above")
	}
	return ctx.say("q_more_below")
}
