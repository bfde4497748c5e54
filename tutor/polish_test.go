package tutor

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/record"
)

// TestGroupIntroSaysHowItIsRead: « Le groupe » says it updates by itself
// only where it does; the accessible mode prints it once, and names the
// number of « Mettre à jour » that reads it again.
func TestGroupIntroSaysHowItIsRead(t *testing.T) {
	for _, c := range []struct {
		lang          i18n.Lang
		linear        bool
		want, notWant string
	}{
		{i18n.FR, false, "La page se met à jour toute seule.", "Tapez"},
		{i18n.FR, true, "Tapez 3 pour relire la page.", "toute seule"},
		{i18n.EN, false, "The page updates by itself.", "Type"},
		{i18n.EN, true, "Type 3 to read the page again.", "by itself"},
	} {
		h := newHarness(t, c.lang, nil)
		ctx := h.m.ctx
		ctx.linear, ctx.synchronous = c.linear, true
		s := &groupScreen{loaded: true, rows: []learning.GroupRow{{Name: "Marie"}, {Name: "Paul"}}}
		s.build(ctx)
		got := strings.Join(strings.Fields(s.Render(ctx, 80, 24)), " ")
		if !strings.Contains(got, c.want) || strings.Contains(got, c.notWant) {
			t.Errorf("%v linear=%v: want %q and not %q in:\n%s", c.lang, c.linear, c.want, c.notWant, got)
		}
		if c.linear && !strings.Contains(got, "3. "+ctx.say("group_refresh")) {
			t.Errorf("%v: row 3 is not « Mettre à jour »:\n%s", c.lang, got)
		}
	}
}

// TestAccessibleModeNamesTheCallWord: where the full interface shows F2
// « appeler le médiateur », the accessible mode names the word to type,
// in « aide » and on the call banner; F2's own sequence, typed before
// Entrée, calls too.
func TestAccessibleModeNamesTheCallWord(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	ctx := context.Background()
	app, cat := h.m.ctx.App, builtin.Catalogue(i18n.FR)
	sophie, _ := app.CreateMediator(ctx, 0, "Sophie", "4826")
	app.OpenAtelier(ctx, sophie.ID, testAtelier(cat, "PHN3"))
	app.CreateLearner(ctx, "Marie", "", record.Prefs{})
	in := strings.Join([]string{
		"2", "rejoindre", "PHN3", "2", // Marie joins, and agrees
		"aide",    // names « appeler »
		"appeler", // the banner names it to stop
		"aide",    // names it to stop
		"\x1bOQ",  // F2 then Entrée: the call ends
		"aide",
		"quitter", "2",
	}, "\n") + "\n"
	var out bytes.Buffer
	cfg := Config{Library: builtin, Lang: i18n.FR, App: app, IdleLock: -1}
	if err := RunAccessible(cfg, strings.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	call := "Pour appeler le médiateur, tapez « appeler », puis Entrée."
	stop := "Pour ne plus appeler le médiateur, tapez « appeler », puis Entrée."
	banner := "Il arrive. Restez à votre place. Pour ne plus appeler, tapez « appeler », puis Entrée."
	for _, want := range []string{call, stop, banner} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "F2") || strings.Contains(s, "OQ") {
		t.Errorf("the accessible mode names F2 or echoes its sequence:\n%s", s)
	}
	if strings.Count(s, call) != 2 || strings.LastIndex(s, call) < strings.Index(s, stop) {
		t.Errorf("F2's sequence did not end the call:\n%s", s)
	}
}

