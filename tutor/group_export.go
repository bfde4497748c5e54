package tutor

import (
	"context"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/lessons"
	"pasapas/record"
)

// The médiateur's files for a report, in the space: the group's table of
// an atelier run (CSV or xlsx), the bilan d'atelier shown when a run
// closes (and added to the bilans file), and an individual
// accompaniment recorded from a learner's follow-up. Package learning
// decides who is in a file and what a bilan holds; these screens choose
// and show.

func init() {
	for code, text := range exportWords {
		if _, dup := words[code]; dup {
			panic("tutor: word " + code + " defined twice")
		}
		words[code] = text
	}
}

var exportWords = i18n.Table{
	"gexport_item":         {FR: "Exporter le tableau du groupe", EN: "Export the group's table"},
	"gexport_item_more":    {FR: "Pour un rapport ou le Pass numérique", EN: "For a report or the Pass numérique"},
	"gexport_title":        {FR: "Tableau du groupe", EN: "The group's table"},
	"gexport_intro":        {FR: "Le tableau a une ligne par personne qui a accepté d'être vue pendant l'atelier. Les autres n'y sont pas.", EN: "The table has one row per person who agreed to be seen during the atelier. The others are not in it."},
	"gexport_period_item":  {FR: "Exporter le tableau d'une période", EN: "Export the table of a period"},
	"gexport_period_more":  {FR: "Les personnes qui partagent leurs progrès, pour un mois", EN: "The people who share their progress, for a month"},
	"gexport_intro_period": {FR: "Le tableau a une ligne par personne qui partage ses progrès et qui est venue pendant la période. Les autres n'y sont pas.", EN: "The table has one row per person who shares their progress and came during the period. The others are not in it."},
	"gexport_ask_period":   {FR: "Quelle période ?", EN: "Which period?"},
	"gexport_this_month":   {FR: "Ce mois-ci", EN: "This month"},
	"gexport_last_month":   {FR: "Le mois dernier", EN: "Last month"},
	"gexport_all":          {FR: "Depuis le début", EN: "Since the beginning"},
	"gexport_csv":          {FR: "Fichier CSV", EN: "CSV file"},
	"gexport_csv_more":     {FR: "S'ouvre avec LibreOffice ou Excel", EN: "Opens with LibreOffice or Excel"},
	"gexport_xlsx":         {FR: "Fichier Excel (xlsx)", EN: "Excel file (xlsx)"},
	"gexport_acquis":       {FR: "Fichier CSV avec une colonne par acquis", EN: "CSV file with one column per skill"},
	"gexport_acquis_more":  {FR: "acquis, non acquis ou non testé", EN: "mastered, not mastered or not tested"},
	"gexport_done":         {FR: "Le tableau est écrit : %s", EN: "The table is written: %s"},
	"gexport_count":        {FR: "Personnes dans le tableau : %d.", EN: "People in the table: %d."},
	"gexport_private":      {FR: "Ce fichier contient les progrès de ces personnes. Gardez-le pour vous. Effacez-le quand votre rapport est fait.", EN: "This file holds these people's progress. Keep it to yourself. Delete it once your report is done."},

	"bilan_item":         {FR: "Bilan pour La Coop", EN: "Bilan for La Coop"},
	"bilan_title":        {FR: "Bilan de l'atelier", EN: "The atelier's bilan"},
	"accomp_bilan_title": {FR: "Bilan de l'accompagnement", EN: "The accompaniment's bilan"},
	"bilan_closed":       {FR: "L'atelier est fermé. Voici son bilan.", EN: "The atelier is closed. Here is its bilan."},
	"bilan_intro":        {FR: "Recopiez ces champs dans La Coop de la médiation numérique. Aucun nom de personne n'y figure.", EN: "Copy these fields into La Coop de la médiation numérique. Nobody's name is in it."},
	"bilan_added":        {FR: "La ligne est ajoutée au fichier des bilans : %s", EN: "The line is added to the bilans file: %s"},
	"bilan_back":         {FR: "Entrée ou Échap : retour.", EN: "Enter or Esc: back."},
	"bilan_in_file":      {FR: "Sa ligne est déjà dans le fichier des bilans : %s", EN: "Its line is already in the bilans file: %s"},
	"bilan_open":         {FR: "L'atelier est encore ouvert. Sa ligne sera ajoutée au fichier des bilans quand vous le fermerez.", EN: "The atelier is still open. Its line will be added to the bilans file when you close it."},
	"bilan_not_in_file": {FR: "Sa ligne n'est pas dans le fichier des bilans (%s). Recopiez ces champs dans La Coop.",
		EN: "Its line is not in the bilans file (%s). Copy these fields into La Coop."},

	"accomp_key":           {FR: "accompagnement", EN: "accompaniment"},
	"accomp_title":         {FR: "Accompagnement individuel", EN: "Individual accompaniment"},
	"accomp_ask_minutes":   {FR: "Combien de temps a duré l'accompagnement ?", EN: "How long did the accompaniment last?"},
	"accomp_minutes":       {FR: "%d minutes", EN: "%d minutes"},
	"accomp_ask_theme":     {FR: "Quelle thématique ?", EN: "Which thématique?"},
	"accomp_theme_hint":    {FR: "Les mots de La Coop. Choisissez la principale.", EN: "La Coop's words. Choose the main one."},
	"accomp_ask_materiel":  {FR: "Quel matériel ?", EN: "Which equipment?"},
	"accomp_ask_autonomie": {FR: "Comment la personne a-t-elle fait ?", EN: "How did the person manage?"},
	"accomp_intro":         {FR: "Le bilan ne porte pas son nom. Il compte une personne.", EN: "The bilan does not carry their name. It counts one person."},
}

