package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/lessons"
	"pasapas/progress"
	"pasapas/progress/postgres"
	"pasapas/record"
)

// spacePC is a PC's file with a médiateur's space: Claire's account (one
// wrong try of her code) and Sophie's; Léa, who shares her progress; Marc,
// who does not; Paul, archived; a note about Léa; an atelier with Léa (who
// agreed to be seen) and Marc, closed, with their visits; Léa's call; the
// retention period and the structure's name; and the journal of all that.
type spacePC struct {
	path             string
	claire           record.MediatorID
	lea, marc, paul  record.LearnerID
	run              record.Run
	openVisit        record.VisitID
	clock            func() time.Time
	leaStart, leaEnd time.Time
}

func makeSpacePC(t *testing.T, path string, start time.Time) spacePC {
	t.Helper()
	ctx := context.Background()
	now := start
	pc := spacePC{path: path}
	pc.clock = func() time.Time { now = now.Add(time.Minute); return now }
	s, err := progress.OpenWith(path, progress.Options{Now: pc.clock})
	must(t, err)
	defer s.Close()
	claire, err := s.CreateMediator(ctx, 0, "Claire", "4826")
	must(t, err)
	pc.claire = claire.ID
	sophie, err := s.CreateMediator(ctx, claire.ID, "Sophie", "7391")
	must(t, err)
	if err := s.CheckMediatorPIN(ctx, claire.ID, "1111"); err == nil {
		t.Fatal("a wrong code opened Claire's account")
	}
	for _, p := range []struct {
		name string
		id   *record.LearnerID
	}{{"Léa", &pc.lea}, {"Marc", &pc.marc}, {"Paul", &pc.paul}} {
		l, err := s.CreateLearner(ctx, p.name, "4827", record.Prefs{})
		must(t, err)
		*p.id = l.ID
	}
	must(t, s.SetSharing(ctx, pc.lea, true))
	must(t, s.SetArchived(ctx, sophie.ID, pc.paul, true))
	_, err = s.AddNote(ctx, claire.ID, pc.lea, "Veut écrire à sa fille.")
	must(t, err)
	must(t, s.SetRetention(ctx, claire.ID, 12))
	must(t, s.SetStructure(ctx, claire.ID, "Médiathèque des Tilleuls"))
	pc.run, err = s.OpenRun(ctx, record.Run{Atelier: "premiers-mails", Title: "Premiers pas avec les mails",
		Code: "MAC74", Level: "Débutant", Thematiques: []string{"E-mail"}, Parcours: []string{"mail-adresse"},
		IdleMinutes: 20, OpenedBy: sophie.ID})
	must(t, err)
	must(t, s.JoinRun(ctx, pc.run.ID, pc.lea, true))
	must(t, s.JoinRun(ctx, pc.run.ID, pc.marc, false))
	vl, err := s.StartVisit(ctx, record.Visit{Learner: pc.lea, Place: "PC 3", Run: pc.run.ID})
	must(t, err)
	vm, err := s.StartVisit(ctx, record.Visit{Learner: pc.marc, Place: "PC 2", Run: pc.run.ID})
	must(t, err)
	must(t, s.SetCall(ctx, pc.lea, true))
	for range 90 {
		pc.clock()
	}
	must(t, s.EndVisit(ctx, vl))
	must(t, s.EndVisit(ctx, vm))
	must(t, s.CloseRun(ctx, sophie.ID, pc.run.ID))
	// Marc comes back after the atelier; his visit is still open when the
	// file is first copied.
	pc.openVisit, err = s.StartVisit(ctx, record.Visit{Learner: pc.marc, Place: "PC 2"})
	must(t, err)
	visits, err := s.Visits(ctx, pc.lea)
	must(t, err)
	pc.leaStart, pc.leaEnd = visits[0].Start, visits[0].End
	return pc
}

// spaceRows counts the rows of the space's tables and of its ledger.
func spaceRows(t *testing.T, sch string) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, serverURL(t))
	must(t, err)
	defer conn.Close(ctx)
	out := map[string]int64{}
	for _, q := range []string{"mediators", "learner_space", "mediator_actions", "settings", "atelier_runs",
		"atelier_members", "calls", "visits", "mediator_notes", "copy_mediators", "copy_learner_space",
		"copy_space_rows", "learners"} {
		var n int64
		must(t, conn.QueryRow(ctx, "SELECT count(*) FROM "+pgx.Identifier{sch, q}.Sanitize()).Scan(&n))
		out[q] = n
	}
	var shares int64
	must(t, conn.QueryRow(ctx, "SELECT count(*) FROM "+pgx.Identifier{sch, "learner_space"}.Sanitize()+
		" WHERE shares").Scan(&shares))
	out["sharing"] = shares
	return out
}

