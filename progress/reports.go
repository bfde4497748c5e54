package progress

import (
	"context"
	"database/sql"
	"time"
)

// CompetenceResults are the latest levels of every learner tested in one
// competence: what a médiateur looks at to form groups.
type CompetenceResults struct {
	Competence string
	Learners   []LearnerLevel // by name
	ByLevel    [5]int         // how many learners are at each level 0 to 4
}

// LearnerLevel is one learner's latest result in a competence.
type LearnerLevel struct {
	Learner LearnerID
	Name    string
	Level   int
	Theta   float64
	SE      float64
	At      time.Time // when that latest test finished
	Tests   int       // tests finished in this competence
}

// ResultsByCompetence returns, for each competence with at least one
// finished test (the positioning test included, under Positioning), the
// latest level of each learner and the count per level. Abandoned tests do
// not count.
func (s *Store) ResultsByCompetence(ctx context.Context) ([]CompetenceResults, error) {
	var out []CompetenceResults
	err := s.read(ctx, "reading results", func(tx *sql.Tx) error {
		// The partial index tests_by_competence holds exactly the finished
		// tests with a level, in (competence, learner, finish) order, so the
		// window needs no sort of its own.
		rows, err := tx.QueryContext(ctx, `WITH ranked AS (
				SELECT learner_id, competence, level, theta, se, finished_at,
					row_number() OVER w AS rank, count(*) OVER (PARTITION BY competence, learner_id) AS n
				FROM tests INDEXED BY tests_by_competence
				WHERE finished_at IS NOT NULL AND level IS NOT NULL
				WINDOW w AS (PARTITION BY competence, learner_id ORDER BY finished_at DESC, id DESC))
			SELECT r.competence, r.learner_id, l.name, r.level, r.theta, r.se, r.finished_at, r.n
			FROM ranked r JOIN learners l ON l.id = r.learner_id
			WHERE r.rank = 1
			ORDER BY r.competence, l.name COLLATE NOCASE, r.learner_id`)
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
	return out, err
}
