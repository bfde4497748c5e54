package learning

import (
	"reflect"
	"testing"

	"pasapas/scoring"
)

// TestReplayCalibration: a test's stored parameters win over today's
// calibration; a question it did not store keeps today's, and a test that
// stored none (finished before schema version 3) is replayed with today's.
func TestReplayCalibration(t *testing.T) {
	today := map[string]scoring.Calibration{"q1": {B: 2, N: 9}, "q2": {B: -1, N: 3}}
	used := map[string]scoring.Calibration{"q1": {B: 0.5, A: 1}, "q3": {B: 1, A: 1.2}}
	got := replayCalibration(today, used)
	want := map[string]scoring.Calibration{"q1": {B: 0.5, A: 1}, "q2": {B: -1, N: 3}, "q3": {B: 1, A: 1.2}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("replayCalibration = %v, want %v", got, want)
	}
	if today["q1"].B != 2 {
		t.Error("today's calibration was changed")
	}
	if got := replayCalibration(today, nil); !reflect.DeepEqual(got, today) {
		t.Errorf("without stored parameters: %v, want today's %v", got, today)
	}
	if got := replayCalibration(nil, used); len(got) != 2 {
		t.Errorf("without a calibration today: %v", got)
	}
}
