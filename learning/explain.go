package learning

import (
	"fmt"

	"pasapas/i18n"
	"pasapas/record"
)

// The use cases' own errors say themselves to a person (record.Explainer),
// so the screens and the commands show them through record.Explain in one
// wording, instead of each keeping its own list.

// explained is an error with its sentence for a person.
type explained struct {
	err  error
	code string // its words in explainWords
	args []any
}

func (e *explained) Error() string              { return e.err.Error() }
func (e *explained) Unwrap() error              { return e.err }
func (e *explained) Message(l i18n.Lang) string { return explainWords.Format(l, e.code, e.args...) }

// explain gives err its sentence for a person.
func explain(err error, code string, args ...any) error {
	return &explained{err: err, code: code, args: args}
}

// errNoConsent: the learner did not say yes to an attestation (still
// record.ErrNoConsent for errors.Is).
var errNoConsent = explain(record.ErrNoConsent, "err_no_consent")

// errStructure is a structure's name refused.
func errStructure(name string) error {
	return explain(fmt.Errorf("learning: structure's name %q: %w", name, record.ErrInvalid), "err_structure_rule", MaxStructure)
}

var explainWords = i18n.Table{
	"err_no_space": {FR: "L'espace médiateur n'est pas disponible ici.", EN: "The helper's space is not available here."},
	"err_no_structure": {FR: "Le nom de la structure n'est pas encore donné. Donnez-le une fois dans l'espace médiateur : « Nom de la structure », sur sa première page.",
		EN: "The organisation's name is not set yet. Set it once in the helper's space: “Name of the organisation”, on its first page."},
	"err_structure_rule": {FR: "Le nom de la structure a entre 1 et %d caractères.", EN: "The organisation's name has 1 to %d characters."},
	"err_no_consent":     {FR: "L'attestation demande l'accord de la personne : elle tape son code.", EN: "The certificate needs the person's agreement: they type their code."},
	"err_backwards": {FR: "La période finit avant de commencer : le premier jour vient après le dernier.",
		EN: "The period ends before it begins: the first day comes after the last one."},
	"err_no_export": {FR: "Ici, rien ne peut être écrit dans un fichier.", EN: "Nothing can be written to a file here."},
}
