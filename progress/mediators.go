package progress

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"pasapas/learning"
	"pasapas/record"
)

// The médiateur's space (learning.Space): accounts, the profiles as the
// space manages them, and the journal. Every change to a learner's data
// writes its journal line in the same transaction.

var _ learning.Space = (*Store)(nil)

// CreateMediator adds a médiateur's account. The code is checked and hashed
// by hashPIN, the function learners' codes go through, so both follow the
// same rules.
func (s *Store) CreateMediator(ctx context.Context, by record.MediatorID, name, pin string) (record.Mediator, error) {
	name, err := record.CleanName(name, record.MaxName)
	if err != nil {
		return record.Mediator{}, fmt.Errorf("progress: new médiateur: %w", err)
	}
	hash, err := hashPIN(pin)
	if err != nil {
		return record.Mediator{}, fmt.Errorf("progress: new médiateur: %w", err)
	}
	now := s.now()
	var id int64
	err = s.write(ctx, "new médiateur", func(tx *sql.Tx) error {
		// « The first » account from two PCs at once: the write
		// transactions run one at a time, so the second sees the first's.
		if by == 0 {
			var exists bool
			if err := tx.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM mediators)").Scan(&exists); err != nil {
				return err
			}
			if exists {
				return learning.ErrNeedsMediator
			}
		}
		if err := tx.QueryRowContext(ctx, "INSERT INTO mediators (name, pin_hash, created_at) VALUES (?, ?, ?) RETURNING id",
			name, hash, ms(now)).Scan(&id); err != nil {
			return err
		}
		who := by
		if who == 0 {
			who = record.MediatorID(id) // the first account adds itself
		}
		return logAction(ctx, tx, now, record.Action{Mediator: who, Kind: record.ActMediatorAdded, OtherAccount: record.MediatorID(id)})
	})
	if err != nil {
		return record.Mediator{}, err
	}
	return record.Mediator{ID: record.MediatorID(id), Name: name, CreatedAt: fromMS(ms(now))}, nil
}

// Mediators lists the accounts, by name.
func (s *Store) Mediators(ctx context.Context) ([]record.Mediator, error) {
	var out []record.Mediator
	err := s.read(ctx, "listing médiateurs", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, "SELECT id, name, created_at FROM mediators ORDER BY name, id")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m record.Mediator
			var created int64
			if err := rows.Scan(&m.ID, &m.Name, &created); err != nil {
				return err
			}
			m.CreatedAt = fromMS(created)
			out = append(out, m)
		}
		return rows.Err()
	})
	return out, err
}

// CheckMediatorPIN checks a médiateur's code with the learners' policy:
// PINDelay's growing wait, stored in the file, capped when the clock went
// back (see CheckPIN).
func (s *Store) CheckMediatorPIN(ctx context.Context, id record.MediatorID, pin string) error {
	var refused *PINError
	err := s.write(ctx, "checking médiateur code", func(tx *sql.Tx) error {
		var hash string
		var failures int
		var lockedUntil int64
		err := tx.QueryRowContext(ctx, "SELECT pin_hash, pin_failures, pin_locked_until FROM mediators WHERE id = ?", id).
			Scan(&hash, &failures, &lockedUntil)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("médiateur %d: %w", id, ErrNotFound)
		}
		if err != nil {
			return err
		}
		now := s.now()
		st, capped, locked := record.PINState{Failures: failures, LockedUntil: fromMS(lockedUntil)}.Gate(now)
		if capped {
			if _, err := tx.ExecContext(ctx, "UPDATE mediators SET pin_locked_until = ? WHERE id = ?", ms(st.LockedUntil), id); err != nil {
				return err
			}
		}
		if locked != nil {
			refused = locked
			return nil
		}
		ok, err := verifyPIN(hash, pin)
		if err != nil {
			return err
		}
		if ok {
			_, err = tx.ExecContext(ctx, "UPDATE mediators SET pin_failures = 0, pin_locked_until = 0 WHERE id = ?", id)
			return err
		}
		st, refused = st.Wrong(now)
		_, err = tx.ExecContext(ctx, "UPDATE mediators SET pin_failures = ?, pin_locked_until = ? WHERE id = ?",
			st.Failures, ms(st.LockedUntil), id)
		return err
	})
	if err != nil {
		return err
	}
	if refused != nil {
		return refused
	}
	return nil
}

// RemoveMediator removes another médiateur's account; the journal keeps
// their name on the lines they wrote.
func (s *Store) RemoveMediator(ctx context.Context, by, id record.MediatorID) error {
	if by == id {
		return fmt.Errorf("progress: removing médiateur: %w", record.ErrSelf)
	}
	return s.write(ctx, "removing médiateur", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "DELETE FROM mediators WHERE id = ?", id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("médiateur %d: %w", id, ErrNotFound)
		}
		return logAction(ctx, tx, s.now(), record.Action{Mediator: by, Kind: record.ActMediatorRemoved, OtherAccount: id})
	})
}

