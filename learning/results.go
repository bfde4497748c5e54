package learning

import (
	"context"
	"slices"
	"time"

	"pasapas/lessons"
	"pasapas/record"
	"pasapas/scoring"
)

// Standing is where a learner stands: their state, and per competence the
// result of their latest test of it, or else the rough result of their
// latest positioning.
type Standing struct {
	State   *record.State
	Entries []Entry // the latest first
}

// Entry is a learner's result in one competence.
type Entry struct {
	Competence *lessons.Competence
	Result     scoring.Result
	// Test is the test the result comes from: a test of the competence,
	// or a positioning (then Result.Rough is true).
	Test record.Test
}

// Results is the one source of truth for where a learner stands: « Mes
// résultats » shows it, and the médiateur's views (Standings) are made of
// it. Each result is rebuilt from the answer log: the engine gives the same
// result again from the same answers and the same item parameters, and a
// finished test is replayed with the parameters stored with it
// (TestDifficulties), not today's. A test finished before they were stored
// (schema version 2) is replayed with today's calibration, and may show a
// level slightly different from the one in the history.
func (s *Service) Results(ctx context.Context, cat *lessons.Catalogue, learner record.LearnerID) (Standing, error) {
	return s.ResultsBefore(ctx, cat, learner, time.Time{})
}

// ResultsBefore is Results as it stood at end: per competence, the latest
// test finished before end (a test retaken since does not hide it). A
// zero end is Results.
func (s *Service) ResultsBefore(ctx context.Context, cat *lessons.Catalogue, learner record.LearnerID, end time.Time) (Standing, error) {
	state, err := s.store.LoadState(ctx, learner)
	if err != nil {
		return Standing{}, err
	}
	stats, err := s.store.ItemStats(ctx)
	if err != nil {
		return Standing{}, err
	}
	entries, err := s.standing(ctx, cat, state, Calibrations(stats), end)
	return Standing{State: state, Entries: entries}, err
}

// standing replays, per competence, the latest test finished before end
// (every one when end is zero).
func (s *Service) standing(ctx context.Context, cat *lessons.Catalogue, state *record.State, calib map[string]scoring.Calibration, end time.Time) ([]Entry, error) {
	latest := map[string]record.Test{}
	for _, t := range state.Tests {
		if t.Result != nil && (end.IsZero() || t.FinishedAt.Before(end)) {
			latest[t.Competence] = t
		}
	}
	// The answers of a test and the calibration to replay it with.
	load := func(id record.TestID) ([]record.Answer, map[string]scoring.Calibration, error) {
		answers, err := s.store.TestAnswers(ctx, id)
		if err != nil {
			return nil, nil, err
		}
		used, err := s.store.TestDifficulties(ctx, id)
		return answers, replayCalibration(calib, used), err
	}
	var positioning []scoring.Result
	pt, positioned := latest[record.Positioning]
	if positioned {
		answers, replay, err := load(pt.ID)
		if err != nil {
			return nil, err
		}
		var banks []*scoring.Bank
		for _, comp := range cat.Competences {
			if b := scoring.BankFromCatalogue(cat, comp.ID, replay); b != nil && b.Len() > 0 {
				banks = append(banks, b)
			}
		}
		// A positioning's results depend on its answers, not on the order
		// its questions were chosen in: a log of the survey that « Un peu
		// de tout » was before issue #24 replays here too. They depend on
		// the correlation it started with too (pt.Rho), never on today's
		// estimate.
		if ps, err := scoring.ReplayPositioning(banks, positioningOptions(pt.Seed, nil, pt.Rho), toEngine(answers, banks)); err == nil {
			positioning = ps.Results()
		}
	}
	var out []Entry
	for _, comp := range cat.Competences {
		if t, ok := latest[comp.ID]; ok {
			answers, replay, err := load(t.ID)
			if err != nil {
				return nil, err
			}
			bank := scoring.BankFromCatalogue(cat, comp.ID, replay)
			if bank == nil {
				continue
			}
			if tt, err := scoring.Replay(bank, testOptions(t.Seed, nil, scoring.Exposure{}), toEngine(answers, []*scoring.Bank{bank})); err == nil {
				out = append(out, Entry{Competence: comp, Result: tt.Result(), Test: t})
			}
			continue
		}
		// Every competence gets a first idea from a positioning, asked
		// or not: the answers to the others say something through the
		// correlation (its result has N = 0 when none of its questions
		// was asked).
		for _, r := range positioning {
			if r.Competence == comp.ID {
				out = append(out, Entry{Competence: comp, Result: r, Test: pt})
			}
		}
	}
	// The latest test first: it is what the learner just did; the rough
	// results of a positioning after the tests of a competence.
	when := func(e Entry) time.Time {
		if e.Result.Rough {
			return time.Time{}
		}
		return e.Test.FinishedAt
	}
	slices.SortStableFunc(out, func(a, b Entry) int { return when(b).Compare(when(a)) })
	return out, nil
}

