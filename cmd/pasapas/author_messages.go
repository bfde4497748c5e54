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
}
