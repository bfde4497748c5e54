package tutor

import (
	"strings"

	"pasapas/lessons"
)

// renderScreen draws a mock screen (a mail, an inbox, an SMS, an app-store
// page, appointment slots, search results) as a framed box, so a question
// can be set in a realistic situation. Everything in it is content, so
// everything is sanitized; labels say in words what an icon would show.
func renderScreen(ctx *Context, s *lessons.Screen, width int) string {
	t := ctx.Theme
	w := max(10, min(width, 72))
	inner := w - 4 // border and padding
	var lines []string
	add := func(s ...string) { lines = append(lines, s...) }
	field := func(label, value string) {
		if value != "" {
			add(hanging(t.Muted.Render(label)+" ", sanitize(value), inner))
		}
	}
	link := func(label, value string) {
		if value != "" {
			add(hanging(t.Muted.Render(label)+" ", t.Strong.Underline(true).Render(sanitize(value)), inner))
		}
	}
	var title string
	switch s.Kind {
	case lessons.ScreenMail:
		title = ctx.say("mock_mail")
		field(ctx.say("mock_from"), fromLine(s.From, s.Address))
		field(ctx.say("mock_subject"), s.Subject)
		field(ctx.say("mock_date"), s.Date)
		add("")
		add(wrap(strings.TrimRight(sanitize(s.Text), "\n "), inner))
		if s.Link != "" {
			add("")
			link(ctx.say("mock_link"), s.Link)
		}
		if s.Attachment != "" {
			field(ctx.say("mock_attachment"), s.Attachment)
		}
	case lessons.ScreenSMS:
		title = ctx.say("mock_sms")
		field(ctx.say("mock_from"), s.From)
		field(ctx.say("mock_date"), s.Date)
		add("")
		add(indent(wrap(strings.TrimRight(sanitize(s.Text), "\n "), inner-2), "  "))
		if s.Link != "" {
			link(ctx.say("mock_link"), s.Link)
		}
	case lessons.ScreenInbox:
		title = ctx.say("mock_inbox")
		for _, m := range s.Messages {
			mark := "  "
			style := t.Text
			if m.Unread {
				mark = "* "
				style = t.Strong
			}
			clip := ""
			if m.Attachment {
				clip = " " + ctx.say("mock_clip")
			}
			date := ""
			if m.Date != "" {
				date = " · " + sanitize(m.Date)
			}
			add(style.Render(hanging(mark, sanitize(m.From)+date+clip, inner)))
			add(indent(wrap(sanitize(m.Subject), inner-2), "  "))
		}
		add("", t.Muted.Render(wrap(ctx.say("mock_unread_hint"), inner)))
	case lessons.ScreenAppStore:
		title = ctx.say("mock_store")
		add(t.Heading.Render(wrap(sanitize(s.Name), inner)))
		field(ctx.say("mock_publisher"), s.Publisher)
		if s.Badge != "" {
			add("[" + sanitize(s.Badge) + "]")
		}
		field(ctx.say("mock_rating"), s.Rating)
		field(ctx.say("mock_downloads"), s.Downloads)
		field(ctx.say("mock_price"), s.Price)
		if s.About != "" {
			add("", wrap(sanitize(s.About), inner))
		}
		if len(s.Permissions) > 0 {
			add("", t.Strong.Render(ctx.say("mock_permissions")))
			add(bullets(t, s.Permissions, inner))
		}
	case lessons.ScreenSlots:
		title = ctx.say("mock_slots")
		add(t.Heading.Render(wrap(sanitize(s.Practitioner), inner)))
		field(ctx.say("mock_specialty"), s.Specialty)
		field(ctx.say("mock_address"), s.Address)
		field(ctx.say("mock_sector"), s.Sector)
		for _, d := range s.Days {
			var times []string
			for _, h := range d.Times {
				times = append(times, "["+sanitize(h)+"]")
			}
			add("", t.Strong.Render(sanitize(d.Day)), wrap(strings.Join(times, " "), inner))
		}
	case lessons.ScreenSearch:
		title = ctx.say("mock_search")
		if s.Query != "" {
			add("[ " + sanitize(s.Query) + " ]")
		}
		for _, r := range s.Results {
			add("")
			if r.Sponsored {
				add(t.Warn.Render(ctx.say("mock_sponsored")))
			}
			add(t.Strong.Render(wrap(sanitize(r.Title), inner)))
			add(t.Muted.Render(wrap(sanitize(r.Address), inner)))
			if r.Extract != "" {
				add(wrap(sanitize(r.Extract), inner))
			}
		}
	}
	body := strings.Join(lines, "\n")
	head := t.Muted.Render(title)
	return t.Box.Border(t.G.Border).Padding(0, 1).Width(w).Render(head + "\n" + body)
}

func fromLine(name, address string) string {
	switch {
	case name == "":
		return address
	case address == "":
		return name
	}
	return name + " <" + address + ">"
}
