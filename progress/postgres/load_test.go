package postgres_test

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"pasapas/learning"
	"pasapas/progress"
	"pasapas/progress/postgres"
	"pasapas/record"
	"pasapas/scoring"
)

// TestLoad is the load benchmark of issue 19: a place's store seeded with
// 10,000 learners × 200 answers, then 30 simulated PCs answering at once on
// the loopback while a médiateur's PC asks where each learner stands; the
// same on one PC's SQLite file with several windows, in the same run. It
// prints the median and 99th percentile of a durable answer (RecordAnswer)
// and of the group view's query (ResultsByCompetence); it asserts no time.
// It is bounded in count (the médiateur's PC asks PASAPAS_LOAD_QUERIES
// times, 50; each PC takes at most PASAPAS_LOAD_TESTS tests, 60, and stops
// when the médiateur's PC is done) and in time (PASAPAS_LOAD_TIMEOUT, 5
// minutes), and stops by itself.
//
//	PASAPAS_LOAD=1 go test -count=1 -timeout 30m -run TestLoad -v ./progress/postgres
//
// Sizes: PASAPAS_LOAD_LEARNERS (10000), PASAPAS_LOAD_ANSWERS (200),
// PASAPAS_LOAD_PCS (30), PASAPAS_LOAD_WINDOWS (4, SQLite).
func TestLoad(t *testing.T) {
	if os.Getenv("PASAPAS_LOAD") == "" {
		t.Skip("load benchmark: set PASAPAS_LOAD=1 (minutes; see docs/benchmarks.md)")
	}
	learners, answers := envInt("PASAPAS_LOAD_LEARNERS", 10000), envInt("PASAPAS_LOAD_ANSWERS", 200)
	pcs, windows, tests := envInt("PASAPAS_LOAD_PCS", 30), envInt("PASAPAS_LOAD_WINDOWS", 4), envInt("PASAPAS_LOAD_TESTS", 60)
	queries := envInt("PASAPAS_LOAD_QUERIES", 50)
	timeout := 5 * time.Minute
	if v := os.Getenv("PASAPAS_LOAD_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			t.Fatal(err)
		}
		timeout = d
	}
	ctx := context.Background()

	// PostgreSQL: one place, seeded inside the server.
	sch := schema(t)
	first := open(t, sch, "Réseau", nil)
	t0 := time.Now()
	seedPostgres(t, sch, learners, answers)
	t.Logf("PostgreSQL: seeded %d learners × %d answers in %s", learners, answers, time.Since(t0).Round(time.Second))
	var stores []learning.Store
	for range pcs {
		stores = append(stores, open(t, sch, "Réseau", nil))
	}
	pg := runLoad(ctx, t, stores, first, tests, queries, timeout)

	// SQLite: one PC's file, several windows (each its own connection).
	path := filepath.Join(t.TempDir(), "pasapas.db")
	s, err := progress.Open(path)
	must(t, err)
	s.Close()
	t0 = time.Now()
	seedSQLite(t, path, learners, answers)
	t.Logf("SQLite: seeded %d learners × %d answers in %s", learners, answers, time.Since(t0).Round(time.Second))
	var wins []learning.Store
	for range windows + 1 {
		w, err := progress.Open(path)
		must(t, err)
		t.Cleanup(func() { w.Close() })
		wins = append(wins, w)
	}
	lite := runLoad(ctx, t, wins[1:], wins[0], tests, queries, timeout)

	line := func(store, who string, r loadResult) string {
		return fmt.Sprintf("| %s | %s | %d | %s | %s | %s | %d | %s | %s | %s |", store, who, len(r.answers),
			ms3(pct(r.answers, 50)), ms3(pct(r.answers, 99)), ms3(slices.Max(r.answers)),
			len(r.standings), ms3(pct(r.standings, 50)), ms3(pct(r.standings, 99)), r.wall.Round(100*time.Millisecond))
	}
	table := strings.Join([]string{
		"| store | writers at once | answers | answer median | answer p99 | answer max | group-view queries | query median | query p99 | run |",
		"|---|---|---|---|---|---|---|---|---|---|",
		line("PostgreSQL 15, loopback", fmt.Sprintf("%d PCs", pcs), pg),
		line("SQLite (one PC)", fmt.Sprintf("%d windows", windows), lite),
	}, "\n")
	t.Logf("%d learners × %d answers; writers take tests of 20 answers (at most %d each) while the médiateur's PC asks %d times\n%s",
		learners, answers, tests, queries, table)
	if out := os.Getenv("PASAPAS_LOAD_OUT"); out != "" {
		must(t, os.WriteFile(out, []byte(table+"\n"), 0o644))
	}
}

