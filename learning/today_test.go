package learning_test

import (
	"context"
	"testing"
	"time"

	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/learning/memstore"
	"pasapas/lessons"
	"pasapas/record"
	"pasapas/scoring"
)

// TestToday: the lessons finished and begun today, not yesterday's; the
// tests finished today with the acquis they found mastered or to work on.
func TestToday(t *testing.T) {
	cat := lessons.Load(lessons.Options{}, lessons.Builtin()).Catalogue(i18n.FR)
	now := time.Date(2026, 12, 7, 15, 0, 0, 0, time.Local)
	clock := now.Add(-26 * time.Hour) // yesterday first
	st := memstore.New(memstore.WithClock(func() time.Time { return clock }))
	app := learning.New(st, learning.Options{Now: func() time.Time { return now }})
	ctx := context.Background()
	l, err := app.CreateLearner(ctx, "Marie", "", record.Prefs{})
	if err != nil {
		t.Fatal(err)
	}
	ls := cat.Lessons
	done := func(les *lessons.Lesson) {
		if err := app.SaveLessonStep(ctx, l.ID, record.LessonStep{Lesson: les.ID, Step: len(les.Items), Done: true}); err != nil {
			t.Fatal(err)
		}
	}
	done(ls[0]) // yesterday
	clock = now.Add(-2 * time.Hour)
	done(ls[1])
	if err := app.SaveLessonStep(ctx, l.ID, record.LessonStep{Lesson: ls[2].ID, Step: 1}); err != nil {
		t.Fatal(err)
	}
	day, err := app.Today(ctx, cat, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(day.Finished) != 1 || day.Finished[0] != ls[1] || len(day.Started) != 1 || day.Started[0] != ls[2] {
		t.Errorf("finished %v, started %v", day.Finished, day.Started)
	}
	if day.Empty() || len(day.Tests) != 0 {
		t.Errorf("a day with lessons and no test: %+v", day)
	}

	// Tests: today's only, with their acquis.
	comp := cat.Competences[0]
	var a, b string
	for _, q := range cat.QuestionsOf(comp.ID) {
		switch {
		case a == "":
			a = q.Skill.ID
		case b == "" && q.Skill.ID != a:
			b = q.Skill.ID
		}
	}
	if b == "" {
		t.Fatal("too few acquis")
	}
	res, err := app.Results(ctx, cat, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	standing := learning.Standing{State: res.State, Entries: []learning.Entry{
		{Competence: comp, Test: record.Test{FinishedAt: now.Add(-time.Hour)}, Result: scoring.Result{Level: 2, Skills: []scoring.SkillMastery{
			{Skill: a, PSuccess: 0.9, Right: 1}, {Skill: b, PSuccess: 0.3, Wrong: 1, Weak: true}}}},
		{Competence: cat.Competences[1], Test: record.Test{FinishedAt: now.Add(-48 * time.Hour)}, Result: scoring.Result{Level: 3}},
	}}
	d := learning.DayOf(standing, cat, now)
	if len(d.Tests) != 1 || d.Tests[0].Competence != comp {
		t.Errorf("tests of today: %+v", d.Tests)
	}
	if len(d.Mastered) != 1 || d.Mastered[0].ID != a || len(d.ToLearn) != 1 || d.ToLearn[0].ID != b {
		t.Errorf("mastered %v, to learn %v", d.Mastered, d.ToLearn)
	}
}
