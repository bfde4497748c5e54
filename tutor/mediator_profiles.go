package tutor

import (
	"context"
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"pasapas/learning"
	"pasapas/record"
	"pasapas/scoring"
)

// profileDetail is what the space says of any profile: whether the learner
// shares, the archive mark, the code, the last visit — never a result.
func profileDetail(ctx *Context, p record.Profile) string {
	parts := []string{ctx.say("space_shares_no")}
	if p.Shares {
		parts[0] = ctx.say("space_shares_yes")
	}
	if p.Archived {
		parts = append(parts, ctx.say("space_archived"))
	}
	if d := lastSeen(ctx, p.LastSeen, p.HasPIN); d != "" {
		parts = append(parts, d)
	}
	return strings.Join(parts, " · ")
}

// spaceProfiles lists the learners' profiles: first names and the facts of
// profileDetail.
type spaceProfiles struct {
	listScreen
	list []record.Profile
}

func newSpaceProfiles() *spaceProfiles { return &spaceProfiles{} }

func (s *spaceProfiles) Init(ctx *Context) tea.Cmd { return loadProfiles(ctx) }
func (s *spaceProfiles) Title(ctx *Context) string { return ctx.say("space_profiles") }

func (s *spaceProfiles) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	if cmd, done := s.common(ctx, msg, loadProfiles); done {
		return cmd
	}
	if msg, ok := msg.(profilesMsg); ok {
		if !s.arrived(ctx, msg.err) {
			return nil
		}
		s.list = msg.list
		var items []menuItem
		for _, p := range s.list {
			items = append(items, menuItem{label: p.Name, detail: profileDetail(ctx, p)})
		}
		items = append(items, menuItem{label: ctx.say("space_back")})
		s.menu.set(items)
		return nil
	}
	if !s.loaded {
		return nil
	}
	if i, ok := s.menu.update(ctx, msg); ok {
		if i == len(s.list) {
			return back()
		}
		return push(newSpaceProfile(s.list[i]))
	}
	return nil
}

func (s *spaceProfiles) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	parts := []string{t.Heading.Render(wrap(ctx.say("space_profiles"), w)), wrap(ctx.say("space_profiles_hint"), w)}
	parts = noticeLines(t, parts, s.notice, s.problem, w)
	head := strings.Join(parts, "\n")
	if s.loaded && len(s.list) == 0 {
		head += "\n" + wrap(ctx.say("space_no_profiles"), w)
	}
	return menuOrLoading(ctx, s.loaded, head, &s.menu, w, h)
}

// spaceProfile is one learner's profile: what a médiateur can do with it.
// « Voir ses progrès » is offered only when the learner shares.
type spaceProfile struct {
	p       record.Profile
	menu    menu
	acts    []func(ctx *Context) tea.Cmd
	notice  string
	problem string
	busy    bool
}

func newSpaceProfile(p record.Profile) *spaceProfile { return &spaceProfile{p: p} }

func (s *spaceProfile) Init(ctx *Context) tea.Cmd { s.build(ctx); return nil }
func (s *spaceProfile) Title(ctx *Context) string { return sanitize(s.p.Name) }
func (s *spaceProfile) Help(ctx *Context) []key.Binding {
	return menuKeys(ctx)
}

