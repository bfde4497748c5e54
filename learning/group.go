package learning

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"pasapas/lessons"
	"pasapas/record"
)

// The group view (« Le groupe ») and a learner's follow-up. What a row may
// show is decided here, once: a learner who has not agreed is absent, or,
// while they call the médiateur, a first name and the call, nothing more.

// Stuck names a sign that a learner may be stuck.
type Stuck int

const (
	NotStuck Stuck = iota
	// StuckSkips: three « Je ne sais pas » in a row.
	StuckSkips
	// StuckLong: StuckAfter on one step.
	StuckLong
)

// StuckAfter is how long on one step reads as being stuck.
const StuckAfter = 5 * time.Minute

// stuckSkips is how many « Je ne sais pas » in a row read as being stuck.
const stuckSkips = 3

// hereFor is how long after its start an unended visit still counts as
// someone here (a visit the program could not end is not someone here
// tomorrow): the same bound as the time such a visit can count.
const hereFor = record.HereFor

// GroupRow is one learner in the group view.
type GroupRow struct {
	Learner record.LearnerID
	Name    string
	// Calling: since when they call the médiateur (zero: not calling).
	Calling time.Time
	// Shown: the learner agreed; everything below is empty otherwise.
	Shown bool
	Here  bool // a visit open now

	Lesson      *lessons.Lesson // the lesson they are in now (nil: none)
	Step, Steps int             // the step, counted as the learner counts them
	OnStepSince time.Time       // since when on that step
	LastActive  time.Time
	Stuck       Stuck
	LessonsDone int
	Levels      []Entry // from Results: the one source of truth
}

// GroupView lists the rows of an atelier's group (run ≠ 0: its members who
// agreed to be seen), or of this place (run 0: the learners here now who
// share their progress); a learner calling the médiateur is always there,
// by first name. Calling learners first, then by name.
func (s *Service) GroupView(ctx context.Context, cat *lessons.Catalogue, run record.RunID) ([]GroupRow, error) {
	g, err := s.group()
	if err != nil {
		return nil, err
	}
	sp, err := s.space()
	if err != nil {
		return nil, err
	}
	profiles, err := sp.Profiles(ctx)
	if err != nil {
		return nil, err
	}
	names := map[record.LearnerID]record.Profile{}
	for _, p := range profiles {
		names[p.ID] = p
	}
	visits, err := g.Visits(ctx, 0)
	if err != nil {
		return nil, err
	}
	now := s.now()
	here := map[record.LearnerID]bool{}
	for _, v := range visits {
		if v.End.IsZero() && now.Sub(v.Start) < hereFor {
			here[v.Learner] = true
		}
	}
	consent := map[record.LearnerID]bool{}
	if run != 0 {
		members, err := g.Members(ctx, run)
		if err != nil {
			return nil, err
		}
		for _, m := range members {
			consent[m.Learner] = m.Consent
		}
	} else {
		for id := range here {
			consent[id] = names[id].Shares
		}
	}
	calls, err := g.Calls(ctx)
	if err != nil {
		return nil, err
	}
	calling := map[record.LearnerID]time.Time{}
	for _, c := range calls {
		calling[c.Learner] = c.Since
	}
	var rows []GroupRow
	add := func(id record.LearnerID, shown bool) error {
		p, ok := names[id]
		if !ok {
			return nil // erased meanwhile
		}
		row := GroupRow{Learner: id, Name: firstName(p.Name), Calling: calling[id], Shown: shown, Here: here[id]}
		if shown {
			row.Name = p.Name
			if err := s.fillRow(ctx, g, cat, &row, now); err != nil {
				return err
			}
		}
		rows = append(rows, row)
		return nil
	}
	for id, ok := range consent {
		if !ok {
			continue
		}
		if err := add(id, true); err != nil {
			return nil, err
		}
	}
	// A learner calling shows at least their first name, whatever they
	// share: asking is consent to be seen for that call. In an atelier's
	// view, only its members.
	for id := range calling {
		if consent[id] {
			continue
		}
		_, member := consent[id]
		if member || (run == 0 && here[id]) {
			if err := add(id, false); err != nil {
				return nil, err
			}
		}
	}
	slices.SortFunc(rows, func(a, b GroupRow) int {
		ca, cb := !a.Calling.IsZero(), !b.Calling.IsZero()
		if ca != cb {
			if ca {
				return -1
			}
			return 1
		}
		if ca && !a.Calling.Equal(b.Calling) {
			return a.Calling.Compare(b.Calling) // the first to call first
		}
		return cmp.Or(strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.Learner, b.Learner))
	})
	return rows, nil
}

// fillRow fills what a consenting learner's row shows.
func (s *Service) fillRow(ctx context.Context, g Group, cat *lessons.Catalogue, row *GroupRow, now time.Time) error {
	st, err := s.Results(ctx, cat, row.Learner)
	if err != nil {
		return err
	}
	row.Levels = st.Entries
	var cur record.LessonProgress
	for id, lp := range st.State.Lessons {
		if lp.Done {
			row.LessonsDone++
		}
		if lp.UpdatedAt.After(row.LastActive) {
			row.LastActive = lp.UpdatedAt
		}
		if cat.Lesson(id) != nil && !lp.Done && lp.UpdatedAt.After(cur.UpdatedAt) {
			cur = lp
		}
	}
	if l := cat.Lesson(cur.Lesson); l != nil {
		row.Lesson, row.Steps = l, len(l.Steps())
		row.Step = max(1, stepsUpTo(l, cur.Step))
		row.OnStepSince = cur.UpdatedAt
	}
	answers, err := g.RecentAnswers(ctx, row.Learner, stuckSkips)
	if err != nil {
		return err
	}
	if len(answers) > 0 && answers[0].At.After(row.LastActive) {
		row.LastActive = answers[0].At
	}
	if t := st.State.Learner.LastSeen; t.After(row.LastActive) {
		row.LastActive = t
	}
	skips := 0
	for _, a := range answers {
		if a.Result == record.Skipped {
			skips++
		}
	}
	switch {
	case !row.Here:
	case len(answers) == stuckSkips && skips == stuckSkips:
		row.Stuck = StuckSkips
	case row.Lesson != nil && now.Sub(row.OnStepSince) >= StuckAfter && !row.OnStepSince.Before(row.LastActive):
		row.Stuck = StuckLong
	}
	return nil
}

