package main

import "pasapas/i18n"

// journeyMessages are the command line's words added by issue 14: a
// language we do not speak, and how to write a duration.
var journeyMessages = i18n.Table{
	"bad_lang":            {FR: "langue inconnue « %s » (possibles : fr, en)", EN: "unknown language “%s” (possible: fr, en)"},
	"flag_hint_idle-lock": {FR: "Écrivez une durée avec son unité : 10m (10 minutes), 30s (30 secondes), 1h (1 heure) ; 0 pour jamais.", EN: "Write a duration with its unit: 10m (10 minutes), 30s (30 seconds), 1h (1 hour); 0 for never."},
}

func init() {
	for code, text := range journeyMessages {
		messages[code] = text
	}
}

// hasWord says whether a message exists.
func hasWord(code string) bool {
	_, ok := messages[code]
	return ok
}
