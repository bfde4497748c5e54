package tutor

import "pasapas/i18n"

// The words of ateliers, of the group view and of the call, added to
// words. The learner's words are FALC: short sentences, one idea each.
func init() {
	for code, text := range atelierWords {
		if _, dup := words[code]; dup {
			panic("tutor: word " + code + " defined twice")
		}
		words[code] = text
	}
}

var atelierWords = i18n.Table{
	// The learner.
	"key_call":               {FR: "appeler le médiateur", EN: "call the helper"},
	"call_banner":            {FR: "Vous appelez le médiateur", EN: "You are calling the helper"},
	"call_banner_more":       {FR: "Il arrive. Restez à votre place. F2 : ne plus appeler.", EN: "They are coming. Stay where you are. F2: stop calling."},
	"call_banner_linear":     {FR: "Il arrive. Restez à votre place. Pour ne plus appeler, tapez « appeler », puis Entrée.", EN: "They are coming. Stay where you are. To stop calling, type “call”, then Enter."},
	"linear_call":            {FR: "Pour appeler le médiateur, tapez « appeler », puis Entrée.", EN: "To call the helper, type “call”, then Enter."},
	"linear_call_stop":       {FR: "Pour ne plus appeler le médiateur, tapez « appeler », puis Entrée.", EN: "To stop calling the helper, type “call”, then Enter."},
	"atelier_mine":           {FR: "Mon atelier : %s", EN: "My atelier: %s"},
	"atelier_my":             {FR: "Mon atelier", EN: "My atelier"},
	"atelier_next":           {FR: "Prochaine leçon : %s", EN: "Next lesson: %s"},
	"atelier_all_done":       {FR: "Toutes les leçons de l'atelier sont finies. Bravo !", EN: "Every lesson of the atelier is finished. Well done!"},
	"atelier_join":           {FR: "Rejoindre un atelier", EN: "Join an atelier"},
	"atelier_join_detail":    {FR: "Avec le code que donne le médiateur", EN: "With the code the helper gives"},
	"atelier_join_ask":       {FR: "Tapez le code de l'atelier.", EN: "Type the atelier's code."},
	"atelier_join_hint":      {FR: "Le médiateur l'écrit au tableau. Puis appuyez sur Entrée.", EN: "The helper writes it on the board. Then press Enter."},
	"atelier_code_empty":     {FR: "Tapez d'abord le code.", EN: "Type the code first."},
	"atelier_bad_code":       {FR: "Ce code ne correspond à aucun atelier ouvert. Vérifiez le code avec le médiateur.", EN: "This code matches no open atelier. Check the code with the helper."},
	"atelier_named":          {FR: "Atelier « %s »", EN: "Atelier “%s”"},
	"atelier_consent_title":  {FR: "Le médiateur peut-il voir où j'en suis ?", EN: "May the helper see where I am?"},
	"atelier_consent_ask":    {FR: "Pendant cet atelier, le médiateur peut-il voir où vous en êtes ? Il peut alors vous aider plus vite.", EN: "During this atelier, may the helper see where you are? Then they can help you sooner."},
	"atelier_consent_sees":   {FR: "Il verra : votre prénom, la leçon et l'étape, depuis quand, les leçons finies, votre niveau dans chaque sujet.", EN: "They will see: your first name, the lesson and the step, since when, the lessons finished, your level in each subject."},
	"atelier_consent_never":  {FR: "Il ne voit jamais vos réponses une par une, ni votre code secret.", EN: "They never see your answers one by one, nor your secret code."},
	"atelier_consent_change": {FR: "Vous pouvez changer d'avis à tout moment, dans « Mon atelier ».", EN: "You can change your mind at any time, in “My atelier”."},
	"atelier_consent_yes":    {FR: "Oui, il peut voir où j'en suis", EN: "Yes, they may see where I am"},
	"atelier_consent_no":     {FR: "Non, merci", EN: "No, thank you"},
	"atelier_seen_yes":       {FR: "Aujourd'hui : oui, le médiateur voit où vous en êtes.", EN: "Now: yes, the helper sees where you are."},
	"atelier_seen_no":        {FR: "Aujourd'hui : non, le médiateur ne voit pas où vous en êtes.", EN: "Now: no, the helper does not see where you are."},
	"atelier_position":       {FR: "Faire le point : %s", EN: "Check where I stand: %s"},
	"atelier_parcours":       {FR: "Les leçons de l'atelier, dans l'ordre. La prochaine est choisie.", EN: "The atelier's lessons, in order. The next one is chosen."},
	"atelier_closed":         {FR: "L'atelier est fermé.", EN: "The atelier is closed."},

	// The médiateur.
	"space_ateliers":        {FR: "Les ateliers", EN: "Ateliers"},
	"space_ateliers_detail": {FR: "Ouvrir un atelier préparé, voir son code, le fermer", EN: "Open a prepared atelier, see its code, close it"},
	"space_group_detail":    {FR: "Où en est chaque personne, qui appelle", EN: "Where each person is, who calls"},
	"prepare_title":         {FR: "Préparer un atelier", EN: "Prepare an atelier"},
	"prepare_detail":        {FR: "Un titre, le niveau, une thématique de La Coop, les leçons d'un sujet", EN: "A title, the level, a La Coop theme, the lessons of a subject"},
	"prepare_ask_title":     {FR: "Le titre de l'atelier ?", EN: "The atelier's title?"},
	"prepare_title_hint":    {FR: "Tel que vous le noterez dans La Coop (Nom de l'atelier). Puis Entrée.", EN: "As you will write it in La Coop (Nom de l'atelier). Then Enter."},
	"prepare_title_empty":   {FR: "Tapez d'abord un titre.", EN: "Type a title first."},
	"prepare_ask_level":     {FR: "Le niveau de l'atelier (La Coop) ?", EN: "The atelier's level (La Coop)?"},
	"prepare_ask_theme":     {FR: "La thématique (La Coop) ?", EN: "The theme (La Coop)?"},
	"prepare_theme_hint":    {FR: "Une seule ici ; vous pourrez en ajouter dans le fichier.", EN: "One here; you can add more in the file."},
	"prepare_ask_comp":      {FR: "Quel sujet ?", EN: "Which subject?"},
	"prepare_comp_hint":     {FR: "Ses leçons font le parcours, dans l'ordre, et le groupe fait d'abord le point sur ce sujet. Le code est tiré au hasard.", EN: "Its lessons make the path, in order, and the group first checks where they stand in it. The code is drawn at random."},
	"prepare_done":          {FR: "L'atelier « %s » est prêt. Son fichier : %s (vous pouvez le changer, puis le vérifier avec pasapas check).", EN: "The atelier “%s” is ready. Its file: %s (you can change it, then check it with pasapas check)."},
	"ateliers_past":         {FR: "Les ateliers passés", EN: "Past ateliers"},
	"ateliers_past_line":    {FR: "%s : %s", EN: "%s: %s"},
	"ateliers_past_detail":  {FR: "%s · %s de venues en tout", EN: "%s · %s of visits in all"},
	"joined_one":            {FR: "%d personne l'a rejoint", EN: "%d person joined"},
	"joined_many":           {FR: "%d personnes l'ont rejoint", EN: "%d people joined"},
	"ateliers_held":         {FR: "Ouvert %s à %s, fermé depuis.", EN: "Opened %s at %s, closed since."},
	"ateliers_title":        {FR: "Les ateliers", EN: "Ateliers"},
	"ateliers_intro":        {FR: "Choisissez un atelier préparé pour l'ouvrir : les personnes le rejoignent avec son code, pendant 4 heures.", EN: "Choose a prepared atelier to open it: people join it with its code, for 4 hours."},
	"ateliers_none":         {FR: "Aucun atelier préparé. Déposez un fichier d'atelier dans le dossier « ateliers » à côté du fichier de progression (voir docs/guide-mediateur.md).", EN: "No prepared atelier. Put an atelier file in the “ateliers” folder next to the progress file (see docs/guide-mediateur.md)."},
	"ateliers_open_line":    {FR: "Ouvert : %s — code %s", EN: "Open: %s — code %s"},
	"ateliers_open_until":   {FR: "Le code marche jusqu'à %s.", EN: "The code works until %s."},
	"ateliers_file_line":    {FR: "Ouvrir : %s", EN: "Open: %s"},
	"ateliers_file_detail":  {FR: "%s · %d leçons", EN: "%s · %d lessons"},
	"ateliers_code_taken":   {FR: "Un autre atelier ouvert a déjà ce code. Fermez-le, ou changez le code dans le fichier.", EN: "Another open atelier already has this code. Close it, or change the code in the file."},
	"ateliers_code_is":      {FR: "Le code à donner au groupe :", EN: "The code to give the group:"},
	"ateliers_code_line":    {FR: "Code : %s", EN: "Code: %s"},
	"ateliers_level":        {FR: "Atelier de niveau %s (La Coop)", EN: "Atelier of level %s (La Coop)"},
	"ateliers_themes":       {FR: "Thématiques : %s", EN: "Themes: %s"},
	"ateliers_parcours":     {FR: "Parcours : %s", EN: "Path: %s"},
	"ateliers_close":        {FR: "Fermer l'atelier", EN: "Close the atelier"},
	"close_ask":             {FR: "Fermer l'atelier « %s » ?", EN: "Close the atelier “%s”?"},
	"close_what":            {FR: "Son code ne marchera plus pour personne. Son bilan pour La Coop sera écrit.", EN: "Its code will no longer work for anyone. Its bilan for La Coop will be written."},
	"close_no":              {FR: "Non, l'atelier reste ouvert", EN: "No, the atelier stays open"},
	"close_yes":             {FR: "Oui, fermer l'atelier", EN: "Yes, close the atelier"},
	"ateliers_closed":       {FR: "L'atelier « %s » est fermé : son code ne marche plus.", EN: "The atelier “%s” is closed: its code no longer works."},
	"back":                  {FR: "Retour", EN: "Back"},
	"group_title":           {FR: "Le groupe", EN: "The group"},
	"group_title_of":        {FR: "Le groupe : %s (%s)", EN: "The group: %s (%s)"},
	"group_intro":           {FR: "Les personnes qui ont accepté d'être vues, et celles qui appellent. La page se met à jour toute seule.", EN: "The people who agreed to be seen, and those calling. The page updates by itself."},
	"group_intro_linear":    {FR: "Les personnes qui ont accepté d'être vues, et celles qui appellent. Tapez %d pour relire la page.", EN: "The people who agreed to be seen, and those calling. Type %d to read the page again."},
	"group_read_at":         {FR: "Mis à jour à %s · %d personnes", EN: "Updated at %s · %d people"},
	"group_read_at_one":     {FR: "Mis à jour à %s · %d personne", EN: "Updated at %s · %d person"},
	"group_refresh":         {FR: "Mettre à jour", EN: "Update"},
	"group_empty":           {FR: "Personne pour l'instant.", EN: "Nobody yet."},
	"group_calls":           {FR: "appelle", EN: "calling"},
	"group_since":           {FR: "depuis %s", EN: "for %s"},
	"group_in_lesson":       {FR: "« %s », étape %d sur %d, depuis %s", EN: "“%s”, step %d of %d, for %s"},
	"group_no_lesson":       {FR: "Pas dans une leçon", EN: "Not in a lesson"},
	"group_stuck_skips":     {FR: "Bloqué ? 3 « Je ne sais pas » de suite", EN: "Stuck? 3 “I don't know” in a row"},
	"group_stuck_long":      {FR: "Bloqué ? %d minutes sur la même étape", EN: "Stuck? %d minutes on the same step"},
	"group_last":            {FR: "Dernière action il y a %s", EN: "Last action %s ago"},
	"group_last_none":       {FR: "Aucune action encore", EN: "No action yet"},
	"group_gone":            {FR: "séance terminée", EN: "session ended"},
	"group_done":            {FR: "leçons finies : %d", EN: "lessons finished: %d"},
	"group_shares_nothing":  {FR: "Ses progrès sont privés. Pour les voir, demandez à la personne. Elle peut choisir « Partager mes progrès » dans « Mes réglages ».", EN: "Their progress is private. To see it, ask the person. They can choose “Share my progress” in “My settings”."},
	"less_than_minute":      {FR: "moins d'une minute", EN: "less than a minute"},
	"hours_minutes":         {FR: "%d h %02d", EN: "%d h %02d"},
	"follow_entry":          {FR: "Son suivi et vos notes", EN: "Their follow-up and your notes"},
	"follow_entry_detail":   {FR: "Ses venues, ses leçons, ses niveaux, semaine après semaine", EN: "Their visits, lessons, levels, week after week"},
	"act_atelier_ouvert":    {FR: "atelier ouvert (ouverture n° %d)", EN: "atelier opened (opening no. %d)"},
	"act_atelier_ferme":     {FR: "atelier fermé (ouverture n° %d)", EN: "atelier closed (opening no. %d)"},
	"act_note":              {FR: "note écrite sur %s", EN: "note written about %s"},
	"follow_title":          {FR: "Suivi : %s", EN: "Follow-up: %s"},
	"follow_add_note":       {FR: "ajouter une note", EN: "add a note"},
	"follow_visits":         {FR: "Venues : %d, en tout %s", EN: "Visits: %d, %s in all"},
	"follow_lessons":        {FR: "Leçons finies : %d", EN: "Lessons finished: %d"},
	"follow_levels":         {FR: "Niveaux", EN: "Levels"},
	"follow_no_levels":      {FR: "Pas encore de test fini.", EN: "No test finished yet."},
	"follow_notes":          {FR: "Notes des médiateurs", EN: "Helpers' notes"},
	"follow_notes_private":  {FR: "Visibles des médiateurs seulement. La personne les retrouve dans son export ; elles partent avec son effacement.", EN: "Seen by helpers only. The person finds them in their export; they are deleted when the person erases their data."},
}

// countCode is a message's code for a count: code+"_one" for one
// (« 1 personne »), code otherwise.
func countCode(code string, n int) string {
	if n == 1 {
		return code + "_one"
	}
	return code
}
