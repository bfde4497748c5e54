package scoring

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

func TestEloMovesTowardTruthAndShrinks(t *testing.T) {
	const author, truth, runs = 0.0, 1.0, 200
	var sum5, sum400, sq400, early, late float64
	for run := range uint64(runs) {
		rng := rand.New(rand.NewPCG(run, 2))
		c := Calibration{}
		for n := range 400 {
			theta := rng.NormFloat64()
			correct := rng.Float64() < Sigmoid(theta-truth)
			before := c.B
			c = Elo(c, author, theta, correct, EloOptions{})
			switch {
			case n < 20:
				early += math.Abs(c.B - before)
			case n >= 300:
				late += math.Abs(c.B - before)
			}
			if n == 4 {
				sum5 += c.B
			}
		}
		if c.N != 400 {
			t.Fatalf("N = %d", c.N)
		}
		sum400 += c.B
		sq400 += (c.B - truth) * (c.B - truth)
	}
	// Few answers: the author level still weighs; many: the data win.
	if m := sum5 / runs; !(m > author && m < 0.5) {
		t.Errorf("mean b after 5 answers = %v, want between the author level and halfway", m)
	}
	if m, rmse := sum400/runs, math.Sqrt(sq400/runs); math.Abs(m-truth) > 0.15 || rmse > 0.25 {
		t.Errorf("after 400 answers mean b = %v, RMSE %v (truth %v)", m, rmse, truth)
	}
	if !(late/100 < early/20/4) {
		t.Errorf("steps do not shrink: early %v late %v", early/20/runs, late/100/runs)
	}
	// A right answer at θ = b makes the item look easier.
	if c := Elo(Calibration{}, -1, -1, true, EloOptions{}); !(c.B < -1) {
		t.Errorf("a right answer at θ = b should lower b: %v", c.B)
	}
}

func TestRefitRecoversDifficulties(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	author := map[string]float64{}
	truth := map[string]float64{}
	var ids []string
	for i := range 24 {
		id := fmt.Sprintf("q%02d", i)
		ids = append(ids, id)
		author[id] = float64(i%4) - 2
		truth[id] = author[id] + 0.7*rng.NormFloat64()
	}
	var obs []Observation
	for j := range 400 {
		theta := -0.5 + rng.NormFloat64()
		for _, id := range ids {
			if rng.Float64() < 0.5 { // sparse: each learner sees half
				continue
			}
			obs = append(obs, Observation{Learner: fmt.Sprint(j), Question: id, Correct: rng.Float64() < Sigmoid(theta-truth[id])})
		}
	}
	got, err := Refit(author, obs, RefitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	rmse := func(est map[string]float64) float64 {
		s := 0.0
		for _, id := range ids {
			d := est[id] - truth[id]
			s += d * d
		}
		return math.Sqrt(s / float64(len(ids)))
	}
	if before, after := rmse(author), rmse(got); !(after < before/2 && after < 0.3) {
		t.Errorf("RMSE author %v → refit %v", before, after)
	}
	// Deterministic whatever the map order.
	again, _ := Refit(author, obs, RefitOptions{})
	for _, id := range ids {
		if again[id] != got[id] {
			t.Fatalf("%s: %v then %v", id, got[id], again[id])
		}
	}
	// An item nobody answered keeps its author level.
	author["lonely"] = 1.5
	got, _ = Refit(author, obs, RefitOptions{})
	if math.Abs(got["lonely"]-1.5) > 1e-9 {
		t.Errorf("unanswered item moved to %v", got["lonely"])
	}
	if _, err := Refit(author, []Observation{{"x", "nope", true}}, RefitOptions{}); err == nil {
		t.Error("unknown question accepted")
	}
}