// TestSpaceProfileWithoutCode: a profile with no code is offered « Donner
// un code secret », not « Code oublié », and the screen that follows says
// it is a first code; a profile with a code keeps « Nouveau code secret ».
func TestSpaceProfileWithoutCode(t *testing.T) {
	for _, c := range []struct {
		lang          i18n.Lang
		hasPIN        bool
		want, notWant []string
	}{
		{i18n.FR, false, []string{"Donner un code secret", "La personne n'a pas de code."}, []string{"Nouveau code secret", "Code oublié"}},
		{i18n.FR, true, []string{"Nouveau code secret", "Code oublié"}, []string{"Donner un code"}},
		{i18n.EN, false, []string{"Give a secret code", "The person has no code."}, []string{"New secret code", "Forgotten"}},
		{i18n.EN, true, []string{"New secret code", "Forgotten code"}, []string{"Give a secret code"}},
	} {
		h := newHarness(t, c.lang, nil)
		ctx := h.m.ctx
		s := newSpaceProfile(record.Profile{ID: 1, Name: "Marie", HasPIN: c.hasPIN})
		s.build(ctx)
		got := strings.Join(strings.Fields(s.Render(ctx, 80, 24)), " ")
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%v hasPIN=%v: no %q in:\n%s", c.lang, c.hasPIN, w, got)
			}
		}
		for _, w := range c.notWant {
			if strings.Contains(got, w) {
				t.Errorf("%v hasPIN=%v: %q in:\n%s", c.lang, c.hasPIN, w, got)
			}
		}
	}

	// The whole way, for a profile with no code.
	h := newHarness(t, i18n.FR, nil)
	learnerWithResults(t, h, "Marie", "2468")
	learnerWithResults(t, h, "Paul", "")
	h.send(resumeMsg{})
	w := &walker{h: h}
	w.look()
	w.openSpace(true)
	w.choose("Les profils des personnes")
	w.choose("Paul")
	w.choose("Donner un code secret")
	h.expect("Paul, choisissez votre code secret. Tapez-le.")
	w.typeText("1357")
	w.press("enter")
	h.expect("Paul, tapez encore une fois votre code.")
	w.typeText("1357")
	w.press("enter")
	h.expect("C'est fait : Paul a un code secret.")
	w.press("enter")
	h.expect("avec un code secret", "Nouveau code secret") // the profile, read again
}

// TestFollowUpWithoutLevels: the follow-up says there is no level yet,
// instead of a « Niveaux » heading with nothing under it.
func TestFollowUpWithoutLevels(t *testing.T) {
	for _, c := range []struct {
		lang i18n.Lang
		want string
	}{
		{i18n.FR, "Niveaux\nPas encore de test fini."},
		{i18n.EN, "Levels\nNo test finished yet."},
	} {
		h := newHarness(t, c.lang, nil)
		s := newFollowUpScreen(1, "Marie")
		s.loaded, s.f.Standing.State = true, &record.State{}
		got := ansi.Strip(s.Render(h.m.ctx, 80, 40))
		if !strings.Contains(got, c.want) {
			t.Errorf("%v: no %q in:\n%s", c.lang, c.want, got)
		}
	}
}

// TestResultScreensOfferOnlyWhatActs: a page with nothing to choose does
// not show « aller à un numéro » or « Entrée choisir » in its help bar.
func TestResultScreensOfferOnlyWhatActs(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	ctx := h.m.ctx
	for _, c := range []struct {
		name string
		s    screen
	}{
		{"export written", &groupExportScreen{picked: true, done: gexportMsg{path: "groupe.csv", rows: 2}}},
		{"attestation written", &attestationScreen{stage: attDone}},
		{"attestation impossible", &attestationScreen{stage: attNever}},
		{"bilan", &bilanScreen{loaded: true, started: true}},
		{"code given", &codeResetScreen{stage: 2}},
	} {
		for _, b := range c.s.Help(ctx) {
			if k := b.Help().Key; k == ctx.Keys.Digits.Help().Key || k == ctx.Keys.Enter.Help().Key {
				t.Errorf("%s: the help bar offers %q %q", c.name, k, b.Help().Desc)
			}
		}
	}
	// A page with choices keeps them.
	if got := (&groupExportScreen{picked: true}).Help(ctx); got[0].Help().Key != ctx.Keys.Digits.Help().Key {
		t.Errorf("the export's choices lost their keys: %v", got)
	}
}
