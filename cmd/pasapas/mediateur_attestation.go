package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"pasapas/fiche"
	accents "pasapas/fold"
	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/lessons"
	"pasapas/progress"
	"pasapas/record"
)

// pasapas mediateur attestation: a learner's attestation, made by a
// médiateur who gives their code, with the learner's consent (they share
// their progress, or type their own code there and then). The page is
// written next to the progress file, where erasing the learner finds it.

func init() {
	for code, text := range attestationMessages {
		if _, dup := messages[code]; dup {
			panic("pasapas: message " + code + " defined twice")
		}
		messages[code] = text
	}
}

var attestationMessages = i18n.Table{
	"att_usage": {FR: "Utilisation : pasapas mediateur attestation [PRÉNOM] [--du JJ/MM/AAAA] [--au JJ/MM/AAAA] [--compte NOM]\n\nÉcrit l'attestation d'une personne, avec son accord : une page HTML à imprimer en A4.\n\nOptions :\n",
		EN: "Usage: pasapas mediateur attestation [NAME] [--du DD/MM/YYYY] [--au DD/MM/YYYY] [--compte NAME]\n\nWrites a person's certificate, with their agreement: an HTML page to print on A4.\n\nOptions:\n"},
	"att_args":         {FR: "[PRÉNOM] [--du JJ/MM/AAAA] [--au JJ/MM/AAAA]", EN: "[NAME] [--du DD/MM/YYYY] [--au DD/MM/YYYY]"},
	"att_about":        {FR: "écrit l'attestation d'une personne (page HTML, A4) : structure, période, heures, leçons, niveaux ; avec son accord", EN: "write a person's certificate (HTML page, A4): organisation, period, hours, lessons, levels; with their agreement"},
	"flag_att_from":    {FR: "le premier jour de la période, JJ/MM/AAAA (par défaut : sa première visite)", EN: "the period's first day, DD/MM/YYYY (default: their first visit)"},
	"flag_att_to":      {FR: "le dernier jour de la période, JJ/MM/AAAA (par défaut : aujourd'hui)", EN: "the period's last day, DD/MM/YYYY (default: today)"},
	"att_bad_date":     {FR: "la date « %s » n'est pas comprise. Écrivez-la JJ/MM/AAAA, par exemple 07/12/2026.", EN: "the date “%s” is not understood. Write it DD/MM/YYYY, for example 07/12/2026."},
	"att_no_file":      {FR: "il n'y a pas encore de fichier de progrès sur ce PC : aucune personne à attester.", EN: "there is no progress file on this PC yet: nobody to certify."},
	"att_no_space":     {FR: "l'espace médiateur n'est pas encore ouvert. Ouvrez-le une fois avec : pasapas mediateur", EN: "the helper's space is not open yet. Open it once with: pasapas mediateur"},
	"att_pick_med":     {FR: "Qui êtes-vous ? Tapez le numéro de votre compte, puis Entrée :", EN: "Who are you? Type your account's number, then Enter:"},
	"att_unknown_med":  {FR: "aucun compte de médiateur ne s'appelle « %s ». Les comptes : %s", EN: "no helper's account is called “%s”. The accounts: %s"},
	"att_med_code":     {FR: "%s, tapez votre code, puis Entrée :", EN: "%s, type your code, then Enter:"},
	"att_pick_learner": {FR: "Pour qui est l'attestation ? Tapez le numéro, puis Entrée :", EN: "Who is the certificate for? Type the number, then Enter:"},
	"att_several":      {FR: "Plusieurs personnes s'appellent « %s ».", EN: "Several people are called “%s”."},
	"att_unknown":      {FR: "aucune personne ne s'appelle « %s » sur ce PC.", EN: "nobody is called “%s” on this PC."},
	"att_bad_choice":   {FR: "ce numéro n'est pas dans la liste.", EN: "this number is not in the list."},
	"att_ask_code":     {FR: "Les progrès de %s sont privés.\nSi %s est d'accord pour cette attestation, %s tape son code, puis Entrée :", EN: "%s's progress is private.\nIf %s agrees to this certificate, %s types their code, then Enter:"},
	"att_cannot":       {FR: "les progrès de %s sont privés, et ce profil n'a pas de code.\nPour avoir une attestation, %s choisit d'abord « Partager mes progrès » dans « Mes réglages ».", EN: "%s's progress is private, and this profile has no code.\nTo get a certificate, %s first chooses “Share my progress” in “My settings”."},
	"att_written":      {FR: "Attestation écrite : %s\nTemps passé : %s. Leçons finies : %d.\nOuvrez-la dans un navigateur, puis Imprimer (A4), ou enregistrez-la en PDF.\nElle porte le nom de la personne : une fois imprimée, effacez-la de ce PC.", EN: "Certificate written: %s\nTime spent: %s. Lessons finished: %d.\nOpen it in a browser, then Print (A4), or save it as PDF.\nIt bears the person's name: once printed, delete it from this PC."},
}

