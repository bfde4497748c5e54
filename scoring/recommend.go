package scoring

import (
	"slices"

	"pasapas/lessons"
)

// Known is the predicted success from which an acquis counts as known: a
// lesson teaching only known acquis is not recommended, and « Ce que vous
// savez faire » lists known acquis that have evidence.
const Known = 0.8

// FirstShown is how many recommendations are shown before « voir les
// autres ».
const FirstShown = 3

// Recommendation is one lesson to read, with what ranked it.
type Recommendation struct {
	Lesson     *lessons.Lesson
	Competence string
	Level      int // the lesson's level
	// PSuccess is the mean predicted success on the acquis it teaches at
	// its own level or below (where the lesson starts); on all of them
	// when it teaches none there.
	PSuccess float64
	Done     bool // the learner finished it already
	// Reach says the lesson's level is at most the learner's start level
	// in its competence (StartLevel of the result's level).
	Reach bool
}

// RankLessons ranks the lessons to read after some results (one per
// competence). A lesson is recommended when it teaches an acquis still to
// learn: predicted success below Known, or a question of it failed. The
// order, which puts « Commencez ici » first:
//  1. lessons not finished before those finished (done may be nil);
//  2. lessons within reach (their level at most the learner's StartLevel
//     in that competence) before those above it;
//  3. the lowest level first: start where it is easy;
//  4. at one level, the highest predicted success first: the lesson the
//     learner is most likely to get through;
//  5. then the catalogue's order;
//
// and a lesson never comes before one of its prerequisites that is also
// recommended (a prerequisite teaching only known acquis counts as met).
func RankLessons(cat *lessons.Catalogue, results []Result, done func(lessonID string) bool) []Recommendation {
	if done == nil {
		done = func(string) bool { return false }
	}
	p := map[string]float64{}
	learn := map[string]bool{}
	comp := map[string]string{}
	start := map[string]int{}
	for _, r := range results {
		start[r.Competence] = StartLevel(r.Level)
		for _, sk := range r.Skills {
			p[sk.Skill] = sk.PSuccess
			comp[sk.Skill] = r.Competence
			if sk.PSuccess < Known || sk.Wrong > 0 {
				learn[sk.Skill] = true
			}
		}
	}
	pos := map[string]int{}
	var recs []Recommendation
	for i, l := range cat.Lessons {
		pos[l.ID] = i
		var sum, sumAll float64
		var n, nAll int
		teaches := false
		c := ""
		for _, ref := range l.Skills {
			pr, ok := p[ref.ID]
			if !ok {
				continue
			}
			sumAll += pr
			nAll++
			if sk := cat.Skill(ref.ID); sk != nil && sk.Level <= l.Level {
				sum += pr
				n++
			}
			teaches = teaches || learn[ref.ID]
			if c == "" {
				c = comp[ref.ID]
			}
		}
		if !teaches {
			continue
		}
		if n == 0 {
			sum, n = sumAll, nAll
		}
		recs = append(recs, Recommendation{Lesson: l, Competence: c, Level: l.Level, PSuccess: sum / float64(n),
			Done: done(l.ID), Reach: l.Level <= start[c]})
	}
	slices.SortStableFunc(recs, func(a, b Recommendation) int {
		switch {
		case a.Done != b.Done:
			if a.Done {
				return 1
			}
			return -1
		case a.Reach != b.Reach:
			if a.Reach {
				return -1
			}
			return 1
		case a.Level != b.Level:
			return a.Level - b.Level
		case a.PSuccess != b.PSuccess:
			if a.PSuccess < b.PSuccess {
				return -1
			}
			return 1
		}
		return pos[a.Lesson.ID] - pos[b.Lesson.ID]
	})
	// Prerequisites first: each lesson is preceded by its recommended,
	// unfinished prerequisites (depth first, in their own rank order).
	at := map[string]int{}
	for i, r := range recs {
		at[r.Lesson.ID] = i
	}
	out := make([]Recommendation, 0, len(recs))
	placed := map[string]bool{}
	var place func(i int, path map[string]bool)
	place = func(i int, path map[string]bool) {
		r := recs[i]
		if placed[r.Lesson.ID] || path[r.Lesson.ID] {
			return
		}
		path[r.Lesson.ID] = true
		var pre []int
		for _, ref := range r.Lesson.Prerequisites {
			if j, ok := at[ref.ID]; ok && !recs[j].Done {
				pre = append(pre, j)
			}
		}
		slices.Sort(pre)
		for _, j := range pre {
			place(j, path)
		}
		placed[r.Lesson.ID] = true
		out = append(out, r)
	}
	for i := range recs {
		place(i, map[string]bool{})
	}
	return out
}

// StartHere is the lesson « Commencez ici » names: the first of
// RankLessons, or nil.
func StartHere(recs []Recommendation) *Recommendation {
	if len(recs) == 0 {
		return nil
	}
	return &recs[0]
}