// stepsUpTo counts the steps among the first n items of a lesson, as the
// learner counts them (the store keeps the place among steps and checks).
func stepsUpTo(l *lessons.Lesson, n int) int {
	count := 0
	for i := 0; i < n && i < len(l.Items); i++ {
		if l.Items[i].Step != nil {
			count++
		}
	}
	return count
}

// firstName is what a row shows of a learner who shares nothing but calls.
func firstName(name string) string {
	if f := strings.Fields(name); len(f) > 0 {
		return f[0]
	}
	return name
}

// Refresher says when the group view may have changed. The SQLite store
// is polled (Poll); a store that can tell (PostgreSQL's LISTEN/NOTIFY)
// offers its own through Notifier, used instead.
type Refresher interface {
	// Next returns when the view should be read again, or with ctx's error.
	Next(ctx context.Context) error
}

// Poll is a Refresher that waits a fixed time.
type Poll time.Duration

// GroupPoll is how often the group view is read again when polled.
const GroupPoll = 2 * time.Second

func (p Poll) Next(ctx context.Context) error {
	t := time.NewTimer(time.Duration(p))
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Notifier is a store that can tell when what the group view shows has
// changed, without being asked again and again: PostgreSQL's LISTEN/NOTIFY.
// Its Refresher wakes on a change committed by any PC of the place.
type Notifier interface {
	Changes() Refresher
}

// Refresher is what drives the group view's refresh on this store: the
// store's notifications when it offers them, polling every GroupPoll
// otherwise (the SQLite file of one PC). The screen also reads again when
// a wait ends with its context (a minute), for the signs that come with
// time alone (stuck on one step). Every wait ends with its context, so a
// view that is left leaves no wait behind (nor a busy LISTEN connection).
//
// Options.NoPolling (tests) asks for the notifications alone, which is
// what a Notifier store gives anyway. A store without them is polled all
// the same, and the log says so once (Logger): a wait that nothing could end would
// leave one goroutine behind per view opened.
func (s *Service) Refresher() Refresher {
	if n, ok := s.store.(Notifier); ok {
		return n.Changes()
	}
	if sr, ok := s.store.(Refresher); ok {
		return sr
	}
	if s.noPolling {
		if _, said := pollSaid.LoadOrStore(s, true); !said {
			if l, ok := s.store.(Logger); ok {
				l.LogNote("group view", noNotifications)
			}
		}
	}
	return Poll(GroupPoll)
}

// Logger is a store that keeps a log for whoever looks after the PC (the
// SQLite store's pasapas.log): what went otherwise than asked, not an error
// for the person at the screen.
type Logger interface {
	// LogNote writes note, a fixed sentence of the program's (no name,
	// nothing typed), about what it was doing.
	LogNote(what, note string)
}

// noNotifications is the log's line when NoPolling was asked of a store
// that cannot notify.
var noNotifications = fmt.Sprintf("no polling asked, but this store sends no notifications: polled every %v", GroupPoll)

// pollSaid holds the Services that logged noNotifications already: the
// Refresher is asked again at each refresh, the log says it once.
var pollSaid sync.Map

// FollowUp is one learner's story at the place, for a médiateur: visits,
// lessons, tests with levels, and the médiateurs' notes.
type FollowUp struct {
	Name     string
	Visits   []record.Visit
	Standing Standing
	Notes    []record.Note
	Ateliers []record.Member
}

// FollowUp gives a sharing learner's follow-up (record.ErrNoConsent for one
// who does not share); the look is written in the journal.
func (s *Service) FollowUp(ctx context.Context, by record.MediatorID, cat *lessons.Catalogue, id record.LearnerID) (FollowUp, error) {
	g, err := s.group()
	if err != nil {
		return FollowUp{}, err
	}
	st, err := s.SharedProgress(ctx, by, cat, id)
	if err != nil {
		return FollowUp{}, err
	}
	f := FollowUp{Name: st.State.Learner.Name, Standing: st}
	if f.Visits, err = g.Visits(ctx, id); err != nil {
		return FollowUp{}, err
	}
	if f.Notes, err = g.Notes(ctx, id); err != nil {
		return FollowUp{}, err
	}
	if f.Ateliers, err = g.Memberships(ctx, id); err != nil {
		return FollowUp{}, err
	}
	return f, nil
}

// MaxNote is the longest note, in characters.
const MaxNote = 2000

// AddNote writes a médiateur's private note about a sharing learner.
func (s *Service) AddNote(ctx context.Context, by record.MediatorID, id record.LearnerID, text string) (record.Note, error) {
	g, err := s.group()
	if err != nil {
		return record.Note{}, err
	}
	text = strings.TrimSpace(text)
	if text == "" || len([]rune(text)) > MaxNote {
		return record.Note{}, record.ErrInvalid
	}
	shares, err := s.Sharing(ctx, id)
	if err != nil {
		return record.Note{}, err
	}
	if !shares {
		return record.Note{}, record.ErrNoConsent
	}
	return g.AddNote(ctx, by, id, text)
}
