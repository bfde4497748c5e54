package record

import (
	"encoding/json"
	"fmt"
	"io"
	"time"
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
// So are the item parameters a test used (TestDifficulties): they describe
// the questions, not the person.
type Export struct {
	Format     string           `json:"format"`
	Version    int              `json:"version"`
	ExportedAt time.Time        `json:"exporte_le"`
	Learner    Learner          `json:"profil"`
	Lessons    []LessonProgress `json:"lecons"`
	Tests      []Test           `json:"tests"`
	Answers    []ExportedAnswer `json:"reponses"`
	Acquis     []AcquisState    `json:"acquis"`
	Reviews    []ReviewCard     `json:"revisions"`
	// Space is what the médiateur's space keeps about them: their consent,
	// the archive mark, and the journal's lines about their profile.
	Space ExportedSpace `json:"espace_mediateur"`
}

// ExportedAnswer is an answer with its duration in milliseconds and the
// answer given as JSON rather than a string holding JSON.
type ExportedAnswer struct {
	Answer
	Given      json.RawMessage `json:"reponse"`
	DurationMS int64           `json:"duree_ms"`
}

// WriteJSON writes the export as indented JSON.
func (e *Export) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(e); err != nil {
		return fmt.Errorf("record: writing export: %w", err)
	}
	return nil
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
