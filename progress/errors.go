package progress

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"pasapas/i18n"
)

// Errors the caller reacts to. Test them with errors.Is; the typed errors
// below carry the details and say themselves in French and English.
var (
	// ErrNewerSchema: the file was written by a newer Pas à pas. It is left
	// untouched; see *SchemaError.
	ErrNewerSchema = errors.New("progress file written by a newer version")
	// ErrForeignFile: the file at the path is an SQLite file of another
	// program. It is left untouched.
	ErrForeignFile = errors.New("not a Pas à pas progress file")
	// ErrNotFound: no such learner, or no such test.
	ErrNotFound = errors.New("not found")
	// ErrLearnerGone: the learner is no longer in the file: erased, maybe
	// from another window. Every use case keyed by a learner checks it in
	// its own transaction, so a window still open on an erased learner
	// never reads or writes anyone else's data. errors.Is(err, ErrNotFound)
	// is true as well.
	ErrLearnerGone = fmt.Errorf("learner no longer in the file: %w", ErrNotFound)
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
	// ErrFileInUse: the file is damaged and another program (another
	// window of Pas à pas) still has it open. It is not moved aside: that
	// window would go on writing into the moved copy. See *StorageError.
	ErrFileInUse = errors.New("damaged file still open in another process")
	// ErrNotCompacted: Erase deleted the learner, but could not yet rebuild
	// the file and empty its journal (another window reading, a full
	// disk). The learner is gone; copies of their pages may stay in the
	// journal until every window of Pas à pas is closed.
	ErrNotCompacted = errors.New("erased, but the file is not compacted yet")
)

// SchemaError says that the file's schema is newer than this program knows.
type SchemaError struct {
	Path  string
	Found int // user_version in the file
	Known int // newest version this program knows
}

func (e *SchemaError) Error() string {
	return fmt.Sprintf("progress: %s has schema version %d, this program knows up to %d: %v",
		e.Path, e.Found, e.Known, ErrNewerSchema)
}

// Is makes errors.Is(err, ErrNewerSchema) true.
func (e *SchemaError) Is(target error) bool { return target == ErrNewerSchema }

// Message says what happened to a person, in lang.
func (e *SchemaError) Message(l i18n.Lang) string {
	return messages.Format(l, "newer_schema", e.Path)
}

// PINError details a refused PIN: how many wrong tries in a row, and how
// long before the next check is allowed (zero when it is allowed now).
type PINError struct {
	Locked   bool // true: refused without checking, the delay was running
	Failures int
	Wait     time.Duration
}

func (e *PINError) Error() string {
	if e.Locked {
		return fmt.Sprintf("progress: %v, %d wrong in a row, retry in %s", ErrPINLocked, e.Failures, e.Wait)
	}
	return fmt.Sprintf("progress: %v, %d wrong in a row, next try in %s", ErrWrongPIN, e.Failures, e.Wait)
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

// Explain turns an error from this package into a sentence for a person, in
// lang. Errors it does not know get a general sentence; the details are in
// err.Error() for the médiateur or a log. A failure of the file itself
// (*StorageError) ends with a details line: its cause, and the log file.
func Explain(err error, l i18n.Lang) string {
	var se *SchemaError
	var pe *PINError
	var ee *EraseError
	var st *StorageError
	switch {
	case err == nil:
		return ""
	case errors.As(err, &se):
		return se.Message(l)
	case errors.As(err, &pe):
		return pe.Message(l)
	case errors.As(err, &ee):
		return ee.Message(l)
	case errors.Is(err, ErrForeignFile):
		return messages.Format(l, "foreign_file")
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
	case errors.As(err, &st) && st.Cause == CauseInUse:
		return messages.Format(l, "in_use") + "\n" + st.Details(l)
	case errors.As(err, &st):
		return messages.Format(l, "store_failed") + "\n" + st.Details(l)
	default:
		return messages.Format(l, "store_failed")
	}
}

// Details is the details line of a failure of the file, for a médiateur:
// its cause and where the log is. "" for any other error.
func Details(err error, l i18n.Lang) string {
	var st *StorageError
	if errors.As(err, &st) {
		return st.Details(l)
	}
	return ""
}

// Message says to the learner what is erased and what is left, in lang.
func (e *EraseError) Message(l i18n.Lang) string {
	msg := messages.Format(l, "erased_but")
	if len(e.FilesLeft) > 0 {
		msg += " " + messages.Format(l, "erase_files_left", strings.Join(e.FilesLeft, "\n"))
	}
	if e.NotCompacted {
		msg += " " + messages.Format(l, "erase_not_compacted")
	}
	return msg
}
