package learning

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"pasapas/record"
	"pasapas/scoring"
)

// Importer brings a learner's progress from another PC into their profile
// here, in one unit of work. A test already there (same competence, seed
// and start) is skipped with its answers, and so is an answer outside a
// test already there (same question, same time); lessons, acquis and
// review cards follow the merge's rules (see Profiles.MergeLearners), an
// acquis already at the same time being left as it is. Nothing is counted
// twice, so bringing the same file again changes nothing. A test brought
// keeps what its result is replayed with (Results): a positioning its
// correlation (Test.Rho), a finished test with a result its item
// parameters (Portable.Difficulties, then TestDifficulties), so the
// learner sees the same levels here. A Portable that fails CheckReplay
// is refused with ErrInvalid, nothing changed.
type Importer interface {
	ImportProgress(ctx context.Context, id record.LearnerID, p record.Portable) (record.Imported, error)
}

// ErrNotAnExport: the file is not a Pas à pas export this version reads.
var ErrNotAnExport = fmt.Errorf("learning: not a Pas à pas export: %w", record.ErrInvalid)

// maxExport bounds the file read: a learner's whole history is a few
// megabytes at most.
const maxExport = 64 << 20

// exportFile is the JSON of progress's export (format pasapas-progres,
// version 1), as far as an import needs it.
type exportFile struct {
	Format     string    `json:"format"`
	Version    int       `json:"version"`
	ExportedAt time.Time `json:"exporte_le"`
	Learner    struct {
		Name string `json:"nom"`
	} `json:"profil"`
	Lessons []record.LessonProgress `json:"lecons"`
	Tests   []record.ExportedTest   `json:"tests"`
	Answers []struct {
		record.Answer
		Given      json.RawMessage `json:"reponse"`
		DurationMS int64           `json:"duree_ms"`
	} `json:"reponses"`
	Acquis  []record.AcquisState `json:"acquis"`
	Reviews []record.ReviewCard  `json:"revisions"`
}

// ReadExport reads an export file into what an import brings.
func ReadExport(r io.Reader) (record.Portable, error) {
	var e exportFile
	if err := json.NewDecoder(io.LimitReader(r, maxExport)).Decode(&e); err != nil {
		return record.Portable{}, fmt.Errorf("%w: %v", ErrNotAnExport, err)
	}
	if e.Format != "pasapas-progres" || e.Version != 1 {
		return record.Portable{}, fmt.Errorf("%w: format %q version %d", ErrNotAnExport, e.Format, e.Version)
	}
	p := record.Portable{Name: e.Learner.Name, ExportedAt: e.ExportedAt, Lessons: e.Lessons,
		Acquis: e.Acquis, Reviews: e.Reviews}
	// What each test's result is replayed with comes back with it; a file
	// written before it was exported has none, and imports as before.
	for _, t := range e.Tests {
		t.Test.Rho = t.Rho
		p.Tests = append(p.Tests, t.Test)
		if params := t.Params(); params != nil {
			if p.Difficulties == nil {
				p.Difficulties = map[record.TestID]map[string]scoring.Calibration{}
			}
			p.Difficulties[t.ID] = params
		}
	}
	if err := p.CheckReplay(); err != nil {
		return record.Portable{}, fmt.Errorf("%w: %v", ErrNotAnExport, err)
	}
	for _, a := range e.Answers {
		ans := a.Answer
		ans.Given = string(a.Given)
		ans.Duration = time.Duration(a.DurationMS) * time.Millisecond
		p.Answers = append(p.Answers, ans)
	}
	return p, nil
}

// ReadExportFile reads the export file at path, to show whose it is
// before bringing it in.
func ReadExportFile(path string) (record.Portable, error) {
	f, err := os.Open(path)
	if err != nil {
		return record.Portable{}, fmt.Errorf("learning: opening %s: %w", path, err)
	}
	defer f.Close()
	return ReadExport(f)
}

// Import brings progress read from an export into the profile of the
// learner signed in (they opened it with their code).
func (s *Service) Import(ctx context.Context, id record.LearnerID, p record.Portable) (record.Imported, error) {
	im, ok := s.store.(Importer)
	if !ok {
		return record.Imported{}, ErrNoSpace
	}
	return im.ImportProgress(ctx, id, p)
}

// CanImport says whether this store can bring progress from another PC.
func (s *Service) CanImport() bool { _, ok := s.store.(Importer); return ok }
