package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"pasapas/fold"
	"pasapas/progress"
	"pasapas/record"
)

// Moving in: "pasapas store copy" brings the progress files of a place's
// PCs into the place, one file per call of CopyFrom, each in one
// transaction (all of a file or nothing).
//
// Ids are remapped: the server gives new ids; the file's own ids are kept
// only in the copy's ledger, tables that CopyFrom creates on first
// use (not a numbered migration: they belong to moving in, not to the
// tutor):
//
//   - copy_sources: one row per file copied into a place, with the hash of
//     its content at its last copy (the same content again: nothing to do);
//   - copy_learners: which profile of which file became which learner here
//     (the file's id and creation time, never a name). A file copied again,
//     even grown, renamed or on a USB stick, is recognised by its profiles;
//     a profile erased here since is set to NULL, and not copied again; a
//     profile erased on the PC since is reported (GoneFromFile), never
//     erased here by a copy;
//   - copy_item_stats: what each file added to each question's counts and
//     calibration, so a second copy adds only what is new.
//
// and, for the médiateur's space (copyspace.go), copy_mediators (which
// account of which file became which account here), copy_learner_space
// (the consent and archive mark the last copy wrote) and copy_space_rows
// (which journal line, note, atelier and visit of the file became which
// row here).
//
// Rows of a profile already copied are recognised by what they are: a test
// by (competence, seed, start), an answer by (time, question, test,
// lesson); lessons keep the furthest step and the latest position, acquis
// and review cards the latest. Nothing is merged between profiles: two
// profiles that may be the same person are reported (PossibleDuplicates).

// CopyExtension copies, in the file's transaction, rows of tables this
// package does not know yet: learners maps the file's learner ids to this
// place's (absent: not copied, erased here since).
type CopyExtension func(ctx context.Context, tx pgx.Tx, snap *progress.Snapshot,
	learners map[record.LearnerID]record.LearnerID) error

// CopyOptions tune CopyFrom.
type CopyOptions struct {
	// Label names the file in the ledger and the report (its base name).
	Label string
	// Extensions run after the rows this package copies.
	Extensions []CopyExtension
}

// CopyReport says what a copy did.
type CopyReport struct {
	Label string
	// Unchanged: the same content was copied here before; nothing done.
	Unchanged bool
	// Known: the file was copied here before (some rows may be new).
	Known bool

	LearnersAdded, LearnersKnown int
	// LearnersErased are profiles copied before and erased here since:
	// not copied again.
	LearnersErased int
	// GoneFromFile are profiles of this place copied from the file
	// before, no longer in it (erased or merged on the PC since), that
	// are still here: an erasure asked for at the PC does not reach the
	// server by itself, so the command names them.
	GoneFromFile []record.LearnerID
	TestsAdded   int
	TestsClosed  int // open here, finished in the file since
	AnswersAdded int
	// AnswersClashing are answers to a question a test here already has
	// an answer to (the test went on in two places): the one here stays.
	AnswersClashing          int
	Lessons, Acquis, Reviews int // rows added or moved forward
	Questions                int // questions whose counts grew
	Calibrations             int // questions whose calibration was pooled
	// Space counts what the file's médiateur space holds; SpaceCopied
	// says what of it came in (copyspace.go).
	Space       progress.SpaceCounts
	SpaceCopied SpaceReport
	// Learners maps the file's learner ids to this place's.
	Learners map[record.LearnerID]record.LearnerID
	// AlsoIn names the other places this file (its content, or some of
	// its profiles) was copied into before: the same people are then in
	// two places, which is rarely what was meant.
	AlsoIn []string
}

// ErrCopyAmbiguous: the file's profiles were copied here from more than
// one file before: which one it is cannot be told, nothing is copied.
var ErrCopyAmbiguous = errors.New("the file's profiles come from several files copied before")

// copyLock is the advisory lock held while copying ("PCPY"): two copies
// into the database go one after the other.
const copyLock = 1346588761

