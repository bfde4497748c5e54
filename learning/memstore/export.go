package memstore

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"runtime"

	"pasapas/record"
)

// The export has record's shape (record.Export), as progress writes it. A
// preview has nobody to export, but a store that says it keeps a learner's
// data must hand it over on request.

// ExportFile writes everything about a learner to a JSON file at path (mode
// 0600), through a temporary file renamed over it.
func (s *Store) ExportFile(ctx context.Context, id record.LearnerID, path string) error {
	e, err := s.export(ctx, id)
	if err != nil {
		return err
	}
	return writeFileAtomic(path, e.WriteJSON)
}

func (s *Store) export(ctx context.Context, id record.LearnerID) (*record.Export, error) {
	if err := s.lock(ctx, "exporting"); err != nil {
		return nil, err
	}
	defer s.mu.Unlock()
	l, ok := s.d.learners[id]
	if !ok {
		return nil, fail("exporting", s.d.known(id))
	}
	e := &record.Export{Format: record.ExportFormat, Version: record.ExportVersion, ExportedAt: s.now(), Learner: l.rec,
		Tests: []record.ExportedTest{}, Answers: []record.ExportedAnswer{}}
	for _, t := range s.d.testsOf(id, false) {
		e.Tests = append(e.Tests, record.NewExportedTest(t, s.d.tests[t.ID].difficulties))
	}
	for _, k := range sortedKeys(s.d.lessons[id]) {
		e.Lessons = append(e.Lessons, s.d.lessons[id][k])
	}
	for _, a := range s.d.answers {
		if a.Learner == id {
			e.Answers = append(e.Answers, record.ExportedAnswer{Answer: copyAnswer(a), Given: json.RawMessage(a.Given),
				DurationMS: a.Duration.Milliseconds()})
		}
	}
	for _, k := range sortedKeys(s.d.acquis[id]) {
		e.Acquis = append(e.Acquis, s.d.acquis[id][k])
	}
	for _, k := range sortedKeys(s.d.reviews[id]) {
		e.Reviews = append(e.Reviews, s.d.reviews[id][k])
	}
	s.d.group.export(id, &e.Space)
	// progress's slices are never nil: [] rather than null in the file.
	if e.Lessons == nil {
		e.Lessons = []record.LessonProgress{}
	}
	if e.Acquis == nil {
		e.Acquis = []record.AcquisState{}
	}
	if e.Reviews == nil {
		e.Reviews = []record.ReviewCard{}
	}
	return e, nil
}

// writeFileAtomic writes a file through a temporary file in the same folder,
// synced and renamed over the target: the old file or the new one, never
// half of one.
func writeFileAtomic(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp") // created 0600
	if err != nil {
		return fail("writing "+path, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := write(f); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return fail("writing "+path, err)
	}
	if err := f.Close(); err != nil {
		return fail("writing "+path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fail("writing "+path, err)
	}
	if runtime.GOOS != "windows" {
		if d, err := os.Open(dir); err == nil {
			d.Sync()
			d.Close()
		}
	}
	return nil
}