type loadResult struct {
	answers, standings []time.Duration
	wall               time.Duration
}

// runLoad has every writer take tests of 20 answers for learners of its
// own, finishing each with a calibration step, while viewer asks where
// each learner stands every 100 ms, queries times; the writers stop when
// the viewer is done (or after tests tests each), and everything when the
// time is up.
func runLoad(ctx context.Context, t *testing.T, writers []learning.Store, viewer learning.Store,
	tests, queries int, timeout time.Duration) loadResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var mu sync.Mutex
	var res loadResult
	var wg sync.WaitGroup
	done := make(chan struct{})
	viewed := make(chan struct{}) // the viewer asked all its queries
	start := time.Now()
	for w, st := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(w), 19))
			// The profile list, as « Qui êtes-vous ? » shows it.
			list, err := st.Learners(ctx)
			if err != nil || len(list) == 0 {
				t.Errorf("learners: %v (%d)", err, len(list))
				return
			}
			for n := range tests {
				select {
				case <-viewed:
					return
				default:
				}
				learner := list[((w*tests+n)*7919)%len(list)].ID
				id, err := st.StartTest(ctx, learner, "competence-load", rng.Int64())
				if err != nil {
					if ctx.Err() == nil {
						t.Error(err)
					}
					return
				}
				asked := rng.Perm(60)[:20]
				for _, q := range asked {
					question := fmt.Sprintf("load-%02d", q)
					result := []record.Result{record.Correct, record.Incorrect}[rng.IntN(2)]
					t0 := time.Now()
					_, err := st.RecordAnswer(ctx, record.Answer{Learner: learner, Question: question, Variant: question,
						Given: `{"choix":["a"]}`, Result: result, Duration: 8 * time.Second, Test: id})
					d := time.Since(t0)
					if err != nil {
						if ctx.Err() == nil {
							t.Error(err)
						}
						return
					}
					mu.Lock()
					resAnswers(&res, d)
					mu.Unlock()
				}
				err = st.FinishTestWith(ctx, id, record.TestOutcome{
					Result: record.TestResult{Theta: rng.NormFloat64(), SE: 0.4, Level: rng.IntN(5), StopReason: "precision"},
					Calibrate: func(cur map[string]scoring.Calibration) map[string]scoring.Calibration {
						next := map[string]scoring.Calibration{}
						for q, c := range cur {
							next[q] = scoring.Calibration{B: c.B + 0.01, N: c.N + 1}
						}
						return next
					}})
				if err != nil && ctx.Err() == nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	go func() { wg.Wait(); close(done) }()
	for range queries {
		t0 := time.Now()
		_, err := viewer.ResultsByCompetence(ctx)
		d := time.Since(t0)
		if err != nil {
			if ctx.Err() == nil {
				t.Error(err)
			}
			break
		}
		res.standings = append(res.standings, d)
		select {
		case <-done:
		case <-time.After(100 * time.Millisecond):
			continue
		}
		break
	}
	close(viewed)
	<-done
	res.wall = time.Since(start)
	if ctx.Err() != nil {
		t.Logf("stopped by the time limit (%s): figures of what was done", timeout)
	}
	return res
}

// resAnswers appends an answer's time (the mutex is the caller's).
func resAnswers(r *loadResult, d time.Duration) { r.answers = append(r.answers, d) }

func pct(d []time.Duration, p float64) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	i := int(math.Ceil(p/100*float64(len(s)))) - 1
	return s[max(i, 0)]
}

