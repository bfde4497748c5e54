package progress

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"pasapas/i18n"
	"pasapas/lessons"
	"pasapas/record"
	"pasapas/scoring"
)

// Snapshot is everything a progress file holds, read at one moment, with
// the file's own ids: what "pasapas store copy" carries into a place of the
// shared store. Unlike Export it keeps what never leaves a store for a
// person (the PIN hashes, the anonymous item statistics), since it moves
// the data from one store of the structure to another.
type Snapshot struct {
	Path     string
	Learners []SnapshotLearner // by id
	// LearnerIDs is the highest learner id the file ever gave (its ids
	// are never given twice): an id up to it that Learners does not hold
	// is a profile erased or merged in this file.
	LearnerIDs int64
	Tests      []SnapshotTest   // by id
	Answers    []Answer         // by id; Learner and Test are the file's ids
	Lessons    []SnapshotLesson // by learner, lesson
	Acquis     []SnapshotAcquis // by learner, acquis
	Reviews    []SnapshotReview // by learner, acquis
	Items      []ItemStat       // by question
	// Space counts the médiateur's space's rows (schema 5).
	Space SpaceCounts
	// SpaceRows is the médiateur's space itself (schemas 5 and 6), with
	// the file's ids: what a store with a space copies.
	SpaceRows SnapshotSpace
	// Fingerprint is a hash of everything above but Path: two snapshots
	// of the same content have the same one, wherever the file is.
	Fingerprint string
}

// SnapshotLearner is a profile with its PIN hash and wait.
type SnapshotLearner struct {
	Learner
	PINHash        string // argon2id PHC string; "" for none
	PINFailures    int
	PINLockedUntil time.Time // zero: none
}

// SnapshotTest is a test with the item parameters it used, as stored (the
// JSON text, "" for none).
type SnapshotTest struct {
	Test
	Difficulties string
}

// SnapshotLesson, SnapshotAcquis and SnapshotReview are a learner's rows.
type SnapshotLesson struct {
	Learner LearnerID
	LessonProgress
}

type SnapshotAcquis struct {
	Learner LearnerID
	AcquisState
}

type SnapshotReview struct {
	Learner LearnerID
	ReviewCard
}

// SnapshotSpace is the médiateur's space of a file: the accounts with
// their code's hash and wait, each learner's consent and archive mark, the
// journal, the notes, the ateliers with their members, the visits, the
// calls, and the settings. Ids are the file's.
type SnapshotSpace struct {
	Mediators []SnapshotMediator // by id
	// MediatorIDs is the highest account id the file ever gave, as
	// Snapshot.LearnerIDs.
	MediatorIDs int64
	Learners    []SnapshotLearnerSpace // by learner
	Actions     []record.Action        // by id
	Notes       []record.Note          // by id
	Runs        []record.Run           // by id
	Members     []record.Member        // by run, learner; Name is empty
	Visits      []record.Visit         // by id
	Calls       []record.Call          // by learner
	Retention   int                    // months; 0: none chosen
	Structure   string                 // the structure's name; "": none set
}

// SnapshotMediator is a médiateur's account with its code's hash and wait.
type SnapshotMediator struct {
	record.Mediator
	PINHash        string
	PINFailures    int
	PINLockedUntil time.Time // zero: none
}

// SnapshotLearnerSpace is a learner's row of the space: consent and
// archive mark.
type SnapshotLearnerSpace struct {
	Learner     LearnerID
	Shares      bool
	SharesSince time.Time // zero: shares nothing
	ArchivedAt  time.Time // zero: not archived
}

// SpaceCounts are the rows of the médiateur's space in a file.
type SpaceCounts struct {
	Mediators int // accounts
	Sharing   int // learners who share their progress
	Archived  int // archived profiles
	Actions   int // journal lines
	Retention int // the retention period set, in months; 0: the default
}

// Empty says the space holds nothing.
func (c SpaceCounts) Empty() bool { return c == SpaceCounts{} }

