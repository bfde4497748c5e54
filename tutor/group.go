package tutor

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/record"
	"pasapas/scoring"
)

// The médiateur's side of ateliers: « Les ateliers » (open one from its
// file, see its code, close it), « Le groupe » (one row per learner who
// agreed, refreshing by itself) and a learner's follow-up with notes.
// The screens hold UI state only: package learning decides who is shown
// and what (GroupView, FollowUp).

type (
	runsMsg struct {
		runs []learning.RunSummary
		err  error
	}
	runOpenedMsg struct {
		run record.Run
		err error
	}
	groupMsg struct {
		rows []learning.GroupRow
		err  error
	}
	// groupRefreshMsg: the Refresher says the group may have changed.
	groupRefreshMsg struct{}
	followUpMsg     struct {
		f   learning.FollowUp
		err error
	}
)

func loadRuns(ctx *Context) tea.Cmd {
	app := ctx.App
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		runs, err := app.RunSummaries(c)
		return runsMsg{runs, err}
	})
}

// ateliersScreen lists the atelier files, those open first with their code.
type ateliersScreen struct {
	loaded  bool
	runs    []learning.RunSummary
	menu    menu
	acts    []func(ctx *Context) tea.Cmd
	problem string
	notice  string
}

func newAteliersScreen() *ateliersScreen { return &ateliersScreen{} }

func (s *ateliersScreen) Init(ctx *Context) tea.Cmd { return loadRuns(ctx) }
func (s *ateliersScreen) Title(ctx *Context) string { return ctx.say("ateliers_title") }
func (s *ateliersScreen) Help(ctx *Context) []key.Binding {
	return menuKeys(ctx)
}

func (s *ateliersScreen) build(ctx *Context) {
	var items []menuItem
	s.acts = nil
	open := map[string]bool{}
	now := ctx.now()
	for _, rs := range s.runs {
		r := rs
		if !r.Run.Open(now) {
			continue
		}
		open[r.Run.Atelier] = true
		items = append(items, menuItem{label: ctx.say("ateliers_open_line", sanitize(r.Run.Title), r.Run.Code),
			detail: ctx.say("ateliers_open_until", r.Run.OpenedAt.Add(record.RunHours*time.Hour).Local().Format("15:04"))})
		s.acts = append(s.acts, func(ctx *Context) tea.Cmd { return push(newRunScreen(r)) })
	}
	for _, a := range ctx.Lib.Ateliers {
		if open[a.ID] {
			continue
		}
		a := a
		items = append(items, menuItem{label: ctx.say("ateliers_file_line", sanitize(a.Title)),
			detail: ctx.say("ateliers_file_detail", a.Level, len(a.Parcours))})
		s.acts = append(s.acts, func(ctx *Context) tea.Cmd {
			app, by := ctx.App, ctx.Mediator.ID
			return storeCmd(ctx, func(c context.Context) tea.Msg {
				r, err := app.OpenAtelier(c, by, a)
				return runOpenedMsg{r, err}
			})
		})
	}
	items = append(items, menuItem{label: ctx.say("gexport_period_item"), detail: ctx.say("gexport_period_more")})
	s.acts = append(s.acts, func(ctx *Context) tea.Cmd { return push(newPeriodExportScreen()) })
	if ctx.AteliersDir != "" {
		items = append(items, menuItem{label: ctx.say("prepare_title"), detail: ctx.say("prepare_detail")})
		s.acts = append(s.acts, func(ctx *Context) tea.Cmd { return push(newPrepareScreen(ctx)) })
	}
	// The ateliers held: what La Coop asks (date, title, participants,
	// duration), the newest first.
	past := 0
	for _, rs := range s.runs {
		r := rs
		if r.Run.Open(now) || past == 10 {
			continue
		}
		it := menuItem{label: ctx.say("ateliers_past_line", humanDate(ctx, r.Run.OpenedAt), sanitize(r.Run.Title)),
			detail: ctx.say("ateliers_past_detail", joined(ctx, r.Members), ago(ctx, r.Time))}
		if past == 0 {
			it.heading = ctx.say("ateliers_past")
		}
		past++
		items = append(items, it)
		s.acts = append(s.acts, func(ctx *Context) tea.Cmd { return push(newRunScreen(r)) })
	}
	items = append(items, menuItem{label: ctx.say("back")})
	s.acts = append(s.acts, func(ctx *Context) tea.Cmd { return back() })
	s.menu.set(items)
}

