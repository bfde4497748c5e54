package memstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"pasapas/learning"
	"pasapas/record"
)

// Ateliers, calls, visits and notes in memory (learning.Group), with
// progress's semantics.

var _ learning.Group = (*Store)(nil)

type group struct {
	runs    []record.Run // in id order
	members []record.Member
	calls   map[record.LearnerID]record.Call
	visits  []record.Visit // in id order
	notes   []record.Note  // in id order

	lastVisit record.VisitID
	lastNote  record.NoteID
}

func (s *Store) mediatorKnown(id record.MediatorID) error {
	if _, ok := s.d.space.mediators[id]; !ok {
		return fmt.Errorf("médiateur %d: %w", id, record.ErrNotFound)
	}
	return nil
}

// OpenRun records an opening and its journal line. It refuses a code
// another open atelier uses (learning.ErrCodeTaken), under the same lock
// as the write.
func (s *Store) OpenRun(ctx context.Context, r record.Run) (record.Run, error) {
	if err := s.lock(ctx, "opening atelier"); err != nil {
		return record.Run{}, err
	}
	defer s.mu.Unlock()
	if err := s.mediatorKnown(r.OpenedBy); err != nil {
		return record.Run{}, fail("opening atelier", err)
	}
	g := &s.d.group
	now := s.clock()
	if slices.ContainsFunc(g.runs, func(o record.Run) bool { return o.Code == r.Code && o.Open(now) }) {
		return record.Run{}, learning.ErrCodeTaken
	}
	r.ID = record.RunID(len(g.runs) + 1)
	r.OpenedAt, r.ClosedAt = now, time.Time{}
	r.Thematiques, r.Parcours, r.Positioning = orEmpty(r.Thematiques), orEmpty(r.Parcours), orEmpty(r.Positioning)
	g.runs = append(g.runs, r)
	s.log(record.Action{Mediator: r.OpenedBy, Kind: record.ActAtelierOpened, Value: int(r.ID)})
	return r, nil
}

func orEmpty(l []string) []string {
	if l == nil {
		return []string{}
	}
	return slices.Clone(l)
}

// CloseRun closes an opening.
func (s *Store) CloseRun(ctx context.Context, by record.MediatorID, id record.RunID) error {
	if err := s.lock(ctx, "closing atelier"); err != nil {
		return err
	}
	defer s.mu.Unlock()
	g := &s.d.group
	if id < 1 || int(id) > len(g.runs) {
		return fail("closing atelier", fmt.Errorf("atelier %d: %w", id, record.ErrNotFound))
	}
	if err := s.mediatorKnown(by); err != nil {
		return fail("closing atelier", err)
	}
	if g.runs[id-1].ClosedAt.IsZero() {
		g.runs[id-1].ClosedAt = s.clock()
	}
	s.log(record.Action{Mediator: by, Kind: record.ActAtelierClosed, Value: int(id)})
	return nil
}

// Runs are every opening, the newest first.
func (s *Store) Runs(ctx context.Context) ([]record.Run, error) {
	if err := s.lock(ctx, "listing ateliers"); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	out := slices.Clone(s.d.group.runs)
	slices.SortFunc(out, func(a, b record.Run) int {
		return cmp.Or(b.OpenedAt.Compare(a.OpenedAt), cmp.Compare(b.ID, a.ID))
	})
	for i := range out {
		out[i].Thematiques, out[i].Parcours, out[i].Positioning = orEmpty(out[i].Thematiques), orEmpty(out[i].Parcours), orEmpty(out[i].Positioning)
	}
	return out, nil
}

// JoinRun makes a learner a member, or changes their consent.
func (s *Store) JoinRun(ctx context.Context, id record.RunID, learner record.LearnerID, consent bool) error {
	if err := s.lock(ctx, "joining atelier"); err != nil {
		return err
	}
	defer s.mu.Unlock()
	if err := s.d.known(learner); err != nil {
		return fail("joining atelier", err)
	}
	g := &s.d.group
	if id < 1 || int(id) > len(g.runs) {
		return fail("joining atelier", fmt.Errorf("atelier %d: %w", id, record.ErrNotFound))
	}
	for i, m := range g.members {
		if m.Run == id && m.Learner == learner {
			g.members[i].Consent = consent
			return nil
		}
	}
	g.members = append(g.members, record.Member{Run: id, Learner: learner, JoinedAt: s.clock(), Consent: consent})
	return nil
}

func (s *Store) membersWhere(ctx context.Context, keep func(record.Member) bool, order func(a, b record.Member) int) ([]record.Member, error) {
	if err := s.lock(ctx, "listing members"); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	var out []record.Member
	for _, m := range s.d.group.members {
		if keep(m) {
			m.Name = s.d.learners[m.Learner].rec.Name
			out = append(out, m)
		}
	}
	slices.SortFunc(out, order)
	return out, nil
}

