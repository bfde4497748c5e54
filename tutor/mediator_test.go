package tutor

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/exp/golden"

	"pasapas/i18n"
	"pasapas/lessons"
	"pasapas/progress"
	"pasapas/record"
	"pasapas/scoring"
)

// learnerWithResults makes a profile with a code, a finished test of the
// mail competence and a finished lesson: results a médiateur must not see
// unless the learner shares them. It returns the profile and the title of
// the lesson finished.
func learnerWithResults(t *testing.T, h *harness, name, pin string) (record.Learner, string) {
	t.Helper()
	ctx := context.Background()
	app, cat := h.m.ctx.App, builtin.Catalogue(i18n.FR)
	l, err := app.CreateLearner(ctx, name, pin, record.Prefs{})
	if err != nil {
		t.Fatal(err)
	}
	test, err := app.StartTest(ctx, cat, l.ID, "mail")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; !test.Over() && i < 40; i++ {
		step, ok := test.Next()
		if !ok {
			break
		}
		right := i%3 != 2
		res := record.Incorrect
		if right {
			res = record.Correct
		}
		a := record.Answer{Learner: l.ID, Question: step.Item.ID, Variant: step.Item.Group, Given: `{"choix":["a"]}`,
			Result: res, Test: test.ID, At: h.clock.now()}
		if _, err := app.RecordAnswer(ctx, a, nil); err != nil {
			t.Fatal(err)
		}
		test.Record(step.Item.ID, right)
	}
	if err := app.FinishTest(ctx, cat, test); err != nil {
		t.Fatal(err)
	}
	lesson := cat.LessonsOf("mail")[0]
	if err := app.SaveLessonStep(ctx, l.ID, record.LessonStep{Lesson: lesson.ID, Step: 3, Done: true}); err != nil {
		t.Fatal(err)
	}
	return l, lesson.Title
}

// resultWords are what would betray a learner's results on a screen: the
// level in words and numbers, lessons finished, tests, the lesson done.
func resultWords(lessonTitle string) []string {
	out := []string{"Niveau", "Leçons finies", "derniers tests", "Pas encore de niveau", lessonTitle}
	for lv := 0; lv <= scoring.MaxLevel; lv++ {
		out = append(out, scoring.LevelName(i18n.FR, lv))
	}
	return out
}

// walker presses keys and keeps every screen drawn on the way.
type walker struct {
	h    *harness
	seen []string
}

func (w *walker) look()                { w.seen = append(w.seen, w.h.screen()) }
func (w *walker) press(keys ...string) { w.h.press(keys...); w.look() }
func (w *walker) typeText(s string)    { w.h.typeText(s); w.look() }
func (w *walker) choose(text string)   { w.h.t.Helper(); w.h.choose(text); w.look() }

// chooseName chooses the menu line whose label is exactly name.
func (w *walker) chooseName(name string) {
	w.h.t.Helper()
	for range 40 {
		for _, line := range strings.Split(w.h.screen(), "\n") {
			f := strings.Fields(strings.TrimPrefix(strings.TrimSpace(line), w.h.m.ctx.Theme.G.Pointer))
			if len(f) > 1 && strings.HasSuffix(f[0], ".") && strings.Join(f[1:], " ") == name {
				w.press(strings.TrimSuffix(f[0], "."), "enter")
				return
			}
		}
		w.h.press("down") // out of sight in a small window
	}
	w.h.t.Fatalf("no line %q:\n%s", name, w.h.screen())
}

// openSpace goes from « Qui êtes-vous ? » into the space as Sophie,
// creating her account the first time.
func (w *walker) openSpace(first bool) {
	w.h.t.Helper()
	w.choose("Espace médiateur")
	if first {
		w.h.expect("Bienvenue dans l'espace médiateur")
		w.typeText("Sophie")
		w.press("enter")
		w.typeText("1234") // trivial: refused
		w.press("enter")
		w.h.expect("trop facile")
		w.typeText("4826")
		w.press("enter")
		w.typeText("4826")
		w.press("enter")
	} else {
		w.choose("Sophie")
		w.typeText("4826")
		w.press("enter")
	}
	w.h.expect("Bonjour Sophie.", "Les profils des personnes")
}

