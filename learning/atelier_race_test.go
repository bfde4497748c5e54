package learning_test

import (
	"context"
	"errors"
	"testing"

	"pasapas/learning"
	"pasapas/learning/memstore"
	"pasapas/record"
)

// codeRace is a store where another PC takes the code between
// OpenAtelier's check and the store's write, the first time only.
type codeRace struct {
	*memstore.Store
	tries []string // the codes OpenRun was asked for
}

func (s *codeRace) OpenRun(ctx context.Context, r record.Run) (record.Run, error) {
	s.tries = append(s.tries, r.Code)
	if len(s.tries) == 1 {
		return record.Run{}, learning.ErrCodeTaken
	}
	return s.Store.OpenRun(ctx, r)
}

// The store has the last word on a code (two PCs at once): a drawn code
// taken meanwhile is drawn again; the file's own code is refused, as the
// médiateur chose it.
func TestOpenAtelierCodeTakenMeanwhile(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name      string
		code      string
		wantErr   error
		wantTries int
	}{
		{"a drawn code is drawn again", "", nil, 2},
		{"the file's code is refused", "MAC74", learning.ErrCodeTaken, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := &codeRace{Store: memstore.New()}
			app := learning.New(st, learning.Options{})
			sophie, err := app.CreateMediator(ctx, 0, "Sophie", "4826")
			if err != nil {
				t.Fatal(err)
			}
			run, err := app.OpenAtelier(ctx, sophie.ID, mailsAtelier(c.code))
			if !errors.Is(err, c.wantErr) || len(st.tries) != c.wantTries {
				t.Fatalf("OpenAtelier = %+v, %v after %d tries %v; want %v after %d", run, err, len(st.tries), st.tries, c.wantErr, c.wantTries)
			}
			if c.wantErr == nil && run.Code != st.tries[1] {
				t.Errorf("opened with %q, want the second code drawn %q", run.Code, st.tries[1])
			}
		})
	}
}
