package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"pasapas/record"
)

// RecordAnswer appends an answer to the log and returns its id once the
// commit is on the server's disk. The same transaction updates the
// question's anonymous counts and the learner's last-seen time. An answer to
// a test must belong to that test's learner and the test must be open: the
// test's row is locked (FOR SHARE) so that it cannot be finished meanwhile.
func (s *Store) RecordAnswer(ctx context.Context, a record.Answer) (record.AnswerID, error) {
	if err := checkAnswer(a); err != nil {
		return 0, fmt.Errorf("postgres: recording answer: %w", err)
	}
	forgiven := a.Forgiven
	if forgiven == nil {
		forgiven = []string{}
	}
	fj, err := json.Marshal(forgiven)
	if err != nil {
		return 0, fmt.Errorf("postgres: recording answer: %w", err)
	}
	at := a.At
	if at.IsZero() {
		at = s.now()
	}
	var testID *int64
	if a.Test != 0 {
		v := int64(a.Test)
		testID = &v
	}
	var lesson *string
	if a.Lesson != "" {
		lesson = &a.Lesson
	}
	correct := 0
	if a.Result == record.Correct {
		correct = 1
	}
	var id int64
	err = s.write(ctx, "recording answer", func(tx pgx.Tx) error {
		if err := s.touch(ctx, tx, a.Learner, at); err != nil {
			return err
		}
		if a.Test != 0 {
			// FOR UPDATE: the answers to one test are taken one after the
			// other, so the check below sees the other window's answer.
			owner, err := s.testOpen(ctx, tx, a.Test, "FOR UPDATE")
			if err != nil {
				return err
			}
			if owner != a.Learner {
				return fmt.Errorf("test %d belongs to another learner: %w", a.Test, record.ErrInvalid)
			}
			// A test asks a question once: a second answer comes from the
			// same test resumed in another window, and is refused (the
			// unique index answers_one_per_test_question backs this up).
			var taken bool
			if err := tx.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM answers WHERE test_id = $1 AND question = $2)",
				int64(a.Test), a.Question).Scan(&taken); err != nil {
				return err
			}
			if taken {
				return fmt.Errorf("test %d, question %q: %w", a.Test, a.Question, record.ErrAnsweredElsewhere)
			}
		}
		err := tx.QueryRow(ctx, `INSERT INTO answers
			(learner_id, question, variant, given, result, forgiven, duration_ms, test_id, lesson, at)
			VALUES ($1, $2, $3, $4::text::json, $5, $6::text::json, $7, $8, $9, $10) RETURNING id`,
			int64(a.Learner), a.Question, a.Variant, a.Given, string(a.Result), string(fj),
			a.Duration.Milliseconds(), testID, lesson, ms(at)).Scan(&id)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO item_stats (question, answers, correct, updated_at)
			VALUES ($1, 1, $2, $3)
			ON CONFLICT (question) DO UPDATE SET answers = item_stats.answers + 1,
				correct = item_stats.correct + excluded.correct, updated_at = excluded.updated_at`,
			a.Question, correct, ms(at))
		if err != nil {
			return err
		}
		return s.notify(ctx, tx, changeAnswer)
	})
	if err != nil {
		return 0, err
	}
	return record.AnswerID(id), nil
}

func checkAnswer(a record.Answer) error {
	switch {
	case a.Learner <= 0:
		return fmt.Errorf("no learner: %w", record.ErrInvalid)
	case strings.TrimSpace(a.Question) == "":
		return fmt.Errorf("no question id: %w", record.ErrInvalid)
	case strings.ContainsRune(a.Question+a.Variant+a.Lesson+a.Given, 0):
		// PostgreSQL's text holds no NUL character.
		return fmt.Errorf("a NUL character: %w", record.ErrInvalid)
	case a.Result != record.Correct && a.Result != record.Incorrect && a.Result != record.Skipped:
		return fmt.Errorf("result %q: %w", a.Result, record.ErrInvalid)
	case !json.Valid([]byte(a.Given)):
		return fmt.Errorf("answer given is not JSON: %w", record.ErrInvalid)
	case a.Duration < 0:
		return fmt.Errorf("negative duration: %w", record.ErrInvalid)
	}
	return nil
}

// TestAnswers returns a test's answers in the order given; none for a test
// of another place.
func (s *Store) TestAnswers(ctx context.Context, id record.TestID) ([]record.Answer, error) {
	var out []record.Answer
	err := s.read(ctx, "reading test answers", func(tx pgx.Tx) error {
		var err error
		out, err = s.queryAnswers(ctx, tx, "a.test_id = $2", int64(id))
		return err
	})
	return out, err
}

// queryAnswers reads answers of this place's learners matching where (whose
// first parameter is $2), in id order.
func (s *Store) queryAnswers(ctx context.Context, tx pgx.Tx, where string, args ...any) ([]record.Answer, error) {
	rows, err := tx.Query(ctx, `SELECT a.id, a.learner_id, a.question, a.variant, a.given::text, a.result,
		a.forgiven::text, a.duration_ms, a.test_id, a.lesson, a.at
		FROM answers a JOIN learners l ON l.id = a.learner_id
		WHERE l.place_id = $1 AND `+where+` ORDER BY a.id`, append([]any{s.place}, args...)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []record.Answer
	for rows.Next() {
		var a record.Answer
		var id, learner, durMS, at int64
		var result, forgiven string
		var test *int64
		var lesson *string
		if err := rows.Scan(&id, &learner, &a.Question, &a.Variant, &a.Given, &result, &forgiven,
			&durMS, &test, &lesson, &at); err != nil {
			return nil, err
		}
		a.ID, a.Learner = record.AnswerID(id), record.LearnerID(learner)
		a.Result, a.Duration, a.At = record.Result(result), time.Duration(durMS)*time.Millisecond, fromMS(at)
		if test != nil {
			a.Test = record.TestID(*test)
		}
		if lesson != nil {
			a.Lesson = *lesson
		}
		if err := json.Unmarshal([]byte(forgiven), &a.Forgiven); err != nil {
			return nil, fmt.Errorf("answer %d: forgiven: %w", a.ID, err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// testOpen locks a test of this place (lock: "FOR SHARE" or "FOR UPDATE")
// and says whose it is; ErrNotFound or ErrTestFinished when it cannot take
// answers or a result.
func (s *Store) testOpen(ctx context.Context, tx pgx.Tx, id record.TestID, lock string) (record.LearnerID, error) {
	var learner int64
	var finished *int64
	err := tx.QueryRow(ctx, `SELECT t.learner_id, t.finished_at FROM tests t JOIN learners l ON l.id = t.learner_id
		WHERE t.id = $1 AND l.place_id = $2 `+lock+` OF t`, int64(id), s.place).Scan(&learner, &finished)
	if errors.Is(err, pgx.ErrNoRows) {
		return 0, fmt.Errorf("test %d: %w", id, record.ErrNotFound)
	}
	if err != nil {
		return 0, err
	}
	if finished != nil {
		return record.LearnerID(learner), fmt.Errorf("test %d: %w", id, record.ErrTestFinished)
	}
	return record.LearnerID(learner), nil
}