// gexportMsg: the group's table is written.
type gexportMsg struct {
	path string
	rows int
	err  error
}

// groupExportScreen writes the table of an atelier run's group, or of a
// period (run 0): this month, last month, or since the beginning, asked
// first.
type groupExportScreen struct {
	run     record.Run
	scope   learning.ExportScope
	picked  bool // the period is chosen (always, for a run)
	menu    menu
	scroll  scroller // the page once the table is written
	busy    bool
	done    gexportMsg
	problem string
}

func newGroupExportScreen(r record.Run) *groupExportScreen {
	return &groupExportScreen{run: r, scope: learning.ExportScope{Run: r.ID}, picked: true}
}

// newPeriodExportScreen is the table of the learners who share, over a
// period.
func newPeriodExportScreen() *groupExportScreen { return &groupExportScreen{} }

// periods are this month (up to today), last month and everything, from
// now: the months are learning.MonthPeriod's, as the attestation's.
func periods(now time.Time) []learning.ExportScope {
	this, last := learning.MonthPeriod(now, 0), learning.MonthPeriod(now, 1)
	return []learning.ExportScope{{From: this.From, To: this.To}, {From: last.From, To: last.To}, {}}
}

func (s *groupExportScreen) Init(ctx *Context) tea.Cmd {
	if !s.picked {
		s.menu.set([]menuItem{
			{label: ctx.say("gexport_this_month")}, {label: ctx.say("gexport_last_month")},
			{label: ctx.say("gexport_all")}, {label: ctx.say("back")},
		})
		return nil
	}
	s.menu = menu{}
	s.menu.set([]menuItem{
		{label: ctx.say("gexport_csv"), detail: ctx.say("gexport_csv_more")},
		{label: ctx.say("gexport_xlsx")},
		{label: ctx.say("gexport_acquis"), detail: ctx.say("gexport_acquis_more")},
		{label: ctx.say("back")},
	})
	return nil
}
func (s *groupExportScreen) Title(ctx *Context) string { return ctx.say("gexport_title") }
func (s *groupExportScreen) Help(ctx *Context) []key.Binding {
	if s.done.path != "" {
		// Written: a page to read, nothing to choose.
		return []key.Binding{ctx.Keys.Up, ctx.Keys.Down, ctx.Keys.Back}
	}
	return menuKeys(ctx)
}

func (s *groupExportScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case gexportMsg:
		s.busy = false
		if msg.err != nil {
			s.problem = spaceExplain(ctx, msg.err)
			return nil
		}
		s.done, s.problem = msg, ""
		return nil
	case tea.KeyPressMsg:
		if s.busy {
			return nil
		}
		if key.Matches(msg, ctx.Keys.Back) || s.done.path != "" && msg.String() == "enter" {
			return back()
		}
		if s.done.path != "" {
			s.scroll.update(ctx, msg)
			return nil
		}
	}
	i, ok := s.menu.update(ctx, msg)
	if !ok || s.busy || s.done.path != "" {
		return nil
	}
	if !s.picked {
		ps := periods(ctx.now())
		if i >= len(ps) {
			return back()
		}
		s.scope, s.picked = ps[i], true
		return s.Init(ctx)
	}
	q, f := s.scope, learning.FormatCSV
	switch i {
	case 1:
		f = learning.FormatXLSX
	case 2:
		q.Acquis = true
	case 3:
		return back()
	}
	s.busy = true
	app, by, cat, lang := ctx.App, ctx.Mediator.ID, ctx.Cat, ctx.Lang
	return storeCmd(ctx, func(c context.Context) tea.Msg {
		e, err := app.ExportGroup(c, by, cat, q)
		if err != nil {
			return gexportMsg{err: err}
		}
		path, err := app.SaveGroupExport(e, lang, f)
		return gexportMsg{path: path, rows: len(e.Rows), err: err}
	})
}

