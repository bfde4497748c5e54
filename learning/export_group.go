package learning

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"os"
	"path/filepath"

	"pasapas/fold"
	"pasapas/i18n"
	"pasapas/lessons"
	"pasapas/record"
	"pasapas/scoring"
	"pasapas/tabular"
)

// The group export: one row per consenting learner of an atelier run or of
// a period, for a médiateur's report or a Pass numérique count. Who is in
// it is decided here, once: a learner who shares nothing is never in it.

// ExportScope chooses the learners and visits of an export: an atelier
// run (Run ≠ 0), or the days From to To (both included; a zero end is
// open).
type ExportScope struct {
	Run      record.RunID
	From, To time.Time
	// Acquis adds one column per acquis: acquis, non acquis, non testé.
	Acquis bool
}

// Check says ErrBackwards for a period the wrong way round: it would
// make an empty table without a word.
func (q ExportScope) Check() error { return checkDays(q.From, q.To) }

// within says whether a visit is in the scope.
func (q ExportScope) within(v record.Visit) bool {
	if q.Run != 0 {
		return v.Run == q.Run
	}
	if !q.From.IsZero() && v.Start.Before(dayStart(q.From)) {
		return false
	}
	return q.To.IsZero() || v.Start.Before(dayStart(q.To).AddDate(0, 0, 1))
}

// SkillState is where a learner is with one acquis.
type SkillState int

const (
	SkillNotTested SkillState = iota
	SkillNotMastered
	SkillMastered
)

// ExportRow is one learner of a group export.
type ExportRow struct {
	Learner               record.LearnerID
	Name                  string
	FirstVisit, LastVisit time.Time // starts of the first and last visits in the scope
	Time                  time.Duration
	LessonsDone           int
	// Levels are the results by competence id, from Results.
	Levels   map[string]scoring.Result
	Skills   map[string]SkillState
	Mastered int // acquis mastered
}

// GroupExport is what an export holds: the columns' competences and acquis
// (the whole catalogue, in its order, so the columns do not change from
// one export to the next) and the rows, by first visit.
type GroupExport struct {
	Scope       ExportScope
	Run         record.Run // the atelier run, when the scope is one
	Competences []*lessons.Competence
	Skills      []*lessons.Skill
	Rows        []ExportRow
}

// ExportGroup gathers a group export. In an atelier run, the members who
// agreed to be seen during it; over a period, the learners who share
// their progress and came in it. Each learner's look is written in the
// journal, as the follow-up's is.
func (s *Service) ExportGroup(ctx context.Context, by record.MediatorID, cat *lessons.Catalogue, q ExportScope) (GroupExport, error) {
	if err := q.Check(); err != nil {
		return GroupExport{}, err
	}
	g, err := s.group()
	if err != nil {
		return GroupExport{}, err
	}
	sp, err := s.space()
	if err != nil {
		return GroupExport{}, err
	}
	profiles, err := sp.Profiles(ctx)
	if err != nil {
		return GroupExport{}, err
	}
	consent := map[record.LearnerID]bool{}
	if q.Run != 0 {
		members, err := g.Members(ctx, q.Run)
		if err != nil {
			return GroupExport{}, err
		}
		for _, m := range members {
			consent[m.Learner] = m.Consent
		}
	} else {
		for _, p := range profiles {
			consent[p.ID] = p.Shares
		}
	}
	names := map[record.LearnerID]string{}
	for _, p := range profiles {
		names[p.ID] = p.Name
	}
	visits, err := g.Visits(ctx, 0)
	if err != nil {
		return GroupExport{}, err
	}
	out := GroupExport{Scope: q, Competences: cat.Competences}
	if q.Run != 0 {
		if out.Run, err = s.run(ctx, q.Run); err != nil {
			return GroupExport{}, err
		}
	}
	for _, c := range cat.Competences {
		out.Skills = append(out.Skills, c.Skills()...)
	}
	rows := map[record.LearnerID]*ExportRow{}
	for _, v := range visits {
		name, known := names[v.Learner]
		if !consent[v.Learner] || !known || !q.within(v) {
			continue
		}
		r := rows[v.Learner]
		if r == nil {
			r = &ExportRow{Learner: v.Learner, Name: name, FirstVisit: v.Start}
			rows[v.Learner] = r
		}
		if v.Start.Before(r.FirstVisit) {
			r.FirstVisit = v.Start
		}
		if v.Start.After(r.LastVisit) {
			r.LastVisit = v.Start
		}
		if q.Run != 0 {
			// The atelier's time: what the visit spent while it ran.
			r.Time += v.LengthIn(out.Run.OpenedAt, out.Run.Ends())
		} else {
			r.Time += v.Length()
		}
	}
	// A member who agreed but has no visit in the run (their PC kept no
	// visit) is still one of the group.
	if q.Run != 0 {
		for id, ok := range consent {
			if name, known := names[id]; ok && known && rows[id] == nil {
				rows[id] = &ExportRow{Learner: id, Name: name}
			}
		}
	}
	for _, r := range rows {
		if err := s.fillExportRow(ctx, cat, r); err != nil {
			return GroupExport{}, err
		}
		if err := sp.LogAction(ctx, record.Action{Mediator: by, Kind: record.ActProgressViewed, Learner: r.Learner}); err != nil {
			return GroupExport{}, err
		}
		out.Rows = append(out.Rows, *r)
	}
	// By first visit, then by profile number: a learner who comes later
	// is a row further down, so a new export's new rows can be added at
	// the end of an older one.
	slices.SortFunc(out.Rows, func(a, b ExportRow) int {
		if a.FirstVisit.IsZero() != b.FirstVisit.IsZero() {
			if a.FirstVisit.IsZero() {
				return 1
			}
			return -1
		}
		return cmp.Or(a.FirstVisit.Compare(b.FirstVisit), cmp.Compare(a.Learner, b.Learner))
	})
	return out, nil
}

