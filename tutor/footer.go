package tutor

import (
	"charm.land/bubbles/v2/key"

	"pasapas/lessons"
)

// footerKeys is the key bar under a screen: the screen's own keys, said in
// the words of what they do there, with « ? aide » first — except in a
// text field, where « ? » is a character like any other.
func footerKeys(ctx *Context, s screen, bindings []key.Binding) []key.Binding {
	bindings = screenKeys(ctx, s, bindings)
	if typing(s) {
		return bindings
	}
	return append([]key.Binding{ctx.Keys.Help}, bindings...)
}

// screenKeys are a screen's keys said in the words of what they do there:
// on an answer of a multiple choice, Entrée ticks. The bar and the help
// page both show them.
func screenKeys(ctx *Context, s screen, bindings []key.Binding) []key.Binding {
	if q := askedOn(s); q != nil && q.q.Type == lessons.MultipleChoice {
		if nOpts, _ := q.rows(ctx); q.cursor < nOpts {
			// On an answer, Entrée (or Espace) ticks its box; it does not
			// hand the answer in: the bar says so.
			out := make([]key.Binding, 0, len(bindings))
			for _, b := range bindings {
				if b.Help().Key == ctx.Keys.Enter.Help().Key {
					b = key.NewBinding(key.WithKeys("enter", "space"),
						key.WithHelp(ctx.say("key_tick_name"), ctx.say("key_tick")))
				}
				out = append(out, b)
			}
			bindings = out
		}
	}
	return bindings
}
