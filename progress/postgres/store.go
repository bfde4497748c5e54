package postgres

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/url"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"pasapas/record"
)

// Options tune Open.
type Options struct {
	// URL is the server's address, postgres://user@host:port/database
	// (with ?sslmode=… and other libpq settings). It must not hold a
	// password (ErrPasswordInURL): that comes from the pgpass file.
	URL string
	// Place is the name of the place this PC belongs to; required.
	Place string
	// Now is the clock; time.Now when nil. Tests inject one.
	Now func() time.Time
	// Config, when set, adjusts the pool's configuration once parsed
	// (tests: a schema per test through search_path).
	Config func(*pgxpool.Config)
	// FilesDir is this PC's data folder, where exports and printed pages
	// are written: an erase done on this PC removes the learner's files
	// there too. "": none.
	FilesDir string
}

// ErrPasswordInURL: the server's address holds a password. A command line
// and an environment are seen by others on a shared PC; the password goes
// in the pgpass file.
var ErrPasswordInURL = errors.New("the address holds a password")

// ErrNoPlace: the store was opened without a place.
var ErrNoPlace = errors.New("no place given")

// Store is the store on a PostgreSQL server, opened for one place. It is
// safe for concurrent use.
type Store struct {
	pool     *pgxpool.Pool
	place    int64
	name     string
	now      func() time.Time
	retries  atomic.Int64 // transactions run again, for tests and logs
	filesDir string
	// channel is the place's NOTIFY channel; listen hears it (notify.go).
	channel string
	listen  *listener
}

// maxRetries is how many times a transaction the server cancelled (a
// deadlock, a serialization failure) is run again.
const maxRetries = 8

// IsURL says whether s names a PostgreSQL server rather than a file.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// CheckURL refuses an address that holds a password (in the user part or as
// password=), whatever its form, then one that is not a postgres:// URL.
func CheckURL(raw string) error {
	if strings.Contains(strings.ToLower(raw), "password=") {
		return ErrPasswordInURL
	}
	if !IsURL(raw) {
		// user:password@host without the scheme. A mistyped scheme
		// ("postgre://role@host") has its colon before "//": that is
		// not a password, and the address is said to be wrong instead.
		user := raw
		if i := strings.Index(user, "://"); i >= 0 {
			user = user[i+3:]
		}
		if at := strings.LastIndex(user, "@"); at >= 0 && strings.Contains(user[:at], ":") {
			return ErrPasswordInURL
		}
		return fmt.Errorf("postgres: %q is not a postgres:// address: %w", raw, record.ErrInvalid)
	}
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("postgres: address: %w", record.ErrInvalid)
	}
	if _, ok := u.User.Password(); ok {
		return ErrPasswordInURL
	}
	if _, err := pgconn.ParseConfig(raw); err != nil {
		return fmt.Errorf("postgres: address: %w", record.ErrInvalid)
	}
	return nil
}

