package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"pasapas/learning"
	"pasapas/lessons"
	"pasapas/progress"
	"pasapas/record"
)

// exportPlace makes a data folder with a médiateur (code 4826), an atelier
// run with Léa, who agreed to be seen, and Marc, who did not; it returns
// the run.
func exportPlace(t *testing.T) (record.Run, string) {
	t.Helper()
	home := t.TempDir()
	t.Setenv("PASAPAS_HOME", home)
	t.Setenv("PASAPAS_STORE", "")
	t.Setenv("PASAPAS_PLACE", "")
	path, err := progress.DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	st, err := progress.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	app := learning.New(st, learning.Options{})
	sophie, err := app.CreateMediator(ctx, 0, "Sophie", "4826")
	if err != nil {
		t.Fatal(err)
	}
	a := &lessons.Atelier{ID: "mails", Title: "Premiers mails", Code: "MAC74", Level: "Débutant",
		Thematiques: []lessons.Thematique{{Label: "E-mail"}}, Parcours: []lessons.Ref{{ID: "mail-adresse"}}}
	r, err := app.OpenAtelier(ctx, sophie.ID, a)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []struct {
		name    string
		consent bool
	}{{"Léa", true}, {"Marc", false}} {
		l, _ := app.CreateLearner(ctx, p.name, "", record.Prefs{})
		app.JoinAtelier(ctx, l.ID, "MAC74", p.consent)
		v, _ := app.StartVisit(ctx, l.ID, "PC")
		app.EndVisit(ctx, v)
	}
	if err := app.CloseAtelier(ctx, sophie.ID, r.ID); err != nil {
		t.Fatal(err)
	}
	return r, filepath.Dir(path)
}

func TestMediateurExportCommand(t *testing.T) {
	r, dir := exportPlace(t)
	old := stdin
	defer func() { stdin = old }()
	cases := []struct {
		args   []string
		code   string
		exit   int
		file   string
		want   []string // in the file
		absent []string
		errs   string
	}{
		{[]string{"mediateur", "export", "--atelier", strconv.Itoa(int(r.ID))}, "4826\n", 0, "groupe-mails-*.csv",
			[]string{"Prénom;Première visite", "Léa"}, []string{"Marc"}, ""},
		{[]string{"mediateur", "export", "--compte", "sophie", "--format", "xlsx"}, "4826\n", 0, "groupe-tout.xlsx", nil, nil, ""},
		{[]string{"mediateur", "export"}, "1111\n", 1, "", nil, nil, "pas le bon code"},
		{[]string{"mediateur", "export", "--compte", "Paul"}, "4826\n", 2, "", nil, nil, "aucun compte de médiateur ne s'appelle « Paul »"},
		{[]string{"mediateur", "export", "--atelier", "99"}, "4826\n", 2, "", nil, nil, "Aucun atelier ne porte le numéro 99"},
		{[]string{"mediateur", "export", "--atelier", "1", "--du", "01/12/2026"}, "", 2, "", nil, nil, "pas les deux"},
		{[]string{"mediateur", "export", "--format", "ods"}, "", 2, "", nil, nil, "« ods » n'existe pas"},
		{[]string{"mediateur", "export", "--du", "02/12/2026", "--au", "01/12/2026"}, "4826\n", 2, "", nil, nil, "La date de --du vient après celle de --au"},
	}
	for _, c := range cases {
		stdin = strings.NewReader(c.code)
		var out, errb bytes.Buffer
		if got := run(append(c.args, "--lang", "fr"), &out, &errb); got != c.exit || !strings.Contains(errb.String(), c.errs) {
			t.Errorf("%v: exit %d (want %d), %q %q", c.args, got, c.exit, out.String(), errb.String())
			continue
		}
		if c.file == "" {
			continue
		}
		files, _ := filepath.Glob(filepath.Join(dir, c.file))
		if len(files) != 1 {
			t.Errorf("%v: files %v", c.args, files)
			continue
		}
		b, _ := os.ReadFile(files[0])
		if fi, _ := os.Stat(files[0]); fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v", files[0], fi.Mode().Perm())
		}
		for _, w := range c.want {
			if !bytes.Contains(b, []byte(w)) {
				t.Errorf("%v: %q not in %q", c.args, w, b)
			}
		}
		for _, w := range c.absent {
			if bytes.Contains(b, []byte(w)) {
				t.Errorf("%v: %q is in the file", c.args, w)
			}
		}
		if !strings.Contains(out.String(), files[0]) {
			t.Errorf("%v: the path is not said: %q", c.args, out.String())
		}
	}
}

