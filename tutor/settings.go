package tutor

import (
	"context"
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"pasapas/i18n"
	"pasapas/lessons"
	"pasapas/record"
)

// settingsScreen is "Mes réglages": language, look, device and mouse, kept
// with the learner's profile. Each choice applies at once.
type settingsScreen struct {
	menu    menu
	problem string
	// shares is the learner's consent to share their progress with the
	// médiateurs; nil until loaded, or when the store has no médiateur's
	// space (the line is then not shown).
	shares *bool
	// extra are the actions of the lines after « Effacer toutes mes
	// données », which depend on the store.
	extra []func(ctx *Context) tea.Cmd
}

func newSettingsScreen(ctx *Context) *settingsScreen {
	s := &settingsScreen{}
	s.build(ctx)
	return s
}

func (s *settingsScreen) build(ctx *Context) {
	p := ctx.Session.learner.Prefs
	lang := ctx.say("lang_fr")
	if ctx.Lang == i18n.EN {
		lang = ctx.say("lang_en")
	}
	device := ctx.say("device_unset")
	switch p.Device {
	case lessons.Android:
		device = ctx.say("device_android")
	case lessons.IPhone:
		device = ctx.say("device_iphone")
	case lessons.Computer:
		device = ctx.say("device_computer")
	}
	mouse := ctx.say("off")
	if ctx.Mouse {
		mouse = ctx.say("on")
	}
	cur := s.menu.cursor
	s.menu.set([]menuItem{
		{label: ctx.say("set_lang"), detail: lang},
		{label: ctx.say("set_theme"), detail: ctx.say("theme_" + ctx.Theme.Name)},
		{label: ctx.say("set_device"), detail: device},
		{label: ctx.say("set_mouse"), detail: mouse},
		{label: ctx.say("set_export"), detail: ctx.say("set_export_detail")},
		{label: ctx.say("set_erase"), detail: ctx.say("set_erase_detail")},
	})
	s.extra = nil
	if s.shares != nil {
		detail := ctx.say("consent_no")
		if *s.shares {
			detail = ctx.say("consent_yes")
		}
		s.menu.items = append(s.menu.items, menuItem{label: ctx.say("set_share"), detail: detail})
		shares := *s.shares
		s.extra = append(s.extra, func(ctx *Context) tea.Cmd { return push(newConsentScreen(ctx, shares)) })
	}
	if ctx.App.CanImport() {
		s.menu.items = append(s.menu.items, menuItem{label: ctx.say("set_import"), detail: ctx.say("set_import_detail")})
		s.extra = append(s.extra, func(ctx *Context) tea.Cmd { return push(newImportScreen(ctx)) })
	}
	s.showChoices(ctx)
	s.menu.set(append(s.menu.items, menuItem{label: ctx.say("back_home")}))
	s.menu.cursor = cur
}

// Init loads the learner's consent, when the store keeps it.
func (s *settingsScreen) Init(ctx *Context) tea.Cmd {
	if !ctx.App.HasSpace() {
		return nil
	}
	return loadSharing(ctx)
}

func (s *settingsScreen) Title(ctx *Context) string { return ctx.say("home_settings") }

func (s *settingsScreen) Help(ctx *Context) []key.Binding {
	return menuKeys(ctx)
}

func (s *settingsScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case resumeMsg:
		if ctx.App.HasSpace() {
			return loadSharing(ctx)
		}
		return nil
	case sharingMsg:
		if msg.err == nil {
			on := msg.shares
			s.shares = &on
			s.build(ctx)
		}
		return nil
	case exportedMsg:
		if msg.err != nil {
			s.problem = explain(ctx, msg.err)
		} else {
			s.problem = ctx.say("exported", msg.path)
		}
		return nil
	case tea.KeyPressMsg:
		if key.Matches(msg, ctx.Keys.Back) {
			return back()
		}
	}
	i, ok := s.menu.update(ctx, msg)
	if !ok {
		return nil
	}
	p := &ctx.Session.learner.Prefs
	switch i {
	case 0:
		next := i18n.EN
		if ctx.Lang == i18n.EN {
			next = i18n.FR
		}
		p.Lang = next
		ctx.setLang(next)
	case 1:
		names := ThemeNames
		at := 0
		for j, n := range names {
			if n == ctx.Theme.Name {
				at = j
			}
		}
		th, _ := ThemeByName(names[(at+1)%len(names)])
		ctx.Theme, p.Theme = ctx.adapt(th), th.Name
	case 2:
		order := append([]lessons.Device{""}, lessons.Devices...)
		at := 0
		for j, d := range order {
			if d == p.Device {
				at = j
			}
		}
		p.Device = order[(at+1)%len(order)]
	case 3:
		ctx.Mouse = !ctx.Mouse
		p.Mouse = ctx.Mouse
	case 4:
		return exportLearner(ctx)
	case 5:
		return push(newEraseScreen(ctx))
	default:
		if j := i - 6; j < len(s.extra) {
			return s.extra[j](ctx)
		}
		return back()
	}
	s.problem = ""
	s.build(ctx)
	app, prefs, id := ctx.App, *p, ctx.Session.learner.ID
	return save(ctx, func(c context.Context) error { return app.SetPrefs(c, id, prefs) })
}

