package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"pasapas/progress"
	"pasapas/record"
)

// copyServer is a fresh schema on the test server (PASAPAS_TEST_POSTGRES),
// as an address whose search_path is that schema; skips without a server
// except under CI.
func copyServer(t *testing.T) string {
	t.Helper()
	u := os.Getenv("PASAPAS_TEST_POSTGRES")
	if u == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("PostgreSQL: PASAPAS_TEST_POSTGRES not set under CI=true")
		}
		t.Skip("PostgreSQL: PASAPAS_TEST_POSTGRES not set (bash .ci/run sets it; or: .ci/postgres start DIR && . DIR/env)")
	}
	ctx := context.Background()
	name := fmt.Sprintf("cmd_copy_%d", time.Now().UnixNano())
	conn, err := pgx.Connect(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE SCHEMA "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn, err := pgx.Connect(ctx, u)
		if err == nil {
			conn.Exec(ctx, "DROP SCHEMA "+name+" CASCADE")
			conn.Close(ctx)
		}
	})
	sep := "?"
	if strings.Contains(u, "?") {
		sep = "&"
	}
	return u + sep + "search_path=" + name
}

func TestStoreCopyCommand(t *testing.T) {
	url := copyServer(t)
	t.Setenv("PGPASSFILE", filepath.Join(t.TempDir(), "none"))
	dir := t.TempDir()
	ctx := context.Background()
	var files []string
	for i, names := range [][]string{{"Marie Dupont", "Karim"}, {"Marie DUPONT", "Louis"}} {
		f := filepath.Join(dir, fmt.Sprintf("pc%d.db", i+1))
		s, err := progress.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		var sophie record.Mediator
		if i == 0 {
			if sophie, err = s.CreateMediator(ctx, 0, "Sophie", "739154"); err != nil {
				t.Fatal(err)
			}
			if err := s.SetStructure(ctx, sophie.ID, "Médiathèque\x1b[31m des Tilleuls"); err != nil {
				t.Fatal(err)
			}
		}
		for _, n := range names {
			l, err := s.CreateLearner(ctx, n, "", record.Prefs{})
			if err != nil {
				t.Fatal(err)
			}
			if n == "Karim" {
				if err := s.SetSharing(ctx, l.ID, true); err != nil {
					t.Fatal(err)
				}
				if err := s.SetCall(ctx, l.ID, true); err != nil {
					t.Fatal(err)
				}
			}
			if _, err := s.RecordAnswer(ctx, record.Answer{Learner: l.ID, Question: "q1", Variant: "q1", Given: "1",
				Result: record.Correct}); err != nil {
				t.Fatal(err)
			}
		}
		s.Close()
		files = append(files, f)
	}
	if err := os.Mkdir(filepath.Join(dir, "ateliers"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ateliers", "mails.yaml"), []byte("titre: Mails\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	args := []string{"store", "copy", "--from", files[0], "--from", files[1], "--to", url, "--place", "Médiathèque", "--lang", "fr"}
	var out, errs bytes.Buffer
	if code := run(args, &out, &errs); code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out.String(), errs.String())
	}
	for _, want := range []string{"pc1.db : copié pour la première fois", "apprenants ajoutés : 2 ; déjà là : 0",
		"réponses : 2 ;", "(rien n'a été fusionné ; groupes : 1)", "« Marie Dupont »", "« Marie DUPONT »",
		"n° ", "espace médiateur — comptes de médiateur ajoutés : 1 ; accords de partage : 1 ; profils archivés : 0 ; lignes du journal : 2",
		"Nom de la structure repris du PC : « Médiathèque<U+001B>[31m des Tilleuls ».",
		"appels du médiateur en cours sur le PC, pas copiés : personne n'attend plus à ce PC (1)"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("summary without %q:\n%s", want, out.String())
		}
	}
	// A first copy has no "since the last copy" counts; the prepared
	// ateliers next to the files are said once; what to do next ends it.
	for _, c := range []struct {
		want string
		n    int
	}{{"depuis la dernière copie", 0}, {"Les ateliers préparés de ce PC sont des fichiers, dans le dossier " + filepath.Join(dir, "ateliers"), 1},
		{"Ensuite : sur chaque PC du lieu, donnez l'adresse du serveur et le lieu", 1}} {
		if got := strings.Count(out.String(), c.want); got != c.n {
			t.Errorf("%q said %d times, want %d:\n%s", c.want, got, c.n, out.String())
		}
	}
	if strings.Contains(out.String(), "\x1b") {
		t.Errorf("a control character from the file reached the output:\n%q", out.String())
	}
	out.Reset()
	if code := run(args, &out, &errs); code != 0 {
		t.Fatalf("second run: exit %d\n%s", code, errs.String())
	}
	if strings.Count(out.String(), "déjà copié, rien de nouveau depuis") != 2 || strings.Contains(out.String(), "Ensuite") {
		t.Errorf("second run:\n%s", out.String())
	}

	// The same file into another place: copied, and said.
	out.Reset()
	other := []string{"store", "copy", "--from", files[0], "--to", url, "--place", "Espace Nord", "--lang", "fr"}
	if code := run(other, &out, &errs); code != 0 || !strings.Contains(out.String(), "déjà été copié dans le lieu « Médiathèque »") {
		t.Errorf("another place: exit %d\n%s", code, out.String())
	}

	// A password in the address is refused before anything is read.
	out.Reset()
	errs.Reset()
	bad := []string{"store", "copy", "--from", files[0], "--to", "postgres://u:secret@h/db", "--place", "X", "--lang", "fr"}
	if code := run(bad, &out, &errs); code != 2 || !strings.Contains(errs.String(), "mot de passe") {
		t.Errorf("password in the address: exit %d, %q", code, errs.String())
	}
}

