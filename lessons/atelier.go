package lessons

import (
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"pasapas/fold"
	"pasapas/i18n"
)

// An atelier is a file written like a lesson, whose root key is « atelier »:
// what a médiateur prepares for a group — a title, La Coop's niveau and
// thématiques (so the atelier can be logged there as it is), a parcours of
// lessons in order, the competences to position at the start, a code the
// learners type to join, and an idle delay. It is checked by « pasapas
// check » and described by the JSON Schema like every content file.

// AtelierLevels are La Coop de la médiation numérique's niveaux of a
// collective activity, as its form shows them.
var AtelierLevels = []string{"Débutant", "Intermédiaire", "Avancé"}

// Thematiques are La Coop's thématiques d'accompagnement, labels verbatim
// (cra/fields/thematique.ts): the non-administrative ones, then the
// administrative ones.
var Thematiques = []string{
	"Diagnostic numérique", "Prendre en main du matériel", "Maintenance de matériel",
	"Gérer ses contenus numériques", "Navigation sur internet", "E-mail", "Bureautique",
	"Réseaux sociaux communication", "Santé", "Banque et achats en ligne",
	"Accompagner un professionnel", "Insertion professionnelle", "Prévention en sécurité numérique",
	"Parentalité", "Scolarité et numérique", "Créer avec le numérique", "Culture numérique",
	"Intelligence artificielle (IA)", "Aide aux démarches administratives",
	"Papiers - Élections - Citoyenneté", "Famille - Scolarité", "Social - Santé",
	"Travail - Formation - Entreprise", "Logement", "Transports - Mobilité", "Argent - Impôts",
	"Justice", "Étrangers - Europe", "Loisirs - Sports - Culture", "Associations",
}

// CodeLetters are the characters of an atelier's code: capital letters and
// digits that cannot be taken for one another when read aloud or copied
// from a board (no 0/O, 1/I/L, 2/Z, 5/S, 8/B).
const CodeLetters = "ACDEFGHJKMNPQRTUVWXY34679"

// Code lengths: long enough not to be guessed in the hours it is open,
// short enough to copy.
const (
	MinCodeLen = 4
	MaxCodeLen = 8
)

// NormalizeCode is a code as typed, made comparable: spaces and dashes out,
// capitals. It does not check the letters.
func NormalizeCode(s string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-', '\t', '.':
			return -1
		}
		return r
	}, strings.ToUpper(strings.TrimSpace(s)))
}

// ValidCode says whether a code is made of CodeLetters and of a fit length.
func ValidCode(code string) bool {
	if len(code) < MinCodeLen || len(code) > MaxCodeLen {
		return false
	}
	for _, r := range code {
		if !strings.ContainsRune(CodeLetters, r) {
			return false
		}
	}
	return true
}

// Atelier is one atelier file.
type Atelier struct {
	Meta
	ID          string       `key:"atelier,req,slug" doc:"Identifiant stable de l'atelier (minuscules, chiffres, tirets)."`
	Lang        i18n.Lang    `key:"langue" enum:"fr|en" doc:"Langue du fichier : fr (par défaut) ou en."`
	Title       string       `key:"titre,req" doc:"Titre de l'atelier, tel qu'il sera noté dans La Coop (Nom de l'atelier)."`
	Code        string       `key:"code" doc:"Le code que les personnes tapent pour rejoindre l'atelier : 4 à 8 lettres majuscules et chiffres faciles à lire (ACDEFGHJKMNPQRTUVWXY34679). Sans code, un code est tiré à l'ouverture."`
	Level       string       `key:"niveau,req" enum:"Débutant|Intermédiaire|Avancé" doc:"Niveau de l'atelier, comme dans La Coop : Débutant, Intermédiaire ou Avancé."`
	Thematiques []Thematique `key:"thematiques,req" doc:"Thématiques d'accompagnement de La Coop, écrites exactement comme elle les nomme."`
	Parcours    []Ref        `key:"parcours,req" doc:"Les identifiants des leçons, dans l'ordre où le groupe les suit."`
	Positioning []Ref        `key:"positionner" doc:"Identifiants des compétences à positionner au début de l'atelier."`
	IdleMinutes int          `key:"inactivite" range:"1,240" doc:"Au bout de combien de minutes sans toucher au clavier la séance se ferme (la ligne de commande passe avant)."`
}