// exportedMsg says where the learner's data was written.
type exportedMsg struct {
	path string
	err  error
}

// exportLearner writes all the learner's data as a JSON file next to the
// progress file (RGPD: the right to take one's data away).
func exportLearner(ctx *Context) tea.Cmd {
	app, l := ctx.App, ctx.Session.learner
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		path, err := app.Export(c, l)
		return exportedMsg{path, err}
	})
}

func (s *settingsScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	bw := bodyWidth(ctx)
	head := t.Heading.Render(wrap(ctx.say("settings_title"), bw)) + "\n" + wrap(ctx.say("settings_hint"), bw)
	if s.problem != "" {
		head += "\n" + t.Warn.Render(wrap(sanitize(s.problem), bw))
	}
	return s.menu.below(ctx, head, bw, h)
}

// eraseScreen asks before erasing all of a learner's data (RGPD: the right
// to erasure). "Non" comes first, and the screen says it cannot be undone.
type eraseScreen struct {
	menu    menu
	busy    bool
	problem string
}

func newEraseScreen(ctx *Context) *eraseScreen {
	s := &eraseScreen{}
	s.menu.set([]menuItem{{label: ctx.say("erase_no")}, {label: ctx.say("erase_yes")}})
	return s
}

// erasedMsg says whether the learner's data is gone.
type erasedMsg struct{ err error }

func (s *eraseScreen) Title(ctx *Context) string { return ctx.say("set_erase") }

func (s *eraseScreen) Help(ctx *Context) []key.Binding {
	return menuKeys(ctx)
}

func (s *eraseScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case erasedMsg:
		s.busy = false
		switch {
		case msg.err == nil:
			// Nothing of them is left: the session ends with them.
			return endSession(ctx.say("erased"))
		case errors.Is(msg.err, record.ErrErasedPartly):
			// Erased, but not everything could be cleaned: say plainly
			// what is left (an export file, copies until the windows close).
			return endSession(explain(ctx, msg.err))
		case errors.Is(msg.err, record.ErrNotCompacted), errors.Is(msg.err, record.ErrNotFound):
			// Deleted (now, or already by another window): only the
			// file's clean-up is left, done when the windows close.
			return endSession(ctx.say("erased") + " " + ctx.say("erased_later"))
		}
		s.problem = explain(ctx, msg.err)
		return nil
	}
	if yes, cmd := confirmed(ctx, msg, s.busy, &s.menu); !yes {
		return cmd
	}
	s.busy, s.problem = true, ""
	app, id := ctx.App, ctx.Session.learner.ID
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		return erasedMsg{app.Erase(c, id)}
	})
}

func (s *eraseScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	title := t.Heading.Render(wrap(ctx.say("erase_title"), w))
	warn := t.Warn.Render(wrap(ctx.say("warning")+ctx.say("colon")+" "+ctx.say("erase_final"), w))
	what, copyFirst := wrap(ctx.say("erase_what"), w), wrap(ctx.say("erase_export_first"), w)
	var head string
	// In a small window the choices must stay in sight: the details give
	// way first, the question and the warning never.
	for _, parts := range [][]string{{title, what, warn, copyFirst}, {title, what, warn}, {title, warn}} {
		if s.busy {
			parts = append(parts, "", ctx.say("erasing"))
		}
		if s.problem != "" {
			parts = append(parts, "", problemLine(t, s.problem, w))
		}
		head = strings.Join(parts, "\n")
		if strings.Count(head, "\n")+2+len(s.menu.items) <= h {
			break
		}
	}
	return s.menu.below(ctx, head, w, h)
}
