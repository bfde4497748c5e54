package tutor

import "strings"

// The pieces the space's screens (and a few of the learner's) repeat: a
// form's status under it, a list screen's notice and problem under its
// heading, and a list screen's load / notice / back scaffolding. One
// piece each, so that a new screen says the same thing the same way.

// statusLines adds, under a form, « Enregistrement… » while a change is
// on its way and the problem when there is one, each after a blank line:
// the learner sees the field, then what became of it.
func statusLines(ctx *Context, parts []string, busy bool, problem string, w int) []string {
	if busy {
		parts = append(parts, "", ctx.say("saving"))
	}
	if problem != "" {
		parts = append(parts, "", problemLine(ctx.Theme, problem, w))
	}
	return parts
}

// joinStatus is statusLines made into the screen's text, for a form that
// ends there.
func joinStatus(ctx *Context, parts []string, busy bool, problem string, w int) string {
	return strings.Join(statusLines(ctx, parts, busy, problem, w), "\n")
}