const ledgerSQL = `
CREATE TABLE IF NOT EXISTS copy_sources (
	id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	place_id        bigint NOT NULL REFERENCES places (id),
	label           text   NOT NULL,
	fingerprint     text   NOT NULL,
	first_copied_at bigint NOT NULL,
	last_copied_at  bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS copy_sources_by_fingerprint ON copy_sources (place_id, fingerprint);
CREATE TABLE IF NOT EXISTS copy_learners (
	source_id         bigint NOT NULL REFERENCES copy_sources (id) ON DELETE CASCADE,
	source_learner    bigint NOT NULL,
	source_created_at bigint NOT NULL,
	learner_id        bigint REFERENCES learners (id) ON DELETE SET NULL,
	PRIMARY KEY (source_id, source_learner, source_created_at)
);
CREATE INDEX IF NOT EXISTS copy_learners_by_source_key ON copy_learners (source_learner, source_created_at);
CREATE INDEX IF NOT EXISTS copy_learners_by_learner ON copy_learners (learner_id);
CREATE TABLE IF NOT EXISTS copy_item_stats (
	source_id    bigint  NOT NULL REFERENCES copy_sources (id) ON DELETE CASCADE,
	question     text    NOT NULL,
	answers      integer NOT NULL,
	correct      integer NOT NULL,
	difficulty   double precision,
	calibrated_n integer NOT NULL,
	PRIMARY KEY (source_id, question)
);`

// CopyFrom copies a progress file's snapshot into this place, in one
// transaction. A second copy of the same file adds nothing twice.
func (s *Store) CopyFrom(ctx context.Context, snap *progress.Snapshot, o CopyOptions) (CopyReport, error) {
	var rep CopyReport
	label := o.Label
	if label == "" {
		label = snap.Path
	}
	err := s.write(ctx, "copying "+label, func(tx pgx.Tx) error {
		rep = CopyReport{Label: label, Space: snap.Space, Learners: map[record.LearnerID]record.LearnerID{}}
		c := &copier{s: s, tx: tx, snap: snap, rep: &rep, now: ms(s.now())}
		if err := c.run(ctx, label); err != nil {
			return err
		}
		if rep.Unchanged {
			return nil
		}
		for _, ext := range o.Extensions {
			if err := ext(ctx, tx, snap, rep.Learners); err != nil {
				return err
			}
		}
		return nil
	})
	return rep, err
}

type copier struct {
	s      *Store
	tx     pgx.Tx
	snap   *progress.Snapshot
	rep    *CopyReport
	now    int64
	source int64
	tests  map[record.TestID]int64 // the file's test id → here
}

func (c *copier) run(ctx context.Context, label string) error {
	tx := c.tx
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", int64(copyLock)); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, ledgerSQL+spaceLedgerSQL, pgx.QueryExecModeSimpleProtocol); err != nil {
		return err
	}
	var known int64
	err := tx.QueryRow(ctx, "SELECT id FROM copy_sources WHERE place_id = $1 AND fingerprint = $2 LIMIT 1",
		c.s.place, c.snap.Fingerprint).Scan(&known)
	switch {
	case err == nil:
		c.rep.Unchanged, c.rep.Known = true, true
		return nil
	case !errors.Is(err, pgx.ErrNoRows):
		return err
	}
	if err := c.otherPlaces(ctx); err != nil {
		return err
	}
	if err := c.findSource(ctx, label); err != nil {
		return err
	}
	if err := c.learners(ctx); err != nil {
		return err
	}
	if err := c.goneFromFile(ctx); err != nil {
		return err
	}
	if err := c.testsAndAnswers(ctx); err != nil {
		return err
	}
	if err := c.progress(ctx); err != nil {
		return err
	}
	if err := c.items(ctx); err != nil {
		return err
	}
	return c.space(ctx)
}

