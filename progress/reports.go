package progress

import (
	"context"
	"database/sql"
	"sort"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// ResultsByCompetence returns, for each competence with at least one
// finished test (the positioning test included, under Positioning), the
// latest level of each learner and the count per level. Abandoned tests do
// not count.
func (s *Store) ResultsByCompetence(ctx context.Context) ([]CompetenceResults, error) {
	var out []CompetenceResults
	err := s.read(ctx, "reading results", func(tx *sql.Tx) error {
		// One pass over the covering index tests_by_competence, already in
		// (competence, learner) order. With max(), SQLite takes the other
		// bare columns from the row holding the maximum: the latest test.
		// (A window function did the same three to five times slower.)
		rows, err := tx.QueryContext(ctx, `SELECT t.competence, t.learner_id, l.name,
				t.level, t.theta, t.se, max(t.finished_at), count(*)
			FROM tests t INDEXED BY tests_by_competence
			JOIN learners l ON l.id = t.learner_id
			WHERE t.finished_at IS NOT NULL AND t.level IS NOT NULL
			GROUP BY t.competence, t.learner_id
			ORDER BY t.competence`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var comp string
			var ll LearnerLevel
			var at int64
			if err := rows.Scan(&comp, &ll.Learner, &ll.Name, &ll.Level, &ll.Theta, &ll.SE, &at, &ll.Tests); err != nil {
				return err
			}
			ll.At = fromMS(at)
			if len(out) == 0 || out[len(out)-1].Competence != comp {
				out = append(out, CompetenceResults{Competence: comp})
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

// sortByName orders each competence's learners as a French reader expects
// (Élodie beside Emma, not after Zoé), ties by id. The collation keys are
// computed once per learner: comparing keys is then a plain byte compare.
func sortByName(results []CompetenceResults) {
	col := collate.New(language.French, collate.IgnoreCase)
	var buf collate.Buffer
	keys := map[LearnerID]string{}
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
