package learning

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"

	"pasapas/lessons"
	"pasapas/record"
)

// Ateliers, visits, calls and notes: the second half of the médiateur's
// space. Each is a small port beside Space; a store offers them all by
// implementing Group. Nothing in them is SQL, and none of them decides
// what a médiateur may see: the use cases below do.

// Ateliers are the ateliers opened in this place and who joined them.
type Ateliers interface {
	// OpenRun records an atelier's opening (by r.OpenedBy, at the store's
	// time) and its journal line, in one unit of work. It refuses
	// (ErrCodeTaken) a code another open run (record.Run.Open) uses, in
	// the same unit of work: two PCs opening one atelier file at once
	// cannot both have its code.
	OpenRun(ctx context.Context, r record.Run) (record.Run, error)
	// CloseRun closes an opening, with its journal line.
	CloseRun(ctx context.Context, by record.MediatorID, id record.RunID) error
	// Runs are the openings, the newest first.
	Runs(ctx context.Context) ([]record.Run, error)
	// JoinRun makes a learner a member of a run, with their consent to be
	// seen during it; joining again changes the consent only.
	JoinRun(ctx context.Context, id record.RunID, learner record.LearnerID, consent bool) error
	// Members are a run's members, by name.
	Members(ctx context.Context, id record.RunID) ([]record.Member, error)
	// Memberships are the runs a learner joined, the newest first.
	Memberships(ctx context.Context, learner record.LearnerID) ([]record.Member, error)
}

// Calls are the learners asking for the médiateur now.
type Calls interface {
	// SetCall starts (on) or ends a learner's call.
	SetCall(ctx context.Context, learner record.LearnerID, on bool) error
	Calls(ctx context.Context) ([]record.Call, error)
}

// Visits are the learners' times at a PC of the place.
type Visits interface {
	// StartVisit begins a visit at the store's time (v.Start is ignored).
	// The learner's visits nobody ended (a power cut, a program closed
	// without signing out, the learner gone to another PC) end in the same
	// unit of work, each at record.LeftVisitEnd(start, last, next): last is
	// the learner's latest answer, lesson step, test start or test end at or
	// after the visit's start and before the learner's next visit (with no
	// next visit stored yet: at any later time), next that next visit's
	// start (or the new one's). Nothing recorded: it ends where it began.
	StartVisit(ctx context.Context, v record.Visit) (record.VisitID, error)
	// EndVisit ends it at the store's time; ending it again does nothing.
	EndVisit(ctx context.Context, id record.VisitID) error
	// Visits are a learner's visits (every learner's for 0), the oldest
	// first.
	Visits(ctx context.Context, learner record.LearnerID) ([]record.Visit, error)
}

// Notes are the médiateurs' private notes about a learner.
type Notes interface {
	// AddNote writes a note and its journal line.
	AddNote(ctx context.Context, by record.MediatorID, learner record.LearnerID, text string) (record.Note, error)
	// Notes are a learner's notes, the oldest first.
	Notes(ctx context.Context, learner record.LearnerID) ([]record.Note, error)
}

// Activity is what a learner did last, for the signs of being stuck.
type Activity interface {
	// RecentAnswers are a learner's last n answers, the newest first.
	RecentAnswers(ctx context.Context, learner record.LearnerID, n int) ([]record.Answer, error)
}

// Group is everything ateliers and the group view need from a store.
type Group interface {
	Ateliers
	Calls
	Visits
	Notes
	Activity
}

// ErrNoGroup: the store does not offer ateliers (yet).
var ErrNoGroup = fmt.Errorf("learning: this store has no ateliers: %w", record.ErrInvalid)

// ErrCodeTaken: another open atelier uses this code.
var ErrCodeTaken = fmt.Errorf("learning: the code is used by another open atelier: %w", record.ErrInvalid)

func (s *Service) group() (Group, error) {
	if g, ok := s.store.(Group); ok {
		return g, nil
	}
	return nil, ErrNoGroup
}

// HasGroup says whether ateliers can be run on this store.
func (s *Service) HasGroup() bool { _, err := s.group(); return err == nil }

// NewCode draws a code of n characters among lessons.CodeLetters.
func NewCode(n int) string {
	var b strings.Builder
	max := big.NewInt(int64(len(lessons.CodeLetters)))
	for range n {
		i, err := rand.Int(rand.Reader, max)
		if err != nil {
			panic(err) // crypto/rand does not fail on supported systems
		}
		b.WriteByte(lessons.CodeLetters[i.Int64()])
	}
	return b.String()
}

