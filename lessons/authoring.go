package lessons

import (
	"fmt"
	"net/url"
	"strings"
	"time"
	"unicode"

	"go.yaml.in/yaml/v3"

	"pasapas/i18n"
)

// The guide's written rules that a machine can check (docs/guide-auteur.md,
// § 12 « Aide-mémoire »), as warnings: the content still loads.

var authoringMessages = i18n.Table{
	"list_dash": {
		FR: "Cet élément de liste contient « %s » : il manque sans doute une espace après « - », ou un retour à la ligne avant. Chaque élément commence par « - » suivi d'une espace, sur sa ligne.",
		EN: "This list item holds “%s”: a space is probably missing after “- ”, or a line break before it. Every item starts with “- ” and a space, on its own line.",
	},
	"remember_count": {
		FR: "« a_retenir » a %d phrase(s) : gardez-en 3 à 5, l'essentiel à relire plus tard.",
		EN: "“a_retenir” has %d sentence(s): keep 3 to 5, the essentials to read again later.",
	},
	"objectives_count": {
		FR: "La leçon a %d objectifs : gardez-en 1 à 3.",
		EN: "The lesson has %d objectives: keep 1 to 3.",
	},
	"check_gap": {
		FR: "%d étapes de suite sans question pour vérifier : ajoutez un « verifier » toutes les 2 à 4 étapes.",
		EN: "%d steps in a row with no check question: add a “verifier” every 2 to 4 steps.",
	},
	"missing_sinon": {
		FR: "Il manque le « sinon » de cette étape : écrivez ce que la personne fait quand l'écran est différent (exemple : « Le bouton est introuvable ? Faites défiler la page. »). Un « sinon » sur l'étape sert à tous les appareils. Avec des variantes, vous pouvez aussi en écrire un dans chacune : android, iphone et ordinateur.",
		EN: "This step has no “sinon”: write what the learner does when the screen looks different (for example: “The button is hard to find? Scroll down the page.”). A “sinon” on the step serves every device. With variants, you may instead write one in each: android, iphone and ordinateur.",
	},
	"objective_je_sais": {
		FR: "Un objectif commence par « Je sais » : la personne se dit « je sais » à la fin de la leçon.",
		EN: "An objective starts with “I can” or “I know”: the learner says “I can” at the end of the lesson.",
	},
	"level_gap": {
		FR: "La leçon est de niveau %d, et ses acquis de niveau %s : rapprochez le niveau de la leçon de celui de ses acquis (1 d'écart au plus).",
		EN: "The lesson is level %d and its skills level %s: bring the lesson's level close to its skills' (1 apart at most).",
	},
	"bad_url": {
		FR: "« %s » n'est pas une adresse de page web : copiez l'adresse en entier, avec https:// (exemple : https://www.service-public.fr).",
		EN: "“%s” is not a web page address: copy the whole address, with https:// (for example: https://www.service-public.fr).",
	},
	"future_date": {
		FR: "La date « %s » est dans le futur : écrivez le jour où vous avez lu la source.",
		EN: "The date “%s” is in the future: write the day you read the source.",
	},
}

func init() { joinMessages(authoringMessages) }

// listItem remembers where a text of a list is (« objectifs#2 »), and warns
// when it looks like two items merged, or an item whose « - » lost its
// space: « -Texte » is one text for YAML, glued to the item above.
func (d *decoder) listItem(key string, i int, n *yaml.Node) {
	if len(d.stack) > 0 {
		m := d.stack[len(d.stack)-1]
		m.keys = append(m.keys, keyPos{fmt.Sprintf("%s#%d", key, i), d.pos(n)})
	}
	if n.Kind != yaml.ScalarNode || n.Style != 0 {
		return // a quoted text says exactly what the author wants
	}
	text := n.Value
	switch {
	case strings.HasPrefix(text, "-") && !strings.HasPrefix(text, "- "):
		d.c.warnf(d.pos(n), "list_dash", firstWords(text, 3))
	case strings.Contains(text, " - "):
		at := strings.Index(text, " - ")
		d.c.warnf(d.pos(n), "list_dash", firstWords(text[at+1:], 3))
	case dashGlued(text) >= 0:
		d.c.warnf(d.pos(n), "list_dash", firstWords(text[dashGlued(text):], 3))
	}
}