// otherPlaces finds the other places the file was copied into.
func (c *copier) otherPlaces(ctx context.Context) error {
	ids := make([]int64, len(c.snap.Learners))
	created := make([]int64, len(c.snap.Learners))
	for i, l := range c.snap.Learners {
		ids[i], created[i] = int64(l.ID), ms(l.CreatedAt)
	}
	rows, err := c.tx.Query(ctx, `SELECT p.name FROM places p WHERE p.id <> $1 AND EXISTS (
			SELECT 1 FROM copy_sources cs WHERE cs.place_id = p.id AND (cs.fingerprint = $2 OR EXISTS (
				SELECT 1 FROM copy_learners cl JOIN unnest($3::bigint[], $4::bigint[]) AS f (id, created)
				ON f.id = cl.source_learner AND f.created = cl.source_created_at WHERE cl.source_id = cs.id)))
		ORDER BY p.name`, c.s.place, c.snap.Fingerprint, ids, created)
	if err != nil {
		return err
	}
	c.rep.AlsoIn, err = pgx.CollectRows(rows, pgx.RowTo[string])
	return err
}

// findSource recognises the file by its profiles, or its médiateur
// accounts, copied before, or records it as a new one.
func (c *copier) findSource(ctx context.Context, label string) error {
	ids := make([]int64, len(c.snap.Learners))
	created := make([]int64, len(c.snap.Learners))
	for i, l := range c.snap.Learners {
		ids[i], created[i] = int64(l.ID), ms(l.CreatedAt)
	}
	meds := make([]int64, len(c.snap.SpaceRows.Mediators))
	medsCreated := make([]int64, len(meds))
	for i, m := range c.snap.SpaceRows.Mediators {
		meds[i], medsCreated[i] = int64(m.ID), ms(m.CreatedAt)
	}
	rows, err := c.tx.Query(ctx, `SELECT cl.source_id FROM copy_learners cl
		JOIN copy_sources cs ON cs.id = cl.source_id
		JOIN unnest($2::bigint[], $3::bigint[]) AS f (id, created) ON f.id = cl.source_learner AND f.created = cl.source_created_at
		WHERE cs.place_id = $1
		UNION
		SELECT cm.source_id FROM copy_mediators cm
		JOIN copy_sources cs ON cs.id = cm.source_id
		JOIN unnest($4::bigint[], $5::bigint[]) AS f (id, created) ON f.id = cm.source_mediator AND f.created = cm.source_created_at
		WHERE cs.place_id = $1`, c.s.place, ids, created, meds, medsCreated)
	if err != nil {
		return err
	}
	sources, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return err
	}
	switch len(sources) {
	case 0:
		return c.tx.QueryRow(ctx, `INSERT INTO copy_sources (place_id, label, fingerprint, first_copied_at, last_copied_at)
			VALUES ($1, $2, $3, $4, $4) RETURNING id`, c.s.place, label, c.snap.Fingerprint, c.now).Scan(&c.source)
	case 1:
		c.source, c.rep.Known = sources[0], true
		_, err := c.tx.Exec(ctx, "UPDATE copy_sources SET fingerprint = $1, last_copied_at = $2 WHERE id = $3",
			c.snap.Fingerprint, c.now, c.source)
		return err
	}
	return fmt.Errorf("%s: %w", label, ErrCopyAmbiguous)
}

