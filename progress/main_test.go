package progress

import (
	"fmt"
	"os"
	"testing"
)

// Child processes are this test binary run again with childEnv set: the
// tests that need two real processes, or one to kill, start them.
const (
	childEnv     = "PASAPAS_PROGRESS_CHILD" // the child's job: "writer" or "crash"
	childPathEnv = "PASAPAS_PROGRESS_PATH"  // the progress file
	childNameEnv = "PASAPAS_PROGRESS_NAME"  // the learner's name
	childNEnv    = "PASAPAS_PROGRESS_N"     // how many answers (writer)
)

func TestMain(m *testing.M) {
	if job := os.Getenv(childEnv); job != "" {
		if err := runChild(job); err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	code := m.Run()
	if bigDir != "" {
		os.RemoveAll(bigDir) // the benchmarks' big file
	}
	os.Exit(code)
}
