package learning_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/record"
	"pasapas/scoring"
)

// readCSV parses an export as a spreadsheet does: « ; », BOM stripped.
func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	b, ok := bytes.CutPrefix(b, []byte("\ufeff"))
	if !ok {
		t.Fatal("the CSV has no byte order mark")
	}
	r := csv.NewReader(bytes.NewReader(b))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// atelierDay is an atelier run of the tests: three members — one named
// like a formula, Léa, who both agree to be seen, and Marc, who does not
// and came the day before — and Nina, who shares her progress but was
// not in it. The run lasts 95 minutes; the visits in it 90.
type atelierDay struct {
	sophie             record.MediatorID
	run                record.Run
	formula, lea, marc record.LearnerID
	nina               record.LearnerID
	opened             time.Time
}

const formulaName = `=HYPERLINK("x")`

func holdAtelier(t *testing.T, app *learning.Service, c *clock) atelierDay {
	t.Helper()
	ctx := context.Background()
	var d atelierDay
	s, _ := app.CreateMediator(ctx, 0, "Sophie", "4826")
	d.sophie = s.ID
	mk := func(name string) record.LearnerID {
		l, err := app.CreateLearner(ctx, name, "", record.Prefs{})
		if err != nil {
			t.Fatal(err)
		}
		return l.ID
	}
	d.formula, d.lea, d.marc, d.nina = mk(formulaName), mk("Léa Martin"), mk("Marc"), mk("Nina")
	app.SetSharing(ctx, d.nina, true)
	v, _ := app.StartVisit(ctx, d.marc, "PC 2") // the day before
	c.t = c.t.Add(time.Hour)
	app.EndVisit(ctx, v)
	c.t = c.t.Add(23 * time.Hour)
	d.opened = c.t
	var err error
	if d.run, err = app.OpenAtelier(ctx, d.sophie, mailsAtelier("MAC74")); err != nil {
		t.Fatal(err)
	}
	app.JoinAtelier(ctx, d.formula, "MAC74", true)
	vf, _ := app.StartVisit(ctx, d.formula, "PC 1")
	c.t = c.t.Add(time.Minute)
	app.JoinAtelier(ctx, d.lea, "MAC74", true)
	vl, _ := app.StartVisit(ctx, d.lea, "PC 3")
	app.JoinAtelier(ctx, d.marc, "MAC74", false)
	vm, _ := app.StartVisit(ctx, d.marc, "PC 2")
	vn, _ := app.StartVisit(ctx, d.nina, "PC 4") // here, not in the atelier
	takeTest(t, app, c, d.lea, "mail", func(int, *scoring.Item) bool { return true })
	app.SaveLessonStep(ctx, d.lea, record.LessonStep{Lesson: "mail-adresse", Step: 99, Done: true})
	c.t = d.opened.Add(90 * time.Minute)
	app.EndVisit(ctx, vf)
	c.t = d.opened.Add(91 * time.Minute)
	for _, v := range []record.VisitID{vl, vm, vn} {
		app.EndVisit(ctx, v)
	}
	c.t = d.opened.Add(95 * time.Minute)
	if err := app.CloseAtelier(ctx, d.sophie, d.run.ID); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestGroupExportCSV(t *testing.T) {
	ctx := context.Background()
	onEachStore(t, func(t *testing.T, app *learning.Service, c *clock) {
		d := holdAtelier(t, app, c)
		e, err := app.ExportGroup(ctx, d.sophie, cat, learning.ExportScope{Run: d.run.ID, Acquis: true})
		if err != nil {
			t.Fatal(err)
		}
		b, err := e.Bytes(i18n.FR, learning.FormatCSV)
		if err != nil {
			t.Fatal(err)
		}
		rows := readCSV(t, b)
		head := rows[0]
		nComp, nSkills := len(cat.Competences), 0
		for _, comp := range cat.Competences {
			nSkills += len(comp.Skills())
		}
		if want := 5 + 3*nComp + 2 + nSkills; len(head) != want {
			t.Fatalf("%d columns, want %d: %q", len(head), want, head)
		}
		for i, w := range []string{"Prénom", "Première visite", "Dernière visite", "Temps passé (heures)", "Leçons finies"} {
			if head[i] != w {
				t.Errorf("column %d = %q, want %q", i+1, head[i], w)
			}
		}
		if len(rows) != 3 {
			t.Fatalf("rows: %q", rows)
		}
		// The learner named like a formula came first; their name stays
		// text. Marc, who did not agree, is not there; neither is Nina.
		if rows[1][0] != "'"+formulaName || rows[2][0] != "Léa Martin" {
			t.Errorf("names = %q, %q", rows[1][0], rows[2][0])
		}
		for _, r := range rows {
			if strings.Contains(strings.Join(r, ";"), "Marc") || strings.Contains(strings.Join(r, ";"), "Nina") {
				t.Errorf("a learner who did not agree is in the export: %q", r)
			}
		}
		day := d.opened.Local().Format("02/01/2006")
		want := map[int][]string{1: {day, day, "1,50", "0"}, 2: {day, day, "1,50", "1"}}
		for i, w := range want {
			if got := rows[i][1:5]; strings.Join(got, "|") != strings.Join(w, "|") {
				t.Errorf("row %d = %q, want %q", i, got, w)
			}
		}
		// Léa's level in « Communiquer par mail » is the one Results gives.
		st, _ := app.Results(ctx, cat, d.lea)
		col := -1
		for i, h := range head {
			if h == st.Entries[0].Competence.Title+" : niveau (0 à 4)" {
				col = i
			}
		}
		if col < 0 {
			t.Fatalf("no level column for %s in %q", st.Entries[0].Competence.Title, head)
		}
		lv := st.Entries[0].Result.Level
		if rows[2][col] != string(rune('0'+lv)) || rows[2][col+1] != scoring.LevelName(i18n.FR, lv) ||
			rows[2][col+2] != st.Entries[0].Result.Certainty.Text(i18n.FR) {
			t.Errorf("Léa's level cells = %q", rows[2][col:col+3])
		}
		if rows[1][col] != "" {
			t.Errorf("a level for a learner without a test: %q", rows[1][col])
		}
		acq := 5 + 3*nComp
		if rows[2][acq] == "0" || rows[2][acq+1] != strconv.Itoa(nSkills) {
			t.Errorf("acquis mastered / in all = %q / %q (catalogue: %d)", rows[2][acq], rows[2][acq+1], nSkills)
		}
		seen := map[string]int{}
		for _, v := range rows[2][acq+2:] {
			seen[v]++
		}
		if seen["acquis"] == 0 || seen["non testé"] == 0 || seen["acquis"]+seen["non acquis"]+seen["non testé"] != nSkills {
			t.Errorf("acquis columns = %v", seen)
		}
		// The same data exported twice: the same bytes.
		e2, _ := app.ExportGroup(ctx, d.sophie, cat, learning.ExportScope{Run: d.run.ID, Acquis: true})
		if b2, _ := e2.Bytes(i18n.FR, learning.FormatCSV); !bytes.Equal(b, b2) {
			t.Error("two exports of the same data differ")
		}
		// English headers when the tutor speaks English.
		en, _ := e.Bytes(i18n.EN, learning.FormatCSV)
		if h := readCSV(t, en)[0]; h[0] != "First name" || h[3] != "Time spent (hours)" {
			t.Errorf("English header = %q", h[:5])
		}
	})
}

func TestGroupExportPeriod(t *testing.T) {
	ctx := context.Background()
	onEachStore(t, func(t *testing.T, app *learning.Service, c *clock) {
		d := holdAtelier(t, app, c)
		app.SetSharing(ctx, d.marc, false)
		q := learning.ExportScope{From: d.opened, To: d.opened}
		e, err := app.ExportGroup(ctx, d.sophie, cat, q)
		if err != nil {
			t.Fatal(err)
		}
		// Over a period: the learners who share, whatever the atelier.
		if len(e.Rows) != 1 || e.Rows[0].Learner != d.nina || e.Rows[0].Time != 90*time.Minute {
			t.Errorf("rows = %+v", e.Rows)
		}
		app.SetSharing(ctx, d.marc, true)
		e, _ = app.ExportGroup(ctx, d.sophie, cat, q)
		if len(e.Rows) != 2 || e.Rows[0].Learner != d.marc || e.Rows[0].Time != 90*time.Minute {
			t.Errorf("Marc shares now, but his visit the day before is outside: %+v", e.Rows)
		}
		e, _ = app.ExportGroup(ctx, d.sophie, cat, learning.ExportScope{To: d.opened.AddDate(0, 0, -1)})
		if len(e.Rows) != 1 || e.Rows[0].Learner != d.marc || e.Rows[0].Time != time.Hour {
			t.Errorf("the day before: %+v", e.Rows)
		}
		if _, err := app.ExportGroup(ctx, d.sophie, cat, learning.ExportScope{From: d.opened, To: d.opened.AddDate(0, 0, -1)}); !errors.Is(err, learning.ErrBackwards) {
			t.Errorf("a period the wrong way round: %v, want ErrBackwards", err)
		}
		path, err := app.SaveGroupExport(e, i18n.FR, learning.FormatXLSX)
		if err != nil {
			t.Fatal(err)
		}
		if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 || filepath.Ext(path) != ".xlsx" {
			t.Errorf("saved %s: %v %v", path, fi, err)
		}
	})
}

// TestGroupExportXLSX reads the workbook back.
func TestGroupExportXLSX(t *testing.T) {
	ctx := context.Background()
	onEachStore(t, func(t *testing.T, app *learning.Service, c *clock) {
		d := holdAtelier(t, app, c)
		e, _ := app.ExportGroup(ctx, d.sophie, cat, learning.ExportScope{Run: d.run.ID})
		b, err := e.Bytes(i18n.FR, learning.FormatXLSX)
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		rows, err := f.GetRows("Groupe")
		if err != nil {
			t.Fatal(err)
		}
		day := d.opened.Local().Format("02/01/2006")
		if len(rows) != 3 || rows[0][0] != "Prénom" || rows[1][0] != formulaName || rows[2][0] != "Léa Martin" ||
			rows[2][1] != day || rows[2][4] != "1" {
			t.Fatalf("rows = %q", rows)
		}
		if v, _ := f.GetCellValue("Groupe", "D3", excelize.Options{RawCellValue: true}); v != "1.5" {
			t.Errorf("hours = %q", v)
		}
		if fm, _ := f.GetCellFormula("Groupe", "A2"); fm != "" {
			t.Errorf("a name became a formula: %q", fm)
		}
	})
}

func TestRunBilan(t *testing.T) {
	ctx := context.Background()
	onEachStore(t, func(t *testing.T, app *learning.Service, c *clock) {
		d := holdAtelier(t, app, c)
		b, err := app.RunBilan(ctx, d.run.ID)
		if err != nil {
			t.Fatal(err)
		}
		if b.Type != "Collectif" || b.Participants != 3 || b.Before != 1 || b.Minutes != 95 ||
			b.Title != "Premiers pas avec les mails" || b.Level != "Débutant" ||
			strings.Join(b.Thematiques, ",") != "E-mail" || strings.Join(b.Materiel, ",") != "Ordinateur" {
			t.Errorf("bilan = %+v", b)
		}
		path, _, err := app.AppendBilan(b)
		if err != nil {
			t.Fatal(err)
		}
		ind, err := app.AccompanimentBilan(ctx, d.marc, learning.Accompaniment{Minutes: 30,
			Thematiques: []string{"E-mail", "Santé"}, Materiel: []string{"Ordinateur"}, Autonomie: "Autonome"})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := app.AppendBilan(ind); err != nil {
			t.Fatal(err)
		}
		raw, _ := os.ReadFile(path)
		rows := readCSV(t, raw)
		day := d.opened.Local().Format("02/01/2006")
		want := [][]string{
			learning.BilanHeader,
			{day, "Collectif", "3", "1", "95", "Premiers pas avec les mails", "Ordinateur", "E-mail", "Débutant", strconv.Itoa(int(d.run.ID))},
			{c.t.Local().Format("02/01/2006"), "Individuel", "1", "1", "30", "", "Ordinateur", "E-mail, Santé", "Autonome", ""},
		}
		if len(rows) != len(want) {
			t.Fatalf("bilans = %q", rows)
		}
		for i := range want {
			if strings.Join(rows[i], "|") != strings.Join(want[i], "|") {
				t.Errorf("line %d = %q, want %q", i, rows[i], want[i])
			}
		}
		for _, name := range []string{"HYPERLINK", "Léa", "Marc", "Nina"} {
			if bytes.Contains(raw, []byte(name)) {
				t.Errorf("the bilans name %s", name)
			}
		}
		if rows[0][5] != "Nom de l’atelier" {
			t.Errorf("La Coop's column name: %q", rows[0][5])
		}
		for _, bad := range []learning.Accompaniment{
			{Minutes: 30, Thematiques: []string{"E-mail"}, Materiel: []string{"Ordinateur"}, Autonomie: "Un peu"},
			{Minutes: 30, Thematiques: []string{"Courriel"}, Materiel: []string{"Ordinateur"}, Autonomie: "Autonome"},
			{Minutes: 0, Thematiques: []string{"E-mail"}, Materiel: []string{"Ordinateur"}, Autonomie: "Autonome"},
			{Minutes: 30, Thematiques: []string{"E-mail"}, Autonomie: "Autonome"},
		} {
			if _, err := app.AccompanimentBilan(ctx, d.marc, bad); err == nil {
				t.Errorf("accepted %+v", bad)
			}
		}
	})
}

// TestRunBilanBefore: « Déjà accompagnés » counts the participants with a
// visit before the run's day — not one who signed in a few minutes before
// the opening, on their first day.
func TestRunBilanBefore(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name   string
		before time.Duration // how long before the opening the visit began
		want   int
	}{
		{"signed in two minutes before the opening", 2 * time.Minute, 0},
		{"came the day before", 24 * time.Hour, 1},
	} {
		t.Run(c.name, func(t *testing.T) {
			onEachStore(t, func(t *testing.T, app *learning.Service, clk *clock) {
				opening := time.Date(2026, 12, 7, 14, 0, 0, 0, time.Local)
				s, _ := app.CreateMediator(ctx, 0, "Sophie", "4826")
				zoe, err := app.CreateLearner(ctx, "Zoé", "", record.Prefs{})
				if err != nil {
					t.Fatal(err)
				}
				clk.t = opening.Add(-c.before)
				v, _ := app.StartVisit(ctx, zoe.ID, "PC 1")
				if c.before > time.Hour {
					clk.t = clk.t.Add(time.Hour)
					app.EndVisit(ctx, v)
				}
				clk.t = opening
				run, err := app.OpenAtelier(ctx, s.ID, mailsAtelier("MAC74"))
				if err != nil {
					t.Fatal(err)
				}
				if _, err := app.JoinAtelier(ctx, zoe.ID, "MAC74", true); err != nil {
					t.Fatal(err)
				}
				clk.t = opening.Add(time.Hour)
				b, err := app.RunBilan(ctx, run.ID)
				if err != nil {
					t.Fatal(err)
				}
				if b.Participants != 1 || b.Before != c.want {
					t.Errorf("%d participants, %d already accompanied; want 1, %d", b.Participants, b.Before, c.want)
				}
			})
		})
	}
}

