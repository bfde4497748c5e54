package sim

import (
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"text/tabwriter"

	"pasapas/scoring"
)

// HintRule is how a test would score an answer given after a hint.
type HintRule string

// The rules compared by RunHints (issue #24).
const (
	HintNone   HintRule = "no-hints"       // hints not offered in tests (the product's choice)
	HintRight  HintRule = "hint-as-given"  // the answer counts as given (before issue #24)
	HintWrong  HintRule = "hint-as-wrong"  // an answer after a hint counts as wrong
	hintTake            = 0.5              // chance that a learner unsure of a question asks for a hint
	hintUnsure          = 0.6              // "unsure": true chance of success below this
	hintHelp            = 0.5              // share of the missing chance of success a hint gives
	hintStream          = 0x41e7_0000_0000 // the hint draws' PCG stream
)

// HintReport is one rule's figures.
type HintReport struct {
	Rule       HintRule `json:"rule"`
	MeanLength float64  `json:"mean_length"`
	Hinted     float64  `json:"hinted_per_test"`
	RMSE       float64  `json:"rmse"`
	Bias       float64  `json:"bias"`
	Exact      float64  `json:"exact_level"`
}

// RunHints simulates the one-competence test with learners who ask for a
// hint on a question they are unsure of (true success below 0.6) half the
// time, a hint raising their chance of success halfway to certain, under
// each rule. Bank and learners as Run's (cfg.Banks[0], population).
func RunHints(cfg Config) ([]HintReport, error) {
	cfg = cfg.withDefaults()
	banks, err := MakeBanks(cfg.Banks[0], cfg.Seed)
	if err != nil {
		return nil, err
	}
	b := banks[0]
	sims := Simulees(cfg, b.Engine.Len())
	rules := []HintRule{HintNone, HintRight, HintWrong}
	out := make([]HintReport, len(rules))
	parallel(len(rules), func(k int) {
		rule := rules[k]
		var sumLen, hinted, se, bias, exact float64
		for j := range sims {
			s := &sims[j]
			rng := rand.New(rand.NewPCG(cfg.Seed, hintStream+uint64(j)))
			t := scoring.NewTest(b.Engine, scoring.TestOptions{Seed: methodSeed(cfg.Seed, "ours") + uint64(j)*0x9e3779b97f4a7c15,
				MaxItems: cfg.MaxItems, EasyStart: true})
			for {
				st, ok := t.Next()
				if !ok {
					break
				}
				i := b.index(st.Item.ID)
				p := b.Prob(i, s.Theta)
				// The same draws under every rule: whether this learner
				// would ask, and the answer's uniform.
				ask := rng.Float64() < hintTake && p < hintUnsure
				right := s.U[i] < p
				if ask && rule != HintNone {
					hinted++
					right = s.U[i] < p+hintHelp*(1-p)
					if rule == HintWrong {
						right = false
					}
				}
				if err := t.Record(st.Item.ID, right); err != nil {
					panic(fmt.Sprintf("sim: %v", err))
				}
			}
			r := t.Result()
			d := r.Theta - s.Theta
			sumLen += float64(t.Len())
			se += d * d
			bias += d
			if r.Level == b.Engine.Scale.Level(s.Theta) {
				exact++
			}
		}
		n := float64(len(sims))
		out[k] = HintReport{Rule: rule, MeanLength: round(sumLen / n), Hinted: round(hinted / n),
			RMSE: round(math.Sqrt(se / n)), Bias: round(bias / n), Exact: round(exact / n)}
	})
	return out, nil
}

// WriteHints writes RunHints' figures as a table.
func WriteHints(w io.Writer, cfg Config, rs []HintReport) error {
	cfg = cfg.withDefaults()
	fmt.Fprintf(w, "Hints in a test: bank %s, %d learners (%s), seed %d; a learner unsure of a question (true success < %.1f) asks for a hint %.0f %% of the time, and the hint gives %.0f %% of the missing chance\n",
		cfg.Banks[0], cfg.Learners, cfg.Population, cfg.Seed, hintUnsure, 100*hintTake, 100*hintHelp)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "rule\tmean len\thints per test\tRMSE\tbias\texact level\t")
	for _, r := range rs {
		fmt.Fprintf(tw, "%s\t%.2f\t%.2f\t%.3f\t%+.3f\t%.3f\t\n", r.Rule, r.MeanLength, r.Hinted, r.RMSE, r.Bias, r.Exact)
	}
	return tw.Flush()
}
