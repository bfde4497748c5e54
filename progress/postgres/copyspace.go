package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"pasapas/fold"
	"pasapas/progress"
	"pasapas/record"
)

// Moving the médiateur's space in: the second half of CopyFrom, in the same
// transaction, after the learners are mapped. What a file's space holds
// comes into the place with these rules (docs/reseau.md says them to the
// structure's IT person):
//
//   - an account keeps its code's hash and its wait after wrong tries (the
//     rule of record.PINState goes on where it was). An account removed on
//     the PC since a copy stays here; the report names it
//     (MediatorsGone). An account here with
//     the same name (fold.Key: case, accents, spaces set aside) is kept as
//     it is: the médiateur signs in with the code of the one here, and
//     what the file's account wrote is counted as that account's. An
//     account removed here since a copy is not brought back;
//   - a learner's consent to share and the archive mark come as they are
//     in the file for a profile the copy adds. For a profile copied before,
//     the file's change since the last copy of each (consent, archive
//     mark) comes in only if that one was not changed here since (a
//     three-way comparison with what the last copy wrote, kept in
//     copy_learner_space): a choice made here later wins, so a consent
//     withdrawn here is never given back by a file. A consent withdrawn
//     in the file since the last copy always comes in: a file narrows a
//     consent, never widens one given here;
//   - journal lines, notes, ateliers and visits are added once each (the
//     file's row id and time in copy_space_rows), with their own times; the ids
//     they hold (médiateur, learner, atelier) are mapped to this place's,
//     and an id of a profile not copied (erased) becomes 0, never another
//     person's number. Members come once per (atelier, learner); a
//     file only narrows the consent of a member here: a « no » given on
//     the PC since the last copy comes in, a « yes » never widens the
//     one here. An atelier closed, or a visit
//     ended, in the file since the last copy is closed or ended here;
//   - the retention period and the structure's name are set only when the
//     place has none: the place's own are kept, and the report says so;
//   - calls are not copied: a call is someone asking for help now at a PC
//     that no longer writes to this file; shown here it would be someone
//     waiting who is not there. They are counted in the report.
//
// A learner's PIN wait is not part of the space: it is in the profile,
// copied with it (copy.go).

// SpaceReport says what came in of a file's médiateur space.
type SpaceReport struct {
	MediatorsAdded int
	// MediatorsKept are the names of the file's accounts with a name an
	// account of this place already has: the one here is kept, with its
	// code.
	MediatorsKept []string
	// MediatorsRemoved are accounts copied before and removed here since:
	// not brought back.
	MediatorsRemoved int
	// MediatorsGone are the names here of accounts copied before from the
	// file and removed on the PC since: still here (a copy removes
	// nothing), so the command names them.
	MediatorsGone []string
	// Sharing and Archived are learners whose consent, or archive mark,
	// the copy set here.
	Sharing, Archived int
	// ChoicesKept are learners whose consent or archive mark was changed
	// here since the last copy and differs from the file's: the one here
	// is kept.
	ChoicesKept    int
	Actions, Notes int
	Runs           int
	// RunsClosed are ateliers copied open before and closed in the file
	// since; RunsShut, ateliers still open in the file whose code an open
	// atelier of this place uses: copied closed now.
	RunsClosed, RunsShut int
	Members              int
	// MembersWithdrawn are members of an atelier copied before who no
	// longer agree, in the file, to be seen: no longer seen here either.
	MembersWithdrawn    int
	Visits, VisitsEnded int
	// CallsLeft are calls in the file, not copied.
	CallsLeft int
	// Retention and Structure are what the copy set here (0, "": nothing);
	// RetentionKept and StructureKept are the file's, not set because the
	// place has its own (RetentionHere, StructureHere).
	Retention, RetentionKept, RetentionHere int
	Structure, StructureKept, StructureHere string
}

