package scoring

import (
	"math"
	"reflect"
	"testing"
)

func TestExposureCount(t *testing.T) {
	var e Exposure
	if e.Rate("a") != 0 {
		t.Error("rate without history")
	}
	e.Add("a", "b")
	e.Add("a")
	if e.Tests != 2 || e.Rate("a") != 1 || e.Rate("b") != 0.5 || e.Rate("c") != 0 {
		t.Errorf("%+v", e)
	}
}

// TestExposureStaysUnderCap runs 400 learners one after the other on one
// computer: no question may be asked in more than the cap's share of tests,
// while without the control the central questions are asked far more.
func TestExposureStaysUnderCap(t *testing.T) {
	b := sixLevelBank(6, 2) // 72 items, 36 acquis
	run := func(opts TestOptions) (maxRate float64, hist Exposure) {
		for j := range 400 {
			l := learner{theta: -0.5 + float64(j%9)/4 - 1, luck: hashLuck(uint64(j))}
			o := opts
			o.Seed, o.Exposure = uint64(j+1), hist
			tt, log := runTest(b, o, l.answer)
			var ids []string
			for _, a := range log {
				ids = append(ids, a.Question)
			}
			hist.Add(ids...)
			for _, s := range tt.Steps() {
				if s.SetAside > 0 && opts.MaxExposure < 0 {
					t.Fatalf("control off, yet %d items set aside", s.SetAside)
				}
			}
		}
		for id := range hist.Asked {
			maxRate = math.Max(maxRate, hist.Rate(id))
		}
		return maxRate, hist
	}
	capped, _ := run(TestOptions{})
	if capped > DefaultMaxExposure {
		t.Errorf("max exposure %.3f with the default cap %.2f", capped, DefaultMaxExposure)
	}
	free, _ := run(TestOptions{MaxExposure: -1})
	if free <= DefaultMaxExposure+0.1 {
		t.Errorf("without control max exposure is only %.3f: the test proves nothing", free)
	}
	// A tighter cap holds too, as long as it can: tests of at most 12
	// questions use 12/72 = 0.17 of the bank on average. (A cap below
	// mean length / bank size cannot hold: the content rules then ask
	// tired questions rather than none.)
	tight, _ := run(TestOptions{MaxExposure: 0.25, MaxItems: 12})
	if tight > 0.25 {
		t.Errorf("max exposure %.3f with cap 0.25", tight)
	}
}

func TestExposureKeepsContentRules(t *testing.T) {
	b := testBank(6, 3) // 24 acquis, variants
	// A history in which every question has been asked in every test: all
	// are set aside, so nothing changes but the reason.
	var all Exposure
	var ids []string
	for _, it := range b.Items {
		ids = append(ids, it.ID)
	}
	all.Add(ids...)
	l := learner{theta: 0, luck: hashLuck(9)}
	_, plain := runTest(b, TestOptions{Seed: 4}, l.answer)
	_, tired := runTest(b, TestOptions{Seed: 4, Exposure: all}, l.answer)
	if !reflect.DeepEqual(plain, tired) {
		t.Error("with every question equally tired the test changed")
	}
	// One tired acquis is avoided, the rest of the rules still hold.
	var some Exposure
	some.Add("t0-2-q0", "t0-2-q1", "t0-2-q2", "t1-2-q0")
	for seed := uint64(1); seed <= 20; seed++ {
		tt, log := runTest(b, TestOptions{Seed: seed, Exposure: some, MinItems: 24, MaxItems: 24}, learner{theta: -1, luck: hashLuck(seed)}.answer)
		skills, groups := map[string]bool{}, map[string]bool{}
		for _, a := range log {
			it := b.Item(a.Question)
			if skills[it.Skill] || groups[it.Group] {
				t.Fatalf("seed %d: acquis or variant repeated: %s", seed, a.Question)
			}
			skills[it.Skill], groups[it.Group] = true, true
		}
		for k, a := range log {
			if a.Question == "t1-2-q0" {
				t.Errorf("seed %d: tired question asked while its acquis had rested ones", seed)
			}
			if b.Item(a.Question).Skill == "t0-2" && (tt.Steps()[k].SetAside != 0 || k != len(log)-1) {
				// Every question of t0-2 is tired: the acquis rule still has
				// it asked, last, once nothing rested is left in its tier.
				t.Errorf("seed %d: tired acquis t0-2 asked at %d of %d (%+v)", seed, k+1, len(log), tt.Steps()[k])
			}
		}
		if !skills["t0-2"] {
			t.Errorf("seed %d: the acquis rule dropped the tired acquis t0-2", seed)
		}
		// Replaying with the same history rebuilds the same test.
		again, err := Replay(b, TestOptions{Seed: seed, Exposure: some, MinItems: 24, MaxItems: 24}, log)
		if err != nil || !reflect.DeepEqual(again.Steps(), tt.Steps()) {
			t.Fatalf("seed %d: replay differs (%v)", seed, err)
		}
	}
}

// TestExposureOffWhenCapUnreachable: when past tests asked on average more
// questions than cap × bank size, no spread can meet the cap, so nothing is
// set aside (the control would only cost precision).
func TestExposureOffWhenCapUnreachable(t *testing.T) {
	b := testBank(2, 1) // 8 questions
	var hist Exposure
	for range 10 {
		hist.Add("t0-1-q0", "t0-2-q0", "t0-3-q0", "t0-4-q0", "t1-1-q0") // 5 > 0.35 × 8
	}
	tt, _ := runTest(b, TestOptions{Seed: 1, Exposure: hist}, func(*Item) bool { return true })
	for _, s := range tt.Steps() {
		if s.SetAside != 0 {
			t.Fatalf("unreachable cap, yet %d questions set aside", s.SetAside)
		}
	}
	// With shorter past tests the same history sets questions aside.
	var short Exposure
	for range 10 {
		short.Add("t0-1-q0", "t0-2-q0")
	}
	tt, _ = runTest(b, TestOptions{Seed: 1, Exposure: short}, func(*Item) bool { return true })
	if tt.Steps()[0].SetAside == 0 {
		t.Error("reachable cap, nothing set aside")
	}
}
