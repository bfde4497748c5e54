package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/learning/memstore"
	"pasapas/lessons"
	"pasapas/tutor"
)

// previewOptions are the options of "pasapas preview".
type previewOptions struct {
	lesson, question, device, theme *string
}

func previewFlags(lang i18n.Lang) (*flag.FlagSet, previewOptions) {
	fs := newFlags("preview", lang, "preview_usage")
	return fs, previewOptions{
		lesson:   fs.String("lesson", "", say(lang, "flag_pv_lesson")),
		question: fs.String("question", "", say(lang, "flag_pv_question")),
		device:   fs.String("device", "", say(lang, "flag_pv_device")),
		theme:    fs.String("theme", "defaut", say(lang, "flag_theme")),
	}
}

// runPreview implements "pasapas preview PATH [--lesson ID | --question ID]
// [--device android|iphone|ordinateur]": the author's preview, with no
// learner and no progress file.
func runPreview(args []string, lang i18n.Lang, stdout, stderr io.Writer) int {
	fs, o := previewFlags(lang)
	words, ok, code := parseFlags(fs, args, lang, stdout, stderr)
	if !ok {
		return code
	}
	if len(words) != 1 {
		fmt.Fprintf(stderr, "pasapas: %s\n%s\n", say(lang, "preview_path"), say(lang, "see_help"))
		return 2
	}
	dir := words[0]
	if _, err := os.Stat(dir); err != nil {
		fmt.Fprintf(stderr, "pasapas: %s\n", say(lang, "no_path", dir))
		return 2
	}
	if *o.lesson != "" && *o.question != "" {
		fmt.Fprintf(stderr, "pasapas: %s\n", say(lang, "preview_both"))
		return 2
	}
	dev := lessons.Device(*o.device)
	if dev != "" && !validDevice(dev) {
		fmt.Fprintf(stderr, "pasapas: %s\n", say(lang, "bad_device", *o.device, devicesList()))
		return 2
	}
	th, ok := tutor.ThemeByName(*o.theme)
	if !ok {
		fmt.Fprintf(stderr, "pasapas: %s\n", say(lang, "bad_theme", *o.theme, strings.Join(tutor.ThemeNames, ", ")))
		return 2
	}
	load := func() *lessons.Library {
		return lessons.Load(lessons.Options{Today: time.Now()}, lessons.Builtin(), lessons.Dir(dir))
	}
	app := learning.New(memstore.New(), learning.Options{})
	cfg := tutor.Config{Library: load(), Lang: lang, Theme: th, App: app, IdleLock: -1}
	p := tutor.Preview{Path: dir, Load: load, Lesson: *o.lesson, Question: *o.question, Device: dev}
	if err := tutor.RunPreview(cfg, p); err != nil {
		fmt.Fprintln(stderr, "pasapas:", err)
		return 1
	}
	return 0
}

func validDevice(d lessons.Device) bool {
	for _, x := range lessons.Devices {
		if x == d {
			return true
		}
	}
	return false
}

func devicesList() string {
	var names []string
	for _, d := range lessons.Devices {
		names = append(names, string(d))
	}
	return strings.Join(names, ", ")
}
