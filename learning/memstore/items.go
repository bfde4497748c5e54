package memstore

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"pasapas/lessons"
	"pasapas/record"
	"pasapas/scoring"
)

// calibration is what progress gives Calibrate for a question: its stored
// difficulty and count, the zero value when not calibrated yet.
func (it item) calibration() scoring.Calibration {
	if !it.calibrated {
		return scoring.Calibration{}
	}
	return scoring.Calibration{B: it.b, N: it.n}
}

// ItemStats returns the answer counts and calibration of every question
// answered or calibrated, by question id. No discrimination is kept.
func (s *Store) ItemStats(ctx context.Context) (map[string]record.ItemStat, error) {
	if err := s.lock(ctx, "reading item statistics"); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	out := make(map[string]record.ItemStat, len(s.d.items))
	for q, it := range s.d.items {
		st := record.ItemStat{Question: q, Answers: it.answers, Correct: it.correct, UpdatedAt: it.updated}
		if it.calibrated {
			st.Calibrated = &scoring.Calibration{B: it.b, N: it.n}
		}
		out[q] = st
	}
	return out, nil
}

// SetItemDifficulties stores calibrated difficulties, with the number of
// test answers each rests on: all of them, or none if one is invalid.
func (s *Store) SetItemDifficulties(ctx context.Context, c map[string]scoring.Calibration) error {
	if err := checkCalibrations(c); err != nil {
		return fail("saving calibration", err)
	}
	if err := s.lock(ctx, "saving calibration"); err != nil {
		return err
	}
	defer s.mu.Unlock()
	s.d.saveCalibrations(c, s.clock())
	return nil
}

func checkCalibrations(c map[string]scoring.Calibration) error {
	for q, cal := range c {
		if q == "" || math.IsNaN(cal.B) || math.IsInf(cal.B, 0) || cal.N < 0 {
			return fmt.Errorf("calibrating %q: %w", q, record.ErrInvalid)
		}
	}
	return nil
}

func (d *data) saveCalibrations(c map[string]scoring.Calibration, now time.Time) {
	for q, cal := range c {
		it := d.items[q]
		it.calibrated, it.b, it.n, it.updated = true, cal.B, cal.N, now
		d.items[q] = it
	}
}

// CalibrationAnswers returns the answers of every finished test (with a
// result, or abandoned), test by test, each in the order given. Answers of
// open tests are left out. It names no learner.
func (s *Store) CalibrationAnswers(ctx context.Context) ([]record.CalibrationAnswer, error) {
	if err := s.lock(ctx, "reading the answers of tests"); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	var out []record.CalibrationAnswer
	for _, a := range s.d.answers { // in id order
		t, ok := s.d.tests[a.Test]
		if a.Test == 0 || !ok || t.rec.Open() {
			continue
		}
		out = append(out, record.CalibrationAnswer{Test: a.Test, Competence: t.rec.Competence,
			Question: a.Question, Correct: a.Result == record.Correct})
	}
	slices.SortStableFunc(out, func(a, b record.CalibrationAnswer) int { return compareIDs(a.Test, b.Test) })
	return out, nil
}

// SaveLessonStep records where a learner is in a lesson. Step is where to
// resume; the furthest step reached is kept beside it. Once done, a lesson
// stays done.
func (s *Store) SaveLessonStep(ctx context.Context, learner record.LearnerID, st record.LessonStep) error {
	const what = "saving lesson step"
	switch {
	case blank(st.Lesson):
		return fail(what, fmt.Errorf("no lesson id: %w", record.ErrInvalid))
	case st.Step < 0:
		return fail(what, fmt.Errorf("step %d: %w", st.Step, record.ErrInvalid))
	case st.Device != "" && !slices.Contains(lessons.Devices, st.Device):
		return fail(what, fmt.Errorf("device %q: %w", st.Device, record.ErrInvalid))
	}
	if err := s.lock(ctx, what); err != nil {
		return err
	}
	defer s.mu.Unlock()
	if err := s.d.known(learner); err != nil {
		return fail(what, err)
	}
	now := s.clock()
	s.d.touch(learner, now)
	m := s.d.lessons[learner]
	if m == nil {
		m = map[string]record.LessonProgress{}
		s.d.lessons[learner] = m
	}
	p, ok := m[st.Lesson]
	if !ok {
		p = record.LessonProgress{Lesson: st.Lesson, StartedAt: now}
	}
	p.Step, p.Furthest = st.Step, max(p.Furthest, st.Step)
	p.Device, p.UpdatedAt = st.Device, now
	if st.Done && !p.Done {
		p.Done, p.DoneAt = true, now
	}
	m[st.Lesson] = p
	return nil
}

// SaveReviewCards stores FSRS cards, replacing earlier ones for the same
// skills: all of them, or none if one is invalid.
func (s *Store) SaveReviewCards(ctx context.Context, learner record.LearnerID, cards ...record.ReviewCard) error {
	const what = "saving review cards"
	for _, c := range cards {
		if blank(c.Acquis) || c.ElapsedDays > math.MaxInt64 || c.ScheduledDays > math.MaxInt64 ||
			c.Reps > math.MaxInt64 || c.Lapses > math.MaxInt64 {
			return fail(what, fmt.Errorf("review card %q: %w", c.Acquis, record.ErrInvalid))
		}
	}
	if err := s.lock(ctx, what); err != nil {
		return err
	}
	defer s.mu.Unlock()
	if err := s.d.known(learner); err != nil {
		return fail(what, err)
	}
	s.d.touch(learner, s.clock())
	m := s.d.reviews[learner]
	if m == nil {
		m = map[string]record.ReviewCard{}
		s.d.reviews[learner] = m
	}
	for _, c := range cards {
		c.Due, c.LastReview = ms(c.Due), ms(c.LastReview)
		m[c.Acquis] = c
	}
	return nil
}

// checkAcquis refuses a mastery estimate progress would refuse.
func checkAcquis(states []record.AcquisState) error {
	for _, a := range states {
		if blank(a.Acquis) || math.IsNaN(a.Mastery) || a.Mastery < 0 || a.Mastery > 1 || a.Answers < 0 {
			return fail("saving acquis", fmt.Errorf("acquis %q: %w", a.Acquis, record.ErrInvalid))
		}
	}
	return nil
}

// saveAcquis stores mastery estimates, replacing earlier ones; LastSeen is
// now when zero.
func (d *data) saveAcquis(learner record.LearnerID, now time.Time, states []record.AcquisState) {
	if len(states) == 0 {
		return
	}
	m := d.acquis[learner]
	if m == nil {
		m = map[string]record.AcquisState{}
		d.acquis[learner] = m
	}
	for _, a := range states {
		if a.LastSeen.IsZero() {
			a.LastSeen = now
		}
		a.LastSeen = ms(a.LastSeen)
		m[a.Acquis] = a
	}
}
