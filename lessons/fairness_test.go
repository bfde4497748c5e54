package lessons

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"pasapas/i18n"
)

// TestFairnessOnTodaysBank runs the fairness rules on a copy of the bank as
// it was on 2026-12-07, before its rewrite (testdata/bank-2026-12-07, with
// only « theme: arnaque » added, by the criterion of docs/guide-questions.md
// §9): each rule must find what a reading of that bank found (issue 22).
// Where the figure differs from the issue's, the comment says why.
func TestFairnessOnTodaysBank(t *testing.T) {
	lib := Load(Options{Today: time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)}, Dir("testdata/bank-2026-12-07"))
	fr, en := MeasureFairness(lib.Catalogue(i18n.FR)), MeasureFairness(lib.Catalogue(i18n.EN))
	for _, c := range []struct {
		name      string
		got, want int
	}{
		{"fr questions", fr.Questions, 331},
		// The issue: « 38 of 41 multiple-choice questions carry the hint
		// "Il y a N bonnes réponses" ». The rule also finds « Une seule
		// réponse gêne la consultation » (sante-q-tc-prep): 39.
		{"fr multiple choices", fr.Multi, 41},
		{"fr count hints in multiple choices", fr.CountHintsMC, 39},
		// With the 9 « Une seule affirmation est fausse » of vrai/faux.
		{"fr count hints", fr.CountHints, 48},
		{"fr single choices", fr.Single, 132},
		{"fr single choices with 2 options", fr.SingleFewOptions, 10},
		// « Clearly the longest »: 30 % longer than every other option.
		{"fr right answer clearly the longest", fr.RightLongest, 49},
		{"fr multiple choices with 1 wrong option", fr.MultiFewWrong, 28},
		{"fr statements", fr.Statements, 193},
		{"fr true statements", fr.TrueStatements, 118},
		{"fr false statements with a negation", fr.NegatedFalse, 6},
		// The issue found 26 single-choice hints sharing a telling word
		// with the right answer only; the rule finds 27 (and 12 more in
		// other types).
		{"fr giveaway hints in single choices", fr.GiveawayHintsS, 27},
		{"fr giveaway hints", fr.GiveawayHints, 39},
		// The issue says 46 %; tagged by the criterion of the guide
		// (§9: a scam in the question, not a password or a permission),
		// 94 of 331 questions are about scams: 28 %, under the limit. See
		// the report of issue 22 for why the two differ.
		{"fr scam questions", fr.Scam, 94},
		// Variants answered otherwise than their original (one writes
		// from memory, the other picks among choices), such as
		// sante-q-urgence-b, which the issue names.
		{"fr variants of another task", fr.MixedVariants, 43},
		{"en variants of another task", en.MixedVariants, 20},
		// The issue: « 12 level-1 items need typing ». The rule finds 13:
		// it also counts sante-q-lire-secteur-c, whose price field is typed
		// (its sector is picked from a list).
		{"fr level-1 questions to type", fr.Level1Recall, 13},
		{"en level-1 questions to type", en.Level1Recall, 7},
		{"fr banks with longer right answers", fr.LongerBanks, 8},
		{"fr banks outside 40-60 % true", fr.TrueShareBanks, 4},
		{"en questions", en.Questions, 120},
		{"en count hints in multiple choices", en.CountHintsMC, 16},
		{"en single choices with 2 options", en.SingleFewOptions, 6},
		{"en true statements", en.TrueStatements, 34},
		{"en statements", en.Statements, 55},
		{"en scam questions", en.Scam, 33},
	} {
		if c.got != c.want {
			t.Errorf("%s: %d, want %d", c.name, c.got, c.want)
		}
	}
	if p := percent(fr.TrueStatements, fr.Statements); p != 61 {
		t.Errorf("fr true share: %d %%, want 61 %%", p)
	}
	// The same figures, as check reports them (both languages).
	byCode := map[string]int{}
	for _, d := range lib.Diagnostics {
		byCode[d.Code]++
	}
	for code, want := range map[string]int{
		"hint_count":     48 + 18,
		"few_options":    10 + 6,
		"few_wrong":      28 + 12,
		"negated_false":  6 + 1,
		"right_longer":   8 + 3,
		"true_share":     4 + 2,
		"scam_share":     0,
		"hint_giveaway":  39 + 10,
		"fact_no_source": 67,
		"variant_family": 43 + 20,
		"level_recall":   13 + 7,
	} {
		if byCode[code] != want {
			t.Errorf("%s reported %d times, want %d", code, byCode[code], want)
		}
	}
}