// TestSpaceNeverShowsResultsWithoutConsent walks every screen of the space
// — the profiles, one profile, a new code, renaming, the merge and its
// confirmation, archiving, the journal, the accounts, the retention period,
// the lesson files left out — with a learner who has results and shares
// nothing: no screen shows any of them. Then the learner agrees, and the
// same check finds their level: it can see a result when there is one.
func TestSpaceNeverShowsResultsWithoutConsent(t *testing.T) {
	lib := lessons.Load(lessons.Options{Today: testToday}, lessons.Builtin(), lessons.Dir("../lessons/testdata/broken"))
	h := newHarness(t, i18n.FR, lib)
	marie, title := learnerWithResults(t, h, "Marie", "2468")
	learnerWithResults(t, h, "Marie D.", "")
	h.send(resumeMsg{})
	w := &walker{h: h}
	w.look()
	w.openSpace(true)
	w.choose("Les profils des personnes")
	h.expect("Marie", "ne partage pas ses progrès")
	w.choose("Marie D.")
	h.expect("Vous voyez seulement son prénom.", "Elle peut choisir « Partager mes")
	if strings.Contains(h.screen(), "Voir ses progrès") {
		t.Fatal("« Voir ses progrès » offered for a learner who shares nothing")
	}
	w.press("esc")
	w.chooseName(firstName)
	w.choose("Nouveau code secret")
	h.expect("Donnez le clavier à Marie")
	w.typeText("1357")
	w.press("enter")
	w.typeText("1357")
	w.press("enter")
	h.expect("Marie a un nouveau code")
	w.press("enter")
	w.choose("Changer le nom")
	w.press("esc")
	w.choose("Regrouper avec un autre profil")
	w.choose("Marie D.")
	h.expect("Regrouper « Marie D. » dans « Marie » ?")
	w.choose("Non, ne rien changer")
	w.press("esc")
	w.choose("Archiver")
	h.expect("archivé")
	w.choose("Remettre dans")
	w.press("esc", "esc")
	w.choose("Le journal des actions")
	h.expect("nouveau code secret pour Marie", "Marie (profil n°", "archivé")
	w.press("esc")
	w.choose("Les comptes des médiateurs")
	h.expect("c'est vous")
	w.press("esc")
	w.choose("La durée de conservation")
	h.expect("24 mois (conseillé)")
	w.press("esc")
	w.choose("Voir les fichiers de leçons mis de côté")
	h.expect("8 fichiers ou éléments ont des erreurs", "cle-inconnue.yaml:9:5")
	w.press("esc")

	for i, s := range w.seen {
		for _, word := range resultWords(title) {
			if strings.Contains(s, word) {
				t.Errorf("screen %d shows %q of a learner who shares nothing:\n%s", i, word, s)
			}
		}
	}

	// The learner agrees (in « Mes réglages »); the médiateur now sees
	// their progress, and the same words find it.
	if err := h.m.ctx.App.SetSharing(context.Background(), marie.ID, true); err != nil {
		t.Fatal(err)
	}
	w.seen = nil
	w.choose("Les profils des personnes")
	w.chooseName(firstName)
	w.choose("Voir ses progrès")
	h.expect("Progrès de la personne : Marie", "Leçons finies : 1", "Niveau")
	found := false
	for _, word := range resultWords(title) {
		found = found || strings.Contains(h.screen(), word)
	}
	if !found {
		t.Error("the check finds no result even on the screen made to show one")
	}
	acts, _ := h.m.ctx.App.Actions(context.Background())
	if len(acts) == 0 || acts[0].Kind != record.ActProgressViewed || acts[0].Learner != marie.ID {
		t.Errorf("journal %+v: want the look at Marie's progress first", acts)
	}
}

