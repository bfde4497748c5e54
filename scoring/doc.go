// Package scoring is the adaptive engine: the item model, the learner's
// ability estimate, the choice of the next question, when to stop, the
// levels shown to learners, item calibration and review scheduling. Pure Go:
// no user interface, no SQL.
//
// The model is Rasch (one-parameter logistic) per competence, with a 2PL
// slope for items that carry a calibrated discrimination. Abilities and
// difficulties live on one logit scale per competence; the author's level of
// an acquis (1–4) is mapped onto that scale by one slope per bank (Scale).
// During a test the ability is tracked as a log-likelihood on a fixed grid
// (Grid), summarised by its posterior mean (EAP) under a wide prior centred
// where beginners are. The next question is the most informative one the
// content rules allow, questions asked in too many past tests on the same
// computer being set aside (Exposure). Every decision (which question, why stop) is returned
// as data (StepReason, StopInfo) so the interface can show it in words.
//
// See docs/moteur-adaptatif.md for the reasoning and the simulation results.
package scoring