func (s *groupExportScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	intro := ctx.say("gexport_intro")
	if s.run.ID == 0 {
		intro = ctx.say("gexport_intro_period")
	}
	lines := []string{wrap(intro, w), ""}
	if !s.picked {
		lines = append(lines, t.Heading.Render(wrap(ctx.say("gexport_ask_period"), w)), "")
	}
	if s.done.path != "" {
		// Written: where, how many, and what the file holds; no more
		// choices, so the words fit a small window.
		lines = []string{t.Good.Render(wrap(ctx.say("gexport_done", sanitize(s.done.path)), w)),
			wrap(ctx.say("gexport_count", s.done.rows), w), "", wrap(ctx.say("gexport_private"), w),
			"", t.Muted.Render(wrap(ctx.say("bilan_back"), w))}
		return s.scroll.render(ctx, strings.Join(lines, "\n"), w, h)
	}
	if s.problem != "" {
		lines = append(lines, problemLine(t, s.problem, w), "")
	}
	head := strings.Join(lines, "\n")
	top := lipgloss.Height(head)
	return head + "\n" + s.menu.render(ctx, w, h-top, top)
}

// bilanMsg: a bilan is ready, with where its line stands in the bilans
// file.
type bilanMsg struct {
	line learning.BilanLine
	err  error
}

// bilanScreen shows a bilan for La Coop, field by field, in La Coop's
// words. It is made by its command: an atelier run's, or an
// accompaniment's. Whether a line goes into the bilans file is decided
// in learning (once per run).
type bilanScreen struct {
	make    func(c context.Context) tea.Msg
	closed  string // the title of the run that has just closed
	single  bool   // an individual accompaniment's, not an atelier's
	started bool
	loaded  bool
	msg     bilanMsg
	scroll  scroller
}

// newRunBilanScreen is an atelier run's bilan (its line added once, by
// learning.AtelierBilan, for a run whose code ran out without a closing).
func newRunBilanScreen(ctx *Context, r record.Run) *bilanScreen {
	app, id := ctx.App, r.ID
	return &bilanScreen{make: func(c context.Context) tea.Msg {
		l, err := app.AtelierBilan(c, id)
		return bilanMsg{line: l, err: err}
	}}
}

// newClosedBilanScreen is the bilan of a run this screen has just closed:
// the closing already made it.
func newClosedBilanScreen(r record.Run, msg bilanMsg) *bilanScreen {
	return &bilanScreen{closed: r.Title, started: true, loaded: true, msg: msg}
}

func (s *bilanScreen) Init(ctx *Context) tea.Cmd {
	if s.started {
		return nil // the line is added once
	}
	s.started = true
	return storeCmd(ctx, s.make)
}
func (s *bilanScreen) Title(ctx *Context) string {
	if s.single {
		return ctx.say("accomp_bilan_title")
	}
	return ctx.say("bilan_title")
}
func (s *bilanScreen) Help(ctx *Context) []key.Binding {
	return []key.Binding{ctx.Keys.Up, ctx.Keys.Down, ctx.Keys.Back}
}

func (s *bilanScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case bilanMsg:
		s.loaded, s.msg = true, msg
		return nil
	case tea.KeyPressMsg:
		if key.Matches(msg, ctx.Keys.Back) || msg.String() == "enter" {
			return back()
		}
		s.scroll.update(ctx, msg)
	}
	return nil
}

