package progress

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"pasapas/i18n"
)

// The regression tests of issue 13 ("the defects an attack found") that
// live in this package. Each names its defect's number.

// TestEraseRemovesExports is defect 3: an export of the learner next to the
// file, and the temporary file a crash during an export left, go with the
// erase; another learner's export (same first name) stays.
func TestEraseRemovesExports(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	path := tempPath(t)
	s := openTest(t, path, clk)
	gone := fillLearner(t, s, clk, "EFFACE-MOI-3")
	kept := fillLearner(t, s, clk, "GARDE-MOI-3") // also named "Zébulon …"
	dir := filepath.Dir(path)
	mine := filepath.Join(dir, "export-Zebulon-20260314-101530.json")
	theirs := filepath.Join(dir, "export-Zebulon-20260314-101531.json")
	if err := s.ExportFile(ctx, gone, mine); err != nil {
		t.Fatal(err)
	}
	if err := s.ExportFile(ctx, kept, theirs); err != nil {
		t.Fatal(err)
	}
	// A crash in the middle of writing an export: the temporary file is
	// left, cut short.
	full := read(t, mine)
	crashed := filepath.Join(dir, ".export-Zebulon-20260314-101600.json.4242.tmp")
	write(t, crashed, full[:len(full)/2])
	// A crash just after the temporary file was made: nothing says whose.
	empty := filepath.Join(dir, ".export-Zebulon-20260314-090000.json.77.tmp")
	write(t, empty, nil)
	old := clk.Now().Add(-time.Hour)
	os.Chtimes(empty, old, old)
	// A printed « Ce que j'ai appris aujourd'hui » page of each.
	page := filepath.Join(dir, fmt.Sprintf("appris-%d-Zebulon-20260314.html", gone))
	write(t, page, []byte("<p>EFFACE-MOI-3</p>"))
	pageKept := filepath.Join(dir, fmt.Sprintf("appris-%d-Zebulon-20260314.html", kept))
	write(t, pageKept, []byte("<p>GARDE-MOI-3</p>"))
	// And an attestation of each (fiche.AttestationPath).
	att := filepath.Join(dir, fmt.Sprintf("attestation-%d-Zebulon-20260314.html", gone))
	write(t, att, []byte("<p>EFFACE-MOI-3</p>"))
	attKept := filepath.Join(dir, fmt.Sprintf("attestation-%d-Zebulon-20260314.html", kept))
	write(t, attKept, []byte("<p>GARDE-MOI-3</p>"))
	other := filepath.Join(dir, "notes.json") // not an export: left alone
	write(t, other, []byte(`{"format":"pasapas-progres","profil":{"id":1}}`))

	if err := s.Erase(ctx, gone); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{mine, crashed, empty, page, att} {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s is still there after the erase (%v)", filepath.Base(p), err)
		}
	}
	for _, p := range []string{theirs, other, pageKept, attKept} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(p), err)
		}
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if b, _ := os.ReadFile(filepath.Join(dir, e.Name())); bytes.Contains(b, []byte("EFFACE-MOI")) {
			t.Errorf("%s still holds the erased learner's data", e.Name())
		}
	}
}

// TestEraseReportsFilesLeft: an export that cannot be removed is named in
// the error, and the learner is erased all the same.
func TestEraseReportsFilesLeft(t *testing.T) {
	if os.Getuid() == 0 {
		t.Skip("root removes files from a read-only folder")
	}
	ctx := context.Background()
	clk := newClock()
	path := tempPath(t)
	s := openTest(t, path, clk)
	gone := fillLearner(t, s, clk, "EFFACE-MOI-3b")
	exp := filepath.Join(filepath.Dir(path), "export-Zebulon-1.json")
	if err := s.ExportFile(ctx, gone, exp); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Dir(path) // read-only: the export cannot be removed
	os.Chmod(dir, 0o500)
	defer os.Chmod(dir, 0o700)
	err := s.Erase(ctx, gone)
	var ee *EraseError
	if !errors.As(err, &ee) || len(ee.FilesLeft) != 1 || ee.FilesLeft[0] != exp {
		t.Fatalf("Erase with an export it cannot remove: %v", err)
	}
	msg := Explain(err, i18n.FR)
	if !strings.Contains(msg, exp) || !strings.Contains(msg, "effacés") || strings.Contains(msg, "Prévenez") {
		t.Errorf("message: %q", msg)
	}
	if _, err := s.Learner(ctx, gone); !errors.Is(err, ErrLearnerGone) {
		t.Errorf("learner after a partial erase: %v", err)
	}
}

