package storetest

import (
	"maps"
	"math"
	"testing"

	"pasapas/learning"
	"pasapas/record"
	"pasapas/scoring"
)

// calib builds calibrations: question, B, N, question, B, N…
func calib(v ...any) map[string]scoring.Calibration {
	out := map[string]scoring.Calibration{}
	for i := 0; i < len(v); i += 3 {
		out[v[i].(string)] = scoring.Calibration{B: toFloat(v[i+1]), N: v[i+2].(int)}
	}
	return out
}

func toFloat(v any) float64 {
	switch x := v.(type) {
	case int:
		return float64(x)
	case float64:
		return x
	}
	panic("calib: not a number")
}

// exactParams are item parameters whose floats a store must give back to
// the bit: no decimal rounding, no float32, -0 kept.
func exactParams() map[string]scoring.Calibration {
	return map[string]scoring.Calibration{
		"q1":        {B: 0.1 + 0.2, A: 1, N: 7}, // N is not kept
		"q2":        {B: math.Nextafter(2.5, 3), A: 1.3},
		"q3":        {B: -1.5, A: math.SmallestNonzeroFloat64},
		"q4":        {B: math.Copysign(0, -1), A: math.MaxFloat64},
		"q5":        {B: 1e-310, A: 1 / 3.0},
		"q-é\"\\\n": {B: -math.MaxFloat64, A: math.Pi},
	}
}

// checkExact compares parameters bit for bit, N left out.
func checkExact(t *testing.T, got, want map[string]scoring.Calibration) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("difficulties %v, want %v", got, want)
		return
	}
	for q, w := range want {
		g, ok := got[q]
		if !ok || math.Float64bits(g.B) != math.Float64bits(w.B) || math.Float64bits(g.A) != math.Float64bits(w.A) || g.N != 0 {
			t.Errorf("%q: %+v, want %+v exactly, N 0 (not kept)", q, g, scoring.Calibration{B: w.B, A: w.A})
		}
	}
}

// calibrated is the stored calibration of every calibrated question.
func (e *env) calibrated() map[string]scoring.Calibration {
	e.t.Helper()
	out := map[string]scoring.Calibration{}
	for q, st := range e.stats() {
		if st.Calibrated != nil {
			out[q] = *st.Calibrated
		}
	}
	return out
}

