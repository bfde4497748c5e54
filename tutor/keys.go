package tutor

import (
	"charm.land/bubbles/v2/key"

	"pasapas/i18n"
)

// keyMap holds every binding, with help labels in the learner's language.
// Letters are never used where a learner may be typing, and no key ends
// anything without asking: Ctrl+C asks before quitting.
type keyMap struct {
	Up, Down, Enter, Back, Next, Prev, Help, Quit, Vocab, Digits key.Binding
	// Call: « Appeler le médiateur », a function key no one types in a
	// text field (atelier.go).
	Call key.Binding
}

func newKeyMap(l i18n.Lang) keyMap {
	w := func(code string) string { return say(l, code) }
	return keyMap{
		Up:     key.NewBinding(key.WithKeys("up", "shift+tab"), key.WithHelp("↑", w("key_up"))),
		Down:   key.NewBinding(key.WithKeys("down", "tab"), key.WithHelp("↓", w("key_down"))),
		Enter:  key.NewBinding(key.WithKeys("enter"), key.WithHelp(w("key_enter_name"), w("key_enter"))),
		Back:   key.NewBinding(key.WithKeys("esc"), key.WithHelp(w("key_esc_name"), w("key_back"))),
		Next:   key.NewBinding(key.WithKeys("right", "pgdown", "enter"), key.WithHelp("→", w("key_next"))),
		Prev:   key.NewBinding(key.WithKeys("left", "pgup"), key.WithHelp("←", w("key_prev"))),
		Help:   key.NewBinding(key.WithKeys("?", "f1"), key.WithHelp("?", w("key_help"))),
		Quit:   key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("Ctrl+C", w("key_quit"))),
		Vocab:  key.NewBinding(key.WithKeys("v", "V"), key.WithHelp("v", w("key_vocab"))),
		Digits: key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9"), key.WithHelp("1-9 a-z", w("key_digits"))),
		Call:   key.NewBinding(key.WithKeys("f2"), key.WithHelp("F2", w("key_call"))),
	}
}

// menuKeys are the keys a screen that is a menu shows: a number points at
// a line, Entrée chooses, Échap goes back.
func menuKeys(ctx *Context) []key.Binding {
	return []key.Binding{ctx.Keys.Digits, ctx.Keys.Enter, ctx.Keys.Back}
}