// Empty says nothing of a space came in or was left out.
func (r SpaceReport) Empty() bool {
	return r.MediatorsAdded == 0 && len(r.MediatorsKept) == 0 && r.MediatorsRemoved == 0 && len(r.MediatorsGone) == 0 && r.Sharing == 0 &&
		r.Archived == 0 && r.ChoicesKept == 0 && r.Actions == 0 && r.Notes == 0 && r.Runs == 0 && r.RunsClosed == 0 &&
		r.RunsShut == 0 && r.Members == 0 && r.MembersWithdrawn == 0 && r.Visits == 0 && r.VisitsEnded == 0 && r.CallsLeft == 0 &&
		r.Retention == 0 && r.RetentionKept == 0 && r.Structure == "" && r.StructureKept == ""
}

// spaceLedgerSQL is the copy's ledger of the space, created with the rest
// of it (ledgerSQL).
const spaceLedgerSQL = `
CREATE TABLE IF NOT EXISTS copy_mediators (
	source_id         bigint NOT NULL REFERENCES copy_sources (id) ON DELETE CASCADE,
	source_mediator   bigint NOT NULL,
	source_created_at bigint NOT NULL,
	mediator_id       bigint REFERENCES mediators (id) ON DELETE SET NULL,
	PRIMARY KEY (source_id, source_mediator, source_created_at)
);
CREATE INDEX IF NOT EXISTS copy_mediators_by_source_key ON copy_mediators (source_mediator, source_created_at);
CREATE INDEX IF NOT EXISTS copy_mediators_by_mediator ON copy_mediators (mediator_id);
CREATE TABLE IF NOT EXISTS copy_learner_space (
	source_id    bigint  NOT NULL REFERENCES copy_sources (id) ON DELETE CASCADE,
	learner_id   bigint  NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
	shares       boolean NOT NULL,
	shares_since bigint,
	archived_at  bigint,
	PRIMARY KEY (source_id, learner_id)
);
CREATE INDEX IF NOT EXISTS copy_learner_space_by_learner ON copy_learner_space (learner_id);
CREATE TABLE IF NOT EXISTS copy_space_rows (
	source_id  bigint NOT NULL REFERENCES copy_sources (id) ON DELETE CASCADE,
	kind       text   NOT NULL,
	source_row bigint NOT NULL,
	source_at  bigint NOT NULL,
	row_id     bigint NOT NULL,
	PRIMARY KEY (source_id, kind, source_row, source_at)
);`

// The kinds of rows of copy_space_rows.
const (
	rowRun    = "run"
	rowAction = "action"
	rowNote   = "note"
	rowVisit  = "visit"
)

// spaceCopier carries the ids mapped so far.
type spaceCopier struct {
	*copier
	sp        *progress.SnapshotSpace
	out       *SpaceReport // the copy's SpaceCopied
	mediators map[record.MediatorID]record.MediatorID
	runs      map[record.RunID]record.RunID
	// ledger is copy_space_rows of this file: kind → the file's row (id
	// and time) → the row here. Read once: a busy PC has tens of
	// thousands of visits.
	ledger map[string]map[sourceRow]int64
}

// sourceRow is a row of the file: its id and its time (a visit's start, a
// note's or a journal line's time, an atelier's opening). Two PCs set up
// from one copied file are one file for the copy (they share its
// profiles), and give the same ids to different rows made since: the time
// tells them apart.
type sourceRow struct{ id, at int64 }

// copied is the row here a row of the file became, 0 if none.
func (c *spaceCopier) copied(kind string, id int64, at time.Time) int64 {
	return c.ledger[kind][sourceRow{id, ms(at)}]
}

