//go:build e2e

package e2e

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// What a learner does on the screens of Pas à pas, read from the screen
// only: the words of tutor/words.go and quiz/words.go, French.

// The three verdicts of the feedback: the acknowledgement of an answer.
const (
	verdictRight   = "Bonne réponse"
	verdictWrong   = "Ce n'est pas ça"
	verdictSkipped = "Vous avez passé cette question"
)

var (
	verdictRe  = regexp.MustCompile(`(?m)^[✔✘–] (Bonne réponse|Ce n'est pas ça|Vous avez passé cette question)$`)
	questionRe = regexp.MustCompile(`(?m)^Question (\d+)  `)
	stepRe     = regexp.MustCompile(`(?m)^Étape (\d+) sur (\d+)`)
)

// verdict returns the feedback's headline on the screen, or "".
func verdict(s string) string {
	if m := verdictRe.FindStringSubmatch(s); m != nil {
		return m[1]
	}
	return ""
}

// inQuestion says whether a question is on the screen: in a test, under
// "Question N"; in a lesson, under "Une question pour vérifier".
func inQuestion(s string) bool {
	return questionNumber(s) > 0 || strings.Contains(s, "Une question pour vérifier")
}

// answered says whether the feedback of an answer is shown: the program
// shows it, with its « Continuer », only once the answer is on disk. That
// is the acknowledgement.
// The verdict is always the feedback's first line; its « Continuer » may
// be below, out of sight, when the feedback is long (it opens at its top).
func answered(s string) bool { return inQuestion(s) && (hasRow(s, "Continuer") || verdict(s) != "") }

// asking says whether a question waits for an answer. While the answer is
// being saved the question stays on the screen, but keys do nothing.
func asking(s string) bool {
	return inQuestion(s) && !answered(s) && pointerLine(s) != "" && !strings.Contains(s, "Enregistrement…")
}

// looking says whether a question's mock screen is shown alone, before the
// answers (the screen and the answers do not fit together).
func looking(s string) bool {
	return inQuestion(s) && strings.Contains(s, "Lisez bien cet écran. Appuyez sur Entrée pour voir les réponses.")
}

// askingOrLooking says whether a question is on screen before its answer:
// its answers, or its mock screen shown alone first.
func askingOrLooking(s string) bool { return asking(s) || looking(s) }

// tall says whether a question is taller than the window and shows its
// top only: its answers come with the arrow keys.
func tall(s string) bool { return inQuestion(s) && strings.Contains(s, "flèches pour lire la suite") }

// isRecap says whether the recap of the last questions of a test is shown.
func isRecap(s string) bool {
	return strings.Contains(s, "Faisons le point sur les dernières questions")
}

// isResults says whether "Mes résultats" is shown (its title is in the header).
func isResults(s string) bool {
	first, _, _ := strings.Cut(s, "\n")
	return strings.HasSuffix(first, "·  Mes résultats") || strings.Contains(first, "·  Mes résultats  ")
}

// questionNumber reads "Question N" at the top of a test screen, or 0.
func questionNumber(s string) int {
	if m := questionRe.FindStringSubmatch(s); m != nil {
		n, _ := strconv.Atoi(m[1])
		return n
	}
	return 0
}

// answer answers the question on the screen and returns the verdict shown
// once the answer is saved ("" when it is out of sight). With real false it
// is « Je ne sais pas »; otherwise a real answer of the question's kind
// (often wrong: the first choice, "Vrai", the order shown…), or « Je ne
// sais pas » for a kind it does not know.
func (tm *term) answer(real bool) string {
	tm.t.Helper()
	s := tm.waitFor("a question to answer", func(s string) bool { return asking(s) || looking(s) })
	if looking(s) {
		tm.keys("Enter") // read the screen, then the answers
		s = tm.waitFor("the answers after the screen", asking)
	}
	switch {
	case !real:
		tm.choose("Je ne sais pas")
	case strings.Contains(s, "Une seule réponse."):
		tm.chooseRow("1")
	case strings.Contains(s, "Plusieurs réponses possibles."):
		tm.tickTwo()
		tm.choose("Valider ma réponse")
	case strings.Contains(s, "Vrai ou faux ?"), strings.Contains(s, "Remettez dans l'ordre."), strings.Contains(s, "Associez."):
		// One part at a time: the first line each time, until the feedback.
		for range 20 {
			if !asking(s) {
				break
			}
			tm.chooseRow("1")
			s = tm.waitFor("the next part or the feedback", func(s string) bool { return asking(s) || answered(s) })
		}
	case strings.HasPrefix(pointerLine(s), "▸ ") && !rowRe.MatchString(pointerLine(s)):
		// A field to fill; its box may be out of sight (reported as a bug),
		// so nothing here waits to see it. → picks the first option of a
		// list field and does nothing in a text field; the letters go into
		// a text field and do nothing in a list field.
		tm.keys("Right")
		tm.typeText("arobase")
		tm.choose("Valider ma réponse")
	default:
		tm.choose("Je ne sais pas")
	}
	s = tm.waitFor("the feedback of the answer", answered)
	v := verdict(s)
	if v == "" {
		// The verdict stays on the feedback's first line; should it ever be
		// out of sight, the answer is acknowledged all the same.
		tm.t.Logf("the verdict of this answer is out of sight:\n%s", frame(s))
	}
	return v
}

