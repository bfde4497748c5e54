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
	"strings"
	"time"
	"unicode/utf8"

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
		if c := commandNamed(args[0]); c != nil {
			return c.run(args[1:], lang, stdout, stderr)
		}
	}
	return runTutor(args, lang, stdout, stderr)
}

// command is a sub-command: the help, the command line's parsing and the
// dispatch all read this one table, so they cannot drift apart.
type command struct {
	name string
	// args and about are message codes: what follows the name on its help
	// line ("" for nothing), and what the command does.
	args, about string
	// flags declares its options (nil for none): the same function its run
	// parses with, so the command line knows which options take a value.
	flags func(lang i18n.Lang) *flag.FlagSet
	run   func(args []string, lang i18n.Lang, stdout, stderr io.Writer) int
}

// commands are the sub-commands, in the order the help lists them; the
// rest of the words start the tutor. It is filled in init, as help lists
// the table it is in.
var commands []command

func init() {
	commands = []command{
		{name: "check", args: "check_args", about: "check_about", run: runCheck,
			flags: func(l i18n.Lang) *flag.FlagSet { fs, _ := checkFlags(l); return fs }},
		{name: "preview", args: "preview_args", about: "preview_about", run: runPreview,
			flags: func(l i18n.Lang) *flag.FlagSet { fs, _ := previewFlags(l); return fs }},
		{name: "new", args: "new_args", about: "new_about", run: runNew, flags: newFlags_},
		{name: "referentiel", args: "ref_args", about: "ref_about", run: runReferentiel, flags: referentielFlags},
		{name: "schema", about: "schema_about", run: runSchema},
		{name: "sim", args: "options_help", about: "sim_about", run: runSim,
			flags: func(l i18n.Lang) *flag.FlagSet { fs, _ := simFlags(l); return fs }},
		{name: "calibrate", args: "calibrate_args", about: "calibrate_about", run: runCalibrate,
			flags: func(l i18n.Lang) *flag.FlagSet { fs, _ := calibrateFlags(l); return fs }},
		{name: "mediateur", args: "options_help", about: "mediateur_about", run: runMediateur,
			flags: func(l i18n.Lang) *flag.FlagSet { fs, _ := tutorFlags(l); return fs }},
		{name: "mediateur export", args: "mexport_args", about: "mexport_args_about", run: runMediateurExport,
			flags: func(l i18n.Lang) *flag.FlagSet { fs, _ := mexportFlags(l, "mexport_usage"); return fs }},
		{name: "mediateur bilan", args: "mbilan_args", about: "mbilan_args_about", run: runMediateurBilan,
			flags: func(l i18n.Lang) *flag.FlagSet { fs, _ := mexportFlags(l, "mbilan_usage"); return fs }},
		{name: "mediateur attestation", args: "att_args", about: "att_about", run: runAttestation,
			flags: func(l i18n.Lang) *flag.FlagSet { fs, _ := attestationFlags(l); return fs }},
		{name: "store", args: "store_args", about: "store_about", run: runStore,
			flags: func(l i18n.Lang) *flag.FlagSet { fs, _ := storeFlags(l); return fs }},
		{name: "presenter", args: "presenter_args", about: "presenter_about", run: runPresenter,
			flags: func(l i18n.Lang) *flag.FlagSet { fs, _ := presenterFlags(l); return fs }},
		{name: "fiche", args: "fiche_args", about: "fiche_about", run: runFiche,
			flags: func(l i18n.Lang) *flag.FlagSet { fs, _ := ficheFlags(l); return fs }},
		{name: "version", about: "version_about", run: runVersion},
		{name: "help", about: "help_about", run: runHelp},
	}
}

func commandNamed(name string) *command {
	for i := range commands {
		if commands[i].name == name {
			return &commands[i]
		}
	}
	return nil
}

func runVersion(_ []string, _ i18n.Lang, stdout, _ io.Writer) int {
	fmt.Fprintln(stdout, "pasapas", versionString)
	return 0
}

func runHelp(_ []string, lang i18n.Lang, stdout, _ io.Writer) int {
	printUsage(stdout, lang)
	return 0
}

// commandFirst moves a sub-command written after global options to the
// front: "pasapas --lang en check" works like "pasapas check --lang en".
func commandFirst(args []string) []string {
	for i, a := range args {
		if !strings.HasPrefix(a, "-") {
			if i > 0 && takesValue(args[i-1]) {
				continue
			}
			if i > 0 && commandNamed(a) != nil {
				return append(append([]string{a}, args[:i]...), args[i+1:]...)
			}
			return args
		}
	}
	return args
}

// takesValue says whether a flag written without "=" takes the next word:
// whether the tutor or any sub-command has an option of that name that is
// not a switch.
func takesValue(arg string) bool {
	name := strings.TrimLeft(arg, "-")
	if strings.Contains(name, "=") {
		return false
	}
	sets := []*flag.FlagSet{tutorFlagSet(i18n.FR)}
	for _, c := range commands {
		if c.flags != nil {
			sets = append(sets, c.flags(i18n.FR))
		}
	}
	for _, fs := range sets {
		if f := fs.Lookup(name); f != nil {
			b, isSwitch := f.Value.(interface{ IsBoolFlag() bool })
			return !isSwitch || !b.IsBoolFlag()
		}
	}
	return false
}

func tutorFlagSet(lang i18n.Lang) *flag.FlagSet { fs, _ := tutorFlags(lang); return fs }

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
		case strings.HasPrefix(a, "--lang=") || strings.HasPrefix(a, "-lang="):
			_, v, _ = strings.Cut(a, "=")
		}
		if l, ok := i18n.Parse(v); ok {
			return l
		}
	}
	return i18n.FromEnv(os.Getenv)
}