func (s *ateliersScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case resumeMsg:
		return loadRuns(ctx)
	case runsMsg:
		s.loaded = true
		if msg.err != nil {
			s.problem = spaceExplain(ctx, msg.err)
		}
		s.runs = msg.runs
		s.build(ctx)
		return nil
	case runOpenedMsg:
		if msg.err != nil {
			s.problem = spaceExplain(ctx, msg.err)
			if errors.Is(msg.err, learning.ErrCodeTaken) {
				s.problem = ctx.say("ateliers_code_taken")
			}
			return nil
		}
		return push(newRunScreen(learning.RunSummary{Run: msg.run}))
	case noticeMsg:
		s.notice = msg.text
		return loadRuns(ctx)
	case tea.KeyPressMsg:
		s.notice = ""
		if key.Matches(msg, ctx.Keys.Back) {
			return back()
		}
	}
	if i, ok := s.menu.update(ctx, msg); ok && i < len(s.acts) {
		s.problem = ""
		return s.acts[i](ctx)
	}
	return nil
}

func (s *ateliersScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	if !s.loaded {
		return ctx.say("loading")
	}
	parts := []string{wrap(ctx.say("ateliers_intro"), w)}
	if len(ctx.Lib.Ateliers) == 0 && len(s.runs) == 0 {
		parts = append(parts, "", wrap(ctx.say("ateliers_none"), w))
	}
	parts = noticeLines(t, parts, s.notice, s.problem, w)
	head := strings.Join(parts, "\n")
	top := lipgloss.Height(head) + 1
	return head + "\n\n" + s.menu.render(ctx, w, h-top, top)
}

// runScreen is an open atelier: its code in large, what it holds, « Voir
// le groupe » and « Fermer l'atelier ».
type runScreen struct {
	run     record.Run
	sum     learning.RunSummary
	menu    menu
	busy    bool
	problem string
}

func newRunScreen(r learning.RunSummary) *runScreen { return &runScreen{run: r.Run, sum: r} }

func (s *runScreen) open(ctx *Context) bool { return s.run.Open(ctx.now()) }

func (s *runScreen) Init(ctx *Context) tea.Cmd {
	export := menuItem{label: ctx.say("gexport_item"), detail: ctx.say("gexport_item_more")}
	if s.open(ctx) {
		s.menu.set([]menuItem{{label: ctx.say("group_title")}, {label: ctx.say("ateliers_close")}, export, {label: ctx.say("back")}})
	} else {
		s.menu.set([]menuItem{{label: ctx.say("bilan_item")}, export, {label: ctx.say("back")}})
	}
	return nil
}
func (s *runScreen) Title(ctx *Context) string { return sanitize(s.run.Title) }
func (s *runScreen) Help(ctx *Context) []key.Binding {
	return menuKeys(ctx)
}

func (s *runScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case bilanMsg:
		s.busy = false
		if msg.err != nil && msg.line.Bilan.Type == "" {
			s.problem = spaceExplain(ctx, msg.err) // not closed
			return nil
		}
		// The bilan for La Coop replaces the closed run's page.
		return replace(newClosedBilanScreen(s.run, msg))
	case tea.KeyPressMsg:
		if s.busy {
			return nil
		}
		if key.Matches(msg, ctx.Keys.Back) {
			return back()
		}
	}
	i, ok := s.menu.update(ctx, msg)
	if !ok || s.busy {
		return nil
	}
	if !s.open(ctx) {
		switch i {
		case 0:
			return push(newRunBilanScreen(ctx, s.run))
		case 1:
			return push(newGroupExportScreen(s.run))
		}
		return back()
	}
	switch i {
	case 0:
		return push(newGroupScreen(&s.run))
	case 2:
		return push(newGroupExportScreen(s.run))
	case 1:
		// Asked first: closing ends the code for the whole group and
		// writes the bilan's line. One use case closes the run and adds
		// the line, only if this call closed it (another window may have
		// already); the bilan then replaces this page.
		var done bilanMsg
		id := s.run.ID
		return push(newConfirmScreen(ctx.say("ateliers_close"),
			[]string{ctx.say("close_ask", sanitize(s.run.Title)), ctx.say("close_what")},
			ctx.say("close_no"), ctx.say("close_yes"),
			func(c context.Context, app *learning.Service, by record.MediatorID) error {
				l, err := app.CloseAtelierBilan(c, by, id)
				done = bilanMsg{line: l, err: err}
				if l.Bilan.Type == "" {
					return err // not closed: said on the question's page
				}
				return nil
			},
			func(*Context) tea.Cmd {
				return func() tea.Msg { return unwindMsg{n: 1, then: done} }
			}))
	}
	return back()
}

