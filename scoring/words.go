package scoring

import (
	"fmt"
	"math"

	"pasapas/i18n"
)

// Learner-facing words follow the FALC rules: short sentences, kind, no
// jargon. Never "thêta", "logit" or "EAP" here.
var words = i18n.Table{
	"level0": {FR: "Je découvre", EN: "Discovering"},
	"level1": {FR: "Je commence", EN: "Starting"},
	"level2": {FR: "Je me débrouille", EN: "Getting by"},
	"level3": {FR: "Je suis à l'aise", EN: "Comfortable"},
	"level4": {FR: "Je suis autonome", EN: "Independent"},

	"level0_more": {FR: "Vous découvrez ce sujet. C'est le bon moment pour commencer.", EN: "You are discovering this topic. It is a good time to start."},
	"level1_more": {FR: "Vous connaissez les premiers gestes.", EN: "You know the first steps."},
	"level2_more": {FR: "Vous savez faire les choses simples.", EN: "You can do the simple things."},
	"level3_more": {FR: "Vous savez faire la plupart des choses.", EN: "You can do most things."},
	"level4_more": {FR: "Vous vous débrouillez sans aide, même pour les choses difficiles.", EN: "You manage without help, even for the hard things."},

	"sure":          {FR: "très probablement niveau %d", EN: "very likely level %d"},
	"probable":      {FR: "probablement niveau %d", EN: "probably level %d"},
	"probable_or":   {FR: "probablement niveau %d, peut-être %d", EN: "probably level %d, maybe %d"},
	"unsure":        {FR: "entre le niveau %d et le niveau %d", EN: "somewhere between level %d and level %d"},
	"rough":         {FR: "première idée : %s", EN: "first idea: %s"},
	"level_heading": {FR: "Niveau %d : %s", EN: "Level %d: %s"},

	// Explanations, for the médiateur views and "pasapas sim --explain".
	"why_new_skill": {FR: "question %d : acquis %s (niveau %d), pas encore vu ; %d questions possibles.", EN: "question %d: skill %s (level %d), not asked yet; %d possible questions."},
	"why_any_skill": {FR: "question %d : acquis %s (niveau %d) ; tous les acquis ont déjà été vus ; %d questions possibles.", EN: "question %d: skill %s (level %d); every skill has been asked already; %d possible questions."},
	"why_repeat":    {FR: "question %d : acquis %s (niveau %d) ; il ne restait que des questions déjà vues la dernière fois.", EN: "question %d: skill %s (level %d); only questions seen last time were left."},
	"why_manual":    {FR: "question %d : acquis %s (niveau %d), choisie en dehors du moteur.", EN: "question %d: skill %s (level %d), chosen outside the engine."},
	"why_rested":    {FR: " %d autres questions mises de côté : déjà posées dans trop de tests sur cet ordinateur.", EN: " %d other questions set aside: already asked in too many tests on this computer."},
	"why_fit":       {FR: " Niveau estimé avant : %d (%.2f ± %.2f). Chance de réussite prévue : %.0f %%. Tirée au sort parmi les %d meilleures (rang %d).", EN: " Estimated level before: %d (%.2f ± %.2f). Predicted chance of success: %.0f %%. Drawn among the %d best (rank %d)."},
	"stop_band":     {FR: "Arrêt après %d questions : niveau %d (intervalle %.2f à %.2f, tout entier dans ce niveau ; chaque bout est sûr à %.0f %%).", EN: "Stopped after %d questions: level %d (interval %.2f to %.2f, entirely within that level; each end is %.0f %% sure)."},
	"stop_prec":     {FR: "Arrêt après %d questions : la mesure est assez précise (erreur %.2f ≤ %.2f).", EN: "Stopped after %d questions: the measure is precise enough (error %.2f ≤ %.2f)."},
	"stop_max":      {FR: "Arrêt après %d questions : c'est le maximum prévu (niveau %d à %d possible).", EN: "Stopped after %d questions: that is the maximum allowed (level %d to %d possible)."},
	"stop_none":     {FR: "Arrêt après %d questions : il n'y a plus de question à poser.", EN: "Stopped after %d questions: there is no question left to ask."},
	"stop_not":      {FR: "On continue (%d questions) : le niveau peut encore être entre %d et %d.", EN: "Going on (%d questions): the level may still be between %d and %d."},
	"stop_min":      {FR: "On continue : il faut au moins %d questions.", EN: "Going on: at least %d questions are needed."},
}

