package learning

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"pasapas/lessons"
	"pasapas/record"
)

// The attestation (pasapas mediateur attestation, and the space's screen):
// what a learner did at the place over a period, for a Pass numérique
// count or a job centre. It is made with the learner there, or with their
// consent: a learner who shares their progress with the médiateurs gives
// it once in « Mes réglages »; one who does not may type their own code
// there and then to say yes. A learner with no code who does not share
// cannot say yes that way: they choose to share first. So no attestation
// is ever made of someone who did not agree.

// MaxStructure is the longest structure's name, in characters: one line
// of an A4 page.
const MaxStructure = 80

// ErrNoStructure: the structure's name is not set yet; an attestation
// needs it (a médiateur sets it once, in the space's settings).
var ErrNoStructure = explain(fmt.Errorf("learning: the structure's name is not set: %w", record.ErrInvalid), "err_no_structure")

// Structure is the structure's name ("" when none was set).
func (s *Service) Structure(ctx context.Context) (string, error) {
	sp, err := s.space()
	if err != nil {
		return "", err
	}
	return sp.Structure(ctx)
}

// SetStructure sets the structure's name, spaces folded; it refuses what
// record.CleanName refuses — an empty one, one longer than MaxStructure,
// control and bidirectional characters (it goes on printed pages and on
// the screen).
func (s *Service) SetStructure(ctx context.Context, by record.MediatorID, name string) error {
	sp, err := s.space()
	if err != nil {
		return err
	}
	name, err = record.CleanName(strings.Join(strings.Fields(name), " "), MaxStructure)
	if err != nil {
		return errStructure(name)
	}
	return sp.SetStructure(ctx, by, name)
}

// Period is the days an attestation covers, both included. A zero From
// starts at the learner's first visit; a zero To ends today.
type Period struct{ From, To time.Time }

// ErrBackwards: a period whose first day comes after its last.
var ErrBackwards = explain(fmt.Errorf("learning: the period ends before it begins: %w", record.ErrInvalid), "err_backwards")

// Check says ErrBackwards for a period the wrong way round (a zero day
// is open, so never wrong).
func (p Period) Check() error { return checkDays(p.From, p.To) }

func checkDays(from, to time.Time) error {
	if !from.IsZero() && !to.IsZero() && dayStart(from).After(dayStart(to)) {
		return fmt.Errorf("%w: from %s to %s", ErrBackwards, from.Format(time.DateOnly), to.Format(time.DateOnly))
	}
	return nil
}

// Consent says how the learner agreed to an attestation.
type Consent int

const (
	// ConsentShares: the learner shares their progress with the médiateurs.
	ConsentShares Consent = iota + 1
	// ConsentCode: the learner typed their own code to say yes.
	ConsentCode
)

// Attestation is what an attestation says: who, where, when, how long,
// which lessons, which levels.
type Attestation struct {
	Structure string
	Learner   record.LearnerID
	Name      string
	From, To  time.Time     // the period's first and last days (local dates)
	Time      time.Duration // the ended visits begun in the period, summed
	Visits    int           // how many visits
	Lessons   []*lessons.Lesson
	// Levels are the learner's levels per competence measured by a test
	// (from Results, the one source of truth), as they stood at the
	// period's end; a positioning's first idea is left out.
	Levels  []Entry
	Made    time.Time
	Consent Consent
}

