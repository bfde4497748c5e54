package progress

import (
	"errors"
	"path/filepath"
	"testing"
)

func TestDataDir(t *testing.T) {
	home := func() (string, error) { return "/home/lea", nil }
	noHome := func() (string, error) { return "", errors.New("no HOME") }
	abs := func(p string) string { a, _ := filepath.Abs(p); return a }
	tests := []struct {
		name string
		goos string
		env  map[string]string
		home func() (string, error)
		want string // "" when an error is expected
	}{
		{"PASAPAS_HOME wins", "linux", map[string]string{"PASAPAS_HOME": "/media/cle/pasapas", "XDG_DATA_HOME": "/x"}, home, "/media/cle/pasapas"},
		{"PASAPAS_HOME relative made absolute", "linux", map[string]string{"PASAPAS_HOME": "cle"}, noHome, abs("cle")},
		{"PASAPAS_HOME needs no home", "windows", map[string]string{"PASAPAS_HOME": "/p"}, noHome, "/p"},
		{"linux XDG_DATA_HOME", "linux", map[string]string{"XDG_DATA_HOME": "/data"}, home, filepath.Join("/data", "pasapas")},
		{"linux relative XDG ignored", "linux", map[string]string{"XDG_DATA_HOME": "data"}, home, filepath.Join("/home/lea", ".local", "share", "pasapas")},
		{"linux default", "linux", nil, home, filepath.Join("/home/lea", ".local", "share", "pasapas")},
		{"freebsd like linux", "freebsd", nil, home, filepath.Join("/home/lea", ".local", "share", "pasapas")},
		{"macOS", "darwin", map[string]string{"XDG_DATA_HOME": "/data"}, home, filepath.Join("/home/lea", "Library", "Application Support", "pasapas")},
		{"windows LOCALAPPDATA", "windows", map[string]string{"LOCALAPPDATA": `C:\Users\lea\AppData\Local`, "APPDATA": "roaming"}, home, filepath.Join(`C:\Users\lea\AppData\Local`, "pasapas")},
		{"windows without LOCALAPPDATA", "windows", nil, home, filepath.Join("/home/lea", "AppData", "Local", "pasapas")},
		{"linux without home", "linux", nil, noHome, ""},
		{"macOS empty home", "darwin", nil, func() (string, error) { return "", nil }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := DataDir(tt.goos, func(k string) string { return tt.env[k] }, tt.home)
			if tt.want == "" {
				if err == nil {
					t.Fatalf("DataDir = %q, want an error", got)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("DataDir = %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

func TestDefaultPathHonoursPASAPAS_HOME(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(HomeEnv, dir)
	got, err := DefaultPath()
	if err != nil || got != filepath.Join(dir, FileName) {
		t.Fatalf("DefaultPath = %q, %v; want %q", got, err, filepath.Join(dir, FileName))
	}
}