// fairBase is a référentiel and a competence for the fixtures' questions.
var fairBase = map[string]string{
	"ref.yaml": "domaines:\n  - id: d\n    titre: D\n",
	"comp.yaml": `competence: c
titre: C
domaine: d
sujets:
  - id: s
    titre: S
    acquis:
      - id: a-1
        niveau: 2
        texte: Je sais.
      - id: n-1
        niveau: 1
        texte: Je reconnais.
`,
}

var fairMark = regexp.MustCompile(`#!\s*([a-z_]+(?:\s+[a-z_]+)*)\s*$`)

// TestFairnessRules tests each rule on a small bank. A line where a problem
// is expected ends with « #! code »; problems of the whole bank, reported at
// the competence (comp.yaml:1), are in bank.
func TestFairnessRules(t *testing.T) {
	one := func(body string) string { return "questions:\n  - id: q1\n    acquis: a-1\n" + body }
	for _, c := range []struct {
		name, src string
		bank      []string
	}{
		{"three options, fair hint", one(`    type: choix_unique
    enonce: Quel signe trouve-t-on dans une adresse mail ?
    choix:
      - {id: a, texte: "@", bonne: true}
      - {id: b, texte: "#"}
      - {id: c, texte: "%"}
    indices: [Regardez une adresse que vous connaissez.]
    explication: Le signe @.
`), nil},
		{"two options", one(`    type: choix_unique
    enonce: Quel signe ?
    choix:
      - {id: a, texte: "@", bonne: true} #! few_options
      - {id: b, texte: "#"}
    explication: Le signe @.
`), nil},
		{"multiple choice with one wrong option and a count hint", one(`    type: choix_multiple
    enonce: Lesquels ?
    choix:
      - {id: a, texte: Un, bonne: true} #! few_wrong
      - {id: b, texte: Deux, bonne: true}
      - {id: c, texte: Six}
    indices:
      - "Il y a 2 bonnes réponses." #! hint_count
    explication: Un et deux.
`), nil},
		{"one statement is false", one(`    type: vrai_faux
    enonce: Vrai ou faux ?
    affirmations:
      - {id: a, texte: Un mail a un objet., vrai: true}
      - {id: b, texte: Un mail a un signe @ dans l'adresse., vrai: true}
      - {id: c, texte: Un mail coûte de l'argent., vrai: false}
      - {id: d, texte: Un mail part tout seul., vrai: false}
    indices:
      - "Une seule affirmation est fausse." #! hint_count
    explication: Voilà.
`), nil},
		{"count hint in English", "langue: en\n" + one(`    type: choix_multiple
    enonce: Which?
    choix:
      - {id: a, texte: One, bonne: true}
      - {id: b, texte: Two}
      - {id: c, texte: Six}
    indices:
      - "Only one answer is right." #! hint_count
    explication: One.
`), nil},
		{"hint with a word of the right answer only", one(`    type: choix_unique
    enonce: Où va un mail supprimé ?
    choix:
      - {id: a, texte: Dans la corbeille., bonne: true}
      - {id: b, texte: Dans les envoyés.}
      - {id: c, texte: Dans les brouillons.}
    indices:
      - "Pensez à la corbeille de votre bureau." #! hint_giveaway
    explication: La corbeille.
`), nil},
		{"hint with a word of the prompt is no giveaway", one(`    type: choix_unique
    enonce: Un mail supprimé va dans la corbeille. Peut-on le retrouver ?
    choix:
      - {id: a, texte: "Oui, dans la corbeille.", bonne: true}
      - {id: b, texte: "Non, il est effacé tout de suite."}
      - {id: c, texte: Seulement le lundi.}
    indices: [La corbeille garde les mails un moment.]
    explication: Oui.
`), nil},
		{"hint with half of the written answer", one(`    type: reponse_libre
    enonce: Quel bouton envoie un mail reçu à une autre personne ?
    reponses: [Transférer]
    indices:
      - "Le mot commence par « Transf »." #! hint_giveaway
    explication: Transférer.
`), nil},
		{"hint with a short start of the written answer", one(`    type: reponse_libre
    enonce: Quel bouton envoie un mail reçu à une autre personne ?
    reponses: [Transférer]
    indices: [Le mot commence par « Tr ».]
    explication: Transférer.
`), nil},
		{"false statement with a negation", one(`    type: vrai_faux
    enonce: Vrai ou faux ?
    affirmations:
      - {id: a, texte: Un mail a un objet., vrai: true}
      - {id: b, texte: On ne peut pas supprimer un mail., vrai: false} #! negated_false
      - {id: c, texte: Un mail n'a jamais d'objet., vrai: false} #! negated_false
      - {id: d, texte: Un mail peut avoir un objet., vrai: true}
    explication: Voilà.
`), nil},
		{"true statement with a negation is fine", one(`    type: vrai_faux
    enonce: Vrai ou faux ?
    affirmations:
      - {id: a, texte: On ne donne jamais son mot de passe., vrai: true}
      - {id: b, texte: Un mail coûte de l'argent., vrai: false}
    explication: Voilà.
`), nil},
		{"too many true statements", one(`    type: vrai_faux
    enonce: Vrai ou faux ?
    affirmations:
      - {id: a, texte: Un mail a un objet., vrai: true}
      - {id: b, texte: Un mail a une adresse., vrai: true}
      - {id: c, texte: Un mail coûte de l'argent., vrai: false}
    explication: Voilà.
`), []string{"1:true_share"}},
		{"right answers longer on average", one(`    type: choix_unique
    enonce: Que faites-vous ?
    choix:
      - {id: a, texte: Je ne clique pas et je supprime le message., bonne: true}
      - {id: b, texte: Je clique.}
      - {id: c, texte: Je réponds.}
    explication: Voilà.
`), []string{"1:right_longer"}},
		{"scam share over 30 %", `questions:
  - id: q1
    acquis: a-1
    theme: arnaque #! scam_share
    type: reponse_libre
    enonce: À quel numéro transférez-vous un SMS douteux ?
    reponses: ["33700"]
    sources:
      - {titre: 33700, url: "https://www.33700.fr", verifie_le: 2026-12-07}
    explication: Au 33700.
  - id: q2
    acquis: a-1
    type: reponse_libre
    enonce: Combien de signes @ a une adresse mail ?
    format: nombre
    reponses: ["1"]
    explication: Un seul.
`, nil},
		{"a variant written from memory, of a question answered by choosing", `questions:
  - id: q1
    acquis: a-1
    type: choix_unique
    enonce: Quel signe trouve-t-on dans une adresse mail ?
    choix:
      - {id: a, texte: "@", bonne: true}
      - {id: b, texte: "#"}
      - {id: c, texte: "%"}
    explication: Le signe @.
  - id: q2
    acquis: a-1
    variante_de: q1 #! variant_family
    type: reponse_libre
    enonce: Combien de signes @ a une adresse mail ?
    format: nombre
    reponses: ["1"]
    explication: Un seul.
  - id: q3
    acquis: a-1
    variante_de: q1
    type: champs
    enonce: Choisissez le signe d'une adresse mail.
    champs:
      - {id: signe, libelle: Le signe, format: liste, options: ["@", "#"], reponses: ["@"]}
    explication: Le signe @.
`, nil},
		{"a level-1 question to type", `questions:
  - id: q1
    acquis: n-1 #! level_recall
    type: reponse_libre
    enonce: Combien de signes @ a une adresse mail ?
    format: nombre
    reponses: ["1"]
    explication: Un seul.
`, nil},
		{"a phone number without source", `questions:
  - id: q1 #! fact_no_source
    acquis: a-1
    type: reponse_libre
    enonce: À quel numéro transférez-vous un SMS douteux ?
    reponses: ["33700"]
    explication: Au 33700.
`, nil},
		{"a price, a delay", `questions:
  - id: q1 #! fact_no_source
    acquis: a-1
    type: reponse_libre
    enonce: Combien coûte une consultation ?
    format: nombre
    reponses: ["30"]
    explication: 30 € en secteur 1.
  - id: q2 #! fact_no_source
    acquis: a-1
    type: reponse_libre
    enonce: Écrivez le mot qui manque.
    reponses: [jours]
    explication: Vous avez 3 jours pour l'envoyer.
  - id: q3
    acquis: a-1
    type: reponse_libre
    enonce: Écrivez l'heure du rendez-vous.
    reponses: ["14:15"]
    explication: Le rendez-vous est à 14:15, le mardi 3 mars.
`, nil},
		{"sources read, and not read", `questions:
  - id: q1
    acquis: a-1
    type: reponse_libre
    enonce: À quel numéro transférez-vous un SMS douteux ?
    reponses: ["33700"]
    sources:
      - titre: 33700
        url: https://www.33700.fr
        verifie_le: 2026-12-07
      - titre: Une page pas encore lue
        url: https://example.org
        a_verifier: true #! source_unverified
    explication: Au 33700.
`, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{"q.yaml": {Data: []byte(c.src)}}
			for k, v := range fairBase {
				fsys[k] = &fstest.MapFile{Data: []byte(v)}
			}
			lib := Load(Options{Today: time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)}, Tree{FS: fsys, Name: "t"})
			var got, bank []string
			for _, d := range lib.Diagnostics {
				switch d.Pos.File {
				case "t/q.yaml":
					got = append(got, fmt.Sprintf("%d:%s", d.Pos.Line, d.Code))
				case "t/comp.yaml":
					bank = append(bank, fmt.Sprintf("%d:%s", d.Pos.Line, d.Code))
				default:
					t.Errorf("unexpected: %s", d)
				}
			}
			var want []string
			for i, line := range strings.Split(c.src, "\n") {
				if m := fairMark.FindStringSubmatch(line); m != nil {
					for _, code := range strings.Fields(m[1]) {
						want = append(want, fmt.Sprintf("%d:%s", i+1, code))
					}
				}
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) || !slices.Equal(bank, c.bank) {
				t.Errorf("got %v, want %v; bank: got %v, want %v\n%s", got, want, bank, c.bank, lib.Diagnostics)
			}
		})
	}
}