func (s *runScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	r := s.run
	code := strings.Join(strings.Split(r.Code, ""), " ")
	var lines []string
	if s.open(ctx) {
		lines = []string{
			wrap(ctx.say("ateliers_code_is"), w),
			t.Box.Render(t.Strong.Render(code)),
			wrap(ctx.say("ateliers_open_until", r.OpenedAt.Add(record.RunHours*time.Hour).Local().Format("15:04")), w),
		}
	} else {
		lines = []string{
			wrap(ctx.say("ateliers_held", humanDate(ctx, r.OpenedAt), r.OpenedAt.Local().Format("15:04")), w),
			wrap(ctx.say("ateliers_past_detail", joined(ctx, s.sum.Members), ago(ctx, s.sum.Time)), w),
		}
	}
	lines = append(lines, "", wrap(ctx.say("ateliers_level", r.Level), w))
	if len(r.Thematiques) > 0 {
		lines = append(lines, wrap(ctx.say("ateliers_themes", strings.Join(r.Thematiques, ", ")), w))
	}
	var titles []string
	for _, id := range r.Parcours {
		if l := ctx.Cat.Lesson(id); l != nil {
			titles = append(titles, l.Title)
		}
	}
	lines = append(lines, wrap(ctx.say("ateliers_parcours", strings.Join(titles, " → ")), w), "")
	if s.problem != "" {
		lines = append(lines, problemLine(t, s.problem, w), "")
	}
	head := strings.Join(lines, "\n")
	top := lipgloss.Height(head)
	return head + "\n" + s.menu.render(ctx, w, h-top, top)
}

// groupScreen is « Le groupe »: one row per learner of the atelier (or of
// the place, outside an atelier) who agreed to be seen, and everyone who
// calls. It reads the view again whenever the Refresher says so.
type groupScreen struct {
	run     *record.Run // nil: the place
	loaded  bool
	rows    []learning.GroupRow
	at      time.Time // when the rows were read
	menu    menu
	problem string
	page    follower
}

func newGroupScreen(r *record.Run) *groupScreen { return &groupScreen{run: r} }

func (s *groupScreen) runID() record.RunID {
	if s.run == nil {
		return 0
	}
	return s.run.ID
}

func (s *groupScreen) load(ctx *Context) tea.Cmd {
	app, cat, run := ctx.App, ctx.Cat, s.runID()
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		rows, err := app.GroupView(c, cat, run)
		return groupMsg{rows, err}
	})
}

// wait asks the Refresher when to read again. It does not take a place in
// the store's queue: it only waits.
func (s *groupScreen) wait(ctx *Context) tea.Cmd {
	if ctx.synchronous {
		return nil // « Mettre à jour » reads again, line by line
	}
	r := ctx.App.Refresher()
	var to screen = s
	return func() tea.Msg {
		c, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		r.Next(c)
		return addressedMsg{to, groupRefreshMsg{}}
	}
}

func (s *groupScreen) Init(ctx *Context) tea.Cmd { return tea.Batch(s.load(ctx), s.wait(ctx)) }
func (s *groupScreen) Title(ctx *Context) string {
	if s.run != nil {
		return ctx.say("group_title_of", sanitize(s.run.Title), s.run.Code)
	}
	return ctx.say("group_title")
}
func (s *groupScreen) Help(ctx *Context) []key.Binding {
	return menuKeys(ctx)
}

