package progress

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"pasapas/record"
)

// TestSpaceEraseRemovesPrintedPages: a médiateur who erases a profile in
// the space (or the retention period does) removes its files too, as the
// learner's own erase does: the export, « Ce que j'ai appris » and the
// attestation, which bear the person's name; another's stay.
func TestSpaceEraseRemovesPrintedPages(t *testing.T) {
	for _, kind := range []record.ActionKind{record.ActErase, record.ActRetentionErase} {
		t.Run(string(kind), func(t *testing.T) {
			ctx := context.Background()
			clk := newClock()
			path := tempPath(t)
			s := openTest(t, path, clk)
			m, err := s.CreateMediator(ctx, 0, "Sophie", "4826")
			if err != nil {
				t.Fatal(err)
			}
			gone := fillLearner(t, s, clk, "EFFACE-MOI-4")
			kept := fillLearner(t, s, clk, "GARDE-MOI-4")
			dir := filepath.Dir(path)
			export := filepath.Join(dir, "export-Zebulon-20260314-101530.json")
			if err := s.ExportFile(ctx, gone, export); err != nil {
				t.Fatal(err)
			}
			var mine, theirs []string
			for _, name := range []string{"appris-%d-Zebulon-20260314.html", "attestation-%d-Zebulon-20260314.html"} {
				p := filepath.Join(dir, fmt.Sprintf(name, gone))
				write(t, p, []byte("EFFACE-MOI-4"))
				mine = append(mine, p)
				p = filepath.Join(dir, fmt.Sprintf(name, kept))
				write(t, p, []byte("GARDE-MOI-4"))
				theirs = append(theirs, p)
			}
			if err := s.EraseLearner(ctx, m.ID, gone, kind); err != nil {
				t.Fatal(err)
			}
			for _, p := range append(mine, export) {
				if _, err := os.Stat(p); !os.IsNotExist(err) {
					t.Errorf("%s is still there after the erase (%v)", filepath.Base(p), err)
				}
			}
			for _, p := range theirs {
				if _, err := os.Stat(p); err != nil {
					t.Errorf("%s was removed: %v", filepath.Base(p), err)
				}
			}
		})
	}
}

// TestMergeRemovesDroppedFiles: a merge removes the profile that goes, so
// its files go too (its export, « Ce que j'ai appris », the attestation):
// they bear its number, and a later erase of the kept profile looks only
// for the kept one's. The kept profile's files stay.
func TestMergeRemovesDroppedFiles(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	path := tempPath(t)
	s := openTest(t, path, clk)
	m, err := s.CreateMediator(ctx, 0, "Sophie", "4826")
	if err != nil {
		t.Fatal(err)
	}
	keep := fillLearner(t, s, clk, "GARDE-MOI-7")
	drop := fillLearner(t, s, clk, "DOUBLON-7")
	dir := filepath.Dir(path)
	export := filepath.Join(dir, "export-Zebulon-20260314-101530.json")
	if err := s.ExportFile(ctx, drop, export); err != nil {
		t.Fatal(err)
	}
	keptExport := filepath.Join(dir, "export-Zebulon-20260314-101531.json")
	if err := s.ExportFile(ctx, keep, keptExport); err != nil {
		t.Fatal(err)
	}
	mine, theirs := []string{export}, []string{keptExport}
	for _, name := range []string{"appris-%d-Zebulon-20260314.html", "attestation-%d-Zebulon-20260314.html"} {
		p := filepath.Join(dir, fmt.Sprintf(name, drop))
		write(t, p, []byte("DOUBLON-7"))
		mine = append(mine, p)
		p = filepath.Join(dir, fmt.Sprintf(name, keep))
		write(t, p, []byte("GARDE-MOI-7"))
		theirs = append(theirs, p)
	}
	if err := s.MergeLearners(ctx, m.ID, keep, drop); err != nil {
		t.Fatal(err)
	}
	for _, p := range mine {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Errorf("%s is still there after the merge (%v)", filepath.Base(p), err)
		}
	}
	for _, p := range theirs {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(p), err)
		}
	}
}
