package record

import (
	"errors"
	"time"
)

// RunID identifies one opening of an atelier: the same atelier file opened
// next week is another run, with its own members and visits.
type RunID int64

// Run is an atelier opened by a médiateur: what the file said when it was
// opened (so every PC of the place reads the same parcours), its code, and
// when it opened and closed.
type Run struct {
	ID          RunID
	Atelier     string // the file's id
	Title       string
	Code        string // normalised: capitals, no space
	Level       string // La Coop's niveau
	Thematiques []string
	Parcours    []string // lesson ids, in order
	Positioning []string // competence ids
	IdleMinutes int      // 0: none given
	OpenedBy    MediatorID
	OpenedAt    time.Time
	ClosedAt    time.Time // zero while open
}

// Open says the run still takes members at t: not closed, and opened less
// than RunHours ago (as Pix's session codes, a code is usable for a few
// hours only).
func (r Run) Open(t time.Time) bool {
	return r.ClosedAt.IsZero() && t.Before(r.OpenedAt.Add(RunHours*time.Hour))
}

// Ends is when the run stopped taking part in a visit's time: its closing,
// or the end of its code's hours when it was never closed.
func (r Run) Ends() time.Time {
	if !r.ClosedAt.IsZero() {
		return r.ClosedAt
	}
	return r.OpenedAt.Add(RunHours * time.Hour)
}

// RunHours is how long an atelier's code is usable after its opening.
const RunHours = 4

// Member is a learner who joined a run.
type Member struct {
	Run      RunID
	Learner  LearnerID
	Name     string
	JoinedAt time.Time
	// Consent: the learner agreed that the médiateurs of the atelier see
	// where they are during it. Without it they follow the parcours and
	// their row is not shown.
	Consent bool
}

// VisitID identifies a visit.
type VisitID int64

// Visit is a learner's time at a PC of the place, from sign-in to
// « Terminer ma séance » or the idle lock: the hours a Pass numérique
// structure counts. End is zero while it lasts, or when the program was
// stopped before it could write it: such a visit counts nothing until the
// learner's next visit ends it (LeftVisitEnd).
type Visit struct {
	ID      VisitID
	Learner LearnerID
	Start   time.Time
	End     time.Time
	Place   string // the place or PC name
	Run     RunID  // 0: outside an atelier
}

// Length is how long the visit lasted (0 while it lasts).
func (v Visit) Length() time.Duration {
	if v.End.IsZero() || v.End.Before(v.Start) {
		return 0
	}
	return v.End.Sub(v.Start)
}

// HereFor is how long after its start a visit nobody ended can still be
// someone at the PC: the group view stops showing them after it, and such a
// visit counts at most that long. A PC left on overnight is not a learner
// there all night.
const HereFor = 12 * time.Hour

// LeftVisitEnd is where a visit nobody ended (a power cut, a program closed
// without « Terminer ma séance », a learner gone to another PC of the place)
// ends once something has to end it: at last, the learner's last activity
// recorded since start (an answer, a lesson step, a test). It is never before
// start, never after next (the start of the learner's next visit: they were
// not at two PCs; zero: none), and never more than HereFor after start. A zero last
// (nothing recorded during it) ends it where it began: it counts nothing.
// The stores find last; this rule, the same for all of them, clamps it.
func LeftVisitEnd(start, last, next time.Time) time.Time {
	end := last
	if end.After(start.Add(HereFor)) {
		end = start.Add(HereFor)
	}
	if !next.IsZero() && end.After(next) {
		end = next
	}
	// Last: a next visit whose PC's clock is behind this one's must not
	// make the visit end before it began.
	if end.Before(start) {
		end = start
	}
	return end
}

// LengthIn is the part of the visit between from and to: a visit begun in
// an atelier that goes on after its closing counts for the atelier up to
// the closing only.
func (v Visit) LengthIn(from, to time.Time) time.Duration {
	if v.End.IsZero() || v.End.Before(v.Start) {
		return 0
	}
	start, end := v.Start, v.End
	if start.Before(from) {
		start = from
	}
	if end.After(to) {
		end = to
	}
	if end.Before(start) {
		return 0
	}
	return end.Sub(start)
}

// Call is a learner asking for the médiateur: since when.
type Call struct {
	Learner LearnerID
	Since   time.Time
}

// NoteID identifies a médiateur's note.
type NoteID int64

// Note is a médiateur's private note about a learner: part of the learner's
// own export, erased with them.
type Note struct {
	ID           NoteID
	Learner      LearnerID
	Mediator     MediatorID
	MediatorName string
	At           time.Time
	Text         string
}

// ErrNoAtelier: no open atelier has this code. A wrong code and the code of
// a closed atelier get this same answer, so codes cannot be guessed.
var ErrNoAtelier = errors.New("no open atelier has this code")

// The journal's actions of the ateliers.
const (
	ActAtelierOpened ActionKind = "atelier_ouvert" // Value: the run
	ActAtelierClosed ActionKind = "atelier_ferme"  // Value: the run
	ActNoteAdded     ActionKind = "note"
)

// ExportedNote is a médiateur's note in the learner's export.
type ExportedNote struct {
	At       time.Time `json:"le"`
	Mediator string    `json:"mediateur"`
	Text     string    `json:"texte"`
}

// ExportedVisit is a visit in the learner's export.
type ExportedVisit struct {
	Start   time.Time `json:"debut"`
	End     time.Time `json:"fin,omitzero"`
	Place   string    `json:"lieu"`
	Atelier string    `json:"atelier,omitempty"`
}

// ExportedMembership is an atelier the learner joined.
type ExportedMembership struct {
	Atelier  string    `json:"atelier"`
	Title    string    `json:"titre"`
	JoinedAt time.Time `json:"rejoint_le"`
	Consent  bool      `json:"accepte_d_etre_vu"`
}