func (s *groupScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case groupRefreshMsg:
		return tea.Batch(s.load(ctx), s.wait(ctx))
	case groupMsg:
		s.loaded = true
		s.problem = ""
		if msg.err != nil {
			s.problem = spaceExplain(ctx, msg.err)
			return nil
		}
		s.rows, s.at = msg.rows, ctx.now()
		s.build(ctx)
		return nil
	case spaceDoneMsg:
		if msg.err != nil {
			s.problem = spaceExplain(ctx, msg.err)
		}
		return s.load(ctx)
	case tea.KeyPressMsg:
		if key.Matches(msg, ctx.Keys.Back) {
			return back()
		}
		if s.page.key(msg.String()) {
			return nil
		}
	}
	i, ok := s.menu.update(ctx, msg)
	if ok && i == len(s.rows) {
		return s.load(ctx) // « Mettre à jour »
	}
	if !ok || i >= len(s.rows) {
		return nil
	}
	row := s.rows[i]
	if !row.Calling.IsZero() {
		// Going to the learner answers the call: the mark goes.
		id := row.Learner
		return spaceChange(ctx, func(c context.Context, app *learning.Service, _ record.MediatorID) error {
			return app.CallMediator(c, id, false)
		})
	}
	if row.Shown {
		return push(newFollowUpScreen(row.Learner, row.Name))
	}
	return nil
}

// build makes one menu line per row: the name and the call on the label,
// where they are on the detail.
func (s *groupScreen) build(ctx *Context) {
	t := ctx.Theme
	var items []menuItem
	now := ctx.now()
	for _, r := range s.rows {
		label := sanitize(r.Name)
		if !r.Calling.IsZero() {
			sym := "(!)"
			if t.Name != "ascii" && !ctx.linear {
				sym = "🔔"
			}
			label = sym + " " + strings.ToUpper(ctx.say("group_calls")) + " " + sym + " " + label + " — " + ctx.say("group_since", ago(ctx, now.Sub(r.Calling)))
		}
		var d []string
		if r.Shown {
			if r.Lesson != nil {
				d = append(d, ctx.say("group_in_lesson", sanitize(r.Lesson.Title), r.Step, r.Steps, ago(ctx, now.Sub(r.OnStepSince))))
			} else {
				d = append(d, ctx.say("group_no_lesson"))
			}
			switch r.Stuck {
			case learning.StuckSkips:
				d = append(d, t.G.Wrong+" "+ctx.say("group_stuck_skips"))
			case learning.StuckLong:
				d = append(d, t.G.Wrong+" "+ctx.say("group_stuck_long", int(learning.StuckAfter/time.Minute)))
			}
			last := ctx.say("group_last", ago(ctx, now.Sub(r.LastActive)))
			if r.LastActive.IsZero() {
				last = ctx.say("group_last_none")
			}
			if !r.Here {
				last += " · " + ctx.say("group_gone")
			}
			d = append(d, last+" · "+ctx.say("group_done", r.LessonsDone))
			var lv []string
			for _, e := range r.Levels {
				lv = append(lv, sanitize(situation(e.Competence))+ctx.say("colon")+" "+scoring.LevelName(ctx.Lang, e.Result.Level))
			}
			if len(lv) > 0 {
				d = append(d, strings.Join(lv, " · "))
			}
		} else {
			d = append(d, ctx.say("group_shares_nothing"))
		}
		items = append(items, menuItem{label: label, detail: strings.Join(d, "\n")})
	}
	if ctx.synchronous {
		items = append(items, menuItem{label: ctx.say("group_refresh")})
	}
	s.menu.set(items)
}

