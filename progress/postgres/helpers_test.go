package postgres_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"pasapas/progress/postgres"
)

// serverURL is the test server's address (a superuser on a throw-away
// cluster, as .ci/postgres makes). Without it the test skips, except under
// CI, where a missing server is a failure: CI must run these tests.
func serverURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("PASAPAS_TEST_POSTGRES")
	if u == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("PostgreSQL: PASAPAS_TEST_POSTGRES not set under CI=true: .ci/run must start the test server (.ci/postgres)")
		}
		t.Skip("PostgreSQL: PASAPAS_TEST_POSTGRES not set (bash .ci/run sets it; or: .ci/postgres start DIR && . DIR/env)")
	}
	return u
}

// schema makes an empty schema for one test and drops it at the end: each
// test has its own tables on the one server.
func schema(t testing.TB) string {
	t.Helper()
	u := serverURL(t)
	name := fmt.Sprintf("t_%d_%d", time.Now().UnixNano(), rand.IntN(1<<30))
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatalf("PostgreSQL at %s: %v", u, err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+pgx.Identifier{name}.Sanitize()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, u)
		if err != nil {
			t.Errorf("dropping %s: %v", name, err)
			return
		}
		defer conn.Close(ctx)
		if _, err := conn.Exec(ctx, "DROP SCHEMA "+pgx.Identifier{name}.Sanitize()+" CASCADE"); err != nil {
			t.Errorf("dropping %s: %v", name, err)
		}
	})
	return name
}

// open opens a store for place on schema sch, closed at the end of t.
func open(t testing.TB, sch, place string, now func() time.Time) *postgres.Store {
	t.Helper()
	s, err := postgres.Open(context.Background(), postgres.Options{
		URL: serverURL(t), Place: place, Now: now,
		Config: func(c *pgxpool.Config) { c.ConnConfig.RuntimeParams["search_path"] = sch },
	})
	if err != nil {
		t.Fatalf("Open(%s): %v", place, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
