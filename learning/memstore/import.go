package memstore

import (
	"context"
	"fmt"
	"slices"

	"pasapas/learning"
	"pasapas/record"
	"pasapas/scoring"
)

var _ learning.Importer = (*Store)(nil)

// ImportProgress brings a learner's progress from another PC into their
// profile, with progress's rules (learning.Importer): what is there
// already is skipped, so nothing is counted twice. A test keeps what its
// result is replayed with: the correlation of a positioning and the item
// parameters of a finished test. Everything is checked before anything
// changes.
func (s *Store) ImportProgress(ctx context.Context, id record.LearnerID, p record.Portable) (record.Imported, error) {
	var n record.Imported
	for _, a := range p.Answers {
		a.Learner = id
		if err := checkAnswer(a); err != nil {
			return n, fail("importing", err)
		}
	}
	for _, t := range p.Tests {
		if blank(t.Competence) || t.StartedAt.IsZero() {
			return n, fail("importing", fmt.Errorf("a test without competence or start: %w", record.ErrInvalid))
		}
	}
	if err := p.CheckReplay(); err != nil {
		return n, fail("importing", err)
	}
	if err := s.lock(ctx, "importing"); err != nil {
		return n, err
	}
	defer s.mu.Unlock()
	d := &s.d
	if err := d.known(id); err != nil {
		return n, fail("importing", err)
	}
	tests := slices.Clone(p.Tests)
	slices.SortStableFunc(tests, func(a, b record.Test) int { return a.StartedAt.Compare(b.StartedAt) })
	newID := map[record.TestID]record.TestID{}
	for _, t := range tests {
		there := false
		for _, o := range d.tests {
			there = there || o.rec.Learner == id && o.rec.Competence == t.Competence && o.rec.Seed == t.Seed &&
				o.rec.StartedAt.Equal(ms(t.StartedAt))
		}
		if there {
			continue
		}
		d.lastTest++
		rec := record.Test{ID: d.lastTest, Learner: id, Competence: t.Competence, Seed: t.Seed, StartedAt: ms(t.StartedAt)}
		if t.Competence == record.Positioning {
			rec.Rho = t.Rho // what it resumes and is replayed with
		}
		var params map[string]scoring.Calibration
		if !t.FinishedAt.IsZero() {
			rec.FinishedAt = ms(t.FinishedAt)
			if t.Result != nil {
				r := *t.Result
				rec.Result = &r
				params, _ = checkParams(p.Difficulties[t.ID]) // checked by CheckReplay
			} else {
				rec.Abandoned = true
			}
		}
		d.tests[rec.ID] = test{rec: rec, difficulties: params}
		newID[t.ID] = rec.ID
		n.Tests++
	}
	answers := slices.Clone(p.Answers)
	slices.SortStableFunc(answers, func(a, b record.Answer) int { return int(a.ID - b.ID) })
	for _, a := range answers {
		if a.Test != 0 {
			nid, ok := newID[a.Test]
			if !ok {
				continue
			}
			a.Test = nid
		} else if slices.ContainsFunc(d.answers, func(o record.Answer) bool {
			return o.Learner == id && o.Test == 0 && o.Question == a.Question && o.At.Equal(ms(a.At))
		}) {
			continue
		}
		d.lastAnswer++
		a.ID, a.Learner, a.At, a.Duration = d.lastAnswer, id, ms(a.At), a.Duration.Truncate(1e6)
		a.Forgiven = slices.Clone(a.Forgiven)
		if a.Forgiven == nil {
			a.Forgiven = []string{}
		}
		if a.Variant == "" {
			a.Variant = a.Question
		}
		d.answers = append(d.answers, a)
		n.Answers++
	}
	if d.lessons[id] == nil {
		d.lessons[id] = map[string]record.LessonProgress{}
	}
	for _, b := range p.Lessons {
		b.StartedAt, b.UpdatedAt, b.DoneAt = ms(b.StartedAt), ms(b.UpdatedAt), ms(b.DoneAt)
		a, ok := d.lessons[id][b.Lesson]
		if !ok {
			d.lessons[id][b.Lesson] = b
			n.Lessons++
			continue
		}
		if b.UpdatedAt.Equal(a.UpdatedAt) && b.Furthest <= a.Furthest && (!b.Done || a.Done) {
			continue
		}
		m := a
		if b.UpdatedAt.After(a.UpdatedAt) {
			m.Step, m.Device = b.Step, b.Device
		}
		m.Furthest, m.Done = max(a.Furthest, b.Furthest), a.Done || b.Done
		m.StartedAt, m.UpdatedAt = minTime(a.StartedAt, b.StartedAt), maxTime(a.UpdatedAt, b.UpdatedAt)
		switch {
		case a.DoneAt.IsZero():
			m.DoneAt = b.DoneAt
		case !b.DoneAt.IsZero():
			m.DoneAt = minTime(a.DoneAt, b.DoneAt)
		}
		d.lessons[id][b.Lesson] = m
		n.Lessons++
	}
	if d.acquis[id] == nil {
		d.acquis[id] = map[string]record.AcquisState{}
	}
	for _, b := range p.Acquis {
		b.LastSeen = ms(b.LastSeen)
		a, ok := d.acquis[id][b.Acquis]
		switch {
		case !ok:
			d.acquis[id][b.Acquis] = b
		case !b.LastSeen.Equal(a.LastSeen):
			m := a
			if b.LastSeen.After(a.LastSeen) {
				m.Mastery = b.Mastery
			}
			m.Answers, m.LastSeen = a.Answers+b.Answers, maxTime(a.LastSeen, b.LastSeen)
			d.acquis[id][b.Acquis] = m
		}
	}
	if d.reviews[id] == nil {
		d.reviews[id] = map[string]record.ReviewCard{}
	}
	for _, b := range p.Reviews {
		b.Due, b.LastReview = ms(b.Due), ms(b.LastReview)
		if a, ok := d.reviews[id][b.Acquis]; !ok || b.LastReview.After(a.LastReview) {
			d.reviews[id][b.Acquis] = b
		}
	}
	return n, nil
}
