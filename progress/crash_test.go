package progress

import (
	"bufio"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"
)

// crashKills is how many times the writer is killed. The issue asks for at
// least 50.
const crashKills = 60

// TestCrashKeepsAcknowledgedAnswers is the power cut in the middle of an
// answer: a child process records answers in a loop and prints each id once
// RecordAnswer has returned; the parent kills it with SIGKILL at a random
// moment (seeded: PASAPAS_CRASH_SEED replays a run), then checks with plain
// SQLite that the file is intact and that every acknowledged answer is there.
// The same file goes through every kill, so each run also starts from the
// wreck the last one left, journal and all.
func TestCrashKeepsAcknowledgedAnswers(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL is a Unix signal")
	}
	seed := uint64(20260314)
	if v := os.Getenv("PASAPAS_CRASH_SEED"); v != "" {
		var err error
		if seed, err = strconv.ParseUint(v, 10, 64); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("seed %d (PASAPAS_CRASH_SEED=%d go test -run Crash ./progress replays it)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, 0))
	path := tempPath(t)
	acked := map[int64]bool{}
	beforeFirst := 0 // kills before the child acknowledged anything (during open, migration…)

	for kill := range crashKills {
		cmd := child("crash", path, "Victime "+strconv.Itoa(kill))
		var errOut strings.Builder
		cmd.Stderr = &errOut
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		ids := make(chan []int64, 1)
		go func() { ids <- readAcked(out) }()

		// Random moments: from right at start-up (the file being opened or
		// created) to well into the loop.
		time.Sleep(time.Duration(rng.IntN(300_000)) * time.Microsecond)
		if err := cmd.Process.Kill(); err != nil { // SIGKILL on Unix
			t.Fatal(err)
		}
		got := <-ids
		werr := cmd.Wait()
		if werr == nil || errOut.Len() > 0 {
			t.Fatalf("kill %d: the child ended by itself (%v): %s", kill, werr, errOut.String())
		}
		if len(got) == 0 {
			beforeFirst++
		}
		for _, id := range got {
			acked[id] = true
		}

		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			// Killed before the child created the data folder or the file
			// (a loaded machine is slow to start it): nothing to check
			// yet, and nothing may have been acknowledged.
			if len(acked) > 0 {
				t.Fatalf("kill %d: the file is gone after %d acknowledged answers", kill, len(acked))
			}
			continue
		}
		if res := integrity(t, path); res != "ok" {
			t.Fatalf("kill %d: integrity_check = %q", kill, res)
		}
		present := answerIDs(t, path)
		for id := range acked {
			if !present[id] {
				t.Fatalf("kill %d: answer %d was acknowledged but is not in the file", kill, id)
			}
		}
	}
	t.Logf("%d kills, %d acknowledged answers, %d kills before the first answer of a run", crashKills, len(acked), beforeFirst)
	if len(acked) < crashKills {
		t.Fatalf("only %d answers acknowledged in %d runs: the children hardly wrote, the test proves nothing", len(acked), crashKills)
	}
	// The store itself finds nothing to repair.
	s := openTest(t, path, nil)
	if r := s.Recovered(); r != nil {
		t.Fatalf("the store recovered the file after the crashes: %+v", r)
	}
}

// readAcked reads the ids the child printed. A line cut by the kill has no
// newline: it was never acknowledged, so it is dropped.
func readAcked(r io.Reader) []int64 {
	var out []int64
	br := bufio.NewReader(r)
	for {
		line, err := br.ReadString('\n')
		if err != nil {
			return out
		}
		id, perr := strconv.ParseInt(strings.TrimSpace(line), 10, 64)
		if perr == nil {
			out = append(out, id)
		}
	}
}

func answerIDs(t *testing.T, path string) map[int64]bool {
	t.Helper()
	db := rawDB(t, path)
	defer db.Close()
	out := map[int64]bool{}
	var tables int
	if err := db.QueryRow("SELECT count(*) FROM sqlite_schema WHERE name = 'answers'").Scan(&tables); err != nil {
		t.Fatal(err)
	}
	if tables == 0 {
		return out // killed before the schema was committed
	}
	rows, err := db.Query("SELECT id FROM answers")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		out[id] = true
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