func copyFile(t *testing.T, place *postgres.Store, path string) postgres.CopyReport {
	t.Helper()
	snap, err := progress.ReadSnapshot(context.Background(), path)
	must(t, err)
	rep, err := place.CopyFrom(context.Background(), snap, postgres.CopyOptions{Label: filepath.Base(path)})
	must(t, err)
	return rep
}

// The médiateur's space moves in with the file: Claire signs in on the
// server with her code, Sophie (who has an account there) with the
// server's; the sharing learner is in the group export, the others are
// not; the note, the journal, the atelier and its hours are there; the
// place's own retention period is kept; copying again changes nothing; a
// grown file adds what is new without giving back a consent withdrawn on
// the server, nor a learner erased there.
func TestCopyBringsTheSpace(t *testing.T) {
	sch := schema(t)
	ctx := context.Background()
	day := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	pc := makeSpacePC(t, filepath.Join(t.TempDir(), "pc1.db"), day)

	clk := day.Add(30 * 24 * time.Hour)
	place := open(t, sch, "Médiathèque des Tilleuls", func() time.Time { return clk })
	// The server's place has an account named Sophie and its own retention.
	sophieHere, err := place.CreateMediator(ctx, 0, "sophie", "5172")
	must(t, err)
	must(t, place.SetRetention(ctx, sophieHere.ID, 24))
	// A profile made here first: the file's numbers are not the server's.
	_, err = place.CreateLearner(ctx, "Ancien", "", record.Prefs{})
	must(t, err)

	rep := copyFile(t, place, pc.path)
	sp := rep.SpaceCopied
	if sp.MediatorsAdded != 1 || fmt.Sprint(sp.MediatorsKept) != "[Sophie]" || sp.Sharing != 1 || sp.Archived != 1 ||
		sp.Notes != 1 || sp.Runs != 1 || sp.Members != 2 || sp.Visits != 3 || sp.CallsLeft != 1 ||
		sp.Retention != 0 || sp.RetentionKept != 12 || sp.RetentionHere != 24 || sp.Structure != "Médiathèque des Tilleuls" {
		t.Errorf("first copy: %+v", sp)
	}
	lea, marc, paul := rep.Learners[pc.lea], rep.Learners[pc.marc], rep.Learners[pc.paul]

	// Claire signs in with her code; her wrong try came with her.
	accounts, err := place.Mediators(ctx)
	must(t, err)
	var names []string
	claire := record.MediatorID(0)
	for _, m := range accounts {
		names = append(names, m.Name)
		if m.Name == "Claire" {
			claire = m.ID
		}
	}
	if fmt.Sprint(names) != "[Claire sophie]" {
		t.Fatalf("accounts here: %v", names)
	}
	conn, err := pgx.Connect(ctx, serverURL(t))
	must(t, err)
	defer conn.Close(ctx)
	var failures int
	must(t, conn.QueryRow(ctx, "SELECT pin_failures FROM "+pgx.Identifier{sch, "mediators"}.Sanitize()+" WHERE id = $1",
		int64(claire)).Scan(&failures))
	if failures != 1 {
		t.Errorf("Claire's wrong tries: %d, want 1 (the PIN wait comes with the account)", failures)
	}
	app := learning.New(place, learning.Options{Now: func() time.Time { return clk }})
	if err := app.CheckMediatorPIN(ctx, claire, "4826"); err != nil {
		t.Errorf("Claire's code does not open her account on the server: %v", err)
	}
	if err := app.CheckMediatorPIN(ctx, claire, "7391"); err == nil {
		t.Error("another code opens Claire's account")
	}
	if err := app.CheckMediatorPIN(ctx, sophieHere.ID, "7391"); err == nil {
		t.Error("the file's Sophie's code replaced the server's")
	}

	// What the space shows: Léa shares, Paul is archived; the note and the
	// journal lines are Claire's here.
	profiles, err := place.Profiles(ctx)
	must(t, err)
	for _, p := range profiles {
		if p.Shares != (p.ID == lea) || p.Archived != (p.ID == paul) {
			t.Errorf("profile %s: shares %v archived %v", p.Name, p.Shares, p.Archived)
		}
	}
	notes, err := place.Notes(ctx, lea)
	must(t, err)
	if len(notes) != 1 || notes[0].Mediator != claire || notes[0].MediatorName != "Claire" || notes[0].Text != "Veut écrire à sa fille." {
		t.Errorf("notes here: %+v", notes)
	}
	actions, err := place.Actions(ctx)
	must(t, err)
	runs, err := place.Runs(ctx)
	must(t, err)
	if len(runs) != 1 || runs[0].Code != "MAC74" || runs[0].ClosedAt.IsZero() || runs[0].OpenedBy != sophieHere.ID {
		t.Fatalf("runs here: %+v", runs)
	}
	run := runs[0]
	kinds := map[record.ActionKind]record.Action{}
	for _, a := range actions {
		kinds[a.Kind] = a
	}
	if a := kinds[record.ActNoteAdded]; a.Learner != lea || a.Mediator != claire || !a.At.Before(clk) {
		t.Errorf("the note's journal line: %+v", a)
	}
	if a := kinds[record.ActAtelierClosed]; a.Value != int(run.ID) || a.Mediator != sophieHere.ID || a.MediatorName != "Sophie" {
		t.Errorf("the atelier's journal line: %+v", a)
	}
	if a := kinds[record.ActArchive]; a.Learner != paul {
		t.Errorf("the archive's journal line: %+v", a)
	}
	if len(actions) != 10 { // 8 lines of the file, 2 made here
		t.Errorf("journal here: %d lines, want 10: %+v", len(actions), actions)
	}
	visits, err := place.Visits(ctx, lea)
	must(t, err)
	if len(visits) != 1 || !visits[0].Start.Equal(pc.leaStart) || !visits[0].End.Equal(pc.leaEnd) || visits[0].Run != run.ID {
		t.Errorf("Léa's visits here: %+v", visits)
	}
	if calls, _ := place.Calls(ctx); len(calls) != 0 {
		t.Errorf("calls copied: %+v", calls)
	}
	if name, _ := place.Structure(ctx); name != "Médiathèque des Tilleuls" {
		t.Errorf("structure here: %q", name)
	}
	if months, _ := place.Retention(ctx); months != 24 {
		t.Errorf("retention here: %d, want the place's own 24", months)
	}

	// The group export of the atelier and of the period sees Léa (she
	// agreed, she shares), never Marc; the atelier's bilan has its hours.
	cat := lessons.Load(lessons.Options{}, lessons.Builtin()).Catalogue(i18n.FR)
	for _, q := range []learning.ExportScope{{Run: run.ID}, {From: day, To: day}} {
		e, err := app.ExportGroup(ctx, claire, cat, q)
		must(t, err)
		if len(e.Rows) != 1 || e.Rows[0].Learner != lea || e.Rows[0].Time != pc.leaEnd.Sub(pc.leaStart) {
			t.Errorf("export %+v: rows %+v", q, e.Rows)
		}
	}
	if _, err := app.SharedProgress(ctx, claire, cat, lea); err != nil {
		t.Errorf("Léa's shared progress: %v", err)
	}
	if _, err := app.SharedProgress(ctx, claire, cat, marc); !errors.Is(err, record.ErrNoConsent) {
		t.Errorf("Marc's progress, who shares nothing: %v", err)
	}
	src, err := progress.Open(pc.path)
	must(t, err)
	want, err := learning.New(src, learning.Options{}).RunBilan(ctx, pc.run.ID)
	must(t, err)
	src.Close()
	got, err := app.RunBilan(ctx, run.ID)
	must(t, err)
	want.Run, got.Run = 0, 0
	if fmt.Sprintf("%+v", want) != fmt.Sprintf("%+v", got) {
		t.Errorf("the atelier's bilan\nfile %+v\nhere %+v", want, got)
	}

	// Copying again changes nothing.
	before := spaceRows(t, sch)
	if rep := copyFile(t, place, pc.path); !rep.Unchanged {
		t.Errorf("second copy: %+v", rep)
	}
	if after := spaceRows(t, sch); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("second copy changed rows:\nbefore %v\nafter  %v", before, after)
	}

	// On the server, Léa withdraws her consent and Paul is erased. On the
	// PC, Marc now shares, Marc's visit ends, Claire writes a note about
	// Paul and one about Marc, and gives the structure another name.
	must(t, place.SetSharing(ctx, lea, false))
	must(t, place.EraseLearner(ctx, claire, paul, record.ActErase))
	s, err := progress.OpenWith(pc.path, progress.Options{Now: pc.clock})
	must(t, err)
	must(t, s.SetSharing(ctx, pc.marc, true))
	must(t, s.EndVisit(ctx, pc.openVisit))
	_, err = s.AddNote(ctx, pc.claire, pc.paul, "Note sur Paul.")
	must(t, err)
	_, err = s.AddNote(ctx, pc.claire, pc.marc, "Note sur Marc.")
	must(t, err)
	must(t, s.SetStructure(ctx, pc.claire, "Autre nom"))
	s.Close()
	before = spaceRows(t, sch)
	rep = copyFile(t, place, pc.path)
	sp = rep.SpaceCopied
	if rep.Unchanged || !rep.Known || rep.LearnersErased != 1 || sp.MediatorsAdded != 0 || sp.Sharing != 1 ||
		sp.ChoicesKept != 1 || sp.Notes != 1 || sp.Actions != 3 || sp.Runs != 0 || sp.Members != 0 || sp.Visits != 0 ||
		sp.VisitsEnded != 1 || sp.StructureKept != "Autre nom" || sp.StructureHere != "Médiathèque des Tilleuls" {
		t.Errorf("grown file: %+v %+v", rep, sp)
	}
	after := spaceRows(t, sch)
	if after["learners"] != before["learners"] || after["mediator_notes"] != before["mediator_notes"]+1 ||
		after["mediator_actions"] != before["mediator_actions"]+3 || after["sharing"] != 1 {
		t.Errorf("grown file:\nbefore %v\nafter  %v", before, after)
	}
	profiles, err = place.Profiles(ctx)
	must(t, err)
	for _, p := range profiles {
		if p.Shares != (p.ID == marc) {
			t.Errorf("after the grown file, %s shares: %v (Léa withdrew here; Marc agreed on the PC)", p.Name, p.Shares)
		}
	}
	if slices.ContainsFunc(profiles, func(p record.Profile) bool { return p.Name == "Paul" }) {
		t.Error("Paul, erased here, came back")
	}
	if n, _ := place.Notes(ctx, marc); len(n) != 1 || n[0].Mediator != claire || n[0].Text != "Note sur Marc." {
		t.Errorf("the new note about Marc: %+v", n)
	}
	if v, _ := place.Visits(ctx, marc); len(v) != 2 || v[1].End.IsZero() {
		t.Errorf("Marc's visits: %+v", v)
	}
	if rep := copyFile(t, place, pc.path); !rep.Unchanged {
		t.Errorf("copy of the grown file again: %+v", rep)
	}
}