// learners maps every profile of the file to one here, adding those not
// copied before, in the file's id order.
func (c *copier) learners(ctx context.Context) error {
	for _, l := range c.snap.Learners {
		var here *int64
		err := c.tx.QueryRow(ctx, `SELECT learner_id FROM copy_learners
			WHERE source_id = $1 AND source_learner = $2 AND source_created_at = $3`,
			c.source, int64(l.ID), ms(l.CreatedAt)).Scan(&here)
		switch {
		case err == nil && here == nil:
			c.rep.LearnersErased++
			continue
		case err == nil:
			c.rep.LearnersKnown++
			c.rep.Learners[l.ID] = record.LearnerID(*here)
			// The profile here stays as it is (name, code, settings may
			// have changed here); only the last visit moves forward.
			if _, err := c.tx.Exec(ctx, "UPDATE learners SET last_seen = greatest(last_seen, $1) WHERE id = $2",
				ms(l.LastSeen), *here); err != nil {
				return err
			}
			continue
		case !errors.Is(err, pgx.ErrNoRows):
			return err
		}
		name, err := cleanText(l.Name, 200)
		if err != nil {
			return fmt.Errorf("learner %d of the file: name: %w", l.ID, err)
		}
		var hash *string
		if l.PINHash != "" {
			hash = &l.PINHash
		}
		var id int64
		if err := c.tx.QueryRow(ctx, `INSERT INTO learners (place_id, name, pin_hash, pin_failures, pin_locked_until,
			lang, theme, device, mouse, created_at, last_seen) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
			RETURNING id`, c.s.place, name, hash, l.PINFailures, msOrZero(l.PINLockedUntil), string(l.Prefs.Lang),
			l.Prefs.Theme, string(l.Prefs.Device), l.Prefs.Mouse, ms(l.CreatedAt), ms(l.LastSeen)).Scan(&id); err != nil {
			return err
		}
		if _, err := c.tx.Exec(ctx, `INSERT INTO copy_learners (source_id, source_learner, source_created_at, learner_id)
			VALUES ($1, $2, $3, $4)`, c.source, int64(l.ID), ms(l.CreatedAt), id); err != nil {
			return err
		}
		c.rep.LearnersAdded++
		c.rep.Learners[l.ID] = record.LearnerID(id)
	}
	return nil
}

// goneFromFile finds the profiles copied before from this file that it no
// longer holds and that are still here. A file gives an id once: an id it
// gave that no profile of it has now was erased or merged in it. An id it
// holds with another creation time, or never gave, is a profile of
// another PC copied as this file (two PCs set up from one copied file).
func (c *copier) goneFromFile(ctx context.Context) error {
	ids := make([]int64, len(c.snap.Learners))
	for i, l := range c.snap.Learners {
		ids[i] = int64(l.ID)
	}
	rows, err := c.tx.Query(ctx, `SELECT cl.learner_id FROM copy_learners cl
		WHERE cl.source_id = $1 AND cl.learner_id IS NOT NULL AND cl.source_learner <= $3
		AND cl.source_learner <> ALL ($2::bigint[])
		ORDER BY cl.learner_id`, c.source, ids, c.snap.LearnerIDs)
	if err != nil {
		return err
	}
	gone, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	for _, id := range gone {
		c.rep.GoneFromFile = append(c.rep.GoneFromFile, record.LearnerID(id))
	}
	return err
}

func msOrZero(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return ms(t)
}

// testKey and answerKey recognise a row already here.
type testKey struct {
	competence string
	seed       int64
	started    int64
}

type answerKey struct {
	at       int64
	question string
	test     int64
	lesson   string
}

// testsAndAnswers copies each mapped learner's tests, then answers.
func (c *copier) testsAndAnswers(ctx context.Context) error {
	c.tests = map[record.TestID]int64{}
	byLearner := map[record.LearnerID][]progress.SnapshotTest{}
	for _, t := range c.snap.Tests {
		byLearner[t.Learner] = append(byLearner[t.Learner], t)
	}
	answers := map[record.LearnerID][]record.Answer{}
	for _, a := range c.snap.Answers {
		answers[a.Learner] = append(answers[a.Learner], a)
	}
	for _, l := range c.snap.Learners {
		here, ok := c.rep.Learners[l.ID]
		if !ok {
			continue
		}
		if err := c.learnerTests(ctx, here, byLearner[l.ID]); err != nil {
			return err
		}
		if err := c.learnerAnswers(ctx, here, answers[l.ID]); err != nil {
			return err
		}
	}
	return nil
}

