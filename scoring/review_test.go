package scoring

import (
	"reflect"
	"testing"
	"time"
)

func TestReviewSchedule(t *testing.T) {
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	c := NewCard("mail-adresse-1")
	if c.State != CardNew || c.Due.After(now) {
		t.Fatalf("new card %+v", c)
	}
	right, wrong := Preview(c, now)
	if !right.Due.After(wrong.Due) {
		t.Errorf("right due %v not after wrong due %v", right.Due, wrong.Due)
	}
	if right.Reps != 1 || right.Skill != c.Skill || right.LastReview != now {
		t.Errorf("after a review: %+v", right)
	}
	// Right again at the due date: the interval grows.
	r2 := ReviewCard(right, true, right.Due)
	if !(r2.Due.Sub(right.Due) > right.Due.Sub(now)) {
		t.Errorf("interval did not grow: %v then %v", right.Due.Sub(now), r2.Due.Sub(right.Due))
	}
	// A lapse: wrong on a card in review counts a lapse and comes back sooner.
	lapse := ReviewCard(r2, false, r2.Due)
	if lapse.Lapses != 1 || !(lapse.Due.Sub(r2.Due) < r2.Due.Sub(right.Due)) || lapse.Stability >= r2.Stability {
		t.Errorf("lapse %+v after %+v", lapse, r2)
	}
	if p := Retrievability(r2, r2.Due); p < 0.85 || p > 0.95 {
		t.Errorf("retrievability at due date %v, want about 0.9", p)
	}
	// Round trip through the plain struct loses nothing.
	if back := fromFSRS(r2.Skill, r2.toFSRS()); !reflect.DeepEqual(back, r2) {
		t.Errorf("round trip %+v", back)
	}
}

func TestDueSkills(t *testing.T) {
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	cards := []Card{
		{Skill: "c", Due: now.Add(-time.Hour)},
		{Skill: "a", Due: now.Add(time.Hour)},
		{Skill: "b", Due: now.Add(-48 * time.Hour)},
		{Skill: "d", Due: now.Add(-time.Hour)},
		{Skill: "e", Due: now},
	}
	got := DueSkills(cards, now)
	if want := []string{"b", "c", "d", "e"}; !reflect.DeepEqual(got, want) {
		t.Errorf("DueSkills = %v, want %v", got, want)
	}
}