// lessonWalk is what walking through a lesson met.
type lessonWalk struct {
	steps    int      // "Étape N sur steps"
	seen     []int    // the step numbers shown, in order
	verdicts []string // of the check questions
}

// followLesson goes through the open lesson from its first page to the
// end: every step with →, every check question answered (real answers and
// « Je ne sais pas » in turn), then Entrée on the last page, back to the
// lessons of the competence.
func (tm *term) followLesson() lessonWalk {
	tm.t.Helper()
	var w lessonWalk
	for range 200 {
		s := tm.waitFor("a lesson page", func(string) bool { return true })
		switch {
		case strings.Contains(s, "Bravo, vous avez fini la leçon !"):
			tm.press("Enter")
			return w
		case asking(s), looking(s):
			w.verdicts = append(w.verdicts, tm.answer(len(w.verdicts)%2 == 0))
		case answered(s):
			tm.choose("Continuer")
		case strings.Contains(s, "Sur quel appareil suivez-vous la leçon ?"):
			tm.choose("Un ordinateur")
		case strings.Contains(s, "Appuyez sur Entrée pour commencer."):
			tm.press("Enter")
		case stepRe.MatchString(s):
			m := stepRe.FindStringSubmatch(s)
			n, _ := strconv.Atoi(m[1])
			w.steps, _ = strconv.Atoi(m[2])
			if len(w.seen) == 0 || w.seen[len(w.seen)-1] != n {
				w.seen = append(w.seen, n)
			}
			tm.press("Right")
		default:
			tm.t.Fatalf("a lesson page this test does not know:\n%s", frame(s))
		}
	}
	tm.t.Fatalf("the lesson did not end after 200 pages:\n%s", frame(tm.last))
	return w
}

// testRun is what taking a test met.
type testRun struct {
	verdicts []string // one per question, in order
	recaps   int
}

// takeTest answers every question of the test on the screen until the
// results show: a real answer, then « Je ne sais pas » every third
// question. It checks the questions are numbered 1, 2, 3…
func (tm *term) takeTest() testRun {
	tm.t.Helper()
	return tm.takeTestAnswering(func(n int) bool { return n%3 != 2 })
}

// takeTestAnswering is takeTest with real(n) saying whether question n
// (from 0) gets a real answer or « Je ne sais pas ».
func (tm *term) takeTestAnswering(real func(n int) bool) testRun {
	tm.t.Helper()
	var r testRun
	for range 200 {
		s := tm.waitFor("a question, a recap or the results", func(s string) bool {
			return asking(s) || looking(s) || answered(s) || isRecap(s) || isResults(s) || tall(s)
		})
		switch {
		case tall(s) && !asking(s) && !answered(s) && !looking(s):
			tm.press("Down") // a question taller than the window: read on to its answers
		case isResults(s):
			return r
		case isRecap(s):
			r.recaps++
			tm.choose("Continuer")
		case asking(s), looking(s):
			if got, want := questionNumber(s), len(r.verdicts)+1; got != want {
				tm.t.Fatalf("question number %d, want %d:\n%s", got, want, frame(s))
			}
			r.verdicts = append(r.verdicts, tm.answer(real(len(r.verdicts))))
		case answered(s):
			tm.choose("Continuer")
		}
	}
	tm.t.Fatalf("the test did not end after 200 screens:\n%s", frame(tm.last))
	return r
}

// newLearner creates a profile without a secret code, from the profiles
// screen, and waits for the home screen.
func (tm *term) newLearner(name string) {
	tm.t.Helper()
	tm.waitText("Qui êtes-vous ?")
	tm.choose("Je suis nouveau ou nouvelle")
	tm.waitText("Quel est votre prénom ?")
	tm.typeText(name)
	tm.waitFor(fmt.Sprintf("the name %q typed", name), func(s string) bool { return strings.Contains(s, "> "+name) })
	tm.keys("Enter")
	tm.waitText(name + ", voulez-vous un code secret ?")
	tm.choose("Non, pas de code")
	tm.waitText("Bonjour " + name + " !")
}

// quit asks to quit with Ctrl+C, confirms, and checks the program ended
// well.
func (tm *term) quit() {
	tm.t.Helper()
	tm.keys("C-c")
	tm.waitText("Voulez-vous quitter Pas à pas ?", "Vos progrès sont enregistrés.")
	tm.point("Oui, quitter")
	tm.keys("Enter")
	if status := tm.waitExit(); status != 0 {
		tm.t.Fatalf("the program ended with status %d", status)
	}
}

// tickTwo ticks the first two answers of a « Plusieurs réponses possibles »
// question — each by its number, then Entrée — and checks that neither
// Entrée handed the answer in: two boxes are ticked, the question still
// waits for « Valider ma réponse ».
func (tm *term) tickTwo() {
	tm.t.Helper()
	tm.chooseRow("1")
	tm.waitFor("box 1 ticked", func(s string) bool { return strings.Count(s, "[x]") == 1 })
	tm.chooseRow("2")
	s := tm.waitFor("boxes 1 and 2 ticked", func(s string) bool { return strings.Count(s, "[x]") == 2 })
	if !asking(s) || verdict(s) != "" {
		tm.t.Fatalf("ticking a box handed the answer in:\n%s", frame(s))
	}
}
