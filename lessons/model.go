package lessons

import (
	"pasapas/i18n"
)

// The content model. YAML keys are French because the authors are French
// médiateurs; Go names are English. Each field's tags drive the decoder, the
// validation of required keys, types, enumerations and ranges, and the JSON
// Schema shipped to editors: one description of the format, three uses.
//
//	key:"name[,req]"  the YAML key; req = the key must be present
//	enum:"a|b|c"      allowed values of a text
//	range:"min,max"   allowed values of a number
//	doc:"…"           what the key is for, in French, shown by editors

// Domain groups competences by area of life.
type Domain struct {
	Meta
	ID          string `key:"id,req,slug" doc:"Identifiant stable du domaine (minuscules, chiffres, tirets)."`
	Title       string `key:"titre,req" doc:"Nom du domaine, court."`
	Description string `key:"description" doc:"Une phrase qui dit ce que le domaine couvre."`
	Lang        i18n.Lang
}

// Competence is one life situation the learner can master, such as
// "Communiquer par mail". Its skills are grouped in topics.
type Competence struct {
	Meta
	ID          string    `key:"competence,req,slug" doc:"Identifiant stable de la compétence (minuscules, chiffres, tirets)."`
	Lang        i18n.Lang `key:"langue" enum:"fr|en" doc:"Langue du fichier : fr (par défaut) ou en."`
	Title       string    `key:"titre,req" doc:"Nom de la compétence, par situation de vie (exemple : Communiquer par mail)."`
	Situation   string    `key:"situation" doc:"Ce que la personne veut faire, dit simplement (exemple : Envoyer un mail). Affiché sur l'accueil."`
	Domain      Ref       `key:"domaine,req" doc:"Identifiant du domaine de la compétence."`
	Description string    `key:"description" doc:"Une ou deux phrases pour la personne qui apprend."`
	Pix         []string  `key:"pix" doc:"Codes des compétences Pix / CRCN (exemple : 2.1)."`
	DigComp     []string  `key:"digcomp" doc:"Codes des compétences DigComp 2.2 (exemple : 2.1)."`
	Topics      []Topic   `key:"sujets,req" doc:"Les sujets de la compétence, chacun avec ses acquis du plus facile au plus difficile."`
}

// Topic (sujet, Pix's "tube") is one know-how with a line of skills of
// increasing level.
type Topic struct {
	Meta
	ID     string  `key:"id,req,slug" doc:"Identifiant stable du sujet."`
	Title  string  `key:"titre,req" doc:"Nom du sujet (exemple : L'adresse mail)."`
	Skills []Skill `key:"acquis,req" doc:"Les acquis du sujet, un par niveau."`

	Competence *Competence
}

// Skill (acquis) is one thing a learner can do, at a level from 1 (first
// steps) to 4 (autonomous).
type Skill struct {
	Meta
	ID    string `key:"id,req,slug" doc:"Identifiant stable de l'acquis (exemple : mail-adresse-1)."`
	Level int    `key:"niveau,req" range:"1,4" doc:"Niveau de l'acquis : 1 (premiers pas) à 4 (autonome)."`
	Text  string `key:"texte,req" doc:"Ce que la personne sait faire, à la première personne : « Je sais… »."`

	Topic *Topic
}

// Lesson is a step-by-step tutorial (fiche pas à pas). One file each.
type Lesson struct {
	Meta
	ID            string       `key:"lecon,req,slug" doc:"Identifiant stable de la leçon (minuscules, chiffres, tirets)."`
	Lang          i18n.Lang    `key:"langue" enum:"fr|en" doc:"Langue du fichier : fr (par défaut) ou en."`
	Title         string       `key:"titre,req" doc:"Titre de la leçon, court et concret."`
	Level         int          `key:"niveau,req" range:"1,4" doc:"Niveau de la leçon : 1 (premiers pas) à 4 (autonome)."`
	Minutes       int          `key:"duree,req" range:"1,120" doc:"Durée en minutes."`
	Objectives    []string     `key:"objectifs,req" doc:"Ce que la personne saura faire, en commençant par « Je sais… »."`
	Skills        []Ref        `key:"acquis,req" doc:"Identifiants des acquis que la leçon enseigne."`
	Prerequisites []Ref        `key:"prerequis" doc:"Identifiants des leçons à faire avant."`
	Vocabulary    []Word       `key:"vocabulaire" doc:"Les mots à connaître, expliqués simplement."`
	Items         []LessonItem `key:"etapes,req" doc:"Les étapes, une action chacune, et les questions pour vérifier."`
	Remember      []string     `key:"a_retenir,req" doc:"3 à 5 phrases à retenir."`
	Warning       []string     `key:"attention" doc:"Encadré « Attention » : argent, identité, mots de passe."`
	Help          []string     `key:"aide" doc:"Où trouver de l'aide (France Services, conseiller numérique…)."`
	SeeAlso       []Ref        `key:"voir_aussi" doc:"Identifiants d'autres leçons à proposer ensuite."`
	Sources       []Source     `key:"sources" doc:"D'où viennent les informations, avec la date de vérification."`
}

