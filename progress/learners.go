package progress

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"pasapas/i18n"
	"pasapas/lessons"
	"pasapas/record"
)

// CreateLearner adds a profile. pin is "" for none, or 4 to 6 digits. Empty
// prefs fields take their defaults (French, default theme).
func (s *Store) CreateLearner(ctx context.Context, name, pin string, p Prefs) (Learner, error) {
	name, err := record.CleanName(name, record.MaxName)
	if err != nil {
		return Learner{}, fmt.Errorf("progress: new learner: %w", err)
	}
	p, err = cleanPrefs(p)
	if err != nil {
		return Learner{}, fmt.Errorf("progress: new learner: %w", err)
	}
	var hash any
	if pin != "" {
		h, err := hashPIN(pin)
		if err != nil {
			return Learner{}, fmt.Errorf("progress: new learner: %w", err)
		}
		hash = h
	}
	now := s.now()
	var id int64
	err = s.write(ctx, "new learner", func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `INSERT INTO learners
			(name, pin_hash, lang, theme, device, mouse, created_at, last_seen)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			name, hash, string(p.Lang), p.Theme, string(p.Device), p.Mouse, ms(now), ms(now)).Scan(&id)
	})
	if err != nil {
		return Learner{}, err
	}
	return Learner{ID: LearnerID(id), Name: name, HasPIN: pin != "", Prefs: p,
		CreatedAt: fromMS(ms(now)), LastSeen: fromMS(ms(now))}, nil
}

// Learner returns one profile.
func (s *Store) Learner(ctx context.Context, id LearnerID) (Learner, error) {
	var l Learner
	err := s.read(ctx, "reading learner", func(tx *sql.Tx) error {
		var err error
		l, err = loadLearner(ctx, tx, id)
		return err
	})
	return l, err
}

func loadLearner(ctx context.Context, tx *sql.Tx, id LearnerID) (Learner, error) {
	var l Learner
	var lang, device string
	var created, seen int64
	err := tx.QueryRowContext(ctx, `SELECT id, name, pin_hash IS NOT NULL, lang, theme, device, mouse,
		created_at, last_seen FROM learners WHERE id = ?`, id).
		Scan(&l.ID, &l.Name, &l.HasPIN, &lang, &l.Prefs.Theme, &device, &l.Prefs.Mouse, &created, &seen)
	if errors.Is(err, sql.ErrNoRows) {
		return l, fmt.Errorf("learner %d: %w", id, ErrLearnerGone)
	}
	if err != nil {
		return l, err
	}
	l.Prefs.Lang, l.Prefs.Device = i18n.Lang(lang), lessons.Device(device)
	l.CreatedAt, l.LastSeen = fromMS(created), fromMS(seen)
	return l, nil
}

// Learners lists every profile with its summary, the most recently seen
// first: the person coming back finds their name at the top.
func (s *Store) Learners(ctx context.Context) ([]LearnerSummary, error) {
	var out []LearnerSummary
	err := s.read(ctx, "listing learners", func(tx *sql.Tx) error {
		// Correlated counts use the primary key of lesson_progress and the
		// index tests_by_learner: a few index lookups per learner.
		rows, err := tx.QueryContext(ctx, `SELECT l.id, l.name, l.pin_hash IS NOT NULL, l.last_seen,
			(SELECT count(*) FROM lesson_progress p WHERE p.learner_id = l.id AND p.done),
			(SELECT count(*) FROM tests t WHERE t.learner_id = l.id
				AND t.finished_at IS NOT NULL AND t.level IS NOT NULL)
			FROM learners l ORDER BY l.last_seen DESC, l.id`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var sum LearnerSummary
			var seen int64
			if err := rows.Scan(&sum.ID, &sum.Name, &sum.HasPIN, &seen, &sum.LessonsDone, &sum.TestsTaken); err != nil {
				return err
			}
			sum.LastSeen = fromMS(seen)
			out = append(out, sum)
		}
		return rows.Err()
	})
	return out, err
}

// Seen records that a learner opened their profile now, so the list shows
// them first next time even if they did nothing else.
func (s *Store) Seen(ctx context.Context, id LearnerID) error {
	return s.write(ctx, "marking learner seen", func(tx *sql.Tx) error {
		return touch(ctx, tx, id, s.now())
	})
}

// Rename changes a learner's display name.
func (s *Store) Rename(ctx context.Context, id LearnerID, name string) error {
	name, err := record.CleanName(name, record.MaxName)
	if err != nil {
		return fmt.Errorf("progress: renaming: %w", err)
	}
	return s.write(ctx, "renaming", func(tx *sql.Tx) error {
		if err := touch(ctx, tx, id, s.now()); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "UPDATE learners SET name = ? WHERE id = ?", name, id)
		return err
	})
}

// SetPrefs saves a learner's settings. Empty fields take their defaults.
func (s *Store) SetPrefs(ctx context.Context, id LearnerID, p Prefs) error {
	p, err := cleanPrefs(p)
	if err != nil {
		return fmt.Errorf("progress: saving preferences: %w", err)
	}
	return s.write(ctx, "saving preferences", func(tx *sql.Tx) error {
		if err := touch(ctx, tx, id, s.now()); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "UPDATE learners SET lang = ?, theme = ?, device = ?, mouse = ? WHERE id = ?",
			string(p.Lang), p.Theme, string(p.Device), p.Mouse, id)
		return err
	})
}

func cleanPrefs(p Prefs) (Prefs, error) {
	if p.Lang == "" {
		p.Lang = i18n.FR
	}
	if !slices.Contains(i18n.All, p.Lang) {
		return p, fmt.Errorf("language %q: %w", p.Lang, ErrInvalid)
	}
	if p.Device != "" && !slices.Contains(lessons.Devices, p.Device) {
		return p, fmt.Errorf("device %q: %w", p.Device, ErrInvalid)
	}
	if len(p.Theme) > 40 || strings.ContainsFunc(p.Theme, unicode.IsControl) {
		return p, fmt.Errorf("theme %q: %w", p.Theme, ErrInvalid)
	}
	return p, nil
}