// TestForgottenCodeWithTheMediator: a learner forgets their code; with the
// médiateur they type a new one; the old one no longer opens the profile,
// the new one does, and the journal holds the action.
func TestForgottenCodeWithTheMediator(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	marie, _ := learnerWithResults(t, h, "Marie", "2468")
	h.send(resumeMsg{})
	w := &walker{h: h}
	w.openSpace(true)
	w.choose("Les profils des personnes")
	w.choose("Marie")
	w.choose("Nouveau code secret")
	w.typeText("9753")
	w.press("enter")
	w.typeText("9753")
	w.press("enter")
	h.expect("Marie a un nouveau code")
	w.press("enter")
	w.press("esc", "esc")
	w.choose("Quitter l'espace médiateur")
	h.expect("Qui êtes-vous ?")
	app := h.m.ctx.App
	if err := app.CheckPIN(context.Background(), marie.ID, "2468"); err == nil {
		t.Error("the forgotten code still opens the profile")
	}
	h.choose("Marie")
	h.typeText("9753")
	h.press("enter")
	h.expect("Bonjour Marie")
	acts, _ := app.Actions(context.Background())
	kinds := []string{}
	for _, a := range acts {
		kinds = append(kinds, string(a.Kind))
	}
	if strings.Join(kinds, ",") != "code,compte_ajoute" {
		t.Errorf("journal %v: want the new code, after the account's creation", kinds)
	}
}

// TestMergeKeepsAllProgress: two profiles of one person are merged in the
// space; the learner signs in and finds both tests and both lessons.
func TestMergeKeepsAllProgress(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	learnerWithResults(t, h, "Marie", "")
	learnerWithResults(t, h, "Marie D.", "")
	h.send(resumeMsg{})
	w := &walker{h: h}
	w.openSpace(true)
	w.choose("Les profils des personnes")
	w.chooseName(firstName)
	w.choose("Regrouper avec un autre profil")
	w.choose("Marie D.")
	w.choose("Oui, regrouper")
	h.expect("« Marie D. » est regroupé dans « Marie »")
	list, _ := h.m.ctx.App.Learners(context.Background())
	if len(list) != 1 || list[0].Name != "Marie" || list[0].TestsTaken != 2 {
		t.Fatalf("after the merge: %+v, want Marie with 2 tests", list)
	}
}

// TestArchivedProfileLeavesTheList: an archived profile is not in « Qui
// êtes-vous ? », and comes back when the médiateur puts it back.
func TestArchivedProfileLeavesTheList(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	learnerWithResults(t, h, "Paul", "")
	h.send(resumeMsg{})
	w := &walker{h: h}
	w.openSpace(true)
	w.choose("Les profils des personnes")
	w.choose("Paul")
	w.choose("Archiver")
	w.press("esc", "esc")
	w.choose("Quitter l'espace médiateur")
	if strings.Contains(h.screen(), "Paul") {
		t.Fatalf("an archived profile is in « Qui êtes-vous ? »:\n%s", h.screen())
	}
}

// TestSecondOpeningAsksForTheCode: once an account exists, the space asks
// for a name and the code; a wrong code does not open it.
func TestSecondOpeningAsksForTheCode(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	w := &walker{h: h}
	w.openSpace(true)
	w.choose("Quitter l'espace médiateur")
	w.choose("Espace médiateur")
	w.choose("Sophie")
	w.typeText("0519")
	w.press("enter")
	if strings.Contains(h.screen(), "Les profils des personnes") {
		t.Fatal("a wrong code opened the space")
	}
	for _, s := range w.seen {
		if strings.Contains(s, "4826") || strings.Contains(s, "0519") {
			t.Fatalf("a code was shown as typed:\n%s", s)
		}
	}
}

