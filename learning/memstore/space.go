package memstore

import (
	"cmp"
	"context"
	"crypto/subtle"
	"fmt"
	"slices"
	"time"

	"pasapas/learning"
	"pasapas/record"
)

// The médiateur's space in memory, with progress's semantics: accounts with
// hashed codes and the learners' wait, each learner's consent and archive
// mark, the journal written with each change.

var _ learning.Space = (*Store)(nil)

type space struct {
	mediators    map[record.MediatorID]mediator
	profiles     map[record.LearnerID]profile
	actions      []record.Action
	retention    int
	structure    string // the structure's name (structure.go)
	lastMediator record.MediatorID
	lastAction   int64
}

type mediator struct {
	rec         record.Mediator
	hash, salt  []byte
	failures    int
	lockedUntil time.Time
}

type profile struct {
	shares   bool
	archived bool
}

func (sp *space) init() {
	if sp.mediators == nil {
		sp.mediators = map[record.MediatorID]mediator{}
		sp.profiles = map[record.LearnerID]profile{}
	}
}

// CreateMediator adds an account; by 0 is the first account, which adds
// itself in the journal.
func (s *Store) CreateMediator(ctx context.Context, by record.MediatorID, name, pin string) (record.Mediator, error) {
	name, err := record.CleanName(name, record.MaxName)
	if err != nil {
		return record.Mediator{}, fail("new médiateur", err)
	}
	salt, hash, err := hashPIN(pin)
	if err != nil {
		return record.Mediator{}, fail("new médiateur", err)
	}
	if err := s.lock(ctx, "new médiateur"); err != nil {
		return record.Mediator{}, err
	}
	defer s.mu.Unlock()
	sp := &s.d.space
	sp.init()
	who := by
	if who != 0 {
		if _, ok := sp.mediators[who]; !ok {
			return record.Mediator{}, fail("new médiateur", fmt.Errorf("médiateur %d: %w", who, record.ErrNotFound))
		}
	} else if len(sp.mediators) > 0 {
		return record.Mediator{}, learning.ErrNeedsMediator
	}
	sp.lastMediator++
	m := record.Mediator{ID: sp.lastMediator, Name: name, CreatedAt: s.clock()}
	sp.mediators[m.ID] = mediator{rec: m, hash: hash, salt: salt}
	if who == 0 {
		who = m.ID
	}
	s.log(record.Action{Mediator: who, Kind: record.ActMediatorAdded, OtherAccount: m.ID})
	return m, nil
}

