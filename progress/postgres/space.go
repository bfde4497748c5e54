package postgres

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"pasapas/learning"
	"pasapas/progress"
	"pasapas/record"
)

// The médiateur's space (learning.Space) on the shared store, with the
// semantics of the progress file's (progress/mediators.go). Everything is
// scoped to the store's place: its accounts, its journal, its settings, and
// only its learners. Every change to a learner's data writes its journal
// line in the same transaction.

var (
	_ learning.Space    = (*Store)(nil)
	_ learning.Importer = (*Store)(nil)
)

// CreateMediator adds a médiateur's account to this place.
func (s *Store) CreateMediator(ctx context.Context, by record.MediatorID, name, pin string) (record.Mediator, error) {
	name, err := cleanText(name, maxNameLen)
	if err != nil {
		return record.Mediator{}, fmt.Errorf("postgres: new médiateur: name: %w", err)
	}
	hash, err := progress.HashPIN(pin)
	if err != nil {
		return record.Mediator{}, fmt.Errorf("postgres: new médiateur: %w", err)
	}
	now := s.now()
	var id int64
	err = s.write(ctx, "new médiateur", func(tx pgx.Tx) error {
		// « The first » account from two PCs at once: the place's row is
		// locked, so the second sees the first's account and is refused.
		if by == 0 {
			if err := s.lockPlace(ctx, tx); err != nil {
				return err
			}
			var exists bool
			if err := tx.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM mediators WHERE place_id = $1)", s.place).Scan(&exists); err != nil {
				return err
			}
			if exists {
				return learning.ErrNeedsMediator
			}
		}
		if err := tx.QueryRow(ctx, `INSERT INTO mediators (place_id, name, pin_hash, created_at)
			VALUES ($1, $2, $3, $4) RETURNING id`, s.place, name, hash, ms(now)).Scan(&id); err != nil {
			return err
		}
		who := by
		if who == 0 {
			who = record.MediatorID(id) // the first account adds itself
		}
		return s.logAction(ctx, tx, now, record.Action{Mediator: who, Kind: record.ActMediatorAdded, OtherAccount: record.MediatorID(id)})
	})
	if err != nil {
		return record.Mediator{}, err
	}
	return record.Mediator{ID: record.MediatorID(id), Name: name, CreatedAt: fromMS(ms(now))}, nil
}

// Mediators lists this place's accounts, by name.
func (s *Store) Mediators(ctx context.Context) ([]record.Mediator, error) {
	var out []record.Mediator
	err := s.read(ctx, "listing médiateurs", func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, "SELECT id, name, created_at FROM mediators WHERE place_id = $1 ORDER BY name, id", s.place)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m record.Mediator
			var id, created int64
			if err := rows.Scan(&id, &m.Name, &created); err != nil {
				return err
			}
			m.ID, m.CreatedAt = record.MediatorID(id), fromMS(created)
			out = append(out, m)
		}
		return rows.Err()
	})
	return out, err
}

// CheckMediatorPIN checks a médiateur's code with the learners' policy; the
// account's row is locked for the whole check, so two PCs guessing at once
// are counted one after the other.
func (s *Store) CheckMediatorPIN(ctx context.Context, id record.MediatorID, pin string) error {
	var refused *record.PINError
	err := s.write(ctx, "checking médiateur code", func(tx pgx.Tx) error {
		refused = nil
		var hash string
		var failures int
		var lockedUntil int64
		err := tx.QueryRow(ctx, `SELECT pin_hash, pin_failures, pin_locked_until FROM mediators
			WHERE id = $1 AND place_id = $2 FOR UPDATE`, int64(id), s.place).Scan(&hash, &failures, &lockedUntil)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("médiateur %d: %w", id, record.ErrNotFound)
		}
		if err != nil {
			return err
		}
		now := s.now()
		st, capped, locked := record.PINState{Failures: failures, LockedUntil: fromMS(lockedUntil)}.Gate(now)
		if capped {
			if _, err := tx.Exec(ctx, "UPDATE mediators SET pin_locked_until = $1 WHERE id = $2", ms(st.LockedUntil), int64(id)); err != nil {
				return err
			}
		}
		if locked != nil {
			refused = locked
			return nil
		}
		ok, err := progress.VerifyPIN(hash, pin)
		if err != nil {
			return err
		}
		if ok {
			_, err = tx.Exec(ctx, "UPDATE mediators SET pin_failures = 0, pin_locked_until = 0 WHERE id = $1", int64(id))
			return err
		}
		st, refused = st.Wrong(now)
		_, err = tx.Exec(ctx, "UPDATE mediators SET pin_failures = $1, pin_locked_until = $2 WHERE id = $3",
			st.Failures, ms(st.LockedUntil), int64(id))
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

// RemoveMediator removes another account of this place; the journal keeps
// their name on the lines they wrote.
func (s *Store) RemoveMediator(ctx context.Context, by, id record.MediatorID) error {
	if by == id {
		return fmt.Errorf("postgres: removing médiateur: %w", record.ErrSelf)
	}
	return s.write(ctx, "removing médiateur", func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, "DELETE FROM mediators WHERE id = $1 AND place_id = $2", int64(id), s.place)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return fmt.Errorf("médiateur %d: %w", id, record.ErrNotFound)
		}
		return s.logAction(ctx, tx, s.now(), record.Action{Mediator: by, Kind: record.ActMediatorRemoved, OtherAccount: id})
	})
}

