package scoring

import "pasapas/lessons"

// Calibration is a question's difficulty learnt from answers (by Elo or by
// the batch re-fit), as the store keeps it; or, from Bank.Params, the
// parameters a finished test used, to rebuild its bank later.
type Calibration struct {
	B float64 // difficulty, logits
	A float64 // discrimination; 0 means unknown (Rasch, a = 1)
	N int     // answers it rests on
}

// BankFromCatalogue builds the bank of one competence: one item per bank
// question of its acquis. A question's difficulty is, by priority, its local
// calibration (calib, keyed by question id), the calibrated "difficulte" of
// its YAML file, or its acquis's author level through DefaultScale. It
// returns nil when the competence is unknown or has no question.
//
// To rebuild the bank a past test used, give the calibration of today with
// that test's Bank.Params laid over it: the questions it held get back the
// difficulty and discrimination it used, and a question added since gets
// today's.
func BankFromCatalogue(cat *lessons.Catalogue, competenceID string, calib map[string]Calibration) *Bank {
	comp := cat.Competence(competenceID)
	if comp == nil {
		return nil
	}
	scale := DefaultScale
	var items []Item
	for _, q := range cat.QuestionsOf(competenceID) {
		sk := cat.Skill(q.Skill.ID)
		if sk == nil {
			continue
		}
		b, _ := AuthorDifficulty(cat, q)
		it := Item{ID: q.ID, Skill: sk.ID, Level: sk.Level, Group: q.ID, A: 1, B: b,
			Calibrated: q.Difficulty != nil, Typed: q.Type == lessons.FreeText || q.Type == lessons.Fields}
		if sk.Topic != nil {
			it.Topic = sk.Topic.ID
		}
		if q.VariantOf.ID != "" {
			it.Group = q.VariantOf.ID
		}
		if q.Discrimination != nil {
			it.A = *q.Discrimination
		}
		if c, ok := calib[q.ID]; ok {
			it.B, it.Calibrated = c.B, true
			if c.A > 0 {
				it.A = c.A
			}
		}
		items = append(items, it)
	}
	if len(items) == 0 {
		return nil
	}
	return NewBank(competenceID, items, scale, DefaultPrior)
}

// Params returns the parameters the engine uses for every item of the bank,
// by question id: B, and A (always set, 1 for Rasch); N is left 0. A test's
// result depends on them, and the calibration moves them after every
// finished test, so a result shown again later must be computed with the
// Params of its own bank, not with today's calibration: BankFromCatalogue
// takes them back as calib. They cover every item, asked or not: the
// mastery of an acquis is predicted from the mean difficulty of all its
// questions.
func (b *Bank) Params() map[string]Calibration {
	out := make(map[string]Calibration, len(b.Items))
	for _, it := range b.Items {
		out[it.ID] = Calibration{B: it.B, A: it.A}
	}
	return out
}

// AuthorDifficulty is a question's difficulty before any local answer: the
// "difficulte" of its YAML file when the author gave one, else its acquis's
// level through DefaultScale (b = level − 3). It is what BankFromCatalogue
// uses without a local calibration, and the anchor the calibration is
// pulled back to (Elo, Refit). ok is false for a question without a known
// acquis, which no bank holds.
func AuthorDifficulty(cat *lessons.Catalogue, q *lessons.Question) (b float64, ok bool) {
	sk := cat.Skill(q.Skill.ID)
	if sk == nil {
		return 0, false
	}
	if q.Difficulty != nil {
		return *q.Difficulty, true
	}
	return DefaultScale.Difficulty(float64(sk.Level)), true
}

// AuthorDifficulties returns the AuthorDifficulty of every question some
// competence's bank holds, by question id.
func AuthorDifficulties(cat *lessons.Catalogue) map[string]float64 {
	out := map[string]float64{}
	for _, q := range cat.Questions {
		if cat.CompetenceOf(q.Skill.ID) == nil {
			continue
		}
		if b, ok := AuthorDifficulty(cat, q); ok {
			out[q.ID] = b
		}
	}
	return out
}

// Recommend returns the lessons to read for a result's weak acquis, easiest
// acquis first, each lesson once ("Pour réussir la prochaine fois").
func Recommend(cat *lessons.Catalogue, r Result) []string {
	return LessonsForSkills(cat, r.Weak)
}

// LessonsForSkills returns the lessons teaching the given acquis, in the
// given order, each lesson once.
func LessonsForSkills(cat *lessons.Catalogue, skills []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range skills {
		for _, l := range cat.LessonsFor(s) {
			if !seen[l.ID] {
				seen[l.ID] = true
				out = append(out, l.ID)
			}
		}
	}
	return out
}
