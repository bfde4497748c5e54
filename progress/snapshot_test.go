package progress

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"pasapas/record"
)

// ReadSnapshot reads everything, the PIN hash included, leaves the file
// byte for byte as it was (even while a window has it open), and gives the
// same fingerprint for the same content.
func TestReadSnapshotLeavesTheFile(t *testing.T) {
	ctx := context.Background()
	path := tempPath(t)
	s := openTest(t, path, nil)
	l := mustLearner(t, s, "Léa", "4827")
	if _, err := s.RecordAnswer(ctx, Answer{Learner: l.ID, Question: "q1", Variant: "q1", Given: "1", Result: Correct}); err != nil {
		t.Fatal(err)
	}
	read := func(p string) []byte {
		b, err := os.ReadFile(p)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
		return b
	}
	before, wal := read(path), read(path+"-wal")
	a, err := ReadSnapshot(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := ReadSnapshot(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, read(path)) || !bytes.Equal(wal, read(path+"-wal")) {
		t.Error("reading a snapshot changed the file")
	}
	if len(a.Learners) != 1 || a.Learners[0].PINHash == "" || len(a.Answers) != 1 || len(a.Items) != 1 {
		t.Errorf("snapshot: %+v", a)
	}
	if a.Fingerprint == "" || a.Fingerprint != b.Fingerprint {
		t.Errorf("fingerprints %q, %q", a.Fingerprint, b.Fingerprint)
	}
	if _, err := s.RecordAnswer(ctx, Answer{Learner: l.ID, Question: "q2", Variant: "q2", Given: "1", Result: Correct}); err != nil {
		t.Fatal(err)
	}
	c, err := ReadSnapshot(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if c.Fingerprint == a.Fingerprint {
		t.Error("a new answer did not change the fingerprint")
	}

	// A missing file and a foreign one are refused, and nothing is made.
	missing := filepath.Join(t.TempDir(), "absent.db")
	if _, err := ReadSnapshot(ctx, missing); err == nil {
		t.Error("a missing file gave a snapshot")
	}
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Error("reading a missing file made one")
	}
	foreign := filepath.Join(t.TempDir(), "autre.db")
	if err := os.WriteFile(foreign, []byte("pas une base"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadSnapshot(ctx, foreign); !errors.Is(err, ErrForeignFile) {
		t.Errorf("a file that is not a database: %v, want ErrForeignFile (said as another program's file)", err)
	}
}

// The snapshot reads the médiateur's space, and a change only there (a
// visit, which no count holds) changes the fingerprint: otherwise « store
// copy » would take the file for one copied before and leave it behind.
func TestSnapshotReadsTheSpace(t *testing.T) {
	ctx := context.Background()
	path := tempPath(t)
	s := openTest(t, path, nil)
	l := mustLearner(t, s, "Léa", "4827")
	m, err := s.CreateMediator(ctx, 0, "Claire", "4826")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetSharing(ctx, l.ID, true); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStructure(ctx, m.ID, "Médiathèque"); err != nil {
		t.Fatal(err)
	}
	a, err := ReadSnapshot(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	sp := a.SpaceRows
	if len(sp.Mediators) != 1 || sp.Mediators[0].PINHash == "" || len(sp.Learners) != 1 || !sp.Learners[0].Shares ||
		len(sp.Actions) != 2 || sp.Structure != "Médiathèque" {
		t.Errorf("space: %+v", sp)
	}
	if _, err := s.AddNote(ctx, m.ID, l.ID, "Une note."); err != nil {
		t.Fatal(err)
	}
	b, err := ReadSnapshot(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.SpaceRows.Notes) != 1 || b.SpaceRows.Notes[0].Text != "Une note." || b.Fingerprint == a.Fingerprint {
		t.Errorf("after a note: %+v, fingerprint changed: %v", b.SpaceRows.Notes, b.Fingerprint != a.Fingerprint)
	}
	if _, err := s.StartVisit(ctx, record.Visit{Learner: l.ID, Place: "PC 1"}); err != nil {
		t.Fatal(err)
	}
	c, err := ReadSnapshot(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.SpaceRows.Visits) != 1 || c.Fingerprint == b.Fingerprint {
		t.Errorf("after a visit: %+v, fingerprint changed: %v", c.SpaceRows.Visits, c.Fingerprint != b.Fingerprint)
	}
}
