package progress

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"pasapas/learning"
	"pasapas/record"
)

// Ateliers, calls, visits and notes (learning.Group), schema version 6.

var _ learning.Group = (*Store)(nil)
var _ learning.Logger = (*Store)(nil)

func jsonList(l []string) string {
	if l == nil {
		l = []string{}
	}
	b, _ := json.Marshal(l)
	return string(b)
}

func fromJSONList(s string) []string {
	var l []string
	_ = json.Unmarshal([]byte(s), &l)
	return l
}

// OpenRun records an opening and its journal line. It refuses a code
// another open atelier uses (learning.ErrCodeTaken): the check is in the
// write transaction, which SQLite runs one at a time, so two PCs opening
// the same atelier file at once cannot both pass it.
func (s *Store) OpenRun(ctx context.Context, r record.Run) (record.Run, error) {
	now := s.now()
	r.OpenedAt, r.ClosedAt = fromMS(ms(now)), time.Time{}
	err := s.write(ctx, "opening atelier", func(tx *sql.Tx) error {
		var taken bool
		// Open as record.Run.Open says: not closed, opened less than
		// RunHours ago.
		err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM atelier_runs
			WHERE code = ? AND closed_at IS NULL AND opened_at > ?)`,
			r.Code, ms(now.Add(-record.RunHours*time.Hour))).Scan(&taken)
		if err != nil {
			return err
		}
		if taken {
			return learning.ErrCodeTaken
		}
		err = tx.QueryRowContext(ctx, `INSERT INTO atelier_runs (atelier, title, code, level, thematiques, parcours,
			positioning, idle_minutes, opened_by, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			r.Atelier, r.Title, r.Code, r.Level, jsonList(r.Thematiques), jsonList(r.Parcours), jsonList(r.Positioning),
			r.IdleMinutes, r.OpenedBy, ms(now)).Scan(&r.ID)
		if err != nil {
			return err
		}
		return logAction(ctx, tx, now, record.Action{Mediator: r.OpenedBy, Kind: record.ActAtelierOpened, Value: int(r.ID)})
	})
	if err != nil {
		return record.Run{}, err
	}
	return r, nil
}

// CloseRun closes an opening (closing it again changes nothing but the
// journal).
func (s *Store) CloseRun(ctx context.Context, by record.MediatorID, id record.RunID) error {
	now := s.now()
	return s.write(ctx, "closing atelier", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE atelier_runs SET closed_at = coalesce(closed_at, ?) WHERE id = ?", ms(now), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return fmt.Errorf("atelier %d: %w", id, ErrNotFound)
		}
		return logAction(ctx, tx, now, record.Action{Mediator: by, Kind: record.ActAtelierClosed, Value: int(id)})
	})
}

// Runs are every opening, the newest first.
func (s *Store) Runs(ctx context.Context) ([]record.Run, error) {
	var out []record.Run
	err := s.read(ctx, "listing ateliers", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, atelier, title, code, level, thematiques, parcours, positioning,
			idle_minutes, opened_by, opened_at, closed_at FROM atelier_runs ORDER BY opened_at DESC, id DESC`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r record.Run
			var th, pa, po string
			var opened int64
			var closed sql.NullInt64
			if err := rows.Scan(&r.ID, &r.Atelier, &r.Title, &r.Code, &r.Level, &th, &pa, &po,
				&r.IdleMinutes, &r.OpenedBy, &opened, &closed); err != nil {
				return err
			}
			r.Thematiques, r.Parcours, r.Positioning = fromJSONList(th), fromJSONList(pa), fromJSONList(po)
			r.OpenedAt, r.ClosedAt = fromMS(opened), fromNullMS(closed)
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}

// JoinRun makes a learner a member, or changes their consent.
func (s *Store) JoinRun(ctx context.Context, id record.RunID, learner LearnerID, consent bool) error {
	now := s.now()
	return s.write(ctx, "joining atelier", func(tx *sql.Tx) error {
		if err := known(ctx, tx, learner); err != nil {
			return err
		}
		var one int
		if err := tx.QueryRowContext(ctx, "SELECT 1 FROM atelier_runs WHERE id = ?", id).Scan(&one); errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("atelier %d: %w", id, ErrNotFound)
		} else if err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO atelier_members (run_id, learner_id, joined_at, consent) VALUES (?, ?, ?, ?)
			ON CONFLICT (run_id, learner_id) DO UPDATE SET consent = excluded.consent`, id, learner, ms(now), consent)
		return err
	})
}

