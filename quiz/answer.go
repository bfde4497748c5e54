package quiz

// Answer is what the learner gave. It is logged as opaque JSON by the store,
// so its keys are short, lowercase and stable; every part refers to the
// stable identifiers of the question, never to display positions.
type Answer struct {
	// Skipped is "Je ne sais pas": the rest is ignored.
	Skipped bool `json:"skipped,omitempty"`
	// Choices are the identifiers of the chosen choices (choix_unique,
	// choix_multiple), in any order.
	Choices []string `json:"choices,omitempty"`
	// Truth maps a statement identifier to the learner's judgement: true
	// for "Vrai" (vrai_faux).
	Truth map[string]bool `json:"truth,omitempty"`
	// Fields maps a field identifier to the typed text (reponse_libre uses
	// the field "reponse"; champs uses its fields' identifiers).
	Fields map[string]string `json:"fields,omitempty"`
	// Order lists the element identifiers in the learner's order (ordre).
	Order []string `json:"order,omitempty"`
	// Matches maps the identifier of the pair of a left-hand item to the
	// identifier of the pair of the right-hand item the learner put with it
	// (association).
	Matches map[string]string `json:"matches,omitempty"`
	// Hints is how many hints the learner revealed before answering. Check
	// ignores it; it is kept for the log and the adaptive engine.
	Hints int `json:"hints,omitempty"`
}

// Outcome is the verdict on an answer. Its values are stable words, so they
// can be stored as they are.
type Outcome string

// The three outcomes. There is no partial credit, as in Pix: an answer with
// one field wrong is incorrect, and the details say which field.
const (
	Correct   Outcome = "correct"
	Incorrect Outcome = "incorrect"
	Skipped   Outcome = "skipped"
)

// Result is the verdict on an answer with its details. Only the details of
// the question's type are filled; for a skipped question they are filled as
// for an empty answer, so the screen can show the right answer.
type Result struct {
	Outcome Outcome
	// Fields: reponse_libre and champs, in the author's order.
	Fields []FieldResult
	// Choices: choix_unique and choix_multiple, in the author's order.
	Choices []ChoiceResult
	// Statements: vrai_faux, in the author's order.
	Statements []StatementResult
	// Elements: ordre, in the right order.
	Elements []ElementResult
	// Pairs: association, in the author's order.
	Pairs []PairResult
	// Forgiven sums up what the tolerances forgave in all fields, each kind
	// once, most important first.
	Forgiven []Forgiveness
}

// FieldResult is the verdict on one typed field.
type FieldResult struct {
	ID      string
	Correct bool
	// Given is what the learner typed.
	Given string
	// Expected is the accepted answer to show: the variant that was
	// matched, or the one closest to what was typed.
	Expected string
	// Forgiven lists what differed between Given and Expected but was
	// accepted (only when Correct).
	Forgiven []Forgiveness
}

// ChoiceResult says, for one choice, whether it was chosen and whether it
// should have been.
type ChoiceResult struct {
	ID     string
	Chosen bool
	Right  bool // the choice is a right answer
}

// OK says whether the learner did the right thing with this choice.
func (c ChoiceResult) OK() bool { return c.Chosen == c.Right }

// StatementResult is the verdict on one true-or-false statement.
type StatementResult struct {
	ID     string
	Judged bool // the learner said "Vrai" or "Faux"
	Given  bool // the learner's judgement, when Judged
	True   bool // the statement is true
}

// OK says whether the learner judged the statement rightly.
func (s StatementResult) OK() bool { return s.Judged && s.Given == s.True }

// ElementResult is the place of one step of an "ordre" question.
type ElementResult struct {
	ID    string
	Given int // 0-based place in the learner's order, -1 if missing
	Want  int // 0-based right place
}

// OK says whether the step is in its right place.
func (e ElementResult) OK() bool { return e.Given == e.Want }

// PairResult is the verdict on one left-hand item of an association.
type PairResult struct {
	ID    string
	Given string // identifier of the pair whose right-hand item was chosen, "" if none
}

// OK says whether the left-hand item got its own right-hand item.
func (p PairResult) OK() bool { return p.Given == p.ID }
