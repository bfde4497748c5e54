package sim

import (
	"math"
	"slices"
)

// MethodReport is the figures of one method on one bank.
type MethodReport struct {
	Method string `json:"method"`
	Doc    string `json:"doc"`
	// At the method's own stopping point.
	MeanLength   float64        `json:"mean_length"`
	LengthP10    int            `json:"length_p10"`
	LengthP50    int            `json:"length_p50"`
	LengthP90    int            `json:"length_p90"`
	Stops        map[string]int `json:"stops"`
	RMSE         float64        `json:"rmse"`
	Bias         float64        `json:"bias"`
	BiasCI95     float64        `json:"bias_ci95"` // half-width
	ExactLevel   float64        `json:"exact_level"`
	WithinOne    float64        `json:"within_one_level"`
	MaxExposure  float64        `json:"max_exposure"`
	NeverUsed    float64        `json:"never_used"`
	OverlapRate  float64        `json:"overlap_rate"`
	LevelConfuse [][]int        `json:"level_confusion"` // [true][estimated]
	// Per test length n = 1..max-items, running each test to the end.
	RMSEAt  []float64 `json:"rmse_at_length"`
	BiasAt  []float64 `json:"bias_at_length"`
	ExactAt []float64 `json:"exact_level_at_length"`
	// ItemsToRandom20 is the shortest length whose RMSE is at most random
	// order's at max-items (0: never within max-items; absent random: −1).
	ItemsToRandom20 int `json:"items_to_random_rmse_at_max"`
	// FloorStops is the share of learners of true level 1 or more whose
	// test stopped at level 0 with every answer wrong.
	FloorStops float64 `json:"floor_stops"`
	// Conditional figures on the ability grid (population "grid" only).
	Conditional []CondReport `json:"conditional,omitempty"`
}

// CondReport is the figures at one true ability.
type CondReport struct {
	Theta      float64 `json:"theta"`
	RMSE       float64 `json:"rmse"`
	Bias       float64 `json:"bias"`
	MeanLength float64 `json:"mean_length"`
	ExactLevel float64 `json:"exact_level"`
}

// summarise computes a method's figures from its traces. grid says the
// simulees came from the fixed ability grid: only then are the figures per
// true ability meaningful (a drawn population has one learner per ability).
func summarise(m Method, b *Bank, sims []Simulee, traces []Trace, maxItems int, grid bool) MethodReport {
	scale := b.Engine.Scale
	n := float64(len(sims))
	r := MethodReport{Method: m.Name, Doc: m.Doc, Stops: map[string]int{}, ItemsToRandom20: -1}
	r.LevelConfuse = make([][]int, scale.Top()+1)
	for k := range r.LevelConfuse {
		r.LevelConfuse[k] = make([]int, scale.Top()+1)
	}
	exposure := make([]float64, b.Engine.Len())
	var lengths []int
	var sumLen, se, bias, bias2, exact, within, floor, above float64
	sqAt := make([]float64, maxItems)
	biasAt := make([]float64, maxItems)
	exactAt := make([]float64, maxItems)
	cond := map[float64]*[5]float64{} // sq, bias, len, exact, count
	for j, tr := range traces {
		th := sims[j].Theta
		trueLevel := scale.Level(th)
		L := tr.StopAt
		lengths = append(lengths, L)
		sumLen += float64(L)
		r.Stops[tr.Stop]++
		est, lvl := sims[j].finalOf(tr, L, b)
		d := est - th
		se += d * d
		bias += d
		bias2 += d * d
		if lvl == trueLevel {
			exact++
		}
		if abs(lvl-trueLevel) <= 1 {
			within++
		}
		if trueLevel >= 1 {
			above++
			allWrong := L > 0
			for _, i := range tr.Items[:L] {
				allWrong = allWrong && !sims[j].answer(b, i)
			}
			if allWrong && lvl == 0 {
				floor++
			}
		}
		r.LevelConfuse[trueLevel][lvl]++
		for _, i := range tr.Items[:L] {
			exposure[i]++
		}
		for k := range maxItems {
			e, l := sims[j].finalOf(tr, k+1, b)
			sqAt[k] += (e - th) * (e - th)
			biasAt[k] += e - th
			if l == trueLevel {
				exactAt[k]++
			}
		}
		c := cond[th]
		if c == nil {
			c = &[5]float64{}
			cond[th] = c
		}
		c[0] += d * d
		c[1] += d
		c[2] += float64(L)
		if lvl == trueLevel {
			c[3]++
		}
		c[4]++
	}
	slices.Sort(lengths)
	r.MeanLength = round(sumLen / n)
	r.LengthP10, r.LengthP50, r.LengthP90 = lengths[len(lengths)/10], lengths[len(lengths)/2], lengths[len(lengths)*9/10]
	r.RMSE = round(math.Sqrt(se / n))
	r.Bias = round(bias / n)
	sd := math.Sqrt(math.Max(0, bias2/n-(bias/n)*(bias/n)))
	r.BiasCI95 = round(1.96 * sd / math.Sqrt(n))
	r.ExactLevel = round(exact / n)
	r.WithinOne = round(within / n)
	if above > 0 {
		r.FloorStops = round(floor / above)
	}
	var maxExp, never, mean, varr float64
	for i := range exposure {
		exposure[i] /= n
		maxExp = math.Max(maxExp, exposure[i])
		if exposure[i] == 0 {
			never++
		}
		mean += exposure[i]
	}
	mean /= float64(len(exposure))
	for _, e := range exposure {
		varr += (e - mean) * (e - mean)
	}
	varr /= float64(len(exposure))
	r.MaxExposure = round(maxExp)
	r.NeverUsed = round(never / float64(len(exposure)))
	// catsim's overlap rate: (N_bank/L)·Var(r) + L/N_bank.
	if sumLen > 0 {
		L := sumLen / n
		nb := float64(len(exposure))
		r.OverlapRate = round(nb/L*varr + L/nb)
	}
	for k := range maxItems {
		r.RMSEAt = append(r.RMSEAt, round(math.Sqrt(sqAt[k]/n)))
		r.BiasAt = append(r.BiasAt, round(biasAt[k]/n))
		r.ExactAt = append(r.ExactAt, round(exactAt[k]/n))
	}
	if grid {
		var keys []float64
		for t := range cond {
			keys = append(keys, t)
		}
		slices.Sort(keys)
		for _, t := range keys {
			c := cond[t]
			r.Conditional = append(r.Conditional, CondReport{Theta: t, RMSE: round(math.Sqrt(c[0] / c[4])),
				Bias: round(c[1] / c[4]), MeanLength: round(c[2] / c[4]), ExactLevel: round(c[3] / c[4])})
		}
	}
	return r
}

// finalOf is the reported ability and level after n answers (the last ones
// when the test ended earlier; the prior mean when nothing was asked).
func (s *Simulee) finalOf(tr Trace, n int, b *Bank) (float64, int) {
	n = min(n, len(tr.Thetas))
	if n == 0 {
		p := b.Engine.Prior.Mean
		return p, b.Engine.Scale.Level(p)
	}
	return tr.Thetas[n-1], tr.Levels[n-1]
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
