package memstore

import (
	"context"
	"fmt"

	"pasapas/record"
)

// Structure is the structure's name the place set ("" when none).
func (s *Store) Structure(ctx context.Context) (string, error) {
	if err := s.lock(ctx, "reading settings"); err != nil {
		return "", err
	}
	defer s.mu.Unlock()
	return s.d.space.structure, nil
}

// SetStructure sets the structure's name, with its journal line.
func (s *Store) SetStructure(ctx context.Context, by record.MediatorID, name string) error {
	if err := s.lock(ctx, "saving settings"); err != nil {
		return err
	}
	defer s.mu.Unlock()
	if _, ok := s.d.space.mediators[by]; !ok {
		return fail("saving settings", fmt.Errorf("médiateur %d: %w", by, record.ErrNotFound))
	}
	s.d.space.structure = name
	s.log(record.Action{Mediator: by, Kind: record.ActStructure})
	return nil
}