func (s *spaceProfile) build(ctx *Context) {
	s.acts = nil
	var items []menuItem
	add := func(label, detail string, act func(ctx *Context) tea.Cmd) {
		items = append(items, menuItem{label: label, detail: detail})
		s.acts = append(s.acts, act)
	}
	p := s.p
	if p.Shares {
		add(ctx.say("space_see_progress"), "", func(ctx *Context) tea.Cmd { return push(newSharedProgressScreen(p)) })
		if ctx.App.HasGroup() {
			add(ctx.say("follow_entry"), ctx.say("follow_entry_detail"), func(ctx *Context) tea.Cmd { return push(newFollowUpScreen(p.ID, p.Name)) })
		}
	}
	add(ctx.say(codeWord(p, "space_new_code")), ctx.say(codeWord(p, "space_new_code")+"_detail"), func(ctx *Context) tea.Cmd { return push(newCodeResetScreen(ctx, p)) })
	add(ctx.say("space_rename"), "", func(ctx *Context) tea.Cmd { return push(newRenameScreen(ctx, p)) })
	add(ctx.say("space_merge"), ctx.say("space_merge_detail"), func(ctx *Context) tea.Cmd { return push(newMergeScreen(p)) })
	if p.Archived {
		add(ctx.say("space_unarchive"), "", func(ctx *Context) tea.Cmd {
			s.busy = true
			return spaceChange(ctx, func(c context.Context, app *learning.Service, by record.MediatorID) error {
				return app.SetArchived(c, by, p.ID, false)
			})
		})
	} else {
		add(ctx.say("space_archive"), ctx.say("space_archive_detail"), func(ctx *Context) tea.Cmd {
			s.busy = true
			return spaceChange(ctx, func(c context.Context, app *learning.Service, by record.MediatorID) error {
				return app.SetArchived(c, by, p.ID, true)
			})
		})
	}
	add(ctx.say("space_erase"), ctx.say("space_erase_detail"), func(ctx *Context) tea.Cmd {
		name := sanitize(p.Name)
		return push(newConfirmScreen(ctx.say("space_erase"), []string{ctx.say("space_erase_q", name), ctx.say("space_erase_what")},
			ctx.say("space_erase_no"), ctx.say("space_erase_yes"),
			func(c context.Context, app *learning.Service, by record.MediatorID) error {
				return app.EraseLearner(c, by, p.ID)
			},
			func(ctx *Context) tea.Cmd {
				return backWith(2, ctx.say("space_erased", name))
			}))
	})
	// Last but « Revenir »: the lines above keep their numbers.
	if ctx.App.HasGroup() {
		add(ctx.say("att_entry"), ctx.say("att_entry_detail"), func(ctx *Context) tea.Cmd { return push(newAttestationScreen(ctx, p)) })
	}
	add(ctx.say("space_back"), "", func(ctx *Context) tea.Cmd { return back() })
	s.menu.set(items)
}

func (s *spaceProfile) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case resumeMsg:
		return loadProfiles(ctx)
	case noticeMsg:
		s.notice = msg.text
		return nil
	case profilesMsg:
		if msg.err != nil {
			s.problem = spaceExplain(ctx, msg.err)
			return nil
		}
		for _, p := range msg.list {
			if p.ID == s.p.ID {
				s.p = p
				s.build(ctx)
				return nil
			}
		}
		return back() // merged or erased from another window
	case spaceDoneMsg:
		s.busy = false
		if msg.err != nil {
			s.problem = spaceExplain(ctx, msg.err)
			return nil
		}
		s.notice = ctx.say("space_saved")
		return loadProfiles(ctx)
	case tea.KeyPressMsg:
		if s.busy {
			return nil
		}
		s.notice = ""
		if key.Matches(msg, ctx.Keys.Back) {
			return back()
		}
	}
	if s.busy {
		return nil
	}
	if i, ok := s.menu.update(ctx, msg); ok {
		s.problem = ""
		return s.acts[i](ctx)
	}
	return nil
}

func (s *spaceProfile) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	parts := []string{t.Heading.Render(wrap(sanitize(s.p.Name), w)), t.Muted.Render(wrap(sanitize(profileDetail(ctx, s.p)), w))}
	if !s.p.Shares {
		parts = append(parts, wrap(ctx.say("space_not_shared"), w))
	}
	parts = noticeLines(t, parts, s.notice, s.problem, w)
	head := strings.Join(parts, "\n")
	if !s.p.Shares {
		// How to see their progress, when it leaves room for every
		// choice: on a small screen the choices come first.
		ask := wrap(ctx.say("space_not_shared_ask"), w)
		if with := head + "\n" + ask; strings.Count(with, "\n")+2+len(s.menu.items) <= h {
			head = with
		}
	}
	return s.menu.below(ctx, head, w, h)
}

// confirmScreen asks before a change that cannot be undone: « Non » first.
type confirmScreen struct {
	title   string
	lines   []string
	menu    menu
	run     func(c context.Context, app *learning.Service, by record.MediatorID) error
	after   func(ctx *Context) tea.Cmd
	busy    bool
	problem string
}

func newConfirmScreen(title string, lines []string, no, yes string,
	run func(c context.Context, app *learning.Service, by record.MediatorID) error, after func(ctx *Context) tea.Cmd) *confirmScreen {
	s := &confirmScreen{title: title, lines: lines, run: run, after: after}
	s.menu.set([]menuItem{{label: no}, {label: yes}})
	return s
}

