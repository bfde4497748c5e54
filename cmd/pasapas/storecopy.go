package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"pasapas/i18n"
	"pasapas/lessons"
	"pasapas/progress"
	"pasapas/progress/postgres"
	"pasapas/record"
)

// "pasapas store copy --from FILE.db [--from FILE2.db…] --to postgres://…
// --place NAME": moving a place's PCs into the shared store. Each file is
// copied in one transaction (progress/postgres/copy.go); the summary says
// what came in, what did not, and which profiles may be one person.

type storeCopyOptions struct {
	from      *dirList
	to, place *string
}

func storeFlags(lang i18n.Lang) (*flag.FlagSet, storeCopyOptions) {
	fs := newFlags("store", lang, "store_usage")
	o := storeCopyOptions{from: &dirList{}}
	fs.Var(o.from, "from", say(lang, "flag_copy_from"))
	o.to = fs.String("to", "", say(lang, "flag_copy_to"))
	o.place = fs.String("place", "", say(lang, "flag_copy_place"))
	return fs, o
}

// runStore implements "pasapas store copy".
func runStore(args []string, lang i18n.Lang, stdout, stderr io.Writer) int {
	fs, o := storeFlags(lang)
	words, ok, code := parseFlags(fs, args, lang, stdout, stderr)
	if !ok {
		return code
	}
	if len(words) != 1 || words[0] != "copy" {
		fmt.Fprint(stderr, say(lang, "store_usage"))
		return 2
	}
	to, place := *o.to, *o.place
	if to == "" {
		to = os.Getenv("PASAPAS_STORE")
	}
	if place == "" {
		place = os.Getenv("PASAPAS_PLACE")
	}
	if len(*o.from) == 0 || to == "" {
		fmt.Fprintf(stderr, "pasapas: %s\n%s", say(lang, "copy_need_from_to"), say(lang, "store_usage"))
		return 2
	}
	switch err := postgres.CheckURL(to); {
	case errors.Is(err, postgres.ErrPasswordInURL):
		fmt.Fprintln(stderr, "pasapas:", say(lang, "store_password"))
		return 2
	case err != nil:
		fmt.Fprintln(stderr, "pasapas:", say(lang, "store_bad", lessons.Visible(to)))
		return 2
	}
	if strings.TrimSpace(place) == "" {
		fmt.Fprintln(stderr, "pasapas:", say(lang, "store_no_place"))
		return 2
	}
	if msg := checkPassFile(lang); msg != "" {
		fmt.Fprintln(stderr, "pasapas:", msg)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	// Every file is read first: a file that cannot be read stops
	// everything before anything is copied.
	var snaps []*progress.Snapshot
	for _, f := range *o.from {
		snap, err := progress.ReadSnapshot(ctx, f)
		if err != nil {
			fmt.Fprintln(stderr, "pasapas:", say(lang, "copy_unreadable", lessons.Visible(f), whyUnreadable(f, err, lang)))
			fmt.Fprintln(stderr, detailLine(err))
			return 1
		}
		snaps = append(snaps, snap)
	}
	open, cancel := context.WithTimeout(ctx, 30*time.Second)
	s, err := postgres.Open(open, postgres.Options{URL: to, Place: place})
	cancel()
	if err != nil {
		if postgres.IsUnreachable(err) {
			fmt.Fprintln(stderr, say(lang, "server_unreachable", serverName(to)))
		} else {
			fmt.Fprintln(stderr, "pasapas:", progress.Explain(err, lang))
		}
		fmt.Fprintln(stderr, detailLine(err))
		return 1
	}
	defer s.Close()

	fmt.Fprintln(stdout, say(lang, "copy_title", lessons.Visible(s.Place()), lessons.Visible(serverName(to))))
	var added []record.LearnerID
	failed, copied := false, false
	saidAteliers := map[string]bool{} // files from one USB key share a folder
	for _, snap := range snaps {
		label := filepath.Base(snap.Path)
		rep, err := s.CopyFrom(ctx, snap, postgres.CopyOptions{Label: label})
		if err != nil {
			failed = true
			msg := progress.Explain(err, lang)
			if errors.Is(err, postgres.ErrCopyAmbiguous) {
				msg = say(lang, "copy_ambiguous")
			}
			fmt.Fprintln(stdout, say(lang, "copy_failed", lessons.Visible(snap.Path), msg))
			fmt.Fprintln(stderr, detailLine(err))
			continue
		}
		printCopyReport(stdout, lang, lessons.Visible(snap.Path), rep)
		if !rep.Unchanged {
			copied = true
		}
		if dir := preparedAteliers(snap.Path); dir != "" && !saidAteliers[dir] {
			saidAteliers[dir] = true
			fmt.Fprintln(stdout, say(lang, "copy_prepared_ateliers", lessons.Visible(dir)))
		}
		for _, id := range rep.Learners {
			added = append(added, id)
		}
	}
	if len(added) > 0 {
		dups, err := s.PossibleDuplicates(ctx, added)
		if err != nil {
			fmt.Fprintln(stderr, "pasapas:", progress.Explain(err, lang))
			return 1
		}
		fmt.Fprintln(stdout)
		if len(dups) == 0 {
			fmt.Fprintln(stdout, say(lang, "copy_no_duplicates"))
		} else {
			fmt.Fprintln(stdout, say(lang, "copy_duplicates", len(dups)))
			for _, d := range dups {
				var parts []string
				for _, l := range d.Learners {
					from := l.From
					if from == "" {
						from = say(lang, "copy_made_here")
					}
					parts = append(parts, say(lang, "copy_dup_profile", lessons.Visible(l.Name), int64(l.ID), lessons.Visible(from)))
				}
				fmt.Fprintln(stdout, "  - "+strings.Join(parts, " ; "))
			}
		}
	}
	if failed {
		return 1
	}
	if copied {
		fmt.Fprintln(stdout)
		fmt.Fprintln(stdout, say(lang, "copy_next"))
	}
	return 0
}

// preparedAteliers is the folder of prepared ateliers next to a copied
// file, if it holds any: those files stay on the PC (the tutor reads them
// from each PC's own folder), so the copy says where they are.
func preparedAteliers(file string) string {
	dir := filepath.Join(filepath.Dir(file), "ateliers")
	for _, ext := range []string{"*.yaml", "*.yml"} {
		if m, _ := filepath.Glob(filepath.Join(dir, ext)); len(m) > 0 {
			return dir
		}
	}
	return ""
}

// whyUnreadable says why a file to copy cannot be read, to the person who
// runs the copy: a wrong path, a folder or another program's file are
// theirs to correct, so they are named; anything else is the file's own
// failure, said as everywhere else.
func whyUnreadable(path string, err error, lang i18n.Lang) string {
	st, serr := os.Stat(path)
	switch {
	case errors.Is(serr, fs.ErrNotExist):
		return say(lang, "copy_no_file")
	case serr == nil && st.IsDir():
		inside := filepath.Join(path, "pasapas.db")
		if _, err := os.Stat(inside); err == nil {
			return say(lang, "copy_folder_db", lessons.Visible(inside))
		}
		return say(lang, "copy_folder")
	case errors.Is(err, progress.ErrForeignFile):
		return say(lang, "copy_not_ours")
	}
	return progress.Explain(err, lang)
}

func printCopyReport(w io.Writer, lang i18n.Lang, path string, r postgres.CopyReport) {
	fmt.Fprintln(w)
	switch {
	case r.Unchanged:
		fmt.Fprintln(w, say(lang, "copy_unchanged", path))
		return
	case r.Known:
		fmt.Fprintln(w, say(lang, "copy_known", path))
	default:
		fmt.Fprintln(w, say(lang, "copy_new", path))
	}
	if len(r.AlsoIn) > 0 {
		fmt.Fprintln(w, say(lang, "copy_also_in", lessons.Visible(strings.Join(r.AlsoIn, " », « "))))
	}
	fmt.Fprintln(w, say(lang, "copy_learners", r.LearnersAdded, r.LearnersKnown))
	if r.LearnersErased > 0 {
		fmt.Fprintln(w, say(lang, "copy_erased", r.LearnersErased))
	}
	if len(r.GoneFromFile) > 0 {
		nums := make([]string, len(r.GoneFromFile))
		for i, id := range r.GoneFromFile {
			nums[i] = fmt.Sprint(int64(id))
		}
		fmt.Fprintln(w, say(lang, "copy_gone_from_file", strings.Join(nums, ", ")))
	}
	if r.Known {
		fmt.Fprintln(w, say(lang, "copy_rows", r.AnswersAdded, r.TestsAdded, r.TestsClosed, r.Lessons, r.Acquis, r.Reviews))
	} else {
		// Nothing was copied before: "since the last copy" means nothing.
		fmt.Fprintln(w, say(lang, "copy_rows_first", r.AnswersAdded, r.TestsAdded, r.Lessons, r.Acquis, r.Reviews))
	}
	if r.AnswersClashing > 0 {
		fmt.Fprintln(w, say(lang, "copy_clashing", r.AnswersClashing))
	}
	fmt.Fprintln(w, say(lang, "copy_items", r.Questions, r.Calibrations))
	printSpaceReport(w, lang, r.SpaceCopied, r.Known)
}

// printSpaceReport says what came in of the file's médiateur space, and
// what was left out and why (progress/postgres/copyspace.go).
func printSpaceReport(w io.Writer, lang i18n.Lang, r postgres.SpaceReport, known bool) {
	if r.Empty() {
		return
	}
	fmt.Fprintln(w, say(lang, "copy_space", r.MediatorsAdded, r.Sharing, r.Archived, r.Actions, r.Notes))
	if r.Runs+r.RunsClosed+r.Members+r.Visits+r.VisitsEnded > 0 {
		if known {
			fmt.Fprintln(w, say(lang, "copy_ateliers", r.Runs, r.RunsClosed, r.Members, r.Visits, r.VisitsEnded))
		} else {
			fmt.Fprintln(w, say(lang, "copy_ateliers_first", r.Runs, r.Members, r.Visits))
		}
	}
	for _, name := range r.MediatorsKept {
		fmt.Fprintln(w, say(lang, "copy_account_kept", lessons.Visible(name)))
	}
	for _, name := range r.MediatorsGone {
		fmt.Fprintln(w, say(lang, "copy_account_gone", lessons.Visible(name)))
	}
	lines := []struct {
		n   int
		key string
	}{
		{r.MediatorsRemoved, "copy_accounts_removed"},
		{r.ChoicesKept, "copy_choices_kept"},
		{r.MembersWithdrawn, "copy_members_withdrawn"},
		{r.RunsShut, "copy_runs_shut"},
		{r.CallsLeft, "copy_calls_left"},
	}
	for _, l := range lines {
		if l.n > 0 {
			fmt.Fprintln(w, say(lang, l.key, l.n))
		}
	}
	if r.Retention > 0 {
		fmt.Fprintln(w, say(lang, "copy_retention_set", r.Retention))
	}
	if r.RetentionKept > 0 {
		fmt.Fprintln(w, say(lang, "copy_retention_kept", r.RetentionHere, r.RetentionKept))
	}
	if r.Structure != "" {
		fmt.Fprintln(w, say(lang, "copy_structure_set", lessons.Visible(r.Structure)))
	}
	if r.StructureKept != "" {
		fmt.Fprintln(w, say(lang, "copy_structure_kept", lessons.Visible(r.StructureHere), lessons.Visible(r.StructureKept)))
	}
}

// storeMessages are the words of "pasapas store copy".
var storeMessages = i18n.Table{
	"store_args":  {FR: "copy --from FICHIER.db --to postgres://… --place LIEU", EN: "copy --from FILE.db --to postgres://… --place PLACE"},
	"store_about": {FR: "copie les progrès des PC (leurs fichiers) dans un lieu du serveur partagé", EN: "copies the PCs' progress (their files) into a place of the shared server"},
	"store_usage": {
		FR: `Utilisation : pasapas store copy --from FICHIER.db [--from FICHIER2.db…] --to postgres://… --place LIEU

Copie les progrès gardés sur un ou plusieurs PC (leur fichier pasapas.db) dans un lieu du
serveur partagé : profils et codes secrets, réponses, tests, leçons, acquis, révisions,
statistiques des questions, et l'espace médiateur (comptes, accords de partage, journal,
notes, ateliers et visites). Les fichiers ne sont pas modifiés. Relancer la commande n'ajoute
rien deux fois. Deux profils qui semblent être la même personne sont signalés, jamais
fusionnés. Le mot de passe du serveur va dans le fichier pgpass (voir docs/reseau.md).

Options :
`,
		EN: `Usage: pasapas store copy --from FILE.db [--from FILE2.db…] --to postgres://… --place PLACE

Copies the progress kept on one or several PCs (their pasapas.db file) into a place of the
shared server: profiles and secret codes, answers, tests, lessons, acquis, reviews, question
statistics, and the médiateur's space (accounts, consents to share, journal, notes, ateliers
and visits). The files are not changed. Running it again adds nothing twice. Two profiles
that look like one person are reported, never merged. The server's password goes in the
pgpass file (see docs/reseau.md).

Options:
`,
	},
	"flag_copy_from": {FR: "fichier de progrès d'un PC à copier (plusieurs --from possibles)", EN: "a PC's progress file to copy (--from may be repeated)"},
	"flag_copy_to":   {FR: "adresse du serveur, postgres://rôle@serveur/base (sans mot de passe)", EN: "the server's address, postgres://role@server/database (no password)"},
	"flag_copy_place": {FR: "le lieu où copier, écrit exactement comme sur les PC de ce lieu (ou PASAPAS_PLACE)",
		EN: "the place to copy into, written exactly as on that place's PCs (or PASAPAS_PLACE)"},
	"copy_need_from_to": {FR: "il faut au moins un --from et l'adresse du serveur (--to).", EN: "at least one --from and the server's address (--to) are needed."},
	"copy_unreadable":   {FR: "impossible de lire %s : %s Rien n'a été copié.", EN: "cannot read %s: %s Nothing was copied."},
	"copy_no_file": {FR: "ce fichier n'existe pas. Vérifiez son nom et son dossier. Le fichier d'un PC s'appelle pasapas.db (voir docs/stockage.md).",
		EN: "this file does not exist. Check its name and its folder. A PC's file is called pasapas.db (see docs/stockage.md)."},
	"copy_folder": {FR: "c'est un dossier. Donnez le fichier pasapas.db du PC (voir docs/stockage.md).",
		EN: "this is a folder. Give the PC's pasapas.db file (see docs/stockage.md)."},
	"copy_folder_db": {FR: "c'est un dossier. Donnez plutôt le fichier %s, qui est dedans.",
		EN: "this is a folder. Give the file %s instead, which is inside it."},
	"copy_not_ours": {FR: "ce n'est pas un fichier de progrès de Pas à pas. Il n'est pas modifié. Le fichier d'un PC s'appelle pasapas.db (voir docs/stockage.md).",
		EN: "this is not a Pas à pas progress file. It is not changed. A PC's file is called pasapas.db (see docs/stockage.md)."},
	"copy_title":     {FR: "Copie dans le lieu « %s » (%s)", EN: "Copy into the place “%s” (%s)"},
	"copy_new":       {FR: "%s : copié pour la première fois dans ce lieu.", EN: "%s: copied for the first time into this place."},
	"copy_known":     {FR: "%s : déjà copié avant ; seul ce qui est nouveau est ajouté.", EN: "%s: copied before; only what is new is added."},
	"copy_unchanged": {FR: "%s : déjà copié, rien de nouveau depuis. Rien n'est ajouté.", EN: "%s: already copied, nothing new since. Nothing is added."},
	"copy_also_in": {FR: "  Attention : ce fichier a déjà été copié dans le lieu « %s ». Ces personnes sont maintenant dans plusieurs lieux ; si ce n'était pas voulu, effacez-les du mauvais lieu.",
		EN: "  Note: this file was already copied into the place “%s”. These people are now in several places; if that was not meant, erase them from the wrong place."},
	"copy_learners": {FR: "  apprenants ajoutés : %d ; déjà là : %d", EN: "  learners added: %d; already here: %d"},
	"copy_gone_from_file": {FR: "  Profils effacés ou regroupés sur le PC depuis la dernière copie. Ils sont encore sur le serveur : n° %s. Si la personne a demandé l'effacement, effacez aussi son profil sur le serveur (espace médiateur).",
		EN: "  Profiles erased or merged on the PC since the last copy. They are still on the server: no. %s. If the person asked to be erased, erase their profile on the server too (médiateur's space)."},
	"copy_erased": {FR: "  profils effacés sur le serveur depuis la dernière copie, pas recopiés : %d", EN: "  profiles erased on the server since the last copy, not copied again: %d"},
	"copy_rows": {FR: "  ajouté — réponses : %d ; tests : %d (terminés depuis la dernière copie : %d) ; leçons : %d ; acquis : %d ; cartes de révision : %d",
		EN: "  added — answers: %d; tests: %d (finished since the last copy: %d); lessons: %d; acquis: %d; review cards: %d"},
	"copy_rows_first": {FR: "  ajouté — réponses : %d ; tests : %d ; leçons : %d ; acquis : %d ; cartes de révision : %d",
		EN: "  added — answers: %d; tests: %d; lessons: %d; acquis: %d; review cards: %d"},
	"copy_clashing": {FR: "  réponses à une question déjà répondue dans le même test sur le serveur (celle du serveur est gardée) : %d",
		EN: "  answers to a question already answered in the same test on the server (the server's is kept): %d"},
	"copy_items": {FR: "  statistiques des questions — complétées : %d ; difficultés mises en commun : %d",
		EN: "  question statistics — added to: %d; difficulties pooled: %d"},
	"copy_failed":    {FR: "%s : NON copié (%s). Rien de ce fichier n'a été ajouté.", EN: "%s: NOT copied (%s). Nothing of this file was added."},
	"copy_ambiguous": {FR: "ses profils viennent de plusieurs fichiers déjà copiés ; vérifiez le fichier", EN: "its profiles come from several files copied before; check the file"},
	"copy_space": {FR: "  espace médiateur — comptes de médiateur ajoutés : %d ; accords de partage : %d ; profils archivés : %d ; lignes du journal : %d ; notes : %d",
		EN: "  médiateur's space — médiateur accounts added: %d; consents to share: %d; archived profiles: %d; journal lines: %d; notes: %d"},
	"copy_ateliers": {FR: "  ateliers : %d (fermés depuis la dernière copie : %d) ; participants : %d ; visites : %d (terminées depuis la dernière copie : %d)",
		EN: "  ateliers: %d (closed since the last copy: %d); participants: %d; visits: %d (ended since the last copy: %d)"},
	"copy_ateliers_first": {FR: "  ateliers : %d ; participants : %d ; visites : %d",
		EN: "  ateliers: %d; participants: %d; visits: %d"},
	"copy_prepared_ateliers": {FR: "  Les ateliers préparés de ce PC sont des fichiers, dans le dossier %s. Ils ne vont pas sur le serveur. Pour ouvrir ces ateliers depuis un autre PC, copiez ce dossier dans le dossier de Pas à pas de cet autre PC.",
		EN: "  This PC's prepared ateliers are files, in the folder %s. They do not go to the server. To open these ateliers from another PC, copy this folder into that PC's Pas à pas folder."},
	"copy_next": {FR: "Ensuite : sur chaque PC du lieu, donnez l'adresse du serveur et le lieu (docs/reseau.md, partie 3, « Brancher chaque PC sur le serveur »). Les médiateurs se connectent avec le même code que sur leur PC. Gardez les fichiers copiés le temps de vérifier, puis effacez-les : ce sont des données personnelles.",
		EN: "Next: on every PC of the place, give the server's address and the place (docs/reseau.md, part 3, “Brancher chaque PC sur le serveur”). Médiateurs sign in with the same code as on their PC. Keep the copied files while you check, then erase them: they are personal data."},
	"copy_account_kept": {FR: "  Le lieu a déjà un compte « %s ». Ce compte est gardé. Ce médiateur se connecte avec le code du serveur.",
		EN: "  The place already has an account “%s”. That account is kept. This médiateur signs in with the server's code."},
	"copy_account_gone": {FR: "  Le compte « %s » a été retiré sur le PC depuis la dernière copie. Il est encore sur le serveur. Si cette personne ne doit plus entrer, retirez aussi ce compte sur le serveur.",
		EN: "  The account “%s” was removed on the PC since the last copy. It is still on the server. If this person must no longer sign in, remove that account on the server too."},
	"copy_accounts_removed": {FR: "  comptes de médiateur retirés sur le serveur depuis la dernière copie, pas recopiés : %d",
		EN: "  médiateur accounts removed on the server since the last copy, not copied again: %d"},
	"copy_choices_kept": {FR: "  accords de partage ou archivages changés sur le serveur depuis la dernière copie : ceux du serveur sont gardés (%d)",
		EN: "  consents to share or archive marks changed on the server since the last copy: the server's are kept (%d)"},
	"copy_members_withdrawn": {FR: "  participants qui ne veulent plus être vus dans un atelier (changé sur le PC) : ils ne sont plus vus sur le serveur (%d)",
		EN: "  participants who no longer want to be seen in an atelier (changed on the PC): no longer seen on the server (%d)"},
	"copy_runs_shut": {FR: "  ateliers encore ouverts sur le PC, avec un code déjà pris dans le lieu : copiés fermés (%d)",
		EN: "  ateliers still open on the PC, with a code already used in the place: copied closed (%d)"},
	"copy_calls_left": {FR: "  appels du médiateur en cours sur le PC, pas copiés : personne n'attend plus à ce PC (%d)",
		EN: "  calls for the médiateur on the PC, not copied: nobody is waiting at that PC any more (%d)"},
	"copy_retention_set": {FR: "  Durée de conservation du lieu réglée sur celle du PC : %d mois.",
		EN: "  The place's retention period is set to the PC's: %d months."},
	"copy_retention_kept": {FR: "  Le lieu a déjà sa durée de conservation (%d mois). Elle est gardée. Celle du PC (%d mois) n'est pas reprise.",
		EN: "  The place already has its retention period (%d months). It is kept. The PC's (%d months) is not used."},
	"copy_structure_set": {FR: "  Nom de la structure repris du PC : « %s ».", EN: "  The structure's name taken from the PC: “%s”."},
	"copy_structure_kept": {FR: "  Le lieu a déjà un nom de structure (« %s »). Il est gardé. Celui du PC (« %s ») n'est pas repris.",
		EN: "  The place already has a structure name (“%s”). It is kept. The PC's (“%s”) is not used."},
	"copy_no_duplicates": {FR: "Aucun profil en double apparent.", EN: "No apparent duplicate profile."},
	"copy_duplicates": {FR: "À vérifier par un médiateur — profils au même nom, peut-être la même personne (rien n'a été fusionné ; groupes : %d) :",
		EN: "For a médiateur to check — profiles with the same name, perhaps one person (nothing was merged; groups: %d):"},
	"copy_dup_profile": {FR: "« %s » n° %d (%s)", EN: "“%s” no. %d (%s)"},
	"copy_made_here":   {FR: "déjà sur le serveur", EN: "already on the server"},
}
