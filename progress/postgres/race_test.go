package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	"pasapas/learning"
	"pasapas/progress/postgres"
	"pasapas/record"
)

// twoPCs are two stores of one place, as two PCs of the Mairie.
func twoPCs(t *testing.T) [2]*postgres.Store {
	sch := schema(t)
	return [2]*postgres.Store{open(t, sch, "Mairie", nil), open(t, sch, "Mairie", nil)}
}

// race runs do on both PCs at once, rounds times, and gives each round's
// two errors.
func race(pcs [2]*postgres.Store, rounds int, do func(round int, pc *postgres.Store) error) [][2]error {
	out := make([][2]error, rounds)
	for round := range rounds {
		var start, wg sync.WaitGroup
		start.Add(1)
		for i, pc := range pcs {
			wg.Go(func() {
				start.Wait() // both leave together
				out[round][i] = do(round, pc)
			})
		}
		start.Done()
		wg.Wait()
	}
	return out
}

// exactlyOne checks that one PC of each round succeeded and the other got
// want.
func exactlyOne(t *testing.T, what string, results [][2]error, want error) {
	t.Helper()
	for round, errs := range results {
		ok := 0
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case !errors.Is(err, want):
				t.Errorf("%s, round %d: %v, want nil or %v", what, round, err, want)
			}
		}
		if ok != 1 {
			t.Errorf("%s, round %d: %d PCs succeeded (%v), want exactly one", what, round, ok, errs)
		}
	}
}

// Two PCs of one place open the same atelier file, with its fixed code, at
// once: one gets the code, the other is told it is taken.
func TestConcurrentOpenRunSameCode(t *testing.T) {
	ctx := context.Background()
	pcs := twoPCs(t)
	sophie, err := pcs[0].CreateMediator(ctx, 0, "Sophie", "4826")
	must(t, err)
	results := race(pcs, 8, func(round int, pc *postgres.Store) error {
		_, err := pc.OpenRun(ctx, record.Run{Atelier: "mails", Title: "Mails", Code: fmt.Sprintf("MAC%d", 70+round), OpenedBy: sophie.ID})
		return err
	})
	exactlyOne(t, "OpenRun", results, learning.ErrCodeTaken)
}

// Two PCs of a new place both make « the first » médiateur account at
// once: one does, the other is told an account needs a médiateur.
func TestConcurrentFirstMediator(t *testing.T) {
	ctx := context.Background()
	for round := range 6 {
		results := race(twoPCs(t), 1, func(_ int, pc *postgres.Store) error {
			_, err := pc.CreateMediator(ctx, 0, "Sophie", "4826")
			return err
		})
		exactlyOne(t, fmt.Sprintf("CreateMediator, place %d", round), results, learning.ErrNeedsMediator)
	}
}
