package tutor

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/fsnotify/fsnotify"

	"pasapas/i18n"
	"pasapas/lessons"
	"pasapas/quiz"
)

// Preview is what an author's preview shows: a lesson or a question of the
// files under Path, read again by Load every time a file under Path is
// saved. It runs with no learner session, on the in-memory store the
// Config's App is made of: nothing is stored.
type Preview struct {
	// Path is the folder or file the author works on.
	Path string
	// Load reads the content again (the built-in library and Path).
	Load func() *lessons.Library
	// Lesson or Question names what to open; both empty: the first lesson
	// of the files under Path, else their first question.
	Lesson, Question string
	// Device is the variant shown first ("" for the steps as written).
	Device lessons.Device
}

// previewWords are the preview's own words.
var previewWords = i18n.Table{
	"pv_banner":         {FR: "Aperçu de %s, rien n'est enregistré", EN: "Preview of %s, nothing is saved"},
	"pv_device":         {FR: "Appareil : %s (F2 pour changer)", EN: "Device: %s (F2 to change)"},
	"pv_no_device":      {FR: "tel qu'écrit, sans variante", EN: "as written, no variant"},
	"pv_broken":         {FR: "Le fichier a une erreur : l'aperçu reviendra dès qu'elle sera corrigée et le fichier enregistré.", EN: "The file has an error: the preview comes back as soon as it is fixed and the file saved."},
	"pv_missing":        {FR: "Rien à montrer : %s", EN: "Nothing to show: %s"},
	"pv_no_lesson":      {FR: "la leçon « %s » n'est pas dans le contenu chargé.", EN: "the lesson “%s” is not in the loaded content."},
	"pv_no_q":           {FR: "la question « %s » n'est pas dans le contenu chargé.", EN: "the question “%s” is not in the loaded content."},
	"pv_nothing":        {FR: "aucune leçon ni question sous %s.", EN: "no lesson or question under %s."},
	"pv_dev_android":    {FR: "Android", EN: "Android"},
	"pv_dev_iphone":     {FR: "iPhone", EN: "iPhone"},
	"pv_dev_ordinateur": {FR: "ordinateur", EN: "computer"},
	"pv_key_device":     {FR: "appareil", EN: "device"},
	"pv_key_quit":       {FR: "fermer l'aperçu", EN: "close the preview"},
	"pv_warnings":       {FR: "%d avertissement(s) : pasapas check les détaille", EN: "%d warning(s): pasapas check lists them"},
	"pv_question":       {FR: "Question « %s »", EN: "Question “%s”"},
	"pv_watch":          {FR: "L'aperçu ne voit pas les changements du fichier (%v) : relancez-le après avoir enregistré.", EN: "The preview cannot see the file change (%v): start it again after saving."},
}

func pv(ctx *Context, code string, args ...any) string {
	return previewWords.Format(ctx.Lang, code, args...)
}

// previewReloadMsg brings the content read again after a save.
type previewReloadMsg struct {
	lib  *lessons.Library
	took time.Duration // from the first change seen to the content read
}

// previewWatchErrMsg says the file cannot be watched.
type previewWatchErrMsg struct{ err error }

// previewScreen shows one lesson or question of the author's files, the
// errors of those files in its place while they are broken, and the
// variant of the chosen device.
type previewScreen struct {
	p      Preview
	lesson string // the lesson shown, by id ("" for a question)
	qid    string // the question shown, by id
	device lessons.Device

	inner    screen // the lesson, or the question host; nil while broken
	problems []string
	missing  string
	warnings int
	notice   string
	scroll   scroller
	top      int // lines above the inner screen, as last drawn
	page     int // the lesson's page while the file is broken
}

var previewDeviceKey = key.NewBinding(key.WithKeys("f2"), key.WithHelp("F2", ""))

func newPreviewScreen(ctx *Context, p Preview) *previewScreen {
	s := &previewScreen{p: p, lesson: p.Lesson, qid: p.Question, device: p.Device}
	s.load(ctx, ctx.Lib)
	return s
}