// Profiles lists this place's profiles with what the space may show of
// anyone: no result.
func (s *Store) Profiles(ctx context.Context) ([]record.Profile, error) {
	var out []record.Profile
	err := s.read(ctx, "listing profiles", func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT l.id, l.name, l.pin_hash IS NOT NULL, l.last_seen,
			coalesce(p.archived_at IS NOT NULL, false), coalesce(p.shares, false)
			FROM learners l LEFT JOIN learner_space p ON p.learner_id = l.id
			WHERE l.place_id = $1 ORDER BY l.last_seen DESC, l.id`, s.place)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var p record.Profile
			var id, seen int64
			if err := rows.Scan(&id, &p.Name, &p.HasPIN, &seen, &p.Archived, &p.Shares); err != nil {
				return err
			}
			p.ID, p.LastSeen = record.LearnerID(id), fromMS(seen)
			out = append(out, p)
		}
		return rows.Err()
	})
	return out, err
}

// SetSharing records a learner's own choice; it is theirs, not a
// médiateur's action, so it is not in the journal. The group view hears of
// it (notify).
func (s *Store) SetSharing(ctx context.Context, id record.LearnerID, on bool) error {
	now := s.now()
	return s.write(ctx, "saving consent", func(tx pgx.Tx) error {
		if err := s.lockLearner(ctx, tx, id); err != nil {
			return err
		}
		var since *int64
		if on {
			v := ms(now)
			since = &v
		}
		if _, err := tx.Exec(ctx, `INSERT INTO learner_space (learner_id, shares, shares_since) VALUES ($1, $2, $3)
			ON CONFLICT (learner_id) DO UPDATE SET shares = excluded.shares, shares_since = excluded.shares_since`,
			int64(id), on, since); err != nil {
			return err
		}
		return s.notify(ctx, tx, changeConsent)
	})
}

// ResetPIN gives a learner a new code, typed by them; the wait after wrong
// tries is cleared, as SetPIN does.
func (s *Store) ResetPIN(ctx context.Context, by record.MediatorID, id record.LearnerID, pin string) error {
	var hash *string
	if pin != "" {
		h, err := progress.HashPIN(pin)
		if err != nil {
			return fmt.Errorf("postgres: new code: %w", err)
		}
		hash = &h
	}
	return s.manage(ctx, "new code", record.Action{Mediator: by, Kind: record.ActPINReset, Learner: id}, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, "UPDATE learners SET pin_hash = $1, pin_failures = 0, pin_locked_until = 0 WHERE id = $2",
			hash, int64(id))
		return err
	})
}

// RenameLearner changes a profile's name.
func (s *Store) RenameLearner(ctx context.Context, by record.MediatorID, id record.LearnerID, name string) error {
	name, err := cleanText(name, maxNameLen)
	if err != nil {
		return fmt.Errorf("postgres: renaming: %w", err)
	}
	return s.manage(ctx, "renaming", record.Action{Mediator: by, Kind: record.ActRename, Learner: id}, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "UPDATE learners SET name = $1 WHERE id = $2", name, int64(id)); err != nil {
			return err
		}
		return s.notify(ctx, tx, changeProfile)
	})
}

// SetArchived archives a profile, or brings it back.
func (s *Store) SetArchived(ctx context.Context, by record.MediatorID, id record.LearnerID, on bool) error {
	kind, at := record.ActUnarchive, (*int64)(nil)
	if on {
		v := ms(s.now())
		kind, at = record.ActArchive, &v
	}
	return s.manage(ctx, "archiving", record.Action{Mediator: by, Kind: kind, Learner: id}, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `INSERT INTO learner_space (learner_id, archived_at) VALUES ($1, $2)
			ON CONFLICT (learner_id) DO UPDATE SET archived_at = excluded.archived_at`, int64(id), at)
		return err
	})
}

// mergeLessons, mergeAcquis and mergeReviews fold a learner's rows ($2) into
// another's ($1) with the merge's rules (see MergeLearners); the import
// uses the same rules with a WHERE of its own.
const (
	lessonConflict = `ON CONFLICT (learner_id, lesson) DO UPDATE SET
		step = CASE WHEN excluded.updated_at > p.updated_at THEN excluded.step ELSE p.step END,
		device = CASE WHEN excluded.updated_at > p.updated_at THEN excluded.device ELSE p.device END,
		furthest = greatest(p.furthest, excluded.furthest),
		done = p.done OR excluded.done,
		started_at = least(p.started_at, excluded.started_at),
		updated_at = greatest(p.updated_at, excluded.updated_at),
		done_at = CASE WHEN p.done_at IS NULL THEN excluded.done_at
			WHEN excluded.done_at IS NULL THEN p.done_at ELSE least(p.done_at, excluded.done_at) END`
	acquisConflict = `ON CONFLICT (learner_id, acquis) DO UPDATE SET
		mastery = CASE WHEN excluded.last_seen > a.last_seen THEN excluded.mastery ELSE a.mastery END,
		answers = a.answers + excluded.answers,
		last_seen = greatest(a.last_seen, excluded.last_seen)`
	reviewConflict = `ON CONFLICT (learner_id, acquis) DO UPDATE SET
		due = excluded.due, stability = excluded.stability, difficulty = excluded.difficulty,
		elapsed_days = excluded.elapsed_days, scheduled_days = excluded.scheduled_days, reps = excluded.reps,
		lapses = excluded.lapses, state = excluded.state, last_review = excluded.last_review
		WHERE coalesce(excluded.last_review, 0) > coalesce(c.last_review, 0)`
)

// MergeLearners moves everything of drop into keep in one transaction:
// tests and answers change owner (the answers' trigger lets only learner_id
// change); a lesson both followed keeps the furthest step, done if either
// finished it, the position of the latest; an acquis both have keeps the
// latest estimate and the sum of the answers it rests on; a review card
// keeps the one reviewed last; visits, notes and ateliers joined move; drop's
// call goes with it, and then its files in this PC's data folder
// (Options.FilesDir; a *progress.EraseError says those left). Both learners must be of this place; their rows are
// locked in id order, so two merges never wait on each other in a circle.
func (s *Store) MergeLearners(ctx context.Context, by record.MediatorID, keep, drop record.LearnerID) error {
	if keep == drop {
		return fmt.Errorf("postgres: merging: %w", record.ErrSelf)
	}
	a := record.Action{Mediator: by, Kind: record.ActMerge, Learner: keep, Other: drop}
	var gone record.Learner
	err := s.write(ctx, "merging", func(tx pgx.Tx) error {
		for _, id := range []record.LearnerID{min(keep, drop), max(keep, drop)} {
			if err := s.lockLearner(ctx, tx, id); err != nil {
				return err
			}
		}
		// Who drop was (its creation time), to find its files afterwards.
		var err error
		if gone, err = s.loadLearner(ctx, tx, drop); err != nil {
			return err
		}
		for _, q := range []string{
			"UPDATE tests SET learner_id = $1 WHERE learner_id = $2",
			"UPDATE answers SET learner_id = $1 WHERE learner_id = $2",
			`INSERT INTO lesson_progress AS p (learner_id, lesson, step, furthest, done, device, started_at, updated_at, done_at)
			SELECT $1, lesson, step, furthest, done, device, started_at, updated_at, done_at
			FROM lesson_progress WHERE learner_id = $2 ` + lessonConflict,
			`INSERT INTO acquis_states AS a (learner_id, acquis, mastery, answers, last_seen)
			SELECT $1, acquis, mastery, answers, last_seen FROM acquis_states WHERE learner_id = $2 ` + acquisConflict,
			`INSERT INTO review_cards AS c (learner_id, acquis, due, stability, difficulty, elapsed_days, scheduled_days,
				reps, lapses, state, last_review)
			SELECT $1, acquis, due, stability, difficulty, elapsed_days, scheduled_days, reps, lapses, state, last_review
			FROM review_cards WHERE learner_id = $2 ` + reviewConflict,
			"UPDATE learners SET last_seen = greatest(last_seen, (SELECT last_seen FROM learners WHERE id = $2)) WHERE id = $1",
			"UPDATE visits SET learner_id = $1 WHERE learner_id = $2",
			"UPDATE mediator_notes SET learner_id = $1 WHERE learner_id = $2",
			`INSERT INTO atelier_members (run_id, learner_id, joined_at, consent)
			SELECT run_id, $1, joined_at, consent FROM atelier_members WHERE learner_id = $2
			ON CONFLICT (run_id, learner_id) DO NOTHING`,
			"DELETE FROM learners WHERE id = $2 AND id <> $1",
		} {
			if _, err := tx.Exec(ctx, q, int64(keep), int64(drop)); err != nil {
				return err
			}
		}
		if err := s.notify(ctx, tx, changeProfile); err != nil {
			return err
		}
		return s.logAction(ctx, tx, s.now(), a)
	})
	if err != nil {
		return err
	}
	// drop's files on this PC go too, as after an erase: they bear its
	// number, which no later erase of keep would look for.
	return s.removeFiles(gone)
}

// EraseLearner erases a profile of this place as Erase does — one cascading
// DELETE, then the learner's files on this PC — with its line in the
// journal, written in the same transaction (it holds only the profile's
// number).
func (s *Store) EraseLearner(ctx context.Context, by record.MediatorID, id record.LearnerID, kind record.ActionKind) error {
	var l record.Learner
	err := s.manage(ctx, "erasing learner", record.Action{Mediator: by, Kind: kind, Learner: id}, func(tx pgx.Tx) error {
		var err error
		if l, err = s.eraseRows(ctx, tx, id); err != nil {
			return err
		}
		return s.notify(ctx, tx, changeProfile)
	})
	if err != nil {
		return err
	}
	return s.removeFiles(l)
}

// LogAction writes a journal line on its own.
func (s *Store) LogAction(ctx context.Context, a record.Action) error {
	return s.write(ctx, "writing journal", func(tx pgx.Tx) error { return s.logAction(ctx, tx, s.now(), a) })
}

// Actions are this place's journal lines, the newest first.
func (s *Store) Actions(ctx context.Context) ([]record.Action, error) {
	var out []record.Action
	err := s.read(ctx, "reading journal", func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT id, at, mediator_id, mediator_name, kind, learner_id, other_id,
			account_id, value FROM mediator_actions WHERE place_id = $1 ORDER BY id DESC`, s.place)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var a record.Action
			var id, at, med, learner, other, account, value int64
			var kind string
			if err := rows.Scan(&id, &at, &med, &a.MediatorName, &kind, &learner, &other, &account, &value); err != nil {
				return err
			}
			a.ID, a.At, a.Mediator, a.Kind = id, fromMS(at), record.MediatorID(med), record.ActionKind(kind)
			a.Learner, a.Other, a.OtherAccount, a.Value = record.LearnerID(learner), record.LearnerID(other),
				record.MediatorID(account), int(value)
			out = append(out, a)
		}
		return rows.Err()
	})
	return out, err
}