func (s *groupScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	if !s.loaded {
		return ctx.say("loading")
	}
	intro := ctx.say("group_intro")
	if ctx.linear {
		// The accessible mode prints the page once: it is read again
		// with its last row, « Mettre à jour », numbered after the people.
		intro = ctx.say("group_intro_linear", len(s.rows)+1)
	}
	head := []string{wrap(intro, w)}
	if s.run != nil {
		head = append(head, t.Strong.Render(wrap(ctx.say("ateliers_code_line", s.run.Code), w)))
	}
	head = append(head, t.Muted.Render(wrap(ctx.say(countCode("group_read_at", len(s.rows)), s.at.Local().Format("15:04:05"), len(s.rows)), w)))
	if s.problem != "" {
		head = append(head, problemLine(t, s.problem, w))
	}
	if len(s.rows) == 0 {
		head = append(head, "", wrap(ctx.say("group_empty"), w))
	}
	top := strings.Join(head, "\n")
	n := lipgloss.Height(top) + 1
	return top + "\n\n" + s.menu.render(ctx, w, h-n, n)
}

// joined says how many joined an atelier, the noun agreeing (0 and 1
// singular in French).
func joined(ctx *Context, n int) string {
	if n == 1 || (n == 0 && ctx.Lang == i18n.FR) {
		return ctx.say("joined_one", n)
	}
	return ctx.say("joined_many", n)
}

// ago says a duration in whole minutes, « moins d'une minute » below.
func ago(ctx *Context, d time.Duration) string {
	switch {
	case d < time.Minute:
		return ctx.say("less_than_minute")
	case d < time.Hour:
		if n := int(d / time.Minute); n != 1 {
			return ctx.say("n_minutes", n)
		}
		return ctx.say("one_minute")
	}
	return ctx.say("hours_minutes", int(d/time.Hour), int(d%time.Hour/time.Minute))
}

// followUpScreen is one learner's follow-up: visits, lessons, tests and
// levels, and the médiateurs' notes, with a field to add one.
type followUpScreen struct {
	id      record.LearnerID
	name    string
	loaded  bool
	f       learning.FollowUp
	problem string
	note    textinput.Model
	writing bool
	scroll  scroller
}

func newFollowUpScreen(id record.LearnerID, name string) *followUpScreen {
	return &followUpScreen{id: id, name: name}
}

func (s *followUpScreen) load(ctx *Context) tea.Cmd {
	app, by, cat, id := ctx.App, ctx.Mediator.ID, ctx.Cat, s.id
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		f, err := app.FollowUp(c, by, cat, id)
		return followUpMsg{f, err}
	})
}

func (s *followUpScreen) Init(ctx *Context) tea.Cmd {
	s.note = newInput(ctx, false, learning.MaxNote)
	s.note.Blur()
	return s.load(ctx)
}
func (s *followUpScreen) Typing() bool              { return s.writing }
func (s *followUpScreen) Title(ctx *Context) string { return ctx.say("follow_title", sanitize(s.name)) }
func (s *followUpScreen) Help(ctx *Context) []key.Binding {
	if s.writing {
		return []key.Binding{ctx.Keys.Enter, ctx.Keys.Back}
	}
	return []key.Binding{key.NewBinding(key.WithKeys("n"), key.WithHelp("n", ctx.say("follow_add_note"))),
		key.NewBinding(key.WithKeys("a"), key.WithHelp("a", ctx.say("accomp_key"))),
		key.NewBinding(key.WithKeys("t"), key.WithHelp("t", ctx.say("att_key"))), ctx.Keys.Back}
}

// attestationForMsg: whether a learner's attestation needs their code,
// read just before the attestation's screen.
type attestationForMsg struct {
	p   record.Profile
	err error
}

