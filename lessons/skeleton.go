package lessons

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"pasapas/fold"
)

// SkeletonKinds are the kinds of file "pasapas new" writes, by the root key
// authors learn, with their English aliases.
var SkeletonKinds = map[string]string{
	"lecon": "lecon", "lesson": "lecon",
	"questions": "questions", "bank": "questions",
	"competence": "competence",
	"atelier":    "atelier", "workshop": "atelier",
}

// Skeleton returns a new file of a kind, commented in French, with the
// schema line for editors. It passes "pasapas check" but for its
// « À compléter » markers, each a warning (todo) until the author writes
// their own text there.
func Skeleton(kind, id string, today time.Time) ([]byte, error) {
	tmpl, ok := skeletons[SkeletonKinds[kind]]
	if !ok {
		return nil, fmt.Errorf("unknown kind %q", kind)
	}
	if !IsSlug(id) {
		return nil, fmt.Errorf("not an identifier: %q", id)
	}
	r := strings.NewReplacer("{{ID}}", id, "{{DATE}}", today.Format("2006-01-02"))
	return []byte(r.Replace(tmpl)), nil
}

// todoMarks finds the « À compléter » marks left in a file's values (not in
// its comments): one warning per line, where the mark is.
func todoMarks(c *collector, name string, data []byte) {
	for i, line := range strings.Split(string(data), "\n") {
		text := line
		if strings.HasPrefix(strings.TrimSpace(text), "#") {
			continue
		}
		if cut := strings.Index(text, " #"); cut >= 0 && !strings.ContainsAny(text[:cut], `"'`) {
			text = text[:cut]
		}
		folded := strings.ToLower(fold.Accents(text))
		at := strings.Index(folded, "a completer")
		if at < 0 {
			at = strings.Index(folded, "a-completer")
		}
		if at < 0 {
			continue
		}
		// fold.Accents keeps one letter per letter: the column is the
		// same in the folded line.
		col := utf8.RuneCountInString(folded[:at]) + 1
		c.warnf(Pos{File: name, Line: i + 1, Col: col}, "todo")
	}
}

var skeletons = map[string]string{
	"lecon":      skeletonLesson,
	"questions":  skeletonBank,
	"competence": skeletonCompetence,
	"atelier":    skeletonAtelier,
}

// skeletonAtelier is an atelier (docs/modele-atelier.yaml): a title, La
// Coop's niveau and thématiques, a parcours of built-in lessons the author
// replaces with theirs.
const skeletonAtelier = skeletonHead + `
# Identifiant : minuscules, chiffres, tirets.
atelier: {{ID}}
# Le titre, tel qu'il sera noté dans La Coop (Nom de l'atelier).
titre: À compléter
# Débutant, Intermédiaire ou Avancé, comme dans La Coop.
niveau: Débutant
# Les thématiques de La Coop, écrites exactement comme elle les nomme
# (la liste est dans le guide du médiateur).
thematiques:
  - E-mail
# Les leçons, dans l'ordre où le groupe les suit : leurs identifiants
# (« pasapas referentiel » les liste). Remplacez celles-ci par les vôtres.
parcours:
  - mail-adresse
  - mail-boite
# Facultatif : le code à donner au groupe, 4 à 8 caractères parmi
# ACDEFGHJKMNPQRTUVWXY34679. Sans cette ligne, un code est tiré à
# l'ouverture.
# code: MAC74
# Facultatif : les compétences à positionner au début.
# positionner:
#   - mail
# Facultatif : minutes sans toucher au clavier avant que la séance se ferme.
# inactivite: 20
`

const skeletonHead = `# yaml-language-server: $schema=pasapas.schema.json
#
# Écrit par « pasapas new » le {{DATE}}. Remplacez chaque « À compléter »
# par votre texte : « pasapas check » les signale tant qu'il en reste.
# Le guide de l'auteur explique chaque clé.
#
# Règles de YAML à retenir :
#   - décalez les lignes avec des ESPACES, jamais avec la touche Tab ;
#   - « - » puis une espace devant chaque élément d'une liste ;
#   - des guillemets "…" autour d'un texte qui contient « : » ou « # ».
#
# Les lignes qui commencent par « # » sont des commentaires :
# Pas à pas ne les lit pas.
`

