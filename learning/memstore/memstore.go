// Package memstore is a store of Pas à pas kept in plain Go memory: a second
// implementation of learning.Store, beside package progress's SQLite file.
//
// It is for the runs that must leave nothing on disk: the author's preview
// and the presenter mode, which play a lesson or a test with no learner
// file, and the contract tests of package learning/storetest, which it
// passes as progress does. Everything is lost when the program stops.
//
// It keeps progress's semantics on everything the port names: the same
// validation (errors wrapping record.ErrInvalid), ids never reused, even
// after an erase, times kept to the millisecond, PINs hashed with a growing
// wait after wrong tries, FinishTestWith as one unit of work. It is safe for
// concurrent use.
package memstore

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"pasapas/learning"
	"pasapas/record"
	"pasapas/scoring"
)

// Store is the in-memory store. The zero value is not usable: call New.
type Store struct {
	mu  sync.Mutex
	now func() time.Time
	d   data
}

// data is everything the store holds. Values, not pointers: a change is
// made on a copy and put back, so a refused operation leaves nothing.
type data struct {
	learners map[record.LearnerID]learner
	tests    map[record.TestID]test
	answers  []record.Answer // the log, in id order
	lessons  map[record.LearnerID]map[string]record.LessonProgress
	acquis   map[record.LearnerID]map[string]record.AcquisState
	reviews  map[record.LearnerID]map[string]record.ReviewCard
	items    map[string]item
	space    space // the médiateur's space (space.go)
	group    group // ateliers, calls, visits, notes (group.go)

	// The last ids given: ids grow and are never given twice, even after
	// an erase.
	lastLearner record.LearnerID
	lastTest    record.TestID
	lastAnswer  record.AnswerID
}

// learner is a profile with its PIN state. rec.HasPIN follows hash.
type learner struct {
	rec         record.Learner
	hash        []byte // nil: no PIN
	salt        []byte
	failures    int       // wrong PINs in a row
	lockedUntil time.Time // no PIN check before this time
}

// test is a test with the item parameters it used, if any.
type test struct {
	rec          record.Test
	difficulties map[string]scoring.Calibration // B and A; nil: none
}

// item is one question's anonymous counts and calibration.
type item struct {
	answers, correct int
	calibrated       bool
	b                float64
	n                int
	updated          time.Time
}

// Option tunes New.
type Option func(*Store)

// WithClock sets the store's clock: every stored time and the PIN waits
// come from it. The default is time.Now.
func WithClock(now func() time.Time) Option {
	return func(s *Store) {
		if now != nil {
			s.now = now
		}
	}
}

// New returns an empty store.
func New(opts ...Option) *Store {
	s := &Store{now: time.Now, d: data{
		learners: map[record.LearnerID]learner{},
		tests:    map[record.TestID]test{},
		lessons:  map[record.LearnerID]map[string]record.LessonProgress{},
		acquis:   map[record.LearnerID]map[string]record.AcquisState{},
		reviews:  map[record.LearnerID]map[string]record.ReviewCard{},
		items:    map[string]item{},
	}}
	for _, o := range opts {
		o(s)
	}
	return s
}

// The in-memory store serves every use case of package learning.
var _ learning.Store = (*Store)(nil)

// clock returns now, to the millisecond as progress keeps it, so that both
// stores give back the same times.
func (s *Store) clock() time.Time { return ms(s.now()) }

// ms cuts a time to the millisecond, in the local zone, as progress reads
// times back from its file. The zero time stays zero (NULL there).
func ms(t time.Time) time.Time {
	if t.IsZero() {
		return time.Time{}
	}
	return time.UnixMilli(t.UnixMilli())
}

// lock takes the store's lock once ctx is checked: a cancelled context
// does nothing, as a transaction that cannot begin.
func (s *Store) lock(ctx context.Context, what string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("memstore: %s: %w", what, err)
	}
	s.mu.Lock()
	return nil
}

// touch records that a known learner was active at now. Call it once every
// check has passed (known first), so that a refused call changes nothing.
func (d *data) touch(id record.LearnerID, now time.Time) {
	l := d.learners[id]
	l.rec.LastSeen = ms(now)
	d.learners[id] = l
}

// known says ErrNotFound for an unknown learner.
func (d *data) known(id record.LearnerID) error {
	if _, ok := d.learners[id]; !ok {
		return fmt.Errorf("learner %d: %w", id, record.ErrNotFound)
	}
	return nil
}

// fail wraps an error as progress does: the package, what was being done.
func fail(what string, err error) error { return fmt.Errorf("memstore: %s: %w", what, err) }

// sortedKeys returns a map's keys in order.
func sortedKeys[K cmp.Ordered, V any](m map[K]V) []K {
	return slices.Sorted(maps.Keys(m))
}

// blank says whether s holds only spaces.
func blank(s string) bool { return strings.TrimSpace(s) == "" }
