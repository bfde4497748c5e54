package progress

import "pasapas/i18n"

// messages are this package's words for people: learners, médiateurs, and
// whoever looks after the PC. Plain French first.
var messages = i18n.Table{
	"recovered": {
		FR: "Le fichier des progrès était abîmé : il ne pouvait plus être lu correctement. " +
			"Il a été mis de côté, sans rien effacer, ici :\n%s\n" +
			"Un nouveau fichier vide a été créé. Les progrès enregistrés avant ne sont pas visibles dans ce nouveau fichier. " +
			"Montrez ce message à un médiateur : la copie peut peut-être être réparée.",
		EN: "The progress file was damaged: it could no longer be read correctly. " +
			"It was put aside, with nothing deleted, here:\n%s\n" +
			"A new empty file was created. Progress saved before does not show in this new file. " +
			"Show this message to a médiateur: the copy may be repairable.",
	},
	"newer_schema": {
		FR: "Le fichier des progrès a été créé par une version plus récente de Pas à pas. " +
			"Pour ne rien abîmer, cette version ne l'ouvre pas et n'y touche pas :\n%s\n" +
			"Demandez à un médiateur d'installer la dernière version de Pas à pas.",
		EN: "The progress file was made by a newer version of Pas à pas. " +
			"So as to damage nothing, this version does not open it and leaves it as it is:\n%s\n" +
			"Ask a médiateur to install the latest version of Pas à pas.",
	},
	"foreign_file": {
		FR: "Le fichier des progrès n'est pas un fichier de Pas à pas. Il n'a pas été modifié. " +
			"Un médiateur peut choisir un autre dossier avec PASAPAS_HOME.",
		EN: "The progress file is not a Pas à pas file. It was not changed. " +
			"A médiateur can choose another folder with PASAPAS_HOME.",
	},
}