func (s *Store) queryMembers(ctx context.Context, what, where string, arg any) ([]record.Member, error) {
	var out []record.Member
	err := s.read(ctx, what, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT m.run_id, m.learner_id, l.name, m.joined_at, m.consent
			FROM atelier_members m JOIN learners l ON l.id = m.learner_id `+where, arg)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m record.Member
			var joined int64
			if err := rows.Scan(&m.Run, &m.Learner, &m.Name, &joined, &m.Consent); err != nil {
				return err
			}
			m.JoinedAt = fromMS(joined)
			out = append(out, m)
		}
		return rows.Err()
	})
	return out, err
}

// Members are a run's members, by name.
func (s *Store) Members(ctx context.Context, id record.RunID) ([]record.Member, error) {
	return s.queryMembers(ctx, "listing members", "WHERE m.run_id = ? ORDER BY l.name, l.id", id)
}

// Memberships are the runs a learner joined, the newest first.
func (s *Store) Memberships(ctx context.Context, learner LearnerID) ([]record.Member, error) {
	return s.queryMembers(ctx, "listing memberships", "WHERE m.learner_id = ? ORDER BY m.joined_at DESC, m.run_id DESC", learner)
}

// SetCall starts or ends a learner's call.
func (s *Store) SetCall(ctx context.Context, learner LearnerID, on bool) error {
	now := s.now()
	return s.write(ctx, "calling", func(tx *sql.Tx) error {
		if err := known(ctx, tx, learner); err != nil {
			return err
		}
		if !on {
			_, err := tx.ExecContext(ctx, "DELETE FROM calls WHERE learner_id = ?", learner)
			return err
		}
		_, err := tx.ExecContext(ctx, "INSERT INTO calls (learner_id, since) VALUES (?, ?) ON CONFLICT DO NOTHING", learner, ms(now))
		return err
	})
}

// Calls are the learners calling now, the first to call first.
func (s *Store) Calls(ctx context.Context) ([]record.Call, error) {
	var out []record.Call
	err := s.read(ctx, "listing calls", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, "SELECT learner_id, since FROM calls ORDER BY since, learner_id")
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c record.Call
			var since int64
			if err := rows.Scan(&c.Learner, &since); err != nil {
				return err
			}
			c.Since = fromMS(since)
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

// StartVisit begins a visit now.
func (s *Store) StartVisit(ctx context.Context, v record.Visit) (record.VisitID, error) {
	now := s.now()
	var id record.VisitID
	err := s.write(ctx, "starting visit", func(tx *sql.Tx) error {
		if err := known(ctx, tx, v.Learner); err != nil {
			return err
		}
		// A visit nobody ended (a power cut, a program closed without
		// « Terminer ma séance », the learner gone to another PC) ends
		// now, at their last activity in it: the learner is not « here »
		// twice.
		if err := endLeftVisits(ctx, tx, v.Learner, now); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, "INSERT INTO visits (learner_id, started_at, place, run_id) VALUES (?, ?, ?, ?) RETURNING id",
			v.Learner, ms(now), v.Place, v.Run).Scan(&id)
	})
	return id, err
}

// endLeftVisits ends the learner's visits nobody ended, each at the
// learner's last activity before their next visit (the one starting now for
// the last of them), clamped by record.LeftVisitEnd.
func endLeftVisits(ctx context.Context, tx *sql.Tx, learner LearnerID, now time.Time) error {
	type left struct {
		id, start int64
		next      sql.NullInt64
	}
	var open []left
	rows, err := tx.QueryContext(ctx, "SELECT id, started_at FROM visits WHERE learner_id = ? AND ended_at IS NULL", learner)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var l left
		if err := rows.Scan(&l.id, &l.start); err != nil {
			return err
		}
		open = append(open, l)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, l := range open {
		// The learner's next visit, in the order Visits lists them.
		if err := tx.QueryRowContext(ctx, `SELECT min(started_at) FROM visits
			WHERE learner_id = ?1 AND started_at >= ?2 AND (started_at > ?2 OR id > ?3)`,
			learner, l.start, l.id).Scan(&l.next); err != nil {
			return err
		}
		// Activity after the start of the visit that follows is that
		// visit's; after the last one's start (no next yet), it is still
		// this one's, whatever the PC's clock said.
		until, next := int64(math.MaxInt64), now
		if l.next.Valid {
			until, next = l.next.Int64, fromMS(l.next.Int64)
		}
		var last sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT max(t) FROM (
			SELECT max(at) AS t FROM answers WHERE learner_id = ?1 AND at >= ?2 AND at < ?3
			UNION ALL SELECT max(updated_at) FROM lesson_progress WHERE learner_id = ?1 AND updated_at >= ?2 AND updated_at < ?3
			UNION ALL SELECT max(started_at) FROM tests WHERE learner_id = ?1 AND started_at >= ?2 AND started_at < ?3
			UNION ALL SELECT max(finished_at) FROM tests WHERE learner_id = ?1 AND finished_at >= ?2 AND finished_at < ?3)`,
			learner, l.start, until).Scan(&last); err != nil {
			return err
		}
		end := record.LeftVisitEnd(fromMS(l.start), fromNullMS(last), next)
		if _, err := tx.ExecContext(ctx, "UPDATE visits SET ended_at = ? WHERE id = ?", ms(end), l.id); err != nil {
			return err
		}
	}
	return nil
}

// EndVisit ends a visit now, once.
func (s *Store) EndVisit(ctx context.Context, id record.VisitID) error {
	now := s.now()
	return s.write(ctx, "ending visit", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, "UPDATE visits SET ended_at = max(started_at, ?) WHERE id = ? AND ended_at IS NULL", ms(now), id)
		return err
	})
}

