package record

import (
	"encoding/json"
	"fmt"
	"io"
	"time"

	"pasapas/scoring"
)

// ExportFormat and ExportVersion identify an export file, so a later program
// (or a person) knows what it reads.
const (
	ExportFormat  = "pasapas-progres"
	ExportVersion = 1
)

// Export is all the data a store holds about one learner, as a file gives
// it (every store writes this shape) (RGPD right of
// access and portability). Field names are French: the person reading it is.
// The PIN hash is left out: it is a lock, not information about the person.
// Each test carries what its result is computed with (ExportedTest): an
// import on another PC then shows the same levels.
type Export struct {
	Format     string           `json:"format"`
	Version    int              `json:"version"`
	ExportedAt time.Time        `json:"exporte_le"`
	Learner    Learner          `json:"profil"`
	Lessons    []LessonProgress `json:"lecons"`
	Tests      []ExportedTest   `json:"tests"`
	Answers    []ExportedAnswer `json:"reponses"`
	Acquis     []AcquisState    `json:"acquis"`
	Reviews    []ReviewCard     `json:"revisions"`
	// Space is what the médiateur's space keeps about them: their consent,
	// the archive mark, and the journal's lines about their profile.
	Space ExportedSpace `json:"espace_mediateur"`
}

// ExportedTest is a test as the export gives it: the test, and what its
// result is replayed with (learning.Service.Results computes results again
// from the answers). Both are left out when there is nothing to say, so a
// file written before they were exported reads the same.
type ExportedTest struct {
	Test
	// Rho is the correlation a positioning ran with (Test.Rho); 0 for a
	// test of one competence or a positioning that did not keep it.
	Rho float64 `json:"rho,omitempty"`
	// Difficulties are the item parameters a finished test used, by
	// question id (the store's TestDifficulties); none for an open or
	// abandoned test, or one finished before they were kept.
	Difficulties map[string]ExportedParams `json:"difficultes,omitempty"`
}

// ExportedParams are one question's parameters as a test used them.
type ExportedParams struct {
	Difficulty     float64 `json:"difficulte"`     // B, in logits
	Discrimination float64 `json:"discrimination"` // A, positive
}

// NewExportedTest is t as the export gives it, with the item parameters it
// used (nil: none).
func NewExportedTest(t Test, params map[string]scoring.Calibration) ExportedTest {
	e := ExportedTest{Test: t, Rho: t.Rho}
	if len(params) > 0 {
		e.Difficulties = make(map[string]ExportedParams, len(params))
		for q, p := range params {
			e.Difficulties[q] = ExportedParams{Difficulty: p.B, Discrimination: p.A}
		}
	}
	return e
}

// Params are the item parameters the test used, in the engine's form; nil
// when the file has none.
func (e ExportedTest) Params() map[string]scoring.Calibration {
	if len(e.Difficulties) == 0 {
		return nil
	}
	out := make(map[string]scoring.Calibration, len(e.Difficulties))
	for q, p := range e.Difficulties {
		out[q] = scoring.Calibration{B: p.Difficulty, A: p.Discrimination}
	}
	return out
}

// ExportedAnswer is an answer with its duration in milliseconds and the
// answer given as JSON rather than a string holding JSON.
type ExportedAnswer struct {
	Answer
	Given      json.RawMessage `json:"reponse"`
	DurationMS int64           `json:"duree_ms"`
}

// WriteJSON writes the export as indented JSON. Each test's parameters are
// written for the questions its answers name only (answeredParams).
func (e *Export) WriteJSON(w io.Writer) error {
	out := *e
	out.Tests = answeredParams(e.Tests, e.Answers)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(&out); err != nil {
		return fmt.Errorf("record: writing export: %w", err)
	}
	return nil
}

// answeredParams are the tests with, in each, only the parameters of the
// questions the test's answers name. A result is replayed from its answers,
// so those are all it needs; the others would say how the computer's
// calibration moved, which is made of other learners' answers (on a PC
// with one other user, which questions that person answered, and how).
func answeredParams(tests []ExportedTest, answers []ExportedAnswer) []ExportedTest {
	asked := map[TestID]map[string]bool{}
	for _, a := range answers {
		if a.Test == 0 {
			continue
		}
		if asked[a.Test] == nil {
			asked[a.Test] = map[string]bool{}
		}
		asked[a.Test][a.Question] = true
	}
	out := make([]ExportedTest, len(tests))
	for i, t := range tests {
		out[i] = t
		if len(t.Difficulties) == 0 {
			continue
		}
		kept := map[string]ExportedParams{}
		for q, p := range t.Difficulties {
			if asked[t.ID][q] {
				kept[q] = p
			}
		}
		out[i].Difficulties = nil
		if len(kept) > 0 {
			out[i].Difficulties = kept
		}
	}
	return out
}

// ExportedSpace is the médiateur's space's part of a learner's export.
type ExportedSpace struct {
	Shares      bool             `json:"partage_ses_progres"`
	SharesSince time.Time        `json:"partage_depuis,omitzero"`
	ArchivedAt  time.Time        `json:"archive_le,omitzero"`
	Journal     []ExportedAction `json:"journal"`
	// The ateliers joined, the visits, and the médiateurs' notes about
	// them (atelier.go).
	Ateliers []ExportedMembership `json:"ateliers"`
	Visits   []ExportedVisit      `json:"visites"`
	Notes    []ExportedNote       `json:"notes"`
	// CallingSince: the learner was calling the médiateur when the export
	// was made.
	CallingSince time.Time `json:"appelle_depuis,omitzero"`
}

// ExportedAction is a journal line about the learner's profile.
type ExportedAction struct {
	At       time.Time  `json:"le"`
	Mediator string     `json:"mediateur"`
	Kind     ActionKind `json:"action"`
}