// LevelName returns the short name of a competence level ("Je me
// débrouille").
func LevelName(l i18n.Lang, level int) string {
	return words.Format(l, fmt.Sprintf("level%d", clampLevel(level)))
}

// LevelDescription returns one kind sentence about a level.
func LevelDescription(l i18n.Lang, level int) string {
	return words.Format(l, fmt.Sprintf("level%d_more", clampLevel(level)))
}

// LevelHeading returns "Niveau 2 : Je me débrouille".
func LevelHeading(l i18n.Lang, level int) string {
	return words.Format(l, "level_heading", clampLevel(level), LevelName(l, level))
}

// normalCDF is Φ(z): how sure one end of the interval θ ± z·SE is.
func normalCDF(z float64) float64 { return 0.5 * math.Erfc(-z/math.Sqrt2) }

func clampLevel(level int) int { return min(max(level, 0), MaxLevel) }

// Text puts the uncertainty in words: "probablement niveau 2, peut-être 3".
func (c Certainty) Text(l i18n.Lang) string {
	switch {
	case c.Kind == Sure:
		return words.Format(l, "sure", c.Level)
	case c.Kind == Probable && c.Other >= 0:
		return words.Format(l, "probable_or", c.Level, c.Other)
	case c.Kind == Probable || c.Low == c.High:
		return words.Format(l, "probable", c.Level)
	}
	return words.Format(l, "unsure", c.Low, c.High)
}

// LevelName, LevelDescription and Uncertainty put a result in words.
func (r Result) LevelName(l i18n.Lang) string        { return LevelName(l, r.Level) }
func (r Result) LevelDescription(l i18n.Lang) string { return LevelDescription(l, r.Level) }
func (r Result) Uncertainty(l i18n.Lang) string {
	if r.Rough {
		return words.Format(l, "rough", r.Certainty.Text(l))
	}
	return r.Certainty.Text(l)
}

// Text explains the choice of an item in one or two sentences.
func (s StepReason) Text(l i18n.Lang) string {
	var head string
	switch {
	case s.Rank == 0:
		return words.Format(l, "why_manual", s.N, s.Skill, s.ItemLevel)
	case s.Pool == PoolNewSkill:
		head = words.Format(l, "why_new_skill", s.N, s.Skill, s.ItemLevel, s.Allowed)
	case s.Pool == PoolAnySkill:
		head = words.Format(l, "why_any_skill", s.N, s.Skill, s.ItemLevel, s.Allowed)
	default:
		head = words.Format(l, "why_repeat", s.N, s.Skill, s.ItemLevel)
	}
	if s.SetAside > 0 {
		head += words.Format(l, "why_rested", s.SetAside)
	}
	return head + words.Format(l, "why_fit", s.Level, s.Theta, s.SE, 100*s.PSuccess, s.Shortlist, s.Rank)
}

// Text explains why the test stopped, or why it goes on.
func (s StopInfo) Text(l i18n.Lang) string {
	switch s.Reason {
	case StopBand:
		return words.Format(l, "stop_band", s.N, s.Level, s.Lo, s.Hi, 100*normalCDF(s.Z))
	case StopPrecision:
		return words.Format(l, "stop_prec", s.N, s.SE, s.SETarget)
	case StopMaxItems:
		return words.Format(l, "stop_max", s.N, s.LevelLo, s.LevelHi)
	case StopNoItems:
		return words.Format(l, "stop_none", s.N)
	}
	if s.N < s.MinItems {
		return words.Format(l, "stop_min", s.MinItems)
	}
	return words.Format(l, "stop_not", s.N, s.LevelLo, s.LevelHi)
}
