package scoring

import (
	"testing"

	"pasapas/lessons"
)

// resultsAt gives every competence of the catalogue a result at a level,
// each acquis predicted as a learner of that level would do it.
func resultsAt(cat *lessons.Catalogue, level int) []Result {
	theta := DefaultScale.Cut(max(level, 1)) + 0.5
	if level == 0 {
		theta = DefaultScale.Cut(1) - 0.5
	}
	var out []Result
	for _, c := range cat.Competences {
		r := Result{Competence: c.ID, Level: level}
		for _, tp := range c.Topics {
			for _, sk := range tp.Skills {
				r.Skills = append(r.Skills, SkillMastery{Skill: sk.ID, Topic: tp.ID, Level: sk.Level,
					PSuccess: Sigmoid(theta - DefaultScale.Difficulty(float64(sk.Level)))})
			}
		}
		out = append(out, r)
	}
	return out
}

func TestRankLessons(t *testing.T) {
	cat := builtinCatalogue(t)
	for level := range MaxLevel + 1 {
		recs := RankLessons(cat, resultsAt(cat, level), nil)
		if len(recs) == 0 {
			t.Fatalf("level %d: nothing recommended", level)
		}
		start := StartHere(recs)
		if want := StartLevel(level); start.Level > want {
			t.Errorf("level %d: « Commencez ici » is %s of level %d, want at most %d", level, start.Lesson.ID, start.Level, want)
		}
		// Within reach first, then by level; prerequisites before.
		at := map[string]int{}
		for i, r := range recs {
			at[r.Lesson.ID] = i
		}
		needed := map[string]bool{} // prerequisites of a recommended lesson
		for _, r := range recs {
			for _, p := range r.Lesson.Prerequisites {
				needed[p.ID] = true
			}
		}
		var prev *Recommendation
		for i, r := range recs {
			if needed[r.Lesson.ID] {
				continue // may come early, before the lesson needing it
			}
			if prev != nil && prev.Reach == r.Reach && prev.Level > r.Level {
				t.Errorf("level %d: %s (level %d) before %s (level %d)", level, prev.Lesson.ID, prev.Level, r.Lesson.ID, r.Level)
			}
			if prev != nil && !prev.Reach && r.Reach {
				t.Errorf("level %d: %s within reach after %s above it", level, r.Lesson.ID, prev.Lesson.ID)
			}
			prev = &recs[i]
			for _, p := range r.Lesson.Prerequisites {
				if j, ok := at[p.ID]; ok && j > i {
					t.Errorf("level %d: %s before its prerequisite %s", level, r.Lesson.ID, p.ID)
				}
			}
		}
	}
	// A beginner: every lesson, level 1 first; finished lessons last.
	recs := RankLessons(cat, resultsAt(cat, 0), func(id string) bool { return id == "mail-adresse" })
	if recs[0].Level != 1 || recs[0].Done {
		t.Errorf("beginner: « Commencez ici » %s level %d done %v, want a level-1 lesson not done", recs[0].Lesson.ID, recs[0].Level, recs[0].Done)
	}
	if last := recs[len(recs)-1]; last.Lesson.ID != "mail-adresse" || !last.Done {
		t.Errorf("the finished lesson is not last: %s", last.Lesson.ID)
	}
	// A learner at ease: no lesson teaching only known acquis.
	res := resultsAt(cat, 3)
	p := map[string]float64{}
	for _, r := range res {
		for _, m := range r.Skills {
			p[m.Skill] = m.PSuccess
		}
	}
	for _, r := range RankLessons(cat, res, nil) {
		learn := false
		for _, sk := range r.Lesson.Skills {
			learn = learn || p[sk.ID] < Known
		}
		if !learn {
			t.Errorf("level 3: %s (level %d) teaches only known acquis", r.Lesson.ID, r.Level)
		}
	}
}

// « Ce que vous savez faire »: no acquis without evidence.
func TestKnownSkillsNeedEvidence(t *testing.T) {
	b := testBank(3, 2)
	// Three right answers at level 1–2: they are listed; no level-3 or
	// level-4 acquis, and none of a sujet never asked.
	tt := NewTest(b, TestOptions{Seed: 1})
	for _, id := range []string{"t0-1-q0", "t0-2-q0", "t1-1-q0"} {
		if err := tt.Record(id, true); err != nil {
			t.Fatal(err)
		}
	}
	r := tt.Result()
	known := map[string]bool{}
	for _, m := range r.KnownSkills() {
		known[m.Skill] = true
	}
	for _, want := range []string{"t0-1", "t0-2", "t1-1"} {
		if !known[want] {
			t.Errorf("%s answered right is not listed (known %v)", want, known)
		}
	}
	for _, m := range r.Skills {
		if known[m.Skill] && !m.Evidence {
			t.Errorf("%s listed without evidence", m.Skill)
		}
		if m.Topic == "t2" && known[m.Skill] {
			t.Errorf("%s listed, its sujet was never asked", m.Skill)
		}
	}
	// A harder acquis answered right implies the easier ones of its sujet.
	tt = NewTest(b, TestOptions{Seed: 1})
	_ = tt.Record("t2-3-q0", true)
	for _, m := range tt.Result().Skills {
		if m.Topic == "t2" && m.Level <= 3 && !m.Evidence {
			t.Errorf("%s: no evidence, though t2-3 was answered right", m.Skill)
		}
		if m.Topic != "t2" && m.Evidence {
			t.Errorf("%s: evidence from another sujet", m.Skill)
		}
	}
}
