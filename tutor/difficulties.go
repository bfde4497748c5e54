package tutor

import (
	"maps"

	"pasapas/progress"
	"pasapas/scoring"
)

// usedParams converts the item parameters a test used (Bank.Params,
// Survey.Params) for the store, which keeps them with the test's result.
func usedParams(in map[string]scoring.Calibration) map[string]progress.ItemParams {
	out := make(map[string]progress.ItemParams, len(in))
	for id, c := range in {
		out[id] = progress.ItemParams{Difficulty: c.B, Discrimination: c.A}
	}
	return out
}

// replayCalibration is the calibration to rebuild a finished test's banks
// with: today's, with the parameters the test used laid over it. A question
// the test did not store (a test finished before schema version 3 stored
// none, and a question added to the content since is in none) gets today's
// calibration.
func replayCalibration(today map[string]scoring.Calibration, used map[string]progress.ItemParams) map[string]scoring.Calibration {
	if len(used) == 0 {
		return today
	}
	out := maps.Clone(today)
	if out == nil {
		out = map[string]scoring.Calibration{}
	}
	for id, p := range used {
		out[id] = scoring.Calibration{B: p.Difficulty, A: p.Discrimination}
	}
	return out
}
