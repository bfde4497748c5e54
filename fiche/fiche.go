// Package fiche makes the printed pages a médiateur hands out and a learner
// takes home, as sheet Documents: a lesson's handout (pasapas fiche) and
// « Ce que j'ai appris aujourd'hui ». It chooses what goes on a page and
// in which words; package sheet lays it out.
package fiche

import (
	"fmt"
	"strings"
	"time"

	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/lessons"
	"pasapas/scoring"
	"pasapas/sheet"
)

// NoteLines is how many ruled lines a handout keeps for notes: room to
// write, while the whole sheet stays within two A4 pages.
const NoteLines = 5

// Lesson is a lesson's handout: its goals and words, its steps with a tick
// box each (and what differs per device), À retenir, Attention, where to
// get help, and room for notes. The check questions stay in the room: a
// sheet would give their answers away.
func Lesson(cat *lessons.Catalogue, l *lessons.Lesson) sheet.Document {
	lang := cat.Lang
	say := func(code string, args ...any) string { return words.Format(lang, code, args...) }
	d := sheet.Document{
		Lang:     lang,
		Title:    l.Title,
		Subtitle: say("meta", l.Level, l.Minutes),
		Footer:   say("footer_lesson", l.ID),
	}
	if len(l.Objectives) > 0 {
		d.Blocks = append(d.Blocks, sheet.Bullets(say("objectives"), l.Objectives...))
	}
	if len(l.Vocabulary) > 0 {
		var ws []string
		for _, v := range l.Vocabulary {
			ws = append(ws, "**"+strings.TrimSpace(v.Word)+"** : "+v.Definition)
		}
		d.Blocks = append(d.Blocks, sheet.ShortBullets(say("words"), ws...))
	}
	devices := lessonDevices(l)
	var steps []sheet.Step
	for _, st := range l.Steps() {
		s := sheet.Step{Title: st.Title, Action: st.Action, Result: st.Result}
		for _, dev := range devices {
			v := st.Variants.For(dev)
			if v == nil {
				continue
			}
			on := st.On(dev)
			text := on.Action
			if on.Result != "" && on.Result != st.Result {
				text += " → " + on.Result
			}
			s.Variants = append(s.Variants, sheet.Variant{Device: say("on_" + string(dev)), Text: text})
		}
		steps = append(steps, s)
	}
	d.Blocks = append(d.Blocks, sheet.Steps(say("steps"), steps...))
	if len(l.Remember) > 0 {
		d.Blocks = append(d.Blocks, sheet.Box(sheet.Remember, say("remember"), l.Remember...))
	}
	if len(l.Warning) > 0 {
		d.Blocks = append(d.Blocks, sheet.Box(sheet.Warning, say("warning"), l.Warning...))
	}
	help := append(append([]string{}, l.Help...), say("help_always"))
	d.Blocks = append(d.Blocks, sheet.Box(sheet.Help, say("help"), help...))
	d.Blocks = append(d.Blocks, sheet.Notes(say("notes"), NoteLines))
	return d
}

// lessonDevices lists, in the usual order, the devices a lesson's steps
// have variants for.
func lessonDevices(l *lessons.Lesson) []lessons.Device {
	var out []lessons.Device
	for _, d := range lessons.Devices {
		for _, st := range l.Steps() {
			if st.Variants.For(d) != nil {
				out = append(out, d)
				break
			}
		}
	}
	return out
}