func (c *copier) learnerTests(ctx context.Context, here record.LearnerID, tests []progress.SnapshotTest) error {
	if len(tests) == 0 {
		return nil
	}
	rows, err := c.tx.Query(ctx, `SELECT id, competence, seed, started_at, finished_at IS NOT NULL FROM tests
		WHERE learner_id = $1`, int64(here))
	if err != nil {
		return err
	}
	type hereTest struct {
		id       int64
		finished bool
	}
	existing := map[testKey]hereTest{}
	for rows.Next() {
		var k testKey
		var t hereTest
		if err := rows.Scan(&t.id, &k.competence, &k.seed, &k.started, &t.finished); err != nil {
			rows.Close()
			return err
		}
		existing[k] = t
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, t := range tests {
		k := testKey{t.Competence, t.Seed, ms(t.StartedAt)}
		var finished *int64
		if !t.FinishedAt.IsZero() {
			v := ms(t.FinishedAt)
			finished = &v
		}
		var theta, se *float64
		var level *int
		var reason, diffs *string
		if t.Result != nil {
			theta, se, level, reason = &t.Result.Theta, &t.Result.SE, &t.Result.Level, &t.Result.StopReason
		} else if t.Abandoned {
			r := record.StopAbandoned
			reason = &r
		}
		if t.Difficulties != "" {
			diffs = &t.Difficulties
		}
		var rho *float64
		if t.Rho != 0 {
			rho = &t.Rho
		}
		if e, ok := existing[k]; ok {
			c.tests[t.ID] = e.id
			if !e.finished && finished != nil {
				if _, err := c.tx.Exec(ctx, `UPDATE tests SET finished_at = $1, theta = $2, se = $3, level = $4,
					stop_reason = $5, difficulties = $6::text::json WHERE id = $7`,
					finished, theta, se, level, reason, diffs, e.id); err != nil {
					return err
				}
				c.rep.TestsClosed++
			}
			continue
		}
		var id int64
		if err := c.tx.QueryRow(ctx, `INSERT INTO tests (learner_id, competence, seed, started_at, finished_at,
			theta, se, level, stop_reason, difficulties, rho) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::text::json, $11)
			RETURNING id`, int64(here), t.Competence, t.Seed, ms(t.StartedAt), finished, theta, se, level, reason,
			diffs, rho).Scan(&id); err != nil {
			return err
		}
		c.tests[t.ID] = id
		c.rep.TestsAdded++
	}
	return nil
}

func (c *copier) learnerAnswers(ctx context.Context, here record.LearnerID, answers []record.Answer) error {
	if len(answers) == 0 {
		return nil
	}
	rows, err := c.tx.Query(ctx, `SELECT at, question, coalesce(test_id, 0), coalesce(lesson, '') FROM answers
		WHERE learner_id = $1`, int64(here))
	if err != nil {
		return err
	}
	existing := map[answerKey]bool{}
	for rows.Next() {
		var k answerKey
		if err := rows.Scan(&k.at, &k.question, &k.test, &k.lesson); err != nil {
			rows.Close()
			return err
		}
		existing[k] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	batch := &pgx.Batch{}
	for _, a := range answers {
		var test *int64
		if a.Test != 0 {
			id, ok := c.tests[a.Test]
			if !ok {
				return fmt.Errorf("answer %d of the file: test %d missing: %w", a.ID, a.Test, record.ErrInvalid)
			}
			test = &id
		}
		k := answerKey{ms(a.At), a.Question, derefI(test), a.Lesson}
		if existing[k] {
			continue
		}
		existing[k] = true
		if err := checkAnswer(record.Answer{Learner: here, Question: a.Question, Variant: a.Variant, Given: a.Given,
			Result: a.Result, Duration: a.Duration, Lesson: a.Lesson}); err != nil {
			return fmt.Errorf("answer %d of the file: %w", a.ID, err)
		}
		forgiven := a.Forgiven
		if forgiven == nil {
			forgiven = []string{}
		}
		fj := "[" + strings.Join(quoteAll(forgiven), ",") + "]"
		var lesson *string
		if a.Lesson != "" {
			lesson = &a.Lesson
		}
		batch.Queue(`INSERT INTO answers
			(learner_id, question, variant, given, result, forgiven, duration_ms, test_id, lesson, at)
			VALUES ($1, $2, $3, $4::text::json, $5, $6::text::json, $7, $8, $9, $10)
			ON CONFLICT (test_id, question) WHERE test_id IS NOT NULL DO NOTHING`,
			int64(here), a.Question, a.Variant, a.Given, string(a.Result), fj,
			a.Duration.Milliseconds(), test, lesson, ms(a.At))
	}
	if batch.Len() == 0 {
		return nil
	}
	res := c.tx.SendBatch(ctx, batch)
	for range batch.Len() {
		tag, err := res.Exec()
		if err != nil {
			res.Close()
			return err
		}
		if tag.RowsAffected() == 1 {
			c.rep.AnswersAdded++
		} else {
			c.rep.AnswersClashing++
		}
	}
	return res.Close()
}

func derefI(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}

// quoteAll writes strings as JSON strings.
func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		b := strings.Builder{}
		b.WriteByte('"')
		for _, r := range s {
			switch {
			case r == '"' || r == '\\':
				b.WriteByte('\\')
				b.WriteRune(r)
			case r < 0x20:
				fmt.Fprintf(&b, `\u%04x`, r)
			default:
				b.WriteRune(r)
			}
		}
		b.WriteByte('"')
		out[i] = b.String()
	}
	return out
}

