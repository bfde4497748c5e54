package lessons

import (
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

// guideRow is one message of the guide's table (docs/guide-auteur.md
// § 7.3), with a file that gives it and the place it must be reported.
type guideRow struct {
	row   string            // the start of the message, as the guide writes it
	files map[string]string // the content, under the tree named tree
	tree  string            // "t" when empty
	at    string            // file:line:col where the message is reported
	built bool              // loaded with the built-in library
}

// guideRows has a fixture for every row of the guide's table of messages.
func guideRows(t *testing.T) []guideRow {
	L := func(old, new string) map[string]string {
		t.Helper()
		if !strings.Contains(base["lecon.yaml"], old) {
			t.Fatalf("base lesson lacks %q", old)
		}
		return with(map[string]string{"lecon.yaml": strings.Replace(base["lecon.yaml"], old, new, 1)})
	}
	Q := func(old, new string) map[string]string {
		t.Helper()
		if !strings.Contains(base["questions.yaml"], old) {
			t.Fatalf("base bank lacks %q", old)
		}
		return with(map[string]string{"questions.yaml": strings.Replace(base["questions.yaml"], old, new, 1)})
	}
	C := func(old, new string) map[string]string {
		t.Helper()
		return with(map[string]string{"mail.yaml": strings.Replace(base["mail.yaml"], old, new, 1)})
	}
	one := func(s string) map[string]string { return map[string]string{"x.yaml": s} }
	enComp := "competence: mail\nlangue: en\ntitre: Email\ndomaine: communiquer\nsujets:\n  - id: mail-adresse\n    titre: The address\n    acquis:\n      - id: mail-adresse-1\n        niveau: 1\n        texte: I recognise an address.\n"
	return []guideRow{
		// The file is badly written.
		{row: "il y a une tabulation", files: one("lecon: x\netapes:\n\t- action: a\n"), at: "t/x.yaml:3:1"},
		{row: "un « : » est mal placé", files: one("lecon: x\ntitre: Attention : danger\n"), at: "t/x.yaml:2:18"},
		// Where the parser got lost: the guide says the mistake is on that
		// line or one or two below.
		{row: "le décalage (les espaces en début de ligne)", files: one("lecon: x\netapes:\n  - action: a\n   resultat: b\n"), at: "t/x.yaml:2:1"},
		{row: "un guillemet ouvert n'est pas refermé", files: L("titre: Lire une adresse", `titre: "Lire une adresse`), at: "t/lecon.yaml:2:8"},
		{row: "un crochet ouvert n'est pas refermé", files: L("acquis: [mail-adresse-1]", "acquis: [mail-adresse-1"), at: "t/lecon.yaml:6:9"},
		{row: "la ligne est décalée avec des espaces insécables", files: one("lecon: x\nobjectifs:\n\u00a0\u00a0- Je sais lire.\n"), at: "t/x.yaml:3:1"},
		{row: "un texte qui commence par « * » ou « & »", files: one("lecon: x\ntitre: *nom\n"), at: "t/x.yaml:2:8"},
		{row: "un caractère ne peut pas commencer une valeur", files: one("lecon: x\ntitre: @moi\n"), at: "t/x.yaml:2:8"},
		{row: "il manque « : » après le nom d'une clé", files: one("lecon: x\ntitre Mon titre\nniveau: 1\n"), at: "t/x.yaml:2:1"},
		{row: "Le fichier n'est pas enregistré en UTF-8", files: one("lecon: x\ntitre: \xe9t\xe9\n"), at: "t/x.yaml:2:8"},
		{row: "Le fichier est vide.", files: one("# rien\n"), at: "t/x.yaml:1:1"},
		{row: "Le fichier ne dit pas ce qu'il contient.", files: one("titre: x\n"), at: "t/x.yaml:1:1"},
		{row: "Le fichier mélange une leçon et une banque de questions", files: one("lecon: x\nquestions: []\n"), at: "t/x.yaml:2:1"},
		// Keys and values.
		{row: "Clé inconnue « résultat ». Vouliez-vous dire « resultat » ?", files: L("    resultat: Vous", "    résultat: Vous"), at: "t/lecon.yaml:9:5"},
		{row: "Clé inconnue « … ».", files: L("duree: 5", "duree: 5\nzzz: 1"), at: "t/lecon.yaml:5:1"},
		{row: "Il manque la clé « titre » : Titre de la leçon, court et concret.", files: L("titre: Lire une adresse\n", ""), at: "t/lecon.yaml:1:1"},
		{row: "La clé « titre » est écrite deux fois (la première fois ligne 2).", files: L("niveau: 1", "titre: Encore\nniveau: 1"), at: "t/lecon.yaml:3:1"},
		{row: "Le nom d'une clé doit être un simple texte", files: L("duree: 5", "duree: 5\n[titre]: x"), at: "t/lecon.yaml:5:1"},
		{row: "« duree » doit être un nombre entier (exemple : 10).", files: L("duree: 5", "duree: dix minutes"), at: "t/lecon.yaml:4:8"},
		{row: "« etapes » doit être un bloc de clés", files: L(baseStep, "  - Appuyez sur Envoyer.\n"), at: "t/lecon.yaml:8:5"},
		{row: "« … » doit être une liste", files: L("acquis: [mail-adresse-1]", "acquis: {a: b}"), at: "t/lecon.yaml:6:9"},
		{row: "« … » doit être oui ou non", files: Q("bonne: true", "bonne: peut-être"), at: "t/questions.yaml:9:16"},
		{row: "« niveau » vaut 9 : il faut un nombre entre 1 et 4.", files: L("niveau: 1", "niveau: 9"), at: "t/lecon.yaml:3:9"},
		{row: "« langue » ne peut pas valoir « de ». Valeurs possibles : fr, en.", files: L("niveau: 1", "niveau: 1\nlangue: de"), at: "t/lecon.yaml:4:9"},
		{row: "« titre » est vide.", files: L("titre: Lire une adresse", "titre:"), at: "t/lecon.yaml:2:7"},
		{row: "L'identifiant « Mon_Essai » n'est pas valide", files: L("lecon: mail-adresse", "lecon: Mon_Essai"), at: "t/lecon.yaml:1:8"},
		{row: "« 01/11/2026 » n'est pas une date", files: L("verifie_le: 2026-11-01", "verifie_le: 01/11/2026"), at: "t/lecon.yaml:16:17"},
		{row: "Le texte contient un caractère invisible interdit (U+0009)", files: L("titre: Lire une adresse", "titre: \"Lire\\tune adresse\""), at: "t/lecon.yaml:2:8"},
		{row: "Une vérification ne doit contenir que « verifier » : mettez « action »", files: L("  - verifier: mail-q-1", "  - verifier: mail-q-1\n    action: Lisez."), at: "t/lecon.yaml:12:5"},
		{row: "La variante « iphone » est vide", files: L("    resultat: Vous voyez le signe @.", "    resultat: Vous voyez le signe @.\n    variantes:\n      iphone: {}"), at: "t/lecon.yaml:11:15"},
		{row: "« &moi » : un texte qui commence par « & »", files: L("titre: Lire une adresse", "titre: &moi Lire"), at: "t/lecon.yaml:2:8"},
		// Mise en forme (§ 2.8).
		{row: "avertissement : « [ici](https://…) » n'est pas une mise en forme que le tuteur affiche", files: L("    resultat: Vous voyez le signe @.", "    resultat: Voyez [ici](https://exemple.fr) le signe @."), at: "t/lecon.yaml:9:15"},
		{row: "avertissement : Un « ** » n'est pas refermé", files: L("    resultat: Vous voyez le signe @.", "    resultat: Vous voyez **le signe @."), at: "t/lecon.yaml:9:15"},
		{row: "La leçon n'a aucune étape avec une « action ».", files: L(baseStep, ""), at: "t/lecon.yaml:8:3"},
		// Links between files.
		{row: "L'acquis « mail-adresse-7 » n'existe pas. Vouliez-vous dire « mail-adresse-1 » ?", files: L("acquis: [mail-adresse-1]", "acquis: [mail-adresse-7]"), at: "t/lecon.yaml:6:10"},
		{row: "L'acquis « acquis-inexistant » n'existe pas.", files: L("acquis: [mail-adresse-1]", "acquis: [acquis-inexistant]"), at: "t/lecon.yaml:6:10"},
		{row: "La question « … » n'existe pas.", files: L("verifier: mail-q-1", "verifier: zzz-autre"), at: "t/lecon.yaml:11:15"},
		{row: "L'identifiant « mail-copie » est aussi utilisé dans mes-lecons/copie.yaml:1:8.", tree: "mes-lecons",
			files: map[string]string{"copie.yaml": strings.Replace(base["lecon.yaml"], "lecon: mail-adresse", "lecon: mail-copie", 1), "original.yaml": strings.Replace(strings.Replace(base["lecon.yaml"], "lecon: mail-adresse", "lecon: mail-copie", 1), "verifier: mail-q-1", "action: Lisez.", 1)},
			at:    "mes-lecons/original.yaml:1:8", built: true},
		{row: "L'identifiant « mail-adresse » existe déjà dans le contenu intégré de Pas à pas (content/fr/01-mail/lecons/adresse-mail.yaml:2:8).",
			files: map[string]string{"lecon.yaml": strings.Replace(base["lecon.yaml"], "verifier: mail-q-1", "action: Lisez.", 1)}, at: "t/lecon.yaml:1:8", built: true},
		{row: "« mail-adresse-1 » a une erreur, signalée dans ce rapport : il ne peut pas servir ici.", files: C("niveau: 2", "niveau: 9"), at: "t/lecon.yaml:6:10"},
		{row: "« mail-adresse-1 » est dans un fichier mis de côté : t/mail.yaml:10:1. Corrigez d'abord ce fichier.",
			files: C("titre: Communiquer par mail", "titre: \"Communiquer par mail"), at: "t/lecon.yaml:6:10"},
		{row: "La leçon ne peut pas être son propre prérequis.", files: L("acquis: [mail-adresse-1]", "acquis: [mail-adresse-1]\nprerequis: [mail-adresse]"), at: "t/lecon.yaml:7:13"},
		{row: "Les prérequis tournent en rond : « essai-d → essai-c → essai-d ».",
			files: with(map[string]string{
				"c.yaml": strings.NewReplacer("lecon: mail-adresse", "lecon: essai-c\nprerequis: [essai-d]", "  - verifier: mail-q-1\n", "").Replace(base["lecon.yaml"]),
				"d.yaml": strings.NewReplacer("lecon: mail-adresse", "lecon: essai-d\nprerequis: [essai-c]", "  - verifier: mail-q-1\n", "").Replace(base["lecon.yaml"]),
			}), at: "t/d.yaml:2:13"},
		{row: "Le mot « reseau » est déjà expliqué dans le glossaire : « réseau », dans glossaire.yaml:2:10.", tree: ".",
			files: map[string]string{"glossaire.yaml": "glossaire:\n  - mot: réseau\n    definition: Des appareils reliés.\n  - mot: reseau\n    definition: Encore.\n"},
			at:    "glossaire.yaml:4:10"},
		{row: "Il manque l'acquis « mail-adresse-2 ». La version en français l'a, dans …", files: with(map[string]string{"en/mail.yaml": enComp}), at: "t/en/mail.yaml:9:7"},
		{row: "L'acquis « … » n'est pas dans la version en français (…).",
			files: with(map[string]string{"en/mail.yaml": strings.Replace(base["mail.yaml"], "competence: mail", "competence: mail\nlangue: en", 1) + "      - id: mail-adresse-3\n        niveau: 3\n        texte: I write an address.\n"}),
			at:    "t/en/mail.yaml:17:13"},
		// Warnings.
		{row: "avertissement : La leçon ne cite aucune source", files: L("sources:\n  - titre: Essai\n    url: https://example.org\n    verifie_le: 2026-11-01\n", ""), at: "t/lecon.yaml:1:8"},
		{row: "avertissement : Cette source a été vérifiée le 2024-01-01, il y a plus d'un an", files: L("verifie_le: 2026-11-01", "verifie_le: 2024-01-01"), at: "t/lecon.yaml:16:17"},
		{row: "avertissement : Cette source n'a pas encore été lue (« a_verifier »)", files: L("verifie_le: 2026-11-01", "a_verifier: true"), at: "t/lecon.yaml:16:17"},
		{row: "Il manque la clé « verifie_le » : la date où vous avez lu cette source.", files: L("    verifie_le: 2026-11-01\n", ""), at: "t/lecon.yaml:14:5"},
		{row: "Cette source est « a_verifier » mais a une date « verifie_le » : …", files: L("verifie_le: 2026-11-01", "verifie_le: 2026-11-01\n    a_verifier: true"), at: "t/lecon.yaml:16:17"},
		{row: "avertissement : La question n'a aucun retour", files: Q("    explication: Une adresse a un @.\n", ""), at: "t/questions.yaml:2:5"},
		{row: "avertissement : « essai-a » a une erreur, signalée dans ce rapport : ce lien est ignoré en attendant.",
			files: with(map[string]string{"a.yaml": strings.NewReplacer("lecon: mail-adresse", "lecon: essai-a", "titre: Lire une adresse\n", "", "  - verifier: mail-q-1\n", "").Replace(base["lecon.yaml"]),
				"lecon.yaml": strings.Replace(base["lecon.yaml"], "acquis: [mail-adresse-1]", "acquis: [mail-adresse-1]\nvoir_aussi: [essai-a]", 1)}),
			at: "t/lecon.yaml:7:14"},
		{row: "avertissement : Le texte s'arrête avant « #123 ici. »", files: L("titre: Lire une adresse", "titre: Tapez le code #123 ici."), at: "t/lecon.yaml:2:8"},
		{row: "avertissement : Ce fichier n'est pas lu : son nom doit finir par .yaml (pas .yaml.txt).", files: with(map[string]string{"autre.yaml.txt": "lecon: x\n"}), at: "t/autre.yaml.txt:1:1"},
		{row: "avertissement : « À compléter » : remplacez ce repère par votre texte.", files: L("titre: Lire une adresse", "titre: À compléter"), at: "t/lecon.yaml:2:8"},
		{row: "avertissement : Cet élément de liste contient « -Le signe @… »",
			files: L("a_retenir: [Une adresse a un seul @., Le signe @ est au milieu., Une adresse n'a pas d'espace.]", "a_retenir:\n  - Une adresse a un seul @.\n    -Le signe @ est au milieu.\n  - Une adresse n'a pas d'espace.\n  - Elle n'a pas d'accent."),
			at:    "t/lecon.yaml:13:5"},
		{row: "avertissement : « a_retenir » a 1 phrase(s)", files: L("a_retenir: [Une adresse a un seul @., Le signe @ est au milieu., Une adresse n'a pas d'espace.]", "a_retenir: [Une adresse a un seul @.]"), at: "t/lecon.yaml:12:12"},
		{row: "avertissement : La leçon a 4 objectifs : gardez-en 1 à 3.", files: L("objectifs: [Je sais lire une adresse.]", "objectifs: [Je sais lire., Je sais écrire., Je sais copier., Je sais coller.]"), at: "t/lecon.yaml:5:62"},
		{row: "avertissement : Un objectif commence par « Je sais »", files: L("objectifs: [Je sais lire une adresse.]", "objectifs: [Je lis une adresse.]"), at: "t/lecon.yaml:5:13"},
		{row: "avertissement : Il manque le « sinon » de cette étape", files: L("    sinon: Cherchez un petit « a » entouré d'un rond.\n", ""), at: "t/lecon.yaml:8:5"},
		{row: "avertissement : 5 étapes de suite sans question pour vérifier", files: L(baseStep, "  - action: Lisez A.\n  - action: Lisez B.\n  - action: Lisez C.\n  - action: Lisez D.\n  - action: Lisez E.\n"), at: "t/lecon.yaml:12:5"},
		{row: "avertissement : La leçon est de niveau 3, et ses acquis de niveau 1", files: L("niveau: 1", "niveau: 3"), at: "t/lecon.yaml:3:9"},
		{row: "avertissement : « pas-une-url » n'est pas une adresse de page web", files: L("url: https://example.org", "url: pas-une-url"), at: "t/lecon.yaml:15:10"},
		{row: "avertissement : Le mot « cadre » a déjà une autre définition, dans glossaire.yaml:2:10 : « Un trait autour d'une image ».", tree: ".",
			files: map[string]string{
				"glossaire.yaml": "glossaire:\n  - mot: cadre\n    definition: Un trait autour d'une image.\n",
				"lecon.yaml":     strings.Replace(base["lecon.yaml"], "etapes:", "vocabulaire:\n  - mot: cadre\n    definition: Un rond de couleur.\netapes:", 1),
			},
			at: "lecon.yaml:8:10"},
		{row: "avertissement : La date « 2999-01-01 » est dans le futur", files: L("verifie_le: 2026-11-01", "verifie_le: 2999-01-01"), at: "t/lecon.yaml:16:17"},
	}
}

// guideTable reads the messages of the guide's table (§ 7.3): the first
// cell of each row, in backquotes.
func guideTable(t *testing.T) []string {
	data, err := os.ReadFile("../docs/guide-auteur.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	start, end := strings.Index(text, "### 7.3"), strings.Index(text, "### 7.4")
	if start < 0 || end < start {
		t.Fatal("no § 7.3 in the guide")
	}
	var rows []string
	cell := regexp.MustCompile("^\\| `([^`]+)`")
	for _, line := range strings.Split(text[start:end], "\n") {
		if m := cell.FindStringSubmatch(line); m != nil {
			rows = append(rows, m[1])
		}
	}
	return rows
}

// rowPattern turns a row's message into a pattern: « … » stands for any
// text.
func rowPattern(row string) *regexp.Regexp {
	parts := strings.Split(row, "…")
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return regexp.MustCompile("^" + strings.Join(parts, ".*"))
}

// TestGuideMessageTable: every message of the guide's table (§ 7.3) has a
// fixture here, and the fixture gives that message, worded as the guide
// writes it, at the asserted file:line:col.
func TestGuideMessageTable(t *testing.T) {
	fixtures := guideRows(t)
	for _, row := range guideTable(t) {
		found := false
		for _, f := range fixtures {
			if strings.HasPrefix(row, f.row) {
				found = true
				break
			}
		}
		if !found {
			t.Errorf("the guide's message %q has no fixture in guideRows", row)
		}
	}
	for _, f := range fixtures {
		t.Run(f.row, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, body := range f.files {
				fsys[name] = &fstest.MapFile{Data: []byte(strings.TrimPrefix(body, "\n"))}
			}
			tree := f.tree
			if tree == "" {
				tree = "t"
			}
			trees := []Tree{{FS: fsys, Name: tree}}
			if f.built {
				trees = append([]Tree{Builtin()}, trees...)
			}
			lib := Load(Options{Today: today}, trees...)
			want := rowPattern(f.row)
			for _, d := range lib.Diagnostics {
				msg := strings.TrimPrefix(d.Format("fr"), d.Pos.String()+": ")
				// The syntax rows give the reason after « Le fichier est
				// mal écrit : ».
				if want.MatchString(msg) || want.MatchString(strings.TrimPrefix(msg, "Le fichier est mal écrit : ")) {
					if d.Pos.String() != f.at {
						t.Errorf("%q at %s, want %s", msg, d.Pos, f.at)
					}
					return
				}
			}
			t.Errorf("no message %q; got:\n%s", f.row, lib.Diagnostics)
		})
	}
}
