package record

import (
	"fmt"
	"math"
	"time"

	"pasapas/scoring"
)

// Portable is a learner's progress brought from another PC: what their
// export file holds (progress's JSON export), read back. It goes into an
// existing profile, the one signed in here with its own code.
type Portable struct {
	Name       string    // the profile's name in the file, shown before the import
	ExportedAt time.Time // when the file was made
	// Tests are open or finished, with their results, and, for a
	// positioning, the correlation it ran with (Test.Rho; 0 in a file
	// written before it was exported).
	Tests []Test
	// Difficulties are the item parameters each finished test used, by
	// the file's test id (Test.ID), then by question id: the import keeps
	// them, so its results are replayed as they were computed. A test
	// missing here (a file written before they were exported) is replayed
	// with this PC's calibration.
	Difficulties map[TestID]map[string]scoring.Calibration
	Answers      []Answer
	Lessons      []LessonProgress
	Acquis       []AcquisState
	Reviews      []ReviewCard
}

// MaxTestParams bounds the item parameters one test of an export may
// carry: a test keeps one per question of its banks (444 for a positioning
// on the built-in content), and each view of the learner's results reads
// and lays them over the calibration again. A file with a million (45 MB)
// made each « Mes résultats » and médiateur's view take a second more.
const MaxTestParams = 10000

// CheckReplay checks what the tests' results are replayed with: each test
// id comes once (answers and item parameters name their test by it: with
// two tests of one id, which one they go with would be a guess); each
// correlation is 0 (none kept) or strictly between 0 and 1, as a store
// keeps it; each result is one the engine could conclude (possibleResult);
// each item parameter names a question, with a finite
// difficulty and a finite positive discrimination, for a test of the
// file, at most MaxTestParams of them a test. A store refuses, with
// ErrInvalid, what it could not keep.
func (p Portable) CheckReplay() error {
	tests := make(map[TestID]bool, len(p.Tests))
	for _, t := range p.Tests {
		if t.Rho != 0 && !(t.Rho > 0 && t.Rho < 1) {
			return fmt.Errorf("test %d: correlation %v: %w", t.ID, t.Rho, ErrInvalid)
		}
		if tests[t.ID] {
			return fmt.Errorf("two tests with id %d: %w", t.ID, ErrInvalid)
		}
		if r := t.Result; r != nil && !possibleResult(*r) {
			return fmt.Errorf("test %d: result θ %v, SE %v, level %d: %w", t.ID, r.Theta, r.SE, r.Level, ErrInvalid)
		}
		tests[t.ID] = true
	}
	for id, params := range p.Difficulties {
		if !tests[id] {
			return fmt.Errorf("item parameters of test %d, not in the file: %w", id, ErrInvalid)
		}
		if len(params) > MaxTestParams {
			return fmt.Errorf("test %d: %d item parameters, at most %d: %w", id, len(params), MaxTestParams, ErrInvalid)
		}
		for q, c := range params {
			if q == "" || math.IsNaN(c.B) || math.IsInf(c.B, 0) || !(c.A > 0) || math.IsInf(c.A, 0) {
				return fmt.Errorf("test %d: parameters of %q: %w", id, q, ErrInvalid)
			}
		}
	}
	return nil
}

// Bounds of a result the engine can conclude: an ability inside its ±10
// logits, a standard error no wider than its widest prior (SD 2; 0 for a
// positioning, which keeps its levels only) — MaxResultSE leaves room —
// and a level of the référentiel.
const (
	MaxResultTheta = 10.0
	MaxResultSE    = 3.0
)

// possibleResult says whether the engine could have concluded r. Stored
// results feed the place's correlation between competences (what every
// new positioning starts from): one impossible result imported from a
// file would weigh on everyone's.
func possibleResult(r TestResult) bool {
	return r.Theta >= -MaxResultTheta && r.Theta <= MaxResultTheta &&
		r.SE >= 0 && r.SE <= MaxResultSE &&
		r.Level >= 0 && r.Level <= scoring.MaxLevel
}

// Imported says what an import added: what was there already (the same
// file brought twice, or progress made on this PC) is not counted twice.
type Imported struct {
	Tests, Answers, Lessons int
}
