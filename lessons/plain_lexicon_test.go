package lessons

import (
	"slices"
	"strings"
	"testing"

	"pasapas/i18n"
)

// found returns the terms of a language's lexicon found in text, as
// "spelling=jargon group" or "spelling~concept.name".
func lexFound(l i18n.Lang, text string) []string {
	var s scanner
	s.scan(text)
	lex := &plainLangs[l].lex
	var out []string
	for i := 0; i < len(s.toks); {
		t, n := lex.match(&s, i)
		if t == nil {
			i++
			continue
		}
		if t.jargon >= 0 {
			out = append(out, s.span(i, t)+"="+strings.TrimSpace(strings.Split(jargon[l][t.jargon], "|")[0]))
		}
		if t.concept >= 0 {
			out = append(out, s.span(i, t)+"~"+strings.TrimSpace(strings.Split(names[l][t.concept][t.name], "|")[0]))
		}
		i += n
	}
	return out
}

func TestLexiconFrench(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		// Jargon, whatever the plural, the capitals and the accents.
		{"Ouvrez le navigateur.", []string{"navigateur=navigateur"}},
		{"Les Pièces Jointes sont en bas.", []string{"Pièces Jointes=pièce jointe", "Pièces Jointes~pièce jointe"}},
		{"Faites les mises a jour.", []string{"mises a jour=mise à jour"}},
		{"Activez le wifi ou le Wi-Fi.", []string{"wifi=Wi-Fi", "Wi-Fi=Wi-Fi"}},
		{"Le PHISHING est un piège.", []string{"PHISHING=hameçonnage", "PHISHING~phishing"}},
		{"Installez l'appli.", []string{"appli=application", "appli~appli"}},
		{"Un gestionnaire de mots de passe.", []string{"gestionnaire de mots de passe=gestionnaire de mots de passe"}},
		// The longest term wins: "fichier joint" is not "fichier".
		{"Ouvrez le fichier joint.", []string{"fichier joint=pièce jointe", "fichier joint~fichier joint"}},
		{"Ouvrez le fichier.", []string{"fichier=fichier"}},
		// Names of things: "adresse mail" is "mail"; "e-mail" is another name.
		{"Votre adresse mail.", []string{"mail~mail"}},
		{"Vos e-mails et vos courriels.", []string{"e-mails~e-mail", "courriels~courriel"}},
		{"Une adresse électronique.", []string{"adresse électronique~adresse électronique"}},
		{"Sur votre portable.", []string{"portable~téléphone portable"}},
		{"Sur votre ordinateur portable.", []string{"ordinateur portable~ordinateur"}},
		{"Une application mobile.", []string{"application=application", "application~application"}},
		{"Le rendez-vous ou le RDV.", []string{"rendez-vous~rendez-vous", "RDV~RDV"}},
		// Not jargon: inside addresses, in names that hold a listed word, other words.
		{"Écrivez à marie.dupont@mail.fr ou allez sur www.cloud.fr.", nil},
		{"Ouvrez l'App Store.", nil},
		{"Votre dossier CAF est sur le site.", nil},
		{"Gmail et Hotmail.", nil},
	} {
		if got := lexFound(i18n.FR, c.text); !slices.Equal(got, c.want) {
			t.Errorf("%q: got %q, want %q", c.text, got, c.want)
		}
	}
}

func TestLexiconEnglish(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Open the attachments.", []string{"attachments=attachment", "attachments~attachment"}},
		{"Use a password manager.", []string{"password manager=password manager"}},
		{"Send an e-mail from your mobile.", []string{"e-mail~email", "mobile~mobile phone"}},
		{"Open the App Store.", nil},
		{"Fill in the application form.", nil},
		{"Tap the link.", []string{"link=link"}},
	} {
		if got := lexFound(i18n.EN, c.text); !slices.Equal(got, c.want) {
			t.Errorf("%q: got %q, want %q", c.text, got, c.want)
		}
	}
}

// Every spelling of the lists must be found in a text that holds it alone:
// a spelling the scanner reads differently from the text would never match.
func TestEverySpellingMatches(t *testing.T) {
	for l, groups := range jargon {
		for _, g := range groups {
			for _, sp := range strings.Split(g, "|") {
				sp = strings.TrimSpace(sp)
				if got := lexFound(l, "Voici "+sp+"."); len(got) == 0 {
					t.Errorf("%s jargon %q: not found", l, sp)
				}
			}
		}
	}
	for l, concepts := range names {
		for _, c := range concepts {
			for _, fam := range c {
				for _, sp := range strings.Split(fam, "|") {
					sp = strings.TrimSpace(strings.NewReplacer("[", "", "]", "").Replace(sp))
					if got := lexFound(l, "Voici "+sp+"."); len(got) == 0 {
						t.Errorf("%s name %q: not found", l, sp)
					}
				}
			}
		}
	}
}
