package sim

import (
	"fmt"
	"io"
	"math/rand/v2"
	"strings"

	"pasapas/i18n"
	"pasapas/scoring"
)

var explainWords = i18n.Table{
	"head":    {FR: "Test simulé — banque %s, capacité vraie %.2f (niveau %d), graine %d", EN: "Simulated test — bank %s, true ability %.2f (level %d), seed %d"},
	"right":   {FR: "  → réponse juste", EN: "  → right answer"},
	"wrong":   {FR: "  → réponse fausse", EN: "  → wrong answer"},
	"result":  {FR: "Résultat : %s — %s (estimation %.2f ± %.2f)", EN: "Result: %s — %s (estimate %.2f ± %.2f)"},
	"probs":   {FR: "Probabilité de chaque niveau :", EN: "Probability of each level:"},
	"level":   {FR: "Niveau %d sur %d", EN: "Level %d of %d"},
	"weak":    {FR: "Acquis à travailler : %s", EN: "Skills to work on: %s"},
	"no_weak": {FR: "Aucun acquis à travailler.", EN: "No skill to work on."},
}

// Explain runs one test of our engine on a simulee of the given ability and
// prints, step by step, why each item was chosen, the answer, why the test
// stopped and what it concluded.
func Explain(w io.Writer, b *Bank, theta float64, seed uint64, maxItems int, lang i18n.Lang) error {
	rng := rand.New(rand.NewPCG(seed, 0xe4))
	s := &Simulee{Theta: theta, U: make([]float64, b.Engine.Len())}
	for i := range s.U {
		s.U[i] = rng.Float64()
	}
	t := scoring.NewTest(b.Engine, scoring.TestOptions{Seed: seed, MaxItems: maxItems})
	fmt.Fprintln(w, explainWords.Format(lang, "head", b.Name, theta, b.Engine.Scale.Level(theta), seed))
	for {
		st, ok := t.Next()
		if !ok {
			break
		}
		fmt.Fprintln(w, st.Reason.Text(lang))
		right := s.answer(b, b.index(st.Item.ID))
		if right {
			fmt.Fprintln(w, explainWords.Format(lang, "right"))
		} else {
			fmt.Fprintln(w, explainWords.Format(lang, "wrong"))
		}
		if err := t.Record(st.Item.ID, right); err != nil {
			return fmt.Errorf("explain: %w", err)
		}
	}
	r := t.Result()
	fmt.Fprintln(w, r.Stop.Text(lang))
	heading := scoring.LevelHeading(lang, r.Level)
	if top := b.Engine.Scale.Top(); top != scoring.MaxLevel {
		// The §6.1 banks have six bands: the product's level names stop at 4.
		heading = explainWords.Format(lang, "level", r.Level, top)
	}
	fmt.Fprintln(w, explainWords.Format(lang, "result", heading, r.Uncertainty(lang), r.Theta, r.SE))
	var probs []string
	for k, p := range r.AllLevelProbs {
		probs = append(probs, fmt.Sprintf("%d: %.0f %%", k, 100*p))
	}
	fmt.Fprintln(w, explainWords.Format(lang, "probs"), strings.Join(probs, ", "))
	if len(r.Weak) == 0 {
		fmt.Fprintln(w, explainWords.Format(lang, "no_weak"))
	} else {
		fmt.Fprintln(w, explainWords.Format(lang, "weak", strings.Join(r.Weak, ", ")))
	}
	return nil
}
