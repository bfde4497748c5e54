package scoring

import (
	"maps"
	"reflect"
	"slices"
	"testing"

	"pasapas/i18n"
	"pasapas/lessons"
)

func builtinCatalogue(t *testing.T) *lessons.Catalogue {
	t.Helper()
	lib := lessons.Load(lessons.Options{}, lessons.Builtin())
	return lib.Catalogue(i18n.FR)
}

func TestBankFromCatalogue(t *testing.T) {
	cat := builtinCatalogue(t)
	if BankFromCatalogue(cat, "nope", nil) != nil {
		t.Error("bank for an unknown competence")
	}
	for _, comp := range cat.Competences {
		qs := cat.QuestionsOf(comp.ID)
		b := BankFromCatalogue(cat, comp.ID, nil)
		if len(qs) == 0 {
			if b != nil {
				t.Errorf("%s: bank without questions", comp.ID)
			}
			continue
		}
		if b.Len() != len(qs) {
			t.Fatalf("%s: %d items for %d questions", comp.ID, b.Len(), len(qs))
		}
		for _, q := range qs {
			it := b.Item(q.ID)
			sk := cat.Skill(q.Skill.ID)
			if it.Skill != sk.ID || it.Level != sk.Level || it.Topic != sk.Topic.ID {
				t.Errorf("%s: %+v", q.ID, it)
			}
			if q.Difficulty == nil && it.B != DefaultScale.Difficulty(float64(sk.Level)) {
				t.Errorf("%s: b = %v for level %d", q.ID, it.B, sk.Level)
			}
			if q.VariantOf.ID != "" && it.Group != q.VariantOf.ID {
				t.Errorf("%s: group %s, variant of %s", q.ID, it.Group, q.VariantOf.ID)
			}
		}
		// A local calibration overrides the author level.
		id := qs[0].ID
		cb := BankFromCatalogue(cat, comp.ID, map[string]Calibration{id: {B: 2.5, A: 1.3, N: 40}})
		if it := cb.Item(id); it.B != 2.5 || it.A != 1.3 || !it.Calibrated {
			t.Errorf("calibration ignored: %+v", it)
		}
	}
}

func TestRecommendOnBuiltin(t *testing.T) {
	cat := builtinCatalogue(t)
	b := BankFromCatalogue(cat, "mail", nil)
	if b == nil {
		t.Skip("no mail competence in the built-in content")
	}
	tt, _ := runTest(b, TestOptions{Seed: 1}, func(*Item) bool { return false })
	r := tt.Result()
	if r.Level != 0 || len(r.Weak) == 0 {
		t.Fatalf("all wrong: level %d, weak %v", r.Level, r.Weak)
	}
	got := Recommend(cat, r)
	want := map[string]bool{}
	for _, s := range r.Weak {
		for _, l := range cat.LessonsFor(s) {
			want[l.ID] = true
		}
	}
	if len(got) != len(want) {
		t.Errorf("recommended %v, want the %d lessons of %v", got, len(want), r.Weak)
	}
	for _, id := range got {
		if !want[id] {
			t.Errorf("lesson %s teaches no weak acquis", id)
		}
	}
	// A learner who succeeds everywhere gets no lesson to redo.
	tt, _ = runTest(b, TestOptions{Seed: 1}, func(*Item) bool { return true })
	if r := tt.Result(); len(r.Weak) != 0 || len(Recommend(cat, r)) != 0 {
		t.Errorf("all right: weak %v", r.Weak)
	}
}

func TestSurvey(t *testing.T) {
	banks := []*Bank{testBank(3, 2), nil, func() *Bank { b := testBank(2, 2); b.Competence = "other"; return b }()}
	s := NewSurvey(banks, SurveyOptions{Seed: 4})
	var log []Answer
	comps := map[string]int{}
	for {
		st, ok := s.Next()
		if !ok {
			break
		}
		c := st.Item.Level <= 2
		if err := s.Record(st.Item.ID, c); err != nil {
			t.Fatal(err)
		}
		comps[st.Competence]++
		log = append(log, Answer{st.Item.ID, c})
	}
	if !s.Over() || comps["test"] < 3 || comps["test"] > 4 || comps["other"] < 3 || comps["other"] > 4 {
		t.Fatalf("questions per competence: %v", comps)
	}
	res := s.Results()
	if len(res) != 2 || !res[0].Rough {
		t.Fatalf("results %+v", res)
	}
	if got := res[0].Uncertainty(i18n.FR); len(got) < len("première idée") || got[:len("première idée")] != "première idée" {
		t.Errorf("rough words %q", got)
	}
	again, err := ReplaySurvey(banks, SurveyOptions{Seed: 4}, log)
	if err != nil {
		t.Fatal(err)
	}
	if a, b := again.Results(), s.Results(); a[0].Theta != b[0].Theta || a[1].Theta != b[1].Theta {
		t.Error("replayed survey differs")
	}
}