// TestBilanOnce: a run's line goes into the bilans file once — when a
// call closes the open run, not when a stale screen closes it again; and,
// for a run whose code ran out without a closing, on the first bilan asked.
func TestBilanOnce(t *testing.T) {
	ctx := context.Background()
	onEachStore(t, func(t *testing.T, app *learning.Service, c *clock) {
		s, _ := app.CreateMediator(ctx, 0, "Sophie", "4826")
		open := func(code string) record.Run {
			r, err := app.OpenAtelier(ctx, s.ID, mailsAtelier(code))
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		closed, expired, still := open(""), open(""), record.Run{}
		c.t = c.t.Add(time.Hour)
		steps := []struct {
			name  string
			do    func() (learning.BilanLine, error)
			added bool
			open  bool
		}{
			{"closing the open run", func() (learning.BilanLine, error) { return app.CloseAtelierBilan(ctx, s.ID, closed.ID) }, true, false},
			{"closing it again (a stale screen)", func() (learning.BilanLine, error) { return app.CloseAtelierBilan(ctx, s.ID, closed.ID) }, false, false},
			{"the closed run's bilan", func() (learning.BilanLine, error) { return app.AtelierBilan(ctx, closed.ID) }, false, false},
			{"a run still open", func() (learning.BilanLine, error) {
				still = open("")
				return app.AtelierBilan(ctx, still.ID)
			}, false, true},
			{"the expired run's first bilan", func() (learning.BilanLine, error) {
				c.t = c.t.Add(record.RunHours * time.Hour)
				return app.AtelierBilan(ctx, expired.ID)
			}, true, false},
			{"the expired run's second bilan", func() (learning.BilanLine, error) { return app.AtelierBilan(ctx, expired.ID) }, false, false},
			{"closing the expired run", func() (learning.BilanLine, error) { return app.CloseAtelierBilan(ctx, s.ID, expired.ID) }, false, false},
		}
		for _, st := range steps {
			l, err := st.do()
			if err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
			if l.Added != st.added || l.Open != st.open || l.InFile == st.open || l.Path == "" {
				t.Errorf("%s: %+v, want added %v, open %v", st.name, l, st.added, st.open)
			}
		}
		if b, _ := app.AtelierBilan(ctx, expired.ID); b.Bilan.Minutes != record.RunHours*60 {
			t.Errorf("the expired run lasts %d minutes, want its code's %d hours", b.Bilan.Minutes, record.RunHours)
		}
		raw, err := os.ReadFile(filepath.Join(app.ExportDir(), learning.BilansFile))
		if err != nil {
			t.Fatal(err)
		}
		var refs []string
		for _, row := range readCSV(t, raw)[1:] {
			refs = append(refs, row[len(row)-1])
		}
		want := []string{strconv.Itoa(int(closed.ID)), strconv.Itoa(int(expired.ID))}
		if strings.Join(refs, ",") != strings.Join(want, ",") {
			t.Errorf("the bilans file has the lines of runs %v, want %v", refs, want)
		}
	})
}

// TestGroupExportFileNames: two runs of one atelier on one day are two
// files; a period's file says its days.
func TestGroupExportFileNames(t *testing.T) {
	opened := time.Date(2026, 12, 7, 10, 0, 0, 0, time.Local)
	run := func(id record.RunID) learning.GroupExport {
		return learning.GroupExport{Scope: learning.ExportScope{Run: id}, Run: record.Run{ID: id, Atelier: "premiers-mails", OpenedAt: opened}}
	}
	for _, c := range []struct {
		e    learning.GroupExport
		f    learning.ExportFormat
		want string
	}{
		{run(3), learning.FormatCSV, "groupe-premiers-mails-20261207-3.csv"},
		{run(4), learning.FormatXLSX, "groupe-premiers-mails-20261207-4.xlsx"},
		{learning.GroupExport{Scope: learning.ExportScope{From: opened}}, "", "groupe-20261207-fin.csv"},
		{learning.GroupExport{}, learning.FormatCSV, "groupe-tout.csv"},
	} {
		if got := c.e.FileName(c.f); got != c.want {
			t.Errorf("FileName = %q, want %q", got, c.want)
		}
	}
}

// TestAtelierTimeEndsAtItsClosing: a learner who stays after the atelier
// closed keeps on working for themselves; the atelier's table and its
// total count the visit up to the closing only (a newcomer saw the past
// atelier's minutes grow after it was closed).
func TestAtelierTimeEndsAtItsClosing(t *testing.T) {
	ctx := context.Background()
	onEachStore(t, func(t *testing.T, app *learning.Service, c *clock) {
		s, _ := app.CreateMediator(ctx, 0, "Sophie", "4826")
		lea, _ := app.CreateLearner(ctx, "Léa", "", record.Prefs{})
		run, err := app.OpenAtelier(ctx, s.ID, mailsAtelier("MAC74"))
		if err != nil {
			t.Fatal(err)
		}
		app.JoinAtelier(ctx, lea.ID, "MAC74", true)
		v, _ := app.StartVisit(ctx, lea.ID, "PC 1")
		c.t = c.t.Add(30 * time.Minute)
		if err := app.CloseAtelier(ctx, s.ID, run.ID); err != nil {
			t.Fatal(err)
		}
		c.t = c.t.Add(30 * time.Minute)
		app.EndVisit(ctx, v)
		e, err := app.ExportGroup(ctx, s.ID, cat, learning.ExportScope{Run: run.ID})
		if err != nil || len(e.Rows) != 1 {
			t.Fatalf("export: %+v, %v", e.Rows, err)
		}
		if got := e.Rows[0].Time; got != 30*time.Minute {
			t.Errorf("the atelier's table counts %v for Léa, want 30m (up to the closing)", got)
		}
		tot, err := app.Totals(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got := tot.ByRun[run.ID]; got != 30*time.Minute {
			t.Errorf("the atelier's total is %v, want 30m", got)
		}
		if got := tot.ByLearner[lea.ID]; got != time.Hour {
			t.Errorf("Léa's own total is %v, want the whole visit, 1h", got)
		}
	})
}