// Learned is « Ce que j'ai appris aujourd'hui » for a learner: the lessons
// finished and begun today, today's tests with the level in words, what
// they found mastered and what to work on, and room for notes.
func Learned(cat *lessons.Catalogue, name string, day learning.Day) sheet.Document {
	lang := cat.Lang
	say := func(code string, args ...any) string { return words.Format(lang, code, args...) }
	d := sheet.Document{
		Lang:     lang,
		Title:    say("learned_title"),
		Subtitle: strings.TrimSpace(name + " · " + Date(lang, day.Date)),
		Footer:   say("footer_learned"),
	}
	if day.Empty() {
		d.Blocks = append(d.Blocks, sheet.Text(say("learned_nothing")))
	}
	if len(day.Finished) > 0 {
		d.Blocks = append(d.Blocks, sheet.Bullets(say("learned_finished"), titles(day.Finished)...))
	}
	if len(day.Started) > 0 {
		d.Blocks = append(d.Blocks, sheet.Bullets(say("learned_started"), titles(day.Started)...))
	}
	if len(day.Tests) > 0 {
		var rows [][]string
		for _, e := range day.Tests {
			what := e.Competence.Situation
			if what == "" {
				what = e.Competence.Title
			}
			rows = append(rows, []string{what, scoring.LevelHeading(lang, e.Result.Level)})
		}
		d.Blocks = append(d.Blocks, sheet.Table(say("learned_tests"), []string{say("learned_what"), say("learned_level")}, rows))
	}
	if len(day.Mastered) > 0 {
		d.Blocks = append(d.Blocks, sheet.Bullets(say("learned_mastered"), skillTexts(day.Mastered)...))
	}
	if len(day.ToLearn) > 0 {
		d.Blocks = append(d.Blocks, sheet.Bullets(say("learned_to_learn"), skillTexts(day.ToLearn)...))
	}
	d.Blocks = append(d.Blocks, sheet.Box(sheet.Help, say("help"), say("help_always")))
	d.Blocks = append(d.Blocks, sheet.Notes(say("notes"), NoteLines))
	return d
}

func titles(ls []*lessons.Lesson) []string {
	var out []string
	for _, l := range ls {
		out = append(out, l.Title)
	}
	return out
}

func skillTexts(sks []*lessons.Skill) []string {
	var out []string
	for _, s := range sks {
		out = append(out, s.Text)
	}
	return out
}

var monthsFR = []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// Date says a day in words: « 7 décembre 2026 » (« 1er » for the first),
// "7 December 2026".
func Date(lang i18n.Lang, t time.Time) string {
	y, m, d := t.Date()
	if lang == i18n.EN {
		return fmt.Sprintf("%d %s %d", d, m.String(), y)
	}
	day := fmt.Sprint(d)
	if d == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %d", day, monthsFR[m-1], y)
}

var words = i18n.Table{
	"meta":             {FR: "Niveau %d · %d minutes · Fiche à garder", EN: "Level %d · %d minutes · A sheet to keep"},
	"objectives":       {FR: "Ce que je vais savoir faire", EN: "What I will be able to do"},
	"words":            {FR: "Les mots à connaître", EN: "Words to know"},
	"steps":            {FR: "Les étapes : je coche quand c'est fait", EN: "The steps: I tick when done"},
	"on_android":       {FR: "Sur Android", EN: "On Android"},
	"on_iphone":        {FR: "Sur iPhone ou iPad", EN: "On iPhone or iPad"},
	"on_ordinateur":    {FR: "Sur un ordinateur", EN: "On a computer"},
	"remember":         {FR: "À retenir", EN: "To remember"},
	"warning":          {FR: "Attention", EN: "Be careful"},
	"help":             {FR: "Où trouver de l'aide", EN: "Where to get help"},
	"help_always":      {FR: "Vous pouvez toujours demander au médiateur ou à la médiatrice de ce lieu.", EN: "You can always ask the digital helper of this place."},
	"notes":            {FR: "Mes notes", EN: "My notes"},
	"footer_lesson":    {FR: "Pas à pas · leçon « %s »", EN: "Pas à pas · lesson “%s”"},
	"footer_learned":   {FR: "Pas à pas · imprimé depuis « Mes résultats »", EN: "Pas à pas · printed from “My results”"},
	"learned_title":    {FR: "Ce que j'ai appris aujourd'hui", EN: "What I learned today"},
	"learned_nothing":  {FR: "Pas encore de leçon ni de test aujourd'hui.", EN: "No lesson or test yet today."},
	"learned_finished": {FR: "Les leçons que j'ai finies", EN: "The lessons I finished"},
	"learned_started":  {FR: "Les leçons que j'ai commencées", EN: "The lessons I started"},
	"learned_tests":    {FR: "Mes tests", EN: "My tests"},
	"learned_what":     {FR: "Ce que j'ai testé", EN: "What I tested"},
	"learned_level":    {FR: "Mon niveau", EN: "My level"},
	"learned_mastered": {FR: "Je sais faire", EN: "I can"},
	"learned_to_learn": {FR: "À travailler la prochaine fois", EN: "To work on next time"},
}