// retentionKey is the setting of the retention period, in months.
const retentionKey = "retention_months"

// Retention is the retention period this place chose, in months; 0 when
// none was chosen.
func (s *Store) Retention(ctx context.Context) (int, error) {
	months := 0
	err := s.read(ctx, "reading settings", func(tx pgx.Tx) error {
		v, ok, err := s.setting(ctx, tx, retentionKey)
		if err != nil || !ok {
			return err
		}
		months, err = strconv.Atoi(v)
		return err
	})
	return months, err
}

// SetRetention sets this place's retention period, in months.
func (s *Store) SetRetention(ctx context.Context, by record.MediatorID, months int) error {
	if months < 1 {
		return fmt.Errorf("postgres: retention of %d months: %w", months, record.ErrInvalid)
	}
	return s.write(ctx, "saving settings", func(tx pgx.Tx) error {
		if err := s.setSetting(ctx, tx, retentionKey, strconv.Itoa(months)); err != nil {
			return err
		}
		return s.logAction(ctx, tx, s.now(), record.Action{Mediator: by, Kind: record.ActRetention, Value: months})
	})
}

// structureKey is the setting that holds the structure's name, printed on
// the attestations (the same key as the SQLite file's).
const structureKey = "structure_name"

// Structure is this place's structure name ("" when none was set).
func (s *Store) Structure(ctx context.Context) (string, error) {
	name := ""
	err := s.read(ctx, "reading settings", func(tx pgx.Tx) error {
		v, _, err := s.setting(ctx, tx, structureKey)
		name = v
		return err
	})
	return name, err
}

