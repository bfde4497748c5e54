// Command pasapas is the Pas à pas tutor: it starts the learner's interface,
// and its sub-commands check content, run the adaptive-engine simulation and
// re-calibrate the questions' difficulties.
// This file only reads flags and wires the packages together.
//
// The command line uses the standard library's flag package: a handful of
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
	"slices"
	"strings"
	"time"

	"pasapas/i18n"
	"pasapas/lessons"
)

// versionString is set at build time with -ldflags "-X main.versionString=…".
var versionString = "0.1.0-dev"

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one invocation and returns the exit code: 0 success, 1 the
// work found problems (content errors), 2 the command line was wrong.
// stdin is where the accessible mode reads the learner's lines; tests
// replace it.
var stdin io.Reader = os.Stdin

func run(args []string, stdout, stderr io.Writer) int {
	lang := langFromArgs(args)
	args = commandFirst(args)
	if len(args) > 0 {
		switch args[0] {
		case "check":
			return runCheck(args[1:], lang, stdout, stderr)
		case "schema":
			return runSchema(stdout, stderr)
		case "sim":
			return runSim(args[1:], lang, stdout, stderr)
		case "calibrate":
			return runCalibrate(args[1:], lang, stdout, stderr)
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

// commands are the sub-commands; the rest of the words start the tutor.
var commands = []string{"check", "sim", "calibrate", "schema", "help", "version"}

// commandFirst moves a sub-command written after global options to the
// front: "pasapas --lang en check" works like "pasapas check --lang en".
func commandFirst(args []string) []string {
	for i, a := range args {
		if !strings.HasPrefix(a, "-") {
			if i > 0 && takesValue(args[i-1]) {
				continue
			}
			if i > 0 && slices.Contains(commands, a) {
				return append(append([]string{a}, args[:i]...), args[i+1:]...)
			}
			return args
		}
	}
	return args
}

// takesValue says whether a flag written without "=" takes the next word.
func takesValue(flag string) bool {
	switch strings.TrimLeft(flag, "-") {
	case "lang", "theme", "content", "idle-lock", "bank", "method", "learners", "seed", "draw", "max-items", "population", "theta":
		return true
	}
	return false
}

// parseInterspersed parses flags written before, between or after the other
// words: "check DOSSIER --strict" works, as authors type it.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var words []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return words, nil
		}
		words = append(words, rest[0])
		args = rest[1:]
	}
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

// parseFlags parses options anywhere among the words, prints a plain
// message on error, and returns the words.
func parseFlags(fs *flag.FlagSet, args []string, lang i18n.Lang, stdout, stderr io.Writer) (words []string, ok bool, code int) {
	words, err := parseInterspersed(fs, args)
	switch {
	case err == nil:
		return words, true, 0
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(stdout)
		fs.Usage()
		return nil, false, 0
	default:
		fmt.Fprintf(stderr, "pasapas: %s\n%s\n", flagError(lang, err), say(lang, "see_help"))
		return nil, false, 2
	}
}

// noWords refuses words left after the options of a sub-command that takes
// none: the user mistyped a command or an option.
func noWords(words []string, lang i18n.Lang, stderr io.Writer) bool {
	if len(words) == 0 {
		return true
	}
	fmt.Fprintf(stderr, "pasapas: %s\n%s\n", say(lang, "unknown_command", words[0]), say(lang, "see_help"))
	return false
}

// library loads the built-in content and the --content folders, as the
// tutor and "calibrate" see it.
func library(dirs []string) *lessons.Library {
	trees := []lessons.Tree{lessons.Builtin()}
	for _, d := range dirs {
		trees = append(trees, lessons.Dir(d))
	}
	return lessons.Load(lessons.Options{Today: time.Now()}, trees...)
}

// flagError says the flag package's usual complaints in the user's
// language.
func flagError(lang i18n.Lang, err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return say(lang, "unknown_flag", name)
	}
	if rest, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return say(lang, "flag_needs_value", rest)
	}
	if strings.HasPrefix(msg, "invalid value ") || strings.HasPrefix(msg, "invalid boolean value ") {
		return say(lang, "flag_bad_value", msg)
	}
	return msg
}

func printUsage(w io.Writer, lang i18n.Lang) {
	fmt.Fprint(w, say(lang, "usage"))
}