// Steps returns the lesson's steps, without its check questions.
func (l *Lesson) Steps() []*Step {
	var steps []*Step
	for i := range l.Items {
		if l.Items[i].Step != nil {
			steps = append(steps, l.Items[i].Step)
		}
	}
	return steps
}

// HasVariants says whether some step differs between devices, so the learner
// must be asked which device they use.
func (l *Lesson) HasVariants() bool {
	for _, s := range l.Steps() {
		if s.Variants != nil {
			return true
		}
	}
	return false
}

// LessonItem is one entry of a lesson's "etapes" list: a step, or a check
// question (inline, or an identifier of a bank question).
type LessonItem struct {
	Step  *Step
	Check *Check
}

// Step is one action of a tutorial, with what the learner should then see and
// what to do if they do not.
type Step struct {
	Meta
	Title    string    `key:"titre" doc:"Titre court de l'étape (facultatif)."`
	Action   string    `key:"action,req" doc:"Une seule action, verbe en premier (exemple : Appuyez sur Envoyer.)."`
	Result   string    `key:"resultat" doc:"Ce que la personne doit voir après l'action."`
	IfNot    string    `key:"sinon" doc:"Que faire si ce n'est pas le cas."`
	Image    string    `key:"image" doc:"Description en mots de ce qu'on voit à l'écran (remplace une capture)."`
	Variants *Variants `key:"variantes" doc:"Ce qui change selon l'appareil : android, iphone, ordinateur."`
}

// PositioningID is the id of the positioning test (« Un peu de tout »),
// which spans every competence: no competence may take it.
const PositioningID = "positionnement"

// Device is a kind of device a step may differ on.
type Device string

// The devices a lesson can be followed on.
const (
	Android  Device = "android"
	IPhone   Device = "iphone"
	Computer Device = "ordinateur"
)

// Devices lists the devices in the order they are offered to learners.
var Devices = []Device{Android, IPhone, Computer}

// Variants holds the device-specific versions of a step.
type Variants struct {
	Meta
	Android  *Variant `key:"android" doc:"Sur un téléphone ou une tablette Android."`
	IPhone   *Variant `key:"iphone" doc:"Sur un iPhone ou un iPad."`
	Computer *Variant `key:"ordinateur" doc:"Sur un ordinateur."`
}

// For returns the variant for a device, or nil.
func (v *Variants) For(d Device) *Variant {
	if v == nil {
		return nil
	}
	switch d {
	case Android:
		return v.Android
	case IPhone:
		return v.IPhone
	case Computer:
		return v.Computer
	}
	return nil
}

// Variant replaces parts of a step on one device; empty parts keep the step's.
type Variant struct {
	Meta
	Action string `key:"action" doc:"L'action sur cet appareil."`
	Result string `key:"resultat" doc:"Ce qu'on voit sur cet appareil."`
	IfNot  string `key:"sinon" doc:"Que faire si ce n'est pas le cas, sur cet appareil."`
	Image  string `key:"image" doc:"Description de l'écran sur cet appareil."`
}

// On returns the step as seen on a device: the variant's parts where given,
// the common parts elsewhere.
func (s *Step) On(d Device) Step {
	out := *s
	if v := s.Variants.For(d); v != nil {
		if v.Action != "" {
			out.Action = v.Action
		}
		if v.Result != "" {
			out.Result = v.Result
		}
		if v.IfNot != "" {
			out.IfNot = v.IfNot
		}
		if v.Image != "" {
			out.Image = v.Image
		}
	}
	return out
}

// Check is a check question between steps: either a reference to a bank
// question or a question written in place.
type Check struct {
	Meta
	Ref      Ref
	Question *Question
}

