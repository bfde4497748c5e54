package tutor

import (
	"fmt"
	"io"
	"sort"
	"strings"

	tea "charm.land/bubbletea/v2"

	"pasapas/lessons"
)

// The no-session lesson runner: a lesson shown with no learner and no
// médiateur signed in, as the presenter mode (and an author's preview) show
// it. Its Config's App should be over a store nothing needs to be kept in
// (learning/memstore): a lesson screen with no session checks answers and
// saves nothing, and the presenter screen never calls the store at all.
//
// NewLessonRun is what both callers share: find the lesson, build the
// model on the first screen they make, and run it in the terminal or in the
// accessible linear mode, like the tutor itself.

// LessonRun is one lesson to show with no learner.
type LessonRun struct {
	Config
	// Lesson is the lesson's id in the catalogue of Config.Lang.
	Lesson string
	// Accessible runs the linear mode (screen readers, TERM=dumb) on In
	// and Out instead of the full-screen program.
	Accessible bool
	In         io.Reader
	Out        io.Writer
}

// UnknownLessonError says that no lesson has the id asked for, and lists
// the ids there are.
type UnknownLessonError struct {
	ID    string
	Known []string
	say   func(code string, args ...any) string
}

func (e *UnknownLessonError) Error() string {
	return e.say("pres_unknown", e.ID, strings.Join(e.Known, ", "))
}

// findLesson returns the lesson of the run's language, or an
// UnknownLessonError.
func (r LessonRun) findLesson() (*lessons.Lesson, error) {
	cat := r.Library.Catalogue(r.Lang)
	if l := cat.Lesson(r.Lesson); l != nil {
		return l, nil
	}
	var ids []string
	for _, l := range cat.Lessons {
		ids = append(ids, l.ID)
	}
	sort.Strings(ids)
	lang := r.Lang
	return nil, &UnknownLessonError{ID: r.Lesson, Known: ids, say: func(c string, a ...any) string { return say(lang, c, a...) }}
}

// newLessonRun builds the model of a run: no session, no idle lock (there
// is nobody's work to protect), first showing what first makes.
func newLessonRun(cfg Config, first func(ctx *Context) screen) *model {
	ctx := newContext(cfg)
	m := newModel(ctx, first(ctx))
	m.idleLock = 0
	return m
}

// run runs the model in the terminal or in the linear mode.
func (r LessonRun) run(m *model) error {
	if r.Accessible {
		return runLinear(m, r.In, r.Out)
	}
	var opts []tea.ProgramOption
	if r.Input != nil {
		opts = append(opts, tea.WithInput(r.Input))
	}
	if r.Output != nil {
		opts = append(opts, tea.WithOutput(r.Output))
	}
	if _, err := tea.NewProgram(m, opts...).Run(); err != nil {
		return fmt.Errorf("tutor: %w", err)
	}
	return nil
}

// RunPresenter projects a lesson for an atelier (pasapas presenter): no
// profile, nothing saved; Échap on the lesson ends the program.
func RunPresenter(r LessonRun) error {
	l, err := r.findLesson()
	if err != nil {
		return err
	}
	if r.Accessible {
		r.Theme, r.Mouse = asciiTheme(), false
	}
	m := newLessonRun(r.Config, func(ctx *Context) screen {
		s := newPresenterScreen(ctx, l)
		s.root = true
		return s
	})
	return r.run(m)
}
