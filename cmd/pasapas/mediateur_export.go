package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/lessons"
	"pasapas/progress"
	"pasapas/record"
	"pasapas/tabular"
)

// « pasapas mediateur export » and « pasapas mediateur bilan »: the
// médiateur's files for a report, from the command line. The médiateur
// names their account (--compte, or the only one) and types their code,
// as in the space; the decisions (who is in an export, what a bilan
// holds) are package learning's.

func init() {
	for code, text := range exportMessages {
		if _, dup := messages[code]; dup {
			panic("pasapas: message " + code + " defined twice")
		}
		messages[code] = text
	}
}

var exportMessages = i18n.Table{
	"mexport_usage": {FR: "Utilisation : pasapas mediateur export [--atelier N | --du JJ/MM/AAAA --au JJ/MM/AAAA] [--format csv|xlsx] [--acquis] [--sortie FICHIER] [--compte NOM]\n\nÉcrit le tableau du groupe : une ligne par personne qui a accepté de partager ses progrès.\n\nOptions :\n",
		EN: "Usage: pasapas mediateur export [--atelier N | --du DD/MM/YYYY --au DD/MM/YYYY] [--format csv|xlsx] [--acquis] [--sortie FILE] [--compte NAME]\n\nWrites the group's table: one row per person who agreed to share their progress.\n\nOptions:\n"},
	"mbilan_usage": {FR: "Utilisation : pasapas mediateur bilan [N] [--sortie FICHIER] [--compte NOM]\n\nSans N : la liste des ateliers tenus, avec leur numéro. Avec N : le bilan de cet atelier pour La Coop.\n\nOptions :\n",
		EN: "Usage: pasapas mediateur bilan [N] [--sortie FILE] [--compte NAME]\n\nWithout N: the ateliers held, with their number. With N: that atelier's bilan for La Coop.\n\nOptions:\n"},
	"flag_atelier": {FR: "le numéro de l'atelier tenu (voir pasapas mediateur bilan)", EN: "the number of the atelier held (see pasapas mediateur bilan)"},
	"flag_du":      {FR: "le premier jour de la période, JJ/MM/AAAA", EN: "the first day of the period, DD/MM/YYYY"},
	"flag_au":      {FR: "le dernier jour de la période, JJ/MM/AAAA", EN: "the last day of the period, DD/MM/YYYY"},
	"flag_format":  {FR: "csv (par défaut) ou xlsx", EN: "csv (the default) or xlsx"},
	"flag_acquis":  {FR: "ajoute une colonne par acquis : acquis, non acquis, non testé", EN: "add one column per skill: mastered, not mastered, not tested"},
	"flag_sortie":  {FR: "le fichier à écrire (par défaut dans le dossier des progrès ; - pour l'écran)", EN: "the file to write (by default in the progress folder; - for the screen)"},
	"flag_compte":  {FR: "le nom de votre compte médiateur (inutile s'il n'y en a qu'un)", EN: "your helper account's name (not needed when there is only one)"},
	"mexport_date": {FR: "« %s » n'est pas une date. Écrivez-la JJ/MM/AAAA, par exemple 07/12/2026.", EN: "“%s” is not a date. Write it DD/MM/YYYY, for example 07/12/2026."},
	"period_backwards": {FR: "La date de --du vient après celle de --au. Écrivez d'abord le premier jour, puis le dernier.",
		EN: "The --du date comes after the --au date. Write the first day first, then the last one."},
	"mexport_both":        {FR: "Choisissez un atelier (--atelier) ou une période (--du, --au), pas les deux.", EN: "Choose an atelier (--atelier) or a period (--du, --au), not both."},
	"mexport_format":      {FR: "Le format « %s » n'existe pas. Choisissez csv ou xlsx.", EN: "There is no “%s” format. Choose csv or xlsx."},
	"mexport_run":         {FR: "« %s » n'est pas un numéro d'atelier. La liste : pasapas mediateur bilan", EN: "“%s” is not an atelier number. The list: pasapas mediateur bilan"},
	"mexport_no_run":      {FR: "Aucun atelier ne porte le numéro %d. La liste : pasapas mediateur bilan", EN: "No atelier has the number %d. The list: pasapas mediateur bilan"},
	"mexport_written_one": {FR: "Tableau écrit : %s\n%d personne. Ce fichier contient ses progrès : gardez-le pour vous et effacez-le quand votre rapport est fait.", EN: "Table written: %s\n%d person. This file holds their progress: keep it to yourself and delete it once your report is done."},
	"mexport_written":     {FR: "Tableau écrit : %s\n%d personnes. Ce fichier contient leurs progrès : gardez-le pour vous et effacez-le quand votre rapport est fait.", EN: "Table written: %s\n%d people. This file holds their progress: keep it to yourself and delete it once your report is done."},
	"mexport_none":        {FR: "Personne ne partage ses progrès pour cet atelier ou cette période. Le tableau n'a que ses titres.", EN: "Nobody shares their progress for this atelier or this period. The table has only its headings."},
	"mexport_nospace":     {FR: "Ces progrès n'ont pas encore d'espace médiateur. Ouvrez-le d'abord : pasapas mediateur", EN: "These progress files have no helper's space yet. Open it first: pasapas mediateur"},
	"mexport_badcode":     {FR: "Rien n'a été écrit.", EN: "Nothing was written."},
	"mbilan_runs":         {FR: "Les ateliers tenus (le plus récent d'abord) :", EN: "The ateliers held (the newest first):"},
	"mbilan_run_line":     {FR: "  n° %d  %s  %s  (%d participants)", EN: "  no. %d  %s  %s  (%d participants)"},
	"mbilan_run_line_one": {FR: "  n° %d  %s  %s  (%d participant)", EN: "  no. %d  %s  %s  (%d participant)"},
	"mbilan_no_runs":      {FR: "Aucun atelier n'a encore été ouvert ici.", EN: "No atelier has been opened here yet."},
	"mbilan_see":          {FR: "Le bilan d'un atelier : pasapas mediateur bilan N", EN: "An atelier's bilan: pasapas mediateur bilan N"},
	"mbilan_written":      {FR: "Bilan écrit : %s", EN: "Bilan written: %s"},
	"mbilan_added":        {FR: "Sa ligne est ajoutée au fichier des bilans : %s", EN: "Its line is added to the bilans file: %s"},
	"mbilan_in_file":      {FR: "Sa ligne est déjà dans le fichier des bilans : %s", EN: "Its line is already in the bilans file: %s"},
	"mbilan_open":         {FR: "L'atelier est encore ouvert. Sa ligne sera ajoutée au fichier des bilans quand vous le fermerez.", EN: "The atelier is still open. Its line will be added to the bilans file when you close it."},
	"mbilan_not_in_file": {FR: "Sa ligne n'est pas dans le fichier des bilans (%s). Recopiez ces champs dans La Coop.",
		EN: "Its line is not in the bilans file (%s). Copy these fields into La Coop."},
	"mexport_args": {FR: "[--atelier N | --du … --au …] [--format csv|xlsx]", EN: "[--atelier N | --du … --au …] [--format csv|xlsx]"},
	"mexport_args_about": {FR: "écrit le tableau des progrès d'un groupe (les personnes qui partagent), pour un rapport ou le Pass numérique (--help)",
		EN: "write a group's progress table (the people who share), for a report or the Pass numérique (--help)"},
	"mbilan_args": {FR: "[N] [--sortie FICHIER]", EN: "[N] [--sortie FILE]"},
	"mbilan_args_about": {FR: "le bilan d'un atelier pour La Coop (sans N : la liste des ateliers tenus)",
		EN: "an atelier's bilan for La Coop (without N: the ateliers held)"},
}

