package progress

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"
)

// clock is a settable clock: tests move time instead of sleeping.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock {
	return &clock{t: time.Date(2026, 3, 14, 10, 15, 30, 0, time.Local)}
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// tempPath is a progress file path in a fresh folder that does not exist yet.
func tempPath(t testing.TB) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "donnees", FileName)
}

// openTest opens a store on path with clk (nil: a new clock) and closes it at
// the end of the test.
func openTest(t testing.TB, path string, clk *clock) *Store {
	t.Helper()
	if clk == nil {
		clk = newClock()
	}
	s, err := OpenWith(path, Options{Now: clk.Now})
	if err != nil {
		t.Fatalf("OpenWith(%s): %v", path, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// rawDB opens the file with plain SQLite, outside the store, for checks.
func rawDB(t testing.TB, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(15000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func integrity(t testing.TB, path string) string {
	t.Helper()
	db := rawDB(t, path)
	var res string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil {
		t.Fatalf("integrity_check: %v", err)
	}
	db.Close()
	return res
}

// fileHash is the SHA-256 of a file, "" when it does not exist.
func fileHash(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return ""
	}
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

func mustLearner(t testing.TB, s *Store, name, pin string) Learner {
	t.Helper()
	l, err := s.CreateLearner(context.Background(), name, pin, Prefs{})
	if err != nil {
		t.Fatalf("CreateLearner(%q): %v", name, err)
	}
	return l
}

func mustAnswer(t testing.TB, s *Store, a Answer) AnswerID {
	t.Helper()
	if a.Given == "" {
		a.Given = `{"choix":["a"]}`
	}
	if a.Result == "" {
		a.Result = Correct
	}
	if a.Variant == "" {
		a.Variant = a.Question
	}
	id, err := s.RecordAnswer(context.Background(), a)
	if err != nil {
		t.Fatalf("RecordAnswer(%+v): %v", a, err)
	}
	return id
}