// under says whether a file, as the loader names it, is one of the
// author's: under the folder given, or that file.
func (s *previewScreen) under(file string) bool {
	t := lessons.Dir(s.p.Path)
	name := t.Name
	if t.Only != "" {
		return file == path.Join(t.Name, t.Only)
	}
	return name == "." || file == name || strings.HasPrefix(file, name+"/")
}

// load takes a library: the errors of the author's files, or the lesson or
// question again at the same page.
func (s *previewScreen) load(ctx *Context, lib *lessons.Library) {
	ctx.Lib = lib
	ctx.Cat = lib.Catalogue(ctx.Lang)
	s.problems, s.missing, s.warnings = nil, "", 0
	for _, d := range lib.Diagnostics {
		if !s.under(d.Pos.File) {
			continue
		}
		if d.Severity == lessons.Error {
			s.problems = append(s.problems, d.Format(ctx.Lang))
		} else {
			s.warnings++
		}
	}
	if len(s.problems) > 0 {
		if ls, ok := s.inner.(*lessonScreen); ok {
			s.page = ls.at
		}
		s.inner = nil
		return
	}
	if s.lesson == "" && s.qid == "" {
		s.pickFirst(ctx)
	}
	s.build(ctx)
}

// pickFirst opens the first lesson of the author's files, else their first
// question.
func (s *previewScreen) pickFirst(ctx *Context) {
	for _, l := range ctx.Cat.Lessons {
		if s.under(l.Pos.File) {
			s.lesson = l.ID
			return
		}
	}
	for _, q := range ctx.Cat.Questions {
		if s.under(q.Pos.File) {
			s.qid = q.ID
			return
		}
	}
}

// build makes the screen shown, keeping the page the author was on.
func (s *previewScreen) build(ctx *Context) {
	at := s.page
	if ls, ok := s.inner.(*lessonScreen); ok {
		at = ls.at
	}
	s.inner = nil
	switch {
	case s.lesson != "":
		l := ctx.Cat.Lesson(s.lesson)
		if l == nil {
			s.missing = pv(ctx, "pv_no_lesson", s.lesson)
			return
		}
		s.inner = s.lessonAt(ctx, l, at)
	case s.qid != "":
		q := ctx.Cat.Question(s.qid)
		if q == nil {
			s.missing = pv(ctx, "pv_no_q", s.qid)
			return
		}
		s.inner = newQuestionHost(ctx, q)
	default:
		s.missing = pv(ctx, "pv_nothing", s.p.Path)
	}
}

// lessonAt opens a lesson on the device chosen with F2, at a page: the
// device question is left out, the preview's key chooses instead.
func (s *previewScreen) lessonAt(ctx *Context, l *lessons.Lesson, at int) *lessonScreen {
	ls := newLessonScreen(ctx, l)
	ls.device = s.device
	pages := ls.pages[:0]
	for _, p := range ls.pages {
		if p.kind != pageDevice {
			pages = append(pages, p)
		}
	}
	ls.pages = pages
	if at >= 0 {
		ls.at = min(at, len(ls.pages)-1)
	}
	ls.enter(ctx)
	return ls
}

func (s *previewScreen) Title(ctx *Context) string {
	if s.inner != nil {
		return s.inner.Title(ctx)
	}
	return filepath.Base(s.p.Path)
}

func (s *previewScreen) Typing() bool { return s.inner != nil && typing(s.inner) }

func (s *previewScreen) Asking() *questionView {
	if s.inner == nil {
		return nil
	}
	return askedOn(s.inner)
}

func (s *previewScreen) Help(ctx *Context) []key.Binding {
	dev := key.NewBinding(key.WithKeys("f2"), key.WithHelp("F2", pv(ctx, "pv_key_device")))
	quit := key.NewBinding(key.WithKeys("esc"), key.WithHelp(ctx.say("key_esc_name"), pv(ctx, "pv_key_quit")))
	if s.inner == nil {
		return []key.Binding{ctx.Keys.Up, ctx.Keys.Down, quit}
	}
	var out []key.Binding
	for _, b := range s.inner.Help(ctx) {
		if b.Help().Key != ctx.Keys.Back.Help().Key {
			out = append(out, b)
		}
	}
	if s.lesson != "" {
		out = append(out, dev)
	}
	return append(out, quit)
}