// Profiles lists every profile with what the space may show of anyone:
// no result.
func (s *Store) Profiles(ctx context.Context) ([]record.Profile, error) {
	var out []record.Profile
	err := s.read(ctx, "listing profiles", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT l.id, l.name, l.pin_hash IS NOT NULL, l.last_seen,
			coalesce(p.archived_at IS NOT NULL, 0), coalesce(p.shares, 0)
			FROM learners l LEFT JOIN learner_space p ON p.learner_id = l.id
			ORDER BY l.last_seen DESC, l.id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p record.Profile
			var seen int64
			if err := rows.Scan(&p.ID, &p.Name, &p.HasPIN, &seen, &p.Archived, &p.Shares); err != nil {
				return err
			}
			p.LastSeen = fromMS(seen)
			out = append(out, p)
		}
		return rows.Err()
	})
	return out, err
}

// SetSharing records a learner's own choice; it is theirs, not a
// médiateur's action, so it is not in the journal.
func (s *Store) SetSharing(ctx context.Context, id LearnerID, on bool) error {
	now := s.now()
	return s.write(ctx, "saving consent", func(tx *sql.Tx) error {
		if err := known(ctx, tx, id); err != nil {
			return err
		}
		since := any(nil)
		if on {
			since = ms(now)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO learner_space (learner_id, shares, shares_since) VALUES (?, ?, ?)
			ON CONFLICT (learner_id) DO UPDATE SET shares = excluded.shares, shares_since = excluded.shares_since`,
			id, on, since)
		return err
	})
}

// ResetPIN gives a learner a new code, typed by them; the wait after wrong
// tries is cleared, as SetPIN does.
func (s *Store) ResetPIN(ctx context.Context, by record.MediatorID, id LearnerID, pin string) error {
	var hash any
	if pin != "" {
		h, err := hashPIN(pin)
		if err != nil {
			return fmt.Errorf("progress: new code: %w", err)
		}
		hash = h
	}
	return s.manage(ctx, "new code", record.Action{Mediator: by, Kind: record.ActPINReset, Learner: id}, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx,
			"UPDATE learners SET pin_hash = ?, pin_failures = 0, pin_locked_until = 0 WHERE id = ?", hash, id)
		return err
	})
}

// RenameLearner changes a profile's name.
func (s *Store) RenameLearner(ctx context.Context, by record.MediatorID, id LearnerID, name string) error {
	name, err := record.CleanName(name, record.MaxName)
	if err != nil {
		return fmt.Errorf("progress: renaming: %w", err)
	}
	return s.manage(ctx, "renaming", record.Action{Mediator: by, Kind: record.ActRename, Learner: id}, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE learners SET name = ? WHERE id = ?", name, id)
		return err
	})
}

// SetArchived archives a profile, or brings it back.
func (s *Store) SetArchived(ctx context.Context, by record.MediatorID, id LearnerID, on bool) error {
	kind, at := record.ActUnarchive, any(nil)
	if on {
		kind, at = record.ActArchive, ms(s.now())
	}
	return s.manage(ctx, "archiving", record.Action{Mediator: by, Kind: kind, Learner: id}, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO learner_space (learner_id, archived_at) VALUES (?, ?)
			ON CONFLICT (learner_id) DO UPDATE SET archived_at = excluded.archived_at`, id, at)
		return err
	})
}