func (s *confirmScreen) Title(ctx *Context) string { return s.title }
func (s *confirmScreen) Help(ctx *Context) []key.Binding {
	return menuKeys(ctx)
}

func (s *confirmScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case spaceDoneMsg:
		s.busy = false
		if msg.err != nil && !isNotCompacted(msg.err) {
			s.problem = spaceExplain(ctx, msg.err)
			return nil
		}
		return s.after(ctx)
	}
	if yes, cmd := confirmed(ctx, msg, s.busy, &s.menu); !yes {
		return cmd
	}
	s.busy, s.problem = true, ""
	return spaceChange(ctx, s.run)
}

func (s *confirmScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	var head string
	// In a small window the choices must stay in sight: the details give
	// way first, the question never.
	for keep := len(s.lines); keep >= 1; keep-- {
		parts := []string{t.Heading.Render(wrap(s.lines[0], w))}
		for _, l := range s.lines[1:keep] {
			parts = append(parts, wrap(l, w))
		}
		parts = statusLines(ctx, parts, s.busy, s.problem, w)
		head = strings.Join(parts, "\n")
		if strings.Count(head, "\n")+2+len(s.menu.items) <= h {
			break
		}
	}
	return s.menu.below(ctx, head, w, h)
}

// codeResetScreen gives a learner who forgot their code a new one: the
// médiateur hands over the keyboard, the learner types it twice. Nothing
// of the learner's results is on the way.
type codeResetScreen struct {
	p       record.Profile
	stage   int // 0 code, 1 again, 2 done
	code    codeField
	typed   string
	busy    bool
	problem string
}

func newCodeResetScreen(ctx *Context, p record.Profile) *codeResetScreen {
	return &codeResetScreen{p: p, code: newCodeField(ctx)}
}

// codeWord is the words' key for a profile's code: « Nouveau code
// secret » when it has one (forgotten), « Donner un code secret » when it
// has none, where « code oublié » would be untrue.
func codeWord(p record.Profile, code string) string {
	if p.HasPIN {
		return code
	}
	return strings.Replace(code, "_new_code", "_first_code", 1)
}

func (s *codeResetScreen) Title(ctx *Context) string { return ctx.say(codeWord(s.p, "space_new_code")) }
func (s *codeResetScreen) Typing() bool              { return s.stage < 2 }
func (s *codeResetScreen) Secret() bool              { return s.stage < 2 }
func (s *codeResetScreen) Help(ctx *Context) []key.Binding {
	if s.stage == 2 {
		return []key.Binding{ctx.Keys.Back} // done: nothing to choose
	}
	return []key.Binding{ctx.Keys.Enter, ctx.Keys.Back}
}

func (s *codeResetScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case spaceDoneMsg:
		s.busy = false
		if msg.err != nil {
			s.problem, s.stage = spaceExplain(ctx, msg.err), 0
			return nil
		}
		s.stage = 2
		return nil
	case tea.KeyPressMsg:
		if s.busy {
			return nil
		}
		if s.stage == 2 {
			if key.Matches(msg, ctx.Keys.Back, ctx.Keys.Enter) {
				return back()
			}
			return nil
		}
		if key.Matches(msg, ctx.Keys.Back) {
			if s.stage == 1 {
				s.stage, s.problem = 0, ""
				s.code.in.Reset()
				return nil
			}
			return back()
		}
		if msg.Code != tea.KeyEnter {
			return s.code.update(ctx, msg, &s.problem)
		}
		pin := s.code.in.Value()
		s.code.in.Reset()
		if !record.ValidPIN(pin) {
			s.problem = ctx.say("pin_format")
			return nil
		}
		if s.stage == 0 {
			s.typed, s.stage, s.problem = pin, 1, ""
			return nil
		}
		if pin != s.typed {
			s.stage, s.problem = 0, ctx.say("pin_mismatch")
			return nil
		}
		s.busy, s.problem = true, ""
		id := s.p.ID
		return spaceChange(ctx, func(c context.Context, app *learning.Service, by record.MediatorID) error {
			return app.ResetPIN(c, by, id, pin)
		})
	}
	return nil
}

