package scoring

import (
	"slices"
	"time"

	fsrs "github.com/open-spaced-repetition/go-fsrs/v3"
)

// Card is the review state of one acquis, scheduled by FSRS-5 (go-fsrs
// v3.3.1). The store must persist every field: Skill, Due, Stability,
// Difficulty, ElapsedDays, ScheduledDays, Reps, Lapses, State and
// LastReview. Times are kept as given (store them in UTC).
type Card struct {
	Skill         string
	Due           time.Time
	Stability     float64 // days until recall falls to 90 %
	Difficulty    float64 // 1–10
	ElapsedDays   uint64
	ScheduledDays uint64
	Reps          uint64
	Lapses        uint64
	State         CardState
	LastReview    time.Time
}

// CardState is FSRS's card state.
type CardState int8

// The card states, as FSRS numbers them (persist the number).
const (
	CardNew        = CardState(fsrs.New)
	CardLearning   = CardState(fsrs.Learning)
	CardReview     = CardState(fsrs.Review)
	CardRelearning = CardState(fsrs.Relearning)
)

// scheduler uses FSRS's default weights (trained on flashcard users: a
// prior, not the truth for our learners), a desired retention of 0.9, no
// fuzz (the schedule must be reproducible), and the long-term scheduler:
// learners come back days apart, never minutes.
var scheduler = func() *fsrs.FSRS {
	p := fsrs.DefaultParam()
	p.EnableShortTerm = false
	p.EnableFuzz = false
	return fsrs.NewFSRS(p)
}()

// NewCard is the card of an acquis never reviewed: due at once.
func NewCard(skill string) Card { return fromFSRS(skill, fsrs.NewCard()) }

// ReviewCard returns the card after a review answer at now: right counts as
// "Good", wrong (or "Je ne sais pas") as "Again". A right answer pushes the
// next review further away (by the card's stability); a wrong one brings it
// back to the next day and lowers the stability.
func ReviewCard(c Card, correct bool, now time.Time) Card {
	grade := fsrs.Again
	if correct {
		grade = fsrs.Good
	}
	return fromFSRS(c.Skill, scheduler.Next(c.toFSRS(), now, grade).Card)
}

// Preview returns what a right and a wrong answer would do to the card, so
// the interface can say "si vous réussissez, prochaine révision dans 3
// jours".
func Preview(c Card, now time.Time) (ifRight, ifWrong Card) {
	return ReviewCard(c, true, now), ReviewCard(c, false, now)
}

// Retrievability is FSRS's probability that the learner still knows the
// acquis at now (0 for a new card).
func Retrievability(c Card, now time.Time) float64 {
	return scheduler.GetRetrievability(c.toFSRS(), now)
}

// DueSkills returns the acquis to review at now: the cards due by then,
// most overdue first (ties by acquis id, so the order is stable).
func DueSkills(cards []Card, now time.Time) []string {
	var due []Card
	for _, c := range cards {
		if !c.Due.After(now) {
			due = append(due, c)
		}
	}
	slices.SortFunc(due, func(a, b Card) int {
		if c := a.Due.Compare(b.Due); c != 0 {
			return c
		}
		return compareStrings(a.Skill, b.Skill)
	})
	out := make([]string, len(due))
	for i, c := range due {
		out[i] = c.Skill
	}
	return out
}

func compareStrings(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func (c Card) toFSRS() fsrs.Card {
	return fsrs.Card{Due: c.Due, Stability: c.Stability, Difficulty: c.Difficulty, ElapsedDays: c.ElapsedDays,
		ScheduledDays: c.ScheduledDays, Reps: c.Reps, Lapses: c.Lapses, State: fsrs.State(c.State), LastReview: c.LastReview}
}

func fromFSRS(skill string, f fsrs.Card) Card {
	return Card{Skill: skill, Due: f.Due, Stability: f.Stability, Difficulty: f.Difficulty, ElapsedDays: f.ElapsedDays,
		ScheduledDays: f.ScheduledDays, Reps: f.Reps, Lapses: f.Lapses, State: CardState(f.State), LastReview: f.LastReview}
}
