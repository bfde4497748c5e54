package tutor

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"pasapas/lessons"
)

// prepareScreen is « Préparer un atelier » in the space: a title, La
// Coop's niveau and a thématique, then a competence whose lessons make the
// parcours (and which is positioned first). It writes the atelier's file
// in the « ateliers » folder, where a médiateur may change it by hand, and
// the file is checked as « pasapas check » would.
type prepareScreen struct {
	stage   int // 0 title, 1 niveau, 2 thématique, 3 competence
	title   textinput.Model
	level   string
	theme   string
	comps   []*lessons.Competence
	menu    menu
	problem string
}

type preparedMsg struct {
	a    *lessons.Atelier
	path string
	err  error
}

func newPrepareScreen(ctx *Context) *prepareScreen {
	return &prepareScreen{title: newInput(ctx, false, 120)}
}

func (s *prepareScreen) Typing() bool              { return s.stage == 0 }
func (s *prepareScreen) Title(ctx *Context) string { return ctx.say("prepare_title") }
func (s *prepareScreen) Help(ctx *Context) []key.Binding {
	if s.stage == 0 {
		return []key.Binding{ctx.Keys.Enter, ctx.Keys.Back}
	}
	return menuKeys(ctx)
}

// next sets the menu of the stage reached.
func (s *prepareScreen) next(ctx *Context) {
	var items []menuItem
	switch s.stage {
	case 1:
		for _, l := range lessons.AtelierLevels {
			items = append(items, menuItem{label: l})
		}
	case 2:
		for _, l := range lessons.Thematiques {
			items = append(items, menuItem{label: l})
		}
	case 3:
		s.comps = nil
		for _, c := range ctx.Cat.Competences {
			if ls := ctx.Cat.LessonsOf(c.ID); len(ls) > 0 {
				s.comps = append(s.comps, c)
				items = append(items, menuItem{label: situation(c), detail: lessonCount(ctx, len(ls))})
			}
		}
	}
	s.menu = menu{}
	s.menu.compact = s.stage == 3
	s.menu.set(items)
}

func (s *prepareScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case preparedMsg:
		if msg.err != nil {
			s.problem = spaceExplain(ctx, msg.err)
			return nil
		}
		ctx.Lib.Ateliers = append(ctx.Lib.Ateliers, msg.a)
		return backWith(1, ctx.say("prepare_done", sanitize(msg.a.Title), msg.path))
	case tea.PasteMsg:
		if s.stage == 0 {
			var cmd tea.Cmd
			s.title, cmd = s.title.Update(cleanPaste(msg))
			return cmd
		}
	case tea.KeyPressMsg:
		if key.Matches(msg, ctx.Keys.Back) {
			if s.stage == 0 {
				return back()
			}
			s.stage--
			s.next(ctx)
			return nil
		}
		if s.stage == 0 {
			if msg.String() == "enter" {
				if strings.TrimSpace(s.title.Value()) == "" {
					s.problem = ctx.say("prepare_title_empty")
					return nil
				}
				s.problem = ""
				s.stage = 1
				s.next(ctx)
				return nil
			}
			return typeKey(&s.title, msg)
		}
	}
	i, ok := s.menu.update(ctx, msg)
	if !ok {
		return nil
	}
	switch s.stage {
	case 1:
		s.level, s.stage = lessons.AtelierLevels[i], 2
		s.next(ctx)
		return nil
	case 2:
		s.theme, s.stage = lessons.Thematiques[i], 3
		s.next(ctx)
		return nil
	}
	return s.write(ctx, s.comps[i])
}

// write makes the atelier and its file; the file is read back through the
// loader, so what the space writes is what « pasapas check » accepts.
func (s *prepareScreen) write(ctx *Context, comp *lessons.Competence) tea.Cmd {
	title := strings.TrimSpace(s.title.Value())
	// No code in the file: each opening draws its own (« Le code est tiré au
	// hasard »), so an old code never opens a new session.
	a := &lessons.Atelier{ID: lessons.AtelierID(title), Title: title, Level: s.level,
		Thematiques: []lessons.Thematique{{Label: s.theme}}, Positioning: []lessons.Ref{{ID: comp.ID}}}
	for _, l := range ctx.Cat.LessonsOf(comp.ID) {
		a.Parcours = append(a.Parcours, lessons.Ref{ID: l.ID})
	}
	dir, taken := ctx.AteliersDir, map[string]bool{}
	for _, x := range ctx.Lib.Ateliers {
		taken[x.ID] = true
	}
	return storeCmd(ctx, func(context.Context) tea.Msg {
		base := a.ID
		for n := 2; taken[a.ID]; n++ {
			a.ID = fmt.Sprintf("%s-%d", base, n)
		}
		path := filepath.Join(dir, a.ID+".yaml")
		for n := 2; ; n++ {
			if _, err := os.Stat(path); err != nil {
				break
			}
			a.ID = fmt.Sprintf("%s-%d", base, n)
			path = filepath.Join(dir, a.ID+".yaml")
		}
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return preparedMsg{err: err}
		}
		if err := os.WriteFile(path, lessons.AtelierYAML(a), 0o600); err != nil {
			return preparedMsg{err: err}
		}
		lib := lessons.Load(lessons.Options{}, lessons.Builtin(), lessons.Dir(path))
		got := lib.Atelier(a.ID)
		if got == nil {
			return preparedMsg{err: fmt.Errorf("%s: %v", path, lib.Diagnostics)}
		}
		return preparedMsg{a: got, path: path}
	})
}

func (s *prepareScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	var head []string
	switch s.stage {
	case 0:
		head = []string{t.Heading.Render(wrap(ctx.say("prepare_ask_title"), w)), wrap(ctx.say("prepare_title_hint"), w), "", s.title.View()}
	case 1:
		head = []string{t.Heading.Render(wrap(ctx.say("prepare_ask_level"), w))}
	case 2:
		head = []string{t.Heading.Render(wrap(ctx.say("prepare_ask_theme"), w)), wrap(ctx.say("prepare_theme_hint"), w)}
	case 3:
		head = []string{t.Heading.Render(wrap(ctx.say("prepare_ask_comp"), w)), wrap(ctx.say("prepare_comp_hint"), w)}
	}
	if s.problem != "" {
		head = append(head, "", problemLine(t, s.problem, w))
	}
	top := strings.Join(head, "\n")
	if s.stage == 0 {
		return top
	}
	n := lipgloss.Height(top) + 1
	return top + "\n\n" + s.menu.render(ctx, w, h-n, n)
}
