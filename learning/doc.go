// Package learning holds Pas à pas's use cases, between the screens (and
// the command line) and the stores: signing in, a lesson's progress,
// starting, resuming, answering and finishing a test or a positioning, a
// learner's results — the one source of truth for where a learner stands —,
// review, export and erasure, and the re-calibration of the questions.
//
// It knows neither Bubble Tea nor SQL. It talks to storage through the small
// interfaces of port.go, declared here where they are used; package
// progress implements them on SQLite, package learning/memstore in plain Go
// memory (previews, tests). The contract every implementation keeps is
// checked by package learning/storetest, run against each.
//
// Use cases that touch a store take a context and return an error; the
// screens call them inside their store commands, off the event loop. A
// running test (Test) is the engine's state: it is built by StartTest in a
// command and handed to the screen, which alone drives it from then on.
package learning
