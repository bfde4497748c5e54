// Package sim is the simulation benchmark of the adaptive engine
// (adaptive.md §6): simulated learners answer simulated (or the built-in)
// question banks under several methods — random order, a fixed form, Pix's
// smart-random and flash algorithms, our engine and its ablations — with
// common random numbers, so every method meets the same luck. It reports
// test length, error of the final ability, level accuracy and item
// exposure. Everything is deterministic for a given seed.
package sim