type attestationOptions struct {
	dirs             *dirList
	from, to, compte *string
	store            storeOptions
}

func attestationFlags(lang i18n.Lang) (*flag.FlagSet, attestationOptions) {
	fs := newFlags("pasapas mediateur attestation", lang, "att_usage")
	o := attestationOptions{dirs: &dirList{}}
	fs.Var(o.dirs, "content", say(lang, "flag_content"))
	o.from = fs.String("du", "", say(lang, "flag_att_from"))
	o.to = fs.String("au", "", say(lang, "flag_att_to"))
	o.compte = fs.String("compte", "", say(lang, "flag_compte"))
	o.store = addStoreFlags(fs, lang)
	return fs, o
}

// runAttestation is pasapas mediateur attestation.
func runAttestation(args []string, lang i18n.Lang, stdout, stderr io.Writer) int {
	fs, o := attestationFlags(lang)
	words, ok, code := parseFlags(fs, args, lang, stdout, stderr)
	if !ok {
		return code
	}
	var period learning.Period
	for _, d := range []struct {
		in  string
		out *time.Time
	}{{*o.from, &period.From}, {*o.to, &period.To}} {
		t, ok := parseDay(d.in)
		if !ok {
			fmt.Fprintf(stderr, "pasapas: %s\n", say(lang, "att_bad_date", lessons.Visible(d.in)))
			return 2
		}
		*d.out = t
	}
	if period.Check() != nil {
		fmt.Fprintf(stderr, "pasapas: %s\n", say(lang, "period_backwards"))
		return 2
	}
	st, code := openStore(o.store, lang, stdout, stderr, false, 0)
	if st == nil {
		if code == 0 {
			fmt.Fprintf(stderr, "pasapas: %s\n", say(lang, "att_no_file"))
			return 1
		}
		return code
	}
	defer st.close()
	app := learning.New(st.store, learning.Options{ExportDir: st.exportDir})
	cat := library(*o.dirs).Catalogue(lang)
	ctx := context.Background()
	in := bufio.NewReader(stdin)
	fail := func(err error) int {
		fmt.Fprintf(stderr, "pasapas: %s\n", progress.Explain(err, lang))
		return 1
	}

	// The médiateur: their account, then their code.
	med, code := mediatorSignIn(ctx, app, in, *o.compte, lang, stderr)
	if code != 0 {
		return code
	}

	// The learner.
	profiles, err := app.Profiles(ctx)
	if err != nil {
		return fail(err)
	}
	var found []record.Profile
	for _, p := range profiles {
		if len(words) == 0 || sameName(p.Name, strings.Join(words, " ")) {
			found = append(found, p)
		}
	}
	if len(found) == 0 {
		fmt.Fprintf(stderr, "pasapas: %s\n", say(lang, "att_unknown", strings.Join(words, " ")))
		return 1
	}
	p := found[0]
	if len(found) > 1 || len(words) == 0 {
		question := say(lang, "att_pick_learner")
		if len(words) > 0 {
			question = say(lang, "att_several", strings.Join(words, " ")) + "\n" + question
		}
		var names []string
		for _, f := range found {
			names = append(names, profileLine(lang, f))
		}
		i, ok := pick(in, stdout, stderr, lang, question, names)
		if !ok {
			return 1
		}
		p = found[i]
	}

	// Their consent: sharing, or their own code typed now.
	needs, can, err := app.NeedsCode(ctx, p.ID)
	if err != nil {
		return fail(err)
	}
	learnerPIN := ""
	if needs {
		name := lessons.Visible(p.Name)
		if !can {
			fmt.Fprintf(stderr, "pasapas: %s\n", say(lang, "att_cannot", name, name))
			return 1
		}
		// On stderr, as the médiateur's prompts: stdout keeps the result.
		fmt.Fprintln(stderr, say(lang, "att_ask_code", name, name, name))
		if learnerPIN, err = readCode(in, stderr); err != nil {
			return fail(err)
		}
	}
	a, err := app.Attestation(ctx, med.ID, cat, p.ID, period, learnerPIN)
	if err != nil {
		return fail(err)
	}
	path, err := fiche.WriteAttestation(app.ExportDir(), cat, a)
	if err != nil {
		return fail(err)
	}
	fmt.Fprintln(stdout, say(lang, "att_written", lessons.Visible(path), fiche.Hours(lang, a.Time, a.Visits), len(a.Lessons)))
	return 0
}

// sameName compares names as a médiateur types them: case, accents and
// spaces aside.
func sameName(a, b string) bool {
	n := func(s string) string { return strings.ToLower(strings.Join(strings.Fields(accents.Accents(s)), " ")) }
	return n(a) == n(b)
}

// profileLine names a profile in a list: its name and last visit, so two
// people with the same name can be told apart.
func profileLine(lang i18n.Lang, p record.Profile) string {
	return lessons.Visible(p.Name) + " · " + fiche.Date(lang, p.LastSeen) + " · n° " + strconv.FormatInt(int64(p.ID), 10)
}
