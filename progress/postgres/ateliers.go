package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/jackc/pgx/v5"

	"pasapas/learning"
	"pasapas/record"
)

// Ateliers, calls, visits and notes (learning.Group) on the shared store,
// with the semantics of the progress file's (progress/ateliers.go), scoped
// to the store's place: its ateliers, and only its learners. The writes the
// group view shows send a notification to the place's PCs (notify.go).

var _ learning.Group = (*Store)(nil)

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

// OpenRun records an opening in this place and its journal line, and tells
// the place's PCs (their lists of open ateliers, their group views).
func (s *Store) OpenRun(ctx context.Context, r record.Run) (record.Run, error) {
	now := s.now()
	r.OpenedAt, r.ClosedAt = fromMS(ms(now)), time.Time{}
	for _, t := range append([]string{r.Atelier, r.Title, r.Code, r.Level}, append(r.Thematiques, append(r.Parcours, r.Positioning...)...)...) {
		if containsNUL(t) {
			return record.Run{}, fmt.Errorf("postgres: opening atelier: a NUL character: %w", record.ErrInvalid)
		}
	}
	err := s.write(ctx, "opening atelier", func(tx pgx.Tx) error {
		// Two PCs of the place opening the same atelier file at once: the
		// place's row is locked, so the second sees the first's run and is
		// refused (learning.ErrCodeTaken). Open as record.Run.Open says.
		if err := s.lockPlace(ctx, tx); err != nil {
			return err
		}
		var taken bool
		err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM atelier_runs
			WHERE place_id = $1 AND code = $2 AND closed_at IS NULL AND opened_at > $3)`,
			s.place, r.Code, ms(now.Add(-record.RunHours*time.Hour))).Scan(&taken)
		if err != nil {
			return err
		}
		if taken {
			return learning.ErrCodeTaken
		}
		err = tx.QueryRow(ctx, `INSERT INTO atelier_runs (place_id, atelier, title, code, level, thematiques, parcours,
			positioning, idle_minutes, opened_by, opened_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
			s.place, r.Atelier, r.Title, r.Code, r.Level, jsonList(r.Thematiques), jsonList(r.Parcours), jsonList(r.Positioning),
			r.IdleMinutes, int64(r.OpenedBy), ms(now)).Scan(&r.ID)
		if err != nil {
			return err
		}
		if err := s.logAction(ctx, tx, now, record.Action{Mediator: r.OpenedBy, Kind: record.ActAtelierOpened, Value: int(r.ID)}); err != nil {
			return err
		}
		return s.notify(ctx, tx, changeRun)
	})
	if err != nil {
		return record.Run{}, err
	}
	return r, nil
}

// CloseRun closes an opening of this place (closing it again changes
// nothing but the journal), and tells the place's PCs.
func (s *Store) CloseRun(ctx context.Context, by record.MediatorID, id record.RunID) error {
	now := s.now()
	return s.write(ctx, "closing atelier", func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, "UPDATE atelier_runs SET closed_at = coalesce(closed_at, $1) WHERE id = $2 AND place_id = $3",
			ms(now), int64(id), s.place)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return fmt.Errorf("atelier %d: %w", id, record.ErrNotFound)
		}
		if err := s.logAction(ctx, tx, now, record.Action{Mediator: by, Kind: record.ActAtelierClosed, Value: int(id)}); err != nil {
			return err
		}
		return s.notify(ctx, tx, changeRun)
	})
}

