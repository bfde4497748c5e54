package quiz

import (
	"pasapas/fold"
	"pasapas/lessons"
)

// fieldsOf returns the fields of a free-text question. The loader turns a
// reponse_libre into one field "reponse"; a question built in code may not
// have been through the loader, so the same is done here.
func fieldsOf(q *lessons.Question) []lessons.Field {
	if q.Type == lessons.FreeText && len(q.Fields) == 0 {
		return []lessons.Field{{ID: "reponse", Format: q.Format, Answers: q.Answers, Tolerances: q.Tolerances}}
	}
	return q.Fields
}

// checkFields checks typed fields: each against its own answers (Pix's
// QROCM-ind), or, with ordre_libre, against the groups of answers, each
// group used once (QROCM-dep).
func checkFields(q *lessons.Question, typed map[string]string) ([]FieldResult, bool) {
	fields := fieldsOf(q)
	if q.Type == lessons.Fields && q.AnyOrder {
		return checkAnyOrder(fields, q.Groups, typed)
	}
	out := make([]FieldResult, len(fields))
	ok := true
	for i := range fields {
		f := &fields[i]
		out[i] = fieldResult(f, typed[f.ID], f.Answers, matchField(f.Format, f.Tolerances, typed[f.ID], f.Answers))
		ok = ok && out[i].Correct
	}
	return out, ok
}

// fieldResult turns a match into the details the screen shows.
func fieldResult(f *lessons.Field, given string, variants []string, m fieldMatch) FieldResult {
	r := FieldResult{ID: f.ID, Correct: m.ok, Given: given}
	if m.expected >= 0 {
		r.Expected = variants[m.expected]
	}
	if m.ok && m.textual {
		r.Forgiven = forgiven(given, r.Expected)
	}
	return r
}

// checkAnyOrder accepts the fields when every one of them matches a group
// of its own. Pix assigns groups greedily, field by field, and can refuse an
// answer that has a valid assignment (the first field takes the only group
// the second could use); a maximum bipartite matching finds an assignment
// whenever one exists. It is deterministic: fields and groups are tried in
// the author's order.
func checkAnyOrder(fields []lessons.Field, groups [][]string, typed map[string]string) ([]FieldResult, bool) {
	matches := make([][]fieldMatch, len(fields))
	for i := range fields {
		f := &fields[i]
		matches[i] = make([]fieldMatch, len(groups))
		for j, g := range groups {
			matches[i][j] = matchField(f.Format, f.Tolerances, typed[f.ID], g)
		}
	}
	groupOf := make([]int, len(fields)) // field → group, -1 if none
	fieldOf := make([]int, len(groups)) // group → field, -1 if none
	for i := range groupOf {
		groupOf[i] = -1
	}
	for j := range fieldOf {
		fieldOf[j] = -1
	}
	// Kuhn's augmenting paths: try to give field i a group, moving the
	// fields already placed to other groups when they can go elsewhere.
	var place func(i int, seen []bool) bool
	place = func(i int, seen []bool) bool {
		for j := range groups {
			if !matches[i][j].ok || seen[j] {
				continue
			}
			seen[j] = true
			if fieldOf[j] < 0 || place(fieldOf[j], seen) {
				groupOf[i], fieldOf[j] = j, i
				return true
			}
		}
		return false
	}
	for i := range fields {
		place(i, make([]bool, len(groups)))
	}

	out := make([]FieldResult, len(fields))
	ok := true
	for i := range fields {
		f := &fields[i]
		given := typed[f.ID]
		if j := groupOf[i]; j >= 0 {
			out[i] = fieldResult(f, given, groups[j], matches[i][j])
			continue
		}
		ok = false
		// Show the answer of a group nobody used, the nearest to what was
		// typed, so two wrong fields are not shown the same answer.
		out[i] = FieldResult{ID: f.ID, Given: given}
		if j := nearestFreeGroup(given, groups, fieldOf, matches[i]); j >= 0 {
			fieldOf[j] = i
			out[i].Expected = groups[j][matches[i][j].expected]
		}
	}
	return out, ok
}

// nearestFreeGroup returns the unused group whose answer to show is nearest
// to the typed text, the first on a tie, or -1.
func nearestFreeGroup(given string, groups [][]string, fieldOf []int, row []fieldMatch) int {
	best, bestD := -1, 0
	g := foldAll(baseForm(given))
	for j, m := range row {
		if fieldOf[j] >= 0 || m.expected < 0 {
			continue
		}
		if g == "" {
			return j // nothing typed: the author's first free group
		}
		d := fold.Distance(g, foldAll(baseForm(groups[j][m.expected])))
		if best < 0 || d < bestD {
			best, bestD = j, d
		}
	}
	return best
}
