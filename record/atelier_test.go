package record

import (
	"testing"
	"time"
)

func TestLeftVisitEnd(t *testing.T) {
	start := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	at := func(d time.Duration) time.Time { return start.Add(d) }
	for _, c := range []struct {
		name       string
		last, next time.Time
		want       time.Time
	}{
		{"nothing recorded: where it began", time.Time{}, at(time.Hour), start},
		{"the last answer", at(40 * time.Minute), at(time.Hour), at(40 * time.Minute)},
		{"activity before the start does not count", at(-time.Hour), at(time.Hour), start},
		{"activity after the next visit's start (another PC's clock)", at(70 * time.Minute), at(time.Hour), at(time.Hour)},
		{"a PC left on for days", at(30 * time.Hour), at(48 * time.Hour), at(HereFor)},
		{"next visit before the start (a clock behind)", at(10 * time.Minute), at(-5 * time.Minute), start},
		{"no next visit", at(3 * time.Hour), time.Time{}, at(3 * time.Hour)},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := LeftVisitEnd(start, c.last, c.next); !got.Equal(c.want) {
				t.Errorf("LeftVisitEnd(start, %v, %v) = %v, want %v", c.last.Sub(start), c.next.Sub(start), got.Sub(start), c.want.Sub(start))
			}
		})
	}
}
