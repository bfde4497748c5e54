package learning_test

import (
	"context"
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

// TestNoPolling: with polling off (tests), only a notification ends a wait:
// neither the poll nor the end of the wait's context does.
func TestNoPolling(t *testing.T) {
	tests := []struct {
		name  string
		store learning.Store
		woken bool
	}{
		{"notifies", notifying{memstore.New()}, true},
		{"polled", memstore.New(), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := learning.New(tt.store, learning.Options{NoPolling: true}).Refresher()
			ctx, cancel := context.WithCancel(context.Background())
			cancel() // the screen's time limit is over at once
			done := make(chan error, 1)
			go func() { done <- r.Next(ctx) }()
			select {
			case err := <-done:
				if !tt.woken {
					t.Errorf("Next returned (%v) with no notification", err)
				}
			case <-time.After(learning.GroupPoll + time.Second):
				if tt.woken {
					t.Error("a notification did not end the wait")
				}
			}
		})
	}
}
