package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/learning/memstore"
	"pasapas/tutor"
)

// The presenter and fiche sub-commands' words, merged into messages.
func init() {
	for code, text := range presenterMessages {
		if _, dup := messages[code]; dup {
			panic("pasapas: message " + code + " defined twice")
		}
		messages[code] = text
	}
}

var presenterMessages = i18n.Table{
	"presenter_args":  {FR: "LEÇON [--content DOSSIER]", EN: "LESSON [--content DIR]"},
	"presenter_about": {FR: "projette une leçon en atelier, étape par étape (sans profil, rien n'est enregistré)", EN: "project a lesson in an atelier, step by step (no profile, nothing is saved)"},
	"lesson_missing":  {FR: "dites quelle leçon, par exemple : pasapas %s mail-adresse", EN: "say which lesson, for example: pasapas %s mail-adresse"},
	"too_many_words":  {FR: "une seule leçon à la fois : %s", EN: "one lesson at a time: %s"},
}

// presenterOptions are the options of pasapas presenter.
type presenterOptions struct {
	dirs       *dirList
	theme      *string
	accessible *bool
}

func presenterFlags(lang i18n.Lang) (*flag.FlagSet, presenterOptions) {
	fs := newFlags("pasapas presenter", lang, "")
	fs.Usage = func() { printUsage(fs.Output(), lang) }
	o := presenterOptions{dirs: &dirList{}}
	fs.Var(o.dirs, "content", say(lang, "flag_content"))
	o.theme = fs.String("theme", "defaut", say(lang, "flag_theme"))
	o.accessible = fs.Bool("accessible", os.Getenv("TERM") == "dumb", say(lang, "flag_accessible"))
	return fs, o
}

// lessonWord returns the one lesson id of a command line, or says what is
// wrong (exit 2).
func lessonWord(name string, words []string, lang i18n.Lang, stderr io.Writer) (string, bool) {
	switch len(words) {
	case 0:
		fmt.Fprintf(stderr, "pasapas: %s\n", say(lang, "lesson_missing", name))
		return "", false
	case 1:
		return words[0], true
	}
	fmt.Fprintf(stderr, "pasapas: %s\n", say(lang, "too_many_words", strings.Join(words, " ")))
	return "", false
}

// runPresenter projects a lesson: the no-session lesson runner, over a
// store in memory, so nothing of the atelier is written anywhere.
func runPresenter(args []string, lang i18n.Lang, stdout, stderr io.Writer) int {
	fs, o := presenterFlags(lang)
	words, ok, code := parseFlags(fs, args, lang, stdout, stderr)
	if !ok {
		return code
	}
	id, ok := lessonWord("presenter", words, lang, stderr)
	if !ok {
		return 2
	}
	if os.Getenv("NO_COLOR") != "" && !flagSet(fs, "theme") {
		*o.theme = "contraste"
	}
	th, ok := tutor.ThemeByName(*o.theme)
	if !ok {
		fmt.Fprintf(stderr, "pasapas: %s\n", say(lang, "bad_theme", *o.theme, strings.Join(tutor.ThemeNames, ", ")))
		return 2
	}
	app := learning.New(memstore.New(), learning.Options{})
	run := tutor.LessonRun{
		Config: tutor.Config{Library: library(*o.dirs), Lang: lang, Theme: th, App: app, IdleLock: -1},
		Lesson: id, Accessible: *o.accessible, In: stdin, Out: stdout,
	}
	if err := tutor.RunPresenter(run); err != nil {
		fmt.Fprintln(stderr, "pasapas:", err)
		var unknown *tutor.UnknownLessonError
		if errors.As(err, &unknown) {
			return 2
		}
		return 1
	}
	return 0
}
