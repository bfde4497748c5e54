package tutor

import (
	"context"
	"errors"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"pasapas/fiche"
	"pasapas/learning"
	"pasapas/record"
)

// The attestation in the space: the structure's name, set once from the
// space's home, and a learner's attestation, from their profile (next to
// their follow-up). What may be attested, and with whose consent, is
// decided by learning.Attestation; these screens ask and show.

// structureScreen sets the structure's name the attestations print.
type structureScreen struct {
	loaded  bool
	name    textinput.Model
	busy    bool
	problem string
}

type structureMsg struct {
	name string
	err  error
}

func newStructureScreen() *structureScreen { return &structureScreen{} }

func (s *structureScreen) Init(ctx *Context) tea.Cmd {
	s.name = newInput(ctx, false, learning.MaxStructure)
	app := ctx.App
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		name, err := app.Structure(c)
		return structureMsg{name, err}
	})
}

func (s *structureScreen) Title(ctx *Context) string { return ctx.say("att_structure") }
func (s *structureScreen) Typing() bool              { return s.loaded }
func (s *structureScreen) Help(ctx *Context) []key.Binding {
	return []key.Binding{ctx.Keys.Enter, ctx.Keys.Back}
}

func (s *structureScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case structureMsg:
		s.loaded = true
		if msg.err != nil {
			s.problem = spaceExplain(ctx, msg.err)
			return nil
		}
		s.name.SetValue(msg.name)
		s.name.CursorEnd()
		return nil
	case spaceDoneMsg:
		s.busy = false
		if msg.err != nil {
			s.problem = spaceExplain(ctx, msg.err)
			return nil
		}
		return backWith(1, ctx.say("att_structure_saved"))
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
		if !s.loaded {
			return nil
		}
		if msg.Code == tea.KeyEnter {
			name := s.name.Value()
			s.busy, s.problem = true, ""
			return spaceChange(ctx, func(c context.Context, app *learning.Service, by record.MediatorID) error {
				return app.SetStructure(c, by, name)
			})
		}
		return typeKey(&s.name, msg)
	}
	return nil
}

func (s *structureScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	if !s.loaded {
		return ctx.say("loading")
	}
	s.name.SetWidth(min(w-4, learning.MaxStructure))
	parts := []string{t.Heading.Render(wrap(ctx.say("att_structure_ask"), w)), wrap(ctx.say("att_structure_why"), w), "", s.name.View()}
	return joinStatus(ctx, parts, s.busy, s.problem, w)
}

// attestationScreen makes a learner's attestation: the period, then — for
// a learner whose progress is private — their own code, typed by them;
// then it says where the page is.
type attestationScreen struct {
	p       record.Profile
	stage   attStage
	menu    menu
	periods []learning.Period
	period  learning.Period
	code    codeField
	busy    bool
	problem string
	a       learning.Attestation
	path    string
}

type attStage int

const (
	attPeriod attStage = iota // choosing the period
	attCode                   // the learner types their code
	attDone                   // written
	attNever                  // cannot be made: no code and private
)

type attestationMsg struct {
	a    learning.Attestation
	path string
	err  error
}

func newAttestationScreen(ctx *Context, p record.Profile) *attestationScreen {
	s := &attestationScreen{p: p, code: newCodeField(ctx)}
	if !p.Shares && !p.HasPIN {
		s.stage = attNever
		return s
	}
	now := ctx.App.Now()
	s.periods = []learning.Period{{}, learning.MonthPeriod(now, 0), learning.MonthPeriod(now, 1)}
	items := []menuItem{
		{label: ctx.say("att_period_all")},
		{label: ctx.say("att_period_month", monthName(ctx, s.periods[1].From))},
		{label: ctx.say("att_period_month", monthName(ctx, s.periods[2].From))},
		{label: ctx.say("space_back")},
	}
	s.menu.set(items)
	return s
}

// monthName says « décembre 2026 »: the day's words without the day.
func monthName(ctx *Context, t time.Time) string {
	_, rest, _ := strings.Cut(fiche.Date(ctx.Lang, t), " ")
	return rest
}

