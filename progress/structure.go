package progress

import (
	"context"
	"database/sql"
	"errors"

	"pasapas/record"
)

// Structure is the structure's name the place set, kept in the settings
// table beside the retention period ("" when none).
func (s *Store) Structure(ctx context.Context) (string, error) {
	name := ""
	err := s.read(ctx, "reading settings", func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = 'structure_name'").Scan(&name)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	return name, err
}

// SetStructure sets the structure's name, with its journal line, in one
// transaction.
func (s *Store) SetStructure(ctx context.Context, by record.MediatorID, name string) error {
	return s.write(ctx, "saving settings", func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES ('structure_name', ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, name); err != nil {
			return err
		}
		return logAction(ctx, tx, s.now(), record.Action{Mediator: by, Kind: record.ActStructure})
	})
}