// An atelier still open on a PC comes in open, unless an open atelier of
// the place uses its code: then it comes in closed, never two open
// ateliers with one code.
func TestCopyOpenAtelierCode(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name      string
		hereCode  string
		wantShut  int
		wantOpens int
	}{
		{"code free here", "ZX7QK", 0, 2},
		{"code taken here", "MAC74", 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sch := schema(t)
			day := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
			now := day
			path := filepath.Join(t.TempDir(), "pc.db")
			s, err := progress.OpenWith(path, progress.Options{Now: func() time.Time { return now }})
			must(t, err)
			claire, err := s.CreateMediator(ctx, 0, "Claire", "4826")
			must(t, err)
			_, err = s.OpenRun(ctx, record.Run{Atelier: "a", Title: "Atelier", Code: "MAC74", OpenedBy: claire.ID})
			must(t, err)
			s.Close()

			clk := day.Add(time.Hour)
			place := open(t, sch, "Lieu", func() time.Time { return clk })
			sophie, err := place.CreateMediator(ctx, 0, "Sophie", "5172")
			must(t, err)
			_, err = place.OpenRun(ctx, record.Run{Atelier: "b", Title: "Autre", Code: tc.hereCode, OpenedBy: sophie.ID})
			must(t, err)
			rep := copyFile(t, place, path)
			runs, err := place.Runs(ctx)
			must(t, err)
			opens := 0
			for _, r := range runs {
				if r.Open(clk) {
					opens++
				}
			}
			if rep.SpaceCopied.RunsShut != tc.wantShut || rep.SpaceCopied.Runs != 1 || opens != tc.wantOpens {
				t.Errorf("%+v; open ateliers here: %d, want %d", rep.SpaceCopied, opens, tc.wantOpens)
			}
		})
	}
}

