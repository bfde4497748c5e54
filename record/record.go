// Package record holds the plain records Pas à pas keeps about learners —
// profiles, the append-only answer log, tests, lesson progress, acquis,
// review cards, item statistics — and the errors every store returns. It is
// shared by the use cases (package learning) and the stores that implement
// their port (package progress: SQLite), so that neither the screens nor the
// use cases depend on a storage engine. It holds data only, no behaviour
// beyond what a record says of itself.
package record

import (
	"time"

	"pasapas/i18n"
	"pasapas/lessons"
	"pasapas/scoring"
)

// LearnerID identifies a learner in the file. Ids are never reused, even
// after an erase.
type LearnerID int64

// TestID identifies a test.
type TestID int64

// AnswerID identifies one answer in the log.
type AnswerID int64

// Prefs are a learner's settings, restored when they come back.
type Prefs struct {
	Lang   i18n.Lang      `json:"langue"`
	Theme  string         `json:"theme"`    // the TUI's theme name; "" = default
	Device lessons.Device `json:"appareil"` // android, iphone, ordinateur; "" = not chosen yet
	Mouse  bool           `json:"souris"`
}

// Learner is one person's profile on this PC.
type Learner struct {
	ID        LearnerID `json:"id"`
	Name      string    `json:"nom"`
	HasPIN    bool      `json:"code_secret"` // the hash itself never leaves the store
	Prefs     Prefs     `json:"preferences"`
	CreatedAt time.Time `json:"cree_le"`
	LastSeen  time.Time `json:"vu_le"`
}

// LearnerSummary is a line of the profile list. It holds no result: results
// are shown only after the PIN.
type LearnerSummary struct {
	ID          LearnerID
	Name        string
	HasPIN      bool
	LastSeen    time.Time
	LessonsDone int // lessons finished
	TestsTaken  int // tests finished (abandoned ones not counted)
}

// Result is how an answer was judged.
type Result string

// The results of an answer. Skipped is "Je ne sais pas".
const (
	Correct   Result = "correct"
	Incorrect Result = "incorrect"
	Skipped   Result = "skipped"
)

// Answer is one entry of the append-only log.
type Answer struct {
	ID       AnswerID      `json:"id"`
	Learner  LearnerID     `json:"-"`
	Question string        `json:"question"` // id of the question shown
	Variant  string        `json:"variante"` // its variant group: the original question's id
	Given    string        `json:"reponse"`  // the answer, as JSON made by the quiz package
	Result   Result        `json:"resultat"`
	Forgiven []string      `json:"tolere"`          // what was forgiven: "casse", "accents", "frappe"…
	Duration time.Duration `json:"-"`               // exported as duree_ms
	Test     TestID        `json:"test,omitempty"`  // 0: not part of a test
	Lesson   string        `json:"lecon,omitempty"` // "": not asked in a lesson
	At       time.Time     `json:"le"`
}

// Positioning is the competence id of the positioning test, which spans
// every competence.
const Positioning = lessons.PositioningID

// TestResult is what a finished test concluded.
type TestResult struct {
	Theta      float64 `json:"theta"`
	SE         float64 `json:"erreur_type"`
	Level      int     `json:"niveau"` // 0 to 4
	StopReason string  `json:"arret"`  // why the engine stopped, as a code
}

// StopAbandoned is the stop reason of a test the learner left.
const StopAbandoned = "abandon"

// Test is a test, open or finished.
type Test struct {
	ID         TestID      `json:"id"`
	Learner    LearnerID   `json:"-"`
	Competence string      `json:"competence"`
	Seed       int64       `json:"graine"`
	StartedAt  time.Time   `json:"debut"`
	FinishedAt time.Time   `json:"fin,omitzero"`       // zero while open
	Result     *TestResult `json:"resultat,omitempty"` // nil while open or when abandoned
	Abandoned  bool        `json:"abandonne,omitempty"`
	// Rho is the correlation between competences a positioning runs with
	// (scoring.PositioningOptions.Rho), kept from its start so that it
	// resumes and is replayed with the same value. 0: a test of one
	// competence, or a positioning started before it was kept (then the
	// default, scoring.DefaultRho). It is an aggregate over the store's
	// learners: one shrunk correlation from the results of at least
	// scoring.MinRhoLearners learners, which tells nothing about any other
	// learner. It is
	// in a learner's export all the same (ExportedTest.Rho), because their
	// own results are computed with it: without it, an import would replay
	// their positioning with another value and show other levels.
	Rho float64 `json:"-"`
}

