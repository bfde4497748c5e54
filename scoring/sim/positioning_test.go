package sim

import (
	"bytes"
	"pasapas/i18n"
	"pasapas/lessons"
	"slices"
	"testing"
)

// TestPositioningCompetences: --competences keeps the listed competences
// only (issue #24's yardstick is the eight of its time), an unknown one is
// an error, and a kept competence answers by the same true parameters
// whatever the list.
func TestPositioningCompetences(t *testing.T) {
	eight := []string{"mail", "smartphone", "sante", "securite", "demarches", "recherche", "video", "fichiers"}
	all, err := RunPositioning(PositioningConfig{Learners: 20, Seed: 1, Methods: []string{"fixed10"}})
	if err != nil {
		t.Fatal(err)
	}
	some, err := RunPositioning(PositioningConfig{Learners: 20, Seed: 1, Methods: []string{"fixed10"}, Competences: eight})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(some.Competences, eight) {
		t.Errorf("competences %v, want %v", some.Competences, eight)
	}
	if len(all.Competences) <= len(eight) || some.Items >= all.Items {
		t.Errorf("all: %d competences, %d questions; the eight: %d questions", len(all.Competences), all.Items, some.Items)
	}
	if _, err := RunPositioning(PositioningConfig{Learners: 5, Seed: 1, Competences: []string{"mail", "nope"}}); err == nil {
		t.Error("an unknown competence is accepted")
	}
	// The same competence, the same true parameters: the same bank drawn.
	a, b := drawnBanks(t, nil), drawnBanks(t, []string{"video"})
	if len(b) != 1 || !slices.Equal(a["video"], b["video"]) {
		t.Error("the true parameters of video depend on the list of competences")
	}
}

func drawnBanks(t *testing.T, comps []string) map[string][]float64 {
	t.Helper()
	banks, err := positioningBanks(PositioningConfig{Seed: 3, Competences: comps})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]float64{}
	for _, b := range banks {
		out[b.engine.Competence] = b.trueB
	}
	return out
}

// TestFixedFormCoversEveryCompetence: the ABC-Diag-like form has ten
// questions, or one per competence when there are more than ten, each
// competence with at least one.
func TestFixedFormCoversEveryCompetence(t *testing.T) {
	for _, n := range []int{8, 11} {
		banks, err := positioningBanks(PositioningConfig{Seed: 1})
		if err != nil {
			t.Fatal(err)
		}
		engines := banks[:n]
		form := Fixed10(engineBanks(engines))
		if want := max(10, n); len(form) != want {
			t.Errorf("%d competences: a form of %d questions, want %d", n, len(form), want)
		}
		for _, b := range engines {
			if !slices.ContainsFunc(form, func(id string) bool { return b.engine.Item(id) != nil }) {
				t.Errorf("%d competences: nothing asked in %s", n, b.engine.Competence)
			}
		}
	}
}

// TestPositioningReportIsReproducible: same seed, same bytes, variants
// included.
func TestPositioningReportIsReproducible(t *testing.T) {
	cfg := PositioningConfig{Learners: 15, Seed: 2, Methods: []string{"positioning", "pos-gain"}, Competences: []string{"mail", "video", "bases"}}
	var out [2]bytes.Buffer
	for k := range out {
		rep, err := RunPositioning(cfg)
		if err != nil {
			t.Fatal(err)
		}
		if err := rep.WriteJSON(&out[k]); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(out[0].Bytes(), out[1].Bytes()) {
		t.Error("same seed, different bytes")
	}
	if _, err := RunPositioning(PositioningConfig{Learners: 5, Seed: 1, Methods: []string{"pos-nope"}}); err == nil {
		t.Error("an unknown method is accepted")
	}
}

// TestRhoMethods: "pos-rhoest" estimates ρ from its history of earlier
// learners, near the truth, and "pos-rhotrue" assumes the truth; both are
// the product's positioning otherwise.
func TestRhoMethods(t *testing.T) {
	comps := []string{"mail", "smartphone", "sante", "securite", "demarches", "recherche", "video", "fichiers"}
	for _, tt := range []struct {
		rho    float64
		lo, hi float64
	}{{0.3, 0.15, 0.45}, {0.8, 0.65, 0.95}} {
		rep, err := RunPositioning(PositioningConfig{Learners: 3, Seed: 1, Rho: tt.rho, Competences: comps,
			Methods: []string{"pos-rhotrue", "pos-rhoest"}})
		if err != nil {
			t.Fatal(err)
		}
		if rep.RhoPairs != rhoHistoryLearners || rep.RhoEstimated < tt.lo || rep.RhoEstimated > tt.hi {
			t.Errorf("true ρ %.1f: estimated %.3f from %d pairs, want in [%.2f, %.2f] from %d",
				tt.rho, rep.RhoEstimated, rep.RhoPairs, tt.lo, tt.hi, rhoHistoryLearners)
		}
	}
	rep, err := RunPositioning(PositioningConfig{Learners: 3, Seed: 1, Methods: []string{"positioning"}, Competences: comps})
	if err != nil {
		t.Fatal(err)
	}
	if rep.RhoPairs != 0 {
		t.Errorf("no pos-rhoest, yet a history of %d pairs", rep.RhoPairs)
	}
}

// TestReferenceBanks: the oracle rows' engine knows the true parameters
// (the difficulties only for -b), and the -elo rows' calibration has moved
// questions away from their author levels after the earlier learners.
func TestReferenceBanks(t *testing.T) {
	cfg := PositioningConfig{Seed: 3, Rho: 0.6, Competences: []string{"mail", "video"}}
	banks, err := positioningBanks(cfg)
	if err != nil {
		t.Fatal(err)
	}
	full, onlyB := oracleBanks(banks, false), oracleBanks(banks, true)
	for c, b := range banks {
		for i, it := range b.engine.Items {
			if got := full[c].Items[i]; got.B != b.trueB[i] || got.A != b.trueA[i] {
				t.Fatalf("%s: oracle has b %v a %v, true b %v a %v", it.ID, got.B, got.A, b.trueB[i], b.trueA[i])
			}
			if got := onlyB[c].Items[i]; got.B != b.trueB[i] || got.A != it.A {
				t.Fatalf("%s: oracle-b has b %v a %v, want b %v a %v", it.ID, got.B, got.A, b.trueB[i], it.A)
			}
		}
	}
	cat := lessons.Load(lessons.Options{}, lessons.Builtin()).Catalogue(i18n.FR)
	learnt := eloBanks(cat, banks, cfg, 40)
	moved := 0
	for c, b := range banks {
		for i, it := range b.engine.Items {
			if learnt[c].Items[i].ID != it.ID {
				t.Fatalf("item order changed: %s at %d, want %s", learnt[c].Items[i].ID, i, it.ID)
			}
			if learnt[c].Items[i].Calibrated {
				moved++
			}
		}
	}
	if moved == 0 {
		t.Error("40 earlier positionings calibrated no question")
	}
}