// Thematique is one of La Coop's labels, with its place in the file.
type Thematique struct {
	Label string
	Pos   Pos
}

func (t *Thematique) decodeYAML(d *decoder, n *yaml.Node, f *fieldInfo) {
	s, ok := d.scalar(n, f, "text")
	if !ok {
		return
	}
	s = strings.TrimSpace(s)
	*t = Thematique{Label: s, Pos: d.pos(n)}
	if s == "" {
		d.errorf(d.pos(n), "empty", f.key)
		return
	}
	for _, l := range Thematiques {
		if l == s {
			return
		}
	}
	if fix := closestLabel(s, Thematiques); fix != "" {
		d.errorf(d.pos(n), "atelier_theme_fix", s, fix)
		return
	}
	d.errorf(d.pos(n), "atelier_theme", s)
}

// closestLabel finds the label meant, comparing without case or accents,
// so « debutant » gives « Débutant » and « Navigation internet »
// gives « Navigation sur internet ».
func closestLabel(s string, labels []string) string {
	keys := make([]string, len(labels))
	for i, l := range labels {
		keys[i] = fold.Key(l)
	}
	k := fold.Key(s)
	for i, kk := range keys {
		if kk == k {
			return labels[i]
		}
	}
	if fix := fold.Closest(k, keys); fix != "" {
		for i, kk := range keys {
			if kk == fix {
				return labels[i]
			}
		}
	}
	// A label written in part (« Navigation » for « Navigation sur
	// internet »): the one label it starts.
	found := ""
	for i, kk := range keys {
		if len(k) >= 4 && strings.Contains(kk, k) {
			if found != "" {
				return ""
			}
			found = labels[i]
		}
	}
	return found
}

// checkAteliers checks what an atelier points at — lessons and
// competences of the French catalogue, where every id is — and its code;
// it returns the sound ateliers.
func checkAteliers(c *collector, list []*Atelier, cat *Catalogue) []*Atelier {
	v := &validator{c: c}
	seen := map[string]*Atelier{}
	var out []*Atelier
	for _, a := range list {
		// A file with a mistake in a block is still checked for its
		// references: the author sees every mistake at once.
		if a.ID == "" {
			continue
		}
		a.Lang = langOr(a.Lang)
		if first := seen[a.ID]; first != nil {
			v.errorf(&a.Meta, a.At("atelier"), "dup_id", a.ID, first.At("atelier"))
			continue
		}
		seen[a.ID] = a
		if a.Code != "" {
			if code := NormalizeCode(a.Code); ValidCode(code) {
				a.Code = code
			} else {
				v.errorf(&a.Meta, a.At("code"), "atelier_code", a.Code, MinCodeLen, MaxCodeLen, CodeLetters)
			}
		}
		lessonIDs := sortedKeys(cat.lessons)
		for _, r := range a.Parcours {
			if cat.Lesson(r.ID) != nil {
				continue
			}
			if fix := fold.Closest(r.ID, lessonIDs); fix != "" {
				v.errorf(&a.Meta, r.Pos, "unknown_ref_fix", term("lesson"), r.ID, fix)
			} else {
				v.errorf(&a.Meta, r.Pos, "unknown_ref", term("lesson"), r.ID)
			}
		}
		compIDs := sortedKeys(cat.competences)
		for _, r := range a.Positioning {
			if cat.Competence(r.ID) != nil {
				continue
			}
			if fix := fold.Closest(r.ID, compIDs); fix != "" {
				v.errorf(&a.Meta, r.Pos, "unknown_ref_fix", term("atelier_competence"), r.ID, fix)
			} else {
				v.errorf(&a.Meta, r.Pos, "unknown_ref", term("atelier_competence"), r.ID)
			}
		}
		if !a.Broken() {
			out = append(out, a)
		}
	}
	return out
}

// LessonIDs are the parcours' lesson ids, in order.
func (a *Atelier) LessonIDs() []string {
	out := make([]string, len(a.Parcours))
	for i, r := range a.Parcours {
		out[i] = r.ID
	}
	return out
}

