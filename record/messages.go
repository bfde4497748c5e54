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
}
