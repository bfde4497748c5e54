package progress

import (
	"errors"
	"fmt"
	"strings"

	"pasapas/i18n"
	"pasapas/record"
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
	// ErrFileInUse: the file is damaged and another program (another
	// window of Pas à pas) still has it open. It is not moved aside: that
	// window would go on writing into the moved copy. See *StorageError.
	ErrFileInUse = errors.New("damaged file still open in another process")
)

// The errors every store returns are the records package's; these names
// keep this package's code and tests short.
var (
	ErrNotFound          = record.ErrNotFound
	ErrLearnerGone       = record.ErrLearnerGone
	ErrInvalid           = record.ErrInvalid
	ErrBadPINFormat      = record.ErrBadPINFormat
	ErrWrongPIN          = record.ErrWrongPIN
	ErrPINLocked         = record.ErrPINLocked
	ErrTestFinished      = record.ErrTestFinished
	ErrTrivialPIN        = record.ErrTrivialPIN
	ErrAnsweredElsewhere = record.ErrAnsweredElsewhere
	ErrNotCompacted      = record.ErrNotCompacted
)

// PINError details a refused PIN (record.PINError).
type PINError = record.PINError

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

// Explain turns an error from this package into a sentence for a person, in
// lang: a foreign file here; the rest as record.Explain says them (the
// file's own failures, *StorageError and *EraseError, say themselves, with
// a details line for the médiateur).
func Explain(err error, l i18n.Lang) string {
	if errors.Is(err, ErrForeignFile) {
		return messages.Format(l, "foreign_file")
	}
	return record.Explain(err, l)
}

// Message says a failure of the file to a person: what happened, then a
// details line (its cause, and where the log is).
func (e *StorageError) Message(l i18n.Lang) string {
	if e.Cause == CauseInUse {
		return messages.Format(l, "in_use") + "\n" + e.Details(l)
	}
	return record.StoreFailed(l) + "\n" + e.Details(l)
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