// progress copies lessons, acquis and review cards: a row here and in the
// file becomes the furthest and latest of the two, so copying again
// changes nothing.
func (c *copier) progress(ctx context.Context) error {
	for _, p := range c.snap.Lessons {
		here, ok := c.rep.Learners[p.Learner]
		if !ok {
			continue
		}
		var doneAt *int64
		if !p.DoneAt.IsZero() {
			v := ms(p.DoneAt)
			doneAt = &v
		}
		tag, err := c.tx.Exec(ctx, `INSERT INTO lesson_progress AS p
			(learner_id, lesson, step, furthest, done, device, started_at, updated_at, done_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
			ON CONFLICT (learner_id, lesson) DO UPDATE SET
				step = CASE WHEN excluded.updated_at > p.updated_at THEN excluded.step ELSE p.step END,
				device = CASE WHEN excluded.updated_at > p.updated_at THEN excluded.device ELSE p.device END,
				furthest = greatest(p.furthest, excluded.furthest),
				done = p.done OR excluded.done,
				started_at = least(p.started_at, excluded.started_at),
				updated_at = greatest(p.updated_at, excluded.updated_at),
				done_at = CASE WHEN p.done_at IS NULL THEN excluded.done_at
					WHEN excluded.done_at IS NULL THEN p.done_at ELSE least(p.done_at, excluded.done_at) END
			WHERE excluded.updated_at > p.updated_at OR excluded.furthest > p.furthest
				OR (excluded.done AND NOT p.done) OR excluded.started_at < p.started_at
				OR (excluded.done_at IS NOT NULL AND (p.done_at IS NULL OR excluded.done_at < p.done_at))`,
			int64(here), p.Lesson, p.Step, p.Furthest, p.Done, string(p.Device), ms(p.StartedAt), ms(p.UpdatedAt), doneAt)
		if err != nil {
			return err
		}
		c.rep.Lessons += int(tag.RowsAffected())
	}
	for _, a := range c.snap.Acquis {
		here, ok := c.rep.Learners[a.Learner]
		if !ok {
			continue
		}
		tag, err := c.tx.Exec(ctx, `INSERT INTO acquis_states AS s (learner_id, acquis, mastery, answers, last_seen)
			VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (learner_id, acquis) DO UPDATE SET mastery = excluded.mastery,
				answers = excluded.answers, last_seen = excluded.last_seen
			WHERE excluded.last_seen > s.last_seen`,
			int64(here), a.Acquis, a.Mastery, a.Answers, ms(a.LastSeen))
		if err != nil {
			return err
		}
		c.rep.Acquis += int(tag.RowsAffected())
	}
	for _, r := range c.snap.Reviews {
		here, ok := c.rep.Learners[r.Learner]
		if !ok {
			continue
		}
		tag, err := c.tx.Exec(ctx, `INSERT INTO review_cards AS r (learner_id, acquis, due, stability, difficulty,
			elapsed_days, scheduled_days, reps, lapses, state, last_review)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
			ON CONFLICT (learner_id, acquis) DO UPDATE SET due = excluded.due, stability = excluded.stability,
				difficulty = excluded.difficulty, elapsed_days = excluded.elapsed_days,
				scheduled_days = excluded.scheduled_days, reps = excluded.reps, lapses = excluded.lapses,
				state = excluded.state, last_review = excluded.last_review
			WHERE coalesce(excluded.last_review, 0) > coalesce(r.last_review, 0)`,
			int64(here), r.Acquis, msOrNull(r.Due), r.Stability, r.Difficulty, int64(r.ElapsedDays),
			int64(r.ScheduledDays), int64(r.Reps), int64(r.Lapses), int16(r.State), msOrNull(r.LastReview))
		if err != nil {
			return err
		}
		c.rep.Reviews += int(tag.RowsAffected())
	}
	return nil
}

