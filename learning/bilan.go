package learning

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"pasapas/lessons"
	"pasapas/record"
	"pasapas/tabular"
)

// The bilan d'atelier: what a conseiller numérique logs in La Coop de la
// médiation numérique for an activity, in La Coop's own words and column
// names (its export's « Activités » sheet), so it is copied without being
// translated. Participants are counted, never named.

// Bilan is one activity for La Coop: an atelier run (Collectif) or an
// individual accompaniment (Individuel).
type Bilan struct {
	Date         time.Time
	Type         string // TypeCollectif or TypeIndividuel
	Participants int
	// Before is how many participants had come before (La Coop's
	// « déjà accompagné »): a visit before this activity.
	Before      int
	Minutes     int
	Title       string // the atelier's title (collective only)
	Level       string // the atelier's niveau (collective only)
	Autonomie   string // one of AutonomieLabels (individual only)
	Materiel    []string
	Thematiques []string
	// Run is the atelier run of a collective bilan (0 for an individual
	// one): the bilans file's last column, « Réf. Pas à pas », so the
	// same run's line is never added twice.
	Run record.RunID
}

// La Coop's words for an activity's type, its matériel and an individual
// accompaniment's autonomie (cra/fields/type-activite.ts, materiel.ts,
// individuel/fields/autonomie.ts).
const (
	TypeCollectif  = "Collectif"
	TypeIndividuel = "Individuel"
	// MaterielOrdinateur: the tutor runs on a computer.
	MaterielOrdinateur = "Ordinateur"
)

// MaterielLabels are La Coop's « Matériel numérique utilisé ».
var MaterielLabels = []string{"Ordinateur", "Téléphone", "Tablette", "Autre", "Pas de matériel"}

// AutonomieLabels are La Coop's three levels of autonomy, from the least.
var AutonomieLabels = []string{"Avec guidage", "Autonome avec guidage en cas de besoin", "Autonome"}

// BilanHeader are the columns of the bilans file: La Coop's export's
// column names, verbatim (its typographic apostrophes included), and
// « Déjà accompagnés », the count La Coop's form asks for a collective
// activity. They stay in French whatever the tutor's language: they are
// the names La Coop shows. The last one, « Réf. Pas à pas », is ours
// (the atelier run's number): it comes after La Coop's, so they are
// copied as they are, and it tells whether a run's line is in the file.
var BilanHeader = []string{
	"Date", "Type", "Participants", "Déjà accompagnés", "Durée (min)", "Nom de l’atelier",
	"Matériel numérique utilisé", "Thématique(s) d’accompagnement", "Niveau d’autonomie (ou de l’atelier)",
	RefColumn,
}

// RefColumn is the bilans file's own column: the atelier run's number.
const RefColumn = "Réf. Pas à pas"

// BilansFile is the name of the bilans file in the export folder.
const BilansFile = "bilans-la-coop.csv"

// Row is the bilan as a line of the bilans file. Several matériels or
// thématiques are joined by « , ».
func (b Bilan) Row() []tabular.Cell {
	level := b.Level
	if b.Type == TypeIndividuel {
		level = b.Autonomie
	}
	return []tabular.Cell{
		tabular.Date(b.Date), tabular.Text(b.Type), tabular.Int(b.Participants), tabular.Int(b.Before),
		tabular.Int(b.Minutes), tabular.Text(b.Title), tabular.Text(strings.Join(b.Materiel, ", ")),
		tabular.Text(strings.Join(b.Thematiques, ", ")), tabular.Text(level), ref(b.Run),
	}
}

// ref is a run's number in the « Réf. Pas à pas » column (empty for an
// individual accompaniment).
func ref(id record.RunID) tabular.Cell {
	if id == 0 {
		return tabular.Text("")
	}
	return tabular.Int(int(id))
}

// BilanTable is bilans as a table with the bilans file's header.
func BilanTable(bs ...Bilan) tabular.Table {
	t := tabular.Table{Sheet: "Activités", Header: BilanHeader}
	for _, b := range bs {
		t.Rows = append(t.Rows, b.Row())
	}
	return t
}

