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
	// ErrLearnerGone: the learner is no longer in the store: erased, maybe
	// from another window. Every use case keyed by a learner checks it in
	// its own transaction, so a window still open on an erased learner
	// never reads or writes anyone else's data. errors.Is(err, ErrNotFound)
	// is true as well.
	ErrLearnerGone = fmt.Errorf("learner no longer in the store: %w", ErrNotFound)
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
	// ErrTrivialPIN: a new PIN is too easy to guess (1234, 0000, 1212…).
	// A PIN set before this rule still opens its profile.
	ErrTrivialPIN = errors.New("PIN too easy to guess")
	// ErrAnsweredElsewhere: the question already has an answer in this
	// test, given in another window resuming the same test. Nothing is
	// recorded twice.
	ErrAnsweredElsewhere = errors.New("question already answered in this test")
	// ErrErasedPartly: Erase deleted the learner, but could not clean
	// everything (an export file left, copies in the journal until the
	// windows close). The error says what is left.
	ErrErasedPartly = errors.New("erased, but not everything could be cleaned")
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
	if e.Locked && secs > 0 {
		// Nothing was checked: the code may well be right.
		switch {
		case secs >= 120:
			return messages.Format(l, "pin_locked_min", (secs+59)/60)
		case secs == 1:
			return messages.Format(l, "pin_locked_1")
		}
		return messages.Format(l, "pin_locked", secs)
	}
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
	case errors.Is(err, ErrTrivialPIN):
		return messages.Format(l, "pin_trivial")
	case errors.Is(err, ErrNotFound):
		return messages.Format(l, "not_found")
	case errors.Is(err, ErrTestFinished):
		return messages.Format(l, "test_finished")
	case errors.Is(err, ErrAnsweredElsewhere):
		return messages.Format(l, "answered_elsewhere")
	default:
		return StoreFailed(l)
	}
}

// StoreFailed is the general sentence for a store that failed: the
// details, when there are some, go on a line of their own after it.
func StoreFailed(l i18n.Lang) string { return messages.Format(l, "store_failed") }
