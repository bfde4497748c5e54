package postgres_test

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"pasapas/progress"
	"pasapas/progress/postgres"
	"pasapas/record"
	"pasapas/scoring"
)

// pcFile makes the progress file of one PC: learners with a code, lessons,
// a finished test with its stored difficulties, an open test, answers
// outside tests, acquis, review cards, a calibrated question, and a
// learner erased afterwards (whose answers stay in the question counts).
func pcFile(t *testing.T, path string, start time.Time, names []string, calB float64, calN int) {
	t.Helper()
	ctx := context.Background()
	now := start
	clock := func() time.Time { now = now.Add(time.Second); return now }
	s, err := progress.OpenWith(path, progress.Options{Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i, name := range append(names, "Parti") {
		l, err := s.CreateLearner(ctx, name, "4827", record.Prefs{})
		if err != nil {
			t.Fatal(err)
		}
		must(t, s.SaveLessonStep(ctx, l.ID, record.LessonStep{Lesson: "mail-1", Step: 2 + i}))
		must(t, s.SaveLessonStep(ctx, l.ID, record.LessonStep{Lesson: "clavier-1", Step: 4, Done: true}))
		test, err := s.StartTest(ctx, l.ID, "mail", int64(100+i))
		must(t, err)
		for q, res := range []record.Result{record.Correct, record.Incorrect, record.Skipped} {
			_, err := s.RecordAnswer(ctx, record.Answer{Learner: l.ID, Question: fmt.Sprintf("q%d", q+1),
				Variant: "v", Given: `"x"`, Result: res, Forgiven: []string{"casse"}, Duration: 1500 * time.Millisecond,
				Test: test, At: clock()})
			must(t, err)
		}
		must(t, s.FinishTestWith(ctx, test, record.TestOutcome{
			Result:       record.TestResult{Theta: 0.25, SE: 0.5, Level: 2, StopReason: "precision"},
			Acquis:       []record.AcquisState{{Acquis: "@envoyer", Mastery: 0.7, Answers: 3}},
			Difficulties: map[string]scoring.Calibration{"q1": {B: -0.5, A: 1}, "q2": {B: 0.5, A: 1.2}},
		}))
		// An open positioning, with the correlation it started with: the copy keeps it.
		open, err := s.StartPositioning(ctx, l.ID, int64(200+i), 0.45)
		must(t, err)
		_, err = s.RecordAnswer(ctx, record.Answer{Learner: l.ID, Question: "k1", Variant: "k1", Given: "1",
			Result: record.Correct, Test: open, At: clock()})
		must(t, err)
		_, err = s.RecordAnswer(ctx, record.Answer{Learner: l.ID, Question: "m1", Variant: "m1", Given: `{"a":-0}`,
			Result: record.Correct, Lesson: "mail-1", At: clock()})
		must(t, err)
		must(t, s.SaveReviewCards(ctx, l.ID, record.ReviewCard{Acquis: "@envoyer", Due: clock().Add(48 * time.Hour),
			Stability: 2.5, Difficulty: 5, Reps: 1, State: 2, LastReview: clock()}))
		if name == "Parti" {
			must(t, s.Erase(ctx, l.ID))
		}
	}
	must(t, s.SetItemDifficulties(ctx, map[string]scoring.Calibration{"q1": {B: calB, N: calN}}))
}

// counts are the rows of every table of the place's data, and the
// questions' counts.
func counts(t *testing.T, sch string) map[string]int64 {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, serverURL(t))
	must(t, err)
	defer conn.Close(ctx)
	out := map[string]int64{}
	for _, q := range []string{"learners", "tests", "answers", "lesson_progress", "acquis_states", "review_cards",
		"item_stats", "copy_sources", "copy_learners", "copy_item_stats"} {
		var n int64
		must(t, conn.QueryRow(ctx, "SELECT count(*) FROM "+pgx.Identifier{sch, q}.Sanitize()).Scan(&n))
		out[q] = n
	}
	var sumA, sumC int64
	must(t, conn.QueryRow(ctx, "SELECT coalesce(sum(answers), 0), coalesce(sum(correct), 0) FROM "+
		pgx.Identifier{sch, "item_stats"}.Sanitize()).Scan(&sumA, &sumC))
	out["item answers"], out["item correct"] = sumA, sumC
	var finished int64
	must(t, conn.QueryRow(ctx, "SELECT count(*) FROM "+pgx.Identifier{sch, "tests"}.Sanitize()+
		" WHERE finished_at IS NOT NULL AND difficulties IS NOT NULL").Scan(&finished))
	out["tests with difficulties"] = finished
	return out
}

// Two PCs' files with overlapping names into one place: no row lost, ids
// remapped, the same person's two profiles reported and not merged, the
// calibration pooled; a second run changes nothing; a grown file adds only
// what is new.
func TestCopyTwoFilesIntoOnePlace(t *testing.T) {
	sch := schema(t)
	ctx := context.Background()
	dir := t.TempDir()
	fileA, fileB := filepath.Join(dir, "pc1.db"), filepath.Join(dir, "pc2.db")
	day := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	pcFile(t, fileA, day, []string{"Marie Dupont", "Karim"}, 1.0, 10)
	pcFile(t, fileB, day.Add(24*time.Hour), []string{"marie  dupont", "Louis"}, -1.0, 30)

	place := open(t, sch, "Médiathèque des Tilleuls", nil)
	// A profile made on the server before moving in.
	if _, err := place.CreateLearner(ctx, "Louis", "", record.Prefs{}); err != nil {
		t.Fatal(err)
	}
	var snaps []*progress.Snapshot
	for _, f := range []string{fileA, fileB} {
		snap, err := progress.ReadSnapshot(ctx, f)
		must(t, err)
		snaps = append(snaps, snap)
	}
	var added []record.LearnerID
	for _, snap := range snaps {
		rep, err := place.CopyFrom(ctx, snap, postgres.CopyOptions{Label: filepath.Base(snap.Path)})
		must(t, err)
		if rep.Unchanged || rep.Known || rep.LearnersAdded != 2 || rep.TestsAdded != 4 || rep.AnswersAdded != 10 ||
			rep.Lessons != 4 || rep.Acquis != 2 || rep.Reviews != 2 {
			t.Errorf("%s: %+v", rep.Label, rep)
		}
		for _, id := range rep.Learners {
			added = append(added, id)
		}
	}

	// Nothing lost: every learner's state here is the file's, id aside.
	for _, snap := range snaps {
		src, err := progress.Open(snap.Path)
		must(t, err)
		list, err := src.Learners(ctx)
		must(t, err)
		rep, err := place.CopyFrom(ctx, snap, postgres.CopyOptions{}) // unchanged: gives nothing, maps nothing
		must(t, err)
		if !rep.Unchanged {
			t.Errorf("second run of %s: %+v", snap.Path, rep)
		}
		for _, l := range list {
			want, err := src.LoadState(ctx, l.ID)
			must(t, err)
			here := findByCreation(t, place, want.Learner)
			got, err := place.LoadState(ctx, here)
			must(t, err)
			compareStates(t, want, got)
			if err := place.CheckPIN(ctx, here, "4827"); err != nil {
				t.Errorf("%s: the code does not open the copied profile: %v", l.Name, err)
			}
			if err := place.CheckPIN(ctx, here, "1111"); err == nil {
				t.Errorf("%s: a wrong code opens the copied profile", l.Name)
			}
		}
		src.Close()
	}

	before := counts(t, sch)
	want := map[string]int64{"learners": 5, "tests": 8, "answers": 20, "lesson_progress": 8, "acquis_states": 4,
		"review_cards": 4, "tests with difficulties": 4,
		// Each file: 3 learners × 5 answers, the erased one's included.
		"item answers": 30, "item correct": 18}
	for k, v := range want {
		if before[k] != v {
			t.Errorf("%s: %d rows, want %d (all: %v)", k, before[k], v, before)
		}
	}

	// The calibration of q1: 1.0 on 10 answers and -1.0 on 30 give -0.5 on 40.
	stats, err := place.ItemStats(ctx)
	must(t, err)
	if c := stats["q1"].Calibrated; c == nil || math.Abs(c.B+0.5) > 1e-9 || c.N != 40 {
		t.Errorf("q1 pooled: %+v, want B -0.5 N 40", c)
	}

	// The two Marie and the two Louis are reported, nothing merged.
	dups, err := place.PossibleDuplicates(ctx, added)
	must(t, err)
	if len(dups) != 2 || len(dups[0].Learners) != 2 || len(dups[1].Learners) != 2 {
		t.Fatalf("duplicates: %+v", dups)
	}
	for _, d := range dups {
		for _, l := range d.Learners {
			if l.Name == "Louis" && l.From == "" {
				continue // made here
			}
			if l.From != "pc1.db" && l.From != "pc2.db" {
				t.Errorf("duplicate %+v: from %q", l, l.From)
			}
		}
	}

	// A second run, from snapshots read again: nothing changes.
	for _, f := range []string{fileA, fileB} {
		snap, err := progress.ReadSnapshot(ctx, f)
		must(t, err)
		rep, err := place.CopyFrom(ctx, snap, postgres.CopyOptions{Label: filepath.Base(f)})
		must(t, err)
		if !rep.Unchanged {
			t.Errorf("second run of %s: %+v", f, rep)
		}
	}
	if after := counts(t, sch); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("second run changed rows:\nbefore %v\nafter  %v", before, after)
	}

	// The PC went on: one more answer, a lesson further, and the PC's
	// calibration moved. Copied again under another name, only that comes in.
	src, err := progress.Open(fileA)
	must(t, err)
	list, err := src.Learners(ctx)
	must(t, err)
	marie := list[len(list)-1].ID
	for _, l := range list {
		if l.Name == "Marie Dupont" {
			marie = l.ID
		}
	}
	_, err = src.RecordAnswer(ctx, record.Answer{Learner: marie, Question: "q9", Variant: "q9", Given: "2",
		Result: record.Correct})
	must(t, err)
	must(t, src.SaveLessonStep(ctx, marie, record.LessonStep{Lesson: "mail-1", Step: 7}))
	must(t, src.SetItemDifficulties(ctx, map[string]scoring.Calibration{"q1": {B: 1.0, N: 20}}))
	src.Close()
	snap, err := progress.ReadSnapshot(ctx, fileA)
	must(t, err)
	rep, err := place.CopyFrom(ctx, snap, postgres.CopyOptions{Label: "cle-usb.db"})
	must(t, err)
	if rep.Unchanged || !rep.Known || rep.LearnersAdded != 0 || rep.LearnersKnown != 2 || rep.AnswersAdded != 1 ||
		rep.TestsAdded != 0 || rep.Lessons != 1 || rep.Questions != 1 || rep.Calibrations != 1 {
		t.Errorf("grown file: %+v", rep)
	}
	stats, err = place.ItemStats(ctx)
	must(t, err)
	// 1.0 on 20 and -1.0 on 30: -0.2 on 50 (the file's earlier 10 taken out).
	if c := stats["q1"].Calibrated; c == nil || math.Abs(c.B+0.2) > 1e-9 || c.N != 50 {
		t.Errorf("q1 pooled again: %+v, want B -0.2 N 50", c)
	}
	if after := counts(t, sch); after["answers"] != 21 || after["item answers"] != 31 || after["learners"] != 5 {
		t.Errorf("grown file: %v", after)
	}

	// A profile erased here is not brought back by a later copy.
	here := findByCreation(t, place, record.Learner{ID: marie, CreatedAt: snapLearner(snap, marie).CreatedAt})
	must(t, place.Erase(ctx, here))
	src, err = progress.Open(fileA)
	must(t, err)
	_, err = src.RecordAnswer(ctx, record.Answer{Learner: marie, Question: "q10", Variant: "q10", Given: "3",
		Result: record.Correct})
	must(t, err)
	src.Close()
	snap, err = progress.ReadSnapshot(ctx, fileA)
	must(t, err)
	rep, err = place.CopyFrom(ctx, snap, postgres.CopyOptions{Label: "pc1.db"})
	must(t, err)
	if rep.LearnersErased != 1 || rep.LearnersAdded != 0 || rep.AnswersAdded != 0 {
		t.Errorf("after an erase here: %+v", rep)
	}
}