// A learner who withdraws, on the PC, their agreement to be seen in an
// atelier after a copy is not seen on the server after the next one; an
// agreement given on the PC after a copy never widens the server's: a
// file only ever narrows a member's consent.
func TestCopyMemberConsent(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name          string
		first, second bool
		want          bool
		withdrawn     int
	}{
		{"withdrawn on the PC", true, false, false, 1},
		{"given on the PC after a refusal", false, true, false, 0},
		{"kept", true, true, true, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sch := schema(t)
			day := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
			now := day
			clock := func() time.Time { now = now.Add(time.Minute); return now }
			path := filepath.Join(t.TempDir(), "pc.db")
			s, err := progress.OpenWith(path, progress.Options{Now: clock})
			must(t, err)
			claire, err := s.CreateMediator(ctx, 0, "Claire", "4826")
			must(t, err)
			run, err := s.OpenRun(ctx, record.Run{Atelier: "a", Title: "Atelier", Code: "MAC74", OpenedBy: claire.ID})
			must(t, err)
			lea, err := s.CreateLearner(ctx, "Léa", "", record.Prefs{})
			must(t, err)
			must(t, s.JoinRun(ctx, run.ID, lea.ID, tc.first))
			s.Close()

			clk := day.Add(time.Hour)
			place := open(t, sch, "Lieu", func() time.Time { return clk })
			rep := copyFile(t, place, path)
			if rep.SpaceCopied.Members != 1 {
				t.Fatalf("first copy: %+v", rep.SpaceCopied)
			}
			s, err = progress.OpenWith(path, progress.Options{Now: clock})
			must(t, err)
			must(t, s.JoinRun(ctx, run.ID, lea.ID, tc.second))
			s.Close()
			rep = copyFile(t, place, path)
			if rep.SpaceCopied.MembersWithdrawn != tc.withdrawn || rep.SpaceCopied.Members != 0 {
				t.Errorf("second copy: %+v, want %d withdrawn, none added", rep.SpaceCopied, tc.withdrawn)
			}
			runs, err := place.Runs(ctx)
			must(t, err)
			members, err := place.Members(ctx, runs[0].ID)
			must(t, err)
			if len(members) != 1 || members[0].Consent != tc.want {
				t.Errorf("members here: %+v, want consent %v", members, tc.want)
			}
		})
	}
}