// space copies the file's médiateur space (see the rules above).
func (c *copier) space(ctx context.Context) error {
	sc := &spaceCopier{copier: c, sp: &c.snap.SpaceRows, out: &c.rep.SpaceCopied,
		mediators: map[record.MediatorID]record.MediatorID{}, runs: map[record.RunID]record.RunID{}}
	sc.out.CallsLeft = len(sc.sp.Calls)
	// The place's row is locked as CreateMediator and OpenRun lock it: the
	// names and codes checked here stay true until the copy commits.
	if err := c.s.lockPlace(ctx, c.tx); err != nil {
		return err
	}
	if err := sc.readLedger(ctx); err != nil {
		return err
	}
	for _, step := range []func(context.Context) error{sc.accounts, sc.settings, sc.choices, sc.ateliers,
		sc.visits, sc.notes, sc.journal} {
		if err := step(ctx); err != nil {
			return err
		}
	}
	return nil
}

// accounts maps every account of the file to one here, adding those whose
// name no account here has, and finds those removed on the PC since.
func (c *spaceCopier) accounts(ctx context.Context) error {
	if err := c.accountsGone(ctx); err != nil {
		return err
	}
	if len(c.sp.Mediators) == 0 {
		return nil
	}
	rows, err := c.tx.Query(ctx, "SELECT id, name FROM mediators WHERE place_id = $1 ORDER BY id", c.s.place)
	if err != nil {
		return err
	}
	here := map[string]record.MediatorID{}
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			rows.Close()
			return err
		}
		if _, ok := here[looseName(name)]; !ok {
			here[looseName(name)] = record.MediatorID(id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, m := range c.sp.Mediators {
		var mapped *int64
		err := c.tx.QueryRow(ctx, `SELECT mediator_id FROM copy_mediators
			WHERE source_id = $1 AND source_mediator = $2 AND source_created_at = $3`,
			c.source, int64(m.ID), ms(m.CreatedAt)).Scan(&mapped)
		switch {
		case err == nil && mapped == nil:
			c.out.MediatorsRemoved++
			continue
		case err == nil:
			c.mediators[m.ID] = record.MediatorID(*mapped)
			continue
		case !errors.Is(err, pgx.ErrNoRows):
			return err
		}
		name, err := cleanText(m.Name, maxNameLen)
		if err != nil {
			return fmt.Errorf("médiateur %d of the file: name: %w", m.ID, err)
		}
		id, taken := here[looseName(name)]
		if taken {
			c.out.MediatorsKept = append(c.out.MediatorsKept, name)
		} else {
			var newID int64
			if err := c.tx.QueryRow(ctx, `INSERT INTO mediators (place_id, name, pin_hash, pin_failures,
				pin_locked_until, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
				c.s.place, name, m.PINHash, m.PINFailures, msOrZero(m.PINLockedUntil), ms(m.CreatedAt)).Scan(&newID); err != nil {
				return err
			}
			id = record.MediatorID(newID)
			here[looseName(name)] = id
			c.out.MediatorsAdded++
		}
		if _, err := c.tx.Exec(ctx, `INSERT INTO copy_mediators (source_id, source_mediator, source_created_at, mediator_id)
			VALUES ($1, $2, $3, $4)`, c.source, int64(m.ID), ms(m.CreatedAt), int64(id)); err != nil {
			return err
		}
		c.mediators[m.ID] = id
	}
	return nil
}

// accountsGone finds the accounts here that came from an account of the
// file no longer in it (removed on the PC since the last copy), as
// goneFromFile finds profiles.
func (c *spaceCopier) accountsGone(ctx context.Context) error {
	ids := make([]int64, len(c.sp.Mediators))
	for i, m := range c.sp.Mediators {
		ids[i] = int64(m.ID)
	}
	rows, err := c.tx.Query(ctx, `SELECT DISTINCT m.name FROM copy_mediators cm JOIN mediators m ON m.id = cm.mediator_id
		WHERE cm.source_id = $1 AND cm.source_mediator <= $3 AND cm.source_mediator <> ALL ($2::bigint[])
		ORDER BY m.name`, c.source, ids, c.sp.MediatorIDs)
	if err != nil {
		return err
	}
	c.out.MediatorsGone, err = pgx.CollectRows(rows, pgx.RowTo[string])
	return err
}

// looseName is a name with case, accents and spaces set aside, as
// PossibleDuplicates compares learners: « Claire » and « claire » would be
// two lines in the sign-in list that look the same.
func looseName(name string) string { return strings.Join(strings.Fields(fold.Key(name)), " ") }

// settings sets the retention period and the structure's name the place
// does not have yet.
func (c *spaceCopier) settings(ctx context.Context) error {
	if c.sp.Retention > 0 {
		v, ok, err := c.s.setting(ctx, c.tx, retentionKey)
		if err != nil {
			return err
		}
		switch here, _ := strconv.Atoi(v); {
		case !ok:
			if err := c.s.setSetting(ctx, c.tx, retentionKey, strconv.Itoa(c.sp.Retention)); err != nil {
				return err
			}
			c.out.Retention = c.sp.Retention
		case here != c.sp.Retention:
			c.out.RetentionKept, c.out.RetentionHere = c.sp.Retention, here
		}
	}
	if c.sp.Structure != "" {
		if containsNUL(c.sp.Structure) {
			return fmt.Errorf("the structure's name: a NUL character: %w", record.ErrInvalid)
		}
		v, ok, err := c.s.setting(ctx, c.tx, structureKey)
		if err != nil {
			return err
		}
		switch {
		case !ok || v == "":
			if err := c.s.setSetting(ctx, c.tx, structureKey, c.sp.Structure); err != nil {
				return err
			}
			c.out.Structure = c.sp.Structure
		case v != c.sp.Structure:
			c.out.StructureKept, c.out.StructureHere = c.sp.Structure, v
		}
	}
	return nil
}

// choice is a learner's row of the space: consent and archive mark.
type choice struct {
	shares          bool
	since, archived *int64
}

func (a choice) same(b choice) bool {
	eq := func(x, y *int64) bool { return (x == nil) == (y == nil) && (x == nil || *x == *y) }
	return a.shares == b.shares && eq(a.since, b.since) && eq(a.archived, b.archived)
}

// consent and archive are the two parts of a choice.
func (a choice) consent() choice { return choice{shares: a.shares, since: a.since} }
func (a choice) archive() choice { return choice{archived: a.archived} }

// mergeChoice is what one choice becomes here, by a three-way comparison:
// the file's (want) when nothing changed here since the last copy (base),
// or when nothing was ever chosen here and no copy wrote it; the one here
// otherwise (kept, when it differs from the file's).
func mergeChoice(cur, base, want choice, hasCur, hasBase bool) (choice, bool) {
	switch {
	case cur.same(want):
		return cur, false
	case hasBase && cur.same(base), !hasBase && !hasCur:
		return want, false
	}
	return cur, true
}

func nullableMS(t time.Time) *int64 {
	if t.IsZero() {
		return nil
	}
	v := ms(t)
	return &v
}

// choices brings each mapped learner's consent and archive mark in, by a
// three-way comparison: what the last copy wrote (base), what is here, and
// what the file says. The file's comes in when nothing changed here since;
// otherwise the choice made here is kept.
func (c *spaceCopier) choices(ctx context.Context) error {
	file := map[record.LearnerID]choice{}
	for _, l := range c.sp.Learners {
		file[l.Learner] = choice{l.Shares, nullableMS(l.SharesSince), nullableMS(l.ArchivedAt)}
	}
	var ids []int64
	for _, here := range c.rep.Learners {
		ids = append(ids, int64(here))
	}
	read := func(q string, args ...any) (map[int64]choice, error) {
		rows, err := c.tx.Query(ctx, q, args...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		out := map[int64]choice{}
		for rows.Next() {
			var id int64
			var ch choice
			if err := rows.Scan(&id, &ch.shares, &ch.since, &ch.archived); err != nil {
				return nil, err
			}
			out[id] = ch
		}
		return out, rows.Err()
	}
	current, err := read(`SELECT learner_id, shares, shares_since, archived_at FROM learner_space
		WHERE learner_id = ANY($1)`, ids)
	if err != nil {
		return err
	}
	bases, err := read(`SELECT learner_id, shares, shares_since, archived_at FROM copy_learner_space
		WHERE source_id = $1 AND learner_id = ANY($2)`, c.source, ids)
	if err != nil {
		return err
	}
	writes, ledger := &pgx.Batch{}, &pgx.Batch{}
	for _, l := range c.snap.Learners {
		here, ok := c.rep.Learners[l.ID]
		if !ok {
			continue
		}
		want := file[l.ID]                  // no row in the file: shares nothing, not archived
		cur, hasCur := current[int64(here)] // no row here: nothing chosen (zero)
		base, hasBase := bases[int64(here)]
		// The consent and the archive mark are two choices, made by
		// different people: each is compared on its own.
		consent, keptConsent := mergeChoice(cur.consent(), base.consent(), want.consent(), hasCur, hasBase)
		archive, keptArchive := mergeChoice(cur.archive(), base.archive(), want.archive(), hasCur, hasBase)
		// A consent withdrawn on the PC since the last copy comes in,
		// whatever was done here: a file narrows a consent, never widens it.
		if hasBase && base.shares && !want.shares && consent.shares {
			consent, keptConsent = want.consent(), false
		}
		next := choice{shares: consent.shares, since: consent.since, archived: archive.archived}
		if !next.same(cur) {
			writes.Queue(`INSERT INTO learner_space (learner_id, shares, shares_since, archived_at)
				VALUES ($1, $2, $3, $4) ON CONFLICT (learner_id) DO UPDATE SET shares = excluded.shares,
				shares_since = excluded.shares_since, archived_at = excluded.archived_at`,
				int64(here), next.shares, next.since, next.archived)
			if next.shares && !consent.same(cur.consent()) {
				c.out.Sharing++
			}
			if next.archived != nil && !archive.same(cur.archive()) {
				c.out.Archived++
			}
		}
		if keptConsent || keptArchive {
			c.out.ChoicesKept++
		}
		if !hasBase || !base.same(want) {
			ledger.Queue(`INSERT INTO copy_learner_space (source_id, learner_id, shares, shares_since, archived_at)
				VALUES ($1, $2, $3, $4, $5) ON CONFLICT (source_id, learner_id) DO UPDATE SET shares = excluded.shares,
				shares_since = excluded.shares_since, archived_at = excluded.archived_at`,
				c.source, int64(here), want.shares, want.since, want.archived)
		}
	}
	if _, err := c.send(ctx, writes); err != nil {
		return err
	}
	_, err = c.send(ctx, ledger)
	return err
}

// readLedger reads what the copy added before from this file.
func (c *spaceCopier) readLedger(ctx context.Context) error {
	c.ledger = map[string]map[sourceRow]int64{rowRun: {}, rowAction: {}, rowNote: {}, rowVisit: {}}
	rows, err := c.tx.Query(ctx, "SELECT kind, source_row, source_at, row_id FROM copy_space_rows WHERE source_id = $1",
		c.source)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var kind string
		var row sourceRow
		var id int64
		if err := rows.Scan(&kind, &row.id, &row.at, &id); err != nil {
			return err
		}
		if m, ok := c.ledger[kind]; ok {
			m[row] = id
		}
	}
	return rows.Err()
}

// insertOnce queues the insertion of a row of the file (id, time at) into
// table (its INSERT … RETURNING id given as insert, arguments from $4)
// with its line in the ledger, in one statement: one round trip for the
// whole batch.
func (c *spaceCopier) insertOnce(b *pgx.Batch, kind string, row int64, at time.Time, insert string, args ...any) {
	atArg := "$" + strconv.Itoa(4+len(args))
	b.Queue(`WITH added AS (`+insert+`)
		INSERT INTO copy_space_rows (source_id, kind, source_row, source_at, row_id) SELECT $1, $2, $3, `+atArg+`, id FROM added`,
		append(append([]any{c.source, kind, row}, args...), ms(at))...)
}

// send runs a batch and gives the rows each statement changed, summed.
func (c *spaceCopier) send(ctx context.Context, b *pgx.Batch) (int, error) {
	if b.Len() == 0 {
		return 0, nil
	}
	res := c.tx.SendBatch(ctx, b)
	n := 0
	for range b.Len() {
		tag, err := res.Exec()
		if err != nil {
			res.Close()
			return n, err
		}
		n += int(tag.RowsAffected())
	}
	return n, res.Close()
}

// ateliers copies the runs, then their members.
func (c *spaceCopier) ateliers(ctx context.Context) error {
	now := fromMS(c.now)
	for _, r := range c.sp.Runs {
		id := c.copied(rowRun, int64(r.ID), r.OpenedAt)
		closed := nullableMS(r.ClosedAt)
		if id != 0 {
			c.runs[r.ID] = record.RunID(id)
			if closed == nil {
				continue
			}
			tag, err := c.tx.Exec(ctx, "UPDATE atelier_runs SET closed_at = $1 WHERE id = $2 AND closed_at IS NULL",
				*closed, id)
			if err != nil {
				return err
			}
			c.out.RunsClosed += int(tag.RowsAffected())
			continue
		}
		for _, t := range append([]string{r.Atelier, r.Title, r.Code, r.Level}, append(r.Thematiques, append(r.Parcours, r.Positioning...)...)...) {
			if containsNUL(t) {
				return fmt.Errorf("atelier %d of the file: a NUL character: %w", r.ID, record.ErrInvalid)
			}
		}
		if r.Open(now) {
			// Two open ateliers of a place never share a code (OpenRun):
			// one of the file whose code is in use here is copied closed.
			var taken bool
			if err := c.tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM atelier_runs
				WHERE place_id = $1 AND code = $2 AND closed_at IS NULL AND opened_at > $3)`,
				c.s.place, r.Code, ms(now.Add(-record.RunHours*time.Hour))).Scan(&taken); err != nil {
				return err
			}
			if taken {
				closed = &c.now
				c.out.RunsShut++
			}
		}
		if err := c.tx.QueryRow(ctx, `INSERT INTO atelier_runs (place_id, atelier, title, code, level, thematiques,
			parcours, positioning, idle_minutes, opened_by, opened_at, closed_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
			c.s.place, r.Atelier, r.Title, r.Code, r.Level, jsonList(r.Thematiques), jsonList(r.Parcours),
			jsonList(r.Positioning), r.IdleMinutes, int64(c.mediators[r.OpenedBy]), ms(r.OpenedAt), closed).Scan(&id); err != nil {
			return err
		}
		if _, err := c.tx.Exec(ctx, `INSERT INTO copy_space_rows (source_id, kind, source_row, source_at, row_id)
			VALUES ($1, $2, $3, $4, $5)`, c.source, rowRun, int64(r.ID), ms(r.OpenedAt), id); err != nil {
			return err
		}
		c.runs[r.ID] = record.RunID(id)
		c.out.Runs++
	}
	added, withdrawn := &pgx.Batch{}, &pgx.Batch{}
	for _, m := range c.sp.Members {
		run, ok := c.runs[m.Run]
		learner, known := c.rep.Learners[m.Learner]
		if !ok || !known {
			continue
		}
		added.Queue(`INSERT INTO atelier_members (run_id, learner_id, joined_at, consent)
			VALUES ($1, $2, $3, $4) ON CONFLICT (run_id, learner_id) DO NOTHING`,
			int64(run), int64(learner), ms(m.JoinedAt), m.Consent)
		if !m.Consent {
			// A member who said no on the PC after a copy is not seen
			// here any more; a yes on the PC never widens the consent
			// here.
			withdrawn.Queue("UPDATE atelier_members SET consent = false WHERE run_id = $1 AND learner_id = $2 AND consent",
				int64(run), int64(learner))
		}
	}
	n, err := c.send(ctx, added)
	c.out.Members += n
	if err != nil {
		return err
	}
	c.out.MembersWithdrawn, err = c.send(ctx, withdrawn)
	return err
}

// visits copies the mapped learners' visits, and ends here those ended in
// the file since the last copy.
func (c *spaceCopier) visits(ctx context.Context) error {
	added, ended := &pgx.Batch{}, &pgx.Batch{}
	for _, v := range c.sp.Visits {
		learner, ok := c.rep.Learners[v.Learner]
		if !ok {
			continue
		}
		end := nullableMS(v.End)
		if id := c.copied(rowVisit, int64(v.ID), v.Start); id != 0 {
			if end != nil {
				ended.Queue("UPDATE visits SET ended_at = $1 WHERE id = $2 AND ended_at IS NULL", *end, id)
			}
			continue
		}
		if containsNUL(v.Place) {
			return fmt.Errorf("visit %d of the file: a NUL character: %w", v.ID, record.ErrInvalid)
		}
		c.insertOnce(added, rowVisit, int64(v.ID), v.Start, `INSERT INTO visits (learner_id, started_at, ended_at, place, run_id)
			VALUES ($4, $5, $6, $7, $8) RETURNING id`, int64(learner), ms(v.Start), end, v.Place, int64(c.runs[v.Run]))
	}
	var err error
	if c.out.Visits, err = c.send(ctx, added); err != nil {
		return err
	}
	c.out.VisitsEnded, err = c.send(ctx, ended)
	return err
}

// notes copies the notes about the mapped learners, with their author's
// name as written and their account mapped.
func (c *spaceCopier) notes(ctx context.Context) error {
	b := &pgx.Batch{}
	for _, n := range c.sp.Notes {
		learner, ok := c.rep.Learners[n.Learner]
		if !ok || c.copied(rowNote, int64(n.ID), n.At) != 0 {
			continue
		}
		if containsNUL(n.Text) || containsNUL(n.MediatorName) {
			return fmt.Errorf("note %d of the file: a NUL character: %w", n.ID, record.ErrInvalid)
		}
		c.insertOnce(b, rowNote, int64(n.ID), n.At, `INSERT INTO mediator_notes (learner_id, mediator_id, mediator_name, at, text)
			VALUES ($4, $5, $6, $7, $8) RETURNING id`, int64(learner), int64(c.mediators[n.Mediator]), n.MediatorName,
			ms(n.At), n.Text)
	}
	var err error
	c.out.Notes, err = c.send(ctx, b)
	return err
}

// journal appends the file's journal lines, once each, with their ids
// mapped: a profile or an account not copied becomes 0 (the line keeps
// the médiateur's name as written).
func (c *spaceCopier) journal(ctx context.Context) error {
	b := &pgx.Batch{}
	for _, a := range c.sp.Actions {
		if c.copied(rowAction, a.ID, a.At) != 0 {
			continue
		}
		if containsNUL(a.MediatorName) || containsNUL(string(a.Kind)) {
			return fmt.Errorf("journal line %d of the file: a NUL character: %w", a.ID, record.ErrInvalid)
		}
		value := int64(a.Value)
		if a.Kind == record.ActAtelierOpened || a.Kind == record.ActAtelierClosed {
			value = int64(c.runs[record.RunID(a.Value)])
		}
		c.insertOnce(b, rowAction, a.ID, a.At, `INSERT INTO mediator_actions
			(place_id, at, mediator_id, mediator_name, kind, learner_id, other_id, account_id, value)
			VALUES ($4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
			c.s.place, ms(a.At), int64(c.mediators[a.Mediator]), a.MediatorName, string(a.Kind),
			int64(c.rep.Learners[a.Learner]), int64(c.rep.Learners[a.Other]),
			int64(c.mediators[a.OtherAccount]), value)
	}
	var err error
	c.out.Actions, err = c.send(ctx, b)
	return err
}