// Members are a run's members, by name.
func (s *Store) Members(ctx context.Context, id record.RunID) ([]record.Member, error) {
	return s.membersWhere(ctx, func(m record.Member) bool { return m.Run == id }, func(a, b record.Member) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), cmp.Compare(a.Learner, b.Learner))
	})
}

// Memberships are the runs a learner joined, the newest first.
func (s *Store) Memberships(ctx context.Context, learner record.LearnerID) ([]record.Member, error) {
	return s.membersWhere(ctx, func(m record.Member) bool { return m.Learner == learner }, func(a, b record.Member) int {
		return cmp.Or(b.JoinedAt.Compare(a.JoinedAt), cmp.Compare(b.Run, a.Run))
	})
}

// SetCall starts or ends a learner's call.
func (s *Store) SetCall(ctx context.Context, learner record.LearnerID, on bool) error {
	if err := s.lock(ctx, "calling"); err != nil {
		return err
	}
	defer s.mu.Unlock()
	if err := s.d.known(learner); err != nil {
		return fail("calling", err)
	}
	g := &s.d.group
	if g.calls == nil {
		g.calls = map[record.LearnerID]record.Call{}
	}
	if !on {
		delete(g.calls, learner)
	} else if _, ok := g.calls[learner]; !ok {
		g.calls[learner] = record.Call{Learner: learner, Since: s.clock()}
	}
	return nil
}

// Calls are the learners calling now, the first to call first.
func (s *Store) Calls(ctx context.Context) ([]record.Call, error) {
	if err := s.lock(ctx, "listing calls"); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	var out []record.Call
	for _, c := range s.d.group.calls {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b record.Call) int { return cmp.Or(a.Since.Compare(b.Since), cmp.Compare(a.Learner, b.Learner)) })
	return out, nil
}

// StartVisit begins a visit now.
func (s *Store) StartVisit(ctx context.Context, v record.Visit) (record.VisitID, error) {
	if err := s.lock(ctx, "starting visit"); err != nil {
		return 0, err
	}
	defer s.mu.Unlock()
	if err := s.d.known(v.Learner); err != nil {
		return 0, fail("starting visit", err)
	}
	g := &s.d.group
	now := s.clock()
	// A visit nobody ended ends at the learner's last activity in it,
	// before their next visit (record.LeftVisitEnd).
	for i, o := range g.visits {
		if o.Learner == v.Learner && o.End.IsZero() {
			next, found := g.nextVisit(o)
			until := next
			if !found {
				next = now
			}
			g.visits[i].End = record.LeftVisitEnd(o.Start, s.d.lastActivity(o.Learner, o.Start, until), next)
		}
	}
	g.lastVisit++
	v.ID, v.Start, v.End = g.lastVisit, now, time.Time{}
	g.visits = append(g.visits, v)
	return v.ID, nil
}

// nextVisit is the start of the learner's visit that follows o (by start,
// then id, as the SQL stores order them), if any.
func (g *group) nextVisit(o record.Visit) (time.Time, bool) {
	var next time.Time
	found := false
	for _, v := range g.visits {
		after := v.Start.After(o.Start) || v.Start.Equal(o.Start) && v.ID > o.ID
		if v.Learner == o.Learner && after && (!found || v.Start.Before(next)) {
			next, found = v.Start, true
		}
	}
	return next, found
}

// lastActivity is the learner's latest answer, lesson step or test start
// or end at or after from and before until (zero: no bound); zero if none.
func (d *data) lastActivity(learner record.LearnerID, from, until time.Time) time.Time {
	var last time.Time
	see := func(t time.Time) {
		if !t.Before(from) && (until.IsZero() || t.Before(until)) && t.After(last) {
			last = t
		}
	}
	for _, a := range d.answers {
		if a.Learner == learner {
			see(a.At)
		}
	}
	for _, p := range d.lessons[learner] {
		see(p.UpdatedAt)
	}
	for _, t := range d.tests {
		if t.rec.Learner == learner {
			see(t.rec.StartedAt)
			see(t.rec.FinishedAt)
		}
	}
	return last
}

// EndVisit ends a visit now, once.
func (s *Store) EndVisit(ctx context.Context, id record.VisitID) error {
	if err := s.lock(ctx, "ending visit"); err != nil {
		return err
	}
	defer s.mu.Unlock()
	for i, v := range s.d.group.visits {
		if v.ID == id && v.End.IsZero() {
			s.d.group.visits[i].End = maxTime(v.Start, s.clock())
		}
	}
	return nil
}