// RunBilan is the bilan of an atelier run: its day, its length from the
// opening to the closing (to now while it is open, at most the hours its
// code lasts), everyone who joined, and how many of them had a visit
// before its day (as for an individual accompaniment: someone who signed
// in a few minutes before the opening is coming for the first time).
func (s *Service) RunBilan(ctx context.Context, id record.RunID) (Bilan, error) {
	g, err := s.group()
	if err != nil {
		return Bilan{}, err
	}
	r, err := s.run(ctx, id)
	if err != nil {
		return Bilan{}, err
	}
	end := r.ClosedAt
	if end.IsZero() {
		end = s.now()
		if last := r.OpenedAt.Add(record.RunHours * time.Hour); end.After(last) {
			end = last
		}
	}
	members, err := g.Members(ctx, id)
	if err != nil {
		return Bilan{}, err
	}
	visits, err := g.Visits(ctx, 0)
	if err != nil {
		return Bilan{}, err
	}
	b := Bilan{Date: r.OpenedAt, Type: TypeCollectif, Participants: len(members),
		Before: cameBefore(visits, members, dayStart(r.OpenedAt)), Minutes: minutes(end.Sub(r.OpenedAt)),
		Title: r.Title, Level: r.Level, Materiel: []string{MaterielOrdinateur}, Thematiques: slices.Clone(r.Thematiques), Run: r.ID}
	return b, nil
}

// cameBefore counts the members with a visit begun before t.
func cameBefore(visits []record.Visit, members []record.Member, t time.Time) int {
	n := 0
	for _, m := range members {
		if slices.ContainsFunc(visits, func(v record.Visit) bool { return v.Learner == m.Learner && v.Start.Before(t) }) {
			n++
		}
	}
	return n
}

// minutes rounds a length to the nearest minute.
func minutes(d time.Duration) int { return int(d.Round(time.Minute) / time.Minute) }

// Accompaniment is an individual accompaniment as the médiateur records it
// from a learner's follow-up.
type Accompaniment struct {
	Date        time.Time
	Minutes     int
	Thematiques []string
	Materiel    []string
	Autonomie   string
}

// AccompanimentBilan checks an individual accompaniment and makes its
// bilan: one participant, counted as already accompanied when they had a
// visit before that day. The learner is not named in it.
func (s *Service) AccompanimentBilan(ctx context.Context, learner record.LearnerID, a Accompaniment) (Bilan, error) {
	g, err := s.group()
	if err != nil {
		return Bilan{}, err
	}
	switch {
	case a.Minutes < 1 || a.Minutes > 600, len(a.Thematiques) == 0, len(a.Materiel) == 0,
		!slices.Contains(AutonomieLabels, a.Autonomie):
		return Bilan{}, fmt.Errorf("learning: accompaniment %+v: %w", a, record.ErrInvalid)
	}
	for _, t := range a.Thematiques {
		if !slices.Contains(lessons.Thematiques, t) {
			return Bilan{}, fmt.Errorf("learning: thématique %q: %w", t, record.ErrInvalid)
		}
	}
	for _, m := range a.Materiel {
		if !slices.Contains(MaterielLabels, m) {
			return Bilan{}, fmt.Errorf("learning: matériel %q: %w", m, record.ErrInvalid)
		}
	}
	if a.Date.IsZero() {
		a.Date = s.now()
	}
	visits, err := g.Visits(ctx, learner)
	if err != nil {
		return Bilan{}, err
	}
	before := cameBefore(visits, []record.Member{{Learner: learner}}, dayStart(a.Date))
	return Bilan{Date: a.Date, Type: TypeIndividuel, Participants: 1, Before: before, Minutes: a.Minutes,
		Autonomie: a.Autonomie, Materiel: slices.Clone(a.Materiel), Thematiques: slices.Clone(a.Thematiques)}, nil
}