func runFinish(t *testing.T, open func(*testing.T) learning.Store) {
	plusOne := func(cur map[string]scoring.Calibration) map[string]scoring.Calibration {
		out := map[string]scoring.Calibration{}
		for q, c := range cur {
			out[q] = scoring.Calibration{B: c.B + 1, N: c.N + 1}
		}
		return out
	}
	used := map[string]scoring.Calibration{"q1": {B: 0.1 + 0.2, A: 1}, "q2": {B: math.Nextafter(2.5, 3), A: 1.3}, "q9": {B: -1.5, A: 1}}
	returns := func(c map[string]scoring.Calibration) func(map[string]scoring.Calibration) map[string]scoring.Calibration {
		return func(map[string]scoring.Calibration) map[string]scoring.Calibration { return c }
	}
	cases := []struct {
		name      string
		calibrate func(map[string]scoring.Calibration) map[string]scoring.Calibration
		params    map[string]scoring.Calibration // nil: used
		acquis    []record.AcquisState           // nil: one good
		level     int
		wantErr   error
		// want is the calibration stored afterwards; nil: nothing of the
		// test is stored (still open, no acquis, calibration as before).
		want map[string]scoring.Calibration
	}{
		{name: "each answered question, from its stored calibration", calibrate: plusOne,
			want: calib("q1", 1, 1, "q2", 3.5, 11, "other", -1, 4)},
		{name: "no calibration asked", want: calib("q2", 2.5, 10, "other", -1, 4)},
		{name: "calibration of some questions only", calibrate: returns(calib("q1", 0.5, 1)),
			want: calib("q1", 0.5, 1, "q2", 2.5, 10, "other", -1, 4)},
		{name: "an empty calibration", calibrate: returns(nil), want: calib("q2", 2.5, 10, "other", -1, 4)},
		{name: "a question outside the test", calibrate: returns(calib("other", 0, 5)), wantErr: record.ErrInvalid},
		{name: "a question answered in a lesson only", calibrate: returns(calib("q1", 0, 1, "lecon-q", 0, 1)), wantErr: record.ErrInvalid},
		{name: "not a number", calibrate: returns(calib("q1", math.NaN(), 1)), wantErr: record.ErrInvalid},
		{name: "infinite", calibrate: returns(calib("q2", math.Inf(-1), 1)), wantErr: record.ErrInvalid},
		{name: "a negative count", calibrate: returns(calib("q1", 0, -1)), wantErr: record.ErrInvalid},
		{name: "one good, one bad", calibrate: returns(calib("q1", 0.5, 1, "q2", math.NaN(), 11)), wantErr: record.ErrInvalid},
		{name: "a used difficulty not a number", calibrate: plusOne, params: map[string]scoring.Calibration{"q1": {B: math.Inf(1), A: 1}}, wantErr: record.ErrInvalid},
		{name: "a used discrimination of 0", calibrate: plusOne, params: map[string]scoring.Calibration{"q1": {B: 0, A: 0}}, wantErr: record.ErrInvalid},
		{name: "a used discrimination negative", params: map[string]scoring.Calibration{"q1": {B: 0, A: -1}}, wantErr: record.ErrInvalid},
		{name: "a used discrimination NaN", params: map[string]scoring.Calibration{"q1": {B: 0, A: math.NaN()}}, wantErr: record.ErrInvalid},
		{name: "a used parameter without a question", calibrate: plusOne, params: map[string]scoring.Calibration{"": {B: 0, A: 1}}, wantErr: record.ErrInvalid},
		{name: "a mastery above 1", calibrate: plusOne, acquis: []record.AcquisState{{Acquis: "a1", Mastery: 1.5}}, wantErr: record.ErrInvalid},
		{name: "a mastery NaN", acquis: []record.AcquisState{{Acquis: "a1", Mastery: math.NaN()}}, wantErr: record.ErrInvalid},
		{name: "an acquis without id", acquis: []record.AcquisState{{Acquis: " ", Mastery: 0.5}}, wantErr: record.ErrInvalid},
		{name: "a negative answer count", acquis: []record.AcquisState{{Acquis: "a1", Mastery: 0.5, Answers: -1}}, wantErr: record.ErrInvalid},
		{name: "a level of 5", calibrate: plusOne, level: 5, wantErr: record.ErrInvalid},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, open)
			l := e.learner("Léa", "")
			before := calib("q2", 2.5, 10, "other", -1, 4)
			is(t, "SetItemDifficulties", e.s.SetItemDifficulties(e.ctx, before), nil)
			// A lesson check counts as an answer, not as calibration data.
			e.answer(record.Answer{Learner: l.ID, Question: "q1", Lesson: "lecon"})
			e.answer(record.Answer{Learner: l.ID, Question: "lecon-q", Lesson: "lecon"})
			id := e.test(l.ID, "mail", "q1", true, "q2", false)
			statsBefore := e.stats()
			var seen map[string]scoring.Calibration
			params := c.params
			if params == nil {
				params = used
			}
			acquis := c.acquis
			if acquis == nil {
				acquis = []record.AcquisState{{Acquis: "a1", Mastery: 0.7, Answers: 2}}
			}
			o := record.TestOutcome{
				Result:       record.TestResult{Theta: 0.3, SE: 0.5, Level: 2, StopReason: "band"},
				Acquis:       acquis,
				Difficulties: params,
			}
			if c.level != 0 {
				o.Result.Level = c.level
			}
			if c.calibrate != nil {
				o.Calibrate = func(cur map[string]scoring.Calibration) map[string]scoring.Calibration {
					seen = maps.Clone(cur)
					return c.calibrate(cur)
				}
			}
			err := e.s.FinishTestWith(e.ctx, id, o)
			is(t, "FinishTestWith", err, c.wantErr)
			if seen != nil {
				// The stored calibration of each question answered in the
				// test, the zero value for one not calibrated yet.
				if want := calib("q1", 0, 0, "q2", 2.5, 10); !maps.Equal(seen, want) {
					t.Errorf("Calibrate was given %v, want %v", seen, want)
				}
			}
			got := e.calibrated()
			state := e.state(l.ID)
			stored, err := e.s.TestDifficulties(e.ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if c.want == nil {
				if !maps.Equal(got, before) || len(state.OpenTests) != 1 || len(state.Acquis) != 0 || stored != nil ||
					state.Tests[0].Result != nil || !state.Tests[0].Open() {
					t.Errorf("a refused finish left calibration %v, %d open tests, acquis %v, difficulties %v, test %+v",
						got, len(state.OpenTests), state.Acquis, stored, state.Tests[0])
				}
				for q, st := range e.stats() {
					if b := statsBefore[q]; st.Answers != b.Answers || st.Correct != b.Correct {
						t.Errorf("a refused finish changed the counts of %s: %+v, was %+v", q, st, b)
					}
				}
				// Still open: it takes answers and a good result.
				e.answer(record.Answer{Learner: l.ID, Question: "q3", Test: id})
				is(t, "finishing after a refused finish", e.s.FinishTestWith(e.ctx, id,
					record.TestOutcome{Result: record.TestResult{Level: 1}}), nil)
				return
			}
			// The parameters the engine used, not the calibration after the
			// test's own step.
			checkExact(t, stored, used)
			if !maps.Equal(got, c.want) {
				t.Errorf("calibration %v, want %v", got, c.want)
			}
			if len(state.OpenTests) != 0 || len(state.Tests) != 1 || state.Tests[0].Result == nil ||
				*state.Tests[0].Result != o.Result || state.Acquis["a1"].Mastery != 0.7 ||
				state.Acquis["a1"].Answers != 2 || state.Acquis["a1"].LastSeen.IsZero() {
				t.Errorf("result or acquis not written: %+v", state)
			}
			// The test's answers count once: never finished again, and a
			// refused second finish changes nothing.
			is(t, "finishing twice", e.s.FinishTestWith(e.ctx, id, o), record.ErrTestFinished)
			if again := e.calibrated(); !maps.Equal(again, c.want) {
				t.Errorf("a refused second finish changed the calibration: %v", again)
			}
			st := e.stats()
			if st["q1"].Answers != 2 || st["q1"].Correct != 2 || st["q2"].Answers != 1 || st["q2"].Correct != 0 {
				t.Errorf("counts q1 %+v, q2 %+v: want 2 answers (both correct: the lesson's and the test's), 1 (0)", st["q1"], st["q2"])
			}
		})
	}
}
