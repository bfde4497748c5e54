package lessons

import (
	"fmt"
	"strings"

	"pasapas/i18n"
)

// The word lists of the plain-language rules. Each line is one group; the
// spellings of a group are separated by " | ". Plurals, capitals and accents
// need not be listed: "fichiers", "Fichier" and "fichier" are the same word
// (plain_lexicon.go). Words in [brackets] are context that must be there
// but is not part of the term.

// jargon lists, per language, the words a beginner may not know: the
// digital words of the lessons, and English words used in French. FALC asks
// to explain a hard word where it appears (research/content.md §2.1): a
// lesson that uses one must define it in its "vocabulaire". The spellings of
// a group are one word for that purpose: defining "application" explains
// "appli".
//
// Left out on purpose, because they are everyday French as well and would
// make the rule cry wolf: dossier (dossier CAF, dossier médical), site,
// Internet, écran, clavier, compte, mot de passe, message, SMS, téléphone,
// smartphone, code. Verbs are left out too (télécharger, installer): the
// steps teach them by doing.
var jargon = map[i18n.Lang][]string{
	i18n.FR: {
		"hameçonnage | phishing | filoutage",
		"spam | pourriel",
		"navigateur | navigateur web | navigateur internet | browser",
		"moteur de recherche",
		"pièce jointe | fichier joint | document joint | PJ",
		"identifiant | nom d'utilisateur | login",
		"arobase | arrobase",
		"fournisseur | fournisseur d'accès | FAI",
		"application | appli | app",
		"mise à jour | mettre à jour | mettez à jour | mis à jour",
		"autorisation", // not "permission": everyday French ("demander la permission")
		"Wi-Fi | wifi",
		"NFC",
		"FranceConnect | France Connect",
		"double authentification | authentification à deux facteurs | authentification à 2 facteurs | validation en deux étapes | validation en 2 étapes | 2FA",
		"authentification",
		"téléconsultation",
		"gestionnaire de mots de passe",
		"cookie | témoin de connexion",
		"lien | lien hypertexte | hyperlien",
		"URL | adresse URL",
		"nom de domaine",
		"https | http",
		"QR code | code QR | QR",
		"Bluetooth",
		"cloud | informatique en nuage",
		"sauvegarde",
		"fichier",
		"logiciel",
		"logiciel malveillant | maliciel | malware",
		"rançongiciel | ransomware",
		"antivirus",
		"pare-feu | firewall",
		"VPN",
		"adresse IP | IP",
		"routeur",
		"serveur",
		"hébergeur",
		"captcha",
		"onglet",
		"barre d'adresse",
		"icône",
		"visioconférence | visio",
	},
	i18n.EN: {
		"phishing",
		"spam | junk mail",
		"browser | web browser",
		"search engine",
		"attachment | attached file",
		"username | user name | login | user ID",
		"at sign",
		"provider | email provider | internet service provider | ISP",
		"app | application",
		"update | software update",
		"permission",
		"Wi-Fi | wifi",
		"NFC",
		"FranceConnect",
		"two-factor authentication | two-step verification | multi-factor authentication | 2FA",
		"authentication",
		"teleconsultation",
		"password manager",
		"cookie",
		"link | hyperlink",
		"URL",
		"domain name",
		"https | http",
		"QR code | QR",
		"Bluetooth",
		"cloud",
		"backup",
		"file",
		"software",
		"malware",
		"ransomware",
		"antivirus",
		"firewall",
		"VPN",
		"IP address",
		"router",
		"server",
		"captcha",
		"icon",
		"address bar",
		"videoconference | video conferencing",
	},
}