// TestConsentIsOffAndRevocable: « Mes réglages » says the learner shares
// nothing until they say yes, and they can take it back.
func TestConsentIsOffAndRevocable(t *testing.T) {
	h := newHarness(t, i18n.FR, nil)
	h.newLearner("Léa")
	h.choose("Mes réglages")
	h.expect("Partager mes progrès avec les médiateurs de ce lieu", "Non, je ne partage pas")
	h.choose("Partager mes progrès")
	h.expect("Aujourd'hui : vous ne partagez pas vos progrès.", "le nombre de leçons que vous avez finies",
		"Ils ne voient jamais vos réponses")
	h.choose("Oui, je partage mes progrès")
	h.expect("Oui, je partage mes progrès")
	id := h.m.ctx.Session.learner.ID
	if on, _ := h.m.ctx.App.Sharing(context.Background(), id); !on {
		t.Fatal("consent not saved")
	}
	h.choose("Partager mes progrès")
	h.choose("Non, je ne partage pas")
	if on, _ := h.m.ctx.App.Sharing(context.Background(), id); on {
		t.Fatal("consent not taken back")
	}
}

// spaceScreens are the space's screens for the golden pictures, reached by
// keys from « Qui êtes-vous ? » with one learner, Marie, sharing nothing.
// firstName is the first profile's name in spaceScreens: Marie, or a long
// name when the fit test sets it.
var firstName = "Marie"

var spaceScreens = []struct {
	name string
	keys func(w *walker)
}{
	{"space-first", func(w *walker) { w.choose("Espace médiateur") }},
	{"space-home", func(w *walker) {}},
	// A PC whose progress is kept on the place's server (cmd/pasapas
	// sets Config.Server at start).
	{"space-home-server", func(w *walker) { w.h.m.ctx.Server = "France Services Les Ormes" }},
	{"space-profiles", func(w *walker) { w.choose("Les profils des personnes") }},
	{"space-profile", func(w *walker) { w.choose("Les profils des personnes"); w.chooseName(firstName) }},
	{"space-new-code", func(w *walker) {
		w.choose("Les profils des personnes")
		w.chooseName(firstName)
		w.choose("Nouveau code secret")
		w.typeText("13")
	}},
	{"space-merge", func(w *walker) {
		w.choose("Les profils des personnes")
		w.chooseName(firstName)
		w.choose("Regrouper avec un autre profil")
		w.choose("Paul")
	}},
	{"space-erase", func(w *walker) {
		w.choose("Les profils des personnes")
		w.chooseName(firstName)
		w.choose("Effacer ce profil")
	}},
	{"space-progress", func(w *walker) {
		// A learner who shares: the one screen that shows results.
		z, _ := learnerWithResults(w.h.t, w.h, "Zoé", "")
		w.h.m.ctx.App.SetSharing(context.Background(), z.ID, true)
		w.choose("Les profils des personnes")
		w.chooseName("Zoé")
		w.choose("Voir ses progrès")
	}},
	{"space-journal", func(w *walker) { w.choose("Le journal des actions") }},
	{"space-accounts", func(w *walker) { w.choose("Les comptes des médiateurs") }},
	{"space-retention", func(w *walker) { w.choose("La durée de conservation") }},
}

// TestSpaceGoldens keeps a picture of every screen of the space at 80×24
// and 120×40 in every theme (go test ./tutor -run SpaceGoldens -update).
func TestSpaceGoldens(t *testing.T) {
	for _, th := range []Theme{defaultTheme(), contrastTheme(), asciiTheme()} {
		for _, sz := range [][2]int{{80, 24}, {120, 40}} {
			t.Run(fmt.Sprintf("%s-%dx%d", th.Name, sz[0], sz[1]), func(t *testing.T) {
				for _, sc := range spaceScreens {
					t.Run(sc.name, func(t *testing.T) {
						h := newHarness(t, i18n.FR, goldenLib)
						h.m.ctx.Theme, h.m.ctx.base.theme = th, th
						h.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
						app := h.m.ctx.App
						app.CreateLearner(context.Background(), "Marie", "2468", record.Prefs{})
						app.CreateLearner(context.Background(), "Paul", "", record.Prefs{})
						h.send(resumeMsg{})
						w := &walker{h: h}
						if sc.name != "space-first" {
							w.openSpace(true)
						}
						sc.keys(w)
						golden.RequireEqual(t, h.m.View().Content)
					})
				}
			})
		}
	}
}

