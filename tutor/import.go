package tutor

import (
	"context"
	"errors"
	"os"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"pasapas/learning"
	"pasapas/record"
)

// importScreen is « Retrouver mes progrès d'un autre ordinateur »: the
// learner, signed in here with their code, brings the export file made on
// another PC (« Exporter toutes mes données » there). The screen says whose
// file it is and what it holds before anything is added; what is already
// here is not counted twice.
type importScreen struct {
	stage   int // 0 the file's place, 1 confirm, 2 done
	path    textinput.Model
	file    record.Portable
	menu    menu
	busy    bool
	done    record.Imported
	problem string
}

type (
	exportReadMsg struct {
		p   record.Portable
		err error
	}
	importedMsg struct {
		n   record.Imported
		err error
	}
)

func newImportScreen(ctx *Context) *importScreen {
	s := &importScreen{path: newInput(ctx, false, 400)}
	s.menu.set([]menuItem{{label: ctx.say("import_no")}, {label: ctx.say("import_yes")}})
	return s
}

func (s *importScreen) Title(ctx *Context) string { return ctx.say("set_import") }
func (s *importScreen) Typing() bool              { return s.stage == 0 }
func (s *importScreen) Help(ctx *Context) []key.Binding {
	if s.stage == 1 {
		return menuKeys(ctx)
	}
	return []key.Binding{ctx.Keys.Enter, ctx.Keys.Back}
}

func (s *importScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case exportReadMsg:
		s.busy = false
		if msg.err != nil {
			switch {
			case errors.Is(msg.err, os.ErrNotExist):
				s.problem = ctx.say("import_no_file")
			case errors.Is(msg.err, learning.ErrNotAnExport):
				s.problem = ctx.say("import_not_export")
			default:
				s.problem = explain(ctx, msg.err)
			}
			return nil
		}
		s.file, s.stage, s.problem = msg.p, 1, ""
		s.menu.cursor = 0
		return nil
	case importedMsg:
		s.busy = false
		if msg.err != nil {
			s.problem = explain(ctx, msg.err)
			return nil
		}
		s.done, s.stage = msg.n, 2
		return loadState(ctx) // the home shows what came in
	case stateMsg:
		if msg.err == nil {
			ctx.Session.state = msg.state
		}
		return nil
	case tea.PasteMsg:
		if s.stage == 0 {
			var cmd tea.Cmd
			s.path, cmd = s.path.Update(cleanPaste(msg))
			return cmd
		}
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
				s.stage = 0
				return nil
			}
			return back()
		}
		if s.stage == 0 {
			if msg.Code == tea.KeyEnter {
				path := strings.Trim(strings.TrimSpace(s.path.Value()), `"'`)
				if path == "" {
					s.problem = ctx.say("import_no_file")
					return nil
				}
				s.busy, s.problem = true, ""
				return storeCmd(ctx, func(context.Context) tea.Msg {
					p, err := learning.ReadExportFile(path)
					return exportReadMsg{p, err}
				})
			}
			return typeKey(&s.path, msg)
		}
	}
	if s.stage != 1 || s.busy {
		return nil
	}
	i, ok := s.menu.update(ctx, msg)
	switch {
	case !ok:
		return nil
	case i == 0:
		return back()
	}
	s.busy, s.problem = true, ""
	app, id, p := ctx.App, ctx.Session.learner.ID, s.file
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		n, err := app.Import(c, id, p)
		return importedMsg{n, err}
	})
}

func (s *importScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	bw := min(w, 76)
	var parts []string
	switch s.stage {
	case 0:
		s.path.SetWidth(max(10, bw-4))
		parts = append(parts, t.Heading.Render(wrap(ctx.say("set_import"), bw)), wrap(ctx.say("import_how"), bw),
			wrap(ctx.say("import_path"), bw), "", s.path.View())
	case 1:
		finished, lessonsDone := 0, 0
		for _, te := range s.file.Tests {
			if te.Result != nil {
				finished++
			}
		}
		for _, l := range s.file.Lessons {
			if l.Done {
				lessonsDone++
			}
		}
		parts = append(parts, t.Heading.Render(wrap(ctx.say("import_whose", sanitize(s.file.Name), fullDate(ctx.Lang, s.file.ExportedAt)), bw)),
			wrap(ctx.say("import_holds", finished, lessonsDone), bw),
			wrap(ctx.say("import_into", sanitize(ctx.Session.learner.Name)), bw))
		head := strings.Join(parts, "\n")
		if s.busy {
			head += "\n\n" + ctx.say("saving")
		}
		if s.problem != "" {
			head += "\n\n" + problemLine(t, s.problem, bw)
		}
		return s.menu.below(ctx, head, bw, h)
	default:
		parts = append(parts, t.Good.Render(wrap(t.G.Right+" "+ctx.say("import_done"), bw)),
			wrap(ctx.say("import_done_detail", s.done.Tests, s.done.Lessons), bw), "", wrap(ctx.say("import_back"), bw))
	}
	if s.busy {
		parts = append(parts, "", ctx.say("loading"))
	}
	if s.problem != "" {
		parts = append(parts, "", problemLine(t, s.problem, bw))
	}
	return strings.Join(parts, "\n")
}
