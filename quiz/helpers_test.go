package quiz

import (
	"testing"
	"time"

	"pasapas/lessons"
)

// Questions written in code for the tests, in the shape the loader gives.

func yes() *bool { b := true; return &b }
func no() *bool  { b := false; return &b }

// tol builds tolerances; nil means "left as default" (on).
func tol(t1, t2, t3 *bool) *lessons.Tolerances {
	return &lessons.Tolerances{CaseAccents: t1, Punctuation: t2, Typos: t3}
}

// freeText is a reponse_libre question as the loader normalises it.
func freeText(format string, t *lessons.Tolerances, answers ...string) *lessons.Question {
	return &lessons.Question{
		ID: "q", Type: lessons.FreeText, Format: format, Answers: answers, Tolerances: t,
		Fields: []lessons.Field{{ID: "reponse", Format: format, Answers: answers, Tolerances: t}},
	}
}

func typed(s string) Answer { return Answer{Fields: map[string]string{"reponse": s}} }

// builtin loads the built-in library once: the real questions of
// content/fr are the best test of the checker.
var builtinCat *lessons.Catalogue

func builtin(t testing.TB) *lessons.Catalogue {
	t.Helper()
	if builtinCat == nil {
		lib := lessons.Load(lessons.Options{Today: time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)}, lessons.Builtin())
		if n := lib.Diagnostics.Errors(); n > 0 {
			t.Fatalf("built-in content has %d errors: %v", n, lib.Diagnostics)
		}
		builtinCat = lib.Catalogue("fr")
	}
	return builtinCat
}

func question(t testing.TB, id string) *lessons.Question {
	t.Helper()
	q := builtin(t).Question(id)
	if q == nil {
		t.Fatalf("no question %q in the built-in content", id)
	}
	return q
}
