package record

import (
	"testing"
	"time"
)

// The one rule every store follows for a code's wrong tries (learners and
// médiateurs alike): Gate before comparing, Wrong after a wrong code.
func TestPINState(t *testing.T) {
	now := time.Date(2026, 3, 14, 10, 0, 0, 0, time.UTC)
	cases := []struct {
		name       string
		state      PINState
		wantNext   PINState
		wantCapped bool
		wantWait   time.Duration // 0: not refused
	}{
		{"never wrong", PINState{}, PINState{}, false, 0},
		{"a wait runs", PINState{3, now.Add(2 * time.Second)}, PINState{3, now.Add(2 * time.Second)}, false, 2 * time.Second},
		{"the wait is over", PINState{3, now.Add(-time.Second)}, PINState{3, now.Add(-time.Second)}, false, 0},
		{"the clock went back: capped to the policy's wait", PINState{4, now.Add(365 * 24 * time.Hour)},
			PINState{4, now.Add(10 * time.Second)}, true, 10 * time.Second},
		{"free slips never wait, even after a clock change", PINState{2, now.Add(time.Hour)}, PINState{2, now}, true, 0},
	}
	for _, c := range cases {
		next, capped, refused := c.state.Gate(now)
		if !next.LockedUntil.Equal(c.wantNext.LockedUntil) || next.Failures != c.wantNext.Failures || capped != c.wantCapped {
			t.Errorf("%s: Gate = %+v, capped %v; want %+v, capped %v", c.name, next, capped, c.wantNext, c.wantCapped)
		}
		switch {
		case c.wantWait == 0 && refused != nil:
			t.Errorf("%s: refused %v, want the code checked", c.name, refused)
		case c.wantWait != 0 && (refused == nil || !refused.Locked || refused.Wait != c.wantWait || refused.Failures != c.state.Failures):
			t.Errorf("%s: refused %+v, want locked, wait %s", c.name, refused, c.wantWait)
		}
	}

	st := PINState{}
	for i, want := range []time.Duration{0, 0, 5 * time.Second, 10 * time.Second, 20 * time.Second} {
		var refused *PINError
		st, refused = st.Wrong(now)
		if st.Failures != i+1 || !st.LockedUntil.Equal(now.Add(want)) || refused.Locked || refused.Failures != i+1 || refused.Wait != want {
			t.Errorf("wrong code %d: %+v, %+v; want %d failures, wait %s", i+1, st, refused, i+1, want)
		}
	}
}
