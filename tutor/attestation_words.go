package tutor

import "pasapas/i18n"

// The words of the attestation's screens (attestation.go), added to words.
func init() {
	for code, text := range attestationWords {
		if _, dup := words[code]; dup {
			panic("tutor: word " + code + " defined twice")
		}
		words[code] = text
	}
}

var attestationWords = i18n.Table{
	"att_structure":       {FR: "Nom de la structure", EN: "Name of the organisation"},
	"att_structure_ask":   {FR: "Quel est le nom de votre structure ?", EN: "What is your organisation's name?"},
	"att_structure_why":   {FR: "Il est imprimé en haut de chaque attestation. Par exemple : Médiathèque de Lille-Sud.", EN: "It is printed at the top of each certificate. For example: Lille-Sud library."},
	"att_structure_saved": {FR: "Le nom de la structure est enregistré.", EN: "The organisation's name is saved."},
	"att_entry":           {FR: "Faire une attestation", EN: "Make a certificate"},
	"att_key":             {FR: "attestation", EN: "certificate"},
	"att_entry_detail":    {FR: "Heures, leçons et niveaux, à imprimer, avec son accord", EN: "Hours, lessons and levels, to print, with their agreement"},
	"att_title":           {FR: "Attestation", EN: "Certificate"},
	"att_for":             {FR: "Attestation pour %s", EN: "Certificate for %s"},
	"att_consent_shares":  {FR: "%s partage ses progrès avec les médiateurs : c'est son accord.", EN: "%s shares their progress with the helpers: that is their agreement."},
	"att_consent_code":    {FR: "Les progrès de %s sont privés. Après le choix de la période, la personne tape son code pour dire oui.", EN: "%s's progress is private. After the period, the person types their code to say yes."},
	"att_which_period":    {FR: "Quelle période ?", EN: "Which period?"},
	"att_period_all":      {FR: "Depuis sa première visite", EN: "Since the first visit"},
	"att_period_month":    {FR: "En %s", EN: "In %s"},
	"att_hand":            {FR: "Donnez le clavier à %s.", EN: "Hand the keyboard to %s."},
	"att_code":            {FR: "%s, si vous êtes d'accord pour cette attestation, tapez votre code, puis Entrée.", EN: "%s, if you agree to this certificate, type your code, then Enter."},
	"att_cannot":          {FR: "Les progrès de %s sont privés, et ce profil n'a pas de code. Pour avoir une attestation, %s choisit d'abord « Partager mes progrès » dans « Mes réglages ».", EN: "%s's progress is private, and this profile has no code. To get a certificate, %s first chooses “Share my progress” in “My settings”."},
	"att_ready":           {FR: "L'attestation est prête.", EN: "The certificate is ready."},
	"att_where":           {FR: "Elle est dans ce fichier :", EN: "It is in this file:"},
	"att_summary":         {FR: "Du %s au %s. Temps passé : %s. Leçons finies : %d.", EN: "From %s to %s. Time spent: %s. Lessons finished: %d."},
	"att_how":             {FR: "Pour l'imprimer : ouvrez ce fichier avec le navigateur, puis Imprimer (A4). Vous pouvez aussi l'enregistrer en PDF.", EN: "To print it: open this file with the web browser, then Print (A4). You can also save it as PDF."},
	"att_private":         {FR: "Elle porte le nom de la personne : une fois imprimée, effacez le fichier.", EN: "It bears the person's name: once printed, delete the file."},
	"att_back":            {FR: "Entrée ou Échap : revenir.", EN: "Enter or Esc: back."},
	"act_structure":       {FR: "nom de la structure changé", EN: "organisation's name changed"},
	"act_attestation":     {FR: "attestation faite : %s", EN: "certificate made: %s"},
}
