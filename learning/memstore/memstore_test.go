package memstore_test

import (
	"testing"

	"pasapas/learning"
	"pasapas/learning/memstore"
	"pasapas/learning/storetest"
)

// TestContract runs the contract every store keeps on the in-memory one,
// with a clock the contract moves.
func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) learning.Store {
		clk := storetest.NewClock()
		return storetest.Clocked{Store: memstore.New(memstore.WithClock(clk.Now)), Clock: clk}
	})
}

// TestContractRealClock runs it again on time.Now: the checks that need
// time to pass are skipped, the others must not depend on exact times.
func TestContractRealClock(t *testing.T) {
	storetest.Run(t, func(t *testing.T) learning.Store { return memstore.New() })
}