// Word is a vocabulary entry.
type Word struct {
	Meta
	Word       string   `key:"mot,req" doc:"Le mot."`
	Definition string   `key:"definition,req" doc:"Sa définition, en une phrase simple."`
	Synonyms   []string `key:"synonymes" doc:"Autres façons de dire la même chose (à ne pas utiliser dans la leçon)."`
	Lang       i18n.Lang
}

// Source is where a fact comes from, and when it was last read. A source
// not read yet is marked a_verifier and has no date: a date says someone
// read the page that day, and nothing else.
type Source struct {
	Meta
	Title   string `key:"titre,req" doc:"Nom de la source (exemple : Cybermalveillance.gouv.fr)."`
	URL     string `key:"url,req" doc:"Adresse de la page."`
	Checked Date   `key:"verifie_le" doc:"Date où vous avez lu la source, AAAA-MM-JJ. Obligatoire, sauf pour une source « a_verifier » (qui n'en a jamais)."`
	ToCheck bool   `key:"a_verifier" doc:"true si la source n'a pas encore été lue : pasapas check le signale, et la source n'a pas de « verifie_le »."`
}

// Question types.
const (
	SingleChoice   = "choix_unique"
	MultipleChoice = "choix_multiple"
	TrueFalse      = "vrai_faux"
	FreeText       = "reponse_libre"
	Fields         = "champs"
	Ordering       = "ordre"
	Matching       = "association"
)

// Question is one item of a question bank, or a check question of a lesson.
// Every question belongs to one skill, which gives its level.
type Question struct {
	Meta
	ID             string      `key:"id,req,slug" doc:"Identifiant stable de la question (ne le changez jamais)."`
	Skill          Ref         `key:"acquis" doc:"Identifiant de l'acquis évalué. Obligatoire dans une banque de questions."`
	Type           string      `key:"type,req" enum:"choix_unique|choix_multiple|vrai_faux|reponse_libre|champs|ordre|association" doc:"Le type de question."`
	Prompt         string      `key:"enonce,req" doc:"La question posée, en une ou deux phrases."`
	VariantOf      Ref         `key:"variante_de" doc:"Identifiant de la question dont celle-ci est une autre version (même acquis)."`
	Screen         *Screen     `key:"ecran" doc:"Mise en situation : un écran imité (boîte mail, SMS, magasin d'applications…)."`
	Choices        []Choice    `key:"choix" doc:"Les réponses proposées (choix_unique, choix_multiple)."`
	Statements     []Statement `key:"affirmations" doc:"Les affirmations à juger vraies ou fausses (vrai_faux)."`
	Format         string      `key:"format" enum:"texte|nombre" doc:"Pour reponse_libre : texte (par défaut) ou nombre."`
	Answers        []string    `key:"reponses" doc:"Pour reponse_libre : toutes les réponses acceptées."`
	Tolerances     *Tolerances `key:"tolerances" doc:"Pour reponse_libre : les tolérances à désactiver."`
	Fields         []Field     `key:"champs" doc:"Pour le type champs : les champs à remplir."`
	AnyOrder       bool        `key:"ordre_libre" doc:"Pour le type champs : les réponses peuvent venir dans n'importe quel ordre."`
	Groups         [][]string  `key:"groupes" doc:"Pour champs avec ordre_libre : les groupes de réponses acceptées, chacun utilisable une fois."`
	Elements       []Element   `key:"elements" doc:"Pour ordre : les éléments, écrits dans le bon ordre."`
	Pairs          []Pair      `key:"paires" doc:"Pour association : les paires qui vont ensemble."`
	Feedback       *Feedback   `key:"retour" doc:"Retour global : ce qu'on dit après une bonne ou une mauvaise réponse."`
	Hints          []string    `key:"indices" doc:"Des indices, montrés un par un à la demande."`
	Explanation    string      `key:"explication" doc:"L'explication montrée après la réponse."`
	SeeAlso        []Ref       `key:"voir_aussi" doc:"Leçons « Pour en savoir plus »."`
	Theme          string      `key:"theme" enum:"arnaque" doc:"arnaque si la question porte sur une arnaque (faux message, faux site, faux appel…) : les arnaques ne dépassent pas 30 % de la banque."`
	Sources        []Source    `key:"sources" doc:"D'où viennent les faits de la question (prix, délai, numéro…), avec la date de lecture."`
	Difficulty     *float64    `key:"difficulte" range:"-6,6" doc:"Difficulté calibrée (échelle logit). Laisser vide : le niveau de l'acquis suffit."`
	Discrimination *float64    `key:"discrimination" range:"0.1,4" doc:"Discrimination calibrée. Laisser vide le plus souvent."`
	Lang           i18n.Lang

	// Lesson is the lesson a check question is written in, nil for a bank question.
	Lesson *Lesson
}

