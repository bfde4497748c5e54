package progress

import (
	"context"
	"encoding/json"
	"errors"
	"pasapas/record"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// FuzzStoreInputs feeds the store what a learner types: a name and a
// free-text answer. Whatever they are, the store refuses them with
// ErrInvalid or keeps them exactly (the name trimmed), never with a
// control or bidirectional character in a name, and erasing leaves nothing of them.
func FuzzStoreInputs(f *testing.F) {
	for _, seed := range [][2]string{
		{"Marie", "marie@exemple.fr"},
		{"  Élodie ", "réponse avec des accents : éèàç"},
		{"Ali\u202ece", "\x1b]0;titre\x07"},
		{"", ""},
		{strings.Repeat("a", 61), strings.Repeat("é", 10000)},
		{"Zoé\x00", "\xff\xfe"},
		{"Robert'); DROP TABLE learners;--", `"}]`},
	} {
		f.Add(seed[0], seed[1])
	}
	s, err := Open(filepath.Join(f.TempDir(), FileName))
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { s.Close() })
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, name, text string) {
		l, err := s.CreateLearner(ctx, name, "", Prefs{})
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("CreateLearner(%q): %v, want ErrInvalid or success", name, err)
			}
			return
		}
		defer func() {
			if err := s.Erase(ctx, l.ID); err != nil {
				t.Fatalf("Erase: %v", err)
			}
			if _, err := s.Learner(ctx, l.ID); !errors.Is(err, ErrLearnerGone) {
				t.Fatalf("learner after erase: %v", err)
			}
		}()
		got, err := s.Learner(ctx, l.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != strings.TrimSpace(name) || strings.ContainsFunc(got.Name, unicode.IsControl) ||
			strings.ContainsFunc(got.Name, record.IsBidiControl) ||
			!utf8.ValidString(got.Name) || got.Name == "" {
			t.Fatalf("name %q stored as %q", name, got.Name)
		}
		given, _ := json.Marshal(map[string]string{"texte": text})
		if _, err := s.RecordAnswer(ctx, Answer{Learner: l.ID, Question: "q", Variant: "q", Given: string(given),
			Result: Incorrect}); err != nil {
			t.Fatalf("RecordAnswer(%q): %v", given, err)
		}
		answers, err := s.Answers(ctx, l.ID)
		if err != nil || len(answers) != 1 || answers[0].Given != string(given) {
			t.Fatalf("answers %+v, %v; want the answer %q kept exactly", answers, err, given)
		}
		var back map[string]string
		if err := json.Unmarshal([]byte(answers[0].Given), &back); err != nil ||
			(utf8.ValidString(text) && back["texte"] != text) {
			t.Fatalf("answer %q read back as %q (%v)", text, back["texte"], err)
		}
	})
}
