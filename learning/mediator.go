package learning

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"pasapas/lessons"
	"pasapas/record"
)

// The médiateur's space has its own small ports, beside Store: a store
// offers the space by implementing Space. They speak of accounts, of
// profiles as lines (never results) and of the journal; nothing in them is
// SQL. Every method that changes a learner's data takes the médiateur who
// acts and writes the journal line in the same unit of work, so an action
// cannot happen unrecorded.

// Mediators are the médiateurs' accounts of this place.
type Mediators interface {
	// CreateMediator adds an account; by is the médiateur who adds it (0
	// for the first account, created when the space is first opened). With
	// by 0 it refuses (ErrNeedsMediator) when the place already has an
	// account, in the same unit of work as the insert: two PCs making
	// « the first » account at once cannot both succeed.
	CreateMediator(ctx context.Context, by record.MediatorID, name, pin string) (record.Mediator, error)
	// Mediators lists the accounts, by name.
	Mediators(ctx context.Context) ([]record.Mediator, error)
	// CheckMediatorPIN returns nil for the right code, a *record.PINError
	// otherwise, with the same growing wait as learners' codes.
	CheckMediatorPIN(ctx context.Context, id record.MediatorID, pin string) error
	// RemoveMediator removes another médiateur's account (record.ErrSelf
	// for one's own).
	RemoveMediator(ctx context.Context, by, id record.MediatorID) error
}

// Profiles are the learners' profiles as the space manages them.
type Profiles interface {
	// Profiles lists every profile, archived ones included, with nothing
	// a learner did.
	Profiles(ctx context.Context) ([]record.Profile, error)
	// SetSharing records the learner's own choice to share their progress
	// with the médiateurs (true) or not.
	SetSharing(ctx context.Context, id record.LearnerID, on bool) error
	// ResetPIN gives a learner the new code they typed themselves.
	ResetPIN(ctx context.Context, by record.MediatorID, id record.LearnerID, pin string) error
	// RenameLearner changes a profile's name.
	RenameLearner(ctx context.Context, by record.MediatorID, id record.LearnerID, name string) error
	// SetArchived hides a profile from « Qui êtes-vous ? » (or shows it again).
	SetArchived(ctx context.Context, by record.MediatorID, id record.LearnerID, on bool) error
	// MergeLearners moves everything of drop into keep, then removes drop:
	// answers and tests move as they are; for a lesson, an acquis or a
	// review card both had, the rule of MergeRules keeps one. Nothing is
	// counted twice.
	MergeLearners(ctx context.Context, by record.MediatorID, keep, drop record.LearnerID) error
	// EraseLearner erases a profile and everything of it, as Erase does,
	// with kind ActErase or ActRetentionErase in the journal.
	EraseLearner(ctx context.Context, by record.MediatorID, id record.LearnerID, kind record.ActionKind) error
}

// Journal is the record of what médiateurs did, and the place's settings.
type Journal interface {
	// LogAction writes a journal line that goes with no other change (a
	// sharing learner's progress looked at).
	LogAction(ctx context.Context, a record.Action) error
	// Actions are the journal's lines, the newest first.
	Actions(ctx context.Context) ([]record.Action, error)
	// Retention is how long a profile without a visit is kept, in months
	// (0: not set, DefaultRetentionMonths applies).
	Retention(ctx context.Context) (int, error)
	SetRetention(ctx context.Context, by record.MediatorID, months int) error
	// Structure is the structure's name, set once in the space for the
	// attestations ("" when none); SetStructure sets it, with its journal
	// line (attestation.go).
	Structure(ctx context.Context) (string, error)
	SetStructure(ctx context.Context, by record.MediatorID, name string) error
}

// Space is everything the médiateur's space needs from a store.
type Space interface {
	Mediators
	Profiles
	Journal
}

// DefaultRetentionMonths: a profile with no visit for two years may be
// erased from the space. See docs/stockage.md for the reasons.
const DefaultRetentionMonths = 24

// RetentionChoices are the periods a place may choose, in months.
var RetentionChoices = []int{6, 12, 24, 36}

// ErrNoSpace: the store does not offer the médiateur's space.
var ErrNoSpace = explain(fmt.Errorf("learning: this store has no médiateur's space: %w", record.ErrInvalid), "err_no_space")

// space returns the store's médiateur side.
func (s *Service) space() (Space, error) {
	if sp, ok := s.store.(Space); ok {
		return sp, nil
	}
	return nil, ErrNoSpace
}

