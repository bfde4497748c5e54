package storetest

import (
	"testing"
	"time"

	"pasapas/learning"
	"pasapas/record"
)

// runStructure is the contract of the structure's name (learning.Journal's
// Structure and SetStructure): none at first, set and read back as typed,
// changed, journaled with the médiateur who set it, refused for an unknown
// médiateur.
func runStructure(t *testing.T, open func(*testing.T) learning.Store) {
	e := newEnv(t, open)
	sp, ok := spaceOf(e.s)
	if !ok {
		t.Skip("the store does not offer the médiateur's space (learning.Space)")
	}
	m, err := sp.CreateMediator(e.ctx, 0, "Sophie", "4826")
	if err != nil {
		t.Fatalf("CreateMediator: %v", err)
	}
	if name, err := sp.Structure(e.ctx); err != nil || name != "" {
		t.Errorf("Structure = %q, %v: want none at first", name, err)
	}
	for _, name := range []string{"Médiathèque « Les Lilas »", "France Services d'Œting", ""} {
		is(t, "SetStructure("+name+")", sp.SetStructure(e.ctx, m.ID, name), nil)
		if got, err := sp.Structure(e.ctx); err != nil || got != name {
			t.Errorf("Structure = %q, %v: want %q", got, err, name)
		}
		acts, err := sp.Actions(e.ctx)
		if err != nil || len(acts) == 0 {
			t.Fatalf("Actions = %v, %v", acts, err)
		}
		got := acts[0]
		got.ID, got.At = 0, time.Time{}
		if want := (record.Action{Mediator: m.ID, MediatorName: "Sophie", Kind: record.ActStructure}); got != want {
			t.Errorf("journal line %+v, want %+v", got, want)
		}
	}
	is(t, "SetStructure by an unknown médiateur", sp.SetStructure(e.ctx, m.ID+99, "Ailleurs"), record.ErrNotFound)
	if got, _ := sp.Structure(e.ctx); got != "" {
		t.Errorf("Structure = %q after a refused change, want it unchanged", got)
	}
	is(t, "SetStructure", sp.SetStructure(e.ctx, m.ID, "Mairie de Lille"), nil)
	if got, _ := sp.Structure(e.ctx); got != "Mairie de Lille" {
		t.Errorf("Structure = %q, want Mairie de Lille", got)
	}
}
