package progress

import (
	"context"
	"database/sql"
	"encoding/json"
	"pasapas/record"
	"sort"
)

// The export file's shape is record's (record.Export), whichever store
// writes it; these names keep this package's code short.
const (
	ExportFormat  = record.ExportFormat
	ExportVersion = record.ExportVersion
)

type (
	Export         = record.Export
	ExportedAnswer = record.ExportedAnswer
)

// Export gathers all of a learner's data, in one consistent snapshot.
func (s *Store) Export(ctx context.Context, id LearnerID) (*Export, error) {
	e := &Export{Format: ExportFormat, Version: ExportVersion, ExportedAt: s.now()}
	err := s.read(ctx, "exporting", func(tx *sql.Tx) error {
		var err error
		if e.Learner, err = loadLearner(ctx, tx, id); err != nil {
			return err
		}
		lessons, err := loadLessons(ctx, tx, id)
		if err != nil {
			return err
		}
		e.Lessons = sortedValues(lessons, func(l LessonProgress) string { return l.Lesson })
		if e.Tests, err = queryTests(ctx, tx, "WHERE learner_id = ? ORDER BY started_at, id", int64(id)); err != nil {
			return err
		}
		answers, err := queryAnswers(ctx, tx, "WHERE learner_id = ? ORDER BY id", int64(id))
		if err != nil {
			return err
		}
		e.Answers = make([]ExportedAnswer, len(answers))
		for i, a := range answers {
			e.Answers[i] = ExportedAnswer{Answer: a, Given: json.RawMessage(a.Given), DurationMS: a.Duration.Milliseconds()}
		}
		acquis, err := loadAcquis(ctx, tx, id)
		if err != nil {
			return err
		}
		e.Acquis = sortedValues(acquis, func(a AcquisState) string { return a.Acquis })
		reviews, err := loadReviews(ctx, tx, id)
		if err != nil {
			return err
		}
		e.Reviews = sortedValues(reviews, func(c ReviewCard) string { return c.Acquis })
		e.Space, err = exportSpace(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return e, nil
}

// ExportFile writes a learner's export to path (mode 0600), atomically: a
// crash leaves either the previous file or the whole new one.
func (s *Store) ExportFile(ctx context.Context, id LearnerID, path string) error {
	e, err := s.Export(ctx, id)
	if err != nil {
		return err
	}
	return writeFileAtomic(path, e.WriteJSON)
}

func sortedValues[V any](m map[string]V, key func(V) string) []V {
	out := make([]V, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return key(out[i]) < key(out[j]) })
	return out
}
