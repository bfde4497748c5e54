package sim

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"

	"pasapas/scoring"
)

// Beginners is the default simulated population: skewed toward beginners,
// N(−0.5, 1) on the engine's scale (adaptive.md §6.1). On the §6.1 bands
// (cuts −2 … 2) its level shares are about 7 % level 0, 24 % level 1, 38 %
// level 2, 24 % level 3, 6 % level 4 and 0.6 % level 5.
var Beginners = scoring.Prior{Mean: -0.5, SD: 1}

// Everyone is the other population of §6.1, N(0, 1).
var Everyone = scoring.Prior{Mean: 0, SD: 1}

// Weak is a computer whose learners are weaker and closer together than the
// engine assumes (scoring.DefaultPopulation is N(−0.5, 1)): N(−1, 0.7). On
// the §6.1 bands that is about 8 % level 0, 42 % level 1, 42 % level 2 and
// 7 % level 3. It tests how the calibration copes when its assumption is
// wrong.
var Weak = scoring.Prior{Mean: -1, SD: 0.7}

// populations names the drawn populations.
var populations = map[string]scoring.Prior{"beginners": Beginners, "normal": Everyone, "weak": Weak}

// GridThetas is the fixed grid of abilities for conditional results.
var GridThetas = []float64{-3, -2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3}

// Config is one simulation run.
type Config struct {
	Banks      []string // bank names (see BankNames); "all" for every one
	Methods    []string // method names (see MethodNames); "all" for every one
	Learners   int      // simulees (for the grid: in total, split evenly)
	Seed       uint64
	MaxItems   int
	Population string // "beginners" (default), "normal" (N(0,1)), "weak" (N(−1, 0.7)) or "grid"
	// Draw redraws the random choices the methods make while testing the
	// run's learners (0, the default, is the seed's own draw). The banks,
	// the learners and the calibration rows' history stay the seed's, so
	// comparing draws shows how much a figure owes to the methods' luck.
	Draw uint64
}

func (c Config) withDefaults() Config {
	if len(c.Banks) == 0 {
		c.Banks = []string{"realistic"}
	}
	if len(c.Methods) == 0 || slices.Contains(c.Methods, "all") {
		c.Methods = MethodNames()
	}
	if slices.Contains(c.Banks, "all") {
		c.Banks = BankNames
	}
	if c.Learners <= 0 {
		c.Learners = 2000
	}
	if c.MaxItems <= 0 {
		c.MaxItems = 20
	}
	if c.Population == "" {
		c.Population = "beginners"
	}
	return c
}

// Simulees draws the learners of a run for a bank of n items. Learner j's
// ability and uniforms come from its own PCG stream (seed, j), so they do
// not depend on the methods, the bank's other draws or the worker count.
func Simulees(cfg Config, n int) []Simulee {
	cfg = cfg.withDefaults()
	var thetas []float64
	switch cfg.Population {
	case "grid":
		per := max(1, cfg.Learners/len(GridThetas))
		for _, t := range GridThetas {
			for range per {
				thetas = append(thetas, t)
			}
		}
	default:
		thetas = make([]float64, cfg.Learners)
	}
	out := make([]Simulee, len(thetas))
	for j := range out {
		rng := rand.New(rand.NewPCG(cfg.Seed, uint64(j)))
		z := rng.NormFloat64()
		th := Beginners.Mean + Beginners.SD*z
		if p, ok := populations[cfg.Population]; ok {
			th = p.Mean + p.SD*z
		} else if cfg.Population == "grid" {
			th = thetas[j]
		}
		out[j] = Simulee{Theta: th, U: make([]float64, n)}
		for i := range out[j].U {
			out[j].U[i] = rng.Float64()
		}
	}
	return out
}

