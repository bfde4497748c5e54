package progress

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"pasapas/record"
)

// Benchmark sizes from the issue: a busy France Services PC after years.
const (
	benchLearners = 1000
	benchAnswers  = 200 // per learner
)

// BenchmarkRecordAnswer measures one durable answer: the commit is fsynced
// (synchronous=FULL) before RecordAnswer returns. Besides the mean (ns/op),
// it reports the median and the 99th percentile, which is what a learner
// waiting for "réponse enregistrée" feels.
func BenchmarkRecordAnswer(b *testing.B) {
	ctx := context.Background()
	s := openTest(b, tempPath(b), nil)
	l := mustLearner(b, s, "Léa", "")
	test, err := s.StartTest(ctx, l.ID, "mail", 1)
	if err != nil {
		b.Fatal(err)
	}
	a := Answer{Learner: l.ID, Question: "q-mail-1", Variant: "q-mail-1", Given: `{"choix":["b"]}`,
		Result: Incorrect, Forgiven: []string{"accents"}, Duration: 4200 * time.Millisecond, Test: test}
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		// A test asks each question once: a new test every 40 answers,
		// about the length of a real one.
		if i > 0 && i%40 == 0 {
			if a.Test, err = s.StartTest(ctx, l.ID, "mail", int64(i)); err != nil {
				b.Fatal(err)
			}
		}
		a.Question = fmt.Sprintf("q-mail-%d", i%40)
		t0 := time.Now()
		if _, err := s.RecordAnswer(ctx, a); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(t0))
	}
	reportPercentiles(b, times)
}

// BenchmarkLearners is the profile list on 1,000 learners × 200 answers.
func BenchmarkLearners(b *testing.B) {
	s := openBig(b)
	benchQuery(b, func() (int, error) {
		l, err := s.Learners(context.Background())
		return len(l), err
	}, benchLearners)
}

// BenchmarkResultsByCompetence is the médiateur's cross-learner results on
// 1,000 learners × 200 answers.
func BenchmarkResultsByCompetence(b *testing.B) {
	s := openBig(b)
	benchQuery(b, func() (int, error) {
		r, err := s.ResultsByCompetence(context.Background())
		n := 0
		for _, c := range r {
			n += len(c.Learners)
		}
		return n, err
	}, benchLearners*benchCompetences)
}

// BenchmarkLoadState loads one learner's whole state from the big file.
func BenchmarkLoadState(b *testing.B) {
	s := openBig(b)
	benchQuery(b, func() (int, error) {
		st, err := s.LoadState(context.Background(), 500)
		if err != nil {
			return 0, err
		}
		return len(st.Tests), nil
	}, benchTestsPerLearner)
}

// BenchmarkOpen is the start-up cost on the big file: the read-only check
// (quick_check reads every page) and the schema check.
func BenchmarkOpen(b *testing.B) {
	path := bigFile(b)
	times := make([]time.Duration, 0, b.N)
	for b.Loop() {
		t0 := time.Now()
		s, err := Open(path)
		if err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(t0))
		s.Close()
	}
	reportPercentiles(b, times)
	if fi, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(fi.Size())/(1<<20), "MB-file")
	}
}

func benchQuery(b *testing.B, q func() (int, error), want int) {
	if n, err := q(); err != nil || n != want {
		b.Fatalf("query gave %d rows, %v; want %d", n, err, want)
	}
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for b.Loop() {
		t0 := time.Now()
		if _, err := q(); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(t0))
	}
	reportPercentiles(b, times)
}

func reportPercentiles(b *testing.B, times []time.Duration) {
	if len(times) == 0 {
		return
	}
	slices.Sort(times)
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	b.ReportMetric(ms(times[len(times)/2]), "ms-median")
	b.ReportMetric(ms(times[len(times)*99/100]), "ms-p99")
}

const (
	benchCompetences     = 5
	benchTestsPerLearner = 10 // two per competence
	benchLessons         = 8
	benchAcquis          = 12
)

var (
	bigOnce sync.Once
	bigPath string
	bigErr  error
	bigDir  string // removed by TestMain
)

// bigFile builds, once per run, a file with 1,000 learners × 200 answers
// spread over 10 finished tests each, with lesson progress, acquis states
// and review cards. It goes through raw SQL in one transaction: building it
// answer by answer would measure fsync, not the queries.
func bigFile(b *testing.B) string {
	bigOnce.Do(func() {
		bigDir, bigErr = os.MkdirTemp("", "pasapas-bench-")
		if bigErr != nil {
			return
		}
		bigPath = filepath.Join(bigDir, FileName)
		bigErr = fillBig(bigPath)
	})
	if bigErr != nil {
		b.Fatal(bigErr)
	}
	return bigPath
}

