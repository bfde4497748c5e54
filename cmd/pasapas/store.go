package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/lessons"
	"pasapas/progress"
	"pasapas/progress/postgres"
)

// storeOptions choose where progress is kept: this PC's file (the default)
// or a place's PostgreSQL server. Each is read from its option, else from
// the environment (PASAPAS_STORE, PASAPAS_PLACE), else from the PC's
// configuration file (pasapas.conf in the data folder), so an IT person
// sets them once per PC.
type storeOptions struct {
	store, place *string
}

// addStoreFlags declares --store and --place on a command that opens a
// store (the tutor, calibrate).
func addStoreFlags(fs *flag.FlagSet, lang i18n.Lang) storeOptions {
	return storeOptions{
		store: fs.String("store", "", say(lang, "flag_store")),
		place: fs.String("place", "", say(lang, "flag_place")),
	}
}

// confName is the PC's configuration file, in the data folder: lines
// "serveur = postgres://…" and "lieu = …" (or store, place); # starts a
// comment.
const confName = "pasapas.conf"

// readConf reads the configuration file of the data folder dir; a missing
// file is an empty configuration.
func readConf(dir string) (map[string]string, error) {
	f, err := os.Open(filepath.Join(dir, confName))
	if errors.Is(err, os.ErrNotExist) {
		return map[string]string{}, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		k = strings.ToLower(strings.TrimSpace(k))
		switch k {
		case "serveur":
			k = "store"
		case "lieu":
			k = "place"
		}
		out[k] = strings.Trim(strings.TrimSpace(v), `"`)
	}
	return out, sc.Err()
}

// storeChoice is what the options, the environment and the configuration
// file say, in that order of precedence.
type storeChoice struct {
	url, place string
}

func (o storeOptions) resolve(dataDir string) (storeChoice, error) {
	c := storeChoice{url: *o.store, place: *o.place}
	if c.url == "" {
		c.url = os.Getenv("PASAPAS_STORE")
	}
	if c.place == "" {
		c.place = os.Getenv("PASAPAS_PLACE")
	}
	if c.url == "" || c.place == "" {
		conf, err := readConf(dataDir)
		if err != nil {
			return c, err
		}
		if c.url == "" {
			c.url = conf["store"]
		}
		if c.place == "" {
			c.place = conf["place"]
		}
	}
	return c, nil
}

// startRetry is the wait between two tries to reach the server at start;
// startTries how many tries a command makes (0: until it works or Ctrl+C).
var startRetry = 5 * time.Second

// openedStore is a store opened for a command.
type openedStore struct {
	store     learning.Store
	close     func() error
	notice    string // the file's recovery message, if any
	exportDir string
	// server is the place's name when the store is the place's server; ""
	// for this PC's file. The médiateur's space says which (tutor.Config.Server).
	server string
}

// openStore opens the store the options choose: the PC's file by default
// (create: false makes a missing file "nothing to do", none created), or the
// place's server, trying again every startRetry while it cannot be reached
// (tries 0: until it works or Ctrl+C). code is the exit code when store is
// nil: 0 nothing to do, 1 failed, 2 a wrong command line.
func openStore(o storeOptions, lang i18n.Lang, stdout, stderr io.Writer, create bool, tries int) (*openedStore, int) {
	path, err := progress.DefaultPath()
	if err != nil {
		fmt.Fprintln(stderr, "pasapas:", progress.Explain(err, lang))
		return nil, 1
	}
	dir := filepath.Dir(path)
	c, err := o.resolve(dir)
	if err != nil {
		fmt.Fprintln(stderr, "pasapas:", say(lang, "conf_unreadable", filepath.Join(dir, confName), err))
		return nil, 1
	}
	if c.url == "" || c.url == "fichier" || c.url == "file" {
		if !create {
			if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
				return nil, 0
			}
		}
		s, err := progress.Open(path)
		if err != nil {
			fmt.Fprintln(stderr, "pasapas:", progress.Explain(err, lang))
			return nil, 1
		}
		notice := ""
		if r := s.Recovered(); r != nil {
			notice = r.Message(lang)
		}
		return &openedStore{store: s, close: s.Close, notice: notice, exportDir: dir}, 0
	}
	switch err := postgres.CheckURL(c.url); {
	case errors.Is(err, postgres.ErrPasswordInURL):
		fmt.Fprintln(stderr, "pasapas:", say(lang, "store_password"))
		return nil, 2
	case err != nil:
		fmt.Fprintln(stderr, "pasapas:", say(lang, "store_bad", c.url))
		return nil, 2
	}
	if strings.TrimSpace(c.place) == "" {
		fmt.Fprintln(stderr, "pasapas:", say(lang, "store_no_place"))
		return nil, 2
	}
	if msg := checkPassFile(lang); msg != "" {
		fmt.Fprintln(stderr, "pasapas:", msg)
		return nil, 2
	}
	// Exports are written on this PC, in its data folder.
	if err := os.MkdirAll(dir, 0o700); err != nil {
		fmt.Fprintln(stderr, "pasapas:", err)
		return nil, 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	for try := 1; ; try++ {
		open, cancel := context.WithTimeout(ctx, 30*time.Second)
		s, err := postgres.Open(open, postgres.Options{URL: c.url, Place: c.place, FilesDir: dir})
		cancel()
		if err == nil {
			return &openedStore{store: s, close: s.Close, exportDir: dir, server: c.place}, 0
		}
		if errors.Is(err, postgres.ErrNoPlace) {
			fmt.Fprintln(stderr, "pasapas:", say(lang, "store_no_place"))
			return nil, 2
		}
		if !postgres.IsUnreachable(err) || ctx.Err() != nil {
			fmt.Fprintln(stderr, "pasapas:", progress.Explain(err, lang))
			fmt.Fprintln(stderr, detailLine(err))
			return nil, 1
		}
		fmt.Fprintln(stderr, say(lang, "server_unreachable", serverName(c.url)))
		fmt.Fprintln(stderr, detailLine(err))
		if tries > 0 && try >= tries {
			return nil, 1
		}
		fmt.Fprintln(stderr, say(lang, "server_retry", int(startRetry/time.Second), try))
		select {
		case <-time.After(startRetry):
		case <-ctx.Done():
			return nil, 1
		}
	}
}

// serverName is host:port/database of a server's address, for messages.
func serverName(url string) string {
	rest := url[strings.Index(url, "://")+3:]
	if at := strings.Index(rest, "@"); at >= 0 {
		rest = rest[at+1:]
	}
	if q := strings.Index(rest, "?"); q >= 0 {
		rest = rest[:q]
	}
	return rest
}

// checkPassFile refuses, as libpq does, a password file others may read:
// on a shared PC, the server's password would be theirs.
// detailLine is the technical line under a message, for whoever fixes the
// problem: the error on one line (the driver's errors run over several,
// with tabs), its control characters shown visible, since it may carry a
// name typed by hand or a server's own words.
func detailLine(err error) string {
	return "  ( " + lessons.Visible(strings.Join(strings.Fields(err.Error()), " ")) + " )"
}

func checkPassFile(lang i18n.Lang) string {
	if runtime.GOOS == "windows" {
		return ""
	}
	path := os.Getenv("PGPASSFILE")
	if path == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return ""
		}
		path = filepath.Join(home, ".pgpass")
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm()&0o077 == 0 {
		return ""
	}
	return say(lang, "passfile_open", path, fi.Mode().Perm())
}
