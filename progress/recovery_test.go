package progress

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"pasapas/i18n"
)

// filledFile makes a healthy progress file with enough answers to span many
// pages, closed so that everything is in the main file.
func filledFile(t *testing.T, path string) {
	t.Helper()
	s := openTest(t, path, nil)
	l := mustLearner(t, s, "Marcel", "")
	for i := range 300 {
		mustAnswer(t, s, Answer{Learner: l.ID, Question: "q-" + strings.Repeat("x", i%50)})
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); !os.IsNotExist(err) {
		t.Fatalf("the journal is still there after close: %v", err)
	}
}

func TestDamagedFileMovedAside(t *testing.T) {
	const stamp = ".corrompu-20260314-101530" // newClock's time
	tests := []struct {
		name      string
		damage    func(t *testing.T, path string)
		wantMoved []string // suffixes moved beside the target
		target    string   // suffix of the copy's name
	}{
		{"text instead of a database", func(t *testing.T, path string) {
			write(t, path, bytes.Repeat([]byte("ceci n'est pas une base de données\n"), 200))
		}, []string{""}, stamp},
		{"random bytes", func(t *testing.T, path string) {
			b := make([]byte, 16384)
			r := rand.New(rand.NewPCG(1, 2))
			for i := range b {
				b[i] = byte(r.IntN(256))
			}
			write(t, path, b)
		}, []string{""}, stamp},
		{"a page overwritten in the middle", func(t *testing.T, path string) {
			filledFile(t, path)
			b := read(t, path)
			page := len(b) / 4096 / 2
			copy(b[page*4096:(page+1)*4096], bytes.Repeat([]byte{0xff}, 4096))
			write(t, path, b)
		}, []string{""}, stamp},
		{"file cut in half", func(t *testing.T, path string) {
			filledFile(t, path)
			b := read(t, path)
			write(t, path, b[:len(b)/2])
		}, []string{""}, stamp},
		{"damaged file with its journal", func(t *testing.T, path string) {
			write(t, path, bytes.Repeat([]byte{0}, 8192))
			write(t, path+"-wal", []byte("journal abîmé"))
		}, []string{"", "-wal"}, stamp},
		{"a copy from the same second already there", func(t *testing.T, path string) {
			write(t, path+stamp, []byte("copie précédente"))
			write(t, path, []byte("abîmé"))
		}, []string{""}, stamp + "-2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tempPath(t)
			os.MkdirAll(filepath.Dir(path), 0o700)
			tt.damage(t, path)
			before := map[string]string{}
			for _, suf := range tt.wantMoved {
				before[suf] = fileHash(t, path+suf)
			}

			s := openTest(t, path, nil)
			r := s.Recovered()
			if r == nil {
				t.Fatal("a damaged file was opened without recovery")
			}
			if r.MovedTo != path+tt.target || r.Path != path || r.Cause == "" {
				t.Errorf("recovery = %+v, want the copy at %s", r, path+tt.target)
			}
			// SQLite may have made an empty -wal or -shm while reading a
			// file in WAL mode: those go along, beside the ones that were
			// there.
			for _, suf := range tt.wantMoved {
				if !slices.Contains(r.Moved, r.MovedTo+suf) {
					t.Errorf("moved %v, want %s among them", r.Moved, r.MovedTo+suf)
				}
				if got := fileHash(t, r.MovedTo+suf); got != before[suf] {
					t.Errorf("copy %s: content changed or missing", r.MovedTo+suf)
				}
			}
			fr, en := r.Message(i18n.FR), r.Message(i18n.EN)
			if !strings.Contains(fr, r.MovedTo) || !strings.Contains(fr, "abîmé") || !strings.Contains(fr, "nouveau fichier") {
				t.Errorf("French message does not say what happened and where: %q", fr)
			}
			if !strings.Contains(en, r.MovedTo) || !strings.Contains(en, "damaged") {
				t.Errorf("English message: %q", en)
			}

			// The fresh file works, and the next start finds nothing wrong.
			ctx := context.Background()
			mustLearner(t, s, "Léa", "")
			list, err := s.Learners(ctx)
			if err != nil || len(list) != 1 {
				t.Fatalf("fresh file: learners %v, %v", list, err)
			}
			s.Close()
			if again := openTest(t, path, nil).Recovered(); again != nil {
				t.Fatalf("second open recovered again: %+v", again)
			}
			if got := integrity(t, path); got != "ok" {
				t.Fatalf("integrity_check = %q", got)
			}
		})
	}
}

