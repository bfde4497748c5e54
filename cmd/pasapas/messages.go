package main

import "pasapas/i18n"

func say(l i18n.Lang, code string, args ...any) string {
	if _, ok := simMessages[code]; ok {
		return simMessages.Format(l, code, args...)
	}
	if _, ok := authorMessages[code]; ok {
		return authorMessages.Format(l, code, args...)
	}
	if _, ok := calibrateMessages[code]; ok {
		return calibrateMessages.Format(l, code, args...)
	}
	if _, ok := storeMessages[code]; ok {
		return storeMessages.Format(l, code, args...)
	}
	return messages.Format(l, code, args...)
}

// messages are the command line's own words.
var messages = i18n.Table{
	// The help (printUsage) is made from these and the table of commands.
	"usage_title":    {FR: "Pas à pas : apprendre le numérique, étape par étape.", EN: "Pas à pas: learning digital skills, step by step."},
	"usage_heading":  {FR: "Utilisation :", EN: "Usage:"},
	"usage_options":  {FR: "Options du tuteur :", EN: "Tutor options:"},
	"usage_data":     {FR: "Données : PASAPAS_HOME choisit le dossier des progrès (clé USB, tests).\nUn serveur pour tout un lieu (--store, --place) : voir docs/reseau.md.", EN: "Data: PASAPAS_HOME chooses the progress folder (USB stick, tests).\nA server for a whole place (--store, --place): see docs/reseau.md."},
	"options_help":   {FR: "[options]", EN: "[options]"},
	"tutor_about":    {FR: "lance le tuteur", EN: "start the tutor"},
	"check_args":     {FR: "[options] [DOSSIER...]", EN: "[options] [DIR...]"},
	"check_about":    {FR: "vérifie des leçons et des questions", EN: "check lessons and questions"},
	"schema_about":   {FR: "affiche le schéma JSON du format (pour les éditeurs)", EN: "print the JSON Schema of the format (for editors)"},
	"sim_about":      {FR: "simule le test adaptatif et le compare (--help)", EN: "simulate the adaptive test and compare it (--help)"},
	"calibrate_args": {FR: "[--dry-run]", EN: "[--dry-run]"},
	"calibrate_about": {FR: "recalcule la difficulté des questions d'après les réponses aux tests de cet ordinateur, ou du serveur avec --store (--help)",
		EN: "work out the questions' difficulty again from the answers to this computer's tests, or the server's with --store (--help)"},
	"version_about": {FR: "affiche la version", EN: "print the version"},
	"mediateur_about": {FR: "ouvre l'espace médiateur : comptes, profils des personnes, code oublié, journal (mêmes options que le tuteur)",
		EN: "open the helper's space: accounts, learners' profiles, forgotten codes, log (the tutor's options)"},
	"help_about": {FR: "affiche cette aide", EN: "print this help"},
	// The placeholder of a tutor option's value in the help.
	"arg_lang":      {FR: "fr|en", EN: "fr|en"},
	"arg_content":   {FR: "DOSSIER", EN: "DIR"},
	"arg_theme":     {FR: "defaut|contraste|ascii", EN: "defaut|contraste|ascii"},
	"arg_idle-lock": {FR: "10m", EN: "10m"},
	"arg_store":     {FR: "postgres://…", EN: "postgres://…"},
	"arg_place":     {FR: "LIEU", EN: "PLACE"},
	"arg_from":      {FR: "FICHIER.db", EN: "FILE.db"},
	"arg_to":        {FR: "postgres://…", EN: "postgres://…"},
	"by_default":    {FR: "par défaut", EN: "default"},
	"flag_default":  {FR: "(par défaut : %s)", EN: "(default: %s)"},
	"check_usage": {
		FR: "Utilisation : pasapas check [options] [DOSSIER...]\n\nVérifie le contenu intégré, et les dossiers donnés.\nCode de sortie : 0 si tout est bon, 1 s'il y a des erreurs.\n\nOptions :\n",
		EN: "Usage: pasapas check [options] [DIR...]\n\nChecks the built-in content, and the given folders.\nExit code: 0 when all is well, 1 when there are errors.\n\nOptions:\n",
	},
	"flag_lang":       {FR: "langue des messages : fr ou en", EN: "language of messages: fr or en"},
	"flag_strict":     {FR: "les avertissements comptent comme des erreurs", EN: "warnings count as errors"},
	"flag_stats":      {FR: "affiche le nombre de leçons et de questions par compétence et par niveau", EN: "print the number of lessons and questions per competence and level"},
	"flag_no_builtin": {FR: "vérifie les dossiers seuls, sans le contenu intégré", EN: "check the folders alone, without the built-in content"},
	"flag_content":    {FR: "ajoute les leçons d'un dossier", EN: "add the lessons of a folder"},
	"flag_theme":      {FR: "apparence : defaut, contraste (fort contraste) ou ascii", EN: "look: defaut, contraste (high contrast) or ascii"},
	"flag_mouse":      {FR: "permet de cliquer sur les choix avec la souris", EN: "allows clicking choices with the mouse"},
	"flag_idle":       {FR: "ferme la séance après ce temps sans activité (exemple : 10m ; 0 pour jamais) ; passe avant le délai d'un atelier", EN: "closes the session after this long without activity (for example: 10m; 0 for never); wins over an atelier's delay"},
	"flag_accessible": {FR: "mode accessible pour lecteur d'écran : texte simple, sans réaffichage (automatique si TERM=dumb)", EN: "accessible mode for screen readers: plain text, no redrawing (automatic when TERM=dumb)"},
	"flag_version":    {FR: "affiche la version", EN: "print the version"},
	"flag_store": {FR: "où garder les progrès : postgres://utilisateur@serveur/base (serveur d'un lieu, sans mot de passe ; voir docs/reseau.md) ; par défaut, le fichier de ce PC (ou PASAPAS_STORE)",
		EN: "where to keep progress: postgres://user@server/database (a place's server, no password; see docs/reseau.md); by default, this PC's file (or PASAPAS_STORE)"},
	"flag_place": {FR: "le lieu de ce PC (médiathèque, France Services…), avec un serveur : on n'y voit que ses apprenants (ou PASAPAS_PLACE)",
		EN: "this PC's place (library, France Services…), with a server: only its learners are shown (or PASAPAS_PLACE)"},
	"store_password": {FR: "l'adresse du serveur contient un mot de passe. Sur un PC partagé, tout le monde pourrait le lire. Retirez-le de l'adresse et mettez-le dans le fichier de mots de passe de PostgreSQL (PGPASSFILE, voir docs/reseau.md).",
		EN: "the server's address holds a password. On a shared PC, anyone could read it. Take it out of the address and put it in PostgreSQL's password file (PGPASSFILE, see docs/reseau.md)."},
	"store_bad": {FR: "« %s » n'est pas une adresse de serveur. Elle commence par postgres:// (exemple : postgres://pasapas@serveur/pasapas).",
		EN: "“%s” is not a server address. It starts with postgres:// (for example: postgres://pasapas@server/pasapas)."},
	"store_no_place": {FR: "avec un serveur, indiquez le lieu de ce PC : --place \"Médiathèque des Tilleuls\" (ou PASAPAS_PLACE, ou « lieu = » dans pasapas.conf).",
		EN: "with a server, give this PC's place: --place \"Tilleuls library\" (or PASAPAS_PLACE, or “lieu =” in pasapas.conf)."},
	"passfile_open": {FR: "le fichier des mots de passe %s peut être lu par d'autres (droits %v). Réglez-le pour son seul propriétaire : chmod 600 %[1]s",
		EN: "the password file %s can be read by others (mode %v). Make it its owner's only: chmod 600 %[1]s"},
	"conf_unreadable": {FR: "le fichier de réglages %s ne peut pas être lu : %v", EN: "the settings file %s cannot be read: %v"},
	"server_unreachable": {FR: "Pas à pas n'arrive pas à joindre le serveur des progrès (%s).\nÀ vérifier : le serveur est-il allumé ? Ce PC est-il bien relié au réseau ? L'adresse est-elle la bonne ?",
		EN: "Pas à pas cannot reach the progress server (%s).\nTo check: is the server on? Is this PC connected to the network? Is the address right?"},
	"server_retry":     {FR: "Nouvel essai dans %d secondes (essai n° %d). Ctrl+C pour arrêter.", EN: "Trying again in %d seconds (try %d). Ctrl+C to stop."},
	"unknown_flag":     {FR: "option inconnue : %s", EN: "unknown option: %s"},
	"flag_needs_value": {FR: "il manque la valeur de l'option %s", EN: "the option %s needs a value"},
	"flag_bad_value":   {FR: "la valeur « %s » ne convient pas à l'option %s.", EN: "the value “%s” does not suit the option %s."},
	"unknown_command":  {FR: "commande inconnue « %s »", EN: "unknown command “%s”"},
	"bad_theme":        {FR: "apparence inconnue « %s » (possibles : %s)", EN: "unknown look “%s” (possible: %s)"},
	"see_help":         {FR: "Tapez « pasapas help » pour l'aide.", EN: "Type “pasapas help” for help."},
	"check_clean":      {FR: "Tout est correct : %s.", EN: "All good: %s."},
	"check_problems":   {FR: "%s. Chargé : %s.", EN: "%s. Loaded: %s."},
	"competence_one":   {FR: "%d compétence", EN: "%d competence"},
	"competence_many":  {FR: "%d compétences", EN: "%d competences"},
	"lesson_one":       {FR: "%d leçon", EN: "%d lesson"},
	"lesson_many":      {FR: "%d leçons", EN: "%d lessons"},
	"question_one":     {FR: "%d question", EN: "%d question"},
	"question_many":    {FR: "%d questions", EN: "%d questions"},
	"error_one":        {FR: "%d erreur", EN: "%d error"},
	"error_many":       {FR: "%d erreurs", EN: "%d errors"},
	"warning_one":      {FR: "%d avertissement", EN: "%d warning"},
	"warning_many":     {FR: "%d avertissements", EN: "%d warnings"},
	"skipped_one":      {FR: "%d élément mis de côté", EN: "%d item left out"},
	"skipped_many":     {FR: "%d éléments mis de côté", EN: "%d items left out"},
	"stats_header":     {FR: "compétence\tleçons\tniv.1\tniv.2\tniv.3\tniv.4\tquestions\tvariantes\tacquis\ten anglais (leçons, questions)", EN: "competence\tlessons\tlvl1\tlvl2\tlvl3\tlvl4\tquestions\tvariants\tskills\tin English (lessons, questions)"},
}
