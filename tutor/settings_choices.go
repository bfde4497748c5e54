package tutor

import (
	"slices"

	"pasapas/i18n"
	"pasapas/lessons"
)

// showChoices says, under each setting Entrée changes, what Entrée will
// choose: the settings go round their values one Entrée at a time, and a
// learner should not have to try to find out what comes next.
func (s *settingsScreen) showChoices(ctx *Context) {
	p := ctx.Session.learner.Prefs
	nextLang := ctx.say("lang_en")
	if ctx.Lang == i18n.EN {
		nextLang = ctx.say("lang_fr")
	}
	at := max(0, slices.Index(ThemeNames, ctx.Theme.Name))
	nextTheme := ctx.say("theme_" + ThemeNames[(at+1)%len(ThemeNames)])
	order := append([]lessons.Device{""}, lessons.Devices...)
	nextDevice := order[(max(0, slices.Index(order, p.Device))+1)%len(order)]
	device := map[lessons.Device]string{"": "device_unset", lessons.Android: "device_android", lessons.IPhone: "device_iphone", lessons.Computer: "device_computer"}[nextDevice]
	nextMouse := ctx.say("on")
	if ctx.Mouse {
		nextMouse = ctx.say("off")
	}
	for i, next := range []string{nextLang, nextTheme, ctx.say(device), nextMouse} {
		if i < len(s.menu.items) && device != "" {
			s.menu.items[i].detail += " — " + ctx.say("set_next", next)
		}
	}
}
