package learning

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"pasapas/lessons"
	"pasapas/record"
	"pasapas/scoring"
)

// CalibrationPlan is what a batch re-fit found: the difficulties to store
// and how they differ from those a test uses now.
type CalibrationPlan struct {
	Answers, Tests int // answers and tests the fit rests on
	Unknown        int // answers to questions no longer in the content, left out
	// Next are the difficulties to store, with the answers each rests on.
	Next  map[string]scoring.Calibration
	Moves []CalibrationMove // largest first
	// Unsettled: the re-fit was still moving when it stopped (a log that
	// says little about the difficulties), after Iterations.
	Unsettled  bool
	Iterations int
}

// CalibrationMove is how one question's difficulty changes.
type CalibrationMove struct {
	Question      string
	Before, After float64 // what a test would use today (stored, centred; else the author's), and what it will use
	Answers       int     // answers it rests on
	Level         int     // its acquis's author level
}

// Recalibrate runs the batch re-fit of the questions' difficulties from the
// answers of every finished test, and stores the result unless dryRun.
func (s *Service) Recalibrate(ctx context.Context, cat *lessons.Catalogue, dryRun bool) (CalibrationPlan, error) {
	log, err := s.store.CalibrationAnswers(ctx)
	if err != nil {
		return CalibrationPlan{}, err
	}
	stats, err := s.store.ItemStats(ctx)
	if err != nil {
		return CalibrationPlan{}, err
	}
	p, err := planCalibration(cat, log, stats)
	if err != nil || dryRun || len(p.Next) == 0 {
		return p, err
	}
	return p, s.store.SetItemDifficulties(ctx, p.Next)
}

// planCalibration runs the re-fit: scoring.Refit, the marginal Rasch fit
// of every finished test's answers, anchored on the author difficulties.
// Each test is one ability per competence (a positioning spans several),
// named by the test's opaque id. Answers to questions no longer in the
// content are left out. The difficulties to store are centred per
// competence, as a test's bank is centred (scoring.Bank.Centred): their
// mean distance to the author levels is zero, so the stored values are the
// ones the next tests use, in one frame. (Up to questions calibrated here
// whose answers were erased since with their learner: they keep their
// stored value, and the centring of a new test's bank counts them.)
func planCalibration(cat *lessons.Catalogue, log []record.CalibrationAnswer, stats map[string]record.ItemStat) (CalibrationPlan, error) {
	authorB := scoring.AuthorDifficulties(cat)
	var p CalibrationPlan
	var obs []scoring.Observation
	n := map[string]int{}
	tests := map[record.TestID]bool{}
	for _, a := range log {
		if _, ok := authorB[a.Question]; !ok {
			p.Unknown++
			continue
		}
		comp := competenceOf(cat, a.Question)
		obs = append(obs, scoring.Observation{Learner: fmt.Sprintf("%d/%s", a.Test, comp), Question: a.Question, Correct: a.Correct})
		n[a.Question]++
		tests[a.Test] = true
	}
	p.Answers, p.Tests = len(obs), len(tests)
	if len(obs) == 0 {
		return p, nil
	}
	res, err := scoring.Refit(authorB, obs, scoring.RefitOptions{})
	if err != nil {
		return p, fmt.Errorf("learning: re-fitting the difficulties: %w", err)
	}
	p.Unsettled, p.Iterations = !res.Converged, res.Iterations
	today := todaysDifficulties(cat, stats, authorB, slices.Collect(maps.Keys(n)))
	// What to store is what the next test's bank will use: the fitted
	// difficulties laid over the stored ones, centred by the banks' own
	// rule (NewTestBank, scoring.Bank.Centred), so that there is one
	// centring rule and the stored values are already in its frame.
	merged := Calibrations(stats)
	for q, k := range n {
		merged[q] = scoring.Calibration{B: res.Difficulties[q], N: k}
	}
	banks := map[string]*scoring.Bank{}
	p.Next = map[string]scoring.Calibration{}
	for _, q := range slices.Sorted(maps.Keys(n)) {
		comp := competenceOf(cat, q)
		if _, ok := banks[comp]; !ok {
			banks[comp] = NewTestBank(cat, comp, merged, authorB)
		}
		b := banks[comp].Item(q).B
		p.Next[q] = scoring.Calibration{B: b, N: n[q]}
		p.Moves = append(p.Moves, CalibrationMove{Question: q, Before: today[q], After: b, Answers: n[q],
			Level: cat.Skill(cat.Question(q).Skill.ID).Level})
	}
	slices.SortFunc(p.Moves, func(a, b CalibrationMove) int {
		if c := -cmp.Compare(math.Abs(a.After-a.Before), math.Abs(b.After-b.Before)); c != 0 {
			return c
		}
		return strings.Compare(a.Question, b.Question)
	})
	return p, nil
}

// todaysDifficulties is, for the given questions, the difficulty a test
// started now would use: its question in the bank of its competence
// (NewTestBank), else the author's.
func todaysDifficulties(cat *lessons.Catalogue, stats map[string]record.ItemStat, authorB map[string]float64, questions []string) map[string]float64 {
	calib := Calibrations(stats)
	banks := map[string]*scoring.Bank{}
	out := make(map[string]float64, len(questions))
	for _, q := range questions {
		comp := competenceOf(cat, q)
		b, ok := banks[comp]
		if !ok {
			b = NewTestBank(cat, comp, calib, authorB)
			banks[comp] = b
		}
		out[q] = authorB[q]
		if b != nil {
			if it := b.Item(q); it != nil {
				out[q] = it.B
			}
		}
	}
	return out
}

// competenceOf is the competence of a question that has an author
// difficulty (so a known acquis, in a competence).
func competenceOf(cat *lessons.Catalogue, question string) string {
	return cat.CompetenceOf(cat.Question(question).Skill.ID).ID
}
