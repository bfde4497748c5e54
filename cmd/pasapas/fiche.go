package main

import (
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"

	"pasapas/fiche"
	"pasapas/i18n"
	"pasapas/sheet"
)

func init() {
	for code, text := range ficheMessages {
		if _, dup := messages[code]; dup {
			panic("pasapas: message " + code + " defined twice")
		}
		messages[code] = text
	}
}

var ficheMessages = i18n.Table{
	"fiche_args":     {FR: "LEÇON [--content DOSSIER] [--out FICHIER]", EN: "LESSON [--content DIR] [--out FILE]"},
	"fiche_about":    {FR: "écrit la fiche à imprimer d'une leçon (page HTML, A4) : les étapes à cocher, À retenir, Attention, l'aide, des lignes pour les notes", EN: "write a lesson's printable handout (HTML page, A4): steps to tick, To remember, Be careful, help, lines for notes"},
	"flag_fiche_out": {FR: "le fichier à écrire (par défaut fiche-LEÇON.html ici ; - pour la sortie standard)", EN: "the file to write (default fiche-LESSON.html here; - for standard output)"},
	"fiche_written":  {FR: "Fiche écrite : %s\nOuvrez-la dans un navigateur, puis Imprimer (A4).", EN: "Handout written: %s\nOpen it in a browser, then Print (A4)."},
	"fiche_unknown":  {FR: "aucune leçon ne s'appelle « %s ». Les leçons : %s", EN: "no lesson is called “%s”. The lessons: %s"},
}

type ficheOptions struct {
	dirs *dirList
	out  *string
}

func ficheFlags(lang i18n.Lang) (*flag.FlagSet, ficheOptions) {
	fs := newFlags("pasapas fiche", lang, "")
	fs.Usage = func() { printUsage(fs.Output(), lang) }
	o := ficheOptions{dirs: &dirList{}}
	fs.Var(o.dirs, "content", say(lang, "flag_content"))
	o.out = fs.String("out", "", say(lang, "flag_fiche_out"))
	return fs, o
}

// runFiche writes a lesson's handout, to print from any browser.
func runFiche(args []string, lang i18n.Lang, stdout, stderr io.Writer) int {
	fs, o := ficheFlags(lang)
	words, ok, code := parseFlags(fs, args, lang, stdout, stderr)
	if !ok {
		return code
	}
	id, ok := lessonWord("fiche", words, lang, stderr)
	if !ok {
		return 2
	}
	cat := library(*o.dirs).Catalogue(lang)
	l := cat.Lesson(id)
	if l == nil {
		var ids []string
		for _, l := range cat.Lessons {
			ids = append(ids, l.ID)
		}
		sort.Strings(ids)
		fmt.Fprintf(stderr, "pasapas: %s\n", say(lang, "fiche_unknown", id, strings.Join(ids, ", ")))
		return 2
	}
	doc := fiche.Lesson(cat, l)
	if *o.out == "-" {
		if err := sheet.Render(stdout, doc); err != nil {
			fmt.Fprintln(stderr, "pasapas:", err)
			return 1
		}
		return 0
	}
	path := *o.out
	if path == "" {
		path = "fiche-" + l.ID + ".html"
	}
	if err := sheet.WriteFile(path, doc); err != nil {
		fmt.Fprintln(stderr, "pasapas:", err)
		return 1
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	fmt.Fprintln(stdout, say(lang, "fiche_written", path))
	return 0
}