// Open connects to the server, creates or migrates the schema and the
// place, and returns the store for that place. A server that cannot be
// reached gives an *UnreachableError: the caller says so and tries again.
func Open(ctx context.Context, o Options) (*Store, error) {
	if err := CheckURL(o.URL); err != nil {
		return nil, err
	}
	place, err := cleanText(o.Place, 200)
	if err != nil {
		return nil, fmt.Errorf("postgres: place %q: %w", o.Place, ErrNoPlace)
	}
	cfg, err := pgxpool.ParseConfig(o.URL)
	if err != nil {
		return nil, fmt.Errorf("postgres: address: %w", record.ErrInvalid)
	}
	if cfg.ConnConfig.ConnectTimeout == 0 {
		cfg.ConnConfig.ConnectTimeout = 5 * time.Second
	}
	rp := cfg.ConnConfig.RuntimeParams
	rp["synchronous_commit"] = "on" // a commit returns once on disk
	rp["application_name"] = "pasapas"
	rp["lock_timeout"] = "15s"
	cfg.MaxConns = 4
	if o.Config != nil {
		o.Config(cfg)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, classify("connecting", err)
	}
	s := &Store{pool: pool, name: place, now: o.Now, filesDir: o.FilesDir}
	s.listen = newListener(s)
	var schema string
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	err = s.write(ctx, "opening the place", func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO places (name, created_at) VALUES ($1, $2)
			ON CONFLICT (name) DO NOTHING`, place, ms(s.now())); err != nil {
			return err
		}
		return tx.QueryRow(ctx, "SELECT id, current_schema() FROM places WHERE name = $1", place).Scan(&s.place, &schema)
	})
	if err != nil {
		pool.Close()
		return nil, err
	}
	s.channel = channelName(schema, s.place)
	return s, nil
}

// Place is the name of the place the store was opened for.
func (s *Store) Place() string { return s.name }

// Close closes the connections.
func (s *Store) Close() error {
	s.listen.close()
	s.pool.Close()
	return nil
}

// write runs fn in one transaction and commits it; a transaction the server
// cancelled (deadlock, serialization failure) is run again with a short,
// growing, random wait. fn must take its row locks in the package's order
// (learner, test, questions) and may run more than once.
func (s *Store) write(ctx context.Context, what string, fn func(pgx.Tx) error) error {
	for attempt := 0; ; attempt++ {
		err := s.inTx(ctx, pgx.TxOptions{}, fn)
		if err == nil {
			return nil
		}
		if attempt < maxRetries && retryable(err) && ctx.Err() == nil {
			s.retries.Add(1)
			wait := time.Duration(1+rand.IntN(10<<attempt)) * time.Millisecond
			select {
			case <-time.After(wait):
				continue
			case <-ctx.Done():
			}
		}
		return fail(ctx, what, err)
	}
}

// read runs fn in one consistent read-only snapshot.
func (s *Store) read(ctx context.Context, what string, fn func(pgx.Tx) error) error {
	err := s.inTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, fn)
	if err != nil {
		return fail(ctx, what, err)
	}
	return nil
}

// inTx runs fn in one transaction and commits it (rolled back on error).
func (s *Store) inTx(ctx context.Context, opts pgx.TxOptions, fn func(pgx.Tx) error) error {
	tx, err := s.begin(ctx, opts)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx) // after a commit, does nothing
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// begin begins a transaction. A pooled connection the server closed while
// it waited (a restart shorter than the pool's one-second health check)
// fails at BEGIN, before anything ran on it: the pool drops it, and BEGIN
// is tried on another, at most once per connection of the pool. Without
// this, the first answer after a restart was refused though the server
// was back.
func (s *Store) begin(ctx context.Context, opts pgx.TxOptions) (pgx.Tx, error) {
	var err error
	for range s.pool.Config().MaxConns + 1 {
		var tx pgx.Tx
		tx, err = s.pool.BeginTx(ctx, opts)
		if err == nil || !droppedConn(err) || ctx.Err() != nil {
			return tx, err
		}
	}
	return nil, err
}

// droppedConn: the error of a connection the server had closed (shut down,
// restarted, or ended by an administrator), not of one that could not be
// made.
func droppedConn(err error) bool {
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		return false
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "57P01" || pe.Code == "57P02" // admin_shutdown, crash_shutdown
	}
	return errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET) ||
		errors.Is(err, syscall.EPIPE)
}

// retryable: the server rolled the transaction back and running it again
// may work.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01")
}

// fail wraps an error: the package, what was being done; a server that
// cannot be reached becomes an *UnreachableError.
func fail(ctx context.Context, what string, err error) error {
	switch {
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		// The server took longer than the caller's time limit: for the
		// person at the PC, it does not answer.
		return &UnreachableError{Op: what, Err: err}
	case ctx.Err() != nil && errors.Is(err, ctx.Err()):
		return fmt.Errorf("postgres: %s: %w", what, err)
	}
	return classify(what, err)
}

func classify(what string, err error) error {
	switch {
	case badCertificate(err):
		return &CertificateError{Op: what, Err: err}
	case refused(err):
		return &RefusedError{Op: what, Err: err}
	case unreachable(err):
		return &UnreachableError{Op: what, Err: err}
	}
	return fmt.Errorf("postgres: %s: %w", what, err)
}

// ms and fromMS: times are kept as milliseconds since the epoch, as in the
// progress file.
func ms(t time.Time) int64 { return t.UnixMilli() }

func fromMS(v int64) time.Time { return time.UnixMilli(v) }

func fromNullMS(v *int64) time.Time {
	if v == nil {
		return time.Time{}
	}
	return time.UnixMilli(*v)
}

func msOrNull(t time.Time) *int64 {
	if t.IsZero() {
		return nil
	}
	v := t.UnixMilli()
	return &v
}

// touch records that a learner of this place was active at now; it says
// ErrNotFound for a learner unknown here. It locks the learner's row: the
// first lock of every write about a learner.
func (s *Store) touch(ctx context.Context, tx pgx.Tx, id record.LearnerID, now time.Time) error {
	tag, err := tx.Exec(ctx, "UPDATE learners SET last_seen = $1 WHERE id = $2 AND place_id = $3",
		ms(now), int64(id), s.place)
	if err != nil {
		return err
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("learner %d: %w", id, record.ErrNotFound)
	}
	return nil
}

// cleanText is record's name rule (record.CleanName), for every name this
// store keeps: learners', médiateurs', the place's.
func cleanText(s string, max int) (string, error) { return record.CleanName(s, max) }

// lockPlace locks this place's row until the transaction ends, so that
// checks spanning several rows of the place (a code no open atelier uses,
// no account yet) and the write they allow run one PC after the other.
// FOR NO KEY UPDATE: the rows that only reference the place (FOR KEY SHARE)
// are not held up.
func (s *Store) lockPlace(ctx context.Context, tx pgx.Tx) error {
	var id int64
	return tx.QueryRow(ctx, "SELECT id FROM places WHERE id = $1 FOR NO KEY UPDATE", s.place).Scan(&id)
}
