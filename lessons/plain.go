package lessons

import (
	"time"

	"pasapas/i18n"
)

// plainMessages are the warnings about readability and trust.
var plainMessages = i18n.Table{
	"no_sources":   {FR: "La leçon ne cite aucune source : ajoutez « sources » avec la date de vérification.", EN: "The lesson cites no source: add “sources” with the date they were checked."},
	"stale_source": {FR: "Cette source a été vérifiée le %s, il y a plus d'un an : vérifiez-la de nouveau.", EN: "This source was checked on %s, more than a year ago: check it again."},
}

// checkPlainLanguage looks for what makes a lesson hard to read or to trust.
// Its findings are warnings: the lesson still loads.
func checkPlainLanguage(c *collector, cat *Catalogue, today time.Time) {
	for _, l := range cat.Lessons {
		if l.Lang != cat.Lang {
			continue // checked with its own language
		}
		checkSources(c, l, today)
	}
}

// checkSources wants every lesson to say where its facts come from, checked
// less than a year ago: procedures and prices change.
func checkSources(c *collector, l *Lesson, today time.Time) {
	if len(l.Sources) == 0 {
		c.warnf(l.At("lecon"), "no_sources")
		return
	}
	limit := today.AddDate(-1, 0, 0)
	for i := range l.Sources {
		s := &l.Sources[i]
		if !s.Checked.IsZero() && s.Checked.Before(limit) {
			c.warnf(s.At("verifie_le"), "stale_source", s.Checked.String())
		}
	}
}
