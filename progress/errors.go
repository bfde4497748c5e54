package progress

import (
	"errors"
	"fmt"

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
)

// The errors every store returns are the records package's; these names
// keep this package's code and tests short.
var (
	ErrNotFound     = record.ErrNotFound
	ErrInvalid      = record.ErrInvalid
	ErrBadPINFormat = record.ErrBadPINFormat
	ErrWrongPIN     = record.ErrWrongPIN
	ErrPINLocked    = record.ErrPINLocked
	ErrTestFinished = record.ErrTestFinished
	ErrNotCompacted = record.ErrNotCompacted
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
// lang: the file's own troubles here, the rest as record.Explain says them.
func Explain(err error, l i18n.Lang) string {
	if errors.Is(err, ErrForeignFile) {
		return messages.Format(l, "foreign_file")
	}
	return record.Explain(err, l)
}