// names lists, per language, the things that have several names. FALC asks
// to always use the same word for the same thing (research/content.md §2.1:
// pick "adresse mail" and never switch to "courriel" mid-lesson). Each
// concept is a list of names; each name is a family of spellings that are
// the same word for that purpose. "mail" is enough to catch "adresse mail",
// "boîte mail" and "mails"; "e-mail" is another name, and the longest
// spelling wins, so "e-mail" is never read as "mail".
var names = map[i18n.Lang][][]string{
	i18n.FR: {
		{"mail", "e-mail | email", "courriel", "mél",
			"adresse électronique | courrier électronique | message électronique | messagerie électronique | boîte électronique"},
		{"smartphone", "téléphone portable" + determiners(i18n.FR, "portable"), "téléphone mobile" + determiners(i18n.FR, "mobile"),
			"téléphone intelligent | ordiphone"},
		{"application", "appli", "app"},
		{"ordinateur | ordinateur portable | ordinateur fixe", "PC | PC portable", "ordi"},
		{"site internet", "site web"},
		{"identifiant", "nom d'utilisateur", "login"},
		{"pièce jointe", "fichier joint | document joint", "PJ"},
		{"spam", "pourriel"},
		{"hameçonnage", "phishing", "filoutage"},
		{"rendez-vous", "RDV"},
		{"appel vidéo | appel en vidéo", "visio | visioconférence | appel en visio"},
		{"SMS", "texto"},
		{"double authentification", "authentification à deux facteurs | authentification à 2 facteurs",
			"validation en deux étapes | validation en 2 étapes", "2FA"},
	},
	i18n.EN: {
		{"email | e-mail | email address", "electronic mail"},
		{"smartphone", "mobile phone" + determiners(i18n.EN, "mobile"), "cell phone | cellphone"},
		{"app", "application"},
		{"computer", "PC"},
		{"username | user name", "login", "user ID"},
		{"attachment", "attached file"},
		{"spam", "junk mail | junk"},
		{"video call", "videoconference | video conference | video chat"},
		{"text message", "SMS"},
		{"two-factor authentication", "two-step verification", "2FA"},
	},
}

// neutral are names of things that hold a listed word but are neither jargon
// nor another name for it: "App Store" is not "app".
var neutral = map[i18n.Lang][]string{
	i18n.FR: {"App Store", "App Gallery"},
	i18n.EN: {"App Store", "App Gallery", "application form"},
}

// determiners returns " | [le] w | [un] w…": "portable" and "mobile" name a
// phone only after a determiner ("votre portable"), not as adjectives
// ("ordinateur portable", "application mobile").
func determiners(l i18n.Lang, w string) string {
	dets := []string{"le", "un", "votre", "mon", "ton", "son", "du", "au", "ce", "des", "les", "vos", "mes", "notre", "leur", "sur"}
	if l == i18n.EN {
		dets = []string{"your", "the", "a", "my", "his", "her", "their", "our"}
	}
	out := ""
	for _, d := range dets {
		out += fmt.Sprintf(" | [%s] %s", d, w)
	}
	return out
}

// plainLang is what the rules know of one language, built once.
type plainLang struct {
	lex      lexicon
	actions  *actionWords
	concepts int
}

var plainLangs = buildPlainLangs()

func buildPlainLangs() map[i18n.Lang]*plainLang {
	out := map[i18n.Lang]*plainLang{}
	var sc scanner
	for _, l := range i18n.All {
		pl := &plainLang{actions: actionLexicon[l], concepts: len(names[l])}
		if len(jargon[l]) > maxGroups || len(names[l]) > maxConcepts {
			panic("lessons: too many plain-language groups for the bit sets")
		}
		for g, group := range jargon[l] {
			for _, sp := range strings.Split(group, "|") {
				pl.lex.add(&sc, strings.TrimSpace(sp), sense{jargon: g, concept: -1, vocab: -1})
			}
		}
		for c, concept := range names[l] {
			for n, family := range concept {
				for _, sp := range strings.Split(family, "|") {
					pl.lex.add(&sc, strings.TrimSpace(sp), sense{jargon: -1, concept: c, name: n, vocab: -1})
				}
			}
		}
		for _, sp := range neutral[l] {
			pl.lex.add(&sc, sp, sense{jargon: -1, concept: -1, vocab: -1, neutral: true})
		}
		pl.lex.inherit()
		out[l] = pl
	}
	return out
}

// groupSet is a set of jargon groups.
type groupSet [2]uint64

const (
	maxGroups   = 128
	maxConcepts = 64
)

func (g *groupSet) add(i int)        { g[i/64] |= 1 << (i % 64) }
func (g *groupSet) has(i int) bool   { return g[i/64]&(1<<(i%64)) != 0 }
func (g *groupSet) union(o groupSet) { g[0] |= o[0]; g[1] |= o[1] }