// ReadSnapshot reads everything a progress file holds without changing
// it: the file is first copied, through a read-only connection, with
// SQLite's VACUUM INTO (a consistent copy, even with another window
// writing), and the copy is brought to this program's schema and read. A
// file from a newer version or of another program is refused as Open does;
// a damaged file is an error (never an empty snapshot).
func ReadSnapshot(ctx context.Context, path string) (*Snapshot, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("progress: %w", err)
	}
	if _, err := os.Stat(abs); err != nil {
		return nil, fail(abs, "reading", err)
	}
	// Open takes a file that is not SQLite for a damaged one; here the
	// file is named by hand (a text file, a copy of the wrong thing), so
	// it is said to be another program's, which the person can correct.
	if notSQLite(abs) {
		return nil, fmt.Errorf("progress: %s is not an SQLite file: %w", abs, ErrForeignFile)
	}
	if err := checkHeader(abs); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "pasapas-copy-")
	if err != nil {
		return nil, fmt.Errorf("progress: %w", err)
	}
	defer os.RemoveAll(tmp)
	copyPath := filepath.Join(tmp, "copie.db")
	if err := vacuumInto(ctx, abs, copyPath); err != nil {
		return nil, err
	}
	s, err := Open(copyPath)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	if s.Recovered() != nil {
		return nil, fmt.Errorf("progress: %s is damaged: %w", abs, ErrInvalid)
	}
	snap := &Snapshot{Path: abs}
	if err := s.read(ctx, "reading everything", func(tx *sql.Tx) error { return snap.load(ctx, tx) }); err != nil {
		return nil, err
	}
	snap.Path = ""
	b, err := json.Marshal(snap)
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	h.Write(b)
	// What the JSON form leaves out (whose each row is, how long it took).
	for _, a := range snap.Answers {
		fmt.Fprintf(h, "a %d %d %d\n", a.ID, a.Learner, a.Duration)
	}
	for _, t := range snap.Tests {
		fmt.Fprintf(h, "t %d %d\n", t.ID, t.Learner)
	}
	sum := h.Sum(nil)
	snap.Fingerprint, snap.Path = hex.EncodeToString(sum[:]), abs
	return snap, nil
}