func TestRefusedFilesLeftUntouched(t *testing.T) {
	tests := []struct {
		name    string
		make    func(t *testing.T, path string)
		want    error
		message string // in the French explanation
	}{
		{"newer schema in the main file", func(t *testing.T, path string) {
			filledFile(t, path)
			db := rawDB(t, path)
			mustExec(t, db, "PRAGMA user_version = 99")
			db.Close()
		}, ErrNewerSchema, "plus récente"},
		{"newer schema only in the journal", func(t *testing.T, path string) {
			// A newer version that crashed before folding its journal
			// into the main file: the main file's header still says 1.
			src := filepath.Join(t.TempDir(), FileName)
			filledFile(t, src)
			db := rawDB(t, src)
			mustExec(t, db, "PRAGMA wal_autocheckpoint = 0")
			mustExec(t, db, "PRAGMA user_version = 99")
			write(t, path, read(t, src))
			write(t, path+"-wal", read(t, src+"-wal"))
			db.Close()
			if v := headerVersion(t, path); v != SchemaVersion {
				t.Fatalf("fixture: main file header says %d, want %d", v, SchemaVersion)
			}
		}, ErrNewerSchema, "plus récente"},
		{"another program's file", func(t *testing.T, path string) {
			db := rawDB(t, path)
			mustExec(t, db, "PRAGMA application_id = 42")
			mustExec(t, db, "CREATE TABLE notes (x)")
			db.Close()
		}, ErrForeignFile, "pas un fichier de Pas à pas"},
		{"another program's file without an id", func(t *testing.T, path string) {
			db := rawDB(t, path)
			mustExec(t, db, "CREATE TABLE learners (x)")
			db.Close()
		}, ErrForeignFile, "pas un fichier de Pas à pas"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tempPath(t)
			os.MkdirAll(filepath.Dir(path), 0o700)
			tt.make(t, path)
			before := map[string]string{}
			for _, suf := range []string{"", "-wal"} {
				before[suf] = fileHash(t, path+suf)
			}

			s, err := OpenWith(path, Options{Now: newClock().Now})
			if err == nil {
				s.Close()
				t.Fatal("Open accepted the file")
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("Open: %v, want %v", err, tt.want)
			}
			for suf, h := range before {
				if got := fileHash(t, path+suf); got != h {
					t.Errorf("%s changed", FileName+suf)
				}
			}
			entries, _ := os.ReadDir(filepath.Dir(path))
			for _, e := range entries {
				if strings.Contains(e.Name(), "corrompu") {
					t.Errorf("a refused file was moved aside: %s", e.Name())
				}
			}
			if msg := Explain(err, i18n.FR); !strings.Contains(msg, tt.message) {
				t.Errorf("Explain = %q, want it to contain %q", msg, tt.message)
			}
			var se *SchemaError
			if errors.As(err, &se) && (se.Found != 99 || se.Known != SchemaVersion || !strings.Contains(se.Message(i18n.FR), path)) {
				t.Errorf("schema error = %+v, message %q", se, se.Message(i18n.FR))
			}
		})
	}
}

func headerVersion(t *testing.T, path string) int {
	t.Helper()
	b := read(t, path)
	return int(b[60])<<24 | int(b[61])<<16 | int(b[62])<<8 | int(b[63])
}

func read(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func write(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

func mustExec(t testing.TB, db *sql.DB, q string, args ...any) {
	t.Helper()
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}
