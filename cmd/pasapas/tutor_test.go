package main

import (
	"os"
	"testing"
)

// TestVisitPlace: a visit names the place the PC was given, by its option
// first, then the place of the server it uses (pasapas.conf's « lieu = »
// included), then PASAPAS_PLACE, else the PC's own name. A PC set up
// through pasapas.conf alone used to name its visits after the PC.
func TestVisitPlace(t *testing.T) {
	host, _ := os.Hostname()
	for _, c := range []struct{ flag, server, env, want string }{
		{"Médiathèque", "France Services", "Mairie", "Médiathèque"},
		{"", "France Services", "Mairie", "France Services"},
		{"", "", "Mairie", "Mairie"},
		{"", "", "", host},
	} {
		if got := visitPlace(c.flag, c.server, c.env); got != c.want {
			t.Errorf("visitPlace(%q, %q, %q) = %q, want %q", c.flag, c.server, c.env, got, c.want)
		}
	}
}