// toEngine keeps the answers the banks still hold: a question removed from
// the content since the test is left out rather than failing the replay.
func toEngine(answers []record.Answer, banks []*scoring.Bank) []scoring.Answer {
	var out []scoring.Answer
	seen := map[string]bool{}
	for _, a := range answers {
		held := false
		for _, b := range banks {
			if b.Item(a.Question) != nil {
				held = true
			}
		}
		if held && !seen[a.Question] {
			seen[a.Question] = true
			out = append(out, scoring.Answer{Question: a.Question, Correct: a.Result == record.Correct})
		}
	}
	return out
}

// CompetenceStanding is every learner's result in one competence, as
// Results gives it: what a médiateur looks at to form groups.
type CompetenceStanding struct {
	Competence *lessons.Competence
	Learners   []LearnerEntry // in the order of Learners
	ByLevel    [scoring.MaxLevel + 1]int
}

// LearnerEntry is one learner's result in a competence.
type LearnerEntry struct {
	Learner record.LearnerSummary
	Entry
}

// Standings is, for each competence of the catalogue that someone has a
// result in, every learner's result there: Results of each learner, so
// the médiateur's view and « Mes résultats » can never disagree.
func (s *Service) Standings(ctx context.Context, cat *lessons.Catalogue) ([]CompetenceStanding, error) {
	learners, err := s.store.Learners(ctx)
	if err != nil {
		return nil, err
	}
	stats, err := s.store.ItemStats(ctx)
	if err != nil {
		return nil, err
	}
	calib := Calibrations(stats)
	byComp := map[string]*CompetenceStanding{}
	for _, l := range learners {
		state, err := s.store.LoadState(ctx, l.ID)
		if err != nil {
			return nil, err
		}
		entries, err := s.standing(ctx, cat, state, calib, time.Time{})
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			cs := byComp[e.Competence.ID]
			if cs == nil {
				cs = &CompetenceStanding{Competence: e.Competence}
				byComp[e.Competence.ID] = cs
			}
			cs.Learners = append(cs.Learners, LearnerEntry{Learner: l, Entry: e})
			if lv := e.Result.Level; lv >= 0 && lv < len(cs.ByLevel) {
				cs.ByLevel[lv]++
			}
		}
	}
	var out []CompetenceStanding
	for _, comp := range cat.Competences {
		if cs := byComp[comp.ID]; cs != nil {
			out = append(out, *cs)
		}
	}
	return out, nil
}

// Recommendations are the lessons to read after the learner's results,
// ranked by scoring.RankLessons: « Commencez ici » first, lessons already
// finished last. The ranking is a decision of the engine, not of the
// screen: « Mes résultats » shows it as it comes.
func (st Standing) Recommendations(cat *lessons.Catalogue) []scoring.Recommendation {
	results := make([]scoring.Result, 0, len(st.Entries))
	for _, e := range st.Entries {
		results = append(results, e.Result)
	}
	return scoring.RankLessons(cat, results, func(id string) bool {
		return st.State != nil && st.State.Lessons[id].Done
	})
}
