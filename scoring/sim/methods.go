package sim

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"

	"pasapas/scoring"
)

// Simulee is one simulated learner: a true ability and, for common random
// numbers, one pre-drawn uniform per item — the learner answers item i
// right when U[i] < P_true(θ, i), whatever method asked it.
type Simulee struct {
	Theta float64
	U     []float64
}

func (s *Simulee) answer(b *Bank, i int) bool { return s.U[i] < b.Prob(i, s.Theta) }

// Trace is what one method did with one simulee.
type Trace struct {
	Items  []int     // item indices in the order asked
	Thetas []float64 // reported ability after 1, 2, … answers
	Levels []int     // reported level after 1, 2, … answers
	// StopAt is the length at which the method's own rule ends the test
	// (≤ len(Items)); the items after it are only for the per-length curves.
	StopAt int
	Stop   string
}

// Method runs one simulee through a bank, up to maxItems questions. seed
// drives the method's own random choices; hist is the exposure history of
// the learners before this one (the local answer log of a shared PC), which
// only our engine reads. The simulees go through each method in order, so
// the history is deterministic.
type Method struct {
	Name string
	Doc  string
	Run  func(b *Bank, s *Simulee, seed uint64, maxItems int, hist *scoring.Exposure) Trace
	// prepare, when set, adapts the bank once before the run (calibration).
	prepare func(b *Bank, cfg Config) *Bank
	// stream names the method whose random draws this one shares (its own
	// name when empty): our engine's variants draw like "ours", so that
	// an ablation differs from ours only by what it changes.
	stream string
}

// Methods returns the methods in report order.
func Methods() []Method {
	ours := func(name, doc string, o scoring.TestOptions) Method {
		return Method{Name: name, Doc: doc, stream: "ours", Run: func(b *Bank, s *Simulee, seed uint64, maxItems int, hist *scoring.Exposure) Trace {
			o := o
			o.Seed, o.MaxItems, o.NoStop, o.Exposure = seed, maxItems, true, *hist
			return runEngine(b, s, o)
		}}
	}
	return []Method{
		{Name: "random", Doc: "random order, fixed length, same estimator as ours", Run: runRandom},
		{Name: "fixed", Doc: "one fixed form for all (levels interleaved, one item per acquis), same estimator as ours", Run: runFixed},
		{Name: "pix-smart", Doc: "Pix smart-random: tube inference, reward, stops when no skill is left", Run: runPixSmart},
		{Name: "pix-flash", Doc: "Pix flash: 81-point EAP, prior var 1.5 on the last estimate, 0.5 cap, top-5 at p=0.51", Run: runPixFlash},
		ours("ours", "EAP N(-0.5,1.5²), max info, randomesque-3, one item per acquis, exposure cap 0.35, stop when each end of the level interval is 75 % sure or SE <= 0.45", scoring.TestOptions{}),
		ours("ours-easy", "ours with the easy start of the tutor (first question of level 1, the first two not typed)", scoring.TestOptions{EasyStart: true}),
		ours("ours-samez", "ours as before issue #24: the 75 % band rule also when every answer is wrong (or right)", scoring.TestOptions{SameZ: -1}),
		ours("ours-wle", "ours, final ability by WLE", scoring.TestOptions{Final: scoring.FinalWLE}),
		ours("ours-noedge", "ours before issue #24's second session: the EAP N(-0.5,1.5²) reported in the lowest and highest levels too", scoring.TestOptions{EdgeSD: -1}),
		ours("ours-edge3", "ours, in the lowest and highest levels the ability under a prior SD of 3 when further out (2 by default)", scoring.TestOptions{EdgeSD: 3}),
		ours("ours-final2", "ours, final ability by an EAP with a prior SD of 2 (1.5 during the test)", scoring.TestOptions{FinalSD: 2}),
		ours("ours-final3", "ours, final ability by an EAP with a prior SD of 3 (1.5 during the test)", scoring.TestOptions{FinalSD: 3}),
		ours("ours-final175", "ours, final ability by an EAP with a prior SD of 1.75 (1.5 during the test)", scoring.TestOptions{FinalSD: 1.75}),
		ours("ours-map", "ours, MAP instead of EAP", scoring.TestOptions{Estimator: scoring.MAPEstimate}),
		ours("ours-kl", "ours, Kullback-Leibler selection", scoring.TestOptions{Criterion: scoring.KL}),
		ours("ours-p70", "ours, items at 70 % predicted success", scoring.TestOptions{Criterion: scoring.TargetSuccess, TargetP: 0.7}),
		ours("ours-nobalance", "ours, without one item per acquis", scoring.TestOptions{NoSkillCoverage: true}),
		ours("ours-top1", "ours, best item only (ties at random)", scoring.TestOptions{TopK: 1}),
		ours("ours-noexpo", "ours without exposure control", scoring.TestOptions{MaxExposure: -1}),
		ours("ours-mfi", "ours without the three selection rules (best item only, no acquis rule, no exposure control)", scoring.TestOptions{TopK: 1, NoSkillCoverage: true, MaxExposure: -1}),
		ours("ours-z90", "ours, stopping on a 90 % band interval (z = 1.645) instead of 75 % at each end", scoring.TestOptions{Z: 1.645}),
		ours("ours-z90-noexpo", "the merged engine before issue #4's review: 90 % band interval, no exposure control", scoring.TestOptions{Z: 1.645, MaxExposure: -1}),
		{Name: "ours-elo", Doc: "ours after 600 learners of the same population on this computer, with the tutor's Elo step after each test",
			prepare: calibrated(false), Run: oursPlain, stream: "ours"},
		{Name: "ours-refit", Doc: "ours-elo, then the batch re-fit (pasapas calibrate) on those 600 learners' answers",
			prepare: calibrated(true), Run: oursPlain, stream: "ours"},
		// References, not deployable: what perfect calibration would buy.
		{Name: "oracle-b", Doc: "reference: ours knowing every true difficulty (a = 1)", prepare: oracle(false), Run: oursPlain, stream: "ours"},
		{Name: "oracle", Doc: "reference: ours knowing every true difficulty and discrimination (2PL)", prepare: oracle(true), Run: oursPlain, stream: "ours"},
	}
}

