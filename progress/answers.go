package progress

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// RecordAnswer appends an answer to the log and returns its id once it is on
// disk: the commit is fsynced (synchronous=FULL) before this returns, so the
// TUI may say "answer saved" and a power cut loses nothing acknowledged. The
// same transaction updates the question's anonymous counts (item_stats) and
// the learner's last-seen time.
//
// a.At is set by the store's clock when zero; a.ID is ignored. An answer to a
// test must belong to that test's learner, the test must be open
// (ErrTestFinished), and the question not answered in it yet
// (ErrAnsweredElsewhere: another window resuming the same test).
func (s *Store) RecordAnswer(ctx context.Context, a Answer) (AnswerID, error) {
	if err := checkAnswer(a); err != nil {
		return 0, fmt.Errorf("progress: recording answer: %w", err)
	}
	forgiven := a.Forgiven
	if forgiven == nil {
		forgiven = []string{}
	}
	fj, err := json.Marshal(forgiven)
	if err != nil {
		return 0, fmt.Errorf("progress: recording answer: %w", err)
	}
	at := a.At
	if at.IsZero() {
		at = s.now()
	}
	var testID, lesson any
	if a.Test != 0 {
		testID = int64(a.Test)
	}
	if a.Lesson != "" {
		lesson = a.Lesson
	}
	correct := 0
	if a.Result == Correct {
		correct = 1
	}
	var id int64
	err = s.write(ctx, "recording answer", func(tx *sql.Tx) error {
		if err := touch(ctx, tx, a.Learner, at); err != nil {
			return err
		}
		if a.Test != 0 {
			owner, err := checkTestOpen(ctx, tx, a.Test)
			if err != nil {
				return err
			}
			if owner != a.Learner {
				return fmt.Errorf("test %d belongs to another learner: %w", a.Test, ErrInvalid)
			}
			// A test asks a question once. The same learner resuming the
			// same test in two windows gets the same question in both:
			// the second answer is refused, not logged twice.
			var n int
			if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM answers WHERE test_id = ? AND question = ?",
				a.Test, a.Question).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return fmt.Errorf("test %d, question %q: %w", a.Test, a.Question, ErrAnsweredElsewhere)
			}
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO answers
			(learner_id, question, variant, given, result, forgiven, duration_ms, test_id, lesson, at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			a.Learner, a.Question, a.Variant, a.Given, string(a.Result), string(fj),
			a.Duration.Milliseconds(), testID, lesson, ms(at)).Scan(&id)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO item_stats (question, answers, correct, updated_at)
			VALUES (?, 1, ?, ?)
			ON CONFLICT (question) DO UPDATE SET answers = answers + 1,
				correct = correct + excluded.correct, updated_at = excluded.updated_at`,
			a.Question, correct, ms(at))
		return err
	})
	if err != nil {
		return 0, err
	}
	return AnswerID(id), nil
}

func checkAnswer(a Answer) error {
	switch {
	case a.Learner <= 0:
		return fmt.Errorf("no learner: %w", ErrInvalid)
	case strings.TrimSpace(a.Question) == "":
		return fmt.Errorf("no question id: %w", ErrInvalid)
	case a.Result != Correct && a.Result != Incorrect && a.Result != Skipped:
		return fmt.Errorf("result %q: %w", a.Result, ErrInvalid)
	case !json.Valid([]byte(a.Given)):
		return fmt.Errorf("answer given is not JSON: %w", ErrInvalid)
	case a.Duration < 0:
		return fmt.Errorf("negative duration: %w", ErrInvalid)
	}
	return nil
}

// Answers returns a learner's whole log, oldest first.
func (s *Store) Answers(ctx context.Context, id LearnerID) ([]Answer, error) {
	var out []Answer
	err := s.read(ctx, "reading answers", func(tx *sql.Tx) error {
		if err := learnerExists(ctx, tx, id); err != nil {
			return err
		}
		var err error
		out, err = queryAnswers(ctx, tx, "WHERE learner_id = ? ORDER BY id", int64(id))
		return err
	})
	return out, err
}

// TestAnswers returns a test's answers in the order they were given: what the
// TUI replays to resume a test.
func (s *Store) TestAnswers(ctx context.Context, id TestID) ([]Answer, error) {
	var out []Answer
	err := s.read(ctx, "reading test answers", func(tx *sql.Tx) error {
		var err error
		out, err = queryAnswers(ctx, tx, "WHERE test_id = ? ORDER BY id", int64(id))
		return err
	})
	return out, err
}

func queryAnswers(ctx context.Context, tx *sql.Tx, where string, args ...any) ([]Answer, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, learner_id, question, variant, given, result, forgiven,
		duration_ms, test_id, lesson, at FROM answers `+where, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Answer
	for rows.Next() {
		var a Answer
		var result, forgiven string
		var durMS, at int64
		var test sql.NullInt64
		var lesson sql.NullString
		if err := rows.Scan(&a.ID, &a.Learner, &a.Question, &a.Variant, &a.Given, &result, &forgiven,
			&durMS, &test, &lesson, &at); err != nil {
			return nil, err
		}
		a.Result, a.Duration, a.At = Result(result), time.Duration(durMS)*time.Millisecond, fromMS(at)
		a.Test, a.Lesson = TestID(test.Int64), lesson.String
		if err := json.Unmarshal([]byte(forgiven), &a.Forgiven); err != nil {
			return nil, fmt.Errorf("answer %d: forgiven: %w", a.ID, err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}
