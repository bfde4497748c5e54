package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/lessons"
	"pasapas/tutor"
)

// dirList collects a repeatable --content flag.
type dirList []string

func (d *dirList) String() string     { return strings.Join(*d, ",") }
func (d *dirList) Set(v string) error { *d = append(*d, v); return nil }

// tutorOptions are the options of the tutor itself.
type tutorOptions struct {
	dirs                       *dirList
	theme                      *string
	mouse, version, accessible *bool
	idle                       *time.Duration
	store                      storeOptions
}

func tutorFlags(lang i18n.Lang) (*flag.FlagSet, tutorOptions) {
	fs := newFlags("pasapas", lang, "")
	fs.Usage = func() { printUsage(fs.Output(), lang) }
	o := tutorOptions{dirs: &dirList{}}
	fs.Var(o.dirs, "content", say(lang, "flag_content"))
	o.theme = fs.String("theme", "defaut", say(lang, "flag_theme"))
	o.mouse = fs.Bool("mouse", false, say(lang, "flag_mouse"))
	o.version = fs.Bool("version", false, say(lang, "flag_version"))
	o.idle = fs.Duration("idle-lock", tutor.DefaultIdleLock, say(lang, "flag_idle"))
	o.accessible = fs.Bool("accessible", os.Getenv("TERM") == "dumb", say(lang, "flag_accessible"))
	o.store = addStoreFlags(fs, lang)
	return fs, o
}

// runTutor starts the learner's interface.
func runTutor(args []string, lang i18n.Lang, stdout, stderr io.Writer) int {
	return startTutor(args, lang, stdout, stderr, false)
}

// runMediateur starts the same interface in the médiateur's space
// (pasapas mediateur); leaving the space goes to « Qui êtes-vous ? ».
func runMediateur(args []string, lang i18n.Lang, stdout, stderr io.Writer) int {
	// « pasapas mediateur attestation … »: the table's "mediateur WORD"
	// entries are the space's own sub-commands.
	if len(args) > 0 {
		if c := commandNamed("mediateur " + args[0]); c != nil {
			return c.run(args[1:], lang, stdout, stderr)
		}
	}
	return startTutor(args, lang, stdout, stderr, true)
}

func startTutor(args []string, lang i18n.Lang, stdout, stderr io.Writer, space bool) int {
	fs, o := tutorFlags(lang)
	dirs, theme, mouse, version, idle, accessible := o.dirs, o.theme, o.mouse, o.version, o.idle, o.accessible
	words, ok, code := parseFlags(fs, args, lang, stdout, stderr)
	if !ok {
		return code
	}
	if *version {
		fmt.Fprintln(stdout, "pasapas", versionString)
		return 0
	}
	if !noWords(words, lang, stderr) {
		return 2
	}
	// NO_COLOR (no-color.org): Bubble Tea drops the colours itself; the
	// tutor then uses the high-contrast theme for any look in colours, the
	// command line's or a profile's, so the focused line is shown by
	// reverse video rather than by colour. --lang and --theme, when given,
	// hold over each profile's own language and look for this run (see
	// tutor.Config.LangFixed).
	noColor := os.Getenv("NO_COLOR") != ""
	th, ok := tutor.ThemeByName(*theme)
	if !ok {
		fmt.Fprintf(stderr, "pasapas: %s\n", say(lang, "bad_theme", *theme, strings.Join(tutor.ThemeNames, ", ")))
		return 2
	}
	// The PC's file, or the place's server: while the server cannot be
	// reached, openStore says what to check and tries again.
	st, code := openStore(o.store, lang, stdout, stderr, true, 0)
	if st == nil {
		return code
	}
	defer st.close()
	// Atelier files are read from the content folders and from the
	// « ateliers » folder next to the progress file (docs/guide-mediateur.md).
	ateliers, ateliersDir := *dirs, ""
	if st.exportDir != "" {
		ateliersDir = filepath.Join(st.exportDir, "ateliers")
		if fi, err := os.Stat(filepath.Join(st.exportDir, "ateliers")); err == nil && fi.IsDir() {
			ateliers = append(slices.Clone(ateliers), filepath.Join(st.exportDir, "ateliers"))
		}
	}
	if *idle == 0 {
		*idle = -1 // the command line's 0 means never
	}
	// PASAPAS_TEST_NO_POLLING=1 is a test hook (docs/tests.md): on a store
	// that notifies (PostgreSQL), the group view is woken by its
	// notifications and its once-a-minute read, not by the 2 s poll, so an
	// end-to-end test proves the notifications work; SQLite is polled
	// anyway.
	app := learning.New(st.store, learning.Options{ExportDir: st.exportDir,
		NoPolling: os.Getenv("PASAPAS_TEST_NO_POLLING") == "1"})
	place := visitPlace(*o.store.place, st.server, os.Getenv("PASAPAS_PLACE"))
	// The library (most of the start-up) loads while « Qui êtes-vous ? »
	// is already on screen.
	load := func() *lessons.Library { return library(ateliers) }
	cfg := tutor.Config{LoadLibrary: load, Lang: lang, Theme: th, Mouse: *mouse, App: app, Notice: st.notice, IdleLock: *idle,
		LangFixed: flagSet(fs, "lang"), ThemeFixed: flagSet(fs, "theme"), NoColor: noColor, Space: space,
		IdleLockGiven: flagSet(fs, "idle-lock"), Place: place, AteliersDir: ateliersDir, Server: st.server}
	run := tutor.Run
	if *accessible {
		run = func(cfg tutor.Config) error { return tutor.RunAccessible(cfg, stdin, stdout) }
	}
	if err := run(cfg); err != nil {
		fmt.Fprintln(stderr, "pasapas:", err)
		return 1
	}
	return 0
}

// flagSet says whether a flag was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// visitPlace is the place a visit names: --place; on the place's server,
// its place (which pasapas.conf's « lieu = » may give); PASAPAS_PLACE;
// else this PC's name.
func visitPlace(flag, server, env string) string {
	for _, p := range []string{flag, server, env} {
		if p != "" {
			return p
		}
	}
	host, _ := os.Hostname()
	return host
}
