package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/jackc/pgx/v5"

	"pasapas/i18n"
	"pasapas/lessons"
	"pasapas/progress"
	"pasapas/record"
)

// maxNameLen bounds a display name, in characters, as every store.
const maxNameLen = record.MaxName

// CreateLearner adds a profile to this place. pin is "" for none.
func (s *Store) CreateLearner(ctx context.Context, name, pin string, p record.Prefs) (record.Learner, error) {
	name, err := cleanText(name, maxNameLen)
	if err != nil {
		return record.Learner{}, fmt.Errorf("postgres: new learner: name: %w", err)
	}
	if p, err = cleanPrefs(p); err != nil {
		return record.Learner{}, fmt.Errorf("postgres: new learner: %w", err)
	}
	var hash *string
	if pin != "" {
		h, err := progress.HashPIN(pin)
		if err != nil {
			return record.Learner{}, fmt.Errorf("postgres: new learner: %w", err)
		}
		hash = &h
	}
	now := ms(s.now())
	var id int64
	err = s.write(ctx, "new learner", func(tx pgx.Tx) error {
		return tx.QueryRow(ctx, `INSERT INTO learners
			(place_id, name, pin_hash, lang, theme, device, mouse, created_at, last_seen)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id`,
			s.place, name, hash, string(p.Lang), p.Theme, string(p.Device), p.Mouse, now).Scan(&id)
	})
	if err != nil {
		return record.Learner{}, err
	}
	return record.Learner{ID: record.LearnerID(id), Name: name, HasPIN: pin != "", Prefs: p,
		CreatedAt: fromMS(now), LastSeen: fromMS(now)}, nil
}

func (s *Store) loadLearner(ctx context.Context, tx pgx.Tx, id record.LearnerID) (record.Learner, error) {
	var l record.Learner
	var lid, created, seen int64
	var lang, device string
	err := tx.QueryRow(ctx, `SELECT id, name, pin_hash IS NOT NULL, lang, theme, device, mouse, created_at, last_seen
		FROM learners WHERE id = $1 AND place_id = $2`, int64(id), s.place).
		Scan(&lid, &l.Name, &l.HasPIN, &lang, &l.Prefs.Theme, &device, &l.Prefs.Mouse, &created, &seen)
	if errors.Is(err, pgx.ErrNoRows) {
		return l, fmt.Errorf("learner %d: %w", id, record.ErrNotFound)
	}
	if err != nil {
		return l, err
	}
	l.ID = record.LearnerID(lid)
	l.Prefs.Lang, l.Prefs.Device = i18n.Lang(lang), lessons.Device(device)
	l.CreatedAt, l.LastSeen = fromMS(created), fromMS(seen)
	return l, nil
}

