package lessons

// lessonHead is a valid lesson's start; the cases add their mistake after
// it (its lines are 1 to 8, the schema line being 0).
const lessonHead = "lecon: x\ntitre: T\nniveau: 1\nduree: 5\nobjectifs: [Je sais lire.]\nacquis: [a-1]\na_retenir: [A., B., C.]\netapes:\n"

// bankHead starts a bank with one question, whose keys follow (line 3 on).
const bankHead = "questions:\n  - id: q-1\n    acquis: a-1\n"

// Content the schema must flag in the editor, the line of the mistake
// (the file's first line is 1), and a piece of the message.
var schemaBroken = []struct {
	name, yaml string
	line       int
	message    string
}{
	{"a level out of range", "lecon: x\ntitre: T\nniveau: 9\nduree: 5\nobjectifs: [Je sais.]\nacquis: [a-1]\netapes:\n  - action: A.\na_retenir: [A.]\n", 3, "4"},
	{"a choix_unique with no right answer", bankHead +
		"    type: choix_unique\n    enonce: E ?\n    choix:\n      - id: a\n        texte: A.\n      - id: b\n        texte: B.\n    explication: X.\n", 7, "bonne réponse"},
	{"a reponse_libre with no reponses", bankHead +
		"    type: reponse_libre\n    enonce: E ?\n    explication: X.\n", 2, "reponses"},
	{"a key of another type", bankHead +
		"    type: vrai_faux\n    enonce: E ?\n    affirmations:\n      - id: a\n        texte: A.\n        vrai: oui\n    choix:\n      - id: a\n        texte: A.\n        bonne: oui\n    explication: X.\n", 10, "choix"},
	{"no acquis in a bank", "questions:\n  - id: q-1\n    type: vrai_faux\n    enonce: E ?\n    affirmations:\n      - id: a\n        texte: A.\n        vrai: oui\n    explication: X.\n", 2, "acquis"},
	{"an impossible date", lessonHead +
		"  - action: A.\nsources:\n  - titre: S\n    url: https://a.fr\n    verifie_le: 2026-02-30\n", 13, "AAAA-MM-JJ"},
	{"a screen key of another screen", bankHead +
		"    type: vrai_faux\n    enonce: E ?\n    ecran:\n      type: sms\n      expediteur: Banque\n      texte: Bonjour.\n      objet: Urgent\n    affirmations:\n      - id: a\n        texte: A.\n        vrai: oui\n    explication: X.\n", 10, "objet"},
	{"a bad identifier", "lecon: Ma_Lecon\ntitre: T\nniveau: 1\nduree: 5\nobjectifs: [Je sais.]\nacquis: [a-1]\netapes:\n  - action: A.\na_retenir: [A., B., C.]\n", 1, "minuscules"},
	{"a wrong yes or no", bankHead +
		"    type: vrai_faux\n    enonce: E ?\n    affirmations:\n      - id: a\n        texte: A.\n        vrai: peut-être\n    explication: X.\n", 9, "oui ou non"},
	{"a duration in words", "lecon: x\ntitre: T\nniveau: 1\nduree: dix minutes\nobjectifs: [Je sais.]\nacquis: [a-1]\netapes:\n  - action: A.\na_retenir: [A., B., C.]\n", 4, "nombre entier"},
}

// Content check accepts, which the schema must accept too.
var schemaAccepted = []struct{ name, yaml string }{
	{"a lesson", lessonHead + "  - action: A.\n"},
	{"Oui and Non", bankHead +
		"    type: choix_unique\n    enonce: E ?\n    choix:\n      - id: a\n        texte: A.\n        bonne: Oui\n      - id: b\n        texte: B.\n        bonne: Non\n    explication: X.\n"},
	{"numbers as texts, quoted or not", bankHead +
		"    type: reponse_libre\n    format: nombre\n    enonce: Combien ?\n    reponses: [12, \"13\", 14.5]\n    explication: 12.\n"},
	{"a number as a choice's text", bankHead +
		"    type: choix_unique\n    enonce: E ?\n    choix:\n      - id: a\n        texte: 15\n        bonne: true\n      - id: b\n        texte: \"17\"\n    explication: X.\n"},
}
