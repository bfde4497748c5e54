package record

import (
	"errors"
	"fmt"
	"time"

	"pasapas/i18n"
)

// Errors every store returns, that the use cases and the screens react to.
// Test them with errors.Is; the typed errors below carry the details and
// say themselves in French and English (Explain).
var (
	// ErrNotFound: no such learner, or no such test.
	ErrNotFound = errors.New("not found")
	// ErrInvalid: a value the caller passed is not acceptable (empty name,
	// unknown device, result or language).
	ErrInvalid = errors.New("invalid value")
	// ErrBadPINFormat: a new PIN is not 4 to 6 digits.
	ErrBadPINFormat = errors.New("PIN must be 4 to 6 digits")
	// ErrWrongPIN: the PIN given is not the learner's. See *PINError.
	ErrWrongPIN = errors.New("wrong PIN")
	// ErrPINLocked: too many wrong PINs; no check before the delay is over.
	// See *PINError.
	ErrPINLocked = errors.New("PIN checks paused after wrong tries")
	// ErrTestFinished: the test is already finished and takes no more
	// answers or results.
	ErrTestFinished = errors.New("test already finished")
	// ErrNotCompacted: Erase deleted the learner, but could not yet rebuild
	// the file and empty its journal (another window reading, a full
	// disk). The learner is gone; copies of their pages may stay in the
	// journal until every window of Pas à pas is closed.
	ErrNotCompacted = errors.New("erased, but the file is not compacted yet")
)

// PINError details a refused PIN: how many wrong tries in a row, and how
// long before the next check is allowed (zero when it is allowed now).
type PINError struct {
	Locked   bool // true: refused without checking, the delay was running
	Failures int
	Wait     time.Duration
}

func (e *PINError) Error() string {
	if e.Locked {
		return fmt.Sprintf("%v, %d wrong in a row, retry in %s", ErrPINLocked, e.Failures, e.Wait)
	}
	return fmt.Sprintf("%v, %d wrong in a row, next try in %s", ErrWrongPIN, e.Failures, e.Wait)
}

// Is makes errors.Is work with ErrWrongPIN or ErrPINLocked.
func (e *PINError) Is(target error) bool {
	if e.Locked {
		return target == ErrPINLocked
	}
	return target == ErrWrongPIN
}

// Message says it to the learner, kindly, in lang.
func (e *PINError) Message(l i18n.Lang) string {
	secs := int((e.Wait + time.Second - 1) / time.Second)
	switch {
	case secs >= 120:
		return messages.Format(l, "pin_wait_min", (secs+59)/60)
	case secs > 1:
		return messages.Format(l, "pin_wait", secs)
	case secs == 1:
		return messages.Format(l, "pin_wait_1")
	default:
		return messages.Format(l, "pin_wrong")
	}
}

// Explainer is an error that says itself to a person.
type Explainer interface {
	error
	Message(l i18n.Lang) string
}

// Explain turns an error from a store into a sentence for a person, in
// lang. An error that says itself (Explainer) does; the others get a
// general sentence, and the details stay in err.Error() for the médiateur
// or a log.
func Explain(err error, l i18n.Lang) string {
	var ex Explainer
	switch {
	case err == nil:
		return ""
	case errors.As(err, &ex):
		return ex.Message(l)
	case errors.Is(err, ErrBadPINFormat):
		return messages.Format(l, "pin_format")
	case errors.Is(err, ErrNotFound):
		return messages.Format(l, "not_found")
	default:
		return messages.Format(l, "store_failed")
	}
}