func (s *previewScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case previewReloadMsg:
		s.notice = ""
		s.load(ctx, msg.lib)
		return nil
	case previewOpenMsg:
		s.lesson, s.qid, s.inner, s.page = msg.id, "", nil, 0
		s.build(ctx)
		return nil
	case previewWatchErrMsg:
		s.notice = pv(ctx, "pv_watch", msg.err)
		return nil
	case tea.KeyPressMsg:
		if key.Matches(msg, previewDeviceKey) && s.lesson != "" && !s.Typing() {
			s.device = nextDevice(s.device)
			if s.inner != nil {
				s.build(ctx)
			}
			return nil
		}
		if s.inner == nil {
			if key.Matches(msg, ctx.Keys.Back) {
				return func() tea.Msg { return quitMsg{} }
			}
			s.scroll.update(ctx, msg)
			return nil
		}
	}
	if s.inner == nil {
		return nil
	}
	return s.keep(s.inner.Update(ctx, below(msg, s.top)))
}

// keep turns the inner screen's navigation into the preview's: leaving the
// lesson closes the preview, and a « voir aussi » lesson opens in it.
func (s *previewScreen) keep(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() tea.Msg {
		switch msg := cmd().(type) {
		case popMsg:
			return quitMsg{}
		case replaceMsg:
			if ls, ok := msg.s.(*lessonScreen); ok {
				return previewOpenMsg{ls.l.ID}
			}
			return msg
		case tea.BatchMsg:
			out := make(tea.BatchMsg, len(msg))
			for i, c := range msg {
				out[i] = s.keep(c)
			}
			return out
		default:
			return msg
		}
	}
}

// previewOpenMsg opens another lesson in the preview.
type previewOpenMsg struct{ id string }

func nextDevice(d lessons.Device) lessons.Device {
	if d == "" {
		return lessons.Devices[0]
	}
	for i, x := range lessons.Devices {
		if x == d && i+1 < len(lessons.Devices) {
			return lessons.Devices[i+1]
		}
	}
	return ""
}

func (s *previewScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	bw := bodyWidth(ctx)
	head := []string{pv(ctx, "pv_banner", filepath.Base(s.p.Path))}
	if s.lesson != "" {
		dev := pv(ctx, "pv_no_device")
		if s.device != "" {
			dev = pv(ctx, "pv_dev_"+string(s.device))
		}
		head = append(head, pv(ctx, "pv_device", dev))
	}
	if s.warnings > 0 && len(s.problems) == 0 {
		head = append(head, pv(ctx, "pv_warnings", s.warnings))
	}
	if s.notice != "" {
		head = []string{s.notice}
	}
	banner := fit(t.Muted.Render(wrap(sanitize(strings.Join(head, " · ")), bw)), w, 2)
	s.top = strings.Count(banner, "\n") + 2
	rest := h - s.top
	body := ""
	switch {
	case len(s.problems) > 0:
		var lines []string
		lines = append(lines, t.Bad.Render(wrap(pv(ctx, "pv_broken"), bw)), "")
		for _, p := range s.problems {
			lines = append(lines, wrap(sanitize(p), bw))
		}
		body = s.scroll.render(ctx, strings.Join(lines, "\n"), w, rest)
	case s.inner == nil:
		body = wrap(sanitize(pv(ctx, "pv_missing", s.missing)), bw)
	default:
		body = s.inner.Render(ctx, w, rest)
	}
	return banner + "\n\n" + body
}

// questionHost asks one question, again and again: the author tries every
// answer. The answers are checked and their feedback shown; nothing is
// stored.
type questionHost struct {
	q    *lessons.Question
	qv   *questionView
	last quiz.Answer // the answer being "saved", checked when it is
}

func newQuestionHost(ctx *Context, q *lessons.Question) *questionHost {
	return &questionHost{q: q, qv: newQuestionView(ctx, q, seedFor("preview", q.ID))}
}