// Learners lists this place's profiles, the most recently seen first.
func (s *Store) Learners(ctx context.Context) ([]record.LearnerSummary, error) {
	var out []record.LearnerSummary
	err := s.read(ctx, "listing learners", func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT l.id, l.name, l.pin_hash IS NOT NULL, l.last_seen,
			(SELECT count(*) FROM lesson_progress p WHERE p.learner_id = l.id AND p.done),
			(SELECT count(*) FROM tests t WHERE t.learner_id = l.id
				AND t.finished_at IS NOT NULL AND t.level IS NOT NULL)
			FROM learners l WHERE l.place_id = $1 ORDER BY l.last_seen DESC, l.id`, s.place)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var sum record.LearnerSummary
			var id, seen, lessonsDone, tests int64
			if err := rows.Scan(&id, &sum.Name, &sum.HasPIN, &seen, &lessonsDone, &tests); err != nil {
				return err
			}
			sum.ID, sum.LastSeen = record.LearnerID(id), fromMS(seen)
			sum.LessonsDone, sum.TestsTaken = int(lessonsDone), int(tests)
			out = append(out, sum)
		}
		return rows.Err()
	})
	return out, err
}

// Seen marks a learner as here now.
func (s *Store) Seen(ctx context.Context, id record.LearnerID) error {
	return s.write(ctx, "marking learner seen", func(tx pgx.Tx) error {
		return s.touch(ctx, tx, id, s.now())
	})
}

// SetPrefs saves a learner's settings; empty fields take their defaults.
func (s *Store) SetPrefs(ctx context.Context, id record.LearnerID, p record.Prefs) error {
	p, err := cleanPrefs(p)
	if err != nil {
		return fmt.Errorf("postgres: saving preferences: %w", err)
	}
	return s.write(ctx, "saving preferences", func(tx pgx.Tx) error {
		if err := s.touch(ctx, tx, id, s.now()); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, "UPDATE learners SET lang = $1, theme = $2, device = $3, mouse = $4 WHERE id = $5",
			string(p.Lang), p.Theme, string(p.Device), p.Mouse, int64(id))
		return err
	})
}

func cleanPrefs(p record.Prefs) (record.Prefs, error) {
	if p.Lang == "" {
		p.Lang = i18n.FR
	}
	if !slices.Contains(i18n.All, p.Lang) {
		return p, fmt.Errorf("language %q: %w", p.Lang, record.ErrInvalid)
	}
	if p.Device != "" && !slices.Contains(lessons.Devices, p.Device) {
		return p, fmt.Errorf("device %q: %w", p.Device, record.ErrInvalid)
	}
	if len(p.Theme) > 40 || strings.ContainsFunc(p.Theme, unicode.IsControl) {
		return p, fmt.Errorf("theme %q: %w", p.Theme, record.ErrInvalid)
	}
	return p, nil
}

// SetPIN sets, changes or (with "") removes a learner's PIN, and clears the
// failure count.
func (s *Store) SetPIN(ctx context.Context, id record.LearnerID, pin string) error {
	var hash *string
	if pin != "" {
		h, err := progress.HashPIN(pin)
		if err != nil {
			return fmt.Errorf("postgres: setting PIN: %w", err)
		}
		hash = &h
	}
	return s.write(ctx, "setting PIN", func(tx pgx.Tx) error {
		if err := s.touch(ctx, tx, id, s.now()); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, "UPDATE learners SET pin_hash = $1, pin_failures = 0, pin_locked_until = 0 WHERE id = $2",
			hash, int64(id))
		return err
	})
}

// CheckPIN checks a learner's PIN, with progress's policy: nil when right
// or none, a *record.PINError when wrong or while a wait runs. The
// learner's row is locked for the whole check: two PCs guessing at once are
// counted one after the other.
func (s *Store) CheckPIN(ctx context.Context, id record.LearnerID, pin string) error {
	var refused *record.PINError
	err := s.write(ctx, "checking PIN", func(tx pgx.Tx) error {
		refused = nil
		var hash *string
		var failures int
		var lockedUntil int64
		err := tx.QueryRow(ctx, `SELECT pin_hash, pin_failures, pin_locked_until FROM learners
			WHERE id = $1 AND place_id = $2 FOR UPDATE`, int64(id), s.place).Scan(&hash, &failures, &lockedUntil)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("learner %d: %w", id, record.ErrNotFound)
		}
		if err != nil || hash == nil {
			return err
		}
		now := s.now()
		st, capped, locked := record.PINState{Failures: failures, LockedUntil: fromMS(lockedUntil)}.Gate(now)
		if capped {
			if _, err := tx.Exec(ctx, "UPDATE learners SET pin_locked_until = $1 WHERE id = $2", ms(st.LockedUntil), int64(id)); err != nil {
				return err
			}
		}
		if locked != nil {
			refused = locked
			return nil
		}
		ok, err := progress.VerifyPIN(*hash, pin)
		if err != nil {
			return err
		}
		if ok {
			_, err = tx.Exec(ctx, "UPDATE learners SET pin_failures = 0, pin_locked_until = 0, last_seen = $1 WHERE id = $2",
				ms(now), int64(id))
			return err
		}
		st, refused = st.Wrong(now)
		_, err = tx.Exec(ctx, "UPDATE learners SET pin_failures = $1, pin_locked_until = $2 WHERE id = $3",
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

// Erase deletes a learner of this place and every row of theirs: one
// DELETE, which cascades to every table holding a learner_id. The rows are
// gone for every query at once; the server reclaims their space at its next
// VACUUM (autovacuum), and backups keep them until they are rotated (see
// docs/reseau.md). The anonymous per-question counts stay. Then the
// learner's export files and printed pages in this PC's data folder go
// (Options.FilesDir); those on other PCs are out of reach.
func (s *Store) Erase(ctx context.Context, id record.LearnerID) error {
	var l record.Learner
	err := s.write(ctx, "erasing learner", func(tx pgx.Tx) error {
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

// eraseRows deletes a learner of this place, and returns who they were
// (for their files).
func (s *Store) eraseRows(ctx context.Context, tx pgx.Tx, id record.LearnerID) (record.Learner, error) {
	l, err := s.loadLearner(ctx, tx, id)
	if err != nil {
		return l, err
	}
	tag, err := tx.Exec(ctx, "DELETE FROM learners WHERE id = $1 AND place_id = $2", int64(id), s.place)
	if err != nil {
		return l, err
	}
	if tag.RowsAffected() == 0 {
		return l, fmt.Errorf("learner %d: %w", id, record.ErrNotFound)
	}
	return l, nil
}

// removeFiles removes an erased learner's files from this PC's data folder;
// files it could not remove give a *progress.EraseError (the learner is
// erased on the server all the same).
func (s *Store) removeFiles(l record.Learner) error {
	if s.filesDir == "" {
		return nil
	}
	left, err := progress.RemoveLearnerFiles(s.filesDir, l, s.now())
	if err != nil {
		return &progress.EraseError{FilesLeft: left, Cause: err}
	}
	return nil
}
