package scoring

// Criterion is how the next item is scored among the allowed ones.
type Criterion int

const (
	// MaxInfo picks the item with the most Fisher information at the current
	// estimate (for Rasch items: the closest difficulty).
	MaxInfo Criterion = iota
	// KL picks the item with the most Kullback–Leibler information over an
	// interval around the estimate that narrows as answers come in (Chang &
	// Ying 1996): more robust while the estimate is still poor. Ablation.
	KL
	// TargetSuccess picks the item whose predicted success is closest to
	// TestOptions.TargetP (Math Garden style, less discouraging). Ablation.
	TargetSuccess
)

// Estimator is how the running ability estimate is computed during a test.
type Estimator int

const (
	// EAP is the posterior mean on the grid under the bank's prior.
	EAP Estimator = iota
	// MAPEstimate is the posterior mode under the same prior. Ablation.
	MAPEstimate
)

// Final is how the reported ability is computed at the end.
type Final int

const (
	// FinalEAP reports the posterior mean under the bank's wide prior.
	FinalEAP Final = iota
	// FinalWLE reports Warm's weighted-likelihood estimate.
	FinalWLE
)

// TestOptions tune one test. The zero value (with a Seed) is the
// recommended engine; the other fields exist for the simulation's ablations
// and for special uses such as the short positioning.
type TestOptions struct {
	// Seed makes the randomised choices reproducible: the same bank, seed
	// and answers always give the same test.
	Seed uint64
	// Exclude lists the question ids the learner saw in their previous test;
	// they are used again only when nothing else is left.
	Exclude []string

	MinItems int     // default 5
	MaxItems int     // default 20
	SEStop   float64 // stop when SE ≤ this; default 0.45; negative disables
	// Z is the normal quantile of the level-band interval θ ± Z·SE
	// (default DefaultZ: each end of the interval is 75 % sure, Linacre's
	// one-sided decision at a level boundary); negative disables the band
	// rule.
	Z float64

	// SameZ is the band rule's quantile while every answer so far is
	// wrong (or every one right): default DefaultSameZ; negative keeps Z.
	// Five wrong answers are also what a learner a level or two higher
	// gives now and then, so a test settles on level 0 only on stronger
	// evidence (issue #24).
	SameZ float64

	TopK      int // randomesque shortlist size, default 3
	Criterion Criterion
	TargetP   float64 // for TargetSuccess; default 0.7
	Estimator Estimator
	Final     Final
	// FinalSD, when positive, is the SD of the prior of the reported
	// ability (the EAP at the end), wider than the bank's to pull the
	// learners at the edges less toward the middle. Simulation only.
	FinalSD float64
	// EdgeSD is the prior SD of the reported ability when the learner's
	// level is the lowest or the highest (default DefaultEdgeSD; negative:
	// none). There the wide prior's pull toward the middle is the bias
	// (+0.49 logit at θ = −3 on the simulation's grid); the wider prior
	// is used only if it moves the ability further out, so the level, and
	// every level stored before, stays the same (see Test.final).
	EdgeSD float64
	// NoSkillCoverage drops the "one item per acquis until all are seen"
	// rule. Ablation.
	NoSkillCoverage bool
	// EasyStart makes the first question one of the bank's lowest author
	// level (level 1 in the product's content) and keeps typed answers
	// (free text, fields) out of the first two, while the bank has such
	// questions left: a new learner is not met by a hard or a typed
	// question. The tutor sets it for every test.
	EasyStart bool
	// NoStop runs to MaxItems whatever the stopping rules say (the
	// simulation uses it to measure every test length in one run).
	NoStop bool

	// Exposure is how often each question of the bank was asked in past
	// tests on this computer (from the local answer log). A question asked
	// in at least MaxExposure of those tests is set aside while the same
	// rule still allows other questions (see selectNext), unless the bank
	// is too small for the cap to be met at all. The zero value, no
	// history, sets nothing aside.
	Exposure Exposure
	// MaxExposure is the highest share of tests that may ask one question
	// (default DefaultMaxExposure); negative disables the control.
	MaxExposure float64
}

// DefaultZ is the default normal quantile of the band rule: 0.674, so that
// the test stops when the learner is at least 75 % likely to be above the
// level's lower cut and 75 % likely to be below its upper cut. With levels
// one logit apart, a 90 % two-sided interval (1.645) needs an SE near 0.3,
// about 45 Rasch items: the test would almost always run to MaxItems
// (docs/moteur-adaptatif.md §6).
const DefaultZ = 0.674

// DefaultSameZ is the band rule's quantile while all answers agree (all
// wrong or all right): each end of the interval 95 % sure.
const DefaultSameZ = 1.645

// DefaultEdgeSD is the default EdgeSD: chosen on seeds 1–5 of the
// simulation's grid (docs/moteur-adaptatif.md §3.5).
const DefaultEdgeSD = 2

// DefaultMaxExposure is the default cap on the share of tests that ask one
// question (issue #4 asks for at most 0.35).
const DefaultMaxExposure = 0.35

// Exposure counts, for one bank, the past tests and how many of them asked
// each question. The store builds it from the answer log; the simulation
// keeps it running over its learners.
type Exposure struct {
	Tests int            // past tests of this bank
	Asked map[string]int // question id → tests that asked it
}

// Add counts one more test that asked the given questions (each at most
// once per test, as the engine never repeats a question).
func (e *Exposure) Add(questionIDs ...string) {
	if e.Asked == nil {
		e.Asked = map[string]int{}
	}
	e.Tests++
	for _, id := range questionIDs {
		e.Asked[id]++
	}
}

// Rate is the share of past tests that asked a question (0 with no
// history).
func (e Exposure) Rate(questionID string) float64 {
	if e.Tests <= 0 {
		return 0
	}
	return float64(e.Asked[questionID]) / float64(e.Tests)
}

func (o TestOptions) withDefaults() TestOptions {
	if o.MinItems <= 0 {
		o.MinItems = 5
	}
	if o.MaxItems <= 0 {
		o.MaxItems = 20
	}
	if o.MinItems > o.MaxItems {
		o.MinItems = o.MaxItems
	}
	if o.SEStop == 0 {
		o.SEStop = 0.45
	}
	if o.Z == 0 {
		o.Z = DefaultZ
	}
	switch {
	case o.SameZ == 0:
		o.SameZ = DefaultSameZ
	case o.SameZ < 0:
		o.SameZ = o.Z
	}
	o.SameZ = max(o.SameZ, o.Z)
	if o.TopK <= 0 {
		o.TopK = 3
	}
	if o.TargetP <= 0 || o.TargetP >= 1 {
		o.TargetP = 0.7
	}
	if o.MaxExposure == 0 {
		o.MaxExposure = DefaultMaxExposure
	}
	if o.EdgeSD == 0 {
		o.EdgeSD = DefaultEdgeSD
	}
	return o
}
