package tutor

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"pasapas/learning"
	"pasapas/record"
)

// The list of « Qui êtes-vous ? » on a shared PC: « Je suis nouveau ou
// nouvelle » always first, then the profiles in alphabetical order, so a
// name keeps its place from one visit to the next. A long list can be
// filtered: « / » opens a search field (letters already point at rows,
// so typing a name cannot start a search by accident), Échap closes it.

// profileFilter is the search field of the profile screen.
type profileFilter struct {
	on    bool
	input textinput.Model
}

// rebuild lays out the menu: the new-profile line, then the profiles that
// match the search, if any.
func (s *profilesScreen) rebuild(ctx *Context) {
	s.shown = s.shown[:0]
	for _, l := range s.list {
		if !s.filter.on || learning.MatchName(l.Name, s.filter.input.Value()) {
			s.shown = append(s.shown, l)
		}
	}
	items := []menuItem{{label: ctx.say("profiles_new")}}
	for _, l := range s.shown {
		items = append(items, menuItem{label: l.Name, detail: lastSeen(ctx, l.LastSeen, l.HasPIN)})
	}
	if ctx.App.HasSpace() {
		// A fixed last line: the médiateur's space (mediator.go).
		items = append(items, menuItem{label: ctx.say("space_entry"), detail: ctx.say("space_entry_detail")})
	}
	s.menu.set(items)
}

// filterKey handles a key while the search is open, or « / » opening it.
// It says whether the key was for the search.
func (s *profilesScreen) filterKey(ctx *Context, msg tea.Msg) (tea.Cmd, bool) {
	k, isKey := msg.(tea.KeyPressMsg)
	paste, isPaste := msg.(tea.PasteMsg)
	switch {
	case !s.filter.on:
		if isKey && k.Text == "/" && !ctx.linear {
			s.filter.on = true
			s.filter.input = newInput(ctx, false, 30)
			s.filter.input.Prompt = ctx.say("profiles_search") + " "
			s.rebuild(ctx)
			return nil, true
		}
		return nil, false
	case isPaste:
		var cmd tea.Cmd
		s.filter.input, cmd = s.filter.input.Update(cleanPaste(paste))
		s.afterFilter(ctx)
		return cmd, true
	case !isKey:
		return nil, false
	case key.Matches(k, ctx.Keys.Back):
		s.filter.on = false
		s.rebuild(ctx)
		return nil, true
	case key.Matches(k, ctx.Keys.Up, ctx.Keys.Down, ctx.Keys.Enter):
		return nil, false // the list
	}
	k, ok := cleanKey(k)
	if !ok {
		return nil, true
	}
	var cmd tea.Cmd
	s.filter.input, cmd = s.filter.input.Update(k)
	s.afterFilter(ctx)
	return cmd, true
}

// afterFilter shows the profiles found, the first of them pointed at.
func (s *profilesScreen) afterFilter(ctx *Context) {
	s.rebuild(ctx)
	s.menu.cursor = 0
	if len(s.shown) > 0 {
		s.menu.cursor = 1
	}
}

// Typing says the search field takes the keys: « ? » and letters are
// characters there.
func (s *profilesScreen) Typing() bool { return s.filter.on }

// filterLines are the lines above the list: the search field when open,
// else how to open it when the list is long; and what was found.
func (s *profilesScreen) filterLines(ctx *Context, w int) []string {
	t := ctx.Theme
	switch {
	case s.filter.on:
		out := []string{s.filter.input.View(), t.Muted.Render(wrap(ctx.say("profiles_search_close"), w))}
		if len(s.shown) == 0 && strings.TrimSpace(s.filter.input.Value()) != "" {
			out = append(out, wrap(ctx.say("profiles_none_found"), w))
		}
		return append(out, "")
	case len(s.list) > 8 && !ctx.linear:
		return []string{t.Muted.Render(wrap(ctx.say("profiles_search_hint"), w)), ""}
	}
	return nil
}

// duplicateName is the kind warning of a name already on this PC, or "".
func duplicateName(ctx *Context, taken []record.LearnerSummary, name string) string {
	if !learning.NameTaken(taken, name) {
		return ""
	}
	return ctx.say("name_taken", name)
}

// filterHelp is the key bar of the profile screen: while searching, the
// arrows, Entrée and Échap; with a long list, « / chercher » too.
func (s *profilesScreen) filterHelp(ctx *Context, keys []key.Binding) []key.Binding {
	switch {
	case s.filter.on:
		closeKey := key.NewBinding(key.WithKeys("esc"), key.WithHelp(ctx.say("key_esc_name"), ctx.say("key_search_close")))
		return []key.Binding{ctx.Keys.Up, ctx.Keys.Down, ctx.Keys.Enter, closeKey}
	case len(s.list) > 8 && !ctx.linear:
		return append(keys, key.NewBinding(key.WithKeys("/"), key.WithHelp("/", ctx.say("key_search"))))
	}
	return keys
}
