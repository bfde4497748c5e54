package sim

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"text/tabwriter"

	"pasapas/i18n"
	"pasapas/lessons"
	"pasapas/scoring"
)

// PositioningConfig is one run of the positioning benchmark (issue #24):
// every method positions the same simulated learners over the built-in
// competences.
type PositioningConfig struct {
	Learners int
	Seed     uint64
	// Rho is the true correlation between a learner's abilities in two
	// competences (default 0.6).
	Rho float64
	// Methods: "positioning" (the product's), "survey" (« Un peu de
	// tout » before issue #24), "fixed10" (a fixed 10-question form built
	// like ABC Diag); empty for those three. The variants of
	// PositioningVariantNames are asked by name.
	Methods []string
	// Draw redraws the methods' random choices, as Config.Draw.
	Draw uint64
	// Competences, when set, keeps only these built-in competences (ids,
	// in the catalogue's order): issue #24's yardstick is the eight
	// competences of its time, and the bank has grown since.
	Competences []string
}

// positioningVariants are the ideas tried in issue #24's second session
// to beat the fixed form on every seed (docs/moteur-adaptatif.md §3.1):
// each is the product's positioning with one change.
var positioningVariants = map[string]scoring.PositioningOptions{
	// The next question by the expected summed variance of the levels.
	"pos-levelvar": {Criterion: scoring.LevelVariance},
	// A competence's first question of author level 1 or 2.
	"pos-firstlow": {FirstLow: true},
	// No weight on the first lesson in the choice of questions.
	"pos-startw0": {StartWeight: -1},
	// Settled at 0.74 instead of 0.7 (more learners go past the minimum).
	"pos-settled74": {Settled: 0.74},
	// Past the minimum, one more question while the best one is expected
	// to add at least 0.1 to the summed sureness (up to the maximum).
	"pos-gain": {Settled: 0.99999, MinGain: 0.10},
	// Without the easy start (what it costs; the tutor always has it).
	"pos-hardstart": {},
	// References, not ideas: the product's positioning and the fixed form
	// with an engine that knows every question's true difficulty and
	// discrimination (what calibration from real answers tends to): how
	// much of the tie is the authors' levels' error.
	"pos-oracle":     {},
	"fixed10-oracle": {},
	// The same, knowing the true difficulties only (every discrimination 1).
	"pos-oracle-b":     {},
	"fixed10-oracle-b": {},
	// The product's positioning and the fixed form on the calibration a
	// computer has learnt after eloHistoryLearners earlier learners of the
	// same population took « Un peu de tout » there (the tutor's Elo step
	// after each, the banks centred as a new test builds them).
	"pos-elo":     {},
	"fixed10-elo": {},
}

// rhoMethods are the product's positioning with another correlation than
// the default (issue #24, item 1): "pos-rhotrue" assumes the simulated
// learners' true ρ (the best an estimate can give), "pos-rhoest" the ρ
// that scoring.EstimateRho gives from a history of earlier learners'
// one-competence tests (rhoHistory), as the tutor does when a positioning
// starts.
var rhoMethods = []string{"pos-rhoest", "pos-rhotrue"}

// rhoHistoryLearners is how many earlier learners the history of
// "pos-rhoest" has: a few hundred, as a place that has been using the
// tutor for some months.
const rhoHistoryLearners = 200

// eloHistoryLearners is how many earlier learners the -elo rows' calibration
// rests on (as ours-elo's 600 for a one-competence test).
const eloHistoryLearners = 600

