package lessons

import (
	"slices"
	"testing"

	"pasapas/i18n"
)

// ordersIn returns the orders the action rule finds in text.
func ordersIn(l i18n.Lang, text string) []string {
	var s scanner
	s.scan(text)
	var out []string
	for _, i := range s.actions(actionLexicon[l], nil) {
		out = append(out, text[s.toks[i].start:s.toks[i].end])
	}
	return out
}

func TestActionsFrench(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		// Two actions.
		{"Ouvrez l'application puis appuyez sur Profil.", []string{"Ouvrez", "appuyez"}},
		{"Cliquez sur Écrire et tapez l'adresse.", []string{"Cliquez", "tapez"}},
		{"Ouvrez l'application. Appuyez sur Profil.", []string{"Ouvrez", "Appuyez"}},
		{"Attendez le SMS, puis tapez le code.", []string{"Attendez", "tapez"}},
		{"Choisissez une date, écrivez votre nom.", []string{"Choisissez", "écrivez"}},
		{"N'oubliez pas l'objet et ne le donnez pas.", []string{"oubliez", "donnez"}},
		{"Ne cliquez pas sur le lien, et supprimez le message.", []string{"cliquez", "supprimez"}},
		{"Faites défiler la page, puis lisez le texte.", []string{"Faites", "lisez"}},
		{"Connectez-vous et allez dans « Mon compte ».", []string{"Connectez", "allez"}},
		{"Appuyez sur « Envoyer »\nAttendez le message.", []string{"Appuyez", "Attendez"}},
		{"Tapez-le et envoyez-le.", []string{"Tapez", "envoyez"}},
		{"Rendez-vous sur ameli.fr, ensuite cherchez « Mon compte ».", []string{"Rendez", "cherchez"}},
		// One action.
		{"Appuyez sur Envoyer.", []string{"Appuyez"}},
		{"Regardez cette adresse mail : marie.dupont@laposte.net", []string{"Regardez"}},
		{"Vérifiez que vous avez reçu le code.", []string{"Vérifiez"}},
		{"Vérifiez qu'il n'y a pas d'accent dans votre adresse.", []string{"Vérifiez"}},
		{"Si vous voyez une croix, appuyez dessus.", []string{"appuyez"}},
		{"Quand le code arrive, tapez-le.", []string{"tapez"}},
		{"Appuyez sur « Connectez-vous ».", []string{"Appuyez"}},
		{"Appuyez sur **Suivant** puis sur **Valider**.", []string{"Appuyez"}},
		{"Appuyez sur Entrée ou cliquez sur OK.", []string{"Appuyez"}},
		{"Appuyez sur OK, sinon fermez la fenêtre.", []string{"Appuyez"}},
		{"Voulez-vous continuer ? Appuyez sur Oui.", []string{"Appuyez"}},
		{"Appuyez sur l'icône et maintenez le doigt dessus.", []string{"Appuyez"}},
		{"Pour envoyer, appuyez sur la flèche.", []string{"appuyez"}},
		{"Veuillez patienter.", []string{"Veuillez"}},
		{"Chez vous, ouvrez la boîte mail.", []string{"ouvrez"}},
		{"Vous avez assez de place : ouvrez la photo.", []string{"ouvrez"}},
		{"Appuyez sur le rez-de-chaussée du plan.", []string{"Appuyez"}},
		{"Soyez patient : ouvrez le message.", []string{"ouvrez"}},
		{"Tapez votre nom et votre prénom.", []string{"Tapez"}},
		{"Choisissez « Oui » : vous acceptez les conditions.", []string{"Choisissez"}},
		{"Écrivez votre adresse sur une feuille, sans espace.", []string{"Écrivez"}},
		// No order at all (not reported: the rule counts second actions only).
		{"Vous pouvez aussi appuyer sur Entrée.", nil},
		{"Ouvrir l'application et appuyer sur Profil.", nil},
		{"M. Alvarez vous écrit. Chez vous, c'est calme.", nil},
	} {
		if got := ordersIn(i18n.FR, c.text); !slices.Equal(got, c.want) {
			t.Errorf("%q: got %q, want %q", c.text, got, c.want)
		}
	}
}

func TestActionsEnglish(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Open the app and type your code.", []string{"Open", "type"}},
		{"Type your password, then press Enter.", []string{"Type", "press"}},
		{"Look at the screen. Tap OK.", []string{"Look", "Tap"}},
		{"Do not tap the link and delete the message.", []string{"tap", "delete"}},
		{"Don't reply, just delete it.", []string{"reply"}},
		{"Tap Send.", []string{"Tap"}},
		{"Check that you can see the code.", []string{"Check"}},
		{"If you see a cross, tap it.", []string{"tap"}},
		{"Press and hold the icon.", []string{"Press"}},
		{"Tap “Sign in” or “Log in”.", []string{"Tap"}},
		{"Tap Reply or press R.", []string{"Tap"}},
		{"Please wait.", []string{"wait"}},
		{"The message opens.", nil},
	} {
		if got := ordersIn(i18n.EN, c.text); !slices.Equal(got, c.want) {
			t.Errorf("%q: got %q, want %q", c.text, got, c.want)
		}
	}
}