// MergeLearners moves everything of drop into keep in one transaction:
// tests and answers change owner (the answers' trigger lets only learner_id
// change); a lesson both followed keeps the furthest step, done if either
// finished it, the position of the latest; an acquis both have keeps the
// latest estimate and the sum of the answers it rests on (each answer
// counted once); a review card keeps the one reviewed last. Then drop goes
// with its files (exports, printed pages), and the file is compacted as
// after an erase, so its name is not left in free pages. What could not be
// cleaned gives an *EraseError, as an erase does.
func (s *Store) MergeLearners(ctx context.Context, by record.MediatorID, keep, drop LearnerID) error {
	if keep == drop {
		return fmt.Errorf("progress: merging: %w", record.ErrSelf)
	}
	a := record.Action{Mediator: by, Kind: record.ActMerge, Learner: keep, Other: drop}
	err := s.manage(ctx, "merging", a, func(tx *sql.Tx) error {
		if err := known(ctx, tx, drop); err != nil {
			return err
		}
		for _, q := range []string{
			"UPDATE tests SET learner_id = ?1 WHERE learner_id = ?2",
			"UPDATE answers SET learner_id = ?1 WHERE learner_id = ?2",
			`INSERT INTO lesson_progress (learner_id, lesson, step, furthest, done, device, started_at, updated_at, done_at)
			SELECT ?1, lesson, step, furthest, done, device, started_at, updated_at, done_at
			FROM lesson_progress WHERE learner_id = ?2
			ON CONFLICT (learner_id, lesson) DO UPDATE SET
				step = CASE WHEN excluded.updated_at > updated_at THEN excluded.step ELSE step END,
				device = CASE WHEN excluded.updated_at > updated_at THEN excluded.device ELSE device END,
				furthest = max(furthest, excluded.furthest),
				done = max(done, excluded.done),
				started_at = min(started_at, excluded.started_at),
				updated_at = max(updated_at, excluded.updated_at),
				done_at = CASE WHEN done_at IS NULL THEN excluded.done_at
					WHEN excluded.done_at IS NULL THEN done_at ELSE min(done_at, excluded.done_at) END`,
			`INSERT INTO acquis_states (learner_id, acquis, mastery, answers, last_seen)
			SELECT ?1, acquis, mastery, answers, last_seen FROM acquis_states WHERE learner_id = ?2
			ON CONFLICT (learner_id, acquis) DO UPDATE SET
				mastery = CASE WHEN excluded.last_seen > last_seen THEN excluded.mastery ELSE mastery END,
				answers = answers + excluded.answers,
				last_seen = max(last_seen, excluded.last_seen)`,
			`INSERT INTO review_cards (learner_id, acquis, due, stability, difficulty, elapsed_days, scheduled_days,
				reps, lapses, state, last_review)
			SELECT ?1, acquis, due, stability, difficulty, elapsed_days, scheduled_days, reps, lapses, state, last_review
			FROM review_cards WHERE learner_id = ?2
			ON CONFLICT (learner_id, acquis) DO UPDATE SET
				due = CASE WHEN coalesce(excluded.last_review, 0) > coalesce(last_review, 0) THEN excluded.due ELSE due END,
				stability = CASE WHEN coalesce(excluded.last_review, 0) > coalesce(last_review, 0) THEN excluded.stability ELSE stability END,
				difficulty = CASE WHEN coalesce(excluded.last_review, 0) > coalesce(last_review, 0) THEN excluded.difficulty ELSE difficulty END,
				elapsed_days = CASE WHEN coalesce(excluded.last_review, 0) > coalesce(last_review, 0) THEN excluded.elapsed_days ELSE elapsed_days END,
				scheduled_days = CASE WHEN coalesce(excluded.last_review, 0) > coalesce(last_review, 0) THEN excluded.scheduled_days ELSE scheduled_days END,
				reps = CASE WHEN coalesce(excluded.last_review, 0) > coalesce(last_review, 0) THEN excluded.reps ELSE reps END,
				lapses = CASE WHEN coalesce(excluded.last_review, 0) > coalesce(last_review, 0) THEN excluded.lapses ELSE lapses END,
				state = CASE WHEN coalesce(excluded.last_review, 0) > coalesce(last_review, 0) THEN excluded.state ELSE state END,
				last_review = CASE WHEN coalesce(excluded.last_review, 0) > coalesce(last_review, 0) THEN excluded.last_review ELSE last_review END`,
			"UPDATE learners SET last_seen = max(last_seen, (SELECT last_seen FROM learners WHERE id = ?2)) WHERE id = ?1",
			// Visits, notes and ateliers joined (schema 6) move too.
			"UPDATE visits SET learner_id = ?1 WHERE learner_id = ?2",
			"UPDATE mediator_notes SET learner_id = ?1 WHERE learner_id = ?2",
			`INSERT OR IGNORE INTO atelier_members (run_id, learner_id, joined_at, consent)
			SELECT run_id, ?1, joined_at, consent FROM atelier_members WHERE learner_id = ?2`,
			"DELETE FROM learners WHERE id = ?2",
		} {
			if _, err := tx.ExecContext(ctx, q, keep, drop); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	// drop's files go too, as after an erase: its exports and printed pages
	// bear its number, which no later erase of keep would look for.
	return s.afterErase(ctx, drop, "merging")
}

// EraseLearner erases a profile as Erase does — one cascading DELETE, then
// VACUUM and an emptied journal — with its line in the journal, written in
// the same transaction (it holds only the profile's number).
func (s *Store) EraseLearner(ctx context.Context, by record.MediatorID, id LearnerID, kind record.ActionKind) error {
	err := s.manage(ctx, "erasing learner", record.Action{Mediator: by, Kind: kind, Learner: id}, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "DELETE FROM learners WHERE id = ?", id)
		return err
	})
	if err != nil {
		return err
	}
	// The learner's files go too, as with their own erase: exports, and
	// the printed pages that bear their name (« Ce que j'ai appris »,
	// attestations).
	return s.afterErase(ctx, id, "erasing learner")
}

// LogAction writes a journal line on its own.
func (s *Store) LogAction(ctx context.Context, a record.Action) error {
	return s.write(ctx, "writing journal", func(tx *sql.Tx) error { return logAction(ctx, tx, s.now(), a) })
}

// Actions are the journal's lines, the newest first.
func (s *Store) Actions(ctx context.Context) ([]record.Action, error) {
	var out []record.Action
	err := s.read(ctx, "reading journal", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, at, mediator_id, mediator_name, kind, learner_id, other_id,
			account_id, value FROM mediator_actions ORDER BY id DESC`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a record.Action
			var at int64
			if err := rows.Scan(&a.ID, &at, &a.Mediator, &a.MediatorName, &a.Kind, &a.Learner, &a.Other,
				&a.OtherAccount, &a.Value); err != nil {
				return err
			}
			a.At = fromMS(at)
			out = append(out, a)
		}
		return rows.Err()
	})
	return out, err
}

// Retention is the retention period the place chose, in months; 0 when
// none was chosen.
func (s *Store) Retention(ctx context.Context) (int, error) {
	months := 0
	err := s.read(ctx, "reading settings", func(tx *sql.Tx) error {
		var v string
		err := tx.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = 'retention_months'").Scan(&v)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		months, err = strconv.Atoi(v)
		return err
	})
	return months, err
}

// SetRetention sets the retention period, in months.
func (s *Store) SetRetention(ctx context.Context, by record.MediatorID, months int) error {
	if months < 1 {
		return fmt.Errorf("progress: retention of %d months: %w", months, ErrInvalid)
	}
	return s.write(ctx, "saving settings", func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ('retention_months', ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, strconv.Itoa(months)); err != nil {
			return err
		}
		return logAction(ctx, tx, s.now(), record.Action{Mediator: by, Kind: record.ActRetention, Value: months})
	})
}

// manage runs a change to one learner's data with its journal line, in
// one transaction; an unknown learner changes nothing.
func (s *Store) manage(ctx context.Context, what string, a record.Action, fn func(*sql.Tx) error) error {
	return s.write(ctx, what, func(tx *sql.Tx) error {
		if err := known(ctx, tx, a.Learner); err != nil {
			return err
		}
		if err := fn(tx); err != nil {
			return err
		}
		return logAction(ctx, tx, s.now(), a)
	})
}

// known says ErrNotFound for a learner who is not in the file.
func known(ctx context.Context, tx *sql.Tx, id LearnerID) error {
	var one int
	err := tx.QueryRowContext(ctx, "SELECT 1 FROM learners WHERE id = ?", id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("learner %d: %w", id, ErrNotFound)
	}
	return err
}

// logAction writes a journal line; the médiateur must exist, and their
// name is copied into the line.
func logAction(ctx context.Context, tx *sql.Tx, at time.Time, a record.Action) error {
	var name string
	err := tx.QueryRowContext(ctx, "SELECT name FROM mediators WHERE id = ?", a.Mediator).Scan(&name)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("médiateur %d: %w", a.Mediator, ErrNotFound)
	}
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO mediator_actions
		(at, mediator_id, mediator_name, kind, learner_id, other_id, account_id, value) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		at.UnixMilli(), a.Mediator, name, string(a.Kind), a.Learner, a.Other, a.OtherAccount, a.Value)
	return err
}

// ExportedSpace and ExportedAction are record's, the export's shape.
type (
	ExportedSpace  = record.ExportedSpace
	ExportedAction = record.ExportedAction
)

// exportSpace reads the space's part of a learner's export.
func exportSpace(ctx context.Context, tx *sql.Tx, id LearnerID) (ExportedSpace, error) {
	var e ExportedSpace
	var since, archived sql.NullInt64
	err := tx.QueryRowContext(ctx, "SELECT shares, shares_since, archived_at FROM learner_space WHERE learner_id = ?", id).
		Scan(&e.Shares, &since, &archived)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return e, err
	}
	e.SharesSince, e.ArchivedAt = fromNullMS(since), fromNullMS(archived)
	if err := exportGroup(ctx, tx, id, &e); err != nil {
		return e, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT at, mediator_name, kind FROM mediator_actions
		WHERE learner_id = ?1 OR other_id = ?1 ORDER BY id`, id)
	if err != nil {
		return e, err
	}
	defer rows.Close()
	e.Journal = []ExportedAction{}
	for rows.Next() {
		var a ExportedAction
		var at int64
		if err := rows.Scan(&at, &a.Mediator, &a.Kind); err != nil {
			return e, err
		}
		a.At = fromMS(at)
		e.Journal = append(e.Journal, a)
	}
	return e, rows.Err()
}
