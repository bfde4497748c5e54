package tutor

import "pasapas/i18n"

// The words of the presenter mode, added to words. They are read aloud and
// from the back of a room: short, plain, one idea each.
func init() {
	for code, text := range presenterWords {
		if _, dup := words[code]; dup {
			panic("tutor: word " + code + " defined twice")
		}
		words[code] = text
	}
}

var presenterWords = i18n.Table{
	"pres_title":             {FR: "Présentation · %s", EN: "Presenting · %s"},
	"pres_lesson":            {FR: "La leçon", EN: "The lesson"},
	"pres_steps":             {FR: "%d étapes", EN: "%d steps"},
	"pres_objectives":        {FR: "Les objectifs :", EN: "The goals:"},
	"pres_devices":           {FR: "Certaines étapes changent selon l'appareil : %s.", EN: "Some steps differ by device: %s."},
	"pres_start":             {FR: "Flèche droite ou Entrée : première étape. Un numéro puis Entrée : aller à cette étape.", EN: "Right arrow or Enter: first step. A number then Enter: go to that step."},
	"pres_you_see":           {FR: "Vous devez voir :", EN: "You should see:"},
	"pres_on":                {FR: "Sur %s", EN: "On %s"},
	"pres_device_android":    {FR: "Android", EN: "Android"},
	"pres_device_iphone":     {FR: "iPhone", EN: "iPhone"},
	"pres_device_ordinateur": {FR: "Ordinateur", EN: "Computer"},
	"pres_device_others":     {FR: "Les autres appareils", EN: "Other devices"},
	"pres_device_keys":       {FR: "Appareils : %s · t tous", EN: "Devices: %s · t all"},
	"pres_words":             {FR: "Les mots de l'étape", EN: "Words in this step"},
	"pres_question":          {FR: "Question", EN: "Question"},
	"pres_question_after":    {FR: "Question · étape %d sur %d", EN: "Question · step %d of %d"},
	"pres_reveal_hint":       {FR: "Qui a trouvé ? Levez la main. Puis r : montrer la réponse.", EN: "Who found it? Raise your hand. Then r: show the answer."},
	"pres_answer":            {FR: "La réponse :", EN: "The answer:"},
	"pres_true":              {FR: "VRAI", EN: "TRUE"},
	"pres_false":             {FR: "FAUX", EN: "FALSE"},
	"pres_typed":             {FR: "(une réponse à écrire)", EN: "(an answer to type)"},
	"pres_end":               {FR: "Fin de la leçon", EN: "End of the lesson"},
	"pres_end_hint":          {FR: "Flèche gauche : revenir en arrière. Échap : terminer.", EN: "Left arrow: go back. Esc: finish."},
	"pres_jump":              {FR: "Aller à l'étape %s : Entrée (Échap : annuler)", EN: "Go to step %s: Enter (Esc: cancel)"},
	"pres_key_reveal":        {FR: "montrer la réponse", EN: "show the answer"},
	"pres_key_jump":          {FR: "aller à l'étape", EN: "go to step"},
	"pres_key_device":        {FR: "appareil", EN: "device"},
	"pres_key_scroll":        {FR: "faire défiler", EN: "scroll"},
	"pres_pick_title":        {FR: "Présenter une leçon", EN: "Present a lesson"},
	"pres_pick":              {FR: "Quelle leçon voulez-vous projeter ?", EN: "Which lesson do you want to project?"},
	"pres_pick_why":          {FR: "Pour un atelier : rien n'est enregistré, pour personne.", EN: "For an atelier: nothing is saved, for anyone."},
	"pres_entry":             {FR: "Présenter une leçon", EN: "Present a lesson"},
	"pres_entry_detail":      {FR: "Projeter une leçon étape par étape en atelier", EN: "Project a lesson step by step in an atelier"},
	"pres_unknown":           {FR: "Aucune leçon ne s'appelle « %s ». Les leçons : %s", EN: "No lesson is called “%s”. The lessons: %s"},
}

// The words of « Ce que j'ai appris aujourd'hui » (learned.go).
func init() {
	for code, text := range learnedWords {
		if _, dup := words[code]; dup {
			panic("tutor: word " + code + " defined twice")
		}
		words[code] = text
	}
}

var learnedWords = i18n.Table{
	"learned_entry":  {FR: "Imprimer « Ce que j'ai appris aujourd'hui »", EN: "Print “What I learned today”"},
	"learned_title":  {FR: "Ce que j'ai appris aujourd'hui", EN: "What I learned today"},
	"learned_ready":  {FR: "Votre page est prête.", EN: "Your page is ready."},
	"learned_where":  {FR: "Elle est dans ce fichier :", EN: "It is in this file:"},
	"learned_empty":  {FR: "Pas encore de leçon ni de test aujourd'hui : la page le dit.", EN: "No lesson or test yet today: the page says so."},
	"learned_counts": {FR: "Leçons finies aujourd'hui : %d. Tests finis aujourd'hui : %d.", EN: "Lessons finished today: %d. Tests finished today: %d."},
	"learned_how":    {FR: "Pour l'imprimer : ouvrez ce fichier avec le navigateur, puis choisissez Imprimer. Le médiateur peut vous aider.", EN: "To print it: open this file with the web browser, then choose Print. The helper can help you."},
	"learned_back":   {FR: "Entrée ou Échap : revenir à mes résultats.", EN: "Enter or Esc: back to my results."},
}
