package postgres

import (
	"context"
	"encoding/json"
	"sort"

	"github.com/jackc/pgx/v5"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"pasapas/progress"
	"pasapas/record"
	"pasapas/scoring"
)

// LoadState returns everything about one learner of this place, read in one
// consistent snapshot.
func (s *Store) LoadState(ctx context.Context, id record.LearnerID) (*record.State, error) {
	st := &record.State{}
	err := s.read(ctx, "loading learner", func(tx pgx.Tx) error {
		var err error
		if st.Learner, err = s.loadLearner(ctx, tx, id); err != nil {
			return err
		}
		if st.Lessons, err = loadLessons(ctx, tx, id); err != nil {
			return err
		}
		if st.Tests, err = s.queryTests(ctx, tx, id, ""); err != nil {
			return err
		}
		if st.Acquis, err = loadAcquis(ctx, tx, id); err != nil {
			return err
		}
		if st.Reviews, err = loadReviews(ctx, tx, id); err != nil {
			return err
		}
		st.OpenTests, err = s.loadOpenTests(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return st, nil
}

// Export gathers all of a learner's data in one snapshot, in the progress
// file's export format.
func (s *Store) Export(ctx context.Context, id record.LearnerID) (*progress.Export, error) {
	e := &progress.Export{Format: progress.ExportFormat, Version: progress.ExportVersion, ExportedAt: s.now()}
	err := s.read(ctx, "exporting", func(tx pgx.Tx) error {
		var err error
		if e.Learner, err = s.loadLearner(ctx, tx, id); err != nil {
			return err
		}
		lessons, err := loadLessons(ctx, tx, id)
		if err != nil {
			return err
		}
		e.Lessons = sortedValues(lessons, func(l record.LessonProgress) string { return l.Lesson })
		if e.Tests, err = s.exportTests(ctx, tx, id); err != nil {
			return err
		}
		answers, err := s.queryAnswers(ctx, tx, "a.learner_id = $2", int64(id))
		if err != nil {
			return err
		}
		e.Answers = make([]progress.ExportedAnswer, len(answers))
		for i, a := range answers {
			e.Answers[i] = progress.ExportedAnswer{Answer: a, Given: json.RawMessage(a.Given), DurationMS: a.Duration.Milliseconds()}
		}
		acquis, err := loadAcquis(ctx, tx, id)
		if err != nil {
			return err
		}
		e.Acquis = sortedValues(acquis, func(a record.AcquisState) string { return a.Acquis })
		reviews, err := loadReviews(ctx, tx, id)
		if err != nil {
			return err
		}
		e.Reviews = sortedValues(reviews, func(c record.ReviewCard) string { return c.Acquis })
		e.Space, err = s.exportSpace(ctx, tx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return e, nil
}

// exportTests are a learner's tests, oldest first, each with what its
// result is replayed with: the correlation of a positioning, and the item
// parameters of a finished test (when kept).
func (s *Store) exportTests(ctx context.Context, tx pgx.Tx, id record.LearnerID) ([]record.ExportedTest, error) {
	tests, err := s.queryTests(ctx, tx, id, "")
	if err != nil {
		return nil, err
	}
	rows, err := tx.Query(ctx, `SELECT t.id, t.difficulties::text FROM tests t JOIN learners l ON l.id = t.learner_id
		WHERE t.learner_id = $1 AND l.place_id = $2 AND t.difficulties IS NOT NULL`, int64(id), s.place)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	used := map[record.TestID]map[string]scoring.Calibration{}
	for rows.Next() {
		var test int64
		var params string
		if err := rows.Scan(&test, &params); err != nil {
			return nil, err
		}
		if used[record.TestID(test)], err = decodeParams(record.TestID(test), params); err != nil {
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

// ExportFile writes a learner's export to path (mode 0600), atomically.
func (s *Store) ExportFile(ctx context.Context, id record.LearnerID, path string) error {
	e, err := s.Export(ctx, id)
	if err != nil {
		return err
	}
	return progress.WriteFileAtomic(path, e.WriteJSON)
}

func sortedValues[V any](m map[string]V, key func(V) string) []V {
	out := make([]V, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return key(out[i]) < key(out[j]) })
	return out
}

// ResultsByCompetence returns, for each competence with a finished test of
// a learner of this place, each such learner's latest level and the count
// per level. A médiateur sees their place only.
func (s *Store) ResultsByCompetence(ctx context.Context) ([]record.CompetenceResults, error) {
	var out []record.CompetenceResults
	err := s.read(ctx, "reading results", func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT DISTINCT ON (t.competence, t.learner_id)
				t.competence, t.learner_id, l.name, t.level, t.theta, t.se, t.finished_at,
				count(*) OVER (PARTITION BY t.competence, t.learner_id)
			FROM tests t JOIN learners l ON l.id = t.learner_id
			WHERE l.place_id = $1 AND t.finished_at IS NOT NULL AND t.level IS NOT NULL
			ORDER BY t.competence, t.learner_id, t.finished_at DESC, t.id DESC`, s.place)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var comp string
			var ll record.LearnerLevel
			var learner, at, tests int64
			var level int32
			if err := rows.Scan(&comp, &learner, &ll.Name, &level, &ll.Theta, &ll.SE, &at, &tests); err != nil {
				return err
			}
			ll.Learner, ll.Level, ll.At, ll.Tests = record.LearnerID(learner), int(level), fromMS(at), int(tests)
			if len(out) == 0 || out[len(out)-1].Competence != comp {
				out = append(out, record.CompetenceResults{Competence: comp})
			}
			cr := &out[len(out)-1]
			cr.Learners = append(cr.Learners, ll)
			if ll.Level >= 0 && ll.Level < len(cr.ByLevel) {
				cr.ByLevel[ll.Level]++
			}
		}
		return rows.Err()
	})
	if err != nil {
		return nil, err
	}
	sortByName(out)
	return out, nil
}

// sortByName orders each competence's learners as a French reader expects,
// ties by id (as the progress file does).
func sortByName(results []record.CompetenceResults) {
	col := collate.New(language.French, collate.IgnoreCase)
	var buf collate.Buffer
	keys := map[record.LearnerID]string{}
	for _, cr := range results {
		for _, ll := range cr.Learners {
			if _, ok := keys[ll.Learner]; !ok {
				keys[ll.Learner] = string(col.KeyFromString(&buf, ll.Name))
				buf.Reset()
			}
		}
	}
	for _, cr := range results {
		l := cr.Learners
		sort.Slice(l, func(i, j int) bool {
			ki, kj := keys[l[i].Learner], keys[l[j].Learner]
			if ki != kj {
				return ki < kj
			}
			return l[i].Learner < l[j].Learner
		})
	}
}
