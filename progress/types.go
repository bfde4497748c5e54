package progress

import "pasapas/record"

// The store keeps the records of package record; these names keep this
// package's code and tests short. The records are declared there, not
// here, so that the use cases and the screens never depend on SQLite.
type (
	LearnerID         = record.LearnerID
	TestID            = record.TestID
	AnswerID          = record.AnswerID
	Prefs             = record.Prefs
	Learner           = record.Learner
	LearnerSummary    = record.LearnerSummary
	Result            = record.Result
	Answer            = record.Answer
	TestResult        = record.TestResult
	Test              = record.Test
	OpenTest          = record.OpenTest
	LessonProgress    = record.LessonProgress
	LessonStep        = record.LessonStep
	AcquisState       = record.AcquisState
	ReviewCard        = record.ReviewCard
	ItemStat          = record.ItemStat
	CalibrationAnswer = record.CalibrationAnswer
	TestOutcome       = record.TestOutcome
	State             = record.State
	CompetenceResults = record.CompetenceResults
	LearnerLevel      = record.LearnerLevel
)

// The results of an answer, and the competence id of the positioning.
const (
	Correct       = record.Correct
	Incorrect     = record.Incorrect
	Skipped       = record.Skipped
	Positioning   = record.Positioning
	StopAbandoned = record.StopAbandoned
)