// vacuumInto copies the file at src to dst through a read-only connection.
func vacuumInto(ctx context.Context, src, dst string) error {
	slashed := filepath.ToSlash(src)
	if !strings.HasPrefix(slashed, "/") {
		slashed = "/" + slashed
	}
	uri := (&url.URL{Scheme: "file", Path: slashed}).String() + "?mode=ro&_pragma=busy_timeout(15000)"
	db, err := sql.Open("sqlite", uri)
	if err != nil {
		return fmt.Errorf("progress: opening %s: %w", src, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if err := checkIdentity(ctx, db, src); err != nil {
		return err
	}
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", dst); err != nil {
		if isDamage(err) {
			return fmt.Errorf("progress: %s is damaged (%v): %w", src, err, ErrInvalid)
		}
		return fail(src, "copying", err)
	}
	return nil
}

func (snap *Snapshot) load(ctx context.Context, tx *sql.Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, name, pin_hash, pin_failures, pin_locked_until, lang, theme,
		device, mouse, created_at, last_seen FROM learners ORDER BY id`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var l SnapshotLearner
		var hash sql.NullString
		var locked, created, seen int64
		var lang, device string
		if err := rows.Scan(&l.ID, &l.Name, &hash, &l.PINFailures, &locked, &lang, &l.Prefs.Theme, &device,
			&l.Prefs.Mouse, &created, &seen); err != nil {
			rows.Close()
			return err
		}
		l.PINHash, l.HasPIN = hash.String, hash.Valid
		if locked != 0 {
			l.PINLockedUntil = time.UnixMilli(locked)
		}
		l.Prefs.Lang, l.Prefs.Device = i18n.Lang(lang), lessons.Device(device)
		l.CreatedAt, l.LastSeen = time.UnixMilli(created), time.UnixMilli(seen)
		snap.Learners = append(snap.Learners, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	rows, err = tx.QueryContext(ctx, `SELECT id, learner_id, competence, seed, started_at, finished_at, theta, se,
		level, stop_reason, difficulties, rho FROM tests ORDER BY id`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var t SnapshotTest
		var started int64
		var finished, level sql.NullInt64
		var theta, se, rho sql.NullFloat64
		var reason, diffs sql.NullString
		if err := rows.Scan(&t.ID, &t.Learner, &t.Competence, &t.Seed, &started, &finished, &theta, &se,
			&level, &reason, &diffs, &rho); err != nil {
			rows.Close()
			return err
		}
		t.StartedAt = time.UnixMilli(started)
		if finished.Valid {
			t.FinishedAt = time.UnixMilli(finished.Int64)
		}
		switch {
		case level.Valid:
			t.Result = &TestResult{Theta: theta.Float64, SE: se.Float64, Level: int(level.Int64), StopReason: reason.String}
		case finished.Valid:
			t.Abandoned = true
		}
		t.Difficulties, t.Rho = diffs.String, rho.Float64
		snap.Tests = append(snap.Tests, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	if snap.Answers, err = queryAnswers(ctx, tx, "ORDER BY id"); err != nil {
		return err
	}

	rows, err = tx.QueryContext(ctx, `SELECT learner_id, lesson, step, furthest, done, device, started_at,
		updated_at, done_at FROM lesson_progress ORDER BY learner_id, lesson`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var p SnapshotLesson
		var device string
		var started, updated int64
		var doneAt sql.NullInt64
		if err := rows.Scan(&p.Learner, &p.Lesson, &p.Step, &p.Furthest, &p.Done, &device, &started, &updated,
			&doneAt); err != nil {
			rows.Close()
			return err
		}
		p.Device, p.StartedAt, p.UpdatedAt = lessons.Device(device), time.UnixMilli(started), time.UnixMilli(updated)
		if doneAt.Valid {
			p.DoneAt = time.UnixMilli(doneAt.Int64)
		}
		snap.Lessons = append(snap.Lessons, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	rows, err = tx.QueryContext(ctx, `SELECT learner_id, acquis, mastery, answers, last_seen FROM acquis_states
		ORDER BY learner_id, acquis`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var a SnapshotAcquis
		var seen int64
		if err := rows.Scan(&a.Learner, &a.AcquisState.Acquis, &a.Mastery, &a.Answers, &seen); err != nil {
			rows.Close()
			return err
		}
		a.LastSeen = time.UnixMilli(seen)
		snap.Acquis = append(snap.Acquis, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	rows, err = tx.QueryContext(ctx, `SELECT learner_id, acquis, due, stability, difficulty, elapsed_days,
		scheduled_days, reps, lapses, state, last_review FROM review_cards ORDER BY learner_id, acquis`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var c SnapshotReview
		var due, last sql.NullInt64
		if err := rows.Scan(&c.Learner, &c.ReviewCard.Acquis, &due, &c.Stability, &c.Difficulty, &c.ElapsedDays,
			&c.ScheduledDays, &c.Reps, &c.Lapses, &c.State, &last); err != nil {
			rows.Close()
			return err
		}
		if due.Valid {
			c.Due = time.UnixMilli(due.Int64)
		}
		if last.Valid {
			c.LastReview = time.UnixMilli(last.Int64)
		}
		snap.Reviews = append(snap.Reviews, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	rows, err = tx.QueryContext(ctx, `SELECT question, answers, correct, difficulty, calibrated_n, updated_at
		FROM item_stats ORDER BY question`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var it ItemStat
		var diff sql.NullFloat64
		var n int
		var updated int64
		if err := rows.Scan(&it.Question, &it.Answers, &it.Correct, &diff, &n, &updated); err != nil {
			rows.Close()
			return err
		}
		if diff.Valid {
			it.Calibrated = &scoring.Calibration{B: diff.Float64, N: n}
		}
		it.UpdatedAt = time.UnixMilli(updated)
		snap.Items = append(snap.Items, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	var retention sql.NullString
	err = tx.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM mediators),
		(SELECT count(*) FROM learner_space WHERE shares = 1),
		(SELECT count(*) FROM learner_space WHERE archived_at IS NOT NULL),
		(SELECT count(*) FROM mediator_actions),
		(SELECT value FROM settings WHERE key = 'retention_months')`).
		Scan(&snap.Space.Mediators, &snap.Space.Sharing, &snap.Space.Archived, &snap.Space.Actions, &retention)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if retention.Valid {
		fmt.Sscan(retention.String, &snap.Space.Retention)
	}
	// The ids the file gave (AUTOINCREMENT, migration 4): no row yet, none.
	rows, err = tx.QueryContext(ctx, "SELECT name, seq FROM sqlite_sequence WHERE name IN ('learners', 'mediators')")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var seq int64
		if err := rows.Scan(&name, &seq); err != nil {
			return err
		}
		if name == "learners" {
			snap.LearnerIDs = seq
		} else {
			snap.SpaceRows.MediatorIDs = seq
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return snap.SpaceRows.load(ctx, tx, snap.Space.Retention)
}

// nullMS reads a time that may be NULL (zero then).
func nullMS(v sql.NullInt64) time.Time {
	if !v.Valid {
		return time.Time{}
	}
	return fromMS(v.Int64)
}

// load reads the space's rows, table by table, in id order.
func (sp *SnapshotSpace) load(ctx context.Context, tx *sql.Tx, retention int) error {
	sp.Retention = retention
	err := tx.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = 'structure_name'").Scan(&sp.Structure)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	each := func(q string, scan func(*sql.Rows) error) error {
		rows, err := tx.QueryContext(ctx, q)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	return errors.Join(
		each(`SELECT id, name, pin_hash, pin_failures, pin_locked_until, created_at FROM mediators ORDER BY id`,
			func(r *sql.Rows) error {
				var m SnapshotMediator
				var locked, created int64
				if err := r.Scan(&m.ID, &m.Name, &m.PINHash, &m.PINFailures, &locked, &created); err != nil {
					return err
				}
				if locked != 0 {
					m.PINLockedUntil = fromMS(locked)
				}
				m.CreatedAt = fromMS(created)
				sp.Mediators = append(sp.Mediators, m)
				return nil
			}),
		each(`SELECT learner_id, shares, shares_since, archived_at FROM learner_space ORDER BY learner_id`,
			func(r *sql.Rows) error {
				var l SnapshotLearnerSpace
				var since, archived sql.NullInt64
				if err := r.Scan(&l.Learner, &l.Shares, &since, &archived); err != nil {
					return err
				}
				l.SharesSince, l.ArchivedAt = nullMS(since), nullMS(archived)
				sp.Learners = append(sp.Learners, l)
				return nil
			}),
		each(`SELECT id, at, mediator_id, mediator_name, kind, learner_id, other_id, account_id, value
			FROM mediator_actions ORDER BY id`, func(r *sql.Rows) error {
			var a record.Action
			var at int64
			if err := r.Scan(&a.ID, &at, &a.Mediator, &a.MediatorName, &a.Kind, &a.Learner, &a.Other,
				&a.OtherAccount, &a.Value); err != nil {
				return err
			}
			a.At = fromMS(at)
			sp.Actions = append(sp.Actions, a)
			return nil
		}),
		each(`SELECT id, learner_id, mediator_id, mediator_name, at, text FROM mediator_notes ORDER BY id`,
			func(r *sql.Rows) error {
				var n record.Note
				var at int64
				if err := r.Scan(&n.ID, &n.Learner, &n.Mediator, &n.MediatorName, &at, &n.Text); err != nil {
					return err
				}
				n.At = fromMS(at)
				sp.Notes = append(sp.Notes, n)
				return nil
			}),
		each(`SELECT id, atelier, title, code, level, thematiques, parcours, positioning, idle_minutes, opened_by,
			opened_at, closed_at FROM atelier_runs ORDER BY id`, func(r *sql.Rows) error {
			var run record.Run
			var th, pa, po string
			var opened int64
			var closed sql.NullInt64
			if err := r.Scan(&run.ID, &run.Atelier, &run.Title, &run.Code, &run.Level, &th, &pa, &po,
				&run.IdleMinutes, &run.OpenedBy, &opened, &closed); err != nil {
				return err
			}
			for _, l := range []struct {
				text string
				to   *[]string
			}{{th, &run.Thematiques}, {pa, &run.Parcours}, {po, &run.Positioning}} {
				if err := json.Unmarshal([]byte(l.text), l.to); err != nil {
					return fmt.Errorf("atelier %d: %w", run.ID, ErrInvalid)
				}
			}
			run.OpenedAt, run.ClosedAt = fromMS(opened), nullMS(closed)
			sp.Runs = append(sp.Runs, run)
			return nil
		}),
		each(`SELECT run_id, learner_id, joined_at, consent FROM atelier_members ORDER BY run_id, learner_id`,
			func(r *sql.Rows) error {
				var m record.Member
				var joined int64
				if err := r.Scan(&m.Run, &m.Learner, &joined, &m.Consent); err != nil {
					return err
				}
				m.JoinedAt = fromMS(joined)
				sp.Members = append(sp.Members, m)
				return nil
			}),
		each(`SELECT id, learner_id, started_at, ended_at, place, run_id FROM visits ORDER BY id`,
			func(r *sql.Rows) error {
				var v record.Visit
				var start int64
				var end sql.NullInt64
				if err := r.Scan(&v.ID, &v.Learner, &start, &end, &v.Place, &v.Run); err != nil {
					return err
				}
				v.Start, v.End = fromMS(start), nullMS(end)
				sp.Visits = append(sp.Visits, v)
				return nil
			}),
		each(`SELECT learner_id, since FROM calls ORDER BY learner_id`, func(r *sql.Rows) error {
			var c record.Call
			var since int64
			if err := r.Scan(&c.Learner, &since); err != nil {
				return err
			}
			c.Since = fromMS(since)
			sp.Calls = append(sp.Calls, c)
			return nil
		}),
	)
}
