package tutor

import "pasapas/i18n"

// journeyWords are the words added by issue 14 (the learner's journey): the
// multiple-choice keys, the pause of a test, the profile list's search and
// warnings, singular forms. Kept in their own table so words.go keeps its
// layout; they join the others at start.
var journeyWords = i18n.Table{
	"set_next":              {FR: "Entrée pour passer à : %s", EN: "Enter to change to: %s"},
	"linear_interrupt":      {FR: "Pour quitter Pas à pas, tapez « quitter » puis Entrée. Sinon, continuez : rien n'est perdu.", EN: "To quit Pas à pas, type “quit” then Enter. Otherwise, go on: nothing is lost."},
	"idle_soon":             {FR: "Sans activité, la séance va se fermer dans 1 minute. Appuyez sur une touche pour continuer.", EN: "Nothing happened for a while: the session will close in 1 minute. Press a key to go on."},
	"key_letter":            {FR: "aller à une lettre", EN: "go to a letter"},
	"key_tick_name":         {FR: "Entrée", EN: "Enter"},
	"key_tick":              {FR: "cocher ou décocher", EN: "tick or untick"},
	"key_search":            {FR: "chercher", EN: "find"},
	"key_search_close":      {FR: "fermer la recherche", EN: "close the search"},
	"home_skipped_one":      {FR: "1 fichier ou élément a des erreurs et a été mis de côté.", EN: "1 file or item has errors and was left out."},
	"tomorrow":              {FR: "demain", EN: "tomorrow"},
	"profiles_hint_empty":   {FR: "Bienvenue ! Pour créer votre profil, choisissez la ligne 1, puis appuyez sur Entrée.", EN: "Welcome! To make your profile, choose line 1, then press Enter."},
	"profiles_search":       {FR: "Chercher un prénom :", EN: "Find a name:"},
	"profiles_search_hint":  {FR: "Pour chercher votre prénom, tapez / puis les premières lettres.", EN: "To find your name, type / then the first letters."},
	"profiles_search_close": {FR: "Échap pour fermer la recherche.", EN: "Esc to close the search."},
	"profiles_none_found":   {FR: "Aucun prénom ne correspond. Vérifiez l'orthographe, ou effacez une lettre.", EN: "No name matches. Check the spelling, or erase a letter."},
	"name_taken":            {FR: "Il y a déjà un profil « %s » sur cet ordinateur. Si c'est vous, appuyez sur Échap et choisissez-le dans la liste. Sinon, ajoutez une lettre (par exemple « %[1]s M. ») ou appuyez encore sur Entrée.", EN: "There is already a profile “%s” on this computer. If it is you, press Esc and choose it in the list. If not, add a letter (for example “%[1]s M.”) or press Enter again."},
	"answered_none":         {FR: "Pas encore de réponse", EN: "No answer yet"},
	"comp_one_all_done":     {FR: "La leçon est terminée", EN: "The lesson is finished"},
	"q_more_both":           {FR: "↑ au-dessus · ↓ en dessous (Pg↑ Pg↓)", EN: "↑ above · ↓ below (PgUp PgDn)"},
	"pause_title":           {FR: "Le test est en pause", EN: "The test is paused"},
	"pause_saved":           {FR: "Vos réponses sont enregistrées.", EN: "Your answers are saved."},
	"pause_resume":          {FR: "Reprendre le test maintenant", EN: "Go back to the test now"},
	"pause_later":           {FR: "Revenir à l'accueil", EN: "Back to the home screen"},
	"pause_later_detail":    {FR: "Le test vous attend. Vous le reprendrez plus tard.", EN: "The test waits for you. You will go on later."},
	"pause_stop":            {FR: "Arrêter ce test pour de bon", EN: "Stop this test for good"},
	"pause_stop_detail":     {FR: "Il ne sera plus proposé. Vous pourrez en refaire un.", EN: "It will not be offered again. You can take a new one."},
	"pause_stop_title":      {FR: "Voulez-vous arrêter ce test pour de bon ?", EN: "Do you want to stop this test for good?"},
	"pause_stop_what":       {FR: "Il n'aura pas de résultat. Vous pourrez faire le point une autre fois.", EN: "It will have no result. You can check your level another time."},
	"pause_stop_no":         {FR: "Non, garder ce test", EN: "No, keep this test"},
	"pause_stop_yes":        {FR: "Oui, arrêter ce test", EN: "Yes, stop this test"},
}

func init() {
	for code, text := range journeyWords {
		words[code] = text
	}
}
