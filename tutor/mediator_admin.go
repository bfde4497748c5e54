package tutor

import (
	"context"

	"strings"

	tea "charm.land/bubbletea/v2"

	"pasapas/learning"
	"pasapas/record"
)

// journalScreen reads the journal: who did what, when. A line names a
// profile by its number; the profile's current first name is added when it
// still exists (the space shows first names anyway).
type journalScreen struct {
	readingScreen
	loaded   bool
	acts     []record.Action
	names    map[record.LearnerID]string
	accounts map[record.MediatorID]string
	problem  string
}

type journalMsg struct {
	acts     []record.Action
	profiles []record.Profile
	accounts []record.Mediator
	err      error
}

func newJournalScreen() *journalScreen { return &journalScreen{} }

func (s *journalScreen) Init(ctx *Context) tea.Cmd {
	app := ctx.App
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		acts, err := app.Actions(c)
		if err != nil {
			return journalMsg{err: err}
		}
		profiles, err := app.Profiles(c)
		if err != nil {
			return journalMsg{err: err}
		}
		accounts, err := app.Mediators(c)
		return journalMsg{acts, profiles, accounts, err}
	})
}

func (s *journalScreen) Title(ctx *Context) string { return ctx.say("space_journal") }

func (s *journalScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	if m, ok := msg.(journalMsg); ok {
		s.loaded = true
		if m.err != nil {
			s.problem = spaceExplain(ctx, m.err)
			return nil
		}
		s.acts = m.acts
		s.names = map[record.LearnerID]string{}
		for _, p := range m.profiles {
			s.names[p.ID] = p.Name
		}
		s.accounts = map[record.MediatorID]string{}
		for _, a := range m.accounts {
			s.accounts[a.ID] = a.Name
		}
		return nil
	}
	return s.readingScreen.Update(ctx, msg)
}

// profileRef names a profile in a journal line.
func (s *journalScreen) profileRef(ctx *Context, id record.LearnerID) string {
	if n, ok := s.names[id]; ok {
		return ctx.say("space_profile_ref", sanitize(n), id)
	}
	return ctx.say("space_profile_gone", id)
}

// describe says a journal line in words.
func (s *journalScreen) describe(ctx *Context, a record.Action) string {
	switch a.Kind {
	case record.ActMerge:
		// The merged profile is gone by design: its number only.
		return ctx.say("act_"+string(a.Kind), ctx.say("space_profile_num", a.Other), s.profileRef(ctx, a.Learner))
	case record.ActStructure:
		return ctx.say("act_" + string(a.Kind))
	case record.ActRetention, record.ActAtelierOpened, record.ActAtelierClosed:
		return ctx.say("act_"+string(a.Kind), a.Value)
	case record.ActMediatorAdded, record.ActMediatorRemoved:
		name, ok := s.accounts[a.OtherAccount]
		if !ok {
			name = ctx.say("space_account_gone", a.OtherAccount)
		}
		return ctx.say("act_"+string(a.Kind), sanitize(name))
	}
	return ctx.say("act_"+string(a.Kind), s.profileRef(ctx, a.Learner))
}

func (s *journalScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	bw := min(w, 100)
	if !s.loaded {
		return ctx.say("loading")
	}
	if s.problem != "" {
		return problemLine(t, s.problem, bw)
	}
	lines := []string{t.Heading.Render(wrap(ctx.say("space_journal"), bw)), wrap(ctx.say("space_journal_hint"), bw), ""}
	for _, a := range s.acts {
		when := fullDate(ctx.Lang, a.At) + " " + a.At.Local().Format("15:04")
		lines = append(lines, hanging(t.G.Bullet+" ", when+" · "+sanitize(a.MediatorName)+ctx.say("colon")+" "+s.describe(ctx, a), bw))
	}
	return s.scroll.render(ctx, strings.Join(lines, "\n"), w, h)
}

// accountsScreen lists the médiateurs' accounts: add one, or remove
// another's (one's own cannot be removed, so someone can always open the
// space).
type accountsScreen struct {
	listScreen
	list []record.Mediator
}

func newAccountsScreen() *accountsScreen { return &accountsScreen{} }

func (s *accountsScreen) Init(ctx *Context) tea.Cmd { return loadMediators(ctx) }
func (s *accountsScreen) Title(ctx *Context) string { return ctx.say("space_accounts") }