// Mediators lists the accounts by name.
func (s *Store) Mediators(ctx context.Context) ([]record.Mediator, error) {
	if err := s.lock(ctx, "listing médiateurs"); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	var out []record.Mediator
	for _, m := range s.d.space.mediators {
		out = append(out, m.rec)
	}
	slices.SortFunc(out, func(a, b record.Mediator) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// CheckMediatorPIN checks a code with the learners' wait (record.PINState).
func (s *Store) CheckMediatorPIN(ctx context.Context, id record.MediatorID, pin string) error {
	if err := s.lock(ctx, "checking médiateur code"); err != nil {
		return err
	}
	defer s.mu.Unlock()
	m, ok := s.d.space.mediators[id]
	if !ok {
		return fail("checking médiateur code", fmt.Errorf("médiateur %d: %w", id, record.ErrNotFound))
	}
	now := s.clock()
	st, _, refused := record.PINState{Failures: m.failures, LockedUntil: m.lockedUntil}.Gate(now)
	m.failures, m.lockedUntil = st.Failures, st.LockedUntil
	if refused != nil {
		s.d.space.mediators[id] = m
		return refused
	}
	if subtle.ConstantTimeCompare(pinKey(pin, m.salt), m.hash) == 1 {
		m.failures, m.lockedUntil = 0, time.Time{}
		s.d.space.mediators[id] = m
		return nil
	}
	st, refused = st.Wrong(now)
	m.failures, m.lockedUntil = st.Failures, st.LockedUntil
	s.d.space.mediators[id] = m
	return refused
}

// RemoveMediator removes another médiateur's account.
func (s *Store) RemoveMediator(ctx context.Context, by, id record.MediatorID) error {
	if by == id {
		return fail("removing médiateur", record.ErrSelf)
	}
	if err := s.lock(ctx, "removing médiateur"); err != nil {
		return err
	}
	defer s.mu.Unlock()
	sp := &s.d.space
	if _, ok := sp.mediators[id]; !ok {
		return fail("removing médiateur", fmt.Errorf("médiateur %d: %w", id, record.ErrNotFound))
	}
	if _, ok := sp.mediators[by]; !ok {
		return fail("removing médiateur", fmt.Errorf("médiateur %d: %w", by, record.ErrNotFound))
	}
	s.log(record.Action{Mediator: by, Kind: record.ActMediatorRemoved, OtherAccount: id})
	delete(sp.mediators, id)
	return nil
}

// Profiles lists every profile, with no result, the most recently seen
// first.
func (s *Store) Profiles(ctx context.Context) ([]record.Profile, error) {
	if err := s.lock(ctx, "listing profiles"); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	var out []record.Profile
	for id, l := range s.d.learners {
		p := s.d.space.profiles[id]
		out = append(out, record.Profile{ID: id, Name: l.rec.Name, HasPIN: l.hash != nil, LastSeen: l.rec.LastSeen,
			Archived: p.archived, Shares: p.shares})
	}
	slices.SortFunc(out, func(a, b record.Profile) int {
		return cmp.Or(b.LastSeen.Compare(a.LastSeen), cmp.Compare(a.ID, b.ID))
	})
	return out, nil
}

// SetSharing records the learner's own choice.
func (s *Store) SetSharing(ctx context.Context, id record.LearnerID, on bool) error {
	if err := s.lock(ctx, "saving consent"); err != nil {
		return err
	}
	defer s.mu.Unlock()
	if err := s.d.known(id); err != nil {
		return fail("saving consent", err)
	}
	s.d.space.init()
	p := s.d.space.profiles[id]
	p.shares = on
	s.d.space.profiles[id] = p
	return nil
}

// manage checks the learner and the médiateur, runs change and writes the
// journal line.
func (s *Store) manage(ctx context.Context, what string, a record.Action, change func() error) error {
	if err := s.lock(ctx, what); err != nil {
		return err
	}
	defer s.mu.Unlock()
	s.d.space.init()
	if err := s.d.known(a.Learner); err != nil {
		return fail(what, err)
	}
	if _, ok := s.d.space.mediators[a.Mediator]; !ok {
		return fail(what, fmt.Errorf("médiateur %d: %w", a.Mediator, record.ErrNotFound))
	}
	if err := change(); err != nil {
		return fail(what, err)
	}
	s.log(a)
	return nil
}

// ResetPIN gives a learner the code they typed.
func (s *Store) ResetPIN(ctx context.Context, by record.MediatorID, id record.LearnerID, pin string) error {
	var salt, hash []byte
	if pin != "" {
		var err error
		if salt, hash, err = hashPIN(pin); err != nil {
			return fail("new code", err)
		}
	}
	return s.manage(ctx, "new code", record.Action{Mediator: by, Kind: record.ActPINReset, Learner: id}, func() error {
		l := s.d.learners[id]
		l.hash, l.salt, l.rec.HasPIN = hash, salt, hash != nil
		l.failures, l.lockedUntil = 0, time.Time{}
		s.d.learners[id] = l
		return nil
	})
}

// RenameLearner changes a profile's name.
func (s *Store) RenameLearner(ctx context.Context, by record.MediatorID, id record.LearnerID, name string) error {
	name, err := record.CleanName(name, record.MaxName)
	if err != nil {
		return fail("renaming", err)
	}
	return s.manage(ctx, "renaming", record.Action{Mediator: by, Kind: record.ActRename, Learner: id}, func() error {
		l := s.d.learners[id]
		l.rec.Name = name
		s.d.learners[id] = l
		return nil
	})
}

// SetArchived archives a profile or brings it back.
func (s *Store) SetArchived(ctx context.Context, by record.MediatorID, id record.LearnerID, on bool) error {
	kind := record.ActUnarchive
	if on {
		kind = record.ActArchive
	}
	return s.manage(ctx, "archiving", record.Action{Mediator: by, Kind: kind, Learner: id}, func() error {
		p := s.d.space.profiles[id]
		p.archived = on
		s.d.space.profiles[id] = p
		return nil
	})
}

// MergeLearners moves everything of drop into keep with progress's rules.
func (s *Store) MergeLearners(ctx context.Context, by record.MediatorID, keep, drop record.LearnerID) error {
	if keep == drop {
		return fail("merging", record.ErrSelf)
	}
	a := record.Action{Mediator: by, Kind: record.ActMerge, Learner: keep, Other: drop}
	return s.manage(ctx, "merging", a, func() error {
		d := &s.d
		if err := d.known(drop); err != nil {
			return err
		}
		for id, t := range d.tests {
			if t.rec.Learner == drop {
				t.rec.Learner = keep
				d.tests[id] = t
			}
		}
		for i := range d.answers {
			if d.answers[i].Learner == drop {
				d.answers[i].Learner = keep
			}
		}
		if d.lessons[keep] == nil {
			d.lessons[keep] = map[string]record.LessonProgress{}
		}
		for id, b := range d.lessons[drop] {
			a, ok := d.lessons[keep][id]
			if !ok {
				d.lessons[keep][id] = b
				continue
			}
			m := a
			if b.UpdatedAt.After(a.UpdatedAt) {
				m.Step, m.Device = b.Step, b.Device
			}
			m.Furthest = max(a.Furthest, b.Furthest)
			m.Done = a.Done || b.Done
			m.StartedAt = minTime(a.StartedAt, b.StartedAt)
			m.UpdatedAt = maxTime(a.UpdatedAt, b.UpdatedAt)
			switch {
			case a.DoneAt.IsZero():
				m.DoneAt = b.DoneAt
			case !b.DoneAt.IsZero():
				m.DoneAt = minTime(a.DoneAt, b.DoneAt)
			}
			d.lessons[keep][id] = m
		}
		if d.acquis[keep] == nil {
			d.acquis[keep] = map[string]record.AcquisState{}
		}
		for id, b := range d.acquis[drop] {
			a, ok := d.acquis[keep][id]
			if !ok {
				d.acquis[keep][id] = b
				continue
			}
			m := a
			if b.LastSeen.After(a.LastSeen) {
				m.Mastery = b.Mastery
			}
			m.Answers = a.Answers + b.Answers
			m.LastSeen = maxTime(a.LastSeen, b.LastSeen)
			d.acquis[keep][id] = m
		}
		if d.reviews[keep] == nil {
			d.reviews[keep] = map[string]record.ReviewCard{}
		}
		for id, b := range d.reviews[drop] {
			if a, ok := d.reviews[keep][id]; !ok || b.LastReview.After(a.LastReview) {
				d.reviews[keep][id] = b
			}
		}
		k := d.learners[keep]
		k.rec.LastSeen = maxTime(k.rec.LastSeen, d.learners[drop].rec.LastSeen)
		d.learners[keep] = k
		delete(d.learners, drop)
		delete(d.lessons, drop)
		delete(d.acquis, drop)
		delete(d.reviews, drop)
		delete(d.space.profiles, drop)
		d.group.forget(drop, keep)
		return nil
	})
}

// EraseLearner erases a profile with its journal line.
func (s *Store) EraseLearner(ctx context.Context, by record.MediatorID, id record.LearnerID, kind record.ActionKind) error {
	if err := s.lock(ctx, "erasing learner"); err != nil {
		return err
	}
	ok := true
	if _, found := s.d.space.mediators[by]; !found {
		ok = false
	}
	s.mu.Unlock()
	if !ok {
		return fail("erasing learner", fmt.Errorf("médiateur %d: %w", by, record.ErrNotFound))
	}
	if err := s.Erase(ctx, id); err != nil {
		return err
	}
	return s.LogAction(ctx, record.Action{Mediator: by, Kind: kind, Learner: id})
}

// LogAction writes a journal line on its own.
func (s *Store) LogAction(ctx context.Context, a record.Action) error {
	if err := s.lock(ctx, "writing journal"); err != nil {
		return err
	}
	defer s.mu.Unlock()
	if _, ok := s.d.space.mediators[a.Mediator]; !ok {
		return fail("writing journal", fmt.Errorf("médiateur %d: %w", a.Mediator, record.ErrNotFound))
	}
	s.log(a)
	return nil
}

// log appends a journal line; the lock is held and the médiateur known.
func (s *Store) log(a record.Action) {
	sp := &s.d.space
	sp.lastAction++
	a.ID, a.At, a.MediatorName = sp.lastAction, s.clock(), sp.mediators[a.Mediator].rec.Name
	sp.actions = append(sp.actions, a)
}

// Actions are the journal's lines, the newest first.
func (s *Store) Actions(ctx context.Context) ([]record.Action, error) {
	if err := s.lock(ctx, "reading journal"); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	out := slices.Clone(s.d.space.actions)
	slices.Reverse(out)
	return out, nil
}

// Retention is the period the place chose, in months; 0: none chosen.
func (s *Store) Retention(ctx context.Context) (int, error) {
	if err := s.lock(ctx, "reading settings"); err != nil {
		return 0, err
	}
	defer s.mu.Unlock()
	return s.d.space.retention, nil
}

// SetRetention sets the retention period, in months.
func (s *Store) SetRetention(ctx context.Context, by record.MediatorID, months int) error {
	if months < 1 {
		return fail("saving settings", fmt.Errorf("retention of %d months: %w", months, record.ErrInvalid))
	}
	if err := s.lock(ctx, "saving settings"); err != nil {
		return err
	}
	defer s.mu.Unlock()
	if _, ok := s.d.space.mediators[by]; !ok {
		return fail("saving settings", fmt.Errorf("médiateur %d: %w", by, record.ErrNotFound))
	}
	s.d.space.retention = months
	s.log(record.Action{Mediator: by, Kind: record.ActRetention, Value: months})
	return nil
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