// SetStructure sets this place's structure name, with its journal line,
// in one transaction.
func (s *Store) SetStructure(ctx context.Context, by record.MediatorID, name string) error {
	return s.write(ctx, "saving settings", func(tx pgx.Tx) error {
		if err := s.setSetting(ctx, tx, structureKey, name); err != nil {
			return err
		}
		return s.logAction(ctx, tx, s.now(), record.Action{Mediator: by, Kind: record.ActStructure})
	})
}

// setting reads one of this place's settings; ok is false when it was never
// set. Settings are kept per place, keyed by (place, key).
func (s *Store) setting(ctx context.Context, tx pgx.Tx, key string) (v string, ok bool, err error) {
	err = tx.QueryRow(ctx, "SELECT value FROM settings WHERE place_id = $1 AND key = $2", s.place, key).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", false, nil
	}
	return v, err == nil, err
}

// setSetting writes one of this place's settings.
func (s *Store) setSetting(ctx context.Context, tx pgx.Tx, key, value string) error {
	_, err := tx.Exec(ctx, `INSERT INTO settings (place_id, key, value) VALUES ($1, $2, $3)
		ON CONFLICT (place_id, key) DO UPDATE SET value = excluded.value`, s.place, key, value)
	return err
}

// manage runs a change to one learner's data with its journal line, in one
// transaction; a learner unknown here changes nothing. The learner's row is
// locked first, as in every write about a learner, without marking them
// seen: a médiateur's action is not a visit (it would defeat retention).
func (s *Store) manage(ctx context.Context, what string, a record.Action, fn func(pgx.Tx) error) error {
	return s.write(ctx, what, func(tx pgx.Tx) error {
		if err := s.lockLearner(ctx, tx, a.Learner); err != nil {
			return err
		}
		if err := fn(tx); err != nil {
			return err
		}
		return s.logAction(ctx, tx, s.now(), a)
	})
}

