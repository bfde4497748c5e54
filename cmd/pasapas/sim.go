package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"pasapas/i18n"
	"pasapas/scoring/sim"
)

// simOptions are the options of "pasapas sim".
type simOptions struct {
	bank, method, population *string
	learners, maxItems       *int
	seed, draw               *uint64
	asJSON, explain          *bool
	theta                    *float64
	positioning, hints       *bool
	rho                      *float64
	competences              *string
}

func simFlags(lang i18n.Lang) (*flag.FlagSet, simOptions) {
	fs := newFlags("sim", lang, "sim_usage")
	return fs, simOptions{
		bank:       fs.String("bank", "realistic", say(lang, "flag_sim_bank", strings.Join(sim.BankNames, ", "))),
		method:     fs.String("method", "all", say(lang, "flag_sim_method", strings.Join(sim.MethodNames(), ", "))),
		learners:   fs.Int("learners", 2000, say(lang, "flag_sim_learners")),
		seed:       fs.Uint64("seed", 1, say(lang, "flag_sim_seed")),
		draw:       fs.Uint64("draw", 0, say(lang, "flag_sim_draw")),
		maxItems:   fs.Int("max-items", 20, say(lang, "flag_sim_max_items")),
		population: fs.String("population", "beginners", say(lang, "flag_sim_population")),
		asJSON:     fs.Bool("json", false, say(lang, "flag_sim_json")),
		explain:    fs.Bool("explain", false, say(lang, "flag_sim_explain")),
		theta:      fs.Float64("theta", -0.5, say(lang, "flag_sim_theta")),
		positioning: fs.Bool("positioning", false, say(lang, "flag_sim_positioning",
			strings.Join(sim.PositioningMethods, ", "))),
		rho:         fs.Float64("rho", 0.6, say(lang, "flag_sim_rho")),
		hints:       fs.Bool("hints", false, say(lang, "flag_sim_hints")),
		competences: fs.String("competences", "", say(lang, "flag_sim_competences")),
	}
}

// runSim implements "pasapas sim": flags only, the work is in scoring/sim.
func runSim(args []string, lang i18n.Lang, stdout, stderr io.Writer) int {
	fs, o := simFlags(lang)
	bank, method, learners, seed, draw, maxItems := o.bank, o.method, o.learners, o.seed, o.draw, o.maxItems
	population, asJSON, explain, theta := o.population, o.asJSON, o.explain, o.theta
	words, ok, code := parseFlags(fs, args, lang, stdout, stderr)
	if !ok {
		return code
	}
	if !noWords(words, lang, stderr) {
		return 2
	}
	if *learners <= 0 || *maxItems <= 0 {
		fmt.Fprintf(stderr, "pasapas: %s\n", say(lang, "sim_bad_number"))
		return 2
	}
	if *o.hints {
		cfg := sim.Config{Banks: strings.Split(*bank, ","), Learners: *learners, Seed: *seed, MaxItems: *maxItems, Population: *population}
		rs, err := sim.RunHints(cfg)
		if err != nil {
			fmt.Fprintf(stderr, "pasapas: %v\n", err)
			return 2
		}
		if err := sim.WriteHints(stdout, cfg, rs); err != nil {
			fmt.Fprintf(stderr, "pasapas: %v\n", err)
			return 1
		}
		return 0
	}
	if *o.positioning {
		var methods []string
		if *method != "all" {
			methods = strings.Split(*method, ",")
		}
		var comps []string
		if *o.competences != "" {
			comps = strings.Split(*o.competences, ",")
		}
		rep, err := sim.RunPositioning(sim.PositioningConfig{Learners: *learners, Seed: *seed, Rho: *o.rho, Methods: methods,
			Draw: *draw, Competences: comps})
		if err != nil {
			fmt.Fprintf(stderr, "pasapas: %v\n", err)
			return 2
		}
		if *asJSON {
			err = rep.WriteJSON(stdout)
		} else {
			err = rep.WriteTable(stdout, sim.Labels{Acceptance: say(lang, "sim_acceptance_24"), Pass: say(lang, "sim_pass"), Fail: say(lang, "sim_fail")})
		}
		if err != nil {
			fmt.Fprintf(stderr, "pasapas: %v\n", err)
			return 1
		}
		return 0
	}
	if *explain {
		banks, err := sim.MakeBanks(strings.Split(*bank, ",")[0], *seed)
		if err != nil {
			fmt.Fprintf(stderr, "pasapas: %v\n", err)
			return 2
		}
		for _, b := range banks {
			if err := sim.Explain(stdout, b, *theta, *seed, *maxItems, lang); err != nil {
				fmt.Fprintf(stderr, "pasapas: %v\n", err)
				return 1
			}
		}
		return 0
	}
	rep, err := sim.Run(sim.Config{Banks: strings.Split(*bank, ","), Methods: strings.Split(*method, ","),
		Learners: *learners, Seed: *seed, Draw: *draw, MaxItems: *maxItems, Population: *population})
	if err != nil {
		fmt.Fprintf(stderr, "pasapas: %v\n", err)
		return 2
	}
	if *asJSON {
		err = rep.WriteJSON(stdout)
	} else {
		err = rep.WriteTable(stdout, sim.Labels{
			Bank: say(lang, "sim_bank"), Header: say(lang, "sim_header"), Acceptance: say(lang, "sim_acceptance"),
			Pass: say(lang, "sim_pass"), Fail: say(lang, "sim_fail"), Info: say(lang, "sim_info"), Draw: say(lang, "sim_draw")})
	}
	if err != nil {
		fmt.Fprintf(stderr, "pasapas: %v\n", err)
		return 1
	}
	return 0
}
