package scoring

// StopReason says why a test ended.
type StopReason int

const (
	// NotStopped: the test goes on.
	NotStopped StopReason = iota
	// StopBand: the interval θ ± Z·SE of the ability lies inside one
	// level.
	StopBand
	// StopPrecision: the standard error reached its target.
	StopPrecision
	// StopMaxItems: the longest test allowed was reached.
	StopMaxItems
	// StopNoItems: the bank has no question left to ask.
	StopNoItems
)

// String names the reason for logs and JSON.
func (r StopReason) String() string {
	switch r {
	case StopBand:
		return "band"
	case StopPrecision:
		return "precision"
	case StopMaxItems:
		return "max-items"
	case StopNoItems:
		return "no-items"
	}
	return "not-stopped"
}

// StopInfo is the data behind the decision to stop (or go on), for the
// explanations. Render it with (StopInfo).Text.
type StopInfo struct {
	Reason    StopReason
	N         int     // items answered
	Theta, SE float64 // running estimate
	Lo, Hi    float64 // the interval θ ± Z·SE
	Z         float64 // the quantile of that interval
	Level     int     // level of Theta
	LevelLo   int     // level of Lo
	LevelHi   int     // level of Hi
	MinItems  int
	MaxItems  int
	SETarget  float64
	// Satisfied is the rule that holds now even when TestOptions.NoStop
	// keeps the test going: the simulation reads where a test would have
	// stopped from it.
	Satisfied StopReason
}

// checkStop applies the rules in order: never before MinItems; then the
// level band, the precision target, the length cap. The bank running out
// is checked by the caller when selection finds nothing.
func (t *Test) checkStop() StopInfo {
	o := t.opts
	s := t.bank.Scale
	n := len(t.responses)
	z := max(o.Z, 0)
	if n > 0 && o.Z > 0 {
		same := true
		for _, r := range t.responses {
			same = same && r.Correct == t.responses[0].Correct
		}
		if same {
			z = o.SameZ
		}
	}
	info := StopInfo{N: n, Theta: t.theta, SE: t.se, Lo: t.theta - z*t.se, Hi: t.theta + z*t.se,
		Z: z, MinItems: o.MinItems, MaxItems: o.MaxItems, SETarget: o.SEStop}
	info.Level, info.LevelLo, info.LevelHi = s.Level(t.theta), s.Level(info.Lo), s.Level(info.Hi)
	switch {
	case n >= o.MaxItems:
		info.Satisfied = StopMaxItems
	case n < o.MinItems:
	case z > 0 && info.LevelLo == info.LevelHi:
		info.Satisfied = StopBand
	case o.SEStop > 0 && t.se <= o.SEStop:
		info.Satisfied = StopPrecision
	}
	if !o.NoStop || info.Satisfied == StopMaxItems {
		info.Reason = info.Satisfied
	}
	return info
}