func oursPlain(b *Bank, s *Simulee, seed uint64, maxItems int, hist *scoring.Exposure) Trace {
	return runEngine(b, s, scoring.TestOptions{Seed: seed, MaxItems: maxItems, NoStop: true, Exposure: *hist})
}

// oracle gives the engine the true difficulties (and discriminations): the
// best that calibration could ever do with this bank.
func oracle(withA bool) func(b *Bank, cfg Config) *Bank {
	return func(b *Bank, _ Config) *Bank {
		items := slices.Clone(b.Engine.Items)
		for i := range items {
			items[i].B, items[i].Calibrated = b.TrueB[i], true
			if withA {
				items[i].A = b.TrueA[i]
			}
		}
		return (&Bank{Name: b.Name, TrueB: b.TrueB, TrueA: b.TrueA, TrueC: b.TrueC,
			Engine: scoring.NewBank(b.Engine.Competence, items, b.Engine.Scale, b.Engine.Prior)}).finish()
	}
}

// MethodNames lists the method names in report order.
func MethodNames() []string {
	var out []string
	for _, m := range Methods() {
		out = append(out, m.Name)
	}
	return out
}

// runEngine runs our engine to maxItems, noting where its stopping rule
// would have ended the test.
func runEngine(b *Bank, s *Simulee, o scoring.TestOptions) Trace {
	t := scoring.NewTest(b.Engine, o)
	return drive(b, s, t, o.MaxItems, func() (int, bool) {
		st, ok := t.Next()
		if !ok {
			return 0, false
		}
		return b.index(st.Item.ID), true
	})
}

// drive asks items chosen by pick, records them in t (our estimator), and
// fills a trace.
func drive(b *Bank, s *Simulee, t *scoring.Test, maxItems int, pick func() (int, bool)) Trace {
	var tr Trace
	for len(tr.Items) < maxItems {
		i, ok := pick()
		if !ok {
			break
		}
		if err := t.Record(b.Engine.Items[i].ID, s.answer(b, i)); err != nil {
			panic(fmt.Sprintf("sim: %v", err)) // a method picked an item twice: a bug here
		}
		th := t.FinalTheta()
		tr.Items = append(tr.Items, i)
		tr.Thetas = append(tr.Thetas, th)
		tr.Levels = append(tr.Levels, b.Engine.Scale.Level(th))
		if st := t.Stop(); tr.StopAt == 0 && st.Satisfied != scoring.NotStopped {
			tr.StopAt, tr.Stop = len(tr.Items), st.Satisfied.String()
		}
	}
	if tr.StopAt == 0 {
		tr.StopAt, tr.Stop = len(tr.Items), scoring.StopNoItems.String()
	}
	return tr
}

// runRandom asks items in random order (variants excepted), fixed length.
func runRandom(b *Bank, s *Simulee, seed uint64, maxItems int, _ *scoring.Exposure) Trace {
	rng := rand.New(rand.NewPCG(seed, 0x4a4d))
	order := rng.Perm(b.Engine.Len())
	t := scoring.NewTest(b.Engine, scoring.TestOptions{Seed: seed, MaxItems: maxItems, NoStop: true})
	used := map[string]bool{}
	k := 0
	tr := drive(b, s, t, maxItems, func() (int, bool) {
		for ; k < len(order); k++ {
			it := &b.Engine.Items[order[k]]
			if !used[it.Group] {
				used[it.Group] = true
				return order[k], true
			}
		}
		return 0, false
	})
	tr.StopAt, tr.Stop = len(tr.Items), "length"
	return tr
}