// A file name with control characters (a window title, a bell) reaches
// neither output when the file cannot be read: it is shown visible.
func TestStoreCopyUnreadableNameVisible(t *testing.T) {
	path := filepath.Join(t.TempDir(), "pc\x1b]0;titre\a.db")
	if err := os.WriteFile(path, []byte("pas une base"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errs bytes.Buffer
	args := []string{"store", "copy", "--from", path, "--to", "postgres://localhost/pasapas", "--place", "X", "--lang", "fr"}
	if code := run(args, &out, &errs); code == 0 {
		t.Fatalf("an unreadable file copied:\n%s", out.String())
	}
	if all := out.String() + errs.String(); strings.ContainsAny(all, "\x1b\a") || !strings.Contains(all, "<U+001B>") {
		t.Errorf("the file's name reached the output as it is:\n%q", all)
	}
}

// A file the person named wrongly is said in words they can act on: no such
// file, a folder (with the pasapas.db inside it, if there is one), a file of
// another program. The technical line stays on one line. Nothing needs a
// server: the files are read before it is reached.
func TestStoreCopyUnreadableSaysWhy(t *testing.T) {
	dir := t.TempDir()
	text := filepath.Join(dir, "notes.txt")
	if err := os.WriteFile(text, []byte("des notes\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	withDB := filepath.Join(dir, "pc1")
	s, err := progress.Open(filepath.Join(withDB, "pasapas.db"))
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	empty := filepath.Join(dir, "vide")
	if err := os.Mkdir(empty, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		from, want string
	}{
		{filepath.Join(dir, "absent.db"), "ce fichier n'existe pas. Vérifiez son nom et son dossier."},
		{text, "ce n'est pas un fichier de progrès de Pas à pas."},
		{withDB, "c'est un dossier. Donnez plutôt le fichier " + filepath.Join(withDB, "pasapas.db") + ", qui est dedans."},
		{empty, "c'est un dossier. Donnez le fichier pasapas.db du PC"},
	} {
		var out, errs bytes.Buffer
		args := []string{"store", "copy", "--from", c.from, "--to", "postgres://localhost/pasapas", "--place", "X", "--lang", "fr"}
		if code := run(args, &out, &errs); code != 1 {
			t.Errorf("%s: exit %d, want 1", c.from, code)
		}
		if !strings.Contains(errs.String(), c.want) || !strings.Contains(errs.String(), "Rien n'a été copié.") {
			t.Errorf("%s: %q\nwant %q", c.from, errs.String(), c.want)
		}
		if lines := strings.Count(strings.TrimSpace(errs.String()), "\n"); lines != 1 {
			t.Errorf("%s: %d lines, want a message and one technical line:\n%s", c.from, lines+1, errs.String())
		}
	}
}

// The technical line is one line, whatever the driver wrote, and shows
// control characters visible.
func TestDetailLine(t *testing.T) {
	for _, c := range []struct{ err, want string }{
		{"failed to connect:\n\t127.0.0.1:5999: refused\n\t127.0.0.1:5999: refused", "  ( failed to connect: 127.0.0.1:5999: refused 127.0.0.1:5999: refused )"},
		{"lookup serveur\x1b[31m: no such host", "  ( lookup serveur<U+001B>[31m: no such host )"},
	} {
		if got := detailLine(errors.New(c.err)); got != c.want {
			t.Errorf("detailLine(%q) = %q, want %q", c.err, got, c.want)
		}
	}
}
