package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pasapas/i18n"
	"pasapas/progress/postgres"
	"pasapas/record"
)

// The server's address is checked before anything is opened: a password
// in it, no place, or not an address, each says what to do, exit 2.
func TestStoreChoiceRefusals(t *testing.T) {
	t.Setenv("PASAPAS_HOME", t.TempDir())
	t.Setenv("PASAPAS_STORE", "")
	t.Setenv("PASAPAS_PLACE", "")
	cases := []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"calibrate", "--store", "postgres://pasapas:secret@serveur/pasapas", "--place", "Mairie"}, nil, "contient un mot de passe"},
		{[]string{"calibrate"}, map[string]string{"PASAPAS_STORE": "postgres://u@h/d?password=x", "PASAPAS_PLACE": "Mairie"}, "contient un mot de passe"},
		{[]string{"calibrate", "--store", "postgres://pasapas@serveur/pasapas"}, nil, "indiquez le lieu"},
		{[]string{"calibrate", "--store", "serveur:5432", "--place", "Mairie"}, nil, "n'est pas une adresse de serveur"},
		{[]string{"--store", "postgres://pasapas:secret@serveur/pasapas", "--place", "Mairie"}, nil, "contient un mot de passe"},
	}
	for _, c := range cases {
		for k, v := range c.env {
			t.Setenv(k, v)
		}
		var out, errb bytes.Buffer
		code := run(c.args, &out, &errb)
		if code != 2 || !strings.Contains(errb.String(), c.want) || strings.Contains(errb.String(), "secret") {
			t.Errorf("%v: exit %d, %q; want 2 and %q, no password echoed", c.args, code, errb.String(), c.want)
		}
		for k := range c.env {
			t.Setenv(k, "")
		}
	}
}

// A server nobody answers at: the command says what to check, tries again,
// and gives up after its tries (calibrate: 3).
func TestServerUnreachableAtStart(t *testing.T) {
	t.Setenv("PASAPAS_HOME", t.TempDir())
	old := startRetry
	startRetry = 10 * time.Millisecond
	t.Cleanup(func() { startRetry = old })
	for _, lang := range []string{"fr", "en"} {
		var out, errb bytes.Buffer
		code := run([]string{"calibrate", "--lang", lang, "--store", "postgres://pasapas@127.0.0.1:1/pasapas?connect_timeout=2", "--place", "Mairie"}, &out, &errb)
		text := errb.String()
		want := map[string]string{"fr": "n'arrive pas à joindre le serveur", "en": "cannot reach the progress server"}[lang]
		retry := map[string]string{"fr": "Nouvel essai dans", "en": "Trying again in"}[lang]
		if code != 1 || strings.Count(text, want) != 3 || strings.Count(text, retry) != 2 || !strings.Contains(text, "127.0.0.1:1/pasapas") {
			t.Errorf("%s: exit %d:\n%s\nwant 3 tries saying %q", lang, code, text, want)
		}
	}
}

// The configuration file of the data folder sets the server and the place
// once per PC; the options and the environment come first.
func TestStoreConf(t *testing.T) {
	dir := t.TempDir()
	conf := "# Pas à pas, PC 3\nserveur = postgres://pasapas@serveur/pasapas\nlieu = \"Médiathèque des Tilleuls\"\n"
	if err := os.WriteFile(filepath.Join(dir, confName), []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PASAPAS_STORE", "")
	t.Setenv("PASAPAS_PLACE", "")
	empty, place := "", "Mairie"
	c, err := storeOptions{store: &empty, place: &empty}.resolve(dir)
	if err != nil || c.url != "postgres://pasapas@serveur/pasapas" || c.place != "Médiathèque des Tilleuls" {
		t.Errorf("from the file: %+v, %v", c, err)
	}
	t.Setenv("PASAPAS_PLACE", "France Services")
	if c, _ := (storeOptions{store: &empty, place: &empty}).resolve(dir); c.place != "France Services" {
		t.Errorf("the environment comes before the file: %+v", c)
	}
	if c, _ := (storeOptions{store: &empty, place: &place}).resolve(dir); c.place != "Mairie" {
		t.Errorf("the option comes first: %+v", c)
	}
}

// calibrate on a place's server: the answers of the whole database.
func TestCalibrateOnServer(t *testing.T) {
	url := os.Getenv("PASAPAS_TEST_POSTGRES")
	if url == "" {
		t.Skip("PostgreSQL: PASAPAS_TEST_POSTGRES not set (.ci/run sets it)")
	}
	t.Setenv("PASAPAS_HOME", t.TempDir())
	ctx := context.Background()
	// A fresh place on the shared test database: its learners are its own.
	place := "Calibrate " + time.Now().Format(time.RFC3339Nano)
	s, err := postgres.Open(ctx, postgres.Options{URL: url, Place: place})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	l, err := s.CreateLearner(ctx, "Léa", "", record.Prefs{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RecordAnswer(ctx, record.Answer{Learner: l.ID, Question: "q", Variant: "q", Given: "1", Result: record.Correct}); err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := run([]string{"calibrate", "--dry-run", "--store", url, "--place", place, "--lang", string(i18n.FR)}, &out, &errb)
	if code != 0 || errb.Len() != 0 {
		t.Errorf("calibrate on the server: exit %d\n%s%s", code, out.String(), errb.String())
	}
}

// openStore tells the tutor where the progress is kept, for the médiateur's
// space: "" for this PC's file, the place's name for the server (here from
// pasapas.conf, as a place set up by docs/reseau.md); never the address.
func TestOpenStoreSaysWhere(t *testing.T) {
	t.Setenv("PASAPAS_STORE", "")
	t.Setenv("PASAPAS_PLACE", "")
	empty := ""
	o := storeOptions{store: &empty, place: &empty}
	var out, errb bytes.Buffer
	t.Run("file", func(t *testing.T) {
		t.Setenv("PASAPAS_HOME", t.TempDir())
		st, code := openStore(o, i18n.FR, &out, &errb, true, 1)
		if st == nil {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
		defer st.close()
		if st.server != "" {
			t.Errorf("this PC's file: server = %q, want \"\"", st.server)
		}
	})
	t.Run("server", func(t *testing.T) {
		url := os.Getenv("PASAPAS_TEST_POSTGRES")
		if url == "" {
			t.Skip("PostgreSQL: PASAPAS_TEST_POSTGRES not set (.ci/run sets it)")
		}
		home := t.TempDir()
		t.Setenv("PASAPAS_HOME", home)
		place := "Les Ormes " + time.Now().Format(time.RFC3339Nano)
		conf := "serveur = " + url + "\nlieu = \"" + place + "\"\n"
		if err := os.WriteFile(filepath.Join(home, confName), []byte(conf), 0o600); err != nil {
			t.Fatal(err)
		}
		st, code := openStore(o, i18n.FR, &out, &errb, true, 1)
		if st == nil {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
		defer st.close()
		if st.server != place {
			t.Errorf("the place's server: server = %q, want %q", st.server, place)
		}
	})
}
