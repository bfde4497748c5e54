package quiz

import (
	"pasapas/lessons"
)

// Links returns the lessons to propose after a question, as Pix does with
// its tutorials:
//   - next, « Pour réussir la prochaine fois »: the lessons that teach the
//     question's acquis, easiest first; for a check question without an
//     acquis, the lesson it is written in;
//   - more, « Pour en savoir plus »: the lessons the author listed in
//     voir_aussi, without those already in next.
//
// Pix shows them after a wrong or skipped answer only; that choice is the
// screen's. Identifiers that name no lesson of the catalogue are skipped.
func Links(cat *lessons.Catalogue, q *lessons.Question) (next, more []*lessons.Lesson) {
	if cat == nil || q == nil {
		return nil, nil
	}
	seen := map[string]bool{}
	add := func(list []*lessons.Lesson, l *lessons.Lesson) []*lessons.Lesson {
		if l == nil || seen[l.ID] {
			return list
		}
		seen[l.ID] = true
		return append(list, l)
	}
	if q.Skill.ID != "" {
		for _, l := range cat.LessonsFor(q.Skill.ID) {
			next = add(next, l)
		}
	}
	if len(next) == 0 && q.Lesson != nil {
		next = add(next, cat.Lesson(q.Lesson.ID))
	}
	for _, r := range q.SeeAlso {
		more = add(more, cat.Lesson(r.ID))
	}
	return next, more
}