// TestSourceDateRules: a date says the source was read; a source not read
// has none. Both mistakes are errors.
func TestSourceDateRules(t *testing.T) {
	lesson := func(src string) string {
		return "lecon: l\ntitre: T\nniveau: 1\nduree: 5\nobjectifs: [Je sais.]\nacquis: [a-1]\netapes:\n  - {action: Lisez., sinon: Relisez.}\na_retenir: [Un., Deux., Trois.]\nsources:\n" + src
	}
	for _, c := range []struct{ name, src, want string }{
		{"read", "  - {titre: A, url: https://a.fr, verifie_le: 2026-12-07}\n", ""},
		{"not read", "  - {titre: A, url: https://a.fr, a_verifier: true}\n", "11:source_unverified"},
		{"no date", "  - {titre: A, url: https://a.fr}\n", "11:source_no_date"},
		{"a date on a source not read", "  - {titre: A, url: https://a.fr, a_verifier: true, verifie_le: 2026-11-22}\n", "11:source_date_unread"},
		{"read long ago", "  - {titre: A, url: https://a.fr, verifie_le: 2025-01-02}\n", "11:stale_source"},
	} {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{"l.yaml": {Data: []byte(lesson(c.src))}}
			for k, v := range fairBase {
				fsys[k] = &fstest.MapFile{Data: []byte(v)}
			}
			lib := Load(Options{Today: time.Date(2026, 12, 7, 0, 0, 0, 0, time.UTC)}, Tree{FS: fsys, Name: "t"})
			var got []string
			for _, d := range lib.Diagnostics {
				got = append(got, fmt.Sprintf("%d:%s", d.Pos.Line, d.Code))
			}
			if strings.Join(got, " ") != c.want {
				t.Errorf("got %v, want %q\n%s", got, c.want, lib.Diagnostics)
			}
		})
	}
}

// TestFactIn: what counts as a price, a delay or a phone number.
func TestFactIn(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"Une consultation coûte 30 € en secteur 1.", "30 €"},
		{"Il reste 48,50 euros.", "48,50 euros"},
		{"The visit costs €30.", "€30"},
		{"Vous avez 3 jours.", "3 jours"},
		{"Appelez le 15.", "le 15"},
		{"Appelez le 116 117 le soir.", "116 117"},
		{"Transférez au 33700.", "33700"},
		{"Appelez le 01 23 45 67 89.", "01 23 45 67 89"},
		{"Le rendez-vous est à 14:15.", ""},
		{"Skype a fermé le 5 mai 2025.", "le 5 mai 2025"},
		{"Depuis le 1er janvier 2024, c'est 3 jours.", "le 1er janvier 2024"},
		{"Facture électricité mars 2025", ""},
		{"En 2026, rien ne change.", ""},
		{"Il y a 3 bonnes réponses.", ""},
		{"Le code a 4 chiffres.", ""},
	} {
		if got := factIn(c.text); got != c.want {
			t.Errorf("factIn(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}