func (s *bilanScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	if !s.loaded {
		return ctx.say("loading")
	}
	var lines []string
	if s.closed != "" {
		lines = append(lines, t.Good.Render(wrap(ctx.say("ateliers_closed", sanitize(s.closed)), w)), "")
	}
	if s.msg.err != nil {
		lines = append(lines, problemLine(t, spaceExplain(ctx, s.msg.err), w))
	} else {
		lines = append(lines, wrap(ctx.say("bilan_intro"), w), "")
		table := learning.BilanTable(s.msg.line.Bilan)
		for i, name := range table.Header {
			v := table.Rows[0][i].String()
			if v == "" {
				continue // « Nom de l'atelier » for an accompaniment
			}
			lines = append(lines, hanging(t.G.Bullet+" ", t.Strong.Render(name)+" : "+sanitize(v), w))
		}
		lines = append(lines, "")
		switch l := s.msg.line; {
		case l.Added:
			lines = append(lines, wrap(ctx.say("bilan_added", sanitize(l.Path)), w))
		case l.InFile:
			lines = append(lines, wrap(ctx.say("bilan_in_file", sanitize(l.Path)), w))
		case l.Open:
			lines = append(lines, wrap(ctx.say("bilan_open"), w))
		case l.Path != "":
			lines = append(lines, wrap(ctx.say("bilan_not_in_file", sanitize(l.Path)), w))
		}
	}
	lines = append(lines, "", t.Muted.Render(wrap(ctx.say("bilan_back"), w)))
	return s.scroll.render(ctx, strings.Join(lines, "\n"), w, h)
}

// accompanimentScreen records an individual accompaniment from a
// learner's follow-up: its length, a thématique, the matériel and the
// autonomie, each on La Coop's list; the bilan is added to the bilans
// file and shown, without the learner's name.
type accompanimentScreen struct {
	learner record.LearnerID
	stage   int // 0 minutes, 1 thématique, 2 matériel, 3 autonomie
	a       learning.Accompaniment
	menu    menu
}

// accompanimentMinutes are La Coop's lengths (cra/fields/duree-accompagnement.ts).
var accompanimentMinutes = []int{15, 30, 45, 60, 90, 120}

func newAccompanimentScreen(id record.LearnerID) *accompanimentScreen {
	return &accompanimentScreen{learner: id}
}

func (s *accompanimentScreen) Init(ctx *Context) tea.Cmd { s.next(ctx); return nil }
func (s *accompanimentScreen) Title(ctx *Context) string { return ctx.say("accomp_title") }
func (s *accompanimentScreen) Help(ctx *Context) []key.Binding {
	return menuKeys(ctx)
}

// next sets the menu of the stage reached.
func (s *accompanimentScreen) next(ctx *Context) {
	var items []menuItem
	switch s.stage {
	case 0:
		for _, m := range accompanimentMinutes {
			items = append(items, menuItem{label: ctx.say("accomp_minutes", m)})
		}
	case 1:
		for _, l := range lessons.Thematiques {
			items = append(items, menuItem{label: l})
		}
	case 2:
		for _, l := range learning.MaterielLabels {
			items = append(items, menuItem{label: l})
		}
	case 3:
		for _, l := range learning.AutonomieLabels {
			items = append(items, menuItem{label: l})
		}
	}
	s.menu = menu{}
	s.menu.set(items)
}

func (s *accompanimentScreen) Update(ctx *Context, msg tea.Msg) tea.Cmd {
	if msg, ok := msg.(tea.KeyPressMsg); ok && key.Matches(msg, ctx.Keys.Back) {
		if s.stage == 0 {
			return back()
		}
		s.stage--
		s.next(ctx)
		return nil
	}
	i, ok := s.menu.update(ctx, msg)
	if !ok {
		return nil
	}
	switch s.stage {
	case 0:
		s.a.Minutes = accompanimentMinutes[i]
	case 1:
		s.a.Thematiques = []string{lessons.Thematiques[i]}
	case 2:
		s.a.Materiel = []string{learning.MaterielLabels[i]}
	case 3:
		s.a.Autonomie = learning.AutonomieLabels[i]
		app, id, a := ctx.App, s.learner, s.a
		return replace(&bilanScreen{single: true, make: func(c context.Context) tea.Msg {
			b, err := app.AccompanimentBilan(c, id, a)
			if err != nil {
				return bilanMsg{err: err}
			}
			path, added, err := app.AppendBilan(b)
			return bilanMsg{line: learning.BilanLine{Bilan: b, Path: path, Added: added, InFile: added}, err: err}
		}})
	}
	s.stage++
	s.next(ctx)
	return nil
}

func (s *accompanimentScreen) Render(ctx *Context, w, h int) string {
	t := ctx.Theme
	ask := []string{"accomp_ask_minutes", "accomp_ask_theme", "accomp_ask_materiel", "accomp_ask_autonomie"}[s.stage]
	head := []string{wrap(ctx.say("accomp_intro"), w), "", t.Heading.Render(wrap(ctx.say(ask), w))}
	if s.stage == 1 {
		head = append(head, wrap(ctx.say("accomp_theme_hint"), w))
	}
	top := strings.Join(head, "\n")
	n := lipgloss.Height(top) + 1
	return top + "\n\n" + s.menu.render(ctx, w, h-n, n)
}
