package memstore

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode"

	"pasapas/i18n"
	"pasapas/lessons"
	"pasapas/record"
)

// CreateLearner adds a profile. pin is "" for none, or 4 to 6 digits. Empty
// prefs fields take their defaults (French, default theme).
func (s *Store) CreateLearner(ctx context.Context, name, pin string, p record.Prefs) (record.Learner, error) {
	name, err := record.CleanName(name, record.MaxName)
	if err != nil {
		return record.Learner{}, fail("new learner", err)
	}
	if p, err = cleanPrefs(p); err != nil {
		return record.Learner{}, fail("new learner", err)
	}
	var salt, hash []byte
	if pin != "" {
		if salt, hash, err = hashPIN(pin); err != nil {
			return record.Learner{}, fail("new learner", err)
		}
	}
	if err := s.lock(ctx, "new learner"); err != nil {
		return record.Learner{}, err
	}
	defer s.mu.Unlock()
	now := s.clock()
	s.d.lastLearner++
	l := learner{
		rec:  record.Learner{ID: s.d.lastLearner, Name: name, HasPIN: hash != nil, Prefs: p, CreatedAt: now, LastSeen: now},
		hash: hash, salt: salt,
	}
	s.d.learners[l.rec.ID] = l
	return l.rec, nil
}

// Learners lists every profile with its summary, the most recently seen
// first, ties by id.
func (s *Store) Learners(ctx context.Context) ([]record.LearnerSummary, error) {
	if err := s.lock(ctx, "listing learners"); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	var out []record.LearnerSummary
	for id, l := range s.d.learners {
		sum := record.LearnerSummary{ID: id, Name: l.rec.Name, HasPIN: l.hash != nil, LastSeen: l.rec.LastSeen}
		for _, p := range s.d.lessons[id] {
			if p.Done {
				sum.LessonsDone++
			}
		}
		for _, t := range s.d.tests {
			if t.rec.Learner == id && t.rec.Result != nil {
				sum.TestsTaken++
			}
		}
		out = append(out, sum)
	}
	slices.SortFunc(out, func(a, b record.LearnerSummary) int {
		if c := b.LastSeen.Compare(a.LastSeen); c != 0 {
			return c
		}
		return compareIDs(a.ID, b.ID)
	})
	return out, nil
}

func compareIDs[T ~int64](a, b T) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Seen records that a learner opened their profile now.
func (s *Store) Seen(ctx context.Context, id record.LearnerID) error {
	if err := s.lock(ctx, "marking learner seen"); err != nil {
		return err
	}
	defer s.mu.Unlock()
	if err := s.d.known(id); err != nil {
		return fail("marking learner seen", err)
	}
	s.d.touch(id, s.clock())
	return nil
}

// SetPrefs saves a learner's settings. Empty fields take their defaults.
func (s *Store) SetPrefs(ctx context.Context, id record.LearnerID, p record.Prefs) error {
	p, err := cleanPrefs(p)
	if err != nil {
		return fail("saving preferences", err)
	}
	if err := s.lock(ctx, "saving preferences"); err != nil {
		return err
	}
	defer s.mu.Unlock()
	if err := s.d.known(id); err != nil {
		return fail("saving preferences", err)
	}
	s.d.touch(id, s.clock())
	l := s.d.learners[id]
	l.rec.Prefs = p
	s.d.learners[id] = l
	return nil
}

// LoadState returns everything about one learner, in one consistent read.
func (s *Store) LoadState(ctx context.Context, id record.LearnerID) (*record.State, error) {
	if err := s.lock(ctx, "loading learner"); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	l, ok := s.d.learners[id]
	if !ok {
		return nil, fail("loading learner", fmt.Errorf("learner %d: %w", id, record.ErrNotFound))
	}
	st := &record.State{
		Learner:   l.rec,
		Lessons:   maps.Clone(s.d.lessons[id]),
		Tests:     s.d.testsOf(id, false),
		Acquis:    maps.Clone(s.d.acquis[id]),
		Reviews:   maps.Clone(s.d.reviews[id]),
		OpenTests: s.d.openTests(id),
	}
	if st.Lessons == nil {
		st.Lessons = map[string]record.LessonProgress{}
	}
	if st.Acquis == nil {
		st.Acquis = map[string]record.AcquisState{}
	}
	if st.Reviews == nil {
		st.Reviews = map[string]record.ReviewCard{}
	}
	return st, nil
}

// Erase removes a learner and everything of theirs: profile, answers,
// tests, lesson progress, acquis, review cards. The anonymous per-question
// counts (ItemStats) stay, as in progress: they say nothing about anyone.
// Memory holds no journal to compact, so it never returns ErrNotCompacted.
func (s *Store) Erase(ctx context.Context, id record.LearnerID) error {
	if err := s.lock(ctx, "erasing learner"); err != nil {
		return err
	}
	defer s.mu.Unlock()
	if err := s.d.known(id); err != nil {
		return fail("erasing learner", err)
	}
	delete(s.d.learners, id)
	for tid, t := range s.d.tests {
		if t.rec.Learner == id {
			delete(s.d.tests, tid)
		}
	}
	// A new slice, so no copy of the erased answers stays in the old
	// backing array.
	kept := make([]record.Answer, 0, len(s.d.answers))
	for _, a := range s.d.answers {
		if a.Learner != id {
			kept = append(kept, a)
		}
	}
	clear(s.d.answers)
	s.d.answers = kept
	delete(s.d.lessons, id)
	delete(s.d.acquis, id)
	delete(s.d.reviews, id)
	delete(s.d.space.profiles, id)
	s.d.group.forget(id, 0)
	return nil
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
