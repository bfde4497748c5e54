package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"pasapas/i18n"
	"pasapas/lessons"
)

func newFlags_(lang i18n.Lang) *flag.FlagSet {
	fs := newFlags("new", lang, "new_usage")
	fs.String("dir", ".", say(lang, "flag_new_dir"))
	return fs
}

// runNew implements "pasapas new lecon|questions|competence|atelier ID": a
// commented skeleton, ID.yaml, and the schema beside it for the editor.
func runNew(args []string, lang i18n.Lang, stdout, stderr io.Writer) int {
	set := newFlags_(lang)
	words, ok, code := parseFlags(set, args, lang, stdout, stderr)
	if !ok {
		return code
	}
	dir := set.Lookup("dir").Value.String()
	if len(words) != 2 || lessons.SkeletonKinds[words[0]] == "" {
		fmt.Fprintf(stderr, "pasapas: %s\n%s\n", say(lang, "new_words"), say(lang, "see_help"))
		return 2
	}
	kind, id := words[0], words[1]
	data, err := lessons.Skeleton(kind, id, time.Now())
	if err != nil {
		fmt.Fprintf(stderr, "pasapas: %s\n", say(lang, "new_bad_id", id))
		return 2
	}
	file := filepath.Join(dir, id+".yaml")
	f, err := os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		fmt.Fprintf(stderr, "pasapas: %s\n", say(lang, "new_exists", file))
		return 1
	}
	if err == nil {
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "pasapas: %s\n", say(lang, "new_write", file, err))
		return 1
	}
	fmt.Fprintln(stdout, say(lang, "new_done", file))
	schema := filepath.Join(dir, "pasapas.schema.json")
	if _, err := os.Stat(schema); errors.Is(err, fs.ErrNotExist) {
		if s, err := lessons.JSONSchema(); err == nil && os.WriteFile(schema, s, 0o644) == nil {
			fmt.Fprintln(stdout, say(lang, "new_schema", schema))
		}
	}
	fmt.Fprintln(stdout, say(lang, "new_next", file))
	return 0
}