func openBig(b *testing.B) *Store {
	s, err := Open(bigFile(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

func fillBig(path string) error {
	s, err := Open(path)
	if err != nil {
		return err
	}
	defer s.Close()
	rng := rand.New(rand.NewPCG(7, 7))
	tx, err := s.db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	start := time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC)
	ins := func(q string, args ...any) {
		if err == nil {
			_, err = tx.Exec(q, args...)
		}
	}
	for l := 1; l <= benchLearners; l++ {
		at := start.Add(time.Duration(rng.IntN(365*24)) * time.Hour)
		ins("INSERT INTO learners (id, name, lang, created_at, last_seen) VALUES (?, ?, 'fr', ?, ?)",
			l, fmt.Sprintf("Personne %04d", l), ms(at), ms(at.Add(time.Hour)))
		perTest := benchAnswers / benchTestsPerLearner
		for tnum := range benchTestsPerLearner {
			testID := (l-1)*benchTestsPerLearner + tnum + 1
			comp := fmt.Sprintf("competence-%d", tnum%benchCompetences)
			ins("INSERT INTO tests (id, learner_id, competence, seed, started_at) VALUES (?, ?, ?, ?, ?)",
				testID, l, comp, rng.Int64(), ms(at))
			for range perTest {
				at = at.Add(20 * time.Second)
				q := fmt.Sprintf("q-%d-%d", tnum%benchCompetences, rng.IntN(60))
				ins("INSERT INTO answers (learner_id, question, variant, given, result, forgiven, duration_ms, test_id, at) "+
					"VALUES (?, ?, ?, '{\"choix\":[\"a\"]}', ?, '[]', ?, ?, ?)",
					l, q, q, []string{"correct", "incorrect", "skipped"}[rng.IntN(3)], rng.IntN(60000), testID, ms(at))
			}
			ins("UPDATE tests SET finished_at = ?, theta = ?, se = 0.35, level = ?, stop_reason = 'precision' WHERE id = ?",
				ms(at), rng.NormFloat64(), rng.IntN(5), testID)
			at = at.Add(24 * time.Hour)
		}
		for les := range benchLessons {
			ins("INSERT INTO lesson_progress (learner_id, lesson, step, furthest, done, started_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
				l, fmt.Sprintf("lecon-%d", les), 3, 5, rng.IntN(2), ms(at), ms(at))
		}
		for a := range benchAcquis {
			ins("INSERT INTO acquis_states (learner_id, acquis, mastery, answers, last_seen) VALUES (?, ?, ?, 3, ?)",
				l, fmt.Sprintf("acquis-%d", a), rng.Float64(), ms(at))
			ins("INSERT INTO review_cards (learner_id, acquis, due, stability, difficulty, elapsed_days, scheduled_days, reps, lapses, state, last_review) "+
				"VALUES (?, ?, ?, 2.5, 5, 1, 3, 2, 0, 2, ?)", l, fmt.Sprintf("acquis-%d", a), ms(at.Add(72*time.Hour)), ms(at))
		}
	}
	if err != nil {
		return err
	}
	if _, err := tx.Exec(`INSERT INTO item_stats (question, answers, correct, updated_at)
		SELECT question, count(*), sum(result = 'correct'), max(at) FROM answers GROUP BY question`); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	_, err = s.db.Exec("ANALYZE")
	return err
}

// BenchmarkStartVisit is a sign-in that must end the learner's visit left
// open (record.LeftVisitEnd): the learner has 200 answers, 10 tests,
// 8 lessons and 500 earlier visits (ten years of weekly ones), and every
// iteration ends the visit the previous one left open. The commit is
// fsynced, as for an answer.
func BenchmarkStartVisit(b *testing.B) {
	ctx := context.Background()
	s := openTest(b, tempPath(b), nil)
	l := mustLearner(b, s, "Léa", "")
	start := time.Date(2016, 1, 4, 9, 0, 0, 0, time.UTC)
	tx, err := s.db.Begin()
	if err != nil {
		b.Fatal(err)
	}
	ins := func(q string, args ...any) {
		if err == nil {
			_, err = tx.Exec(q, args...)
		}
	}
	for v := range 500 {
		at := start.Add(time.Duration(v) * 7 * 24 * time.Hour)
		ins("INSERT INTO visits (learner_id, started_at, ended_at, place) VALUES (?, ?, ?, 'PC 1')", l.ID, ms(at), ms(at.Add(time.Hour)))
	}
	at := time.Now().Add(-30 * 24 * time.Hour)
	for t := range benchTestsPerLearner {
		ins("INSERT INTO tests (learner_id, competence, seed, started_at, finished_at) VALUES (?, 'mail', 1, ?, ?)", l.ID, ms(at), ms(at.Add(10*time.Minute)))
		for q := range benchAnswers / benchTestsPerLearner {
			at = at.Add(20 * time.Second)
			ins("INSERT INTO answers (learner_id, question, variant, given, result, forgiven, duration_ms, at) VALUES (?, ?, ?, '\"\"', 'correct', '[]', 1000, ?)",
				l.ID, fmt.Sprintf("q-%d-%d", t, q), "v", ms(at))
		}
	}
	for les := range benchLessons {
		ins("INSERT INTO lesson_progress (learner_id, lesson, step, furthest, started_at, updated_at) VALUES (?, ?, 3, 5, ?, ?)",
			l.ID, fmt.Sprintf("lecon-%d", les), ms(at), ms(at))
	}
	if err == nil {
		err = tx.Commit()
	}
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.StartVisit(ctx, record.Visit{Learner: l.ID, Place: "PC 1"}); err != nil {
		b.Fatal(err)
	}
	times := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for b.Loop() {
		t0 := time.Now()
		if _, err := s.StartVisit(ctx, record.Visit{Learner: l.ID, Place: "PC 1"}); err != nil {
			b.Fatal(err)
		}
		times = append(times, time.Since(t0))
	}
	reportPercentiles(b, times)
}