type mexportOptions struct {
	store                   storeOptions
	atelier, du, au, format *string
	sortie, compte          *string
	acquis                  *bool
}

func mexportFlags(lang i18n.Lang, usage string) (*flag.FlagSet, mexportOptions) {
	fs := newFlags("pasapas mediateur", lang, usage)
	o := mexportOptions{store: addStoreFlags(fs, lang)}
	o.sortie = fs.String("sortie", "", say(lang, "flag_sortie"))
	o.compte = fs.String("compte", "", say(lang, "flag_compte"))
	if usage == "mexport_usage" {
		o.atelier = fs.String("atelier", "", say(lang, "flag_atelier"))
		o.du = fs.String("du", "", say(lang, "flag_du"))
		o.au = fs.String("au", "", say(lang, "flag_au"))
		o.format = fs.String("format", "csv", say(lang, "flag_format"))
		o.acquis = fs.Bool("acquis", false, say(lang, "flag_acquis"))
	}
	return fs, o
}

// signedIn opens the store and signs the médiateur in with their code.
// It returns nil (and the exit code) when it cannot.
func signedIn(o mexportOptions, lang i18n.Lang, stdout, stderr io.Writer) (*openedStore, *learning.Service, record.MediatorID, int) {
	st, code := openStore(o.store, lang, stdout, stderr, false, 0)
	if st == nil {
		if code == 0 {
			fmt.Fprintln(stderr, "pasapas:", say(lang, "mexport_nospace"))
			code = 1
		}
		return nil, nil, 0, code
	}
	app := learning.New(st.store, learning.Options{ExportDir: st.exportDir})
	fail := func(msg string, code int) (*openedStore, *learning.Service, record.MediatorID, int) {
		st.close()
		fmt.Fprintln(stderr, "pasapas:", msg)
		return nil, nil, 0, code
	}
	ctx := context.Background()
	if !app.HasSpace() || !app.HasGroup() {
		return fail(say(lang, "mexport_nospace"), 1)
	}
	med, code := mediatorSignIn(ctx, app, bufio.NewReader(stdin), *o.compte, lang, stderr)
	if code != 0 {
		st.close()
		return nil, nil, 0, code
	}
	return st, app, med.ID, 0
}

