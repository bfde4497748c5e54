package progress

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
)

// writeFileAtomic writes a file through a temporary file in the same folder,
// fsynced and renamed over the target, then fsyncs the folder: a crash or a
// pulled USB stick leaves the old file or the new one, never half of one.
func writeFileAtomic(path string, write func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp") // created 0600
	if err != nil {
		return fmt.Errorf("progress: writing %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := write(f); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("progress: writing %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("progress: writing %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("progress: writing %s: %w", path, err)
	}
	if runtime.GOOS != "windows" { // Windows cannot open a folder to sync it
		if d, err := os.Open(dir); err == nil {
			d.Sync()
			d.Close()
		}
	}
	return nil
}