// Visits are a learner's visits (everyone's for 0), the oldest first.
func (s *Store) Visits(ctx context.Context, learner LearnerID) ([]record.Visit, error) {
	var out []record.Visit
	err := s.read(ctx, "listing visits", func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, learner_id, started_at, ended_at, place, run_id FROM visits
			WHERE ?1 = 0 OR learner_id = ?1 ORDER BY started_at, id`, learner)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var v record.Visit
			var start int64
			var end sql.NullInt64
			if err := rows.Scan(&v.ID, &v.Learner, &start, &end, &v.Place, &v.Run); err != nil {
				return err
			}
			v.Start, v.End = fromMS(start), fromNullMS(end)
			out = append(out, v)
		}
		return rows.Err()
	})
	return out, err
}

// AddNote writes a note and its journal line.
func (s *Store) AddNote(ctx context.Context, by record.MediatorID, learner LearnerID, text string) (record.Note, error) {
	now := s.now()
	n := record.Note{Learner: learner, Mediator: by, At: fromMS(ms(now)), Text: text}
	err := s.manage(ctx, "writing note", record.Action{Mediator: by, Kind: record.ActNoteAdded, Learner: learner}, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, "SELECT name FROM mediators WHERE id = ?", by).Scan(&n.MediatorName); errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("médiateur %d: %w", by, ErrNotFound)
		} else if err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `INSERT INTO mediator_notes (learner_id, mediator_id, mediator_name, at, text)
			VALUES (?, ?, ?, ?, ?) RETURNING id`, learner, by, n.MediatorName, ms(now), text).Scan(&n.ID)
	})
	if err != nil {
		return record.Note{}, err
	}
	return n, nil
}

// Notes are a learner's notes, the oldest first.
func (s *Store) Notes(ctx context.Context, learner LearnerID) ([]record.Note, error) {
	var out []record.Note
	err := s.read(ctx, "listing notes", func(tx *sql.Tx) error {
		var err error
		out, err = queryNotes(ctx, tx, learner)
		return err
	})
	return out, err
}

func queryNotes(ctx context.Context, tx *sql.Tx, learner LearnerID) ([]record.Note, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, learner_id, mediator_id, mediator_name, at, text FROM mediator_notes
		WHERE learner_id = ? ORDER BY at, id`, learner)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []record.Note
	for rows.Next() {
		var n record.Note
		var at int64
		if err := rows.Scan(&n.ID, &n.Learner, &n.Mediator, &n.MediatorName, &at, &n.Text); err != nil {
			return nil, err
		}
		n.At = fromMS(at)
		out = append(out, n)
	}
	return out, rows.Err()
}

// RecentAnswers are a learner's last n answers, the newest first.
func (s *Store) RecentAnswers(ctx context.Context, learner LearnerID, n int) ([]record.Answer, error) {
	var out []record.Answer
	err := s.read(ctx, "reading answers", func(tx *sql.Tx) error {
		var err error
		out, err = queryAnswers(ctx, tx, "WHERE learner_id = ? ORDER BY id DESC LIMIT ?", int64(learner), n)
		return err
	})
	return out, err
}

// exportGroup adds the ateliers joined, the visits and the notes to a
// learner's export.
func exportGroup(ctx context.Context, tx *sql.Tx, id LearnerID, e *ExportedSpace) error {
	e.Ateliers, e.Visits, e.Notes = []record.ExportedMembership{}, []record.ExportedVisit{}, []record.ExportedNote{}
	rows, err := tx.QueryContext(ctx, `SELECT r.atelier, r.title, m.joined_at, m.consent FROM atelier_members m
		JOIN atelier_runs r ON r.id = m.run_id WHERE m.learner_id = ? ORDER BY m.joined_at, r.id`, id)
	if err != nil {
		return err
	}
	for rows.Next() {
		var m record.ExportedMembership
		var at int64
		if err := rows.Scan(&m.Atelier, &m.Title, &at, &m.Consent); err != nil {
			rows.Close()
			return err
		}
		m.JoinedAt = fromMS(at)
		e.Ateliers = append(e.Ateliers, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = tx.QueryContext(ctx, `SELECT v.started_at, v.ended_at, v.place, coalesce(r.atelier, '') FROM visits v
		LEFT JOIN atelier_runs r ON r.id = v.run_id WHERE v.learner_id = ? ORDER BY v.started_at, v.id`, id)
	if err != nil {
		return err
	}
	for rows.Next() {
		var v record.ExportedVisit
		var start int64
		var end sql.NullInt64
		if err := rows.Scan(&start, &end, &v.Place, &v.Atelier); err != nil {
			rows.Close()
			return err
		}
		v.Start, v.End = fromMS(start), fromNullMS(end)
		e.Visits = append(e.Visits, v)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var since sql.NullInt64
	if err := tx.QueryRowContext(ctx, "SELECT since FROM calls WHERE learner_id = ?", id).Scan(&since); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	e.CallingSince = fromNullMS(since)
	notes, err := queryNotes(ctx, tx, id)
	if err != nil {
		return err
	}
	for _, n := range notes {
		e.Notes = append(e.Notes, record.ExportedNote{At: n.At, Mediator: n.MediatorName, Text: n.Text})
	}
	return nil
}
