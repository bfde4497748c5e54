package record

import (
	"strings"
	"time"
)

// The PIN delay: the first wrong tries cost nothing (fingers slip), then each
// one doubles the wait, up to a cap. A 4-digit PIN then takes weeks to guess
// at the keyboard. It does not stop someone who copies the file: the PIN
// keeps results from other people's eyes on a shared screen, it does not
// encrypt them (see docs/stockage.md).
const (
	pinFreeTries = 2
	pinBaseDelay = 5 * time.Second
	pinMaxDelay  = 15 * time.Minute
)

// PINDelay is the wait imposed after failures wrong PINs in a row.
func PINDelay(failures int) time.Duration {
	if failures <= pinFreeTries {
		return 0
	}
	d := pinBaseDelay
	for i := pinFreeTries + 1; i < failures && d < pinMaxDelay; i++ {
		d *= 2
	}
	return min(d, pinMaxDelay)
}

// ValidPIN says whether pin is 4 to 6 ASCII digits.
func ValidPIN(pin string) bool {
	if len(pin) < 4 || len(pin) > 6 {
		return false
	}
	for _, c := range []byte(pin) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// CheckNewPIN says whether pin may be chosen as a new code: nil, or
// ErrBadPINFormat (not 4 to 6 digits), or ErrTrivialPIN (too easy to guess).
// The screens call it before asking for the code a second time; every
// store calls it before keeping a new code.
func CheckNewPIN(pin string) error {
	switch {
	case !ValidPIN(pin):
		return ErrBadPINFormat
	case TrivialPIN(pin):
		return ErrTrivialPIN
	}
	return nil
}

// TrivialPIN says whether a PIN is among the first ones anybody tries: one
// digit repeated (0000), a run up or down (1234, 9876, 0123, 7890), a pair or a
// triple repeated (1212, 123123), or a few others on every list of common
// codes.
func TrivialPIN(pin string) bool {
	up, down, same := true, true, true
	for i := 1; i < len(pin); i++ {
		d := int(pin[i]) - int(pin[i-1])
		// 7890 and 3210 count as runs: 0 follows 9 on a keypad.
		up = up && (d == 1 || pin[i-1] == '9' && pin[i] == '0')
		down = down && (d == -1 || pin[i-1] == '0' && pin[i] == '9')
		same = same && d == 0
	}
	if up || down || same {
		return true
	}
	for _, period := range []int{2, 3} {
		if len(pin)%period == 0 && len(pin) > period && strings.Repeat(pin[:period], len(pin)/period) == pin {
			return true
		}
	}
	switch pin {
	case "1004", "2000", "2580", "0852", "1122", "112233", "123321", "654321", "696969", "159753":
		return true
	}
	return false
}

// PINState is what a store keeps about a code's wrong tries in a row: a
// learner's PIN and a médiateur's code alike. Every store asks it what to
// do, so the one rule (PINDelay) decides everywhere.
type PINState struct {
	Failures    int
	LockedUntil time.Time
}

// Gate is the rule before a code is compared. A PC whose clock went back
// (flat CMOS battery) must not lock someone out for years: a wait longer
// than the policy's is capped, and capped says the store must keep next,
// or the cap would start again at every try. refused is non-nil while a
// wait runs: the code is then not checked.
func (p PINState) Gate(now time.Time) (next PINState, capped bool, refused *PINError) {
	next = p
	if limit := now.Add(PINDelay(p.Failures)); p.LockedUntil.After(limit) {
		next.LockedUntil, capped = limit, true
	}
	if now.Before(next.LockedUntil) {
		refused = &PINError{Locked: true, Failures: next.Failures, Wait: next.LockedUntil.Sub(now)}
	}
	return next, capped, refused
}

// Wrong is the state to keep after a wrong code, and the refusal to give.
func (p PINState) Wrong(now time.Time) (PINState, *PINError) {
	failures := p.Failures + 1
	wait := PINDelay(failures)
	return PINState{Failures: failures, LockedUntil: now.Add(wait)}, &PINError{Failures: failures, Wait: wait}
}