// A learner erased on the server after a copy leaves nothing of theirs
// there, in the space's tables or in the copy's ledger (its profile's
// line only says « erased here »), and a copy of the grown file brings
// back nothing of them: no profile, consent, membership, visit or note,
// and its new journal lines about them carry 0.
func TestCopyThenEraseLeavesNoRow(t *testing.T) {
	sch := schema(t)
	ctx := context.Background()
	day := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	now := day
	clock := func() time.Time { now = now.Add(time.Minute); return now }
	path := filepath.Join(t.TempDir(), "pc.db")
	s, err := progress.OpenWith(path, progress.Options{Now: clock})
	must(t, err)
	claire, err := s.CreateMediator(ctx, 0, "Claire", "4826")
	must(t, err)
	run, err := s.OpenRun(ctx, record.Run{Atelier: "a", Title: "Atelier", Code: "MAC74", OpenedBy: claire.ID})
	must(t, err)
	file := map[string]record.LearnerID{}
	for _, name := range []string{"Efface", "Garde"} {
		l, err := s.CreateLearner(ctx, name, "", record.Prefs{})
		must(t, err)
		file[name] = l.ID
		must(t, s.SetSharing(ctx, l.ID, true))
		must(t, s.JoinRun(ctx, run.ID, l.ID, true))
		_, err = s.StartVisit(ctx, record.Visit{Learner: l.ID, Place: "PC 1", Run: run.ID})
		must(t, err)
		_, err = s.AddNote(ctx, claire.ID, l.ID, "Note sur "+name)
		must(t, err)
		must(t, s.SetArchived(ctx, claire.ID, l.ID, true))
	}
	s.Close()

	clk := day.Add(time.Hour)
	place := open(t, sch, "Lieu", func() time.Time { return clk })
	rep := copyFile(t, place, path)
	gone, kept := rep.Learners[file["Efface"]], rep.Learners[file["Garde"]]
	hereClaire := record.MediatorID(0)
	accounts, err := place.Mediators(ctx)
	must(t, err)
	for _, m := range accounts {
		hereClaire = m.ID
	}
	must(t, place.EraseLearner(ctx, hereClaire, gone, record.ActErase))
	journal := pgx.Identifier{sch, "mediator_actions"}.Sanitize()
	conn, err := pgx.Connect(ctx, serverURL(t))
	must(t, err)
	defer conn.Close(ctx)
	count := func(query string, args ...any) int {
		var n int
		if err := conn.QueryRow(ctx, query, args...).Scan(&n); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		return n
	}
	linesGone := count("SELECT count(*) FROM "+journal+" WHERE learner_id = $1", int64(gone))

	// On the PC, more about both: a note, a visit, an archive mark undone.
	s, err = progress.OpenWith(path, progress.Options{Now: clock})
	must(t, err)
	for _, name := range []string{"Efface", "Garde"} {
		_, err = s.AddNote(ctx, claire.ID, file[name], "Autre note sur "+name)
		must(t, err)
		_, err = s.StartVisit(ctx, record.Visit{Learner: file[name], Place: "PC 1"})
		must(t, err)
		must(t, s.SetArchived(ctx, claire.ID, file[name], false))
	}
	s.Close()
	rep = copyFile(t, place, path)
	if rep.LearnersErased != 1 || rep.SpaceCopied.Notes != 1 || rep.SpaceCopied.Visits != 1 {
		t.Errorf("copy after the erasure: %+v %+v", rep, rep.SpaceCopied)
	}

	rows, err := conn.Query(ctx, `SELECT table_name FROM information_schema.columns
		WHERE table_schema = $1 AND column_name = 'learner_id' ORDER BY table_name`, sch)
	must(t, err)
	tables, err := pgx.CollectRows(rows, pgx.RowTo[string])
	must(t, err)
	if !slices.Contains(tables, "copy_learner_space") || !slices.Contains(tables, "copy_learners") {
		t.Fatalf("tables with a learner_id: %v: the copy's ledger is missing", tables)
	}
	for _, table := range tables {
		name := pgx.Identifier{sch, table}.Sanitize()
		if table == "mediator_actions" {
			// The journal keeps the profile's number on purpose: the
			// lines written before the erasure, and the erasure's own.
			// The lines the second copy added carry 0.
			if n := count("SELECT count(*) FROM "+name+" WHERE learner_id = $1", int64(gone)); n != linesGone {
				t.Errorf("the second copy wrote %d journal lines with the erased learner's number", n-linesGone)
			}
			continue
		}
		if n := count("SELECT count(*) FROM "+name+" WHERE learner_id = $1", int64(gone)); n != 0 {
			t.Errorf("%s holds %d rows of the erased learner", table, n)
		}
		if table != "calls" && table != "copy_learners" && table != "answers" && table != "tests" &&
			table != "lesson_progress" && table != "acquis_states" && table != "review_cards" {
			if n := count("SELECT count(*) FROM "+name+" WHERE learner_id = $1", int64(kept)); n == 0 {
				t.Errorf("%s holds no row of the kept learner: the check would prove nothing", table)
			}
		}
	}
	rows, err = conn.Query(ctx, "SELECT table_name FROM information_schema.tables WHERE table_schema = $1", sch)
	must(t, err)
	all, err := pgx.CollectRows(rows, pgx.RowTo[string])
	must(t, err)
	for _, table := range all {
		q := "SELECT count(*) FROM " + pgx.Identifier{sch, table}.Sanitize() + " t WHERE t::text LIKE '%Efface%'"
		if n := count(q); n != 0 {
			t.Errorf("%s holds %d rows naming the erased learner", table, n)
		}
	}
	if n, _ := place.Notes(ctx, kept); len(n) != 2 {
		t.Errorf("the kept learner's notes: %+v, want 2", n)
	}
}