// TestHomeUnchangedWhenSharingNothing: a learner who shares nothing (and
// is in no atelier) sees the very home the golden picture of the home
// shows, in every theme.
func TestHomeUnchangedWhenSharingNothing(t *testing.T) {
	for _, th := range []Theme{defaultTheme(), contrastTheme(), asciiTheme()} {
		t.Run(th.Name, func(t *testing.T) {
			h := loggedIn(t, th, goldenLib)
			if on, err := h.m.ctx.App.Sharing(context.Background(), h.m.ctx.Session.learner.ID); on || err != nil {
				t.Fatalf("Sharing = %v, %v: a new learner shares nothing", on, err)
			}
			h.show(namedScreen{name: "home", make: func(h *harness) screen { return newHomeScreen(h.m.ctx) }}, 80, 24)
			want, err := os.ReadFile(filepath.Join("testdata", "TestGoldenScreens", th.Name+"-80x24", "home.golden"))
			if err != nil {
				t.Fatal(err)
			}
			if got := h.m.View().Content; got != string(want) {
				t.Errorf("the home of a learner who shares nothing differs from the home's golden picture:\n%s", got)
			}
		})
	}
}

// TestSpaceInTheAccessibleMode: the space works line by line, the same
// screens; no code typed is ever printed back.
func TestSpaceInTheAccessibleMode(t *testing.T) {
	st, err := progress.OpenWith(filepath.Join(t.TempDir(), "pasapas.db"), progress.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	app := testApp(st, nil)
	app.CreateLearner(context.Background(), "Marie", "2468", record.Prefs{})
	in := strings.Join([]string{
		"3",            // Espace médiateur (after Marie and « Je suis nouveau »)
		"Sophie",       // the first account
		"4826", "4826", // its code, twice
		"1",            // Les profils des personnes
		"1",            // Marie
		"1",            // Nouveau code secret
		"9753", "9753", // typed by Marie
		"", // back from « enregistré »
		"retour", "retour",
		"2", // Le journal des actions
		"retour",
		"9", // Quitter l'espace médiateur (after « Nom de la structure », « Les ateliers », « Le groupe » and « Présenter une leçon »)
		"quitter", "2",
	}, "\n") + "\n"
	var out bytes.Buffer
	cfg := Config{Library: builtin, Lang: i18n.FR, App: app, IdleLock: -1}
	if err := RunAccessible(cfg, strings.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{"== Espace médiateur ==", "Bienvenue dans l'espace médiateur", "Bonjour Sophie.",
		"Donnez le clavier à Marie", "Marie a un nouveau code", "nouveau code secret pour Marie",
		"Vous avez quitté l'espace médiateur."} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	for _, code := range []string{"4826", "9753"} {
		if strings.Contains(s, code) {
			t.Errorf("the output shows the code %s", code)
		}
	}
	if err := app.CheckPIN(context.Background(), 1, "9753"); err != nil {
		t.Errorf("Marie's new code: %v", err)
	}
}

// TestSpaceScreensFit draws every screen of the space at small, odd and
// large sizes: no line wider than the window, no more lines than it has.
func TestSpaceScreensFit(t *testing.T) {
	firstName = "Marie-Charlotte"
	defer func() { firstName = "Marie" }()
	for _, sc := range spaceScreens {
		for _, sz := range [][2]int{{40, 12}, {41, 13}, {57, 17}, {80, 24}, {200, 60}} {
			h := newHarness(t, i18n.FR, goldenLib)
			h.m.ctx.Theme = defaultTheme()
			app := h.m.ctx.App
			app.CreateLearner(context.Background(), "Marie-Charlotte", "2468", record.Prefs{})
			app.CreateLearner(context.Background(), "Paul", "", record.Prefs{})
			h.send(resumeMsg{})
			w := &walker{h: h}
			if sc.name != "space-first" {
				w.openSpace(true)
			}
			h.send(tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
			sc.keys(w)
			lines := strings.Split(h.m.View().Content, "\n")
			menuless := map[string]bool{"space-first": true, "space-new-code": true, "space-journal": true, "space-progress": true}
			if !menuless[sc.name] && !strings.Contains(h.screen(), h.m.ctx.Theme.G.Pointer+" ") {
				t.Errorf("%s at %dx%d: the choices are out of sight:\n%s", sc.name, sz[0], sz[1], h.screen())
			}
			if len(lines) > sz[1] {
				t.Errorf("%s at %dx%d: %d lines", sc.name, sz[0], sz[1], len(lines))
			}
			for i, l := range lines {
				if lw := lipgloss.Width(l); lw > sz[0] {
					t.Errorf("%s at %dx%d: line %d is %d wide", sc.name, sz[0], sz[1], i, lw)
				}
			}
		}
	}
}

// TestBringProgressFromAnotherPC: a learner exports on one PC, and on
// another, signed in to their profile there, brings the file: their test
// and lesson are found; bringing it again adds nothing.
func TestBringProgressFromAnotherPC(t *testing.T) {
	ctx := context.Background()
	other := newHarness(t, i18n.FR, nil)
	lea, _ := learnerWithResults(t, other, "Léa", "2468")
	path, err := other.m.ctx.App.Export(ctx, lea)
	if err != nil {
		t.Fatal(err)
	}

	h := newHarness(t, i18n.FR, nil)
	h.newLearner("Léa")
	h.choose("Mes réglages")
	h.choose("Retrouver mes progrès d'un autre ordinateur")
	h.expect("Exporter toutes mes données")
	h.typeText(path + ".absent")
	h.press("enter")
	h.expect("Il n'y a pas de fichier à cet endroit")
	for range len(path) + 10 {
		h.press("backspace")
	}
	h.typeText(path)
	h.press("enter")
	h.expect("Ce fichier contient les progrès de « Léa »", "Tests finis : 1. Leçons finies : 1.")
	h.choose("Oui, ajouter mes progrès")
	h.expect("Vos progrès sont retrouvés.", "Tests ajoutés : 1.")
	st, _ := h.m.ctx.App.State(ctx, h.m.ctx.Session.learner.ID)
	if len(st.Tests) != 1 || st.Tests[0].Result == nil {
		t.Fatalf("tests after the import: %+v", st.Tests)
	}
	h.press("enter")
	h.choose("Retrouver mes progrès d'un autre ordinateur")
	h.typeText(path)
	h.press("enter")
	h.choose("Oui, ajouter mes progrès")
	h.expect("Tests ajoutés : 0. Leçons ajoutées ou complétées : 0.")
}

// stepReader gives one line per Read, and runs before(i) before line i.
type stepReader struct {
	lines  []string
	i      int
	before func(i int)
}

func (r *stepReader) Read(p []byte) (int, error) {
	if r.i >= len(r.lines) {
		return 0, io.EOF
	}
	r.before(r.i)
	n := copy(p, r.lines[r.i]+"\n")
	r.i++
	return n, nil
}

// TestSpaceIdleLockInTheAccessibleMode: the space closes after the idle
// delay in the accessible mode too, and the line typed after the pause,
// meant for the space, does nothing on « Qui êtes-vous ? ».
func TestSpaceIdleLockInTheAccessibleMode(t *testing.T) {
	st, err := progress.OpenWith(filepath.Join(t.TempDir(), "pasapas.db"), progress.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c := &clock{testToday}
	in := &stepReader{lines: []string{"2", "Sophie", "4826", "4826", "1"}, before: func(i int) {
		if i == 4 {
			c.t = c.t.Add(11 * time.Minute)
		}
	}}
	var out bytes.Buffer
	cfg := Config{Library: builtin, Lang: i18n.FR, App: testApp(st, c.now), Now: c.now}
	if err := RunAccessible(cfg, in, &out); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	if !strings.Contains(s, "Bonjour Sophie.") || !strings.Contains(s, "La séance a été fermée après 10 minutes") {
		t.Fatalf("the space did not close after the pause:\n%s", s)
	}
	if strings.Contains(s, "Quel est votre prénom ?") {
		t.Errorf("the line meant for the space acted on « Qui êtes-vous ? »:\n%s", s)
	}
}

// TestFollowUpInTheAccessibleMode: the follow-up's letter keys (a note, an
// accompaniment, an attestation) work in the accessible mode, and « aide »
// names them — the linear mode draws no help bar.
func TestFollowUpInTheAccessibleMode(t *testing.T) {
	st, err := progress.OpenWith(filepath.Join(t.TempDir(), "pasapas.db"), progress.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	app := testApp(st, nil)
	ctx := context.Background()
	marie, _ := app.CreateLearner(ctx, "Marie", "2468", record.Prefs{})
	app.SetSharing(ctx, marie.ID, true)
	in := strings.Join([]string{
		"3",            // Espace médiateur
		"Sophie",       // the first account
		"4826", "4826", // its code, twice
		"1",     // Les profils des personnes
		"1",     // Marie
		"suivi", // Son suivi et vos notes
		"aide",
		"n", "Veut envoyer des photos à sa fille.",
		"retour", "retour", "retour", "retour",
		"quitter", "2",
	}, "\n") + "\n"
	var out bytes.Buffer
	cfg := Config{Library: builtin, Lang: i18n.FR, App: app, IdleLock: -1}
	if err := RunAccessible(cfg, strings.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, want := range []string{"== Suivi : Marie ==", "tapez aussi une de ces lettres", "n : ajouter une note",
		"t : attestation"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	if strings.Contains(s, "Je n'ai pas compris « n »") {
		t.Errorf("« n » was not understood:\n%s", s)
	}
	notes, err := st.Notes(ctx, marie.ID)
	if err != nil || len(notes) != 1 || notes[0].Text != "Veut envoyer des photos à sa fille." {
		t.Errorf("notes %+v, %v: want the note typed", notes, err)
	}
}

// TestSpaceSaysWhereTheDataIs: the space's first page says where the
// progress is kept, this PC's file or the place's server, from what
// start-up gave (Config.Server); the place's name never brings a control
// sequence to the terminal, and the server's address is never known here.
func TestSpaceSaysWhereTheDataIs(t *testing.T) {
	for _, tc := range []struct {
		lang         i18n.Lang
		server, want string
	}{
		{i18n.FR, "", "Données : sur ce PC"},
		{i18n.EN, "", "Data: on this PC"},
		{i18n.FR, "France Services Les Ormes", "Données : serveur du lieu « France Services Les Ormes »"},
		{i18n.EN, "France Services Les Ormes", "Data: the place's server, “France Services Les Ormes”"},
		{i18n.FR, "Les Ormes\x1b]0;pwned\x07\x1b[2J", "Données : serveur du lieu « Les Ormes]0;pwned[2J »"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			h := newHarness(t, tc.lang, nil)
			h.m.ctx.Server = tc.server
			h.send(resumeMsg{})
			w := &walker{h: h}
			if tc.lang == i18n.FR {
				w.openSpace(true)
			} else {
				h.m.ctx.Mediator = &record.Mediator{Name: "Sophie"}
				h.m.stack = []screen{newSpaceHome(h.m.ctx)}
			}
			h.expect(tc.want)
			if raw := h.m.View().Content; strings.Contains(raw, "\x07") || strings.Contains(raw, "\x1b]") || strings.Contains(raw, "\x1b[2J") {
				t.Errorf("a control sequence from the place's name reached the screen: %q", raw)
			}
		})
	}
}

// TestSpaceSaysWhereTheDataIsLinear: the accessible mode prints the same
// line.
func TestSpaceSaysWhereTheDataIsLinear(t *testing.T) {
	st, err := progress.OpenWith(filepath.Join(t.TempDir(), "pasapas.db"), progress.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	in := strings.Join([]string{"2", "Sophie", "4826", "4826", "quitter", "2"}, "\n") + "\n"
	var out bytes.Buffer
	cfg := Config{Library: builtin, Lang: i18n.FR, App: testApp(st, nil), IdleLock: -1, Server: "Médiathèque des Tilleuls"}
	if err := RunAccessible(cfg, strings.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	if want := "Données : serveur du lieu « Médiathèque des Tilleuls »"; !strings.Contains(out.String(), want) {
		t.Errorf("output lacks %q:\n%s", want, out.String())
	}
}
