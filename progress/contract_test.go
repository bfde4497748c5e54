package progress_test

import (
	"path/filepath"
	"testing"

	"pasapas/learning"
	"pasapas/learning/storetest"
	"pasapas/progress"
)

// The SQLite store serves every use case of package learning.
var _ learning.Store = (*progress.Store)(nil)

// TestContract runs the contract every store keeps (package
// learning/storetest) on a real SQLite file, with a clock the contract
// moves.
func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) learning.Store {
		clk := storetest.NewClock()
		s, err := progress.OpenWith(filepath.Join(t.TempDir(), "progres.db"), progress.Options{Now: clk.Now})
		if err != nil {
			t.Fatalf("OpenWith: %v", err)
		}
		t.Cleanup(func() { s.Close() })
		return storetest.Clocked{Store: s, Clock: clk}
	})
}
