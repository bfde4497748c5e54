package main

import "pasapas/i18n"

// The sim sub-command's words, kept beside the sub-command; say looks here
// after messages.
var simMessages = i18n.Table{
	"sim_usage": {
		FR: "Utilisation : pasapas sim [options]\n\nSimule des apprenants qui passent le test adaptatif et le compare à d'autres méthodes\n(ordre au hasard, questionnaire fixe, Pix smart-random, Pix flash, variantes du moteur).\nMême graine, même résultat, à l'octet près.\n\nOptions :\n",
		EN: "Usage: pasapas sim [options]\n\nSimulates learners taking the adaptive test and compares it with other methods\n(random order, fixed form, Pix smart-random, Pix flash, engine variants).\nSame seed, byte-identical output.\n\nOptions:\n",
	},
	"flag_sim_bank":        {FR: "banques de questions, séparées par des virgules, ou all (%s)", EN: "question banks, comma-separated, or all (%s)"},
	"flag_sim_method":      {FR: "méthodes, séparées par des virgules, ou all (%s)", EN: "methods, comma-separated, or all (%s)"},
	"flag_sim_learners":    {FR: "nombre d'apprenants simulés", EN: "number of simulated learners"},
	"flag_sim_seed":        {FR: "graine du hasard (même graine, même résultat)", EN: "random seed (same seed, same output)"},
	"flag_sim_draw":        {FR: "tirage des choix au hasard des méthodes : 0 est celui de la graine ; un autre nombre garde les banques et les apprenants (sans effet avec --explain)", EN: "draw of the methods' random choices: 0 is the seed's own; another number keeps the banks and the learners (no effect with --explain)"},
	"flag_sim_max_items":   {FR: "nombre maximum de questions par test", EN: "maximum number of questions per test"},
	"flag_sim_population":  {FR: "apprenants : beginners (surtout débutants, N(-0,5 ; 1)), normal (N(0 ; 1)), weak (plus faibles que prévu, N(-1 ; 0,7)) ou grid (grille de capacités de -3 à 3)", EN: "learners: beginners (mostly beginners, N(-0.5, 1)), normal (N(0, 1)), weak (weaker than the engine assumes, N(-1, 0.7)) or grid (abilities from -3 to 3)"},
	"flag_sim_json":        {FR: "sortie JSON complète, pour les machines", EN: "full JSON output, for machines"},
	"flag_sim_explain":     {FR: "déroule un seul test simulé en expliquant chaque choix", EN: "walk through one simulated test, explaining each choice"},
	"flag_sim_theta":       {FR: "avec --explain : capacité vraie de l'apprenant simulé", EN: "with --explain: true ability of the simulated learner"},
	"sim_bad_number":       {FR: "--learners et --max-items doivent être plus grands que 0.", EN: "--learners and --max-items must be greater than 0."},
	"sim_bank":             {FR: "Banque %s : %d questions, %d acquis ; %d apprenants (%s), graine %d, au plus %d questions", EN: "Bank %s: %d questions, %d skills; %d learners (%s), seed %d, at most %d questions"},
	"sim_draw":             {FR: ", tirage %d", EN: ", draw %d"},
	"sim_header":           {FR: "méthode\tlong.moy\tlong.méd\tRMSE\tbiais\tniveau exact\t±1 niveau\texpo.max\tRMSE@5\tRMSE@10\tRMSE@15\tRMSE@max\tquestions pour RMSE hasard@max\t", EN: "method\tmean len\tmedian len\tRMSE\tbias\texact level\t±1 level\tmax expo\tRMSE@5\tRMSE@10\tRMSE@15\tRMSE@max\titems to random@max RMSE\t"},
	"sim_info":             {FR: "Information (moyenne, vrais paramètres, à la vraie capacité) : hasard, %d questions : %.2f ; %d meilleurs acquis selon les niveaux d'auteur : %.2f ; selon les vrais paramètres : %.2f", EN: "Information (mean, true parameters, at the true ability): random order, %d questions: %.2f; %d best acquis by author level: %.2f; by true parameters: %.2f"},
	"sim_acceptance":       {FR: "Critères du ticket #4 :", EN: "Issue #4 criteria:"},
	"flag_sim_positioning": {FR: "simule le positionnement « Un peu de tout » sur les compétences du contenu intégré (%s) ; --method, --learners, --seed, --draw, --rho et --competences s'appliquent", EN: "simulate the « Un peu de tout » positioning on the built-in competences (%s); --method, --learners, --seed, --draw, --rho and --competences apply"},
	"flag_sim_hints":       {FR: "simule des apprenants qui demandent un indice quand ils ne sont pas sûrs, selon la règle de score d'une réponse après un indice ; --bank, --learners, --seed, --population s'appliquent", EN: "simulate learners who ask for a hint when unsure, under each scoring rule for an answer after a hint; --bank, --learners, --seed, --population apply"},
	"flag_sim_rho":         {FR: "avec --positioning : corrélation vraie entre les compétences d'un apprenant", EN: "with --positioning: true correlation between a learner's competences"},
	"flag_sim_competences": {FR: "avec --positioning : garde seulement ces compétences (identifiants séparés par des virgules) ; vide : toutes", EN: "with --positioning: keep only these competences (comma-separated ids); empty: all"},
	"sim_acceptance_24":    {FR: "Critères du ticket #24 :", EN: "Issue #24 criteria:"},
	"sim_pass":             {FR: "ok", EN: "ok"},
	"sim_fail":             {FR: "ÉCHEC", EN: "FAIL"},
}
