package record

import "pasapas/i18n"

// messages are the words of the errors every store returns, for people.
// Plain French first.
var messages = i18n.Table{
	"pin_wrong": {
		FR: "Ce n'est pas le bon code. Vous pouvez réessayer.",
		EN: "That is not the right code. You can try again.",
	},
	"pin_wait": {
		FR: "Ce n'est pas le bon code. Pour protéger vos résultats, attendez %d secondes avant de réessayer.",
		EN: "That is not the right code. To protect your results, wait %d seconds before trying again.",
	},
	"pin_wait_1": {
		FR: "Ce n'est pas le bon code. Pour protéger vos résultats, attendez une seconde avant de réessayer.",
		EN: "That is not the right code. To protect your results, wait one second before trying again.",
	},
	"pin_wait_min": {
		FR: "Ce n'est pas le bon code. Pour protéger vos résultats, attendez %d minutes avant de réessayer. Un médiateur peut vous aider.",
		EN: "That is not the right code. To protect your results, wait %d minutes before trying again. A médiateur can help you.",
	},
	"pin_format": {
		FR: "Le code doit avoir de 4 à 6 chiffres.",
		EN: "The code must have 4 to 6 digits.",
	},
	"not_found": {
		FR: "Ce profil n'existe plus sur cet ordinateur.",
		EN: "This profile no longer exists on this computer.",
	},
	"store_failed": {
		FR: "Les progrès n'ont pas pu être enregistrés ou lus. Prévenez un médiateur.",
		EN: "Progress could not be saved or read. Please tell a médiateur.",
	},
	"pin_trivial": {
		FR: "Ce code est trop facile à deviner, comme 1234 ou 0000. Choisissez des chiffres mélangés, qui ne se suivent pas et ne se répètent pas. Vous seul ou seule devez le connaître.",
		EN: "This code is too easy to guess, like 1234 or 0000. Choose mixed digits that do not follow each other or repeat. Only you should know it.",
	},
	"pin_locked": {
		FR: "Pour protéger vos résultats, attendez encore %d secondes. Votre code sera vérifié ensuite.",
		EN: "To protect your results, wait %d more seconds. Your code will be checked then.",
	},
	"pin_locked_1": {
		FR: "Pour protéger vos résultats, attendez encore une seconde. Votre code sera vérifié ensuite.",
		EN: "To protect your results, wait one more second. Your code will be checked then.",
	},
	"pin_locked_min": {
		FR: "Pour protéger vos résultats, attendez encore %d minutes. Votre code sera vérifié ensuite. Un médiateur peut vous aider.",
		EN: "To protect your results, wait %d more minutes. Your code will be checked then. A médiateur can help you.",
	},
	"test_finished": {
		FR: "Ce test est déjà terminé, sans doute dans une autre fenêtre. Vos réponses sont enregistrées. Revenez à l'accueil pour voir votre résultat.",
		EN: "This test is already finished, probably in another window. Your answers are saved. Go back to the home screen to see your result.",
	},
	"answered_elsewhere": {
		FR: "Cette question a déjà une réponse, donnée dans une autre fenêtre. Rien n'est perdu. Revenez à l'accueil, puis reprenez le test : il continue là où il en est.",
		EN: "This question already has an answer, given in another window. Nothing is lost. Go back to the home screen, then resume the test: it goes on from where it is.",
	},
}
