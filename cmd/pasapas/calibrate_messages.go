package main

import "pasapas/i18n"

// The calibrate sub-command's words, kept beside the sub-command; say looks
// here after the simulation's.
var calibrateMessages = i18n.Table{
	"calibrate_usage": {
		FR: `Utilisation : pasapas calibrate [options]

Recalcule la difficulté des questions à partir des réponses aux tests terminés sur cet
ordinateur (toutes les personnes, sans leur nom). Tant qu'une question a peu de réponses,
sa difficulté reste proche du niveau donné par l'auteur. Le tuteur fait déjà un petit
ajustement après chaque test ; cette commande refait le calcul sur tout l'historique.
Lancez-la quand personne ne passe de test.

Options :
`,
		EN: `Usage: pasapas calibrate [options]

Works out again how difficult each question is, from the answers to the tests finished on
this computer (everyone's, without their names). While a question has few answers, its
difficulty stays close to the level its author gave. The tutor already makes a small
adjustment after each test; this command does the whole calculation again on the history.
Run it when nobody is taking a test.

Options:
`,
	},
	"flag_calibrate_dry_run": {FR: "affiche ce qui changerait, sans rien enregistrer", EN: "print what would change, without saving anything"},
	"calibrate_nothing":      {FR: "Aucune réponse à un test terminé sur cet ordinateur : rien à recalculer.", EN: "No answer to a finished test on this computer: nothing to work out."},
	"calibrate_read":         {FR: "Lu : %s, venant de %s.", EN: "Read: %s, from %s."},
	"calibrate_unknown_one":  {FR: "Laissée de côté : 1 réponse à une question qui n'est plus dans le contenu.", EN: "Left out: 1 answer to a question no longer in the content."},
	"calibrate_unknown_many": {FR: "Laissées de côté : %d réponses à des questions qui ne sont plus dans le contenu.", EN: "Left out: %d answers to questions no longer in the content."},
	"calibrate_only_unknown_one": {
		FR: "Rien à recalculer : la seule réponse à un test terminé sur cet ordinateur porte sur une question qui n'est plus dans le contenu.",
		EN: "Nothing to work out: the only answer to a finished test on this computer is to a question no longer in the content.",
	},
	"calibrate_only_unknown_many": {
		FR: "Rien à recalculer : les %d réponses aux tests terminés sur cet ordinateur portent toutes sur des questions qui ne sont plus dans le contenu.",
		EN: "Nothing to work out: the %d answers to finished tests on this computer are all to questions no longer in the content.",
	},
	"calibrate_moved":   {FR: "%s ; changement d'au moins %s niveau : %d.", EN: "%s; changed by at least %s level: %d."},
	"recalculated_none": {FR: "Aucune question recalculée", EN: "No question recalculated"},
	"recalculated_one":  {FR: "1 question recalculée", EN: "1 question recalculated"},
	"recalculated_many": {FR: "%d questions recalculées", EN: "%d questions recalculated"},
	"calibrate_largest": {FR: "Les plus grands changements (difficulté, en niveaux) :", EN: "The largest changes (difficulty, in levels):"},
	"calibrate_move":    {FR: "%s (acquis de niveau %d) : %s, %s (%s → %s), sur %s", EN: "%s (level-%d skill): %s, %s (%s → %s), from %s"},
	"calibrate_harder":  {FR: "plus difficile que prévu", EN: "harder than expected"},
	"calibrate_easier":  {FR: "plus facile que prévu", EN: "easier than expected"},
	"calibrate_unsettled": {
		FR: "Attention : le calcul ne s'est pas stabilisé en %d étapes. Les réponses disent peu de chose sur la difficulté des questions (par exemple, tout le monde a tout réussi). Relancez la commande quand d'autres tests auront été faits.",
		EN: "Note: the calculation did not settle in %d steps. The answers say little about how hard the questions are (for example, everyone got everything right). Run the command again once more tests have been taken.",
	},
	"calibrate_dry_run": {FR: "Essai seulement (--dry-run) : rien n'a été enregistré.", EN: "Trial only (--dry-run): nothing was saved."},
	"calibrate_saved":   {FR: "Nouvelles difficultés enregistrées : le tuteur s'en servira dès le prochain test.", EN: "New difficulties saved: the tutor will use them from the next test on."},
	"answer_one":        {FR: "%d réponse", EN: "%d answer"},
	"answer_many":       {FR: "%d réponses", EN: "%d answers"},
	"level_one":         {FR: "%s niveau", EN: "%s level"},
	"level_many":        {FR: "%s niveaux", EN: "%s levels"},
	"test_one":          {FR: "%d test", EN: "%d test"},
	"test_many":         {FR: "%d tests", EN: "%d tests"},
}