func ms3(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// The seed: per learner, 4 finished tests of 20 answers (one per
// competence, with a level) and the rest lesson answers; the questions'
// counts to match.
func seedPostgres(t *testing.T, sch string, learners, answers int) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, serverURL(t))
	must(t, err)
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, "SET search_path = "+pgx.Identifier{sch}.Sanitize())
	must(t, err)
	t0 := time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC).UnixMilli()
	nTests := min(4, answers/20)
	for _, q := range []string{
		fmt.Sprintf(`INSERT INTO learners (place_id, name, lang, created_at, last_seen)
			SELECT (SELECT id FROM places), 'Personne ' || g, 'fr', %d + g * 1000, %d + g * 1000
			FROM generate_series(1, %d) g`, t0, t0, learners),
		fmt.Sprintf(`INSERT INTO tests (learner_id, competence, seed, started_at, finished_at, theta, se, level, stop_reason)
			SELECT l.id, 'competence-' || j, l.id * 10 + j, l.created_at + j, l.created_at + j + 600000,
				((l.id * 7 + j) %% 9 - 4) / 2.0, 0.35, (l.id + j) %% 5, 'precision'
			FROM learners l, generate_series(0, %d) j`, nTests-1),
		fmt.Sprintf(`INSERT INTO answers (learner_id, question, variant, given, result, forgiven, duration_ms, test_id, lesson, at)
			SELECT l.id, q.question, q.question, '{"choix":["a"]}',
				(ARRAY['correct', 'incorrect', 'skipped'])[(l.id + g) %% 3 + 1], '[]', 5000, t.id,
				CASE WHEN t.id IS NULL THEN 'lecon-' || (g %% 30) END, l.created_at + g
			FROM learners l CROSS JOIN generate_series(0, %d) g
			CROSS JOIN LATERAL (SELECT CASE WHEN g < %d THEN 'q-' || (g / 20) || '-' || (g %% 20)
				ELSE 'l-' || (g %% 300) END AS question) q
			LEFT JOIN tests t ON g < %d AND t.learner_id = l.id AND t.competence = 'competence-' || (g / 20)`,
			answers-1, nTests*20, nTests*20),
		`INSERT INTO item_stats (question, answers, correct, updated_at)
			SELECT question, count(*), count(*) FILTER (WHERE result = 'correct'), max(at) FROM answers GROUP BY question`,
		`ANALYZE`,
	} {
		if _, err := conn.Exec(ctx, q); err != nil {
			t.Fatalf("seeding: %v\n%s", err, q)
		}
	}
}

// seedSpace gives a seeded file a médiateur's space: two accounts, every
// other learner sharing, visits per learner (each an hour), a note and a
// journal line per learner, and 20 ateliers of 8 members.
func seedSpace(t *testing.T, path string, visits int) {
	db, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(15000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)")
	must(t, err)
	defer db.Close()
	db.SetMaxOpenConns(1)
	tx, err := db.Begin()
	must(t, err)
	defer tx.Rollback()
	t0 := time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC).UnixMilli()
	hash, err := progress.HashPIN("4826")
	must(t, err)
	for _, q := range []string{
		fmt.Sprintf(`INSERT INTO mediators (name, pin_hash, created_at) VALUES ('Claire', '%s', %d), ('Sophie', '%s', %d)`,
			hash, t0, hash, t0),
		`INSERT INTO learner_space (learner_id, shares, shares_since) SELECT id, id % 2, CASE WHEN id % 2 = 1 THEN created_at END
			FROM learners`,
		fmt.Sprintf(`WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM g WHERE i < %d)
			INSERT INTO visits (learner_id, started_at, ended_at, place, run_id)
			SELECT l.id, l.created_at + i * 86400000, l.created_at + i * 86400000 + 3600000, 'PC ' || (l.id %% 8), 0
			FROM learners l, g`, visits-1),
		`INSERT INTO mediator_notes (learner_id, mediator_id, mediator_name, at, text)
			SELECT id, 1, 'Claire', created_at, 'Note sur la personne ' || id FROM learners`,
		`INSERT INTO mediator_actions (at, mediator_id, mediator_name, kind, learner_id)
			SELECT created_at, 1, 'Claire', 'progres_vus', id FROM learners`,
		fmt.Sprintf(`WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < 20)
			INSERT INTO atelier_runs (atelier, title, code, opened_by, opened_at, closed_at)
			SELECT 'atelier-' || i, 'Atelier ' || i, 'C' || i, 1, %d + i * 604800000, %d + i * 604800000 + 5400000 FROM g`, t0, t0),
		`INSERT INTO atelier_members (run_id, learner_id, joined_at, consent)
			SELECT r.id, l.id, r.opened_at, l.id % 2 FROM atelier_runs r JOIN learners l ON l.id BETWEEN r.id * 8 AND r.id * 8 + 7`,
	} {
		if _, err := tx.Exec(q); err != nil {
			t.Fatalf("seeding the space: %v\n%s", err, q)
		}
	}
	must(t, tx.Commit())
}

