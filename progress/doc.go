// Package progress keeps each learner's progress on the shared PC: a local
// SQLite file holding learners, the append-only answer log, tests, lesson
// progress and review cards. An answer acknowledged on screen is on disk.
package progress