func TestMediateurBilanCommand(t *testing.T) {
	r, dir := exportPlace(t)
	old := stdin
	defer func() { stdin = old }()
	stdin = strings.NewReader("4826\n")
	var out, errb bytes.Buffer
	if code := run([]string{"mediateur", "bilan", "--lang", "fr"}, &out, &errb); code != 0 || !strings.Contains(out.String(), "n° "+strconv.Itoa(int(r.ID))+" ") {
		t.Fatalf("list: %d %q %q", code, out.String(), errb.String())
	}
	stdin = strings.NewReader("4826\n")
	out.Reset()
	file := filepath.Join(dir, "bilan.csv")
	if code := run([]string{"mediateur", "bilan", strconv.Itoa(int(r.ID)), "--sortie", file}, &out, &errb); code != 0 {
		t.Fatalf("bilan: %d %q", code, errb.String())
	}
	b, _ := os.ReadFile(file)
	rd := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
	rd.Comma = ';'
	rows, err := rd.ReadAll()
	if err != nil || len(rows) != 2 || rows[1][1] != "Collectif" || rows[1][2] != "2" || rows[1][5] != "Premiers mails" {
		t.Errorf("bilan = %q, %v", rows, err)
	}
	if bytes.Contains(b, []byte("Léa")) || bytes.Contains(b, []byte("Marc")) {
		t.Error("the bilan names a learner")
	}
	stdin = strings.NewReader("4826\n")
	out.Reset()
	if code := run([]string{"mediateur", "bilan", strconv.Itoa(int(r.ID))}, &out, &errb); code != 0 || !strings.Contains(out.String(), "Type : Collectif") {
		t.Errorf("on the screen: %q", out.String())
	}
	if _, err := os.Stat(filepath.Join(dir, learning.BilansFile)); err == nil {
		t.Error("the bilan of a run closed without its line added one")
	}

	// A run whose code ran out without a closing: its line is added on
	// the first « bilan N », and only then.
	expired := expiredRun(t)
	for i, want := range []string{"Sa ligne est ajoutée au fichier des bilans", "Sa ligne est déjà dans le fichier des bilans"} {
		stdin = strings.NewReader("4826\n")
		out.Reset()
		if code := run([]string{"mediateur", "bilan", strconv.Itoa(int(expired)), "--lang", "fr"}, &out, &errb); code != 0 || !strings.Contains(out.String(), want) {
			t.Errorf("bilan %d, time %d: %d %q, want %q", expired, i+1, code, out.String(), want)
		}
	}
	b, _ = os.ReadFile(filepath.Join(dir, learning.BilansFile))
	rd = csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff"))))
	rd.Comma = ';'
	if rows, err := rd.ReadAll(); err != nil || len(rows) != 2 || rows[1][len(rows[1])-1] != strconv.Itoa(int(expired)) {
		t.Errorf("bilans file = %q, %v: want the expired run's line once", rows, err)
	}
}

// expiredRun opens a run five hours ago in the data folder, left to run
// out without a closing.
func expiredRun(t *testing.T) record.RunID {
	t.Helper()
	then := func() time.Time { return time.Now().Add(-5 * time.Hour) }
	path, err := progress.DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	st, err := progress.OpenWith(path, progress.Options{Now: then})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ctx := context.Background()
	app := learning.New(st, learning.Options{Now: then})
	ms, err := app.Mediators(ctx)
	if err != nil || len(ms) == 0 {
		t.Fatal(ms, err)
	}
	a := &lessons.Atelier{ID: "mails", Title: "Premiers mails", Level: "Débutant",
		Thematiques: []lessons.Thematique{{Label: "E-mail"}}, Parcours: []lessons.Ref{{ID: "mail-adresse"}}}
	r, err := app.OpenAtelier(ctx, ms[0].ID, a)
	if err != nil {
		t.Fatal(err)
	}
	return r.ID
}
