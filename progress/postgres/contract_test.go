package postgres_test

import (
	"testing"

	"pasapas/learning"
	"pasapas/learning/storetest"
	"pasapas/progress/postgres"
)

// The store serves every use case of package learning.
var _ learning.Store = (*postgres.Store)(nil)

// TestContract runs the contract every store keeps (learning/storetest) on
// a real PostgreSQL server, each sub-test on its own empty schema, with a
// clock the contract moves.
func TestContract(t *testing.T) {
	serverURL(t)
	storetest.Run(t, func(t *testing.T) learning.Store {
		clk := storetest.NewClock()
		s := open(t, schema(t), "Médiathèque des Tilleuls", clk.Now)
		return storetest.Clocked{Store: s, Clock: clk}
	})
}