// items adds the file's question counts and pools its calibration with the
// database's, in question order (the order every transaction locks these
// rows in), net of what this file added before.
//
// Pooling: a calibrated difficulty is a running estimate resting on N
// answers of finished tests; the estimates of several PCs of the same
// question are combined as a mean weighted by N (a difficulty's precision
// grows with its answers), and N is their sum, the n of the next Elo step.
// A second copy of a grown file takes its earlier contribution out before
// putting the new one in. "pasapas calibrate" can then refit every
// difficulty from the answers themselves, all of which were copied.
func (c *copier) items(ctx context.Context) error {
	items := slices.Clone(c.snap.Items)
	slices.SortFunc(items, func(a, b record.ItemStat) int { return strings.Compare(a.Question, b.Question) })
	for _, it := range items {
		var oldA, oldC, oldN int
		var oldB *float64
		err := c.tx.QueryRow(ctx, `SELECT answers, correct, difficulty, calibrated_n FROM copy_item_stats
			WHERE source_id = $1 AND question = $2`, c.source, it.Question).Scan(&oldA, &oldC, &oldB, &oldN)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		var newB *float64
		newN := 0
		if it.Calibrated != nil {
			newB, newN = &it.Calibrated.B, it.Calibrated.N
		}
		dA, dC := max(it.Answers-oldA, 0), max(it.Correct-oldC, 0)
		sameCal := (oldB == nil) == (newB == nil) && (oldB == nil || *oldB == *newB) && oldN == newN
		if dA == 0 && dC == 0 && sameCal {
			continue
		}
		var hereB *float64
		hereN, hereA := 0, 0
		err = c.tx.QueryRow(ctx, `SELECT difficulty, calibrated_n, answers FROM item_stats WHERE question = $1 FOR UPDATE`,
			it.Question).Scan(&hereB, &hereN, &hereA)
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return err
		}
		b, n := hereB, hereN
		if !sameCal {
			b, n = pool(hereB, hereN, oldB, oldN, newB, newN)
			c.rep.Calibrations++
		}
		if dA > 0 || dC > 0 {
			c.rep.Questions++
		}
		if _, err := c.tx.Exec(ctx, `INSERT INTO item_stats (question, answers, correct, difficulty, calibrated_n, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (question) DO UPDATE SET answers = item_stats.answers + excluded.answers,
				correct = item_stats.correct + excluded.correct, difficulty = excluded.difficulty,
				calibrated_n = excluded.calibrated_n, updated_at = greatest(item_stats.updated_at, excluded.updated_at)`,
			it.Question, dA, dC, b, n, ms(it.UpdatedAt)); err != nil {
			return err
		}
		if _, err := c.tx.Exec(ctx, `INSERT INTO copy_item_stats (source_id, question, answers, correct, difficulty, calibrated_n)
			VALUES ($1, $2, $3, $4, $5, $6)
			ON CONFLICT (source_id, question) DO UPDATE SET answers = excluded.answers, correct = excluded.correct,
				difficulty = excluded.difficulty, calibrated_n = excluded.calibrated_n`,
			c.source, it.Question, max(it.Answers, oldA), max(it.Correct, oldC), newB, newN); err != nil {
			return err
		}
	}
	return nil
}

