package learning

import (
	"math"
	"testing"

	"pasapas/i18n"
	"pasapas/lessons"
	"pasapas/record"
	"pasapas/scoring"
)

func TestPlanCalibration(t *testing.T) {
	cat := lessons.Load(lessons.Options{}, lessons.Builtin()).Catalogue(i18n.FR)
	mail := scoring.BankFromCatalogue(cat, "mail", nil).Items
	var other scoring.Item
	for _, comp := range cat.Competences {
		if b := scoring.BankFromCatalogue(cat, comp.ID, nil); comp.ID != "mail" && b != nil {
			other = b.Items[0]
			break
		}
	}
	q1, q2, q3 := mail[0].ID, mail[1].ID, other.ID
	ans := func(test record.TestID, comp, q string, right bool) record.CalibrationAnswer {
		return record.CalibrationAnswer{Test: test, Competence: comp, Question: q, Correct: right}
	}
	authorB := scoring.AuthorDifficulties(cat)
	d1, d2 := authorB[q1]+0.3, 0.5
	stats := map[string]record.ItemStat{q1: {Question: q1, Calibrated: &scoring.Calibration{B: d1, N: 2}},
		q2: {Question: q2, Calibrated: &scoring.Calibration{B: d2, N: 3}}}
	// What a test would use today: the two stored difficulties of mail,
	// moved together so that their mean distance to the author levels is
	// zero; the author's for any other question.
	shift := (d1 - authorB[q1] + d2 - authorB[q2]) / 2
	today := map[string]float64{q1: d1 - shift, q2: d2 - shift}
	cases := []struct {
		name                    string
		log                     []record.CalibrationAnswer
		answers, tests, unknown int
		n                       map[string]int
	}{
		{"no answer", nil, 0, 0, 0, nil},
		{"only questions gone from the content", []record.CalibrationAnswer{ans(1, "mail", "retiree", true)}, 0, 0, 1, nil},
		{"two tests, a positioning across two competences", []record.CalibrationAnswer{
			ans(1, "mail", q1, true), ans(1, "mail", q2, false),
			ans(2, record.Positioning, q1, false), ans(2, record.Positioning, q3, true),
			ans(2, record.Positioning, "retiree", true),
		}, 4, 2, 1, map[string]int{q1: 2, q2: 1, q3: 1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := planCalibration(cat, c.log, stats)
			if err != nil {
				t.Fatal(err)
			}
			if p.Answers != c.answers || p.Tests != c.tests || p.Unknown != c.unknown || len(p.Next) != len(c.n) {
				t.Fatalf("plan %+v, want %d answers, %d tests, %d unknown, %v", p, c.answers, c.tests, c.unknown, c.n)
			}
			for q, n := range c.n {
				if p.Next[q].N != n {
					t.Errorf("%s: on %d answers, want %d", q, p.Next[q].N, n)
				}
			}
			for _, m := range p.Moves {
				want, ok := today[m.Question]
				if !ok {
					want = authorB[m.Question]
				}
				if math.Abs(m.Before-want) > 1e-12 || m.After != p.Next[m.Question].B {
					t.Errorf("%s: move %+v, want from %v", m.Question, m, want)
				}
			}
			// Stored centred: per competence, the mean distance of the
			// re-fitted questions to their author levels is zero.
			offset := map[string]float64{}
			for q, c := range p.Next {
				offset[competenceOf(cat, q)] += c.B - scoring.AuthorDifficulties(cat)[q]
			}
			for comp, o := range offset {
				if math.Abs(o) > 1e-9 {
					t.Errorf("%s: the stored difficulties sit %v from the author levels in all, want 0", comp, o)
				}
			}
		})
	}
}