// dashGlued finds « -Mot » after a space: an item whose « - » lost its
// space, read as the end of the item above. « e-mail » and « 2-3 » are not.
func dashGlued(text string) int {
	for i := 0; i+2 < len(text); i++ {
		if text[i] == ' ' && text[i+1] == '-' && text[i+2] != ' ' && (text[i+2] < '0' || text[i+2] > '9') {
			return i + 1
		}
	}
	return -1
}

func firstWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		return strings.Join(f[:n], " ") + "…"
	}
	return strings.Join(f, " ")
}

// ItemAt returns the position of the i-th text of a list key, or the
// key's when unknown.
func (m *Meta) ItemAt(key string, i int) Pos {
	for _, k := range m.keys {
		if k.key == fmt.Sprintf("%s#%d", key, i) {
			return k.pos
		}
	}
	return m.At(key)
}

// checkLessonRules checks a lesson against the guide's checklist.
func checkLessonRules(c *collector, cat *Catalogue, l *Lesson) {
	if n := len(l.Remember); n < 3 || n > 5 {
		c.warnf(l.At("a_retenir"), "remember_count", n)
	}
	if n := len(l.Objectives); n > 3 {
		c.warnf(l.ItemAt("objectifs", 3), "objectives_count", n)
	}
	for i, o := range l.Objectives {
		if !startsLikeJeSais(o, l.Lang) {
			c.warnf(l.ItemAt("objectifs", i), "objective_je_sais")
		}
	}
	run := 0
	for _, it := range l.Items {
		switch {
		case it.Check != nil:
			run = 0
		case it.Step != nil:
			run++
			if !hasIfNot(it.Step) {
				c.warnf(it.Step.Pos, "missing_sinon")
			}
			if run == 5 {
				c.warnf(it.Step.Pos, "check_gap", 5)
			}
		}
	}
	// The lesson's level, against the nearest level of the skills it
	// teaches: a level-1 lesson may lead up to a level-3 skill, but a
	// level-3 lesson teaching only level-1 skills is misfiled.
	best, levels := 99, []string{}
	for _, r := range l.Skills {
		s := cat.Skill(r.ID)
		if s == nil {
			continue
		}
		levels = append(levels, fmt.Sprint(s.Level))
		best = min(best, abs(l.Level-s.Level))
	}
	if len(levels) > 0 && best >= 2 {
		c.warnf(l.At("niveau"), "level_gap", l.Level, strings.Join(levels, ", "))
	}
}

// hasIfNot: the learner is never left without a next move, on any device.
// A step's « sinon » serves every device; without it, each device needs a
// variant that carries one, since a device with no variant shows the step
// as written.
func hasIfNot(s *Step) bool {
	if strings.TrimSpace(s.IfNot) != "" {
		return true
	}
	for _, d := range Devices {
		if strings.TrimSpace(s.On(d).IfNot) == "" {
			return false
		}
	}
	return true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// startsLikeJeSais: « Je sais… » in French; "I can…" or "I know…" in
// English.
func startsLikeJeSais(o string, lang i18n.Lang) bool {
	o = strings.TrimLeft(o, " *")
	word := func(p string) bool {
		rest, ok := strings.CutPrefix(o, p)
		return ok && (rest == "" || !unicode.IsLetter([]rune(rest)[0]))
	}
	if lang == i18n.EN {
		return word("I can") || word("I know")
	}
	return word("Je sais")
}

// checkSourceFacts: the address is a web page's, and the date is not to
// come.
func checkSourceFacts(c *collector, s *Source, today time.Time) {
	if s.URL != "" && !webAddress(s.URL) {
		c.warnf(s.At("url"), "bad_url", s.URL)
	}
	// Today may be set in the past (tests, a check "as of"): a date is in
	// the future only once past the real today too, with a day for time
	// zones.
	if now := time.Now(); now.After(today) {
		today = now
	}
	if !s.Checked.IsZero() && s.Checked.After(today.AddDate(0, 0, 1)) {
		c.warnf(s.At("verifie_le"), "future_date", s.Checked.String())
	}
}

// webAddress: http(s), a host with a dot, no space.
func webAddress(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && strings.Contains(u.Host, ".") &&
		!strings.ContainsAny(s, " \t") && !strings.HasSuffix(u.Hostname(), ".")
}
