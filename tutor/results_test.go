package tutor

import (
	"context"
	"pasapas/learning"
	"pasapas/record"
	"reflect"
	"strings"
	"testing"

	"pasapas/i18n"
	"pasapas/lessons"
	"pasapas/scoring"
)

// answerTest answers the test on screen until the results show: the right
// answer to the questions right says so of (n counts from 1) when they are
// of a type rightAnswer knows, "Je ne sais pas" to the others. It returns
// the test screen, whose engine still holds what it concluded.
func (h *harness) answerTest(right func(n int) bool) *testScreen {
	h.t.Helper()
	ts, ok := h.m.top().(*testScreen)
	if !ok {
		h.t.Fatalf("not a test screen: %T", h.m.top())
	}
	for i := 0; i < 400; i++ {
		screen := h.screen() // drawn: the question view knows what it shows
		if h.m.top() != ts {
			break
		}
		qv := ts.qv
		switch {
		case ts.problem != "":
			h.t.Fatalf("problem in the test:\n%s", screen)
		case ts.phase == testRecap, ts.phase == testAsking && qv.phase == showing:
			h.pick("Continuer")
		case ts.phase == testAsking && qv.phase == asking && qv.lookShown:
			h.press("enter") // a mock screen shown alone first
		case ts.phase == testAsking && qv.phase == asking:
			nOpts, _ := qv.rows(h.m.ctx)
			for k, a := range qv.actions() {
				if a == actSkip {
					qv.cursor = nOpts + k
				}
			}
			if right(ts.test.Answered + 1) {
				rightAnswer(qv, nOpts)
			}
			h.press("enter")
		default:
			h.t.Fatalf("unexpected test screen (phase %d):\n%s", ts.phase, screen)
		}
	}
	h.expect("Mes résultats")
	return ts
}

// rightAnswer puts the question view on the right answer, or the next part
// of it, for Entrée to give: the right choice, the right choices ticked and
// "Valider", the truth of the statement asked, the next element in order,
// the match of the pair asked. It leaves typed answers as they are.
func rightAnswer(qv *questionView, nOpts int) {
	q := qv.q
	switch q.Type {
	case lessons.SingleChoice, lessons.MultipleChoice:
		for k, id := range qv.pres.Choices {
			for _, ch := range q.Choices {
				if ch.ID == id && ch.Correct {
					qv.cursor = k
					qv.chosen[id] = true
				}
			}
		}
		if q.Type == lessons.MultipleChoice {
			for k, a := range qv.actions() {
				if a == actValidate {
					qv.cursor = nOpts + k
				}
			}
		}
	case lessons.TrueFalse:
		qv.cursor = 1
		if qv.statement(qv.pos).True {
			qv.cursor = 0
		}
	case lessons.Ordering: // the elements are written in the right order
		next := q.Elements[len(qv.order)].ID
		for k, id := range qv.remainingElements() {
			if id == next {
				qv.cursor = k
			}
		}
	case lessons.Matching: // a right-hand side is named by its pair
		for k, id := range qv.remainingRights() {
			if id == q.Pairs[qv.pos].ID {
				qv.cursor = k
			}
		}
	}
}

// shownResults is what the results screen says of each competence, in its
// order, and its whole page as drawn (tall enough that nothing scrolls).
func (h *harness) shownResults() ([]learning.Entry, string) {
	h.t.Helper()
	rs, ok := h.m.top().(*resultsScreen)
	if !ok || !rs.loaded || rs.problem != "" {
		h.t.Fatalf("not the results: %T\n%s", h.m.top(), h.screen())
	}
	return rs.entries, rs.Render(h.m.ctx, 80, 1000)
}

// said keeps of a result what the results screen draws from it.
func said(r scoring.Result) any {
	return struct {
		Competence string
		Theta, SE  float64
		Level      int
		Certainty  scoring.Certainty
		Skills     []scoring.SkillMastery
		Weak       []string
	}{r.Competence, r.Theta, r.SE, r.Level, r.Certainty, r.Skills, r.Weak}
}