// writeOut writes a file's bytes where --sortie says: the screen (-), a
// file (0600), or "" for the default path.
func writeOut(out, def string, data []byte, stdout io.Writer) (string, error) {
	switch out {
	case "-":
		_, err := stdout.Write(data)
		return "", err
	case "":
		out = def
	}
	if err := tabular.WriteFile(out, data); err != nil {
		return "", err
	}
	if abs, err := filepath.Abs(out); err == nil {
		out = abs
	}
	return out, nil
}

// runMediateurExport: pasapas mediateur export.
func runMediateurExport(args []string, lang i18n.Lang, stdout, stderr io.Writer) int {
	fs, o := mexportFlags(lang, "mexport_usage")
	words, ok, code := parseFlags(fs, args, lang, stdout, stderr)
	if !ok {
		return code
	}
	if !noWords(words, lang, stderr) {
		return 2
	}
	bad := func(msg string) int { fmt.Fprintf(stderr, "pasapas: %s\n", msg); return 2 }
	q := learning.ExportScope{Acquis: *o.acquis}
	var okDay bool
	if q.From, okDay = parseDay(*o.du); !okDay {
		return bad(say(lang, "mexport_date", lessons.Visible(*o.du)))
	}
	if q.To, okDay = parseDay(*o.au); !okDay {
		return bad(say(lang, "mexport_date", lessons.Visible(*o.au)))
	}
	if q.Check() != nil {
		return bad(say(lang, "period_backwards"))
	}
	if *o.atelier != "" {
		n, err := strconv.Atoi(*o.atelier)
		if err != nil || n <= 0 {
			return bad(say(lang, "mexport_run", lessons.Visible(*o.atelier)))
		}
		if *o.du != "" || *o.au != "" {
			return bad(say(lang, "mexport_both"))
		}
		q.Run = record.RunID(n)
	}
	format := learning.ExportFormat(strings.ToLower(*o.format))
	if format != learning.FormatCSV && format != learning.FormatXLSX {
		return bad(say(lang, "mexport_format", lessons.Visible(*o.format)))
	}
	st, app, by, code := signedIn(o, lang, stdout, stderr)
	if st == nil {
		return code
	}
	defer st.close()
	cat := library(nil).Catalogue(lang)
	e, err := app.ExportGroup(context.Background(), by, cat, q)
	if errors.Is(err, record.ErrNotFound) && q.Run != 0 {
		fmt.Fprintln(stderr, "pasapas:", say(lang, "mexport_no_run", q.Run))
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, "pasapas:", progress.Explain(err, lang))
		return 1
	}
	data, err := e.Bytes(lang, format)
	if err != nil {
		fmt.Fprintln(stderr, "pasapas:", progress.Explain(err, lang))
		return 1
	}
	path, err := writeOut(*o.sortie, filepath.Join(st.exportDir, e.FileName(format)), data, stdout)
	if err != nil {
		fmt.Fprintln(stderr, "pasapas:", progress.Explain(err, lang))
		return 1
	}
	if len(e.Rows) == 0 {
		fmt.Fprintln(stderr, say(lang, "mexport_none"))
	}
	if path != "" {
		fmt.Fprintln(stdout, say(lang, one("mexport_written", len(e.Rows)), lessons.Visible(path), len(e.Rows)))
	}
	return 0
}

