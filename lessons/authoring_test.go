package lessons

import (
	"slices"
	"strings"
	"testing"
)

// TestAuthoringRules: each of the guide's checkable rules is a warning at
// the place to fix, and the lesson still loads. Each case fails with its
// rule taken out.
func TestAuthoringRules(t *testing.T) {
	lesson := func(old, new string) map[string]string {
		if !strings.Contains(base["lecon.yaml"], old) {
			t.Fatalf("base lesson lacks %q", old)
		}
		return with(map[string]string{"lecon.yaml": strings.Replace(base["lecon.yaml"], old, new, 1)})
	}
	steps := func(n int) string {
		var b strings.Builder
		for i := range n {
			b.WriteString("  - {action: Regardez l'écran " + string(rune('A'+i)) + "., sinon: Relisez.}\n")
		}
		return b.String()
	}
	cases := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{"a list item whose dash lost its space",
			lesson("objectifs: [Je sais lire une adresse.]", "objectifs:\n  -Je sais lire une adresse."),
			[]string{"t/lecon.yaml:6:3 list_dash", "t/lecon.yaml:6:3 objective_je_sais"}},
		{"two list items merged",
			lesson("a_retenir: [Une adresse a un seul @., Le signe @ est au milieu., Une adresse n'a pas d'espace.]",
				"a_retenir:\n  - Une adresse a un seul @.\n    -Le signe @ est au milieu.\n  - Une adresse n'a pas d'espace.\n  - Elle n'a pas d'accent."),
			[]string{"t/lecon.yaml:13:5 list_dash"}},
		{"a list item holding « - »",
			lesson("a_retenir: [Une adresse a un seul @., Le signe @ est au milieu., Une adresse n'a pas d'espace.]",
				"a_retenir:\n  - Une adresse a un seul @. - Le signe @ est au milieu.\n  - Une adresse n'a pas d'espace.\n  - Elle n'a pas d'accent."),
			[]string{"t/lecon.yaml:13:5 list_dash"}},
		{"one thing to remember",
			lesson("a_retenir: [Une adresse a un seul @., Le signe @ est au milieu., Une adresse n'a pas d'espace.]", "a_retenir: [Une adresse a un seul @.]"),
			[]string{"t/lecon.yaml:12:12 remember_count"}},
		{"six things to remember",
			lesson("a_retenir: [Une adresse a un seul @.,", "a_retenir: [Un., Deux., Trois., Une adresse a un seul @.,"),
			[]string{"t/lecon.yaml:12:12 remember_count"}},
		{"five steps without a check",
			lesson(baseStep, steps(5)),
			[]string{"t/lecon.yaml:12:5 check_gap"}},
		{"four steps then a check: fine",
			lesson(baseStep, steps(4)),
			nil},
		{"a step without « sinon »",
			lesson("    sinon: Cherchez un petit « a » entouré d'un rond.\n", ""),
			[]string{"t/lecon.yaml:8:5 missing_sinon"}},
		{"a « sinon » left empty",
			lesson("    sinon: Cherchez un petit « a » entouré d'un rond.\n", "    sinon: \"\"\n"),
			[]string{"t/lecon.yaml:8:5 missing_sinon"}},
		{"a « sinon » in every device's variant: fine",
			lesson("    sinon: Cherchez un petit « a » entouré d'un rond.\n", "    variantes:\n      android: {sinon: Touchez A.}\n      iphone: {sinon: Touchez B.}\n      ordinateur: {sinon: Cliquez sur C.}\n"),
			nil},
		{"a « sinon » in the phones' variants only: a computer shows none",
			lesson("    sinon: Cherchez un petit « a » entouré d'un rond.\n", "    variantes:\n      android: {sinon: Touchez A.}\n      iphone: {sinon: Touchez B.}\n"),
			[]string{"t/lecon.yaml:8:5 missing_sinon"}},
		{"a « sinon » on the step serves a variant without one: fine",
			lesson("    resultat: Vous voyez le signe @.\n", "    resultat: Vous voyez le signe @.\n    variantes:\n      iphone: {action: Touchez l'adresse.}\n"),
			nil},
		{"an objective without « Je sais »",
			lesson("objectifs: [Je sais lire une adresse.]", "objectifs: [Je sais lire une adresse., Je connais le signe @.]"),
			[]string{"t/lecon.yaml:5:40 objective_je_sais"}},
		{"four objectives",
			lesson("objectifs: [Je sais lire une adresse.]", "objectifs: [Je sais lire., Je sais écrire., Je sais copier., Je sais coller.]"),
			[]string{"t/lecon.yaml:5:62 objectives_count"}},
		{"a level-3 lesson teaching a level-1 skill",
			lesson("niveau: 1", "niveau: 3"),
			[]string{"t/lecon.yaml:3:9 level_gap"}},
		{"a level-2 lesson teaching a level-1 skill: fine",
			lesson("niveau: 1", "niveau: 2"),
			nil},
		{"not a web address",
			lesson("url: https://example.org", "url: pas-une-url"),
			[]string{"t/lecon.yaml:15:10 bad_url"}},
		{"an address with no scheme",
			lesson("url: https://example.org", "url: www.service-public.fr"),
			[]string{"t/lecon.yaml:15:10 bad_url"}},
		{"a source read in the future",
			lesson("verifie_le: 2026-11-01", "verifie_le: 2999-01-01"),
			[]string{"t/lecon.yaml:16:17 future_date"}},
		{"« À compléter » left in a text",
			lesson("titre: Lire une adresse", "titre: À compléter (le titre)"),
			[]string{"t/lecon.yaml:2:8 todo"}},
		{"« À compléter » in a comment: fine",
			lesson("titre: Lire une adresse", "titre: Lire une adresse # À compléter"),
			[]string{"t/lecon.yaml:2:8 cut_comment"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			lib := loadTest(t, tc.files)
			got := found(lib)
			if !slices.Equal(got, tc.want) {
				t.Errorf("got  %q\nwant %q\n%s", got, tc.want, lib.Diagnostics)
			}
			for _, d := range lib.Diagnostics {
				if d.Severity != Warning {
					t.Errorf("not a warning: %s", d)
				}
			}
			if lib.Catalogue("fr").Lesson("mail-adresse") == nil {
				t.Error("the lesson was left out")
			}
		})
	}
}

// TestTypeKeySaidOnce: « choix » belongs to two types (choix_unique and
// choix_multiple); in a vrai_faux question it is reported once, not twice.
func TestTypeKeySaidOnce(t *testing.T) {
	bank := strings.Replace(base["questions.yaml"], "type: choix_unique", "type: vrai_faux\n    affirmations:\n      - id: v\n        texte: Une adresse a un @.\n        vrai: true", 1)
	lib := loadTest(t, with(map[string]string{"questions.yaml": bank}))
	n := 0
	for _, d := range lib.Diagnostics {
		if d.Code == "type_key" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("type_key said %d times: %s", n, lib.Diagnostics)
	}
}