// Open says the test is not finished: it may be resumed.
func (t Test) Open() bool { return t.FinishedAt.IsZero() }

// OpenTest is an unfinished test with its answers in the order given, so the
// TUI can replay them into the engine and carry on after a crash.
type OpenTest struct {
	Test
	Answers []Answer
}

// LessonProgress is where a learner is in a lesson.
type LessonProgress struct {
	Lesson    string         `json:"lecon"`
	Step      int            `json:"etape"`     // where to resume (index)
	Furthest  int            `json:"plus_loin"` // furthest step reached
	Done      bool           `json:"terminee"`
	Device    lessons.Device `json:"appareil"`
	StartedAt time.Time      `json:"debut"`
	UpdatedAt time.Time      `json:"maj"`
	DoneAt    time.Time      `json:"terminee_le,omitzero"`
}

// LessonStep is what the TUI saves at every step.
type LessonStep struct {
	Lesson string
	Step   int
	Done   bool // once done, a lesson stays done
	Device lessons.Device
}

// AcquisState is the mastery estimate of one skill.
type AcquisState struct {
	Acquis   string    `json:"acquis"`
	Mastery  float64   `json:"maitrise"` // probability the skill is mastered, 0 to 1
	Answers  int       `json:"reponses"`
	LastSeen time.Time `json:"vu_le"`
}

// ReviewCard holds the fields of go-fsrs's Card for one skill, so the
// stores do not depend on the scheduler; package learning converts.
type ReviewCard struct {
	Acquis        string    `json:"acquis"`
	Due           time.Time `json:"echeance"`
	Stability     float64   `json:"stabilite"`
	Difficulty    float64   `json:"difficulte"`
	ElapsedDays   uint64    `json:"jours_ecoules"`
	ScheduledDays uint64    `json:"jours_prevus"`
	Reps          uint64    `json:"repetitions"`
	Lapses        uint64    `json:"oublis"`
	State         int8      `json:"etat"` // fsrs.State: 0 new, 1 learning, 2 review, 3 relearning
	LastReview    time.Time `json:"derniere_revision"`
}

// ItemStat counts the answers to one question, across learners, for
// calibration. It holds no learner id.
type ItemStat struct {
	Question string
	Answers  int // every answer: tests, lesson checks, reviews
	Correct  int
	// Calibrated is the question's calibrated difficulty, with N the
	// number of answers of finished tests it rests on (the n of the next
	// Elo step); nil until calibrated. The store keeps no discrimination:
	// the content's (or 1) applies.
	Calibrated *scoring.Calibration
	UpdatedAt  time.Time
}

// CalibrationAnswer is one answer of a finished test, for the batch
// re-calibration. It names no learner: Test is an opaque id that only tells
// which answers were given together.
type CalibrationAnswer struct {
	Test       TestID
	Competence string // the test's: a competence id, or Positioning
	Question   string
	Correct    bool // "Je ne sais pas" is not correct
}

// TestOutcome is everything a finished test writes, in one transaction.
type TestOutcome struct {
	Result TestResult
	// Acquis is the mastery of the acquis the test touched (as SaveAcquis).
	Acquis []AcquisState
	// Calibrate, when set, is given the stored calibration of every
	// question answered in the test (the zero value for one not calibrated
	// yet) and returns the calibrations to store, for questions of the test
	// only. It runs inside the transaction, so two windows finishing tests
	// at once cannot lose each other's update, and a test's answers are
	// counted once: a finished test cannot be finished again.
	Calibrate func(current map[string]scoring.Calibration) map[string]scoring.Calibration
	// Difficulties, when set, are the parameters the engine used for the
	// test, by question id (difficulty B and discrimination A; N is not
	// kept): stored with the result, read back with TestDifficulties, so
	// the result can be computed again later from its answers exactly as it
	// was, whatever the calibration has become since. Every discrimination
	// must be positive.
	Difficulties map[string]scoring.Calibration
}

// State is everything the tutor needs about one learner, loaded in one call.
type State struct {
	Learner   Learner
	Lessons   map[string]LessonProgress // by lesson id
	Tests     []Test                    // all, oldest first, with results
	Acquis    map[string]AcquisState    // by acquis id
	Reviews   map[string]ReviewCard     // by acquis id
	OpenTests []OpenTest                // unfinished tests with their answers
}

// CompetenceResults are the latest levels of every learner tested in one
// competence: what a médiateur looks at to form groups.
type CompetenceResults struct {
	Competence string
	Learners   []LearnerLevel // in French alphabetical order of name
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