// TestResultsKeepTheirLevelWhenDifficultiesMove: the results screen replays
// each test with the item parameters it used. Right after the test, it says
// what the engine concluded (the finish itself moved the difficulties of
// the questions asked); after a later calibration moves every difficulty
// by +2 logits, it still says the same level, the one in the history, with
// the same words. Replayed with today's difficulties, it would not.
func TestResultsKeepTheirLevelWhenDifficultiesMove(t *testing.T) {
	for _, c := range []struct {
		name, test string
		right      func(n int) bool
	}{
		{"one competence", "Envoyer et recevoir des mails", func(n int) bool { return n%3 != 0 }},
		{"positioning", "Un peu de tout", func(n int) bool { return n%2 == 1 }},
	} {
		t.Run(c.name, func(t *testing.T) {
			h := newHarness(t, i18n.FR, nil)
			ctx := context.Background()
			cat := h.m.ctx.Cat
			h.newLearner("Lucie")
			h.choose("Faire le point")
			h.choose(c.test)
			ts := h.answerTest(c.right)
			test, answers := h.lastTest()
			if test.Result == nil {
				t.Fatalf("test not finished: %+v", test)
			}

			// What the engine concluded, and the page shown at the end.
			concluded := map[string]scoring.Result{}
			// A positioning gives every competence a first idea, asked or
			// not (its correlated prior, issue #24).
			for _, r := range ts.test.Results() {
				concluded[r.Competence] = r
			}
			atEnd, pageAtEnd := h.shownResults()
			if len(atEnd) != len(concluded) {
				t.Fatalf("%d results shown, the engine concluded %d", len(atEnd), len(concluded))
			}
			for _, e := range atEnd {
				if r := concluded[e.Competence.ID]; !reflect.DeepEqual(said(e.Result), said(r)) {
					t.Errorf("%s at the end of the test:\n got %+v\nwant %+v", e.Competence.ID, said(e.Result), said(r))
				}
			}
			if ts.test.Competence != record.Positioning && (atEnd[0].Result.Level != test.Result.Level || atEnd[0].Result.Theta != test.Result.Theta) {
				t.Errorf("shown level %d (θ %v), stored %d (θ %v)", atEnd[0].Result.Level, atEnd[0].Result.Theta,
					test.Result.Level, test.Result.Theta)
			}
			stored, err := h.store.TestDifficulties(ctx, test.ID)
			if err != nil || len(stored) == 0 {
				t.Fatalf("no difficulties stored with the test: %v", err)
			}
			for _, a := range answers {
				if _, ok := stored[a.Question]; !ok {
					t.Errorf("%s was asked but its difficulty is not stored", a.Question)
				}
			}

			// A later calibration moves every difficulty by +2.
			stats, err := h.store.ItemStats(ctx)
			if err != nil {
				t.Fatal(err)
			}
			later := map[string]scoring.Calibration{}
			for id, b := range scoring.AuthorDifficulties(cat) {
				n := 0
				if c := stats[id].Calibrated; c != nil {
					b, n = c.B, c.N
				}
				later[id] = scoring.Calibration{B: b + 2, N: n + 20}
			}
			if err := h.store.SetItemDifficulties(ctx, later); err != nil {
				t.Fatal(err)
			}
			h.press("esc")
			h.choose("Mes résultats")
			again, pageAgain := h.shownResults()
			if len(again) != len(atEnd) {
				t.Fatalf("%d results after the calibration, %d before", len(again), len(atEnd))
			}
			for i := range again {
				if !reflect.DeepEqual(said(again[i].Result), said(atEnd[i].Result)) {
					t.Errorf("%s after the calibration:\n got %+v\nwant %+v", again[i].Competence.ID, said(again[i].Result), said(atEnd[i].Result))
				}
			}
			if pageAgain != pageAtEnd {
				t.Errorf("the page changed after the calibration:\n--- at the end of the test\n%s\n--- after\n%s", pageAtEnd, pageAgain)
			}
			if line := "— " + scoring.LevelName(i18n.FR, test.Result.Level); !strings.Contains(pageAgain, line) {
				t.Errorf("the history lacks the stored level %q:\n%s", line, pageAgain)
			}

			// The check proves something: with today's difficulties the
			// same answers say something else.
			today := later
			differs := false
			for _, e := range again {
				bank := scoring.BankFromCatalogue(cat, e.Competence.ID, today)
				var log []scoring.Answer
				for _, a := range answers {
					if bank.Item(a.Question) != nil {
						log = append(log, scoring.Answer{Question: a.Question, Correct: a.Result == record.Correct})
					}
				}
				rt, err := scoring.Replay(bank, scoring.TestOptions{}, log)
				if err != nil {
					t.Fatal(err)
				}
				r := rt.Result()
				if r.Level != e.Result.Level || r.Certainty != e.Result.Certainty ||
					!reflect.DeepEqual(r.Weak, e.Result.Weak) {
					differs = true
				}
			}
			if !differs {
				t.Error("today's difficulties give the same words: the test proves nothing")
			}
		})
	}
}

// TestResultsStartHere: after a positioning answered « Je ne sais pas »
// throughout, « Mes résultats » opens on the lessons to read: « Commencez
// ici » first (a level-1 lesson), two more, then « Voir les autres leçons »,
// which lists the rest; the level of every competence follows.
func TestResultsStartHere(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	h.newLearner("Yves")
	h.choose("Faire le point")
	h.choose("Un peu de tout")
	h.answerTest(func(int) bool { return false })
	rs, ok := h.m.top().(*resultsScreen)
	if !ok {
		t.Fatalf("not the results: %T", h.m.top())
	}
	_, page := h.shownResults()
	lines := strings.Split(page, "\n")
	if !strings.Contains(lines[0], "Les leçons pour progresser") || !strings.Contains(lines[1], "Commencez ici") ||
		!strings.Contains(lines[2], "Niveau 1 · ") {
		t.Errorf("the page does not open on « Commencez ici », a level-1 lesson:\n%q", lines[:3])
	}
	if len(rs.links) != scoring.FirstShown || !strings.Contains(page, "Voir les autres leçons (") {
		t.Fatalf("%d lessons shown first, want %d then « Voir les autres leçons »:\n%s", len(rs.links), scoring.FirstShown, page)
	}
	if strings.Count(page, "Commencez ici") != 1 {
		t.Errorf("« Commencez ici » more than once")
	}
	if len(rs.entries) != len(h.m.ctx.Cat.Competences) {
		t.Errorf("%d competences with a level after a positioning, want all %d", len(rs.entries), len(h.m.ctx.Cat.Competences))
	}
	// Nothing was answered right: nothing is listed as known.
	if strings.Contains(page, "Ce que vous savez faire") {
		t.Errorf("acquis listed as known after no right answer:\n%s", page)
	}
	h.pick("Voir les autres leçons")
	if len(rs.links) != len(rs.recs) || len(rs.links) <= scoring.FirstShown {
		t.Errorf("after « Voir les autres »: %d lessons listed of %d", len(rs.links), len(rs.recs))
	}
}
