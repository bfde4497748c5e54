package record

import (
	"errors"
	"time"
)

// MediatorID identifies a médiateur's account.
type MediatorID int64

// Mediator is a médiateur's account on this PC: a name and a code (kept as
// an argon2id hash inside the store, never here).
type Mediator struct {
	ID        MediatorID
	Name      string
	CreatedAt time.Time
}

// Profile is a learner's line in the médiateur's space. It holds nothing a
// learner did — no level, no lesson, no answer — so it can be shown whether
// or not the learner shares their progress.
type Profile struct {
	ID       LearnerID
	Name     string
	HasPIN   bool
	LastSeen time.Time
	Archived bool
	// Shares: the learner agreed to « Partager mes progrès avec les
	// médiateurs de ce lieu ».
	Shares bool
}

// ActionKind names what a médiateur did.
type ActionKind string

// The actions of the médiateur's space that the journal keeps.
const (
	ActPINReset        ActionKind = "code"         // a learner's new code, typed by the learner
	ActRename          ActionKind = "nom"          // a profile renamed
	ActMerge           ActionKind = "regroupement" // Other merged into Learner
	ActArchive         ActionKind = "archive"
	ActUnarchive       ActionKind = "desarchive"
	ActErase           ActionKind = "effacement"
	ActRetentionErase  ActionKind = "effacement_conservation" // erased: no visit for longer than the place keeps
	ActRetention       ActionKind = "conservation"            // the retention period set to Value months
	ActMediatorAdded   ActionKind = "compte_ajoute"
	ActMediatorRemoved ActionKind = "compte_retire"
	ActProgressViewed  ActionKind = "progres_vus" // a sharing learner's progress looked at
)

// Action is one line of the journal: who, what, when. It never holds a
// learner's name, code or answer — only the profile's number — so erasing
// a learner leaves nothing of them in it.
type Action struct {
	ID           int64
	At           time.Time
	Mediator     MediatorID
	MediatorName string // as it was at the time: the line stays readable after the account goes
	Kind         ActionKind
	Learner      LearnerID  // 0: no learner (an account, the retention period)
	Other        LearnerID  // a merge: the profile merged into Learner
	OtherAccount MediatorID // an account added or removed
	Value        int        // the retention period, in months
}

// ErrNoConsent: the learner does not share their progress with the
// médiateurs; nothing of what they did may be shown.
var ErrNoConsent = errors.New("the learner does not share their progress")

// ErrSelf: a médiateur cannot remove their own account (someone must stay
// able to open the space), nor merge a profile with itself.
var ErrSelf = errors.New("not on oneself")
