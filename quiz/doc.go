// Package quiz checks a learner's answer to a question and says what was
// right, what was forgiven and what to read next. Pure functions: no I/O, no
// user interface.
package quiz