func seedSQLite(t *testing.T, path string, learners, answers int) {
	db, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(15000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)")
	must(t, err)
	defer db.Close()
	db.SetMaxOpenConns(1)
	tx, err := db.Begin()
	must(t, err)
	defer tx.Rollback()
	t0 := time.Date(2025, 1, 6, 9, 0, 0, 0, time.UTC).UnixMilli()
	nTests := min(4, answers/20)
	for _, q := range []string{
		fmt.Sprintf(`WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < %d)
			INSERT INTO learners (id, name, lang, created_at, last_seen)
			SELECT i, 'Personne ' || i, 'fr', %d + i * 1000, %d + i * 1000 FROM g`, learners, t0, t0),
		fmt.Sprintf(`WITH RECURSIVE k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j < %d)
			INSERT INTO tests (id, learner_id, competence, seed, started_at)
			SELECT (l.id - 1) * %d + j + 1, l.id, 'competence-' || j, l.id * 10 + j, l.created_at + j
			FROM learners l, k WHERE %d > 0`, nTests-1, nTests, nTests),
		fmt.Sprintf(`WITH RECURSIVE g(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM g WHERE i < %d)
			INSERT INTO answers (learner_id, question, variant, given, result, forgiven, duration_ms, test_id, lesson, at)
			SELECT l.id, q, q, '{"choix":["a"]}', CASE (l.id + i) %% 3 WHEN 0 THEN 'correct' WHEN 1 THEN 'incorrect'
				ELSE 'skipped' END, '[]', 5000, CASE WHEN i < %d THEN (l.id - 1) * %d + i / 20 + 1 END,
				CASE WHEN i >= %d THEN 'lecon-' || (i %% 30) END, l.created_at + i
			FROM learners l, (SELECT i, CASE WHEN i < %d THEN 'q-' || (i / 20) || '-' || (i %% 20)
				ELSE 'l-' || (i %% 300) END AS q FROM g)`, answers-1, nTests*20, nTests, nTests*20, nTests*20),
		`UPDATE tests SET finished_at = started_at + 600000, theta = ((learner_id * 7 + id) % 9 - 4) / 2.0,
			se = 0.35, level = (learner_id + id) % 5, stop_reason = 'precision'`,
		`INSERT INTO item_stats (question, answers, correct, updated_at)
			SELECT question, count(*), sum(result = 'correct'), max(at) FROM answers GROUP BY question`,
	} {
		if _, err := tx.Exec(q); err != nil {
			t.Fatalf("seeding: %v\n%s", err, q)
		}
	}
	must(t, tx.Commit())
	_, err = db.Exec("ANALYZE")
	must(t, err)
}

// TestLoadCopy times "store copy" of one busy PC's file (1,000 learners ×
// 200 answers): reading it, copying it, copying it again unchanged, and
// again after one more answer. It asserts no time.
//
//	PASAPAS_LOAD=1 go test -count=1 -run TestLoadCopy -v ./progress/postgres
func TestLoadCopy(t *testing.T) {
	if os.Getenv("PASAPAS_LOAD") == "" {
		t.Skip("load benchmark: set PASAPAS_LOAD=1 (see docs/benchmarks.md)")
	}
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "pc.db")
	s, err := progress.Open(path)
	must(t, err)
	s.Close()
	seedSQLite(t, path, 1000, 200)
	seedSpace(t, path, 50)
	place := open(t, schema(t), "Médiathèque", nil)
	timed := func(what string, fn func() string) {
		t0 := time.Now()
		detail := fn()
		t.Logf("%-34s %8s  %s", what, time.Since(t0).Round(time.Millisecond), detail)
	}
	var snap *progress.Snapshot
	timed("read the file (ReadSnapshot)", func() string {
		snap, err = progress.ReadSnapshot(ctx, path)
		must(t, err)
		return fmt.Sprintf("%d learners, %d answers", len(snap.Learners), len(snap.Answers))
	})
	copyOnce := func() string {
		rep, err := place.CopyFrom(ctx, snap, postgres.CopyOptions{Label: "pc.db"})
		must(t, err)
		sp := rep.SpaceCopied
		return fmt.Sprintf("unchanged %v, learners added %d, known %d, answers added %d; "+
			"space: visits %d, journal %d, notes %d, members %d, sharing %d",
			rep.Unchanged, rep.LearnersAdded, rep.LearnersKnown, rep.AnswersAdded,
			sp.Visits, sp.Actions, sp.Notes, sp.Members, sp.Sharing)
	}
	timed("copy into the place", copyOnce)
	timed("copy again, unchanged", copyOnce)
	s, err = progress.Open(path)
	must(t, err)
	_, err = s.RecordAnswer(ctx, record.Answer{Learner: 1, Question: "q-new", Variant: "q-new", Given: "1", Result: record.Correct})
	must(t, err)
	s.Close()
	snap, err = progress.ReadSnapshot(ctx, path)
	must(t, err)
	timed("copy again, one more answer", copyOnce)
}
