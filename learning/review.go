package learning

import (
	"time"

	"pasapas/lessons"
	"pasapas/record"
	"pasapas/scoring"
)

// NextReview schedules an answer's acquis for review (FSRS): a right answer
// spaces the next review out, a wrong one brings it back soon. It starts
// from the learner's card for the acquis, if they have one.
func NextReview(state *record.State, skill string, correct bool, now time.Time) record.ReviewCard {
	card := scoring.NewCard(skill)
	if c, ok := state.Reviews[skill]; ok {
		card = cardOf(c)
	}
	return storeCard(scoring.ReviewCard(card, correct, now))
}

// DueReviews lists the acquis to review now that the content can ask about.
func DueReviews(state *record.State, cat *lessons.Catalogue, now time.Time) []string {
	var cards []scoring.Card
	for _, c := range state.Reviews {
		cards = append(cards, cardOf(c))
	}
	var out []string
	for _, id := range scoring.DueSkills(cards, now) {
		if len(ReviewQuestions(cat, id)) > 0 {
			out = append(out, id)
		}
	}
	return out
}

// ReviewQuestions are the bank questions of an acquis, the wordings a review
// takes in turn.
func ReviewQuestions(cat *lessons.Catalogue, skill string) []*lessons.Question {
	var out []*lessons.Question
	for _, q := range cat.Questions {
		if q.Skill.ID == skill {
			out = append(out, q)
		}
	}
	return out
}

// cardOf and storeCard convert review cards between the engine and the
// records, which keep them as plain fields.
func cardOf(c record.ReviewCard) scoring.Card {
	return scoring.Card{
		Skill: c.Acquis, Due: c.Due, Stability: c.Stability, Difficulty: c.Difficulty,
		ElapsedDays: c.ElapsedDays, ScheduledDays: c.ScheduledDays, Reps: c.Reps, Lapses: c.Lapses,
		State: scoring.CardState(c.State), LastReview: c.LastReview,
	}
}

func storeCard(c scoring.Card) record.ReviewCard {
	return record.ReviewCard{
		Acquis: c.Skill, Due: c.Due.UTC(), Stability: c.Stability, Difficulty: c.Difficulty,
		ElapsedDays: c.ElapsedDays, ScheduledDays: c.ScheduledDays, Reps: c.Reps, Lapses: c.Lapses,
		State: int8(c.State), LastReview: c.LastReview.UTC(),
	}
}