// Visits are a learner's visits (everyone's for 0), the oldest first.
func (s *Store) Visits(ctx context.Context, learner record.LearnerID) ([]record.Visit, error) {
	if err := s.lock(ctx, "listing visits"); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	var out []record.Visit
	for _, v := range s.d.group.visits {
		if learner == 0 || v.Learner == learner {
			out = append(out, v)
		}
	}
	slices.SortStableFunc(out, func(a, b record.Visit) int { return a.Start.Compare(b.Start) })
	return out, nil
}

// AddNote writes a note and its journal line.
func (s *Store) AddNote(ctx context.Context, by record.MediatorID, learner record.LearnerID, text string) (record.Note, error) {
	if err := s.lock(ctx, "writing note"); err != nil {
		return record.Note{}, err
	}
	defer s.mu.Unlock()
	if err := s.d.known(learner); err != nil {
		return record.Note{}, fail("writing note", err)
	}
	if err := s.mediatorKnown(by); err != nil {
		return record.Note{}, fail("writing note", err)
	}
	g := &s.d.group
	g.lastNote++
	n := record.Note{ID: g.lastNote, Learner: learner, Mediator: by, MediatorName: s.d.space.mediators[by].rec.Name, At: s.clock(), Text: text}
	g.notes = append(g.notes, n)
	s.log(record.Action{Mediator: by, Kind: record.ActNoteAdded, Learner: learner})
	return n, nil
}

// Notes are a learner's notes, the oldest first.
func (s *Store) Notes(ctx context.Context, learner record.LearnerID) ([]record.Note, error) {
	if err := s.lock(ctx, "listing notes"); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	return s.d.group.notesOf(learner), nil
}

func (g *group) notesOf(learner record.LearnerID) []record.Note {
	var out []record.Note
	for _, n := range g.notes {
		if n.Learner == learner {
			out = append(out, n)
		}
	}
	return out
}

// RecentAnswers are a learner's last n answers, the newest first.
func (s *Store) RecentAnswers(ctx context.Context, learner record.LearnerID, n int) ([]record.Answer, error) {
	if err := s.lock(ctx, "reading answers"); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	var out []record.Answer
	for i := len(s.d.answers) - 1; i >= 0 && len(out) < n; i-- {
		if a := s.d.answers[i]; a.Learner == learner {
			out = append(out, copyAnswer(a))
		}
	}
	return out, nil
}

// forget removes everything of a learner (erase), or moves it to keep
// (merge, keep ≠ 0).
func (g *group) forget(id, keep record.LearnerID) {
	var members []record.Member
	for _, m := range g.members {
		if m.Learner == id {
			if keep == 0 || slices.ContainsFunc(g.members, func(k record.Member) bool { return k.Run == m.Run && k.Learner == keep }) {
				continue
			}
			m.Learner = keep
		}
		members = append(members, m)
	}
	g.members = members
	delete(g.calls, id)
	visits := g.visits[:0:0]
	for _, v := range g.visits {
		if v.Learner == id {
			if keep == 0 {
				continue
			}
			v.Learner = keep
		}
		visits = append(visits, v)
	}
	g.visits = visits
	notes := g.notes[:0:0]
	for _, n := range g.notes {
		if n.Learner == id {
			if keep == 0 {
				continue
			}
			n.Learner = keep
		}
		notes = append(notes, n)
	}
	g.notes = notes
}

// export adds a learner's ateliers, visits and notes to their export.
func (g *group) export(id record.LearnerID, e *record.ExportedSpace) {
	e.Ateliers, e.Visits, e.Notes = []record.ExportedMembership{}, []record.ExportedVisit{}, []record.ExportedNote{}
	atelier := func(run record.RunID) record.Run {
		if run >= 1 && int(run) <= len(g.runs) {
			return g.runs[run-1]
		}
		return record.Run{}
	}
	for _, m := range g.members {
		if m.Learner == id {
			r := atelier(m.Run)
			e.Ateliers = append(e.Ateliers, record.ExportedMembership{Atelier: r.Atelier, Title: r.Title, JoinedAt: m.JoinedAt, Consent: m.Consent})
		}
	}
	for _, v := range g.visits {
		if v.Learner == id {
			e.Visits = append(e.Visits, record.ExportedVisit{Start: v.Start, End: v.End, Place: v.Place, Atelier: atelier(v.Run).Atelier})
		}
	}
	e.CallingSince = g.calls[id].Since
	for _, n := range g.notesOf(id) {
		e.Notes = append(e.Notes, record.ExportedNote{At: n.At, Mediator: n.MediatorName, Text: n.Text})
	}
}