// A learner who withdraws, on the PC, their consent to share after a copy
// no longer shares on the server after the next copy, whatever else
// changed there (an archive mark, a consent withdrawn and given again);
// the consent and the archive mark are compared each on its own.
func TestCopyConsentWithdrawnOnPC(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name        string
		first       bool                                                                    // shares on the PC at the first copy
		here        func(place *postgres.Store, med record.MediatorID, id record.LearnerID) // on the server, between the copies
		second      bool                                                                    // shares on the PC at the second copy
		wantShares  bool
		wantArchive bool
	}{
		{"withdrawn on the PC, archived on the server", true, func(p *postgres.Store, m record.MediatorID, id record.LearnerID) {
			must(t, p.SetArchived(ctx, m, id, true))
		}, false, false, true},
		{"withdrawn on the PC, withdrawn and given again on the server", true, func(p *postgres.Store, _ record.MediatorID, id record.LearnerID) {
			must(t, p.SetSharing(ctx, id, false))
			must(t, p.SetSharing(ctx, id, true))
		}, false, false, false},
		{"given on the PC, archived on the server", false, func(p *postgres.Store, m record.MediatorID, id record.LearnerID) {
			must(t, p.SetArchived(ctx, m, id, true))
		}, true, true, true},
		{"given on the PC, withdrawn on the server: never given back", true, func(p *postgres.Store, _ record.MediatorID, id record.LearnerID) {
			must(t, p.SetSharing(ctx, id, false))
		}, true, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sch := schema(t)
			day := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
			now := day
			clock := func() time.Time { now = now.Add(time.Minute); return now }
			path := filepath.Join(t.TempDir(), "pc.db")
			s, err := progress.OpenWith(path, progress.Options{Now: clock})
			must(t, err)
			_, err = s.CreateMediator(ctx, 0, "Claire", "4826")
			must(t, err)
			lea, err := s.CreateLearner(ctx, "Léa", "", record.Prefs{})
			must(t, err)
			must(t, s.SetSharing(ctx, lea.ID, tc.first))
			s.Close()

			clk := day.Add(time.Hour)
			place := open(t, sch, "Lieu", func() time.Time { return clk })
			rep := copyFile(t, place, path)
			here := rep.Learners[lea.ID]
			accounts, err := place.Mediators(ctx)
			must(t, err)
			tc.here(place, accounts[0].ID, here)

			s, err = progress.OpenWith(path, progress.Options{Now: clock})
			must(t, err)
			must(t, s.SetSharing(ctx, lea.ID, tc.second))
			s.Close()
			copyFile(t, place, path)
			profiles, err := place.Profiles(ctx)
			must(t, err)
			if len(profiles) != 1 || profiles[0].Shares != tc.wantShares || profiles[0].Archived != tc.wantArchive {
				t.Errorf("profiles here: %+v, want shares %v, archived %v", profiles, tc.wantShares, tc.wantArchive)
			}
		})
	}
}