// pool combines the calibration here (hereB, hereN), minus this file's
// earlier contribution (oldB, oldN), with the file's (newB, newN): a mean
// weighted by the number of answers each rests on. nil: not calibrated.
func pool(hereB *float64, hereN int, oldB *float64, oldN int, newB *float64, newN int) (*float64, int) {
	var w, sum float64
	if hereB != nil {
		w, sum = float64(hereN), *hereB*float64(hereN)
	}
	if oldB != nil && hereB != nil {
		w, sum = w-float64(oldN), sum-*oldB*float64(oldN)
	}
	if w <= 0 {
		w, sum = 0, 0
	}
	if newB != nil {
		w, sum = w+float64(newN), sum+*newB*float64(newN)
	}
	switch {
	case w > 0:
		b := sum / w
		return &b, int(w + 0.5)
	case newB != nil:
		return newB, 0
	case hereB != nil && oldB == nil:
		return hereB, hereN
	}
	return nil, 0
}

// Duplicate is a group of this place's profiles whose names are the same
// once case, accents and spaces are set aside: perhaps one person, for a
// médiateur to look at and merge. Nothing is merged by the copy.
type Duplicate struct {
	Name     string
	Learners []DuplicateLearner
}

// DuplicateLearner is one profile of a group.
type DuplicateLearner struct {
	ID   record.LearnerID
	Name string
	From string // the file it was copied from; "" if made here
}

// PossibleDuplicates lists the groups of this place's profiles with the
// same loose name (fold.Key) that hold at least one of among (all groups
// when among is empty).
func (s *Store) PossibleDuplicates(ctx context.Context, among []record.LearnerID) ([]Duplicate, error) {
	var out []Duplicate
	err := s.read(ctx, "looking for duplicates", func(tx pgx.Tx) error {
		var ledger bool
		if err := tx.QueryRow(ctx, "SELECT to_regclass('copy_learners') IS NOT NULL").Scan(&ledger); err != nil {
			return err
		}
		from := "''"
		if ledger {
			from = `coalesce((SELECT cs.label FROM copy_learners cl JOIN copy_sources cs ON cs.id = cl.source_id
				WHERE cl.learner_id = l.id LIMIT 1), '')`
		}
		rows, err := tx.Query(ctx, `SELECT l.id, l.name, `+from+` FROM learners l WHERE l.place_id = $1 ORDER BY l.id`,
			s.place)
		if err != nil {
			return err
		}
		groups := map[string][]DuplicateLearner{}
		var keys []string
		for rows.Next() {
			var d DuplicateLearner
			var id int64
			if err := rows.Scan(&id, &d.Name, &d.From); err != nil {
				rows.Close()
				return err
			}
			d.ID = record.LearnerID(id)
			k := strings.Join(strings.Fields(fold.Key(d.Name)), " ")
			if _, ok := groups[k]; !ok {
				keys = append(keys, k)
			}
			groups[k] = append(groups[k], d)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, k := range keys {
			g := groups[k]
			if len(g) < 2 {
				continue
			}
			if len(among) > 0 && !slices.ContainsFunc(g, func(d DuplicateLearner) bool { return slices.Contains(among, d.ID) }) {
				continue
			}
			out = append(out, Duplicate{Name: g[0].Name, Learners: g})
		}
		return nil
	})
	return out, err
}