const skeletonLesson = skeletonHead + `#
# Vérifier :   pasapas check {{ID}}.yaml
# Regarder :   pasapas preview {{ID}}.yaml

# L'identifiant de la leçon. Ne le changez plus une fois la leçon utilisée :
# les progrès des personnes y sont attachés.
lecon: {{ID}}
titre: À compléter (le titre, court et concret)
# 1 (premiers pas) à 4 (autonome), proche du niveau des acquis.
niveau: 1
# La durée en minutes, en chiffres seulement.
duree: 10
# 1 à 3 phrases qui commencent par « Je sais ».
objectifs:
  - Je sais À compléter.
# Les acquis que la leçon enseigne. La liste de tous les acquis, avec leur
# niveau : pasapas referentiel. Remplacez celui-ci par le vôtre.
acquis: [mail-ecrire-1]
# Facultatif : 3 à 8 mots à connaître, chacun expliqué en une phrase.
# vocabulaire:
#   - mot: un mot
#     definition: Une phrase simple qui explique ce mot.

# Les étapes : une seule action chacune, le verbe en premier.
# Une question pour vérifier (« verifier ») toutes les 2 à 4 étapes.
etapes:
  - titre: À compléter
    action: À compléter.
    resultat: À compléter.
    sinon: À compléter.
  - titre: À compléter
    action: À compléter.
    resultat: À compléter.
    sinon: À compléter.
  - verifier:
      id: {{ID}}-c1
      type: choix_unique
      enonce: À compléter.
      choix:
        - id: a
          texte: À compléter.
          bonne: oui
          retour: À compléter.
        - id: b
          texte: À compléter.
          retour: À compléter.

# 3 à 5 phrases à retenir.
a_retenir:
  - À compléter.
  - À compléter.
  - À compléter.
# Facultatif : argent, identité ou mots de passe en jeu.
# attention:
#   - Votre mot de passe reste secret.
aide:
  - Un conseiller numérique ou un espace France Services peut vous aider.
# D'où viennent les informations, et la date où vous les avez lues.
sources:
  - titre: À compléter
    url: https://a-completer.fr
    verifie_le: {{DATE}}
`

const skeletonBank = skeletonHead + `#
# Vérifier :   pasapas check {{ID}}.yaml
# Regarder :   pasapas preview {{ID}}.yaml --question {{ID}}-1

questions:
    # L'identifiant de la question : ne le changez plus une fois utilisée.
  - id: {{ID}}-1
    # L'acquis que la question évalue. La liste de tous les acquis :
    # pasapas referentiel. Remplacez celui-ci par le vôtre.
    acquis: mail-ecrire-1
    type: choix_unique
    enonce: À compléter.
    choix:
      - id: a
        texte: À compléter.
        bonne: oui
        retour: À compléter.
      - id: b
        texte: À compléter.
        retour: À compléter.
      - id: c
        texte: À compléter.
        retour: À compléter.
`

const skeletonCompetence = skeletonHead + `#
# Vérifier :   pasapas check {{ID}}.yaml
# Les domaines, compétences et acquis qui existent : pasapas referentiel

competence: {{ID}}
titre: À compléter (une situation de vie, par exemple Communiquer par mail)
situation: À compléter (ce que la personne veut faire, par exemple Envoyer un mail)
# Le domaine : communiquer, appareils, sante, securite, demarches, informer…
domaine: communiquer
description: À compléter.
# Les sujets, chacun avec ses acquis : un par niveau, de 1 à 4.
sujets:
  - id: {{ID}}-sujet
    titre: À compléter
    acquis:
      - id: {{ID}}-sujet-1
        niveau: 1
        texte: Je sais À compléter.
      - id: {{ID}}-sujet-2
        niveau: 2
        texte: Je sais À compléter.
`
