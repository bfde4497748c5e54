package tutor

import (
	"fmt"
	"time"

	"pasapas/i18n"
)

var (
	monthsFR = []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
	monthsEN = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
)

// humanDate says a date the way people do: "aujourd'hui", "hier", "demain", or
// "12 novembre 2026" (FALC: dates written in full).
func humanDate(ctx *Context, t time.Time) string {
	now := ctx.now()
	y1, m1, d1 := t.Local().Date()
	y2, m2, d2 := now.Local().Date()
	day := time.Date(y1, m1, d1, 0, 0, 0, 0, time.Local)
	today := time.Date(y2, m2, d2, 0, 0, 0, 0, time.Local)
	switch today.Sub(day).Hours() / 24 {
	case 0:
		return ctx.say("today")
	case 1:
		return ctx.say("yesterday")
	case -1:
		return ctx.say("tomorrow")
	}
	return fullDate(ctx.Lang, t)
}

func fullDate(l i18n.Lang, t time.Time) string {
	y, m, d := t.Local().Date()
	if l == i18n.EN {
		return fmt.Sprintf("%d %s %d", d, monthsEN[m-1], y)
	}
	day := fmt.Sprint(d)
	if d == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %d", day, monthsFR[m-1], y)
}