// newFlags makes a flag set that reports errors in our words and exits
// through run's return code, never through os.Exit. Its --help prints the
// message usage, then the options.
func newFlags(name string, lang i18n.Lang, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), say(lang, usage))
		printOptions(fs.Output(), lang, fs)
	}
	fs.String("lang", string(lang), say(lang, "flag_lang"))
	return fs
}

// parseFlags parses options anywhere among the words, prints a plain
// message on error, and returns the words.
func parseFlags(fs *flag.FlagSet, args []string, lang i18n.Lang, stdout, stderr io.Writer) (words []string, ok bool, code int) {
	words, err := parseInterspersed(fs, args)
	switch {
	case err == nil && !langKnown(fs):
		// --lang de: said, not silently replaced by French.
		fmt.Fprintf(stderr, "pasapas: %s\n%s\n", say(lang, "bad_lang", fs.Lookup("lang").Value.String()), say(lang, "see_help"))
		return nil, false, 2
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
	// The flag package names options with one dash; people type two.
	dashes := func(name string) string { return "--" + strings.TrimLeft(name, "-") }
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return say(lang, "unknown_flag", dashes(name))
	}
	if rest, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return say(lang, "flag_needs_value", dashes(rest))
	}
	// invalid value "5" for flag -idle-lock: parse error
	var value, name string
	if _, err := fmt.Sscanf(msg, "invalid value %q for flag %s", &value, &name); err == nil ||
		strings.HasPrefix(msg, "invalid boolean value ") && sscanBool(msg, &value, &name) {
		name = strings.TrimSuffix(name, ":")
		out := say(lang, "flag_bad_value", value, dashes(name))
		if hint := "flag_hint_" + strings.TrimLeft(name, "-"); hasWord(hint) {
			out += " " + say(lang, hint)
		}
		return out
	}
	return msg
}

// helpLine prints one entry of a help: its left part, then the explanation
// from column 34, folded to 80 columns.
func helpLine(w io.Writer, left, right string) {
	const col, width = 34, 80 // where the explanations start; the line's end
	if utf8.RuneCountInString(left) >= col {
		fmt.Fprintln(w, left)
		left = ""
	}
	pad := strings.Repeat(" ", col-utf8.RuneCountInString(left))
	for i, part := range fold(right, width-col) {
		if i > 0 {
			left, pad = "", strings.Repeat(" ", col)
		}
		fmt.Fprintln(w, left+pad+part)
	}
}

// printOptions prints a command's options as the main help does: "--name
// WORD" (the flag package's "-name value" and its English "(default …)"
// read as another program's), the default said in the user's language
// unless the explanation already gives it.
func printOptions(w io.Writer, lang i18n.Lang, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		left := "  --" + f.Name
		if hasWord("arg_" + f.Name) {
			left += " " + say(lang, "arg_"+f.Name)
		} else if b, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !b.IsBoolFlag() {
			left += " …"
		}
		usage := f.Usage
		switch {
		case f.Name == "lang": // its default is the language the help is in
		case f.DefValue == "" || f.DefValue == "false" || f.DefValue == "0" || f.DefValue == "0s":
		default:
			if !strings.Contains(usage, say(lang, "by_default")) {
				usage += " " + say(lang, "flag_default", f.DefValue)
			}
		}
		helpLine(w, left, usage)
	})
}

// printUsage prints the help, made from the table of sub-commands and the
// tutor's own options, folded to 80 columns.
func printUsage(w io.Writer, lang i18n.Lang) {
	line := func(left, right string) { helpLine(w, left, right) }
	fmt.Fprintf(w, "%s\n\n%s\n", say(lang, "usage_title"), say(lang, "usage_heading"))
	line("  pasapas "+say(lang, "options_help"), say(lang, "tutor_about"))
	for _, c := range commands {
		left := "  pasapas " + c.name
		if c.args != "" {
			left += " " + say(lang, c.args)
		}
		line(left, say(lang, c.about))
	}
	fmt.Fprintf(w, "\n%s\n", say(lang, "usage_options"))
	tutorFlagSet(lang).VisitAll(func(f *flag.Flag) {
		left := "  --" + f.Name
		if _, ok := messages["arg_"+f.Name]; ok {
			left += " " + say(lang, "arg_"+f.Name)
		}
		line(left, f.Usage)
	})
	fmt.Fprintf(w, "\n%s\n", say(lang, "usage_data"))
}

// fold cuts a text into lines of at most width characters, between words.
func fold(text string, width int) []string {
	var out []string
	cur := ""
	for _, word := range strings.Fields(text) {
		switch {
		case cur == "":
			cur = word
		case utf8.RuneCountInString(cur)+1+utf8.RuneCountInString(word) <= width:
			cur += " " + word
		default:
			out = append(out, cur)
			cur = word
		}
	}
	return append(out, cur)
}

// sscanBool reads the flag package's complaint about a boolean option.
func sscanBool(msg string, value, name *string) bool {
	_, err := fmt.Sscanf(msg, "invalid boolean value %q for %s", value, name)
	return err == nil
}

// langKnown says whether --lang, when given, names a language we speak.
func langKnown(fs *flag.FlagSet) bool {
	f := fs.Lookup("lang")
	if f == nil || !flagSet(fs, "lang") {
		return true
	}
	_, ok := i18n.Parse(f.Value.String())
	return ok
}