// fillExportRow puts in a row what Results says of the learner.
func (s *Service) fillExportRow(ctx context.Context, cat *lessons.Catalogue, r *ExportRow) error {
	st, err := s.Results(ctx, cat, r.Learner)
	if err != nil {
		return err
	}
	r.Levels, r.Skills = map[string]scoring.Result{}, map[string]SkillState{}
	for _, lp := range st.State.Lessons {
		if lp.Done && cat.Lesson(lp.Lesson) != nil {
			r.LessonsDone++
		}
	}
	for _, e := range st.Entries {
		r.Levels[e.Competence.ID] = e.Result
		for _, sk := range e.Result.Skills {
			if sk.Right+sk.Wrong == 0 || r.Skills[sk.Skill] == SkillMastered {
				continue
			}
			// The rule « Ce que j'ai appris » uses: an acquis is known
			// from a predicted success of 0.8, and not when a question of
			// it was just failed.
			if sk.PSuccess >= mastered && !sk.Weak {
				r.Skills[sk.Skill] = SkillMastered
			} else {
				r.Skills[sk.Skill] = SkillNotMastered
			}
		}
	}
	for _, st := range r.Skills {
		if st == SkillMastered {
			r.Mastered++
		}
	}
	return nil
}

var exportWords = i18n.Table{
	"col_name":        {FR: "Prénom", EN: "First name"},
	"col_first":       {FR: "Première visite", EN: "First visit"},
	"col_last":        {FR: "Dernière visite", EN: "Last visit"},
	"col_hours":       {FR: "Temps passé (heures)", EN: "Time spent (hours)"},
	"col_lessons":     {FR: "Leçons finies", EN: "Lessons finished"},
	"col_level":       {FR: "%s : niveau (0 à 4)", EN: "%s: level (0 to 4)"},
	"col_words":       {FR: "%s : niveau en mots", EN: "%s: level in words"},
	"col_sure":        {FR: "%s : confiance", EN: "%s: confidence"},
	"col_mastered":    {FR: "Acquis maîtrisés", EN: "Skills mastered"},
	"col_total":       {FR: "Acquis en tout", EN: "Skills in all"},
	"col_skill":       {FR: "Acquis %s", EN: "Skill %s"},
	"skill_mastered":  {FR: "acquis", EN: "mastered"},
	"skill_not":       {FR: "non acquis", EN: "not mastered"},
	"skill_untested":  {FR: "non testé", EN: "not tested"},
	"sheet_group":     {FR: "Groupe", EN: "Group"},
	"first_idea_sure": {FR: "première idée : %s", EN: "first idea: %s"},
}