// ThematiqueLabels are the thématiques' labels, in order.
func (a *Atelier) ThematiqueLabels() []string {
	out := make([]string, len(a.Thematiques))
	for i, t := range a.Thematiques {
		out[i] = t.Label
	}
	return out
}

// PositioningIDs are the ids of the competences to position.
func (a *Atelier) PositioningIDs() []string {
	out := make([]string, len(a.Positioning))
	for i, r := range a.Positioning {
		out[i] = r.ID
	}
	return out
}

// Atelier returns a sound atelier by id, or nil.
func (lib *Library) Atelier(id string) *Atelier {
	for _, a := range lib.Ateliers {
		if a.ID == id {
			return a
		}
	}
	return nil
}

func init() {
	terms["kind_atelier"] = i18n.Text{FR: "un atelier", EN: "an atelier"}
	terms["atelier_competence"] = i18n.Text{FR: "La compétence", EN: "The competence"}
	messages["atelier_theme"] = i18n.Text{
		FR: "« %s » n'est pas une thématique de La Coop. Écrivez-la exactement comme La Coop la nomme (voir docs/guide-mediateur.md).",
		EN: "“%s” is not one of La Coop's thématiques. Write it exactly as La Coop names it (see docs/guide-mediateur.md).",
	}
	messages["atelier_theme_fix"] = i18n.Text{
		FR: "« %s » n'est pas une thématique de La Coop. Vouliez-vous dire « %s » ?",
		EN: "“%s” is not one of La Coop's thématiques. Did you mean “%s”?",
	}
	messages["atelier_code"] = i18n.Text{
		FR: "Le code « %s » ne convient pas : il faut de %d à %d caractères parmi %s (pas de 0, O, 1, I, L, 2, Z, 5, S, 8, B, qu'on confond). Ou enlevez la ligne : un code sera tiré à l'ouverture.",
		EN: "The code “%s” does not fit: it takes %d to %d characters among %s (no 0, O, 1, I, L, 2, Z, 5, S, 8, B, which are mistaken for one another). Or remove the line: a code is drawn at opening.",
	}
	messages["enum_fix"] = i18n.Text{
		FR: "« %s » ne peut pas valoir « %s ». Vouliez-vous dire « %s » ?",
		EN: "“%s” cannot be “%s”. Did you mean “%s”?",
	}
}

// AtelierYAML writes an atelier as a file the loader reads back the same:
// what the space writes when a médiateur prepares one.
func AtelierYAML(a *Atelier) []byte {
	var b strings.Builder
	q := func(s string) string { return strconv.Quote(s) }
	b.WriteString("# Préparé dans l'espace médiateur de Pas à pas. Vérifiez-le avec : pasapas check\n")
	b.WriteString("atelier: " + a.ID + "\n")
	b.WriteString("titre: " + q(a.Title) + "\n")
	if a.Code != "" {
		b.WriteString("code: " + a.Code + "\n")
	}
	b.WriteString("niveau: " + q(a.Level) + "\n")
	b.WriteString("thematiques:\n")
	for _, t := range a.Thematiques {
		b.WriteString("  - " + q(t.Label) + "\n")
	}
	b.WriteString("parcours:\n")
	for _, r := range a.Parcours {
		b.WriteString("  - " + r.ID + "\n")
	}
	if len(a.Positioning) > 0 {
		b.WriteString("positionner:\n")
		for _, r := range a.Positioning {
			b.WriteString("  - " + r.ID + "\n")
		}
	}
	if a.IdleMinutes > 0 {
		b.WriteString("inactivite: " + strconv.Itoa(a.IdleMinutes) + "\n")
	}
	return []byte(b.String())
}

// AtelierID makes an atelier's id from its title: lowercase letters
// without accents, digits and hyphens.
func AtelierID(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(fold.Accents(title)) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	id := strings.TrimSuffix(b.String(), "-")
	if len(id) > 60 {
		id = strings.TrimSuffix(id[:60], "-")
	}
	if id == "" {
		id = "atelier"
	}
	return id
}