// HasSpace says whether the médiateur's space can be opened on this store.
func (s *Service) HasSpace() bool { _, err := s.space(); return err == nil }

// Mediators lists the accounts; none means the space opens on the first
// account's creation.
func (s *Service) Mediators(ctx context.Context) ([]record.Mediator, error) {
	sp, err := s.space()
	if err != nil {
		return nil, err
	}
	return sp.Mediators(ctx)
}

// ErrNeedsMediator: only the very first account of a place is made
// without a médiateur signed in.
var ErrNeedsMediator = fmt.Errorf("learning: a new account needs a médiateur: %w", record.ErrInvalid)

// CreateMediator adds an account. The first one needs no one (by 0); the
// next ones are added by a médiateur signed in. A trivial code is refused.
func (s *Service) CreateMediator(ctx context.Context, by record.MediatorID, name, pin string) (record.Mediator, error) {
	sp, err := s.space()
	if err != nil {
		return record.Mediator{}, err
	}
	// A médiateur's code opens every profile's management: the learners'
	// rules for a new code (record.CheckNewPIN) apply, trivial codes
	// refused.
	if err := record.CheckNewPIN(pin); err != nil {
		return record.Mediator{}, err
	}
	if by == 0 {
		list, err := sp.Mediators(ctx)
		if err != nil {
			return record.Mediator{}, err
		}
		if len(list) > 0 {
			// Only the very first account is made without one.
			// The store checks again in its write (two PCs at once).
			return record.Mediator{}, ErrNeedsMediator
		}
	}
	return sp.CreateMediator(ctx, by, name, pin)
}

// CheckMediatorPIN checks a médiateur's code.
func (s *Service) CheckMediatorPIN(ctx context.Context, id record.MediatorID, pin string) error {
	sp, err := s.space()
	if err != nil {
		return err
	}
	return sp.CheckMediatorPIN(ctx, id, pin)
}

// RemoveMediator removes another médiateur's account.
func (s *Service) RemoveMediator(ctx context.Context, by, id record.MediatorID) error {
	sp, err := s.space()
	if err != nil {
		return err
	}
	if by == id {
		return record.ErrSelf
	}
	return sp.RemoveMediator(ctx, by, id)
}

// Profiles are the lines of the space's profile list: names, last visits,
// whether a learner shares — never a result.
func (s *Service) Profiles(ctx context.Context) ([]record.Profile, error) {
	sp, err := s.space()
	if err != nil {
		return nil, err
	}
	return sp.Profiles(ctx)
}

// Sharing says whether a learner shares their progress with the médiateurs.
func (s *Service) Sharing(ctx context.Context, id record.LearnerID) (bool, error) {
	sp, err := s.space()
	if err != nil {
		return false, err
	}
	list, err := sp.Profiles(ctx)
	if err != nil {
		return false, err
	}
	for _, p := range list {
		if p.ID == id {
			return p.Shares, nil
		}
	}
	return false, fmt.Errorf("learner %d: %w", id, record.ErrNotFound)
}

// SetSharing is the learner's own choice, made in « Mes réglages ».
func (s *Service) SetSharing(ctx context.Context, id record.LearnerID, on bool) error {
	sp, err := s.space()
	if err != nil {
		return err
	}
	return sp.SetSharing(ctx, id, on)
}

// ActiveLearners is the « Qui êtes-vous ? » list: archived profiles are
// left out. A store without the space has no archive.
func (s *Service) ActiveLearners(ctx context.Context) ([]record.LearnerSummary, error) {
	list, err := s.store.Learners(ctx)
	if err != nil {
		return nil, err
	}
	sp, err := s.space()
	if err != nil {
		return list, nil
	}
	profiles, err := sp.Profiles(ctx)
	if err != nil {
		return nil, err
	}
	archived := map[record.LearnerID]bool{}
	for _, p := range profiles {
		archived[p.ID] = p.Archived
	}
	return slices.DeleteFunc(list, func(l record.LearnerSummary) bool { return archived[l.ID] }), nil
}