func (s *attestationScreen) Title(ctx *Context) string { return ctx.say("att_title") }
func (s *attestationScreen) Typing() bool              { return s.stage == attCode }
func (s *attestationScreen) Secret() bool              { return s.stage == attCode }
func (s *attestationScreen) Help(ctx *Context) []key.Binding {
	switch s.stage {
	case attPeriod:
		return menuKeys(ctx)
	case attDone, attNever:
		// A page to read, nothing to choose: only the way back.
		return []key.Binding{ctx.Keys.Back}
	}
	return []key.Binding{ctx.Keys.Enter, ctx.Keys.Back}
}

// make asks the use case for the attestation, and writes its page.
func (s *attestationScreen) make(ctx *Context, pin string) tea.Cmd {
	s.busy, s.problem = true, ""
	app, cat, by, id, period := ctx.App, ctx.Cat, ctx.Mediator.ID, s.p.ID, s.period
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		if app.ExportDir() == "" {
			return attestationMsg{err: learning.ErrNoExport}
		}
		a, err := app.Attestation(c, by, cat, id, period, pin)
		if err != nil {
			return attestationMsg{err: err}
		}
		path, err := fiche.WriteAttestation(app.ExportDir(), cat, a)
		return attestationMsg{a, path, err}
	})
}

func (s *attestationScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case attestationMsg:
		s.busy = false
		s.code.in.Reset()
		if msg.err != nil {
			s.problem = spaceExplain(ctx, msg.err)
			var pe *record.PINError
			if !errors.As(msg.err, &pe) {
				s.stage = attPeriod
			}
			return nil
		}
		s.stage, s.a, s.path = attDone, msg.a, msg.path
		return nil
	case tea.KeyPressMsg:
		if s.busy {
			return nil
		}
		if key.Matches(msg, ctx.Keys.Back) {
			if s.stage == attCode {
				s.stage, s.problem = attPeriod, ""
				s.code.in.Reset()
				return nil
			}
			return back()
		}
		switch s.stage {
		case attDone, attNever:
			if key.Matches(msg, ctx.Keys.Enter) {
				return back()
			}
			return nil
		case attCode:
			if msg.Code == tea.KeyEnter {
				return s.make(ctx, s.code.in.Value())
			}
			return s.code.update(ctx, msg, &s.problem)
		}
	}
	if s.stage != attPeriod || s.busy {
		return nil
	}
	i, ok := s.menu.update(ctx, msg)
	if !ok {
		return nil
	}
	if i >= len(s.periods) {
		return back()
	}
	s.period, s.problem = s.periods[i], ""
	if !s.p.Shares {
		s.stage = attCode
		return nil
	}
	return s.make(ctx, "")
}

func (s *attestationScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	bw := min(w, 76)
	name := sanitize(s.p.Name)
	var parts []string
	switch s.stage {
	case attNever:
		parts = []string{t.Heading.Render(wrap(ctx.say("att_for", name), bw)), "", wrap(ctx.say("att_cannot", name, name), bw), "",
			t.Muted.Render(wrap(ctx.say("att_back"), bw))}
	case attDone:
		a := s.a
		parts = []string{t.Good.Render(wrap(t.G.Right+" "+ctx.say("att_ready"), bw)), "",
			wrap(ctx.say("att_where"), bw), t.Strong.Render(wrap(sanitize(s.path), bw)), "",
			wrap(ctx.say("att_summary", fiche.Date(ctx.Lang, a.From), fiche.Date(ctx.Lang, a.To), fiche.Hours(ctx.Lang, a.Time, a.Visits), len(a.Lessons)), bw), "",
			wrap(ctx.say("att_how"), bw), wrap(ctx.say("att_private"), bw), "",
			t.Muted.Render(wrap(ctx.say("att_back"), bw))}
	case attCode:
		parts = []string{t.Heading.Render(wrap(ctx.say("att_for", name), bw)), wrap(ctx.say("att_hand", name), bw), "",
			t.Heading.Render(wrap(ctx.say("att_code", name), bw)), "", s.code.in.View()}
	default:
		parts = []string{t.Heading.Render(wrap(ctx.say("att_for", name), bw)), wrap(ctx.say("att_consent_"+consentWord(s.p), name), bw)}
	}
	parts = statusLines(ctx, parts, s.busy, s.problem, bw)
	head := strings.Join(parts, "\n")
	if s.stage != attPeriod {
		return head
	}
	head += "\n\n" + t.Strong.Render(wrap(ctx.say("att_which_period"), bw))
	return s.menu.below(ctx, head, w, h)
}

func consentWord(p record.Profile) string {
	if p.Shares {
		return "shares"
	}
	return "code"
}
