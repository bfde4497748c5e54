package record

import "time"

// Portable is a learner's progress brought from another PC: what their
// export file holds (progress's JSON export), read back. It goes into an
// existing profile, the one signed in here with its own code.
type Portable struct {
	Name       string    // the profile's name in the file, shown before the import
	ExportedAt time.Time // when the file was made
	Tests      []Test    // open or finished, with their results
	Answers    []Answer
	Lessons    []LessonProgress
	Acquis     []AcquisState
	Reviews    []ReviewCard
}

// Imported says what an import added: what was there already (the same
// file brought twice, or progress made on this PC) is not counted twice.
type Imported struct {
	Tests, Answers, Lessons int
}