// SharedProgress is a sharing learner's results, for a médiateur: the same
// Results « Mes résultats » shows. A learner who does not share gives
// record.ErrNoConsent and nothing else; the look is recorded in the journal.
func (s *Service) SharedProgress(ctx context.Context, by record.MediatorID, cat *lessons.Catalogue, id record.LearnerID) (Standing, error) {
	sp, err := s.space()
	if err != nil {
		return Standing{}, err
	}
	shares, err := s.Sharing(ctx, id)
	if err != nil {
		return Standing{}, err
	}
	if !shares {
		return Standing{}, record.ErrNoConsent
	}
	st, err := s.Results(ctx, cat, id)
	if err != nil {
		return Standing{}, err
	}
	if err := sp.LogAction(ctx, record.Action{Mediator: by, Kind: record.ActProgressViewed, Learner: id}); err != nil {
		return Standing{}, err
	}
	return st, nil
}

// ResetPIN gives a learner who forgot their code the new one they type,
// the médiateur beside them. "" removes the code.
func (s *Service) ResetPIN(ctx context.Context, by record.MediatorID, id record.LearnerID, pin string) error {
	sp, err := s.space()
	if err != nil {
		return err
	}
	return sp.ResetPIN(ctx, by, id, pin)
}

// RenameLearner changes a profile's name.
func (s *Service) RenameLearner(ctx context.Context, by record.MediatorID, id record.LearnerID, name string) error {
	sp, err := s.space()
	if err != nil {
		return err
	}
	return sp.RenameLearner(ctx, by, id, name)
}

// SetArchived archives a profile or brings it back.
func (s *Service) SetArchived(ctx context.Context, by record.MediatorID, id record.LearnerID, on bool) error {
	sp, err := s.space()
	if err != nil {
		return err
	}
	return sp.SetArchived(ctx, by, id, on)
}

// MergeLearners puts two profiles of one person together: keep stays
// (its name and code), drop's progress moves into it and drop goes.
func (s *Service) MergeLearners(ctx context.Context, by record.MediatorID, keep, drop record.LearnerID) error {
	sp, err := s.space()
	if err != nil {
		return err
	}
	if keep == drop {
		return record.ErrSelf
	}
	return sp.MergeLearners(ctx, by, keep, drop)
}

// EraseLearner erases a profile from the space.
func (s *Service) EraseLearner(ctx context.Context, by record.MediatorID, id record.LearnerID) error {
	sp, err := s.space()
	if err != nil {
		return err
	}
	return sp.EraseLearner(ctx, by, id, record.ActErase)
}

// Actions are the journal's lines, the newest first.
func (s *Service) Actions(ctx context.Context) ([]record.Action, error) {
	sp, err := s.space()
	if err != nil {
		return nil, err
	}
	return sp.Actions(ctx)
}

// Retention is the place's retention period in months (the default when
// none was chosen).
func (s *Service) Retention(ctx context.Context) (int, error) {
	sp, err := s.space()
	if err != nil {
		return 0, err
	}
	m, err := sp.Retention(ctx)
	if err != nil || m > 0 {
		return m, err
	}
	return DefaultRetentionMonths, nil
}

// SetRetention sets the place's retention period.
func (s *Service) SetRetention(ctx context.Context, by record.MediatorID, months int) error {
	sp, err := s.space()
	if err != nil {
		return err
	}
	if months < 1 || months > 120 {
		return fmt.Errorf("learning: retention of %d months: %w", months, record.ErrInvalid)
	}
	return sp.SetRetention(ctx, by, months)
}

// Expired are the profiles with no visit for longer than the retention
// period: the ones the space offers to erase.
func (s *Service) Expired(ctx context.Context) ([]record.Profile, error) {
	months, err := s.Retention(ctx)
	if err != nil {
		return nil, err
	}
	list, err := s.Profiles(ctx)
	if err != nil {
		return nil, err
	}
	limit := s.now().AddDate(0, -months, 0)
	return slices.DeleteFunc(list, func(p record.Profile) bool { return !p.LastSeen.Before(limit) }), nil
}

// EraseExpired erases every profile past the retention period, each one
// recorded in the journal; it returns how many were erased.
func (s *Service) EraseExpired(ctx context.Context, by record.MediatorID) (int, error) {
	sp, err := s.space()
	if err != nil {
		return 0, err
	}
	list, err := s.Expired(ctx)
	if err != nil {
		return 0, err
	}
	n := 0
	var last error
	for _, p := range list {
		err := sp.EraseLearner(ctx, by, p.ID, record.ActRetentionErase)
		switch {
		case err == nil, errors.Is(err, record.ErrNotCompacted), errors.Is(err, record.ErrErasedPartly):
			n++
			last = err
		case errors.Is(err, record.ErrNotFound):
		default:
			return n, err
		}
	}
	return n, last
}
