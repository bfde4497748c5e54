package progress

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"pasapas/learning"
	"pasapas/record"
)

// rawHolds says which of the file, its journal and its index hold marker,
// read as bytes.
func rawHolds(t *testing.T, path, marker string) []string {
	t.Helper()
	var out []string
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		b, err := os.ReadFile(p)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte(marker)) {
			out = append(out, filepath.Base(p))
		}
	}
	return out
}

// TestRetentionEraseLeavesNothing: a profile with no visit for longer than
// the place keeps them is erased from the space, and nothing of it stays in
// the raw files (-wal and -shm included): not its name, not its answers;
// the journal holds the action with the profile's number only. A profile
// seen recently stays whole.
func TestRetentionEraseLeavesNothing(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	path := tempPath(t)
	s := openTest(t, path, clk)
	app := learning.New(s, learning.Options{Now: clk.Now})
	m, err := app.CreateMediator(ctx, 0, "Sophie", "4826")
	if err != nil {
		t.Fatal(err)
	}
	gone := fillLearner(t, s, clk, "ANCIEN-5e2b")
	if err := s.SetSharing(ctx, gone, true); err != nil {
		t.Fatal(err)
	}
	clk.Advance(25 * 30 * 24 * time.Hour) // more than the default 24 months
	kept := fillLearner(t, s, clk, "RECENT-91c0")
	if got := rawHolds(t, path, "ANCIEN-5e2b"); len(got) == 0 {
		t.Fatal("the files do not hold the old learner before the erase: the check below would prove nothing")
	}

	expired, err := app.Expired(ctx)
	if err != nil || len(expired) != 1 || expired[0].ID != gone {
		t.Fatalf("Expired = %+v, %v: want the old profile only", expired, err)
	}
	n, err := app.EraseExpired(ctx, m.ID)
	if err != nil || n != 1 {
		t.Fatalf("EraseExpired = %d, %v", n, err)
	}
	if got := rawHolds(t, path, "ANCIEN-5e2b"); len(got) != 0 {
		t.Errorf("store open: %v still hold the erased learner", got)
	}
	acts, _ := app.Actions(ctx)
	if len(acts) == 0 || acts[0].Kind != record.ActRetentionErase || acts[0].Learner != gone {
		t.Errorf("journal %+v: want the retention erase of profile %d first", acts, gone)
	}
	for _, table := range learnerTables(t, s) {
		if table == "mediator_actions" {
			continue // the journal line: a number, no name
		}
		if c := countRows(t, s, table, "learner_id", gone); c != 0 {
			t.Errorf("%s: %d rows of the erased learner", table, c)
		}
	}
	if st, err := s.LoadState(ctx, kept); err != nil || len(st.Tests) == 0 {
		t.Errorf("the recent learner: %+v, %v", st, err)
	}
	s.Close()
	if got := rawHolds(t, path, "ANCIEN-5e2b"); len(got) != 0 {
		t.Errorf("store closed: %v still hold the erased learner", got)
	}
	if got := rawHolds(t, path, "RECENT-91c0"); len(got) == 0 {
		t.Error("the recent learner's data is gone too")
	}
}

// TestMergeLeavesNoTraceOfTheOtherName: after a merge, the profile that
// went leaves no byte of its name in the files.
func TestMergeLeavesNoTraceOfTheOtherName(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	path := tempPath(t)
	s := openTest(t, path, clk)
	m, err := s.CreateMediator(ctx, 0, "Sophie", "4826")
	if err != nil {
		t.Fatal(err)
	}
	keep := fillLearner(t, s, clk, "GARDE-3b1")
	drop := fillLearner(t, s, clk, "DOUBLON-8d4")
	if err := s.MergeLearners(ctx, m.ID, keep, drop); err != nil {
		t.Fatal(err)
	}
	s.Close()
	// The answers moved keep what was typed in them (DOUBLON-8d4@exemple.fr):
	// the name itself, "Zébulon DOUBLON-8d4", must be gone.
	if got := rawHolds(t, path, "Zébulon DOUBLON-8d4"); len(got) != 0 {
		t.Errorf("%v still hold the merged profile's name", got)
	}
}

// TestMediatorCodeNeverStored: the médiateur's code is not in the file as
// typed, only its argon2id hash.
func TestMediatorCodeNeverStored(t *testing.T) {
	ctx := context.Background()
	path := tempPath(t)
	s := openTest(t, path, newClock())
	if _, err := s.CreateMediator(ctx, 0, "Sophie", "482613"); err != nil {
		t.Fatal(err)
	}
	var hash string
	s.db.QueryRow("SELECT pin_hash FROM mediators").Scan(&hash)
	if !bytes.HasPrefix([]byte(hash), []byte("$argon2id$")) {
		t.Errorf("hash %q, want argon2id", hash)
	}
	s.Close()
	if got := rawHolds(t, path, "482613"); len(got) != 0 {
		t.Errorf("%v hold the code as typed", got)
	}
}
