package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"pasapas/i18n"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one schema version: NNNN_name.sql gives version NNNN. The
// numbers followed the progress file's up to 4; version 5 holds what the
// file's versions 5 and 6 added (the médiateur's space, the ateliers).
type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	entries, err := migrationFiles.ReadDir("migrations")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("postgres: migration file %s has no number", e.Name())
		}
		b, err := migrationFiles.ReadFile(path.Join("migrations", e.Name()))
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("postgres: migration %s: versions must be 1, 2, 3…", m.name)
		}
	}
	return out, nil
}

// SchemaVersion is the newest schema version this program knows.
func SchemaVersion() int {
	m, err := migrations()
	if err != nil {
		return 0
	}
	return len(m)
}

// ErrNewerSchema: the database was migrated by a newer Pas à pas; it is left
// untouched. See *SchemaError.
var ErrNewerSchema = errors.New("database written by a newer version")

// SchemaError says that the database's schema is newer than this program.
type SchemaError struct{ Found, Known int }

func (e *SchemaError) Error() string {
	return fmt.Sprintf("postgres: the database has schema version %d, this program knows up to %d: %v",
		e.Found, e.Known, ErrNewerSchema)
}

func (e *SchemaError) Is(target error) bool { return target == ErrNewerSchema }

// Message says it to a person.
func (e *SchemaError) Message(l i18n.Lang) string { return messages.Format(l, "newer_schema") }

// migrationLock is the key of the advisory lock held while migrating, so
// that PCs starting together migrate one after the other ("PASP").
const migrationLock = 1346458448

// migrate brings the schema to the newest version, one transaction per
// version, each recorded in pasapas_schema in the same transaction.
func (s *Store) migrate(ctx context.Context) error {
	all, err := migrations()
	if err != nil {
		return err
	}
	for _, m := range all {
		err := s.write(ctx, "migrating the schema", func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", int64(migrationLock)); err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS pasapas_schema (
				version    integer PRIMARY KEY,
				applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
				return err
			}
			var current int
			if err := tx.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM pasapas_schema").Scan(&current); err != nil {
				return err
			}
			if current > len(all) {
				return &SchemaError{Found: current, Known: len(all)}
			}
			if current >= m.version {
				return nil
			}
			if _, err := tx.Exec(ctx, m.sql, pgx.QueryExecModeSimpleProtocol); err != nil {
				return fmt.Errorf("%s: %w", m.name, err)
			}
			_, err := tx.Exec(ctx, "INSERT INTO pasapas_schema (version) VALUES ($1)", m.version)
			return err
		})
		if err != nil {
			var pe *pgconn.PgError
			if errors.As(err, &pe) && pe.Code == "42501" { // insufficient privilege
				return fmt.Errorf("postgres: the role may not create the tables (see docs/reseau.md): %w", err)
			}
			return err
		}
	}
	return nil
}