// OpenAtelier opens an atelier file for a group: its code is the file's,
// or one drawn now. Two open ateliers never share a code: the check here
// gives a quick answer, the store's OpenRun is the one that holds when
// two PCs open at once.
func (s *Service) OpenAtelier(ctx context.Context, by record.MediatorID, a *lessons.Atelier) (record.Run, error) {
	g, err := s.group()
	if err != nil {
		return record.Run{}, err
	}
	open, err := s.OpenRuns(ctx)
	if err != nil {
		return record.Run{}, err
	}
	taken := func(code string) bool {
		return slices.ContainsFunc(open, func(r record.Run) bool { return r.Code == code })
	}
	code := lessons.NormalizeCode(a.Code)
	drawn := code == ""
	switch {
	case code != "" && !lessons.ValidCode(code):
		return record.Run{}, fmt.Errorf("learning: code %q: %w", a.Code, record.ErrInvalid)
	case code != "" && taken(code):
		return record.Run{}, ErrCodeTaken
	case code == "":
		for code = NewCode(6); taken(code); code = NewCode(6) {
		}
	}
	for tries := 1; ; tries++ {
		r, err := g.OpenRun(ctx, record.Run{
			Atelier: a.ID, Title: a.Title, Code: code, Level: a.Level,
			Thematiques: a.ThematiqueLabels(), Parcours: a.LessonIDs(), Positioning: a.PositioningIDs(),
			IdleMinutes: a.IdleMinutes, OpenedBy: by,
		})
		// A drawn code another PC took meanwhile: draw another one.
		if !drawn || tries == 3 || !errors.Is(err, ErrCodeTaken) {
			return r, err
		}
		for code = NewCode(6); taken(code); code = NewCode(6) {
		}
	}
}

// CloseAtelier closes an opening: its code no longer lets anyone in.
func (s *Service) CloseAtelier(ctx context.Context, by record.MediatorID, id record.RunID) error {
	g, err := s.group()
	if err != nil {
		return err
	}
	return g.CloseRun(ctx, by, id)
}

// Runs are every opening, the newest first.
func (s *Service) Runs(ctx context.Context) ([]record.Run, error) {
	g, err := s.group()
	if err != nil {
		return nil, err
	}
	return g.Runs(ctx)
}

// OpenRuns are the ateliers open now.
func (s *Service) OpenRuns(ctx context.Context) ([]record.Run, error) {
	all, err := s.Runs(ctx)
	if err != nil {
		return nil, err
	}
	now := s.now()
	return slices.DeleteFunc(all, func(r record.Run) bool { return !r.Open(now) }), nil
}

// JoinAtelier lets a learner in with a code, with their answer to « Le
// médiateur peut-il voir où vous en êtes pendant l'atelier ? ». A wrong
// code and the code of a closed atelier both give record.ErrNoAtelier.
func (s *Service) JoinAtelier(ctx context.Context, learner record.LearnerID, code string, consent bool) (record.Run, error) {
	r, err := s.FindAtelier(ctx, code)
	if err != nil {
		return record.Run{}, err
	}
	g, _ := s.group()
	return r, g.JoinRun(ctx, r.ID, learner, consent)
}

// FindAtelier is the open atelier of a code, before the learner says
// whether they agree to be seen (record.ErrNoAtelier otherwise).
func (s *Service) FindAtelier(ctx context.Context, code string) (record.Run, error) {
	open, err := s.OpenRuns(ctx)
	if err != nil {
		return record.Run{}, err
	}
	code = lessons.NormalizeCode(code)
	for _, r := range open {
		if r.Code == code {
			return r, nil
		}
	}
	return record.Run{}, record.ErrNoAtelier
}

// SetAtelierConsent is the learner changing their mind during an atelier.
func (s *Service) SetAtelierConsent(ctx context.Context, learner record.LearnerID, id record.RunID, on bool) error {
	g, err := s.group()
	if err != nil {
		return err
	}
	return g.JoinRun(ctx, id, learner, on)
}

// MyAtelier is the open atelier a learner joined last, if any.
func (s *Service) MyAtelier(ctx context.Context, learner record.LearnerID) (record.Run, record.Member, bool, error) {
	g, err := s.group()
	if errors.Is(err, ErrNoGroup) {
		return record.Run{}, record.Member{}, false, nil
	}
	ms, err := g.Memberships(ctx, learner)
	if err != nil {
		return record.Run{}, record.Member{}, false, err
	}
	runs, err := g.Runs(ctx)
	if err != nil {
		return record.Run{}, record.Member{}, false, err
	}
	now := s.now()
	for _, m := range ms {
		for _, r := range runs {
			if r.ID == m.Run && r.Open(now) {
				return r, m, true, nil
			}
		}
	}
	return record.Run{}, record.Member{}, false, nil
}

