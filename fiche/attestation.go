package fiche

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	accents "pasapas/fold"
	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/lessons"
	"pasapas/record"
	"pasapas/scoring"
	"pasapas/sheet"
)

// Attestation is a learner's attestation, one A4 page: the structure, the
// person, the period, the time spent (in hours and minutes, and in hours
// with a decimal comma, as a Pass numérique count wants them), the
// lessons finished, the level per competence measured by a test, in words, and where the
// médiateur signs (place, date, signature, the structure's stamp).
func Attestation(cat *lessons.Catalogue, a learning.Attestation) sheet.Document {
	lang := cat.Lang
	say := func(code string, args ...any) string { return words.Format(lang, code, args...) }
	d := sheet.Document{
		Lang:     lang,
		Title:    say("att_title"),
		Subtitle: a.Structure,
		Footer:   say("att_footer", Date(lang, a.Made)),
	}
	period := say("att_period_value", Date(lang, a.From), Date(lang, a.To))
	if a.From.Equal(a.To) {
		period = say("att_period_day", Date(lang, a.From))
	}
	d.Blocks = append(d.Blocks,
		sheet.Plain(say("att_says", a.Structure, a.Name)),
		sheet.Fields(
			sheet.Field{Label: say("att_structure"), Value: a.Structure},
			sheet.Field{Label: say("att_name"), Value: a.Name},
			sheet.Field{Label: say("att_period"), Value: period},
			sheet.Field{Label: say("att_time"), Value: Hours(lang, a.Time, a.Visits)},
			sheet.Field{Label: say("att_lessons_n"), Value: fmt.Sprint(len(a.Lessons))},
		))
	if len(a.Lessons) > 0 {
		var ts []string
		for _, l := range a.Lessons {
			ts = append(ts, l.Title)
		}
		d.Blocks = append(d.Blocks, sheet.Bullets(say("att_lessons"), ts...))
	}
	var rows [][]string
	for _, e := range a.Levels {
		// learning leaves a positioning's first idea out; the page never
		// prints one as a measured level, whoever made the attestation.
		if e.Result.Rough {
			continue
		}
		what := e.Competence.Situation
		if what == "" {
			what = e.Competence.Title
		}
		rows = append(rows, []string{what, scoring.LevelHeading(lang, e.Result.Level)})
	}
	if len(rows) > 0 {
		d.Blocks = append(d.Blocks, sheet.Table(say("att_levels"), []string{say("att_competence"), say("att_level")}, rows))
	} else {
		d.Blocks = append(d.Blocks, sheet.Heading(say("att_levels")), sheet.Text(say("att_no_level")))
	}
	d.Blocks = append(d.Blocks,
		sheet.Fields(
			sheet.Field{Label: say("att_at"), Value: "………………………………………"},
			sheet.Field{Label: say("att_on"), Value: Date(lang, a.Made)},
		),
		sheet.Signature(say("att_sign_mediator"), say("att_sign_stamp")))
	return d
}

// Hours says a time spent for an attestation: « 3 h 30 min (3,5 heures), en
// 2 visites ». The decimal hours are what a Pass numérique count adds up.
func Hours(lang i18n.Lang, d time.Duration, visits int) string {
	d = d.Round(time.Minute)
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	dec := fmt.Sprintf("%.1f", d.Hours())
	dec = strings.TrimSuffix(dec, ".0")
	if lang != i18n.EN {
		dec = strings.ReplaceAll(dec, ".", ",")
	}
	code := "att_hours"
	if visits == 1 {
		code = "att_hours_one"
	}
	// « 0,8 heure », « 1,5 heure », « 2 heures »; « 1 hour », « 0.8 hours ».
	unit := "att_unit_many"
	if (lang != i18n.EN && d.Hours() < 2) || (lang == i18n.EN && dec == "1") {
		unit = "att_unit_one"
	}
	return words.Format(lang, code, h, m, dec, words.Format(lang, unit), visits)
}

// AttestationPath is where an attestation is written: in dir (the folder
// of printed pages, next to the progress file), named
// attestation-ID-NAME-DATE.html. The profile's number is in the name so
// that erasing the profile finds the page again (progress: erase.go).
func AttestationPath(dir string, a learning.Attestation) string {
	return filepath.Join(dir, fmt.Sprintf("attestation-%d-%s-%s.html", a.Learner, FileWord(a.Name), a.Made.Format("20060102")))
}

// AttestationPrefix is how the file names of a profile's attestations
// begin.
func AttestationPrefix(id record.LearnerID) string { return fmt.Sprintf("attestation-%d-", id) }

// FileWord makes a name safe in a file name on every system (fold.FileWord).
func FileWord(name string) string { return accents.FileWord(name) }

// WriteAttestation writes the attestation's page, private to the OS user
// (0600), and returns its path.
func WriteAttestation(dir string, cat *lessons.Catalogue, a learning.Attestation) (string, error) {
	path := AttestationPath(dir, a)
	if err := sheet.WritePrivate(path, Attestation(cat, a)); err != nil {
		return "", fmt.Errorf("fiche: writing the attestation: %w", err)
	}
	return path, nil
}

func init() {
	for code, text := range attestationWords {
		if _, dup := words[code]; dup {
			panic("fiche: word " + code + " defined twice")
		}
		words[code] = text
	}
}

var attestationWords = i18n.Table{
	"att_title":         {FR: "Attestation d'accompagnement au numérique", EN: "Certificate of digital skills support"},
	"att_says":          {FR: "%s atteste que %s a suivi un accompagnement au numérique, avec le tuteur Pas à pas, pendant la période ci-dessous.", EN: "%s certifies that %s took part in digital skills support, with the Pas à pas tutor, during the period below."},
	"att_structure":     {FR: "Structure", EN: "Organisation"},
	"att_name":          {FR: "Personne accompagnée", EN: "Person supported"},
	"att_period":        {FR: "Période", EN: "Period"},
	"att_period_value":  {FR: "du %s au %s", EN: "from %s to %s"},
	"att_period_day":    {FR: "le %s", EN: "on %s"},
	"att_time":          {FR: "Temps passé", EN: "Time spent"},
	"att_hours":         {FR: "%d h %02d min (%s %s), en %d visites", EN: "%d h %02d min (%s %s), in %d visits"},
	"att_hours_one":     {FR: "%d h %02d min (%s %s), en %d visite", EN: "%d h %02d min (%s %s), in %d visit"},
	"att_unit_one":      {FR: "heure", EN: "hour"},
	"att_unit_many":     {FR: "heures", EN: "hours"},
	"att_lessons_n":     {FR: "Leçons finies", EN: "Lessons finished"},
	"att_lessons":       {FR: "Les leçons finies", EN: "The lessons finished"},
	"att_levels":        {FR: "Niveaux mesurés par un test", EN: "Levels measured by a test"},
	"att_competence":    {FR: "Compétence", EN: "Skill"},
	"att_level":         {FR: "Niveau", EN: "Level"},
	"att_no_level":      {FR: "Pas encore de test.", EN: "No test yet."},
	"att_at":            {FR: "Fait à", EN: "Place"},
	"att_on":            {FR: "Le", EN: "Date"},
	"att_sign_mediator": {FR: "Le médiateur / La médiatrice (nom et signature)", EN: "The digital helper (name and signature)"},
	"att_sign_stamp":    {FR: "Cachet de la structure", EN: "Stamp of the organisation"},
	"att_footer":        {FR: "Pas à pas · attestation faite le %s, avec l'accord de la personne.", EN: "Pas à pas · certificate made on %s, with the person's agreement."},
}