// AppendBilan adds a bilan at the end of the bilans file of the export
// folder (started with its header when new; private, 0600) and returns
// the file's path, and whether the line was added: an atelier run's line
// already in the file (same « Réf. Pas à pas ») is not added again.
func (s *Service) AppendBilan(b Bilan) (path string, added bool, err error) {
	if s.exportDir == "" {
		return "", false, ErrNoExport
	}
	if err := os.MkdirAll(s.exportDir, 0o700); err != nil {
		return "", false, err
	}
	path = filepath.Join(s.exportDir, BilansFile)
	if b.Run != 0 {
		in, err := runInFile(path, b.Run)
		if err != nil || in {
			return path, false, err
		}
	}
	if err := tabular.AppendCSV(path, BilanTable(b)); err != nil {
		return path, false, err
	}
	return path, true, nil
}

// runInFile says whether the bilans file has a run's line (a missing
// file has none).
func runInFile(path string, id record.RunID) (bool, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	r.Comma, r.FieldsPerRecord, r.LazyQuotes = ';', -1, true
	rows, err := r.ReadAll()
	if err != nil {
		// A file a spreadsheet spoilt: AppendCSV checks its header and
		// says so.
		return false, nil
	}
	want := ref(id).String()
	return slices.ContainsFunc(rows, func(row []string) bool {
		return len(row) == len(BilanHeader) && row[1] == TypeCollectif && row[len(row)-1] == want
	}), nil
}

// BilanLine is an atelier run's bilan, and where its line stands in the
// bilans file.
type BilanLine struct {
	Bilan Bilan
	Open  bool   // the run is still open: its line comes at its closing
	Path  string // the bilans file ("" without an export folder)
	Added bool   // this call added the line
	// InFile: the run's line is in the bilans file (added now or before).
	InFile bool
}

// CloseAtelierBilan closes an atelier run and adds its bilan's line to
// the bilans file — only when this call closed an open run. A run closed
// already (from another window or PC) is not closed again and its line
// is not added twice; its bilan is given to show. A run whose code ran
// out without a closing is not closed (its length stays its code's
// hours): its line is added once, as AtelierBilan does.
func (s *Service) CloseAtelierBilan(ctx context.Context, by record.MediatorID, id record.RunID) (BilanLine, error) {
	r, err := s.run(ctx, id)
	if err != nil {
		return BilanLine{}, err
	}
	if !r.Open(s.now()) {
		return s.AtelierBilan(ctx, id)
	}
	if err := s.CloseAtelier(ctx, by, id); err != nil {
		return BilanLine{}, err
	}
	b, err := s.RunBilan(ctx, id)
	if err != nil {
		return BilanLine{}, err
	}
	return s.fileBilan(b)
}

// AtelierBilan is an atelier run's bilan (pasapas mediateur bilan N, and
// « Bilan pour La Coop »). A run whose code ran out without a closing
// gets its line in the bilans file here, once; an open run's line comes
// at its closing; a closed run's line was added when it closed.
func (s *Service) AtelierBilan(ctx context.Context, id record.RunID) (BilanLine, error) {
	r, err := s.run(ctx, id)
	if err != nil {
		return BilanLine{}, err
	}
	b, err := s.RunBilan(ctx, id)
	if err != nil {
		return BilanLine{}, err
	}
	switch {
	case r.Open(s.now()):
		return BilanLine{Bilan: b, Open: true, Path: s.bilansPath()}, nil
	case r.ClosedAt.IsZero():
		return s.fileBilan(b)
	}
	l := BilanLine{Bilan: b, Path: s.bilansPath()}
	if l.Path != "" {
		if l.InFile, err = runInFile(l.Path, id); err != nil {
			return BilanLine{}, err
		}
	}
	return l, nil
}

// fileBilan adds a run's line to the bilans file, once.
func (s *Service) fileBilan(b Bilan) (BilanLine, error) {
	path, added, err := s.AppendBilan(b)
	if err != nil {
		return BilanLine{Bilan: b, Path: path}, err
	}
	return BilanLine{Bilan: b, Path: path, Added: added, InFile: true}, nil
}

// bilansPath is the bilans file's path ("" without an export folder).
func (s *Service) bilansPath() string {
	if s.exportDir == "" {
		return ""
	}
	return filepath.Join(s.exportDir, BilansFile)
}
