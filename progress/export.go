package progress

import (
	"context"
	"database/sql"
	"encoding/json"
	"sort"

	"pasapas/record"
	"pasapas/scoring"
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
		if e.Tests, err = exportTests(ctx, tx, id); err != nil {
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

// exportTests are a learner's tests, oldest first, each with what its
// result is replayed with: the correlation of a positioning, and the item
// parameters of a finished test (when kept).
func exportTests(ctx context.Context, tx *sql.Tx, id LearnerID) ([]record.ExportedTest, error) {
	tests, err := queryTests(ctx, tx, "WHERE learner_id = ? ORDER BY started_at, id", int64(id))
	if err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, "SELECT id, difficulties FROM tests WHERE learner_id = ? AND difficulties IS NOT NULL", int64(id))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	used := map[TestID]map[string]scoring.Calibration{}
	for rows.Next() {
		var test TestID
		var params string
		if err := rows.Scan(&test, &params); err != nil {
			return nil, err
		}
		if used[test], err = decodeParams(test, params); err != nil {
			return nil, err
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]record.ExportedTest, len(tests))
	for i, t := range tests {
		out[i] = record.NewExportedTest(t, used[t.ID])
	}
	return out, nil
}
