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
	"in_use": {
		FR: "Le fichier des progrès est abîmé, et une autre fenêtre de Pas à pas l'utilise encore. Rien n'a été déplacé ni effacé. Fermez toutes les fenêtres de Pas à pas, puis ouvrez-le de nouveau.",
		EN: "The progress file is damaged, and another window of Pas à pas still uses it. Nothing was moved or deleted. Close every window of Pas à pas, then open it again.",
	},
	"erased_but": {
		FR: "Votre profil et vos réponses sont effacés de Pas à pas.",
		EN: "Your profile and your answers are erased from Pas à pas.",
	},
	"erase_files_left": {
		FR: "Mais ces fichiers d'export n'ont pas pu être effacés. Demandez à un médiateur de les supprimer :\n%s",
		EN: "But these export files could not be deleted. Ask a médiateur to delete them:\n%s",
	},
	"erase_not_compacted": {
		FR: "Une autre fenêtre de Pas à pas est ouverte : des copies restent dans le fichier jusqu'à sa fermeture. Fermez toutes les fenêtres de Pas à pas pour finir l'effacement.",
		EN: "Another window of Pas à pas is open: copies stay in the file until it closes. Close every window of Pas à pas to finish erasing.",
	},
	"see_log": {
		FR: "Le journal des erreurs est ici : %s",
		EN: "The error log is here: %s",
	},
	"cause_permission": {
		FR: "Détail pour le médiateur : Pas à pas n'a pas le droit d'écrire ou de lire ce fichier ou son dossier.",
		EN: "Details for the médiateur: Pas à pas is not allowed to write or read this file or its folder.",
	},
	"cause_read_only": {
		FR: "Détail pour le médiateur : le disque ou le fichier est en lecture seule.",
		EN: "Details for the médiateur: the disk or the file is read-only.",
	},
	"cause_disk_full": {
		FR: "Détail pour le médiateur : le disque est plein.",
		EN: "Details for the médiateur: the disk is full.",
	},
	"cause_not_a_file": {
		FR: "Détail pour le médiateur : à la place du fichier des progrès, il y a un dossier.",
		EN: "Details for the médiateur: there is a folder where the progress file should be.",
	},
	"cause_lock_timeout": {
		FR: "Détail pour le médiateur : une autre fenêtre a gardé le fichier trop longtemps. Réessayez dans un moment.",
		EN: "Details for the médiateur: another window kept the file too long. Try again in a moment.",
	},
	"cause_damaged": {
		FR: "Détail pour le médiateur : le fichier est abîmé.",
		EN: "Details for the médiateur: the file is damaged.",
	},
	"cause_in_use": {
		FR: "Détail pour le médiateur : le fichier est abîmé et encore ouvert dans une autre fenêtre.",
		EN: "Details for the médiateur: the file is damaged and still open in another window.",
	},
	"cause_io": {
		FR: "Détail pour le médiateur : le disque n'a pas pu lire ou écrire. Une clé USB a peut-être été retirée.",
		EN: "Details for the médiateur: the disk could not read or write. A USB stick may have been removed.",
	},
	"cause_other": {
		FR: "Détail pour le médiateur : cause inconnue.",
		EN: "Details for the médiateur: unknown cause.",
	},
}