// A profile erased on the PC after a copy is still on the server: the
// next copy names it (so a médiateur erases it there too), and stops once
// it is erased on the server.
func TestCopyNamesProfilesGoneFromFile(t *testing.T) {
	sch := schema(t)
	ctx := context.Background()
	day := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	now := day
	clock := func() time.Time { now = now.Add(time.Minute); return now }
	path := filepath.Join(t.TempDir(), "pc.db")
	s, err := progress.OpenWith(path, progress.Options{Now: clock})
	must(t, err)
	lea, err := s.CreateLearner(ctx, "Léa", "", record.Prefs{})
	must(t, err)
	marc, err := s.CreateLearner(ctx, "Marc", "", record.Prefs{})
	must(t, err)
	s.Close()
	place := open(t, sch, "Lieu", func() time.Time { return day.Add(time.Hour) })
	rep := copyFile(t, place, path)
	if len(rep.GoneFromFile) != 0 {
		t.Errorf("first copy: gone %v", rep.GoneFromFile)
	}
	marcHere := rep.Learners[marc.ID]

	s, err = progress.OpenWith(path, progress.Options{Now: clock})
	must(t, err)
	must(t, s.Erase(ctx, marc.ID))
	s.Close()
	rep = copyFile(t, place, path)
	if fmt.Sprint(rep.GoneFromFile) != fmt.Sprint([]record.LearnerID{marcHere}) {
		t.Errorf("after Marc's erasure on the PC: gone %v, want [%d]", rep.GoneFromFile, marcHere)
	}

	must(t, place.Erase(ctx, marcHere))
	s, err = progress.OpenWith(path, progress.Options{Now: clock})
	must(t, err)
	must(t, s.SaveLessonStep(ctx, lea.ID, record.LessonStep{Lesson: "mail-adresse", Step: 2}))
	s.Close()
	rep = copyFile(t, place, path)
	if rep.Unchanged || len(rep.GoneFromFile) != 0 {
		t.Errorf("after Marc's erasure on the server too: %+v", rep)
	}
}