func snapLearner(snap *progress.Snapshot, id record.LearnerID) progress.SnapshotLearner {
	for _, l := range snap.Learners {
		if l.ID == id {
			return l
		}
	}
	return progress.SnapshotLearner{}
}

// findByCreation finds the learner here made from a file's profile: same
// name and creation time.
func findByCreation(t *testing.T, s *postgres.Store, l record.Learner) record.LearnerID {
	t.Helper()
	ctx := context.Background()
	list, err := s.Learners(ctx)
	must(t, err)
	for _, sum := range list {
		st, err := s.LoadState(ctx, sum.ID)
		must(t, err)
		if st.Learner.CreatedAt.Equal(l.CreatedAt) {
			return sum.ID
		}
	}
	t.Fatalf("no learner here made at %v (%s)", l.CreatedAt, l.Name)
	return 0
}

// compareStates checks that a learner's state here is the file's, ids aside.
func compareStates(t *testing.T, want, got *record.State) {
	t.Helper()
	name := want.Learner.Name
	w, g := want.Learner, got.Learner
	w.ID, g.ID = 0, 0
	if fmt.Sprint(w) != fmt.Sprint(g) {
		t.Errorf("%s: profile\nfile %+v\nhere %+v", name, w, g)
	}
	if fmt.Sprint(want.Lessons) != fmt.Sprint(got.Lessons) || fmt.Sprint(want.Acquis) != fmt.Sprint(got.Acquis) ||
		fmt.Sprint(want.Reviews) != fmt.Sprint(got.Reviews) {
		t.Errorf("%s: lessons, acquis or reviews differ\nfile %v %v %v\nhere %v %v %v", name,
			want.Lessons, want.Acquis, want.Reviews, got.Lessons, got.Acquis, got.Reviews)
	}
	if len(want.Tests) != len(got.Tests) || len(want.OpenTests) != len(got.OpenTests) {
		t.Fatalf("%s: tests %d/%d open %d/%d", name, len(want.Tests), len(got.Tests), len(want.OpenTests), len(got.OpenTests))
	}
	for i := range want.Tests {
		wt, gt := want.Tests[i], got.Tests[i]
		wt.ID, gt.ID, wt.Learner, gt.Learner = 0, 0, 0, 0
		wr, gr := fmt.Sprintf("%+v", wt.Result), fmt.Sprintf("%+v", gt.Result)
		if wt.Result != nil && gt.Result != nil {
			wr, gr = fmt.Sprintf("%+v", *wt.Result), fmt.Sprintf("%+v", *gt.Result)
		}
		wt.Result, gt.Result = nil, nil
		if fmt.Sprintf("%+v %s", wt, wr) != fmt.Sprintf("%+v %s", gt, gr) {
			t.Errorf("%s: test %d\nfile %+v\nhere %+v", name, i, wt, gt)
		}
	}
	for i := range want.OpenTests {
		wa, ga := want.OpenTests[i].Answers, got.OpenTests[i].Answers
		if len(wa) != len(ga) {
			t.Fatalf("%s: open test %d: %d answers, want %d", name, i, len(ga), len(wa))
		}
		for j := range wa {
			x, y := wa[j], ga[j]
			x.ID, y.ID, x.Learner, y.Learner, x.Test, y.Test = 0, 0, 0, 0, 0, 0
			if fmt.Sprint(x) != fmt.Sprint(y) {
				t.Errorf("%s: answer\nfile %+v\nhere %+v", name, x, y)
			}
		}
	}
}