// fixedForm is the same form for everyone: levels interleaved in the order
// 2, 1, 3, 4 (3, 2, 4, 1, 5, 6 with six levels: a kind start for
// beginners, then wider), topics in turn, one item per acquis before any
// second item, never two variants.
func fixedForm(b *scoring.Bank) []int {
	type key struct {
		topic string
		level int
	}
	queues := map[key][]int{}
	var topics []string
	for i, it := range b.Items {
		k := key{it.Topic, it.Level}
		if !slices.Contains(topics, it.Topic) {
			topics = append(topics, it.Topic)
		}
		queues[k] = append(queues[k], i)
	}
	levelOrder := []int{2, 1, 3, 4}
	if slices.ContainsFunc(b.Items, func(it scoring.Item) bool { return it.Level > scoring.MaxLevel }) {
		levelOrder = []int{3, 2, 4, 1, 5, 6}
	}
	var out []int
	used := map[string]bool{}
	for round := 0; len(out) < len(b.Items) && round < len(b.Items); round++ {
		for ti := range topics {
			for _, l := range levelOrder {
				// Rotate the topic per level so that consecutive items differ.
				k := key{topics[(ti+l)%len(topics)], l}
				q := queues[k]
				if round < len(q) && !used[b.Items[q[round]].Group] {
					used[b.Items[q[round]].Group] = true
					out = append(out, q[round])
				}
			}
		}
	}
	return out
}

func runFixed(b *Bank, s *Simulee, seed uint64, maxItems int, _ *scoring.Exposure) Trace {
	form := b.form()
	t := scoring.NewTest(b.Engine, scoring.TestOptions{Seed: seed, MaxItems: maxItems, NoStop: true})
	k := 0
	tr := drive(b, s, t, maxItems, func() (int, bool) {
		if k >= len(form) {
			return 0, false
		}
		k++
		return form[k-1], true
	})
	tr.StopAt, tr.Stop = len(tr.Items), "length"
	return tr
}

// calibrated returns a copy of the bank whose engine difficulties were
// learnt from 600 simulated learners of the run's population (beginners
// for the grid; their own random numbers, not the benchmark's) tested one
// after the other by our engine, as on a shared computer: each test starts
// on the bank of the calibrations stored so far, centred (Bank.Centred),
// and its answers go through Test.Calibrate, the very step the tutor stores
// with a test's result. With refit, the batch re-fit of `pasapas calibrate`
// then runs on all their answers. So the rows measure the product's
// calibration.
func calibrated(refit bool) func(b *Bank, cfg Config) *Bank {
	return func(b *Bank, cfg Config) *Bank {
		calib := map[string]scoring.Calibration{}
		authorB := map[string]float64{}
		for _, it := range b.Engine.Items {
			authorB[it.ID] = it.B
		}
		pop := populations[cfg.Population]
		if cfg.Population == "grid" {
			pop = Beginners
		}
		rng := rand.New(rand.NewPCG(cfg.Seed, 0xe10))
		var hist scoring.Exposure
		var obs []scoring.Observation
		for j := range 600 {
			s := &Simulee{Theta: pop.Mean + pop.SD*rng.NormFloat64(), U: make([]float64, b.Engine.Len())}
			for i := range s.U {
				s.U[i] = rng.Float64()
			}
			t := scoring.NewTest(calibratedBank(b, calib, authorB), scoring.TestOptions{Seed: cfg.Seed ^ uint64(j+1), Exposure: hist})
			for {
				st, ok := t.Next()
				if !ok {
					break
				}
				right := s.answer(b, b.index(st.Item.ID))
				_ = t.Record(st.Item.ID, right)
				obs = append(obs, scoring.Observation{Learner: strconv.Itoa(j), Question: st.Item.ID, Correct: right})
			}
			var ids []string
			for _, r := range t.Responses() {
				ids = append(ids, r.Item.ID)
			}
			hist.Add(ids...)
			for id, c := range t.Calibrate(calib, authorB, scoring.EloOptions{}) {
				calib[id] = c
			}
		}
		if refit {
			res, err := scoring.Refit(authorB, obs, scoring.RefitOptions{})
			if err != nil {
				panic(fmt.Sprintf("sim: %v", err)) // every question is in authorB: a bug here
			}
			fit := res.Difficulties
			answers := map[string]int{}
			for _, o := range obs {
				answers[o.Question]++
			}
			for id, n := range answers { // as pasapas calibrate stores them
				calib[id] = scoring.Calibration{B: fit[id], N: n}
			}
		}
		return (&Bank{Name: b.Name, TrueB: b.TrueB, TrueA: b.TrueA, TrueC: b.TrueC,
			Engine: calibratedBank(b, calib, authorB)}).finish()
	}
}

// calibratedBank is the engine's bank with the calibrations learnt so far,
// centred as the tutor builds it when a test starts.
func calibratedBank(b *Bank, calib map[string]scoring.Calibration, authorB map[string]float64) *scoring.Bank {
	items := slices.Clone(b.Engine.Items)
	for i := range items {
		if c, ok := calib[items[i].ID]; ok {
			items[i].B, items[i].Calibrated = c.B, true
		}
	}
	return scoring.NewBank(b.Engine.Competence, items, b.Engine.Scale, b.Engine.Prior).Centred(calib, authorB)
}
