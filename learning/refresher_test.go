package learning_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"pasapas/learning"
	"pasapas/learning/memstore"
)

// told is a Refresher that says at once that the view changed.
type told struct{}

func (told) Next(context.Context) error { return nil }

// notifying is a store that can tell when the group view changed.
type notifying struct{ *memstore.Store }

func (notifying) Changes() learning.Refresher { return told{} }

// TestRefresherChoice: a store that notifies drives the group view; any
// other is polled every GroupPoll.
func TestRefresherChoice(t *testing.T) {
	tests := []struct {
		name  string
		store learning.Store
		want  learning.Refresher
	}{
		{"notifies", notifying{memstore.New()}, told{}},
		{"polled", memstore.New(), learning.Poll(learning.GroupPoll)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := learning.New(tt.store, learning.Options{}).Refresher(); got != tt.want {
				t.Errorf("Refresher() = %#v, want %#v", got, tt.want)
			}
		})
	}
}

// blocked is a Refresher no notification ever wakes: it ends with its
// context only.
type blocked struct{}

func (blocked) Next(ctx context.Context) error {
	<-ctx.Done()
	return ctx.Err()
}

// quiet is a store that can notify, but nothing changes.
type quiet struct{ *memstore.Store }

func (quiet) Changes() learning.Refresher { return blocked{} }

// logged is a store that keeps a log (learning.Logger).
type logged struct {
	*memstore.Store
	lines *[]string
}

func (l logged) LogNote(what, note string) { *l.lines = append(*l.lines, what+": "+note) }

// TestNoPolling: with polling off (tests), a store that notifies drives
// the view as it would anyway; a store that cannot is polled all the same
// (a wait nothing could end would leave a goroutine behind for each view),
// and its log says so, once. Every wait ends with its context, so a view
// that is left leaves no wait behind.
func TestNoPolling(t *testing.T) {
	tests := []struct {
		name  string
		store learning.Store
		want  learning.Refresher
	}{
		{"notifies", quiet{memstore.New()}, blocked{}},
		{"polled", memstore.New(), learning.Poll(learning.GroupPoll)},
		{"polled with a log", logged{memstore.New(), new([]string)}, learning.Poll(learning.GroupPoll)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			app := learning.New(tt.store, learning.Options{NoPolling: true})
			r := app.Refresher()
			if r != tt.want {
				t.Errorf("Refresher() = %#v, want %#v", r, tt.want)
			}
			ctx, cancel := context.WithCancel(context.Background())
			cancel() // the screen's time limit is over at once
			done := make(chan error, 1)
			go func() { done <- r.Next(ctx) }()
			select {
			case err := <-done:
				if err == nil {
					t.Error("Next returned nil with no change and its context over")
				}
			case <-time.After(learning.GroupPoll + 5*time.Second):
				t.Error("the wait did not end with its context")
			}
			app.Refresher() // asked again at the next refresh
			if l, ok := tt.store.(logged); ok && (len(*l.lines) != 1 || !strings.Contains((*l.lines)[0], "no notifications")) {
				t.Errorf("the log: %q, want one line saying the store is polled", *l.lines)
			}
		})
	}
	// Without NoPolling, polling is the rule: nothing to say in the log.
	lines := new([]string)
	learning.New(logged{memstore.New(), lines}, learning.Options{}).Refresher()
	if len(*lines) != 0 {
		t.Errorf("the log without NoPolling: %q", *lines)
	}
}