func (s *codeResetScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	name := sanitize(s.p.Name)
	if s.stage == 2 {
		done := "space_code_done"
		if !s.p.HasPIN {
			done = "space_first_code_done"
		}
		return strings.Join([]string{t.Good.Render(wrap(t.G.Right+" "+ctx.say(done, name), w)), "",
			wrap(ctx.say("space_code_done_next"), w)}, "\n")
	}
	q := ctx.say("space_code_type", name)
	if s.stage == 1 {
		q = ctx.say("space_code_again", name)
	}
	if !s.p.HasPIN {
		q = ctx.say("space_first_code_type", name)
		if s.stage == 1 {
			q = ctx.say("space_first_code_again", name)
		}
	}
	parts := []string{wrap(ctx.say("space_code_hand", name), w), "", t.Heading.Render(wrap(q, w)), wrap(ctx.say("pin_rule"), w), "", s.code.in.View()}
	return joinStatus(ctx, parts, s.busy, s.problem, w)
}

// renameScreen changes a profile's name.
type renameScreen struct {
	p       record.Profile
	name    textinput.Model
	busy    bool
	problem string
}

func newRenameScreen(ctx *Context, p record.Profile) *renameScreen {
	s := &renameScreen{p: p, name: newInput(ctx, false, 30)}
	s.name.SetValue(p.Name)
	s.name.CursorEnd()
	return s
}

func (s *renameScreen) Title(ctx *Context) string { return ctx.say("space_rename") }
func (s *renameScreen) Typing() bool              { return true }
func (s *renameScreen) Help(ctx *Context) []key.Binding {
	return []key.Binding{ctx.Keys.Enter, ctx.Keys.Back}
}

func (s *renameScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case spaceDoneMsg:
		s.busy = false
		if msg.err != nil {
			s.problem = spaceExplain(ctx, msg.err)
			return nil
		}
		return back()
	case tea.PasteMsg:
		var cmd tea.Cmd
		s.name, cmd = s.name.Update(cleanPaste(msg))
		return cmd
	case tea.KeyPressMsg:
		if s.busy {
			return nil
		}
		if key.Matches(msg, ctx.Keys.Back) {
			return back()
		}
		if msg.Code == tea.KeyEnter {
			name := strings.TrimSpace(sanitize(s.name.Value()))
			if name == "" {
				s.problem = ctx.say("name_empty")
				return nil
			}
			s.busy, s.problem = true, ""
			id := s.p.ID
			return spaceChange(ctx, func(c context.Context, app *learning.Service, by record.MediatorID) error {
				return app.RenameLearner(c, by, id, name)
			})
		}
		return typeKey(&s.name, msg)
	}
	return nil
}

func (s *renameScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	s.name.SetWidth(min(w-4, 40))
	parts := []string{t.Heading.Render(wrap(ctx.say("space_rename_ask", sanitize(s.p.Name)), w)), "", s.name.View()}
	return joinStatus(ctx, parts, s.busy, s.problem, w)
}

// mergeScreen chooses the other profile of the same person; a
// confirmation says what stays and what goes.
type mergeScreen struct {
	p       record.Profile
	loaded  bool
	others  []record.Profile
	menu    menu
	problem string
}

func newMergeScreen(p record.Profile) *mergeScreen { return &mergeScreen{p: p} }

func (s *mergeScreen) Init(ctx *Context) tea.Cmd { return loadProfiles(ctx) }
func (s *mergeScreen) Title(ctx *Context) string { return ctx.say("space_merge") }
func (s *mergeScreen) Help(ctx *Context) []key.Binding {
	return menuKeys(ctx)
}