// Attestation makes a learner's attestation for a médiateur, and writes
// its journal line. pin is the code the learner typed to say yes ("" when
// they share their progress). A learner who does not share gets
// record.ErrNoConsent without a code (or without one to type), and a
// *record.PINError for a wrong one. Nothing of them is read before that.
func (s *Service) Attestation(ctx context.Context, by record.MediatorID, cat *lessons.Catalogue, id record.LearnerID, p Period, pin string) (Attestation, error) {
	sp, err := s.space()
	if err != nil {
		return Attestation{}, err
	}
	g, err := s.group()
	if err != nil {
		return Attestation{}, err
	}
	consent, err := s.attestationConsent(ctx, sp, id, pin)
	if err != nil {
		return Attestation{}, err
	}
	structure, err := sp.Structure(ctx)
	if err != nil {
		return Attestation{}, err
	}
	if structure == "" {
		return Attestation{}, ErrNoStructure
	}
	now := s.now()
	from, to := dayStart(p.From), dayStart(p.To)
	if p.To.IsZero() {
		to = dayStart(now)
	}
	if !p.From.IsZero() && from.After(to) {
		return Attestation{}, checkDays(from, to)
	}
	visits, err := g.Visits(ctx, id)
	if err != nil {
		return Attestation{}, err
	}
	if p.From.IsZero() {
		from = to
		if len(visits) > 0 && dayStart(visits[0].Start).Before(to) {
			from = dayStart(visits[0].Start)
		}
	}
	end := to.AddDate(0, 0, 1) // the period's last day, included
	in := func(t time.Time) bool { return !t.IsZero() && !t.Before(from) && t.Before(end) }
	// The levels as they stood at the period's end: a test retaken since
	// does not hide the one of the period.
	st, err := s.ResultsBefore(ctx, cat, id, end)
	if err != nil {
		return Attestation{}, err
	}
	a := Attestation{Structure: structure, Learner: id, Name: st.State.Learner.Name, From: from, To: to, Made: now, Consent: consent}
	for _, v := range visits {
		if in(v.Start) {
			a.Time += v.Length()
			a.Visits++
		}
	}
	type done struct {
		l  *lessons.Lesson
		at time.Time
	}
	var ds []done
	for lid, lp := range st.State.Lessons {
		if l := cat.Lesson(lid); l != nil && lp.Done && in(lp.DoneAt) {
			ds = append(ds, done{l, lp.DoneAt})
		}
	}
	slices.SortFunc(ds, func(x, y done) int {
		if c := x.at.Compare(y.at); c != 0 {
			return c
		}
		return strings.Compare(x.l.ID, y.l.ID)
	})
	for _, d := range ds {
		a.Lessons = append(a.Lessons, d.l)
	}
	// Only levels measured by a test of the competence: a positioning's
	// first idea (one answer or none per competence) would overstate what
	// a certificate says.
	for _, e := range st.Entries {
		if !e.Result.Rough {
			a.Levels = append(a.Levels, e)
		}
	}
	value := 0
	if consent == ConsentCode {
		value = 1
	}
	if err := sp.LogAction(ctx, record.Action{Mediator: by, Kind: record.ActAttestation, Learner: id, Value: value}); err != nil {
		return Attestation{}, err
	}
	return a, nil
}

// attestationConsent says how the learner agreed, or why not.
func (s *Service) attestationConsent(ctx context.Context, sp Space, id record.LearnerID, pin string) (Consent, error) {
	list, err := sp.Profiles(ctx)
	if err != nil {
		return 0, err
	}
	i := slices.IndexFunc(list, func(p record.Profile) bool { return p.ID == id })
	if i < 0 {
		return 0, fmt.Errorf("learner %d: %w", id, record.ErrNotFound)
	}
	p := list[i]
	if p.Shares {
		return ConsentShares, nil
	}
	// A profile with no code would take any code: it cannot say yes this
	// way.
	if pin == "" || !p.HasPIN {
		return 0, errNoConsent
	}
	if err := s.store.CheckPIN(ctx, id, pin); err != nil {
		return 0, err
	}
	return ConsentCode, nil
}

// NeedsCode says whether a learner must type their code for an
// attestation (they do not share), and whether they can (they have one).
func (s *Service) NeedsCode(ctx context.Context, id record.LearnerID) (needs, can bool, err error) {
	sp, err := s.space()
	if err != nil {
		return false, false, err
	}
	list, err := sp.Profiles(ctx)
	if err != nil {
		return false, false, err
	}
	i := slices.IndexFunc(list, func(p record.Profile) bool { return p.ID == id })
	if i < 0 {
		return false, false, fmt.Errorf("learner %d: %w", id, record.ErrNotFound)
	}
	return !list[i].Shares, list[i].HasPIN, nil
}

// dayStart is the local midnight that begins t's day (the zero time
// stays zero: an open end of a period).
func dayStart(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.Local().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.Local)
}

// MonthPeriod is a calendar month as a period: back 0 is the month of
// now (up to today), 1 the month before, and so on. The attestation's
// screen offers them.
func MonthPeriod(now time.Time, back int) Period {
	y, m, _ := now.Local().Date()
	first := time.Date(y, m-time.Month(back), 1, 0, 0, 0, 0, time.Local)
	if back == 0 {
		return Period{From: first}
	}
	return Period{From: first, To: first.AddDate(0, 1, -1)}
}