// TestEraseSaysWhenJournalNotEmptied is defect 4: while another
// connection reads, the journal keeps copies of the erased pages; Erase must
// say so (ErrNotCompacted), not "erased" alone.
func TestEraseSaysWhenJournalNotEmptied(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	path := tempPath(t)
	s, err := OpenWith(path, Options{Now: clk.Now, checkpointWait: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	gone := fillLearner(t, s, clk, "EFFACE-MOI-4")
	fillLearner(t, s, clk, "GARDE-MOI-4")
	reader := rawDB(t, path)
	tx, err := reader.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := tx.QueryRow("SELECT count(*) FROM learners").Scan(&n); err != nil { // holds a snapshot
		t.Fatal(err)
	}
	err = s.Erase(ctx, gone)
	tx.Rollback()
	if !errors.Is(err, ErrNotCompacted) {
		t.Fatalf("Erase while another connection reads: %v, want ErrNotCompacted", err)
	}
	if msg := Explain(err, i18n.FR); !strings.Contains(msg, "Fermez toutes les fenêtres") {
		t.Errorf("message: %q", msg)
	}
	if _, err := s.Learner(ctx, gone); !errors.Is(err, ErrLearnerGone) {
		t.Errorf("learner after erase: %v", err)
	}
}

// TestSlowEraseDoesNotLoseAnswers is defect 6: an erase on slow storage
// holds the write lock longer than busy_timeout (the fault hook stretches
// it); the other window's answer must wait and be recorded, not fail with
// "database is locked".
func TestSlowEraseDoesNotLoseAnswers(t *testing.T) {
	ctx := context.Background()
	path := tempPath(t)
	holding := make(chan struct{})
	eraser, err := OpenWith(path, Options{faults: func(stage string) {
		if stage == "erase" {
			close(holding)
			time.Sleep(1500 * time.Millisecond) // slow storage
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer eraser.Close()
	other, err := OpenWith(path, Options{busyTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	gone := mustLearner(t, eraser, "Efface", "")
	stays := mustLearner(t, other, "Reste", "")
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := eraser.Erase(ctx, gone.ID); err != nil {
			t.Errorf("Erase: %v", err)
		}
	}()
	<-holding
	_, err = other.RecordAnswer(ctx, Answer{Learner: stays.ID, Question: "q", Variant: "q", Given: `"x"`, Result: Correct})
	wg.Wait()
	if err != nil {
		t.Fatalf("answer during a slow erase: %v", err)
	}
}

// TestSameTestInTwoWindows is defect 11: the same learner resumes the same
// open test in two windows. The second answer to a question is not logged
// twice, and neither it nor an answer after the other window finished the
// test says "Prévenez un médiateur".
func TestSameTestInTwoWindows(t *testing.T) {
	ctx := context.Background()
	path := tempPath(t)
	w1, w2 := openTest(t, path, nil), openTest(t, path, nil)
	l := mustLearner(t, w1, "Léa", "")
	test, err := w1.StartTest(ctx, l.ID, "mail", 1)
	if err != nil {
		t.Fatal(err)
	}
	a := Answer{Learner: l.ID, Test: test, Question: "q1", Variant: "q1", Given: `"a"`, Result: Correct}
	if _, err := w1.RecordAnswer(ctx, a); err != nil {
		t.Fatal(err)
	}
	_, err = w2.RecordAnswer(ctx, a)
	if !errors.Is(err, ErrAnsweredElsewhere) {
		t.Fatalf("same question in the second window: %v, want ErrAnsweredElsewhere", err)
	}
	if msg := Explain(err, i18n.FR); strings.Contains(msg, "médiateur") || !strings.Contains(msg, "autre fenêtre") {
		t.Errorf("message: %q", msg)
	}
	answers, _ := w1.TestAnswers(ctx, test)
	if len(answers) != 1 {
		t.Errorf("%d answers logged for one question", len(answers))
	}
	if err := w1.FinishTest(ctx, test, TestResult{Level: 1}); err != nil {
		t.Fatal(err)
	}
	a.Question = "q2"
	_, err = w2.RecordAnswer(ctx, a)
	if !errors.Is(err, ErrTestFinished) {
		t.Fatalf("answer after the other window finished: %v", err)
	}
	if msg := Explain(err, i18n.FR); strings.Contains(msg, "médiateur") || !strings.Contains(msg, "déjà terminé") {
		t.Errorf("message: %q", msg)
	}
}

// TestStorageErrorsSayTheirCause is defect 12: each kind of failure of the
// file comes with its cause, shown as a details line, and is logged next to
// the file without the learner's name, PIN or answer.
func TestStorageErrorsSayTheirCause(t *testing.T) {
	ctx := context.Background()
	t.Run("folder instead of the file", func(t *testing.T) {
		path := tempPath(t)
		if err := os.MkdirAll(path, 0o700); err != nil {
			t.Fatal(err)
		}
		_, err := Open(path)
		wantCause(t, err, CauseNotAFile, "un dossier")
	})
	t.Run("no permission", func(t *testing.T) {
		if os.Getuid() == 0 {
			t.Skip("root is allowed everything")
		}
		path := tempPath(t)
		s := openTest(t, path, nil)
		s.Close()
		os.Chmod(path, 0o400)
		_, err := Open(path)
		wantCause(t, err, CausePermission, "pas le droit")
	})
	t.Run("lock timeout", func(t *testing.T) {
		path := tempPath(t)
		s, err := OpenWith(path, Options{busyTimeout: 50 * time.Millisecond, lockWait: 100 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		l := mustLearner(t, s, "Secrète Sophie", "")
		holder := rawDB(t, path)
		tx, err := holder.Begin()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.Exec("INSERT INTO item_stats (question, updated_at) VALUES ('lock', 0)"); err != nil {
			t.Fatal(err)
		}
		_, err = s.RecordAnswer(ctx, Answer{Learner: l.ID, Question: "q", Variant: "q", Given: `"réponse-secrète"`, Result: Correct})
		tx.Rollback()
		wantCause(t, err, CauseLockTimeout, "trop longtemps")
		log, _ := os.ReadFile(filepath.Join(filepath.Dir(path), LogName))
		if !strings.Contains(string(log), "recording answer: lock_timeout") {
			t.Errorf("log: %q", log)
		}
		for _, secret := range []string{"Sophie", "réponse-secrète", "Secrète"} {
			if strings.Contains(string(log), secret) {
				t.Errorf("the log holds %q: %q", secret, log)
			}
		}
	})
	t.Run("disk full", func(t *testing.T) {
		if _, err := os.Stat("/dev/full"); err != nil {
			t.Skip("no /dev/full")
		}
		err := fail(tempPath(t), "writing", &os.PathError{Op: "write", Path: "/dev/full", Err: syscall.ENOSPC})
		wantCause(t, err, CauseDiskFull, "plein")
	})
}

func wantCause(t *testing.T, err error, cause Cause, words string) {
	t.Helper()
	var st *StorageError
	if !errors.As(err, &st) || st.Cause != cause {
		t.Fatalf("error %v (%T), want a *StorageError with cause %s", err, err, cause)
	}
	msg := Explain(err, i18n.FR)
	if !strings.Contains(msg, "Prévenez un médiateur") || !strings.Contains(msg, words) || !strings.Contains(msg, LogName) {
		t.Errorf("message %q: want the details line with %q and the log", msg, words)
	}
	if en := Explain(err, i18n.EN); en == msg || !strings.Contains(en, "Details") {
		t.Errorf("English: %q", en)
	}
}

// TestForeignFileRightsUntouched is defect 13: an SQLite file of another
// program, readable by others, is refused with its rights as they were.
func TestForeignFileRightsUntouched(t *testing.T) {
	path := tempPath(t)
	os.MkdirAll(filepath.Dir(path), 0o700)
	db := rawDB(t, path)
	mustExec(t, db, "CREATE TABLE contacts (nom TEXT)")
	db.Close()
	os.Chmod(path, 0o644)
	if _, err := Open(path); !errors.Is(err, ErrForeignFile) {
		t.Fatalf("Open: %v, want ErrForeignFile", err)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o644 {
		t.Fatalf("the foreign file's rights became %v (%v)", fi.Mode().Perm(), err)
	}
}

// TestDamagedFileHeldOpenNotMoved is defect 5: a damaged file that another
// process still has open is not moved aside (that process would go on
// writing into the moved copy); Open says so, and nothing moves.
func TestDamagedFileHeldOpenNotMoved(t *testing.T) {
	path := tempPath(t)
	filledFile(t, path)
	cmd := child("hold", path, "")
	in, _ := cmd.StdinPipe()
	out, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { in.Close(); cmd.Wait() }()
	if line, err := bufio.NewReader(out).ReadString('\n'); err != nil || line != "open\n" {
		t.Fatalf("child: %q, %v", line, err)
	}
	b := read(t, path)
	page := len(b) / 4096 / 2
	copy(b[page*4096:(page+1)*4096], bytes.Repeat([]byte{0xff}, 4096))
	write(t, path, b)

	_, err := Open(path)
	if !errors.Is(err, ErrFileInUse) {
		t.Fatalf("Open of a damaged file another process holds: %v, want ErrFileInUse", err)
	}
	if msg := Explain(err, i18n.FR); !strings.Contains(msg, "une autre fenêtre") {
		t.Errorf("message: %q", msg)
	}
	matches, _ := filepath.Glob(path + ".corrompu-*")
	if len(matches) > 0 {
		t.Errorf("moved aside while held open: %v", matches)
	}
	if _, err := os.Stat(path); err != nil {
		t.Errorf("the file is gone: %v", err)
	}
}

// TestEraseClearsStatisticsTimes is defect 16: the anonymous per-question
// counts keep no time of an erased learner's answers.
func TestEraseClearsStatisticsTimes(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	s := openTest(t, tempPath(t), clk)
	gone := mustLearner(t, s, "Efface", "")
	answeredAt := clk.Now().Add(1234 * time.Millisecond)
	mustAnswer(t, s, Answer{Learner: gone.ID, Question: "q-seul", At: answeredAt})
	clk.Advance(time.Hour)
	if err := s.Erase(ctx, gone.ID); err != nil {
		t.Fatal(err)
	}
	stats, err := s.ItemStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	st := stats["q-seul"]
	if st.Answers != 1 {
		t.Errorf("count: %+v (the anonymous count stays)", st)
	}
	if st.UpdatedAt.Equal(answeredAt) || st.UpdatedAt.UnixMilli() == answeredAt.UnixMilli() {
		t.Errorf("item_stats still holds the erased learner's answer time %v", st.UpdatedAt)
	}
}
