package fiche

import (
	"context"
	"strings"
	"testing"
	"time"

	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/learning/memstore"
	"pasapas/record"
	"pasapas/scoring"
)

// learnedDay is a learner's day from the use cases (learning.Service.Today
// over the in-memory store): two lessons finished, one begun, and a test
// of the first competence finished today.
func learnedDay(t *testing.T, lang i18n.Lang) learning.Day {
	t.Helper()
	cat := builtin.Catalogue(lang)
	now := time.Date(2026, 12, 7, 16, 0, 0, 0, time.Local)
	app := learning.New(memstore.New(memstore.WithClock(func() time.Time { return now })), learning.Options{Now: func() time.Time { return now }})
	ctx := context.Background()
	l, err := app.CreateLearner(ctx, "Marie-Thérèse", "", record.Prefs{})
	if err != nil {
		t.Fatal(err)
	}
	for i, les := range cat.Lessons[:3] {
		st := record.LessonStep{Lesson: les.ID, Step: len(les.Items), Done: i < 2}
		if err := app.SaveLessonStep(ctx, l.ID, st); err != nil {
			t.Fatal(err)
		}
	}
	day, err := app.Today(ctx, cat, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	comp := cat.Competences[0]
	day.Tests = append(day.Tests, learning.Entry{Competence: comp, Result: scoring.Result{Level: 2}, Test: record.Test{FinishedAt: now}})
	for _, q := range cat.QuestionsOf(comp.ID)[:1] {
		day.Mastered = append(day.Mastered, cat.Skill(q.Skill.ID))
	}
	return day
}

// TestLearnedTodayPrints prints « Ce que j'ai appris aujourd'hui » in
// headless Chromium, in both languages: the learner's name, the date, the
// lessons, the test's level in words, an acquis mastered, 12 pt at least,
// one A4 page.
func TestLearnedTodayPrints(t *testing.T) {
	needBrowser(t)
	for _, lang := range []i18n.Lang{i18n.FR, i18n.EN} {
		t.Run(string(lang), func(t *testing.T) {
			cat := builtin.Catalogue(lang)
			day := learnedDay(t, lang)
			_, pdf := printPDF(t, Learned(cat, "Marie-Thérèse", day), "appris")
			f := readPDF(t, pdf)
			checkPrint(t, "appris", f)
			t.Logf("%s: %d page(s), smallest text %.2f pt, fonts %v", lang, f.Pages, f.MinWordHeight/dejaVuBox, f.Fonts)
			if f.Pages != 1 {
				t.Errorf("%d pages, want 1", f.Pages)
			}
			say := func(code string) string { return words.Format(lang, code) }
			want := []string{say("learned_title"), "Marie-Thérèse", Date(lang, day.Date),
				say("learned_finished"), plain(day.Finished[0].Title), plain(day.Finished[1].Title),
				say("learned_started"), plain(day.Started[0].Title),
				say("learned_tests"), scoring.LevelHeading(lang, 2), say("learned_mastered"), plain(day.Mastered[0].Text), say("notes")}
			for _, w := range want {
				if !strings.Contains(f.Text, fold(w)) {
					t.Errorf("the printed page lacks %q:\n%s", w, f.Text)
				}
			}
		})
	}
}

// TestLearnedNothingYet: a day with nothing says so, and still prints.
func TestLearnedNothingYet(t *testing.T) {
	d := Learned(builtin.Catalogue(i18n.FR), "Paul", learning.Day{Date: time.Date(2026, 12, 1, 0, 0, 0, 0, time.Local)})
	if d.Subtitle != "Paul · 1er décembre 2026" || len(d.Blocks) == 0 || d.Blocks[0].Kind != "text" {
		t.Errorf("%q %+v", d.Subtitle, d.Blocks)
	}
}