func (s *accountsScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	if cmd, done := s.common(ctx, msg, loadMediators); done {
		return cmd
	}
	if msg, ok := msg.(mediatorsMsg); ok {
		if !s.arrived(ctx, msg.err) {
			return nil
		}
		s.list = msg.list
		var items []menuItem
		for _, m := range s.list {
			detail := ctx.say("space_account_remove")
			if m.ID == ctx.Mediator.ID {
				detail = ctx.say("space_account_you")
			}
			items = append(items, menuItem{label: m.Name, detail: detail})
		}
		items = append(items, menuItem{label: ctx.say("space_add_account")}, menuItem{label: ctx.say("space_back")})
		s.menu.set(items)
		return nil
	}
	if !s.loaded {
		return nil
	}
	i, ok := s.menu.update(ctx, msg)
	switch {
	case !ok:
		return nil
	case i == len(s.list):
		return push(newAccountScreen(ctx, false))
	case i > len(s.list):
		return back()
	}
	m := s.list[i]
	if m.ID == ctx.Mediator.ID {
		s.problem = ctx.say("space_not_self")
		return nil
	}
	name := sanitize(m.Name)
	return push(newConfirmScreen(ctx.say("space_accounts"), []string{ctx.say("space_account_remove_q", name)},
		ctx.say("space_account_keep"), ctx.say("space_account_remove_yes"),
		func(c context.Context, app *learning.Service, by record.MediatorID) error {
			return app.RemoveMediator(c, by, m.ID)
		},
		func(ctx *Context) tea.Cmd {
			return backWith(1, ctx.say("space_account_removed", name))
		}))
}

func (s *accountsScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	parts := []string{t.Heading.Render(wrap(ctx.say("space_accounts"), w))}
	parts = noticeLines(t, parts, s.notice, s.problem, w)
	head := strings.Join(parts, "\n")
	return menuOrLoading(ctx, s.loaded, head, &s.menu, w, h)
}

// retentionScreen sets how long a profile without a visit is kept, and
// erases the profiles past it, once the médiateur confirms.
type retentionScreen struct {
	listScreen
	months  int
	expired []record.Profile
	busy    bool
}

type retentionMsg struct {
	months  int
	expired []record.Profile
	err     error
}

func newRetentionScreen() *retentionScreen { return &retentionScreen{} }

func loadRetention(ctx *Context) tea.Cmd {
	app := ctx.App
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		m, err := app.Retention(c)
		if err != nil {
			return retentionMsg{err: err}
		}
		ex, err := app.Expired(c)
		return retentionMsg{m, ex, err}
	})
}

func (s *retentionScreen) Init(ctx *Context) tea.Cmd { return loadRetention(ctx) }
func (s *retentionScreen) Title(ctx *Context) string { return ctx.say("space_retention") }

func (s *retentionScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	if _, ok := msg.(tea.KeyPressMsg); ok && s.busy {
		return nil // a change on its way: no key until it is saved
	}
	if cmd, done := s.common(ctx, msg, loadRetention); done {
		return cmd
	}
	switch msg := msg.(type) {
	case retentionMsg:
		s.busy = false
		if !s.arrived(ctx, msg.err) {
			return nil
		}
		s.months, s.expired = msg.months, msg.expired
		var items []menuItem
		for _, m := range learning.RetentionChoices {
			label := ctx.say("space_months", m)
			if m == learning.DefaultRetentionMonths {
				label += " " + ctx.say("space_default")
			}
			detail := ""
			if m == s.months {
				detail = ctx.Theme.G.Right + " " + ctx.say("space_chosen")
			}
			items = append(items, menuItem{label: label, detail: detail})
		}
		if len(s.expired) > 0 {
			items = append(items, menuItem{label: ctx.say("space_erase_expired", len(s.expired), s.months)})
		}
		items = append(items, menuItem{label: ctx.say("space_back")})
		cur := s.menu.cursor
		s.menu.set(items)
		s.menu.cursor = min(cur, len(items)-1)
		return nil
	case spaceDoneMsg:
		s.busy = false
		if msg.err != nil {
			s.problem = spaceExplain(ctx, msg.err)
			return nil
		}
		s.notice = ctx.say("space_saved")
		return loadRetention(ctx)
	}
	if !s.loaded || s.busy {
		return nil
	}
	i, ok := s.menu.update(ctx, msg)
	if !ok {
		return nil
	}
	n := len(learning.RetentionChoices)
	switch {
	case i < n:
		months := learning.RetentionChoices[i]
		s.busy, s.problem = true, ""
		return spaceChange(ctx, func(c context.Context, app *learning.Service, by record.MediatorID) error {
			return app.SetRetention(c, by, months)
		})
	case i == n && len(s.expired) > 0:
		var names []string
		for _, p := range s.expired {
			names = append(names, sanitize(p.Name))
		}
		count := len(s.expired)
		return push(newConfirmScreen(ctx.say("space_retention"),
			[]string{ctx.say("space_erase_expired_q", count, s.months), strings.Join(names, ", "), ctx.say("space_erase_what")},
			ctx.say("space_erase_no"), ctx.say("space_erase_expired_yes"),
			func(c context.Context, app *learning.Service, by record.MediatorID) error {
				_, err := app.EraseExpired(c, by)
				return err
			},
			func(ctx *Context) tea.Cmd { return backWith(1, ctx.say("space_erased_n", count)) }))
	}
	return back()
}

func (s *retentionScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	if !s.loaded {
		return ctx.say("loading")
	}
	parts := []string{t.Heading.Render(wrap(ctx.say("space_retention_now", s.months), w)), wrap(ctx.say("space_retention_why"), w)}
	parts = noticeLines(t, parts, s.notice, s.problem, w)
	head := strings.Join(parts, "\n")
	return s.menu.below(ctx, head, w, h)
}