// Runs are this place's openings, the newest first.
func (s *Store) Runs(ctx context.Context) ([]record.Run, error) {
	var out []record.Run
	err := s.read(ctx, "listing ateliers", func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT id, atelier, title, code, level, thematiques, parcours, positioning,
			idle_minutes, opened_by, opened_at, closed_at FROM atelier_runs WHERE place_id = $1
			ORDER BY opened_at DESC, id DESC`, s.place)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var r record.Run
			var th, pa, po string
			var opened int64
			var closed *int64
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

// JoinRun makes a learner of this place a member of one of its runs, or
// changes their consent.
func (s *Store) JoinRun(ctx context.Context, id record.RunID, learner record.LearnerID, consent bool) error {
	now := s.now()
	return s.write(ctx, "joining atelier", func(tx pgx.Tx) error {
		if err := s.lockLearner(ctx, tx, learner); err != nil {
			return err
		}
		var one int
		err := tx.QueryRow(ctx, "SELECT 1 FROM atelier_runs WHERE id = $1 AND place_id = $2", int64(id), s.place).Scan(&one)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("atelier %d: %w", id, record.ErrNotFound)
		}
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO atelier_members (run_id, learner_id, joined_at, consent) VALUES ($1, $2, $3, $4)
			ON CONFLICT (run_id, learner_id) DO UPDATE SET consent = excluded.consent`,
			int64(id), int64(learner), ms(now), consent); err != nil {
			return err
		}
		return s.notify(ctx, tx, changeConsent)
	})
}

func (s *Store) queryMembers(ctx context.Context, what, where string, arg int64) ([]record.Member, error) {
	var out []record.Member
	err := s.read(ctx, what, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT m.run_id, m.learner_id, l.name, m.joined_at, m.consent
			FROM atelier_members m JOIN learners l ON l.id = m.learner_id
			WHERE l.place_id = $1 AND `+where, s.place, arg)
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
	return s.queryMembers(ctx, "listing members", "m.run_id = $2 ORDER BY l.name, l.id", int64(id))
}

// Memberships are the runs a learner joined, the newest first.
func (s *Store) Memberships(ctx context.Context, learner record.LearnerID) ([]record.Member, error) {
	return s.queryMembers(ctx, "listing memberships", "m.learner_id = $2 ORDER BY m.joined_at DESC, m.run_id DESC", int64(learner))
}

// SetCall starts or ends a learner's call; the place's group views hear of
// it at once.
func (s *Store) SetCall(ctx context.Context, learner record.LearnerID, on bool) error {
	now := s.now()
	return s.write(ctx, "calling", func(tx pgx.Tx) error {
		if err := s.lockLearner(ctx, tx, learner); err != nil {
			return err
		}
		var err error
		if on {
			_, err = tx.Exec(ctx, "INSERT INTO calls (learner_id, since) VALUES ($1, $2) ON CONFLICT DO NOTHING",
				int64(learner), ms(now))
		} else {
			_, err = tx.Exec(ctx, "DELETE FROM calls WHERE learner_id = $1", int64(learner))
		}
		if err != nil {
			return err
		}
		return s.notify(ctx, tx, changeCall)
	})
}

// Calls are this place's learners calling now, the first to call first.
func (s *Store) Calls(ctx context.Context) ([]record.Call, error) {
	var out []record.Call
	err := s.read(ctx, "listing calls", func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT c.learner_id, c.since FROM calls c JOIN learners l ON l.id = c.learner_id
			WHERE l.place_id = $1 ORDER BY c.since, c.learner_id`, s.place)
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
	if containsNUL(v.Place) {
		return 0, fmt.Errorf("postgres: starting visit: a NUL character: %w", record.ErrInvalid)
	}
	now := s.now()
	var id record.VisitID
	err := s.write(ctx, "starting visit", func(tx pgx.Tx) error {
		if err := s.lockLearner(ctx, tx, v.Learner); err != nil {
			return err
		}
		// A visit nobody ended (a power cut, a program closed without
		// « Terminer ma séance », the learner gone to another PC) ends
		// now, at their last activity in it: the learner is not « here »
		// twice.
		if err := endLeftVisits(ctx, tx, v.Learner, now); err != nil {
			return err
		}
		if err := tx.QueryRow(ctx, `INSERT INTO visits (learner_id, started_at, place, run_id) VALUES ($1, $2, $3, $4)
			RETURNING id`, int64(v.Learner), ms(now), v.Place, int64(v.Run)).Scan(&id); err != nil {
			return err
		}
		return s.notify(ctx, tx, changeVisit)
	})
	return id, err
}