// Table is the export as a spreadsheet's table, its header in lang.
// Hours are decimal hours (1,5 is an hour and a half), for a Pass
// numérique count.
func (e GroupExport) Table(lang i18n.Lang) tabular.Table {
	say := func(code string, a ...any) string { return exportWords.Format(lang, code, a...) }
	t := tabular.Table{Sheet: say("sheet_group"), Header: []string{
		say("col_name"), say("col_first"), say("col_last"), say("col_hours"), say("col_lessons")}}
	for _, c := range e.Competences {
		t.Header = append(t.Header, say("col_level", c.Title), say("col_words", c.Title), say("col_sure", c.Title))
	}
	t.Header = append(t.Header, say("col_mastered"), say("col_total"))
	if e.Scope.Acquis {
		for _, sk := range e.Skills {
			t.Header = append(t.Header, say("col_skill", sk.ID))
		}
	}
	for _, r := range e.Rows {
		row := []tabular.Cell{tabular.Text(r.Name), tabular.Date(r.FirstVisit), tabular.Date(r.LastVisit),
			tabular.Dec(r.Time.Hours(), 2), tabular.Int(r.LessonsDone)}
		for _, c := range e.Competences {
			res, ok := r.Levels[c.ID]
			if !ok {
				row = append(row, tabular.Text(""), tabular.Text(""), tabular.Text(""))
				continue
			}
			sure := res.Certainty.Text(lang)
			if res.Rough {
				sure = say("first_idea_sure", sure)
			}
			row = append(row, tabular.Int(res.Level), tabular.Text(scoring.LevelName(lang, res.Level)), tabular.Text(sure))
		}
		row = append(row, tabular.Int(r.Mastered), tabular.Int(len(e.Skills)))
		if e.Scope.Acquis {
			for _, sk := range e.Skills {
				word := map[SkillState]string{SkillMastered: "skill_mastered", SkillNotMastered: "skill_not", SkillNotTested: "skill_untested"}[r.Skills[sk.ID]]
				row = append(row, tabular.Text(say(word)))
			}
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

// ExportFormat is the kind of file an export is written as.
type ExportFormat string

const (
	FormatCSV  ExportFormat = "csv"
	FormatXLSX ExportFormat = "xlsx"
)

// Bytes is the export as a file of that format.
func (e GroupExport) Bytes(lang i18n.Lang, f ExportFormat) ([]byte, error) {
	switch f {
	case FormatCSV, "":
		return tabular.CSV(e.Table(lang))
	case FormatXLSX:
		return tabular.XLSX(e.Table(lang))
	}
	return nil, fmt.Errorf("learning: format %q: %w", f, record.ErrInvalid)
}

// FileName is the export's file name: the atelier, its day and its run's
// number (two runs of an atelier on one day are two files), or the
// period's days; no one is named in it.
func (e GroupExport) FileName(f ExportFormat) string {
	if f == "" {
		f = FormatCSV
	}
	day := func(t time.Time) string { return t.Local().Format("20060102") }
	name := "groupe"
	switch {
	case e.Scope.Run != 0:
		name += "-" + fold.FileWord(e.Run.Atelier) + "-" + day(e.Run.OpenedAt) + "-" + strconv.Itoa(int(e.Scope.Run))
	case !e.Scope.From.IsZero() || !e.Scope.To.IsZero():
		from, to := "debut", "fin"
		if !e.Scope.From.IsZero() {
			from = day(e.Scope.From)
		}
		if !e.Scope.To.IsZero() {
			to = day(e.Scope.To)
		}
		name += "-" + from + "-" + to
	default:
		name += "-tout"
	}
	return name + "." + string(f)
}

// SaveGroupExport writes the export in the export folder (private to the
// PC's user, 0600) and returns its path. Writing it again replaces it.
func (s *Service) SaveGroupExport(e GroupExport, lang i18n.Lang, f ExportFormat) (string, error) {
	if s.exportDir == "" {
		return "", ErrNoExport
	}
	b, err := e.Bytes(lang, f)
	if err != nil {
		return "", err
	}
	path := filepath.Join(s.exportDir, e.FileName(f))
	if err := os.MkdirAll(s.exportDir, 0o700); err != nil {
		return "", err
	}
	return path, tabular.WriteFile(path, b)
}

// run is one atelier run (record.ErrNotFound when none has that number).
func (s *Service) run(ctx context.Context, id record.RunID) (record.Run, error) {
	runs, err := s.Runs(ctx)
	if err != nil {
		return record.Run{}, err
	}
	for _, r := range runs {
		if r.ID == id {
			return r, nil
		}
	}
	return record.Run{}, fmt.Errorf("learning: atelier run %d: %w", id, record.ErrNotFound)
}