// runMediateurBilan: pasapas mediateur bilan [N].
func runMediateurBilan(args []string, lang i18n.Lang, stdout, stderr io.Writer) int {
	fs, o := mexportFlags(lang, "mbilan_usage")
	words, ok, code := parseFlags(fs, args, lang, stdout, stderr)
	if !ok {
		return code
	}
	var run record.RunID
	switch len(words) {
	case 0:
	case 1:
		n, err := strconv.Atoi(words[0])
		if err != nil || n <= 0 {
			fmt.Fprintf(stderr, "pasapas: %s\n", say(lang, "mexport_run", lessons.Visible(words[0])))
			return 2
		}
		run = record.RunID(n)
	default:
		if !noWords(words[1:], lang, stderr) {
			return 2
		}
	}
	st, app, _, code := signedIn(o, lang, stdout, stderr)
	if st == nil {
		return code
	}
	defer st.close()
	ctx := context.Background()
	if run == 0 {
		sums, err := app.RunSummaries(ctx)
		if err != nil {
			fmt.Fprintln(stderr, "pasapas:", progress.Explain(err, lang))
			return 1
		}
		if len(sums) == 0 {
			fmt.Fprintln(stdout, say(lang, "mbilan_no_runs"))
			return 0
		}
		fmt.Fprintln(stdout, say(lang, "mbilan_runs"))
		for _, s := range sums {
			fmt.Fprintln(stdout, say(lang, one("mbilan_run_line", s.Members), s.Run.ID, s.Run.OpenedAt.Local().Format("02/01/2006 15:04"),
				lessons.Visible(s.Run.Title), s.Members))
		}
		fmt.Fprintln(stdout, say(lang, "mbilan_see"))
		return 0
	}
	// learning decides whether the run's line goes into the bilans file:
	// once, for a run whose code ran out without a closing.
	l, err := app.AtelierBilan(ctx, run)
	if errors.Is(err, record.ErrNotFound) {
		fmt.Fprintln(stderr, "pasapas:", say(lang, "mexport_no_run", run))
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, "pasapas:", progress.Explain(err, lang))
		return 1
	}
	t := learning.BilanTable(l.Bilan)
	if *o.sortie != "" {
		data, err := tabular.CSV(t)
		if err != nil {
			fmt.Fprintln(stderr, "pasapas:", progress.Explain(err, lang))
			return 1
		}
		path, err := writeOut(*o.sortie, "", data, stdout)
		if err != nil {
			fmt.Fprintln(stderr, "pasapas:", progress.Explain(err, lang))
			return 1
		}
		if path != "" {
			fmt.Fprintln(stdout, say(lang, "mbilan_written", lessons.Visible(path)))
		}
		if l.Added { // on stderr: « --sortie - » keeps stdout to the table
			fmt.Fprintln(stderr, bilanLineSays(lang, l))
		}
		return 0
	}
	// On the screen: one « column : value » line each, as La Coop's form
	// asks for them.
	for i, h := range t.Header {
		fmt.Fprintf(stdout, "%s : %s\n", h, lessons.Visible(t.Rows[0][i].String()))
	}
	if line := bilanLineSays(lang, l); line != "" {
		fmt.Fprintln(stdout, line)
	}
	return 0
}

// bilanLineSays where a run's line stands in the bilans file.
func bilanLineSays(lang i18n.Lang, l learning.BilanLine) string {
	path := lessons.Visible(l.Path)
	switch {
	case l.Added:
		return say(lang, "mbilan_added", path)
	case l.InFile:
		return say(lang, "mbilan_in_file", path)
	case l.Open:
		return say(lang, "mbilan_open")
	case l.Path != "":
		return say(lang, "mbilan_not_in_file", path)
	}
	return ""
}

// one is a message's code for a count: code+"_one" for one (« 1 personne »).
func one(code string, n int) string {
	if n == 1 {
		return code + "_one"
	}
	return code
}