func (s *questionHost) Title(ctx *Context) string { return pv(ctx, "pv_question", s.q.ID) }
func (s *questionHost) Typing() bool              { return s.qv.Typing() }
func (s *questionHost) Asking() *questionView     { return s.qv.waiting() }
func (s *questionHost) Help(ctx *Context) []key.Binding {
	return []key.Binding{ctx.Keys.Up, ctx.Keys.Down, ctx.Keys.Enter, ctx.Keys.Back}
}

func (s *questionHost) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case recordedMsg:
		s.qv.showFeedback(ctx, s.qv.check(s.last), msg.err)
		return nil
	case tea.KeyPressMsg:
		if key.Matches(msg, ctx.Keys.Back) {
			return back()
		}
	}
	cmd, ev := s.qv.update(ctx, msg)
	switch ev.kind {
	case qSubmitted:
		s.last = ev.answer
		return storeCmd(ctx, func(context.Context) tea.Msg { return recordedMsg{} })
	case qContinue:
		s.qv = newQuestionView(ctx, s.q, seedFor("preview", s.q.ID, fmt.Sprint(time.Now().UnixNano())))
	case qOpenLesson:
		return push(newLessonScreen(ctx, ev.lesson))
	}
	return cmd
}

func (s *questionHost) Render(ctx *Context, w, h int) string {
	return s.qv.render(ctx, bodyWidth(ctx), h)
}

// RunPreview opens the author's preview: no profile, nothing saved, the
// lesson or question at once, read again when a file under p.Path is
// saved.
func RunPreview(cfg Config, p Preview) error {
	m := newPreviewModel(cfg, p)
	var opts []tea.ProgramOption
	if cfg.Input != nil {
		opts = append(opts, tea.WithInput(cfg.Input))
	}
	if cfg.Output != nil {
		opts = append(opts, tea.WithOutput(cfg.Output))
	}
	prog := tea.NewProgram(m, opts...)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		err := watch(ctx, p.Path, func(took time.Duration) {
			start := time.Now()
			lib := p.Load()
			prog.Send(previewReloadMsg{lib: lib, took: took + time.Since(start)})
		})
		if err != nil {
			prog.Send(previewWatchErrMsg{err})
		}
	}()
	if _, err := prog.Run(); err != nil {
		return fmt.Errorf("preview: %w", err)
	}
	return nil
}

// newPreviewModel is the top model on the preview screen, with no idle
// lock: there is no learner to protect.
func newPreviewModel(cfg Config, p Preview) *model {
	if cfg.Library == nil {
		cfg.Library = p.Load()
	}
	ctx := newContext(cfg)
	m := newModel(ctx, nil)
	m.stack = []screen{newPreviewScreen(ctx, p)}
	m.tick = nil
	return m
}

// watchSettle is how long the watcher waits after a change for the others
// an editor makes when it saves (a temporary file, a rename, a chmod).
const watchSettle = 80 * time.Millisecond

// watch calls reload after each burst of changes to a .yaml or .yml file
// under root (a folder, watched with its sub-folders, or one file, watched
// through its folder: editors save by writing a new file and renaming it).
// It returns when ctx ends, or at once if nothing can be watched.
func watch(ctx context.Context, root string, reload func(took time.Duration)) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	st, err := os.Stat(root)
	if err != nil {
		return err
	}
	only := ""
	if !st.IsDir() {
		only = filepath.Clean(root)
		if err := w.Add(filepath.Dir(root)); err != nil {
			return err
		}
	} else {
		err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				if p != root && strings.HasPrefix(d.Name(), ".") {
					return filepath.SkipDir
				}
				return w.Add(p)
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	var timer <-chan time.Time
	var first time.Time
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if only == "" && ev.Has(fsnotify.Create) {
				if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
					_ = w.Add(ev.Name)
				}
			}
			name := strings.ToLower(ev.Name)
			if only != "" && filepath.Clean(ev.Name) != only {
				continue
			}
			if !strings.HasSuffix(name, ".yaml") && !strings.HasSuffix(name, ".yml") {
				continue
			}
			if timer == nil {
				first = time.Now()
			}
			timer = time.After(watchSettle)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			_ = err // an overflow: the next change reloads anyway
		case <-timer:
			timer = nil
			reload(time.Since(first))
		}
	}
}