// Choice is one proposed answer.
type Choice struct {
	Meta
	ID       string `key:"id,req,slug" doc:"Identifiant stable du choix (exemple : a). Ne le changez jamais."`
	Text     string `key:"texte,req" doc:"Le texte du choix."`
	Correct  bool   `key:"bonne" doc:"true si c'est une bonne réponse."`
	Feedback string `key:"retour" doc:"Ce qu'on dit à la personne qui choisit cette réponse."`
}

// Statement is one true-or-false statement.
type Statement struct {
	Meta
	ID       string `key:"id,req,slug" doc:"Identifiant stable de l'affirmation."`
	Text     string `key:"texte,req" doc:"L'affirmation."`
	True     bool   `key:"vrai,req" doc:"true si l'affirmation est vraie, false sinon."`
	Feedback string `key:"retour" doc:"L'explication pour cette affirmation."`
}

// Field formats.
const (
	FormatText   = "texte"
	FormatNumber = "nombre"
	FormatSelect = "liste"
)

// Field is one answer field of a free-text question.
type Field struct {
	Meta
	ID         string      `key:"id,req,slug" doc:"Identifiant stable du champ."`
	Label      string      `key:"libelle,req" doc:"Ce qu'on écrit devant le champ (exemple : Identifiant)."`
	Format     string      `key:"format" enum:"texte|nombre|liste" doc:"texte (par défaut), nombre, ou liste (choix dans une liste)."`
	Answers    []string    `key:"reponses" doc:"Les réponses acceptées pour ce champ."`
	Options    []string    `key:"options" doc:"Pour une liste : les choix proposés."`
	Tolerances *Tolerances `key:"tolerances" doc:"Les tolérances à désactiver pour ce champ."`
}

// Tolerances switches Pix's tolerances for free text. All are on by default.
type Tolerances struct {
	Meta
	CaseAccents *bool `key:"majuscules_accents" doc:"T1 : ignorer majuscules, accents et espaces (oui par défaut)."`
	Punctuation *bool `key:"ponctuation" doc:"T2 : ignorer la ponctuation (oui par défaut)."`
	Typos       *bool `key:"fautes_de_frappe" doc:"T3 : accepter quelques fautes de frappe (oui par défaut)."`
}

// Element is one item to put in order.
type Element struct {
	Meta
	ID   string `key:"id,req,slug" doc:"Identifiant stable de l'élément."`
	Text string `key:"texte,req" doc:"Le texte de l'élément."`
}

// Pair is two things that go together.
type Pair struct {
	Meta
	ID    string `key:"id,req,slug" doc:"Identifiant stable de la paire."`
	Left  string `key:"gauche,req" doc:"L'élément de gauche."`
	Right string `key:"droite,req" doc:"L'élément de droite qui va avec."`
}

// Feedback is what is said after a right or a wrong answer.
type Feedback struct {
	Meta
	Right string `key:"bonne" doc:"Après une bonne réponse."`
	Wrong string `key:"mauvaise" doc:"Après une mauvaise réponse."`
}

// Mock screen kinds.
const (
	ScreenInbox    = "boite_mail"
	ScreenMail     = "mail"
	ScreenSMS      = "sms"
	ScreenAppStore = "magasin_applis"
	ScreenSlots    = "creneaux"
	ScreenSearch   = "recherche"
)