// lockLearner locks the row of a learner of this place (ErrNotFound for one
// unknown here) without changing it.
func (s *Store) lockLearner(ctx context.Context, tx pgx.Tx, id record.LearnerID) error {
	var one int
	err := tx.QueryRow(ctx, "SELECT 1 FROM learners WHERE id = $1 AND place_id = $2 FOR UPDATE",
		int64(id), s.place).Scan(&one)
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("learner %d: %w", id, record.ErrNotFound)
	}
	return err
}

// logAction writes a journal line of this place; the médiateur must be an
// account of this place, and their name is copied into the line.
func (s *Store) logAction(ctx context.Context, tx pgx.Tx, at time.Time, a record.Action) error {
	var name string
	err := tx.QueryRow(ctx, "SELECT name FROM mediators WHERE id = $1 AND place_id = $2", int64(a.Mediator), s.place).Scan(&name)
	if errors.Is(err, pgx.ErrNoRows) {
		return fmt.Errorf("médiateur %d: %w", a.Mediator, record.ErrNotFound)
	}
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `INSERT INTO mediator_actions
		(place_id, at, mediator_id, mediator_name, kind, learner_id, other_id, account_id, value)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		s.place, ms(at), int64(a.Mediator), name, string(a.Kind), int64(a.Learner), int64(a.Other),
		int64(a.OtherAccount), int64(a.Value))
	return err
}

// exportSpace reads the space's part of a learner's export: consent, the
// archive mark, ateliers, visits, notes, and this place's journal lines
// about them.
func (s *Store) exportSpace(ctx context.Context, tx pgx.Tx, id record.LearnerID) (record.ExportedSpace, error) {
	var e record.ExportedSpace
	var since, archived *int64
	err := tx.QueryRow(ctx, "SELECT shares, shares_since, archived_at FROM learner_space WHERE learner_id = $1", int64(id)).
		Scan(&e.Shares, &since, &archived)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return e, err
	}
	e.SharesSince, e.ArchivedAt = fromNullMS(since), fromNullMS(archived)
	if err := s.exportGroup(ctx, tx, id, &e); err != nil {
		return e, err
	}
	rows, err := tx.Query(ctx, `SELECT at, mediator_name, kind FROM mediator_actions
		WHERE place_id = $1 AND (learner_id = $2 OR other_id = $2) ORDER BY id`, s.place, int64(id))
	if err != nil {
		return e, err
	}
	defer rows.Close()
	e.Journal = []record.ExportedAction{}
	for rows.Next() {
		var a record.ExportedAction
		var at int64
		var kind string
		if err := rows.Scan(&at, &a.Mediator, &kind); err != nil {
			return e, err
		}
		a.At, a.Kind = fromMS(at), record.ActionKind(kind)
		e.Journal = append(e.Journal, a)
	}
	return e, rows.Err()
}
