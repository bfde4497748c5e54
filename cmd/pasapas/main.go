// Command pasapas is the Pas à pas tutor: it starts the learner's interface,
// and its sub-commands check content and run the adaptive-engine simulation.
// This file only reads flags and wires the packages together.
//
// The command line uses the standard library's flag package: four
// sub-commands do not need a framework, and every word of help must be in
// French (or English), which a framework's built-in English texts would get
// in the way of.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"pasapas/i18n"
)

// versionString is set at build time with -ldflags "-X main.versionString=…".
var versionString = "0.1.0-dev"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one invocation and returns the exit code: 0 success, 1 the
// work found problems (content errors), 2 the command line was wrong.
func run(args []string, stdout, stderr io.Writer) int {
	lang := langFromArgs(args)
	if len(args) > 0 {
		switch args[0] {
		case "check":
			return runCheck(args[1:], lang, stdout, stderr)
		case "schema":
			return runSchema(stdout, stderr)
		case "help":
			printUsage(stdout, lang)
			return 0
		case "version":
			fmt.Fprintln(stdout, "pasapas", versionString)
			return 0
		}
	}
	return runTutor(args, lang, stdout, stderr)
}

// langFromArgs finds --lang early, so that even flag errors are reported in
// the right language; otherwise the environment's language decides.
func langFromArgs(args []string) i18n.Lang {
	for i, a := range args {
		var v string
		switch {
		case a == "--lang" || a == "-lang":
			if i+1 < len(args) {
				v = args[i+1]
			}
		case len(a) > 7 && (a[:7] == "--lang=" || a[:6] == "-lang="):
			_, v, _ = cutEq(a)
		}
		if l, ok := i18n.Parse(v); ok {
			return l
		}
	}
	return i18n.FromEnv(os.Getenv)
}

func cutEq(s string) (string, string, bool) {
	for i := range len(s) {
		if s[i] == '=' {
			return s[:i], s[i+1:], true
		}
	}
	return s, "", false
}

// newFlags makes a flag set that reports errors in our words and exits
// through run's return code, never through os.Exit.
func newFlags(name string, lang i18n.Lang, stderr io.Writer, usage func()) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = usage
	fs.String("lang", string(lang), say(lang, "flag_lang"))
	return fs
}

// parseFlags parses, prints a plain message on error, and says what to do.
func parseFlags(fs *flag.FlagSet, args []string, lang i18n.Lang, stdout, stderr io.Writer) (ok bool, code int) {
	err := fs.Parse(args)
	switch {
	case err == nil:
		return true, 0
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(stdout)
		fs.Usage()
		return false, 0
	default:
		fmt.Fprintf(stderr, "pasapas: %v\n%s\n", err, say(lang, "see_help"))
		return false, 2
	}
}

func printUsage(w io.Writer, lang i18n.Lang) {
	fmt.Fprint(w, say(lang, "usage"))
}