// endLeftVisits ends the learner's visits nobody ended, each at the
// learner's last activity before their next visit (the one starting now for
// the last of them), clamped by record.LeftVisitEnd. The caller holds the
// learner's lock.
func endLeftVisits(ctx context.Context, tx pgx.Tx, learner record.LearnerID, now time.Time) error {
	type left struct {
		id, start int64
		next      *int64
	}
	var open []left
	rows, err := tx.Query(ctx, "SELECT id, started_at FROM visits WHERE learner_id = $1 AND ended_at IS NULL", int64(learner))
	if err != nil {
		return err
	}
	for rows.Next() {
		var l left
		if err := rows.Scan(&l.id, &l.start); err != nil {
			rows.Close()
			return err
		}
		open = append(open, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, l := range open {
		// The learner's next visit, in the order Visits lists them.
		if err := tx.QueryRow(ctx, `SELECT min(started_at) FROM visits
			WHERE learner_id = $1 AND started_at >= $2 AND (started_at > $2 OR id > $3)`,
			int64(learner), l.start, l.id).Scan(&l.next); err != nil {
			return err
		}
		// Activity after the start of the visit that follows is that
		// visit's; after the last one's start (no next yet), it is still
		// this one's, whatever the PC's clock said.
		until, next := int64(math.MaxInt64), now
		if l.next != nil {
			until, next = *l.next, fromMS(*l.next)
		}
		var last *int64
		if err := tx.QueryRow(ctx, `SELECT greatest(
			(SELECT max(at) FROM answers WHERE learner_id = $1 AND at >= $2 AND at < $3),
			(SELECT max(updated_at) FROM lesson_progress WHERE learner_id = $1 AND updated_at >= $2 AND updated_at < $3),
			(SELECT max(started_at) FROM tests WHERE learner_id = $1 AND started_at >= $2 AND started_at < $3),
			(SELECT max(finished_at) FROM tests WHERE learner_id = $1 AND finished_at >= $2 AND finished_at < $3))`,
			int64(learner), l.start, until).Scan(&last); err != nil {
			return err
		}
		end := record.LeftVisitEnd(fromMS(l.start), fromNullMS(last), next)
		if _, err := tx.Exec(ctx, "UPDATE visits SET ended_at = $1 WHERE id = $2", ms(end), l.id); err != nil {
			return err
		}
	}
	return nil
}

// EndVisit ends a visit of this place now, once.
func (s *Store) EndVisit(ctx context.Context, id record.VisitID) error {
	now := s.now()
	return s.write(ctx, "ending visit", func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE visits v SET ended_at = greatest(v.started_at, $1)
			FROM learners l WHERE v.id = $2 AND v.ended_at IS NULL AND l.id = v.learner_id AND l.place_id = $3`,
			ms(now), int64(id), s.place)
		if err != nil || tag.RowsAffected() == 0 {
			return err
		}
		return s.notify(ctx, tx, changeVisit)
	})
}

// Visits are a learner's visits (everyone's of this place for 0), the
// oldest first.
func (s *Store) Visits(ctx context.Context, learner record.LearnerID) ([]record.Visit, error) {
	var out []record.Visit
	err := s.read(ctx, "listing visits", func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT v.id, v.learner_id, v.started_at, v.ended_at, v.place, v.run_id
			FROM visits v JOIN learners l ON l.id = v.learner_id
			WHERE l.place_id = $1 AND ($2 = 0 OR v.learner_id = $2) ORDER BY v.started_at, v.id`, s.place, int64(learner))
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var v record.Visit
			var start int64
			var end *int64
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

// AddNote writes a note about a learner of this place and its journal line.
func (s *Store) AddNote(ctx context.Context, by record.MediatorID, learner record.LearnerID, text string) (record.Note, error) {
	if containsNUL(text) {
		return record.Note{}, fmt.Errorf("postgres: writing note: a NUL character: %w", record.ErrInvalid)
	}
	now := s.now()
	n := record.Note{Learner: learner, Mediator: by, At: fromMS(ms(now)), Text: text}
	err := s.manage(ctx, "writing note", record.Action{Mediator: by, Kind: record.ActNoteAdded, Learner: learner}, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, "SELECT name FROM mediators WHERE id = $1 AND place_id = $2", int64(by), s.place).Scan(&n.MediatorName)
		if errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("médiateur %d: %w", by, record.ErrNotFound)
		}
		if err != nil {
			return err
		}
		return tx.QueryRow(ctx, `INSERT INTO mediator_notes (learner_id, mediator_id, mediator_name, at, text)
			VALUES ($1, $2, $3, $4, $5) RETURNING id`, int64(learner), int64(by), n.MediatorName, ms(now), text).Scan(&n.ID)
	})
	if err != nil {
		return record.Note{}, err
	}
	return n, nil
}

