// Package scoring is the adaptive engine: the item model, the learner's
// ability estimate, the choice of the next question, when to stop, the
// levels shown to learners, item calibration and review scheduling. Pure Go:
// no user interface, no SQL.
package scoring
