package main

import "pasapas/i18n"

// authorMessages are the words of the authors' commands: preview, new,
// referentiel and check --json.
var authorMessages = i18n.Table{
	"preview_args":  {FR: "DOSSIER|FICHIER [--lesson ID | --question ID] [--device …]", EN: "DIR|FILE [--lesson ID | --question ID] [--device …]"},
	"preview_about": {FR: "montre une leçon ou une question en cours d'écriture, sans profil, et la remontre à chaque enregistrement", EN: "show a lesson or question being written, with no profile, and again at every save"},
	"preview_usage": {
		FR: "Utilisation : pasapas preview DOSSIER|FICHIER [options]\n\nMontre une leçon (ou une question) de vos fichiers, sans profil : rien n'est enregistré.\nÀ chaque enregistrement du fichier, l'aperçu se met à jour, ou montre l'erreur.\nF2 change d'appareil (variantes), Échap ferme l'aperçu.\n\nOptions :\n",
		EN: "Usage: pasapas preview DIR|FILE [options]\n\nShows a lesson (or a question) of your files, with no profile: nothing is saved.\nAt every save of the file the preview updates, or shows the error.\nF2 changes the device (variants), Esc closes the preview.\n\nOptions:\n",
	},
	"flag_pv_lesson":   {FR: "la leçon à montrer (par défaut : la première de vos fichiers)", EN: "the lesson to show (by default: the first of your files)"},
	"flag_pv_question": {FR: "la question à montrer, seule", EN: "the question to show, alone"},
	"flag_pv_device":   {FR: "l'appareil des variantes montrées : android, iphone ou ordinateur", EN: "the device whose variants are shown: android, iphone or ordinateur"},
	"preview_path":     {FR: "donnez le dossier ou le fichier à montrer (exemple : pasapas preview mes-lecons)", EN: "give the folder or file to show (for example: pasapas preview mes-lecons)"},
	"preview_both":     {FR: "choisissez --lesson ou --question, pas les deux", EN: "choose --lesson or --question, not both"},
	"no_path":          {FR: "« %s » n'existe pas.", EN: "“%s” does not exist."},
	"bad_device":       {FR: "appareil inconnu « %s » (possibles : %s)", EN: "unknown device “%s” (possible: %s)"},
	"new_args":         {FR: "lecon|questions|competence ID", EN: "lecon|questions|competence ID"},
	"new_about":        {FR: "écrit le début d'une leçon, d'une banque de questions ou d'une compétence, à compléter", EN: "write the start of a lesson, question bank or competence, to complete"},
	"new_usage": {
		FR: "Utilisation : pasapas new lecon|questions|competence ID [--dir DOSSIER]\n\nÉcrit ID.yaml : un fichier commenté à compléter, et le schéma pour l'éditeur à côté.\n\nOptions :\n",
		EN: "Usage: pasapas new lecon|questions|competence ID [--dir DIR]\n\nWrites ID.yaml: a commented file to complete, and the schema for the editor beside it.\n\nOptions:\n",
	},
	"flag_new_dir": {FR: "le dossier où écrire le fichier", EN: "the folder to write the file in"},
	"new_words":    {FR: "écrivez : pasapas new lecon ID (ou questions, ou competence), par exemple : pasapas new lecon ecrire-un-mail", EN: "write: pasapas new lecon ID (or questions, or competence), for example: pasapas new lecon ecrire-un-mail"},
	"new_atelier":  {FR: "les ateliers n'existent pas encore dans Pas à pas : « pasapas new atelier » viendra avec eux.", EN: "workshops do not exist in Pas à pas yet: “pasapas new atelier” will come with them."},
	"new_bad_id":   {FR: "« %s » n'est pas un identifiant : des lettres minuscules sans accent, des chiffres et des tirets (exemple : ecrire-un-mail).", EN: "“%s” is not an identifier: lowercase letters without accents, digits and hyphens (for example: ecrire-un-mail)."},
	"new_exists":   {FR: "%s existe déjà : il n'est pas remplacé. Choisissez un autre identifiant.", EN: "%s already exists: it is not replaced. Choose another identifier."},
	"new_write":    {FR: "impossible d'écrire %s : %v", EN: "cannot write %s: %v"},
	"new_done":     {FR: "Écrit : %s", EN: "Written: %s"},
	"new_schema":   {FR: "Écrit : %s (le schéma, pour que l'éditeur aide)", EN: "Written: %s (the schema, so that the editor helps)"},
	"new_next":     {FR: "Remplacez chaque « À compléter », puis : pasapas check %[1]s et pasapas preview %[1]s", EN: "Replace every “À compléter”, then: pasapas check %[1]s and pasapas preview %[1]s"},
	"flag_json":    {FR: "écrit les problèmes en JSON, un objet par problème (pour un éditeur ou un script)", EN: "write the problems as JSON, one object per problem (for an editor or a script)"},
}