// Screen is a realistic screen imitated in the terminal, for a question set
// in a situation. Which keys apply depends on its type.
type Screen struct {
	Meta
	Kind string `key:"type,req" enum:"boite_mail|mail|sms|magasin_applis|creneaux|recherche" doc:"Le genre d'écran imité."`

	// mail, sms
	From       string `key:"expediteur" doc:"mail, sms : le nom ou le numéro de l'expéditeur."`
	Address    string `key:"adresse" doc:"mail : l'adresse de l'expéditeur. creneaux : l'adresse du cabinet."`
	Subject    string `key:"objet" doc:"mail : l'objet du message."`
	Date       string `key:"date" doc:"mail, sms : la date ou l'heure affichée."`
	Text       string `key:"texte" doc:"mail, sms : le texte du message."`
	Link       string `key:"lien" doc:"mail, sms : le lien du message, tel qu'il s'affiche."`
	Attachment string `key:"piece_jointe" doc:"mail : le nom de la pièce jointe."`

	// boite_mail
	Messages []InboxLine `key:"messages" doc:"boite_mail : les messages de la liste."`

	// magasin_applis
	Name        string   `key:"nom" doc:"magasin_applis : le nom de l'application."`
	Publisher   string   `key:"editeur" doc:"magasin_applis : l'éditeur affiché."`
	Rating      string   `key:"note" doc:"magasin_applis : la note affichée (exemple : 4,5)."`
	Downloads   string   `key:"telechargements" doc:"magasin_applis : le nombre de téléchargements affiché."`
	Price       string   `key:"prix" doc:"magasin_applis : le prix affiché (exemple : Gratuit)."`
	Badge       string   `key:"badge" doc:"magasin_applis : un badge affiché (exemple : Gouvernement)."`
	Permissions []string `key:"autorisations" doc:"magasin_applis : les autorisations demandées."`
	About       string   `key:"description" doc:"magasin_applis : la description de l'application."`

	// creneaux
	Practitioner string `key:"praticien" doc:"creneaux : le nom du praticien."`
	Specialty    string `key:"specialite" doc:"creneaux : la spécialité."`
	Sector       string `key:"secteur" doc:"creneaux : le secteur et les tarifs affichés."`
	Days         []Day  `key:"jours" doc:"creneaux : les jours et leurs heures libres."`

	// recherche
	Query   string         `key:"requete" doc:"recherche : ce qui est tapé dans la barre de recherche."`
	Results []SearchResult `key:"resultats" doc:"recherche : les résultats affichés."`
}

// InboxLine is one message in a mock inbox.
type InboxLine struct {
	Meta
	From       string `key:"expediteur,req" doc:"Le nom de l'expéditeur."`
	Subject    string `key:"objet,req" doc:"L'objet du message."`
	Date       string `key:"date" doc:"La date affichée."`
	Unread     bool   `key:"non_lu" doc:"true si le message n'est pas encore lu."`
	Attachment bool   `key:"piece_jointe" doc:"true s'il y a une pièce jointe (trombone)."`
}

// Day is one day of free appointment slots.
type Day struct {
	Meta
	Day   string   `key:"jour,req" doc:"Le jour (exemple : lundi 3 mars)."`
	Times []string `key:"heures,req" doc:"Les heures libres (exemple : 9:30)."`
}

// SearchResult is one result of a mock search page.
type SearchResult struct {
	Meta
	Title     string `key:"titre,req" doc:"Le titre du résultat."`
	Address   string `key:"adresse,req" doc:"L'adresse du site, telle qu'elle s'affiche."`
	Extract   string `key:"extrait" doc:"Le petit texte sous le titre."`
	Sponsored bool   `key:"sponsorise" doc:"true si c'est une publicité (résultat sponsorisé)."`
}

// File kinds, named by the key that starts the file.
type fileKind int

const (
	kindUnknown fileKind = iota
	kindDomains
	kindCompetence
	kindLesson
	kindBank
	kindGlossary
	kindAtelier
)

// domainsFile is the référentiel's list of domains.
type domainsFile struct {
	Meta
	Lang    i18n.Lang `key:"langue" enum:"fr|en" doc:"Langue du fichier : fr (par défaut) ou en."`
	Domains []Domain  `key:"domaines,req" doc:"Les domaines du référentiel."`
}

// bankFile is a question bank.
type bankFile struct {
	Meta
	Lang      i18n.Lang  `key:"langue" enum:"fr|en" doc:"Langue du fichier : fr (par défaut) ou en."`
	Questions []Question `key:"questions,req" doc:"Les questions de la banque."`
}

// glossaryFile is the shared vocabulary.
type glossaryFile struct {
	Meta
	Lang  i18n.Lang `key:"langue" enum:"fr|en" doc:"Langue du fichier : fr (par défaut) ou en."`
	Words []Word    `key:"glossaire,req" doc:"Les mots du numérique, expliqués simplement."`
}