// PositioningVariantNames lists the variants, sorted.
func PositioningVariantNames() []string {
	out := slices.Clone(rhoMethods)
	for k := range positioningVariants {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// PositioningMethods lists the positioning methods in report order.
var PositioningMethods = []string{"positioning", "survey", "fixed10"}

// PositioningReport is the result of a positioning run.
type PositioningReport struct {
	Seed        uint64              `json:"seed"`
	Learners    int                 `json:"learners"`
	Rho         float64             `json:"rho"`
	Competences []string            `json:"competences"`
	Items       int                 `json:"items"`
	Methods     []PositioningMethod `json:"methods"`
	Fixed10     []string            `json:"fixed10_form"`
	// RhoEstimated is the correlation "pos-rhoest" assumed, estimated from
	// RhoPairs pairs of one-competence results (when it ran).
	RhoEstimated float64 `json:"rho_estimated,omitempty"`
	RhoPairs     int     `json:"rho_pairs,omitempty"`
	Checks       []Check `json:"acceptance"`
}

// PositioningMethod is one method's figures.
type PositioningMethod struct {
	Method     string  `json:"method"`
	MeanLength float64 `json:"mean_length"`
	MaxLength  int     `json:"max_length"`
	// Averaged over the competences.
	Exact     float64 `json:"exact_level"`
	WithinOne float64 `json:"within_one_level"`
	// StartHit is how often « Commencez ici » names a lesson at the
	// learner's true level in its competence or one below (level 1 for
	// a learner at level 0).
	StartHit     float64          `json:"start_hit"`
	PerComp      []PositioningCmp `json:"per_competence"`
	StartNothing float64          `json:"start_none"` // no lesson recommended at all
}

// PositioningCmp is one method's figures in one competence.
type PositioningCmp struct {
	Competence string  `json:"competence"`
	Asked      float64 `json:"mean_asked"` // questions of this competence per learner
	Exact      float64 `json:"exact_level"`
	WithinOne  float64 `json:"within_one_level"`
	// Start is how often « Commencez ici » fell in this competence, and
	// StartHit the hit rate when it did.
	Start    float64 `json:"start_share"`
	StartHit float64 `json:"start_hit"`
}

// posBank is a built-in competence with the "true" parameters the
// simulated learners answer by: the author level plus the realistic
// bank's noise (difficulty N(0, 0.5²), discrimination lognormal(0, 0.25)),
// drawn from the seed. The engine knows only the author levels.
type posBank struct {
	engine       *scoring.Bank
	trueB, trueA []float64
	offset       int // of its first item in a learner's uniforms
}

// RunPositioning runs the positioning benchmark on the built-in content.
func RunPositioning(cfg PositioningConfig) (*PositioningReport, error) {
	if cfg.Learners <= 0 {
		cfg.Learners = 2000
	}
	if cfg.Rho == 0 {
		cfg.Rho = 0.6
	}
	if cfg.Rho < 0 || cfg.Rho >= 1 {
		return nil, fmt.Errorf("rho %v: want a correlation in [0, 1)", cfg.Rho)
	}
	if len(cfg.Methods) == 0 || slices.Contains(cfg.Methods, "all") {
		cfg.Methods = PositioningMethods
	}
	for _, m := range cfg.Methods {
		if _, ok := positioningVariants[m]; ok || slices.Contains(rhoMethods, m) {
			continue
		}
		if !slices.Contains(PositioningMethods, m) {
			return nil, fmt.Errorf("unknown positioning method %q (known: %v, %v)", m, PositioningMethods, PositioningVariantNames())
		}
	}
	cat := lessons.Load(lessons.Options{}, lessons.Builtin()).Catalogue(i18n.FR)
	banks, err := positioningBanks(cfg)
	if err != nil {
		return nil, err
	}
	engines := engineBanks(banks)
	oracles := oracleBanks(banks, false)
	oraclesB := oracleBanks(banks, true)
	var learnt []*scoring.Bank
	if slices.Contains(cfg.Methods, "pos-elo") || slices.Contains(cfg.Methods, "fixed10-elo") {
		learnt = eloBanks(cat, banks, cfg, eloHistoryLearners)
	}
	total := 0
	for _, b := range banks {
		total += b.engine.Len()
	}
	rep := &PositioningReport{Seed: cfg.Seed, Learners: cfg.Learners, Rho: cfg.Rho, Items: total}
	for _, b := range banks {
		rep.Competences = append(rep.Competences, b.engine.Competence)
	}
	form := Fixed10(engines)
	for _, it := range form {
		rep.Fixed10 = append(rep.Fixed10, it)
	}
	// Learners: θ_c = −0.5 + √ρ·g + √(1−ρ)·e_c (each N(−0.5, 1), any two
	// correlated ρ), one uniform per question (common random numbers).
	type learner struct {
		theta []float64
		u     []float64
	}
	people := make([]learner, cfg.Learners)
	for j := range people {
		r := rand.New(rand.NewPCG(cfg.Seed, 0x9051_0000_0000+uint64(j)))
		l := learner{theta: abilities(r, len(banks), cfg.Rho), u: make([]float64, total)}
		for i := range l.u {
			l.u[i] = r.Float64()
		}
		people[j] = l
	}
	where := itemIndex(banks)
	compIndex := map[string]int{}
	for c, b := range banks {
		compIndex[b.engine.Competence] = c
	}
	if slices.Contains(cfg.Methods, "pos-rhoest") {
		pairs := rhoHistory(cfg, banks)
		rep.RhoEstimated, _ = scoring.EstimateRho(pairs)
		rep.RhoEstimated, rep.RhoPairs = round(rep.RhoEstimated), len(pairs)
	}
	rep.Methods = make([]PositioningMethod, len(cfg.Methods))
	parallel(len(cfg.Methods), func(k int) {
		name := cfg.Methods[k]
		pm := PositioningMethod{Method: name, PerComp: make([]PositioningCmp, len(banks))}
		exact := make([]float64, len(banks))
		within := make([]float64, len(banks))
		asked := make([]float64, len(banks))
		starts := make([]float64, len(banks))
		startHits := make([]float64, len(banks))
		var sumLen, hits, none float64
		for j := range people {
			l := &people[j]
			seed := methodSeed(cfg.Seed, name) ^ cfg.Draw*drawStep + uint64(j)*0x9e3779b97f4a7c15
			var run scoring.Assessment
			switch name {
			case "positioning":
				run = scoring.NewPositioning(engines, scoring.PositioningOptions{Seed: seed, EasyStart: true})
			case "survey":
				run = scoring.NewSurvey(engines, scoring.SurveyOptions{Seed: seed})
			case "fixed10":
				run = scoring.NewPositioning(engines, scoring.PositioningOptions{Seed: seed, Fixed: form})
			case "pos-rhotrue":
				run = scoring.NewPositioning(engines, scoring.PositioningOptions{Seed: seed, EasyStart: true, Rho: cfg.Rho})
			case "pos-rhoest":
				run = scoring.NewPositioning(engines, scoring.PositioningOptions{Seed: seed, EasyStart: true, Rho: rep.RhoEstimated})
			case "pos-oracle":
				run = scoring.NewPositioning(oracles, scoring.PositioningOptions{Seed: seed, EasyStart: true})
			case "fixed10-oracle":
				run = scoring.NewPositioning(oracles, scoring.PositioningOptions{Seed: seed, Fixed: form})
			case "pos-oracle-b":
				run = scoring.NewPositioning(oraclesB, scoring.PositioningOptions{Seed: seed, EasyStart: true})
			case "fixed10-oracle-b":
				run = scoring.NewPositioning(oraclesB, scoring.PositioningOptions{Seed: seed, Fixed: form})
			case "pos-elo":
				run = scoring.NewPositioning(learnt, scoring.PositioningOptions{Seed: seed, EasyStart: true})
			case "fixed10-elo":
				run = scoring.NewPositioning(learnt, scoring.PositioningOptions{Seed: seed, Fixed: form})
			default:
				o := positioningVariants[name]
				o.Seed, o.EasyStart = seed, name != "pos-hardstart"
				run = scoring.NewPositioning(engines, o)
			}
			n := 0
			for {
				st, ok := run.Next()
				if !ok {
					break
				}
				at := where[st.Item.ID]
				b := banks[at[0]]
				if err := run.Record(st.Item.ID, b.right(at[1], l.theta[at[0]], l.u[b.offset+at[1]])); err != nil {
					panic(fmt.Sprintf("sim: %v", err))
				}
				asked[at[0]]++
				n++
			}
			sumLen += float64(n)
			pm.MaxLength = max(pm.MaxLength, n)
			results := run.Results()
			for _, r := range results {
				c := compIndex[r.Competence]
				truth := scoring.DefaultScale.Level(l.theta[c])
				if r.Level == truth {
					exact[c]++
				}
				if abs(r.Level-truth) <= 1 {
					within[c]++
				}
			}
			start := scoring.StartHere(scoring.RankLessons(cat, results, nil))
			if start == nil {
				none++
				continue
			}
			c, ok := compIndex[start.Competence]
			if !ok {
				none++
				continue
			}
			starts[c]++
			if StartHit(start.Level, scoring.DefaultScale.Level(l.theta[c])) {
				hits++
				startHits[c]++
			}
		}
		n := float64(len(people))
		pm.MeanLength = round(sumLen / n)
		for c, b := range banks {
			pc := PositioningCmp{Competence: b.engine.Competence, Asked: round(asked[c] / n),
				Exact: round(exact[c] / n), WithinOne: round(within[c] / n), Start: round(starts[c] / n)}
			if starts[c] > 0 {
				pc.StartHit = round(startHits[c] / starts[c])
			}
			pm.PerComp[c] = pc
			pm.Exact += exact[c] / n / float64(len(banks))
			pm.WithinOne += within[c] / n / float64(len(banks))
		}
		pm.Exact, pm.WithinOne = round(pm.Exact), round(pm.WithinOne)
		pm.StartHit, pm.StartNothing = round(hits/n), round(none/n)
		rep.Methods[k] = pm
	})
	rep.Checks = positioningChecks(rep.Methods)
	return rep, nil
}

// positioningBanks are the built-in competences (cfg.Competences only, when
// set) with their true parameters for the seed, and each one's offset in a
// learner's uniforms.
func positioningBanks(cfg PositioningConfig) ([]*posBank, error) {
	cat := lessons.Load(lessons.Options{}, lessons.Builtin()).Catalogue(i18n.FR)
	for _, id := range cfg.Competences {
		if cat.Competence(id) == nil {
			var known []string
			for _, c := range cat.Competences {
				known = append(known, c.ID)
			}
			return nil, fmt.Errorf("unknown competence %q (known: %v)", id, known)
		}
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x9051ba4c))
	var banks []*posBank
	total := 0
	for _, comp := range cat.Competences {
		// The true parameters are drawn for every competence, kept or
		// not, so that a competence keeps its draw whatever the list.
		eb := scoring.BankFromCatalogue(cat, comp.ID, nil)
		if eb == nil {
			continue
		}
		trueB, trueA := make([]float64, eb.Len()), make([]float64, eb.Len())
		for i, it := range eb.Items {
			trueB[i] = it.B + 0.5*rng.NormFloat64()
			trueA[i] = it.A * math.Exp(0.25*rng.NormFloat64())
		}
		if len(cfg.Competences) > 0 && !slices.Contains(cfg.Competences, comp.ID) {
			continue
		}
		banks = append(banks, &posBank{engine: eb, offset: total, trueB: trueB, trueA: trueA})
		total += eb.Len()
	}
	if len(banks) == 0 {
		return nil, fmt.Errorf("the built-in content has no competence with questions")
	}
	return banks, nil
}

// rhoHistory is what "pos-rhoest" estimates ρ from: rhoHistoryLearners
// earlier learners (drawn as the positioned ones are, from another
// stream), each tested alone in two competences drawn at random (the
// product's one-competence test, easy start included), made into pairs by
// scoring.RhoPairsOf as the tutor does.
func rhoHistory(cfg PositioningConfig, banks []*posBank) []scoring.RhoPair {
	var results []scoring.RhoResult
	if len(banks) < 2 {
		return nil
	}
	for j := range rhoHistoryLearners {
		r := rand.New(rand.NewPCG(cfg.Seed, 0x7a0_0000_0000+uint64(j)))
		theta := abilities(r, len(banks), cfg.Rho)
		first := r.IntN(len(banks))
		second := (first + 1 + r.IntN(len(banks)-1)) % len(banks)
		for _, c := range []int{first, second} {
			b := banks[c]
			at := map[string]int{}
			for i, it := range b.engine.Items {
				at[it.ID] = i
			}
			t := scoring.NewTest(b.engine, scoring.TestOptions{Seed: r.Uint64(), EasyStart: true})
			for {
				st, ok := t.Next()
				if !ok {
					break
				}
				i := at[st.Item.ID]
				if err := t.Record(st.Item.ID, b.right(i, theta[c], r.Float64())); err != nil {
					panic(fmt.Sprintf("sim: %v", err))
				}
			}
			res := t.Result()
			results = append(results, scoring.RhoResult{Learner: int64(j), Competence: b.engine.Competence, Theta: res.Theta, SE: res.SE})
		}
	}
	return scoring.RhoPairsOf(results)
}

// abilities draws one simulated learner's abilities, one per competence:
// θ_c = −0.5 + √ρ·g + √(1−ρ)·e_c, each N(−0.5, 1), any two correlated rho.
func abilities(r *rand.Rand, competences int, rho float64) []float64 {
	g := r.NormFloat64()
	theta := make([]float64, competences)
	for c := range theta {
		theta[c] = Beginners.Mean + Beginners.SD*(math.Sqrt(rho)*g+math.Sqrt(1-rho)*r.NormFloat64())
	}
	return theta
}

// right says whether a learner of ability theta answers item i right, u
// being their uniform draw for it: by the item's true parameters.
func (b *posBank) right(i int, theta, u float64) bool {
	return u < scoring.Sigmoid(b.trueA[i]*(theta-b.trueB[i]))
}

// itemIndex maps each question id to its bank and its place in it.
func itemIndex(banks []*posBank) map[string][2]int {
	where := map[string][2]int{}
	for c, b := range banks {
		for i, it := range b.engine.Items {
			where[it.ID] = [2]int{c, i}
		}
	}
	return where
}

// engineBanks are the engine's side of the banks.
func engineBanks(banks []*posBank) []*scoring.Bank {
	out := make([]*scoring.Bank, len(banks))
	for i, b := range banks {
		out[i] = b.engine
	}
	return out
}

// oracleBanks are the engine's banks with every question's true
// difficulty and discrimination in place of the author's level.
func oracleBanks(banks []*posBank, onlyB bool) []*scoring.Bank {
	out := make([]*scoring.Bank, len(banks))
	for c, b := range banks {
		items := append([]scoring.Item(nil), b.engine.Items...)
		for i := range items {
			items[i].B = b.trueB[i]
			if !onlyB {
				items[i].A = b.trueA[i]
			}
		}
		out[c] = scoring.NewBank(b.engine.Competence, items, b.engine.Scale, b.engine.Prior)
	}
	return out
}

// eloBanks are the banks after n earlier learners (their own stream, the
// same population and correlation) took the product's positioning on this
// computer: each starts on the calibration learnt so far, its banks built
// as learning.NewTestBank builds them (centred), and its answers go
// through Positioning.Calibrate, the step the tutor stores with a result.
func eloBanks(cat *lessons.Catalogue, banks []*posBank, cfg PositioningConfig, n int) []*scoring.Bank {
	calib := map[string]scoring.Calibration{}
	authorB := map[string]float64{}
	for _, b := range banks {
		for _, it := range b.engine.Items {
			authorB[it.ID] = it.B
		}
	}
	build := func() []*scoring.Bank {
		out := make([]*scoring.Bank, len(banks))
		for c, b := range banks {
			out[c] = scoring.BankFromCatalogue(cat, b.engine.Competence, calib).Centred(calib, authorB)
		}
		return out
	}
	where := itemIndex(banks)
	rng := rand.New(rand.NewPCG(cfg.Seed, 0xe10_0524))
	for j := range n {
		theta := abilities(rng, len(banks), cfg.Rho)
		run := scoring.NewPositioning(build(), scoring.PositioningOptions{Seed: cfg.Seed ^ uint64(j+1)<<20, EasyStart: true})
		for {
			st, ok := run.Next()
			if !ok {
				break
			}
			at := where[st.Item.ID]
			b := banks[at[0]]
			if err := run.Record(st.Item.ID, b.right(at[1], theta[at[0]], rng.Float64())); err != nil {
				panic(fmt.Sprintf("sim: %v", err))
			}
		}
		for id, c := range run.Calibrate(calib, authorB, scoring.EloOptions{}) {
			calib[id] = c
		}
	}
	return build()
}

// StartHit says whether a first lesson of a level suits a learner of a
// true level: the learner's level or one below, and level 1 for a learner
// at level 0 (there is no lesson below level 1).
func StartHit(lessonLevel, trueLevel int) bool {
	return lessonLevel <= max(1, trueLevel) && lessonLevel >= trueLevel-1
}

// Fixed10 is the fixed form built like Pix's ABC Diag: ten questions of
// levels 1–2, the same for every learner, chosen once for the coverage of
// the acquis: one level-2 question in each competence (the topic in turn),
// and a level-1 question of another topic in the competences with the most
// level-1–2 acquis, until ten. No typed answer; the level-1 questions come
// first. With more than ten competences it cannot both cover them all and
// stay at ten: coverage wins (ABC Diag's point), so it has one question per
// competence, 11 for the 11 built-in ones; it is never cut to lose.
func Fixed10(banks []*scoring.Bank) []string {
	type pick struct {
		id    string
		level int
	}
	var ones, twos []pick
	lowAcquis := make([]int, len(banks))
	for c, b := range banks {
		seen := map[string]bool{}
		for _, it := range b.Items {
			if it.Level <= 2 && !seen[it.Skill] {
				seen[it.Skill] = true
				lowAcquis[c]++
			}
		}
	}
	order := make([]int, len(banks))
	for c := range order {
		order[c] = c
	}
	slices.SortStableFunc(order, func(a, b int) int { return lowAcquis[b] - lowAcquis[a] })
	firstOf := func(b *scoring.Bank, level int, skip string, k int) *scoring.Item {
		var topics []string
		for _, it := range b.Items {
			if it.Level == level && !it.Typed && it.Topic != skip && !slices.Contains(topics, it.Topic) {
				topics = append(topics, it.Topic)
			}
		}
		if len(topics) == 0 {
			return nil
		}
		topic := topics[k%len(topics)]
		for i := range b.Items {
			if it := &b.Items[i]; it.Level == level && !it.Typed && it.Topic == topic && it.Group == it.ID {
				return it
			}
		}
		return nil
	}
	topicOf := map[int]string{}
	for c, b := range banks {
		if it := firstOf(b, 2, "", c); it != nil {
			twos = append(twos, pick{it.ID, 2})
			topicOf[c] = it.Topic
		} else if it := firstOf(b, 1, "", c); it != nil {
			ones = append(ones, pick{it.ID, 1})
			topicOf[c] = it.Topic
		}
	}
	for _, c := range order {
		if len(ones)+len(twos) >= 10 {
			break
		}
		if it := firstOf(banks[c], 1, topicOf[c], c); it != nil {
			ones = append(ones, pick{it.ID, 1})
		}
	}
	var out []string
	for _, p := range append(ones, twos...) {
		out = append(out, p.id)
	}
	return out
}

// positioningChecks are issue #24's criteria at this run's correlation.
func positioningChecks(ms []PositioningMethod) []Check {
	var pos, fixed *PositioningMethod
	for k := range ms {
		switch ms[k].Method {
		case "positioning":
			pos = &ms[k]
		case "fixed10":
			fixed = &ms[k]
		}
	}
	if pos == nil {
		return nil
	}
	out := []Check{{Name: "mean length of the positioning", Value: pos.MeanLength, Target: "<= 10.5", Pass: pos.MeanLength <= 10.5}}
	if fixed == nil {
		return out
	}
	worstE, worstW := math.Inf(1), math.Inf(1)
	for c := range pos.PerComp {
		worstE = min(worstE, pos.PerComp[c].Exact-fixed.PerComp[c].Exact)
		worstW = min(worstW, pos.PerComp[c].WithinOne-fixed.PerComp[c].WithinOne)
	}
	d := func(x float64) float64 { return round(x) }
	out = append(out,
		Check{Name: "exact level, mean over competences: positioning - fixed10", Value: d(pos.Exact - fixed.Exact), Target: "> 0", Pass: pos.Exact > fixed.Exact},
		Check{Name: "within one level, mean over competences: positioning - fixed10", Value: d(pos.WithinOne - fixed.WithinOne), Target: "> 0", Pass: pos.WithinOne > fixed.WithinOne},
		Check{Name: "exact level, worst competence: positioning - fixed10", Value: d(worstE), Target: ">= -0.02", Pass: worstE >= -0.02},
		Check{Name: "within one level, worst competence: positioning - fixed10", Value: d(worstW), Target: ">= -0.02", Pass: worstW >= -0.02},
		Check{Name: "« Commencez ici » hit rate: positioning - fixed10", Value: d(pos.StartHit - fixed.StartHit), Target: ">= 0", Pass: pos.StartHit >= fixed.StartHit},
	)
	return out
}

// WriteJSON writes the report as indented JSON.
func (r *PositioningReport) WriteJSON(w io.Writer) error {
	e := json.NewEncoder(w)
	e.SetIndent("", "  ")
	return e.Encode(r)
}

// WriteTable writes the report as text tables.
func (r *PositioningReport) WriteTable(w io.Writer, lb Labels) error {
	fmt.Fprintf(w, "Positioning: %d competences, %d questions; %d learners, correlation %.2f, seed %d\n",
		len(r.Competences), r.Items, r.Learners, r.Rho, r.Seed)
	if r.RhoPairs > 0 {
		fmt.Fprintf(w, "pos-rhoest assumes a correlation of %.3f, estimated from %d pairs of one-competence results of %d earlier learners\n",
			r.RhoEstimated, r.RhoPairs, rhoHistoryLearners)
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "method\tmean len\tmax len\texact level\t±1 level\tCommencez ici hit\tnone\t")
	for _, m := range r.Methods {
		fmt.Fprintf(tw, "%s\t%.2f\t%d\t%.3f\t%.3f\t%.3f\t%.3f\t\n", m.Method, m.MeanLength, m.MaxLength, m.Exact, m.WithinOne, m.StartHit, m.StartNothing)
	}
	tw.Flush()
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "competence\tmethod\tasked\texact level\t±1 level\tstarts here\thit there\t")
	for c, comp := range r.Competences {
		for _, m := range r.Methods {
			pc := m.PerComp[c]
			fmt.Fprintf(tw, "%s\t%s\t%.2f\t%.3f\t%.3f\t%.3f\t%.3f\t\n", comp, m.Method, pc.Asked, pc.Exact, pc.WithinOne, pc.Start, pc.StartHit)
		}
	}
	tw.Flush()
	if len(r.Checks) > 0 {
		fmt.Fprintln(w, lb.Acceptance)
		for _, c := range r.Checks {
			mark := lb.Pass
			if !c.Pass {
				mark = lb.Fail
			}
			fmt.Fprintf(w, "  [%s] %s = %.4g (%s)\n", mark, c.Name, c.Value, c.Target)
		}
	}
	return nil
}
