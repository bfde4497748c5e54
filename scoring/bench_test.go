package scoring

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// bigBank is a 10,000-item bank: 250 topics × 4 levels × 10 questions, with
// difficulties spread around the author levels as if calibrated.
func bigBank() *Bank {
	rng := rand.New(rand.NewPCG(1, 1))
	items := make([]Item, 0, 10000)
	for t := range 250 {
		for l := 1; l <= MaxLevel; l++ {
			for q := range 10 {
				items = append(items, Item{ID: fmt.Sprintf("t%d-%d-%d", t, l, q), Skill: fmt.Sprintf("t%d-%d", t, l),
					Topic: fmt.Sprint(t), Level: l, B: DefaultScale.Difficulty(float64(l)) + 0.5*rng.NormFloat64()})
			}
		}
	}
	return NewBank("big", items, DefaultScale, DefaultPrior)
}

// BenchmarkNextItem10k measures one next-item decision on a 10,000-item
// bank, ten answers into a test (target: well under 1 ms).
func BenchmarkNextItem10k(b *testing.B) {
	bank := bigBank()
	// NoStop: with the 75 % band rule a test may end before ten answers.
	t := NewTest(bank, TestOptions{Seed: 1, NoStop: true})
	for k := range 10 {
		st, _ := t.Next()
		_ = t.Record(st.Item.ID, k%2 == 0)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		t.pending = nil
		t.Next()
	}
}

// BenchmarkStartAndAnswer measures starting a test on the 10,000-item bank,
// choosing its first question and recording the answer (grid update,
// estimate, stopping check).
func BenchmarkStartAndAnswer(b *testing.B) {
	bank := bigBank()
	b.ReportAllocs()
	for b.Loop() {
		t := NewTest(bank, TestOptions{Seed: 1})
		st, _ := t.Next()
		_ = t.Record(st.Item.ID, true)
	}
}

// BenchmarkResult measures the end-of-test result with per-acquis mastery on
// a 24-acquis bank after 20 answers.
func BenchmarkResult(b *testing.B) {
	bank := testBank(6, 3)
	t, _ := runTest(bank, TestOptions{Seed: 1, NoStop: true}, learner{0, hashLuck(1)}.answer)
	b.ReportAllocs()
	for b.Loop() {
		t.Result()
	}
}

// BenchmarkRefit measures the batch re-fit of pasapas calibrate on a busy
// computer's log: 2,000 adaptive tests of 13 answers (26,000 answers) on a
// 48-question competence.
func BenchmarkRefit(b *testing.B) {
	bank := testBank(6, 2)
	author := map[string]float64{}
	for _, it := range bank.Items {
		author[it.ID] = it.B
	}
	rng := rand.New(rand.NewPCG(3, 3))
	var obs []Observation
	for j := range 2000 {
		l := learner{theta: -0.5 + rng.NormFloat64(), luck: hashLuck(uint64(j))}
		_, log := runTest(bank, TestOptions{Seed: uint64(j), MaxItems: 13, NoStop: true}, l.answer)
		for _, a := range log {
			obs = append(obs, Observation{Learner: fmt.Sprint(j), Question: a.Question, Correct: a.Correct})
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Refit(author, obs, RefitOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}