// Parcours is a run's lessons in order, the next one to do first: the
// lessons found in the catalogue, and the index of the first not done
// (len when all are done).
func Parcours(cat *lessons.Catalogue, r record.Run, st *record.State) ([]*lessons.Lesson, int) {
	var out []*lessons.Lesson
	for _, id := range r.Parcours {
		if l := cat.Lesson(id); l != nil {
			out = append(out, l)
		}
	}
	next := len(out)
	for i, l := range out {
		if st == nil || !st.Lessons[l.ID].Done {
			next = i
			break
		}
	}
	return out, next
}

// IdleDelay chooses how long a quiet keyboard waits before the session
// closes: the command line wins when it was given, then the atelier's, then
// the default.
func IdleDelay(flag time.Duration, flagGiven bool, atelierMinutes int, def time.Duration) time.Duration {
	switch {
	case flagGiven:
		return flag
	case atelierMinutes > 0:
		return time.Duration(atelierMinutes) * time.Minute
	}
	return def
}

// CallMediator starts or ends a learner's call for the médiateur. Asking is
// consent to be seen for that call: the group view shows their first name
// while it lasts, whatever else they share.
func (s *Service) CallMediator(ctx context.Context, learner record.LearnerID, on bool) error {
	g, err := s.group()
	if err != nil {
		return err
	}
	return g.SetCall(ctx, learner, on)
}

// Calling says whether a learner is calling the médiateur now.
func (s *Service) Calling(ctx context.Context, learner record.LearnerID) (bool, error) {
	g, err := s.group()
	if err != nil {
		return false, err
	}
	calls, err := g.Calls(ctx)
	return slices.ContainsFunc(calls, func(c record.Call) bool { return c.Learner == learner }), err
}

// StartVisit begins a learner's visit at this place (their open atelier's,
// if any). A store without ateliers keeps no visits: 0, nil.
func (s *Service) StartVisit(ctx context.Context, learner record.LearnerID, place string) (record.VisitID, error) {
	g, err := s.group()
	if err != nil {
		return 0, nil
	}
	r, _, _, err := s.MyAtelier(ctx, learner)
	if err != nil {
		return 0, err
	}
	return g.StartVisit(ctx, record.Visit{Learner: learner, Place: place, Run: r.ID})
}

// EndVisit ends a visit (0: none was started).
func (s *Service) EndVisit(ctx context.Context, id record.VisitID) error {
	g, err := s.group()
	if err != nil || id == 0 {
		return nil
	}
	return g.EndVisit(ctx, id)
}

// VisitTotals are the time spent, per learner and per atelier run, summed
// over the ended visits.
type VisitTotals struct {
	ByLearner map[record.LearnerID]time.Duration
	ByRun     map[record.RunID]time.Duration
}

// Totals sums every ended visit.
func (s *Service) Totals(ctx context.Context) (VisitTotals, error) {
	t := VisitTotals{ByLearner: map[record.LearnerID]time.Duration{}, ByRun: map[record.RunID]time.Duration{}}
	g, err := s.group()
	if err != nil {
		return t, err
	}
	vs, err := g.Visits(ctx, 0)
	if err != nil {
		return t, err
	}
	runs := map[record.RunID]record.Run{}
	if rs, err := g.Runs(ctx); err == nil {
		for _, r := range rs {
			runs[r.ID] = r
		}
	} else {
		return t, err
	}
	for _, v := range vs {
		t.ByLearner[v.Learner] += v.Length()
		if r, ok := runs[v.Run]; ok {
			// What the visit spent while the atelier ran: time after
			// its closing is the person's, not the atelier's.
			t.ByRun[v.Run] += v.LengthIn(r.OpenedAt, r.Ends())
		}
	}
	return t, nil
}

// RunSummary is an opening with what a médiateur logs in La Coop: how many
// joined, and the time spent (ended visits in the atelier, summed).
type RunSummary struct {
	Run     record.Run
	Members int
	Time    time.Duration
}

// RunSummaries are every opening, the newest first, with their members and
// time: nobody is named.
func (s *Service) RunSummaries(ctx context.Context) ([]RunSummary, error) {
	g, err := s.group()
	if err != nil {
		return nil, err
	}
	runs, err := g.Runs(ctx)
	if err != nil {
		return nil, err
	}
	tot, err := s.Totals(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]RunSummary, len(runs))
	for i, r := range runs {
		ms, err := g.Members(ctx, r.ID)
		if err != nil {
			return nil, err
		}
		out[i] = RunSummary{Run: r, Members: len(ms), Time: tot.ByRun[r.ID]}
	}
	return out, nil
}