// over lays a test's Params over a calibration, as the results screen does.
func over(calib, params map[string]Calibration) map[string]Calibration {
	out := maps.Clone(calib)
	maps.Copy(out, params)
	return out
}

// moved is a calibration that moves every question of the catalogue by d
// from its author difficulty: what a later calibration may do.
func moved(cat *lessons.Catalogue, d float64) map[string]Calibration {
	out := map[string]Calibration{}
	for id, b := range AuthorDifficulties(cat) {
		out[id] = Calibration{B: b + d, N: 30}
	}
	return out
}

// TestParamsRebuildTheSameResult: a test replayed on a bank rebuilt with its
// own Params gives the same result, to the bit, after the calibration moved
// every difficulty; replayed with the moved calibration alone, it does not.
func TestParamsRebuildTheSameResult(t *testing.T) {
	cat := builtinCatalogue(t)
	calib := map[string]Calibration{}
	authorB := AuthorDifficulties(cat)
	for i, id := range slices.Sorted(maps.Keys(authorB)) {
		if i%2 == 0 { // some calibrated, some not
			calib[id] = Calibration{B: authorB[id] - 0.3, A: 1.4, N: 5}
		}
	}
	// A learner who succeeds at the easier questions only.
	answer := func(it *Item) bool { return it.B < -1.2 }

	bank := BankFromCatalogue(cat, "mail", calib)
	opts := TestOptions{Seed: 7, Exclude: []string{bank.Items[0].ID}}
	test := NewTest(bank, opts)
	var log []Answer
	for {
		st, ok := test.Next()
		if !ok {
			break
		}
		log = append(log, Answer{Question: st.Item.ID, Correct: answer(st.Item)})
		if err := test.Record(st.Item.ID, answer(st.Item)); err != nil {
			t.Fatal(err)
		}
	}
	want := test.Result()
	params := bank.Params()
	if len(params) != bank.Len() {
		t.Fatalf("Params has %d items, the bank %d", len(params), bank.Len())
	}
	for _, it := range bank.Items {
		if p := params[it.ID]; p.B != it.B || p.A != it.A || p.A <= 0 || p.N != 0 {
			t.Errorf("%s: params %+v, item %+v", it.ID, p, it)
		}
	}
	later := moved(cat, 2)
	params["question-retiree"] = Calibration{B: 9, A: 1} // gone from the content since: ignored
	again, err := Replay(BankFromCatalogue(cat, "mail", over(later, params)), opts, log)
	if err != nil {
		t.Fatal(err)
	}
	again.Next() // as the test did, to learn it was over (Stop says why)
	if got := again.Result(); !reflect.DeepEqual(got, want) {
		t.Errorf("replayed with its params:\n got %+v\nwant %+v", got, want)
	}
	today, err := Replay(BankFromCatalogue(cat, "mail", later), opts, log)
	if err != nil {
		t.Fatal(err)
	}
	if got := today.Result(); got.Theta == want.Theta {
		t.Errorf("replayed with today's calibration: θ %v, the same as then: the check proves nothing", got.Theta)
	}

	// The positioning: every competence's bank.
	var banks []*Bank
	for _, comp := range cat.Competences {
		if b := BankFromCatalogue(cat, comp.ID, calib); b != nil {
			banks = append(banks, b)
		}
	}
	sopts := SurveyOptions{Seed: 11}
	sv := NewSurvey(banks, sopts)
	log = nil
	for {
		st, ok := sv.Next()
		if !ok {
			break
		}
		log = append(log, Answer{Question: st.Item.ID, Correct: answer(st.Item)})
		if err := sv.Record(st.Item.ID, answer(st.Item)); err != nil {
			t.Fatal(err)
		}
	}
	wantAll := sv.Results()
	sparams := sv.Params()
	n := 0
	for _, b := range banks {
		n += b.Len()
	}
	if len(sparams) != n {
		t.Fatalf("the positioning's Params hold %d items, its banks %d", len(sparams), n)
	}
	var rebuilt []*Bank
	for _, comp := range cat.Competences {
		if b := BankFromCatalogue(cat, comp.ID, over(later, sparams)); b != nil {
			rebuilt = append(rebuilt, b)
		}
	}
	sagain, err := ReplaySurvey(rebuilt, sopts, log)
	if err != nil {
		t.Fatal(err)
	}
	sagain.Next()
	if got := sagain.Results(); !reflect.DeepEqual(got, wantAll) {
		t.Errorf("positioning replayed with its params differs:\n got %+v\nwant %+v", got, wantAll)
	}
}
