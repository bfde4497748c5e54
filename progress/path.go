package progress

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// FileName is the name of the progress file inside the data directory.
const FileName = "pasapas.db"

// HomeEnv names the variable that chooses the data directory: a portable
// install on a USB stick, a test, or a médiateur who wants the file elsewhere.
const HomeEnv = "PASAPAS_HOME"

// appDir is the folder created inside the system's per-user data folder.
const appDir = "pasapas"

// DefaultPath returns where the progress file lives on this computer:
// $PASAPAS_HOME/pasapas.db when the variable is set, otherwise the user's data
// folder (see DataDir). It does not create anything; Open does.
func DefaultPath() (string, error) {
	dir, err := DataDir(runtime.GOOS, os.Getenv, os.UserHomeDir)
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, FileName), nil
}

// DataDir resolves the data directory for the operating system goos, reading
// the environment through getenv and the home folder through home (injected so
// every platform's rule can be tested anywhere):
//
//   - PASAPAS_HOME, made absolute, when set;
//   - Linux and other Unix: $XDG_DATA_HOME/pasapas, or ~/.local/share/pasapas
//     (a relative XDG_DATA_HOME is ignored, as the XDG specification asks);
//   - macOS: ~/Library/Application Support/pasapas;
//   - Windows: %LOCALAPPDATA%\pasapas. Local, not Roaming: on a domain PC a
//     roaming profile would carry the file to other machines and sync it
//     half-written.
//
// The standard library is enough here: os.UserConfigDir points at the config
// folder (Roaming on Windows), and a dependency such as adrg/xdg would bring
// many folders we do not use for these few lines.
func DataDir(goos string, getenv func(string) string, home func() (string, error)) (string, error) {
	if h := getenv(HomeEnv); h != "" {
		abs, err := filepath.Abs(h)
		if err != nil {
			return "", fmt.Errorf("progress: %s=%q: %w", HomeEnv, h, err)
		}
		return abs, nil
	}
	switch goos {
	case "windows":
		if d := getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, appDir), nil
		}
		h, err := homeDir(home)
		if err != nil {
			return "", err
		}
		return filepath.Join(h, "AppData", "Local", appDir), nil
	case "darwin", "ios":
		h, err := homeDir(home)
		if err != nil {
			return "", err
		}
		return filepath.Join(h, "Library", "Application Support", appDir), nil
	default:
		if d := getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
			return filepath.Join(d, appDir), nil
		}
		h, err := homeDir(home)
		if err != nil {
			return "", err
		}
		return filepath.Join(h, ".local", "share", appDir), nil
	}
}

func homeDir(home func() (string, error)) (string, error) {
	h, err := home()
	if err == nil && h == "" {
		err = errors.New("empty home directory")
	}
	if err != nil {
		return "", fmt.Errorf("progress: no folder for the progress file (set %s): %w", HomeEnv, err)
	}
	return h, nil
}