func (s *followUpScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case attestationForMsg:
		if msg.err != nil {
			s.problem = spaceExplain(ctx, msg.err)
			return nil
		}
		return push(newAttestationScreen(ctx, msg.p))
	case followUpMsg:
		s.loaded = true
		if msg.err != nil {
			s.problem = spaceExplain(ctx, msg.err)
			return nil
		}
		s.f = msg.f
		return nil
	case spaceDoneMsg:
		if msg.err != nil {
			s.problem = spaceExplain(ctx, msg.err)
			return nil
		}
		s.note.SetValue("")
		return s.load(ctx)
	case tea.PasteMsg:
		if s.writing {
			var cmd tea.Cmd
			s.note, cmd = s.note.Update(cleanPaste(msg))
			return cmd
		}
	case tea.KeyPressMsg:
		if s.writing {
			switch {
			case key.Matches(msg, ctx.Keys.Back):
				s.writing = false
				s.note.Blur()
				return nil
			case msg.String() == "enter":
				s.writing = false
				s.note.Blur()
				text, id := s.note.Value(), s.id
				if strings.TrimSpace(text) == "" {
					return nil
				}
				return spaceChange(ctx, func(c context.Context, app *learning.Service, by record.MediatorID) error {
					_, err := app.AddNote(c, by, id, text)
					return err
				})
			}
			return typeKey(&s.note, msg)
		}
		switch {
		case key.Matches(msg, ctx.Keys.Back):
			return back()
		case msg.Text == "n" && s.loaded && s.problem == "":
			s.writing = true
			return s.note.Focus()
		case msg.Text == "a" && s.loaded && s.problem == "":
			return push(newAccompanimentScreen(s.id))
		case msg.Text == "t" && s.loaded && s.problem == "":
			// The learner may have stopped sharing since this page was
			// loaded: the use case says whether their code is needed now.
			app, id, name := ctx.App, s.id, s.name
			return storeCmd(ctx, func(c context.Context) tea.Msg {
				needs, can, err := app.NeedsCode(c, id)
				return attestationForMsg{p: record.Profile{ID: id, Name: name, Shares: !needs, HasPIN: can}, err: err}
			})
		}
		s.scroll.update(ctx, msg)
	}
	return nil
}

func (s *followUpScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	if !s.loaded {
		return ctx.say("loading")
	}
	if s.problem != "" {
		return problemLine(t, s.problem, w)
	}
	var lines []string
	add := func(s string) { lines = append(lines, strings.Split(s, "\n")...) }
	var total time.Duration
	for _, v := range s.f.Visits {
		total += v.Length()
	}
	// Rounded as the attestation rounds its hours (fiche.Hours): the
	// médiateur reads both and they must agree.
	add(t.Heading.Render(ctx.say("follow_visits", len(s.f.Visits), ago(ctx, total.Round(time.Minute)))))
	for i := len(s.f.Visits) - 1; i >= 0 && i >= len(s.f.Visits)-5; i-- {
		v := s.f.Visits[i]
		add(hanging(t.G.Bullet+" ", humanDate(ctx, v.Start)+" "+v.Start.Local().Format("15:04")+" · "+ago(ctx, v.Length())+" · "+sanitize(v.Place), w))
	}
	add("")
	st := s.f.Standing.State
	var done []string
	for id, lp := range st.Lessons {
		if l := ctx.Cat.Lesson(id); l != nil && lp.Done {
			done = append(done, humanDate(ctx, lp.DoneAt)+" · "+l.Title)
		}
	}
	add(t.Heading.Render(ctx.say("follow_lessons", len(done))))
	for _, d := range done {
		add(hanging(t.G.Bullet+" ", sanitize(d), w))
	}
	add("")
	add(t.Heading.Render(ctx.say("follow_levels")))
	if len(s.f.Standing.Entries) == 0 {
		// A heading with nothing under it reads as a page cut short.
		add(wrap(ctx.say("follow_no_levels"), w))
	}
	for _, e := range s.f.Standing.Entries {
		add(hanging(t.G.Bullet+" ", sanitize(situation(e.Competence))+ctx.say("colon")+" "+scoring.LevelName(ctx.Lang, e.Result.Level)+" · "+humanDate(ctx, e.Test.FinishedAt), w))
	}
	add("")
	add(t.Heading.Render(ctx.say("follow_notes")))
	add(t.Muted.Render(wrap(ctx.say("follow_notes_private"), w)))
	for _, n := range s.f.Notes {
		add(hanging(t.G.Bullet+" ", fmt.Sprintf("%s · %s — %s", humanDate(ctx, n.At), sanitize(n.MediatorName), sanitize(n.Text)), w))
	}
	if s.writing {
		add(s.note.View())
	}
	return s.scroll.render(ctx, strings.Join(lines, "\n"), w, h)
}