// Notes are a learner's notes, the oldest first (none for a learner of
// another place).
func (s *Store) Notes(ctx context.Context, learner record.LearnerID) ([]record.Note, error) {
	var out []record.Note
	err := s.read(ctx, "listing notes", func(tx pgx.Tx) error {
		var err error
		out, err = s.queryNotes(ctx, tx, learner)
		return err
	})
	return out, err
}

func (s *Store) queryNotes(ctx context.Context, tx pgx.Tx, learner record.LearnerID) ([]record.Note, error) {
	rows, err := tx.Query(ctx, `SELECT n.id, n.learner_id, n.mediator_id, n.mediator_name, n.at, n.text
		FROM mediator_notes n JOIN learners l ON l.id = n.learner_id
		WHERE l.place_id = $1 AND n.learner_id = $2 ORDER BY n.at, n.id`, s.place, int64(learner))
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
func (s *Store) RecentAnswers(ctx context.Context, learner record.LearnerID, n int) ([]record.Answer, error) {
	var out []record.Answer
	err := s.read(ctx, "reading answers", func(tx pgx.Tx) error {
		// The last n by id, through the index answers_by_learner; then
		// newest first.
		got, err := s.queryAnswers(ctx, tx, `a.id IN (SELECT id FROM answers WHERE learner_id = $2
			ORDER BY id DESC LIMIT $3)`, int64(learner), n)
		for i := len(got) - 1; i >= 0; i-- {
			out = append(out, got[i])
		}
		return err
	})
	return out, err
}

// exportGroup adds the ateliers joined, the visits, the call and the notes
// to a learner's export.
func (s *Store) exportGroup(ctx context.Context, tx pgx.Tx, id record.LearnerID, e *record.ExportedSpace) error {
	e.Ateliers, e.Visits, e.Notes = []record.ExportedMembership{}, []record.ExportedVisit{}, []record.ExportedNote{}
	rows, err := tx.Query(ctx, `SELECT r.atelier, r.title, m.joined_at, m.consent FROM atelier_members m
		JOIN atelier_runs r ON r.id = m.run_id WHERE m.learner_id = $1 ORDER BY m.joined_at, r.id`, int64(id))
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
	rows, err = tx.Query(ctx, `SELECT v.started_at, v.ended_at, v.place, coalesce(r.atelier, '') FROM visits v
		LEFT JOIN atelier_runs r ON r.id = v.run_id AND r.place_id = $2
		WHERE v.learner_id = $1 ORDER BY v.started_at, v.id`, int64(id), s.place)
	if err != nil {
		return err
	}
	for rows.Next() {
		var v record.ExportedVisit
		var start int64
		var end *int64
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
	var since *int64
	if err := tx.QueryRow(ctx, "SELECT since FROM calls WHERE learner_id = $1", int64(id)).Scan(&since); err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	e.CallingSince = fromNullMS(since)
	notes, err := s.queryNotes(ctx, tx, id)
	if err != nil {
		return err
	}
	for _, n := range notes {
		e.Notes = append(e.Notes, record.ExportedNote{At: n.At, Mediator: n.MediatorName, Text: n.Text})
	}
	return nil
}

// containsNUL: PostgreSQL's text holds no NUL character.
func containsNUL(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == 0 {
			return true
		}
	}
	return false
}
