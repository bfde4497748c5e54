package learning

import (
	"context"

	"pasapas/record"
	"pasapas/scoring"
)

// Learners are the profiles kept on this PC (or in a place's shared store).
type Learners interface {
	// CreateLearner adds a profile; pin "" means none.
	CreateLearner(ctx context.Context, name, pin string, p record.Prefs) (record.Learner, error)
	// Learners lists the profiles, with no result: results only after the PIN.
	Learners(ctx context.Context) ([]record.LearnerSummary, error)
	// Seen marks a learner as here now.
	Seen(ctx context.Context, id record.LearnerID) error
	SetPrefs(ctx context.Context, id record.LearnerID, p record.Prefs) error
	// SetPIN sets, changes or (with "") removes a learner's PIN.
	SetPIN(ctx context.Context, id record.LearnerID, pin string) error
	// CheckPIN returns nil for the right PIN, a *record.PINError otherwise.
	CheckPIN(ctx context.Context, id record.LearnerID, pin string) error
	// LoadState is everything about one learner, in one read.
	LoadState(ctx context.Context, id record.LearnerID) (*record.State, error)
	// Erase removes a learner and everything about them.
	Erase(ctx context.Context, id record.LearnerID) error
	// ExportFile writes everything about a learner to a JSON file at path.
	ExportFile(ctx context.Context, id record.LearnerID, path string) error
}

// AnswerLog is the append-only log of answers.
type AnswerLog interface {
	// RecordAnswer appends an answer; it returns once the answer is durable.
	RecordAnswer(ctx context.Context, a record.Answer) (record.AnswerID, error)
	// TestAnswers are a test's answers, in the order given.
	TestAnswers(ctx context.Context, id record.TestID) ([]record.Answer, error)
}

// Tests are the tests and positionings, open or finished.
type Tests interface {
	StartTest(ctx context.Context, learner record.LearnerID, competence string, seed int64) (record.TestID, error)
	// StartPositioning is StartTest of record.Positioning that also keeps
	// rho, the correlation between competences the positioning runs with
	// (in (0, 1), else record.ErrInvalid): the learner's tests (LoadState,
	// OpenTests) give it back in record.Test.Rho.
	StartPositioning(ctx context.Context, learner record.LearnerID, seed int64, rho float64) (record.TestID, error)
	// FinishTestWith is the unit of work that closes a test: its result,
	// the parameters it used and its acquis, then o.Calibrate run on the
	// stored calibration of the questions it asked, all in one transaction.
	// The scoring maths stay in o.Calibrate; the store only reads and
	// writes.
	FinishTestWith(ctx context.Context, id record.TestID, o record.TestOutcome) error
	// AbandonTest closes a test the learner stops for good, with no result.
	AbandonTest(ctx context.Context, id record.TestID) error
	// TestDifficulties are the parameters a finished test used (nil if none).
	TestDifficulties(ctx context.Context, id record.TestID) (map[string]scoring.Calibration, error)
	// Exposure counts the tests of a competence and how many asked each
	// question, across learners.
	Exposure(ctx context.Context, competence string) (tests int, asked map[string]int, err error)
	// OpenTests are a learner's unfinished tests with their answers.
	OpenTests(ctx context.Context, learner record.LearnerID) ([]record.OpenTest, error)
	// ResultsByCompetence is each learner's latest stored result per
	// competence, for the médiateur's views.
	ResultsByCompetence(ctx context.Context) ([]record.CompetenceResults, error)
}

// Items are the questions' statistics and calibration, across learners.
type Items interface {
	ItemStats(ctx context.Context) (map[string]record.ItemStat, error)
	// SetItemDifficulties stores calibrated difficulties in one transaction.
	SetItemDifficulties(ctx context.Context, c map[string]scoring.Calibration) error
	// CalibrationAnswers are the answers of finished tests, naming no one.
	CalibrationAnswers(ctx context.Context) ([]record.CalibrationAnswer, error)
}

// Progress is where a learner is in lessons and review.
type Progress interface {
	SaveLessonStep(ctx context.Context, learner record.LearnerID, st record.LessonStep) error
	SaveReviewCards(ctx context.Context, learner record.LearnerID, cards ...record.ReviewCard) error
}

// Store is the whole port: what a store must offer to serve every use case.
type Store interface {
	Learners
	AnswerLog
	Tests
	Items
	Progress
}
