package learning

import (
	"context"
	"slices"
	"time"

	"pasapas/lessons"
	"pasapas/record"
)

// Day is what a learner did on one day, for « Ce que j'ai appris
// aujourd'hui »: the lessons finished and the lessons begun that day, the
// results of the tests finished that day (from Results, so they are the
// levels « Mes résultats » shows), and the acquis those tests found
// mastered or to work on. It is read, never written.
type Day struct {
	Date     time.Time
	Finished []*lessons.Lesson // lessons finished that day, in the catalogue's order
	Started  []*lessons.Lesson // lessons worked on that day and not finished yet
	Tests    []Entry           // results of the tests finished that day
	Mastered []*lessons.Skill  // acquis those tests found mastered
	ToLearn  []*lessons.Skill  // acquis those tests found to work on
}

// Empty says the learner did nothing that day that a page could show.
func (d Day) Empty() bool {
	return len(d.Finished)+len(d.Started)+len(d.Tests) == 0
}

// Today is the learner's day so far (the service's clock, local time).
func (s *Service) Today(ctx context.Context, cat *lessons.Catalogue, learner record.LearnerID) (Day, error) {
	st, err := s.Results(ctx, cat, learner)
	if err != nil {
		return Day{}, err
	}
	return DayOf(st, cat, s.now()), nil
}

// mastered is the predicted success from which an acquis counts as known,
// as « Mes résultats » says it.
const mastered = 0.8

// DayOf picks from where a learner stands what they did on the day of t.
func DayOf(st Standing, cat *lessons.Catalogue, t time.Time) Day {
	y, m, d := t.Local().Date()
	sameDay := func(u time.Time) bool {
		if u.IsZero() {
			return false
		}
		uy, um, ud := u.Local().Date()
		return uy == y && um == m && ud == d
	}
	day := Day{Date: time.Date(y, m, d, 0, 0, 0, 0, time.Local)}
	if st.State != nil {
		for _, l := range cat.Lessons {
			lp, ok := st.State.Lessons[l.ID]
			switch {
			case !ok:
			case lp.Done && sameDay(lp.DoneAt):
				day.Finished = append(day.Finished, l)
			case !lp.Done && sameDay(lp.UpdatedAt):
				day.Started = append(day.Started, l)
			}
		}
	}
	seen := map[string]bool{}
	for _, e := range st.Entries {
		if !sameDay(e.Test.FinishedAt) {
			continue
		}
		day.Tests = append(day.Tests, e)
		for _, sk := range e.Result.Skills {
			skill := cat.Skill(sk.Skill)
			if skill == nil || seen[sk.Skill] || sk.Right+sk.Wrong == 0 {
				continue
			}
			seen[sk.Skill] = true
			switch {
			case sk.Weak:
				day.ToLearn = append(day.ToLearn, skill)
			case sk.PSuccess >= mastered:
				day.Mastered = append(day.Mastered, skill)
			}
		}
	}
	byLevel := func(a, b *lessons.Skill) int { return a.Level - b.Level }
	slices.SortStableFunc(day.Mastered, byLevel)
	slices.SortStableFunc(day.ToLearn, byLevel)
	return day
}

// ExportDir is the folder where a learner's files are written (their
// export, their printed pages); "" when there is none.
func (s *Service) ExportDir() string { return s.exportDir }

// Now is the service's clock.
func (s *Service) Now() time.Time { return s.now() }