// Run simulates every requested bank × method and returns the report.
func Run(cfg Config) (*Report, error) {
	cfg = cfg.withDefaults()
	if _, ok := populations[cfg.Population]; !ok && cfg.Population != "grid" {
		return nil, fmt.Errorf("unknown population %q (beginners, normal, weak or grid)", cfg.Population)
	}
	var methods []Method
	all := Methods()
	for _, name := range cfg.Methods {
		i := slices.IndexFunc(all, func(m Method) bool { return m.Name == name })
		if i < 0 {
			return nil, fmt.Errorf("unknown method %q (known: %v)", name, MethodNames())
		}
		methods = append(methods, all[i])
	}
	rep := &Report{Seed: cfg.Seed, Draw: cfg.Draw, Learners: cfg.Learners, MaxItems: cfg.MaxItems, Population: cfg.Population}
	for _, name := range cfg.Banks {
		banks, err := MakeBanks(name, cfg.Seed)
		if err != nil {
			return nil, fmt.Errorf("bank %s: %w", name, err)
		}
		for _, b := range banks {
			rep.Banks = append(rep.Banks, runBank(cfg, b, methods))
		}
	}
	return rep, nil
}

// runBank runs every method on one bank with the same simulees. Each
// method takes the simulees in order, carrying the exposure history from
// one to the next as a shared PC's answer log would; the methods run in
// parallel, each into its own slot, so the output does not depend on
// scheduling.
func runBank(cfg Config, b *Bank, methods []Method) BankReport {
	sims := Simulees(cfg, b.Engine.Len())
	br := BankReport{Bank: b.Name, Items: b.Engine.Len(), Skills: len(b.Engine.Skills())}
	br.Methods = make([]MethodReport, len(methods))
	// The order in which learners come to the PC. The grid lists its
	// learners ability by ability: taken in that order, 500 learners of the
	// same ability would share one exposure history, so they come in a
	// shuffled order. The other populations are drawn independently, so
	// their own order is already a random one.
	order := make([]int, len(sims))
	for j := range order {
		order[j] = j
	}
	if cfg.Population == "grid" {
		order = rand.New(rand.NewPCG(cfg.Seed, 0x0bde)).Perm(len(sims))
	}
	parallel(len(methods), func(k int) {
		m := methods[k]
		bank := b
		if m.prepare != nil {
			bank = m.prepare(b, cfg)
		}
		traces := make([]Trace, len(sims))
		stream := m.Name
		if m.stream != "" {
			stream = m.stream
		}
		seed := methodSeed(cfg.Seed, stream) ^ cfg.Draw*drawStep
		var hist scoring.Exposure
		ids := make([]string, 0, cfg.MaxItems)
		for _, j := range order {
			traces[j] = m.Run(bank, &sims[j], seed+uint64(j)*0x9e3779b97f4a7c15, cfg.MaxItems, &hist)
			ids = ids[:0]
			for _, i := range traces[j].Items[:traces[j].StopAt] {
				ids = append(ids, bank.Engine.Items[i].ID)
			}
			hist.Add(ids...)
		}
		br.Methods[k] = summarise(m, bank, sims, traces, cfg.MaxItems, cfg.Population == "grid")
	})
	br.Acceptance = acceptance(br.Methods, cfg.MaxItems)
	br.Info = infoBound(b, sims, cfg.MaxItems)
	return br
}

// drawStep spreads the draws (Config.Draw) over the methods' seeds; any
// odd constant would do.
const drawStep = 0x51ed27

func methodSeed(seed uint64, name string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(name))
	return seed ^ h.Sum64()
}

// parallel runs f(0..n−1) on all cores; results go to per-index slots, so
// the output does not depend on scheduling.
func parallel(n int, f func(int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	var wg sync.WaitGroup
	next := make(chan int, workers)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				f(j)
			}
		}()
	}
	for j := range n {
		next <- j
	}
	close(next)
	wg.Wait()
}

// round keeps 4 decimals: enough to read, stable across platforms.
func round(x float64) float64 {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0
	}
	return math.Round(x*1e4) / 1e4
}