// Two PCs set up from one copied file (a disk image with the accounts and
// a profile) share the profile and the account, so the copy takes them
// for one file; their notes, visits and ateliers made since have the same
// numbers in each file, yet each comes in, and a visit ended on one PC
// never ends the other's.
func TestCopyClonedFiles(t *testing.T) {
	sch := schema(t)
	ctx := context.Background()
	day := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	dir := t.TempDir()
	master := filepath.Join(dir, "master.db")
	s, err := progress.OpenWith(master, progress.Options{Now: func() time.Time { return day }})
	must(t, err)
	claire, err := s.CreateMediator(ctx, 0, "Claire", "4826")
	must(t, err)
	lea, err := s.CreateLearner(ctx, "Léa", "", record.Prefs{})
	must(t, err)
	s.Close()
	raw, err := os.ReadFile(master)
	must(t, err)
	for i, name := range []string{"pc1.db", "pc2.db"} {
		path := filepath.Join(dir, name)
		must(t, os.WriteFile(path, raw, 0o600))
		at := day.Add(time.Duration(i+1) * time.Hour)
		s, err := progress.OpenWith(path, progress.Options{Now: func() time.Time { at = at.Add(time.Minute); return at }})
		must(t, err)
		_, err = s.AddNote(ctx, claire.ID, lea.ID, "Note du "+name)
		must(t, err)
		run, err := s.OpenRun(ctx, record.Run{Atelier: "a", Title: "Atelier du " + name, Code: fmt.Sprintf("CODE%d", i), OpenedBy: claire.ID})
		must(t, err)
		v, err := s.StartVisit(ctx, record.Visit{Learner: lea.ID, Place: name, Run: run.ID})
		must(t, err)
		if i == 1 {
			must(t, s.EndVisit(ctx, v))
		}
		// Each PC then has its own profiles and accounts, with the
		// same numbers (and PC 1 one more): none was erased.
		for j := range 2 - i {
			_, err := s.CreateLearner(ctx, fmt.Sprintf("Apprenant %d du %s", j, name), "", record.Prefs{})
			must(t, err)
			_, err = s.CreateMediator(ctx, claire.ID, fmt.Sprintf("Médiateur %d du %s", j, name), "7391")
			must(t, err)
		}
		s.Close()
	}
	place := open(t, sch, "Lieu", func() time.Time { return day.Add(3 * time.Hour) })
	copyFile(t, place, filepath.Join(dir, "pc1.db"))
	rep := copyFile(t, place, filepath.Join(dir, "pc2.db"))
	if !rep.Known || rep.SpaceCopied.Notes != 1 || rep.SpaceCopied.Visits != 1 || rep.SpaceCopied.Runs != 1 ||
		len(rep.GoneFromFile) != 0 || len(rep.SpaceCopied.MediatorsGone) != 0 {
		t.Errorf("the second PC: %+v %+v", rep, rep.SpaceCopied)
	}
	here := rep.Learners[lea.ID]
	notes, err := place.Notes(ctx, here)
	must(t, err)
	if len(notes) != 2 {
		t.Errorf("notes here: %+v, want each PC's", notes)
	}
	visits, err := place.Visits(ctx, here)
	must(t, err)
	if len(visits) != 2 || visits[0].Place != "pc1.db" || !visits[0].End.IsZero() || visits[1].Place != "pc2.db" || visits[1].End.IsZero() {
		t.Errorf("visits here: %+v, want pc1's open, pc2's ended", visits)
	}
	runs, err := place.Runs(ctx)
	must(t, err)
	if len(runs) != 2 {
		t.Errorf("ateliers here: %+v, want each PC's", runs)
	}
}

// An account removed on the PC after a copy is still on the server: the
// next copy names it (someone who left would still sign in there), and
// stops once it is removed on the server too.
func TestCopyNamesAccountsGoneFromFile(t *testing.T) {
	sch := schema(t)
	ctx := context.Background()
	day := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	now := day
	clock := func() time.Time { now = now.Add(time.Minute); return now }
	path := filepath.Join(t.TempDir(), "pc.db")
	s, err := progress.OpenWith(path, progress.Options{Now: clock})
	must(t, err)
	claire, err := s.CreateMediator(ctx, 0, "Claire", "4826")
	must(t, err)
	sophie, err := s.CreateMediator(ctx, claire.ID, "Sophie", "7391")
	must(t, err)
	s.Close()
	place := open(t, sch, "Lieu", func() time.Time { return day.Add(time.Hour) })
	if rep := copyFile(t, place, path); len(rep.SpaceCopied.MediatorsGone) != 0 {
		t.Errorf("first copy: %+v", rep.SpaceCopied)
	}
	s, err = progress.OpenWith(path, progress.Options{Now: clock})
	must(t, err)
	must(t, s.RemoveMediator(ctx, claire.ID, sophie.ID))
	s.Close()
	rep := copyFile(t, place, path)
	if fmt.Sprint(rep.SpaceCopied.MediatorsGone) != "[Sophie]" {
		t.Errorf("after Sophie's account was removed on the PC: %+v", rep.SpaceCopied)
	}

	accounts, err := place.Mediators(ctx)
	must(t, err)
	for _, m := range accounts {
		if m.Name == "Sophie" {
			must(t, place.RemoveMediator(ctx, accounts[0].ID, m.ID))
		}
	}
	s, err = progress.OpenWith(path, progress.Options{Now: clock})
	must(t, err)
	must(t, s.SetRetention(ctx, claire.ID, 12))
	s.Close()
	if rep := copyFile(t, place, path); rep.Unchanged || len(rep.SpaceCopied.MediatorsGone) != 0 {
		t.Errorf("after it was removed on the server too: %+v", rep.SpaceCopied)
	}
}
