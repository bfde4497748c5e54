package postgres

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"

	"pasapas/learning"
)

// Live updates. A write that changes what the group view shows (an answer,
// a lesson step, a test finished, a visit begun or ended, a call, a consent
// or a profile changed) sends NOTIFY on the place's channel inside its own
// transaction: PostgreSQL delivers it only on commit, so a médiateur's view
// never reads what was rolled back. The payload is the kind of change only:
// no name, no id. The médiateur's PC holds one connection that LISTENs
// (listener below); the tutor asks the Service for a Refresher and gets this
// one instead of polling (learning.Notifier).

// change is a notification's payload: what kind of thing changed.
type change string

const (
	changeAnswer  change = "answer"
	changeStep    change = "step"
	changeTest    change = "test"
	changeVisit   change = "visit"
	changeCall    change = "call"
	changeConsent change = "consent"
	changeProfile change = "profile"
	changeRun     change = "run" // an atelier opened or closed
)

// notify sends c to the place's PCs when tx commits. PostgreSQL folds the
// same notification sent twice in one transaction into one.
func (s *Store) notify(ctx context.Context, tx pgx.Tx, c change) error {
	_, err := tx.Exec(ctx, "SELECT pg_notify($1, $2)", s.channel, string(c))
	return err
}

// channelName is the place's channel: the schema's name (the tests run
// many schemas on one server) and the place's id. A channel name holds at
// most 63 bytes; a longer schema name is replaced by its hash.
func channelName(schema string, place int64) string {
	name := fmt.Sprintf("pasapas_%s_%d", schema, place)
	if len(name) > 63 {
		sum := sha256.Sum256([]byte(schema))
		name = fmt.Sprintf("pasapas_%s_%d", hex.EncodeToString(sum[:8]), place)
	}
	return name
}

var _ learning.Notifier = (*Store)(nil)

// Changes is the store's Refresher for the group view: Next returns once a
// change of this place was committed by any PC, or once the listening
// connection was made again after a loss (what happened meanwhile was not
// heard).
func (s *Store) Changes() learning.Refresher { return s.listen }

// listener holds one dedicated connection with LISTEN while a group view
// waits on it. It is started by the first Next, and closes its connection
// once no one has waited for idleAfter (the médiateur left the group view),
// or when the store is closed.
type listener struct {
	s *Store
	// wake holds at most one pending refresh: a burst of notifications
	// while the view reads is folded into one more read.
	wake chan struct{}
	stop chan struct{} // closed by Store.Close
	once sync.Once
	// connected: LISTEN is in place (tests wait for it after a restart).
	connected atomic.Bool

	mu      sync.Mutex
	running bool
	waiting int
	lastUse time.Time
}

// idleAfter: with no one waiting for this long, the connection is closed.
// checkEvery: how often the listening loop looks whether it is still
// needed. retryMax: the longest wait between two tries to reconnect.
var (
	idleAfter  = time.Minute
	checkEvery = 5 * time.Second
	retryMax   = 5 * time.Second
)

// errListenerClosed: the store was closed.
var errListenerClosed = errors.New("postgres: the store is closed")

func newListener(s *Store) *listener {
	return &listener{s: s, wake: make(chan struct{}, 1), stop: make(chan struct{})}
}

// Next waits for a change of the place, ctx's end or the store's close.
func (l *listener) Next(ctx context.Context) error {
	l.mu.Lock()
	l.waiting++
	l.lastUse = time.Now()
	if !l.running {
		l.running = true
		go l.run()
	}
	l.mu.Unlock()
	defer func() {
		l.mu.Lock()
		l.waiting--
		l.lastUse = time.Now()
		l.mu.Unlock()
	}()
	select {
	case <-l.wake:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-l.stop:
		return errListenerClosed
	}
}

func (l *listener) signal() {
	select {
	case l.wake <- struct{}{}:
	default: // one refresh is pending already
	}
}

func (l *listener) close() { l.once.Do(func() { close(l.stop) }) }

// needed says whether someone still waits, or did a moment ago; when not,
// the loop ends and marks itself stopped under the same lock, so a Next
// that comes meanwhile starts a new one.
func (l *listener) needed() bool {
	select {
	case <-l.stop:
		l.mu.Lock()
		l.running = false
		l.mu.Unlock()
		return false
	default:
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.waiting == 0 && time.Since(l.lastUse) > idleAfter {
		l.running = false
		return false
	}
	return true
}

// run connects, listens and forwards notifications. A lost connection
// (the server stopped) wakes the view once, so that it reads, fails and
// says the server does not answer, and once more at the first failed try
// to reconnect (the first read can still get through while the server
// stops); then run tries again with a growing wait, and once connected
// again wakes the view once more.
func (l *listener) run() {
	wait := 200 * time.Millisecond
	lost := false
	for l.needed() {
		conn, err := l.connect()
		if err != nil {
			if lost {
				// The read the loss woke may have gone through a pooled
				// connection the stopping server had not closed yet, and
				// found it well: now that connecting fails, read again,
				// so that the view says the server does not answer.
				l.signal()
				lost = false
			}
			select {
			case <-time.After(wait):
			case <-l.stop:
			}
			wait = min(2*wait, retryMax)
			continue
		}
		wait = 200 * time.Millisecond
		// What changed before LISTEN took effect was not heard: read again.
		l.signal()
		l.connected.Store(true)
		done := l.listen(conn)
		l.connected.Store(false)
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		conn.Close(ctx)
		cancel()
		if done {
			return
		}
		l.signal() // lost: the view reads now, and says so if the server is down
		lost = true
	}
}

// connect opens the dedicated connection, with the pool's settings, and
// listens on the place's channel.
func (l *listener) connect() (*pgx.Conn, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	conn, err := pgx.ConnectConfig(ctx, l.s.pool.Config().ConnConfig.Copy())
	if err != nil {
		return nil, err
	}
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{l.s.channel}.Sanitize()); err != nil {
		conn.Close(ctx)
		return nil, err
	}
	return conn, nil
}

// listen forwards notifications until the connection fails (false: run
// connects again) or is no longer needed (true: the loop has ended). It
// wakes every checkEvery to ask; a timeout leaves the connection usable.
func (l *listener) listen(conn *pgx.Conn) (done bool) {
	for {
		ctx, cancel := context.WithTimeout(context.Background(), checkEvery)
		go func() {
			select {
			case <-l.stop:
				cancel()
			case <-ctx.Done():
			}
		}()
		_, err := conn.WaitForNotification(ctx)
		cancel()
		switch {
		case err == nil:
			l.signal()
		case !l.needed():
			return true
		case conn.IsClosed():
			return false
		}
	}
}