func (s *mergeScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case profilesMsg:
		s.loaded = true
		if msg.err != nil {
			s.problem = spaceExplain(ctx, msg.err)
			return nil
		}
		s.others = nil
		var items []menuItem
		for _, p := range msg.list {
			if p.ID != s.p.ID {
				s.others = append(s.others, p)
				items = append(items, menuItem{label: p.Name, detail: profileDetail(ctx, p)})
			}
		}
		items = append(items, menuItem{label: ctx.say("space_back")})
		s.menu.set(items)
		return nil
	case tea.KeyPressMsg:
		if key.Matches(msg, ctx.Keys.Back) {
			return back()
		}
	}
	if !s.loaded {
		return nil
	}
	if i, ok := s.menu.update(ctx, msg); ok {
		if i == len(s.others) {
			return back()
		}
		keep, drop := s.p, s.others[i]
		kn, dn := sanitize(keep.Name), sanitize(drop.Name)
		return push(newConfirmScreen(ctx.say("space_merge"),
			[]string{ctx.say("space_merge_q", dn, kn), ctx.say("space_merge_what", dn, kn), ctx.say("space_merge_stays", kn, dn)},
			ctx.say("space_merge_no"), ctx.say("space_merge_yes"),
			func(c context.Context, app *learning.Service, by record.MediatorID) error {
				return app.MergeLearners(c, by, keep.ID, drop.ID)
			},
			func(ctx *Context) tea.Cmd {
				return backWith(2, ctx.say("space_merged", dn, kn))
			}))
	}
	return nil
}

func (s *mergeScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	parts := []string{t.Heading.Render(wrap(ctx.say("space_merge_pick", sanitize(s.p.Name)), w))}
	parts = noticeLines(t, parts, "", s.problem, w)
	head := strings.Join(parts, "\n")
	return menuOrLoading(ctx, s.loaded, head, &s.menu, w, h)
}

// sharedProgressScreen shows a sharing learner's progress: the lessons
// finished, the level in each competence, the last tests — what « Mes
// réglages » tells the learner is shared, and nothing more (no answer).
type sharedProgressScreen struct {
	readingScreen
	p       record.Profile
	loaded  bool
	st      learning.Standing
	problem string
}

type sharedMsg struct {
	st  learning.Standing
	err error
}

func newSharedProgressScreen(p record.Profile) *sharedProgressScreen {
	return &sharedProgressScreen{p: p}
}

func (s *sharedProgressScreen) Init(ctx *Context) tea.Cmd {
	app, cat, by, id := ctx.App, ctx.Cat, ctx.Mediator.ID, s.p.ID
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		st, err := app.SharedProgress(c, by, cat, id)
		return sharedMsg{st, err}
	})
}

func (s *sharedProgressScreen) Title(ctx *Context) string { return sanitize(s.p.Name) }

func (s *sharedProgressScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	if m, ok := msg.(sharedMsg); ok {
		s.loaded = true
		if m.err != nil {
			s.problem = spaceExplain(ctx, m.err)
		} else {
			s.st = m.st
		}
		return nil
	}
	return s.readingScreen.Update(ctx, msg)
}

func (s *sharedProgressScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	bw := min(w, 76)
	if !s.loaded {
		return ctx.say("loading")
	}
	if s.problem != "" {
		return problemLine(t, s.problem, bw)
	}
	lines := []string{t.Heading.Render(wrap(ctx.say("space_progress_of", sanitize(s.p.Name)), bw))}
	done := 0
	for _, lp := range s.st.State.Lessons {
		if lp.Done {
			done++
		}
	}
	lines = append(lines, wrap(ctx.say("space_lessons_done", done), bw), "")
	if len(s.st.Entries) == 0 {
		lines = append(lines, wrap(ctx.say("space_no_level"), bw))
	}
	for _, e := range s.st.Entries {
		lines = append(lines, hanging(t.G.Bullet+" ", sanitize(situation(e.Competence))+ctx.say("colon")+" "+
			scoring.LevelHeading(ctx.Lang, e.Result.Level), bw))
	}
	var hist []record.Test
	for _, ht := range s.st.State.Tests {
		if ht.Result != nil {
			hist = append(hist, ht)
		}
	}
	if len(hist) > 0 {
		lines = append(lines, "", t.Strong.Render(ctx.say("space_last_tests")))
		for i := len(hist) - 1; i >= 0 && i >= len(hist)-5; i-- {
			ht := hist[i]
			lines = append(lines, hanging(t.G.Bullet+" ", humanDate(ctx, ht.FinishedAt)+ctx.say("colon")+" "+
				sanitize(testName(ctx, ht.Competence))+" — "+scoring.LevelName(ctx.Lang, ht.Result.Level), bw))
		}
	}
	return s.scroll.render(ctx, strings.Join(lines, "\n"), w, h)
}

func isNotCompacted(err error) bool { return err != nil && errors.Is(err, record.ErrNotCompacted) }
