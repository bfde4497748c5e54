//go:build e2e

package e2e

import (
	"bytes"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"pasapas/progress"
	"pasapas/record"
)

// groupWait is how long the médiateur's window may take to show a change
// made in a learner's window (the limit).
const groupWait = 30 * time.Second

const atelierFile = `atelier: premiers-mails
titre: Premiers pas avec les mails
code: MAC74
niveau: Débutant
thematiques:
  - E-mail
parcours:
  - mail-adresse
  - mail-boite
inactivite: 30
`

// rowOf is the médiateur's row of a learner: their line and its detail.
func rowOf(screen, name string) string {
	lines := strings.Split(screen, "\n")
	for i, l := range lines {
		if strings.Contains(l, name) {
			end := min(len(lines), i+4)
			return strings.Join(lines[i:end], "\n")
		}
	}
	return ""
}

// waitGroup polls the médiateur's window until cond holds, up to groupWait,
// and returns the delay since from.
func waitGroup(t *testing.T, md *term, what string, from time.Time, cond func(string) bool) time.Duration {
	t.Helper()
	deadline := from.Add(groupWait)
	for {
		s := md.capture()
		if cond(s) {
			return time.Since(from)
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %s in the médiateur's window:\n%s", groupWait, what, frame(s))
		}
		time.Sleep(pollInterval)
	}
}

var groupStepRe = regexp.MustCompile(`étape (\d+) sur (\d+)`)

// joinAtelier: from the learner's home, the code (mistyped first when
// wrong is set), then yes to being seen, then the first lesson of the
// parcours, one page on per step.
func (tm *term) joinAtelier(wrong string, steps int, w *spaceWalk) {
	tm.t.Helper()
	tm.waitText("Rejoindre un atelier")
	tm.choose("Rejoindre un atelier")
	tm.waitText("Tapez le code de l'atelier.")
	if wrong != "" {
		tm.typeText(wrong)
		tm.keys("Enter")
		tm.waitText("Ce code ne correspond à aucun atelier ouvert.")
		w.save("code-faux")
	}
	tm.typeText("mac74")
	tm.keys("Enter")
	tm.waitText("Pendant cet atelier, le médiateur peut-il voir où vous en êtes ?")
	w.save("consentement-atelier")
	tm.choose("Oui, il peut voir où j'en suis")
	tm.waitText("Les leçons de l'atelier, dans l'ordre.")
	w.save("mon-atelier")
	tm.choose(lessonName)
	for range steps {
		tm.press("Right")
	}
}

// TestAtelier: one data folder, a médiateur's window and two learners'
// windows. The médiateur opens an atelier from a YAML file; both learners
// join with its code (one mistypes it once) and follow a lesson; the
// group view shows both rows at the right step within 30 s, then the
// call's mark; one learner withdraws their consent and their row goes.
func TestAtelier(t *testing.T) {
	t.Parallel()
	home := t.TempDir()
	if err := os.MkdirAll(filepath.Join(home, "ateliers"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(home, "ateliers", "premiers-mails.yaml"), []byte(atelierFile), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := newServer(t)

	md := srv.start(home, 100, 34, "mediateur")
	w := &spaceWalk{tm: md}
	md.waitText("Bienvenue dans l'espace médiateur")
	md.typeText("Sophie")
	md.keys("Enter")
	md.waitText("Choisissez votre code.")
	md.typeText("4826")
	md.keys("Enter")
	md.waitText("Tapez encore une fois votre code.")
	md.typeText("4826")
	md.keys("Enter")
	md.waitText("Bonjour Sophie.", "Les ateliers", "Données : sur ce PC")
	md.choose("Les ateliers")
	md.waitText("Ouvrir : Premiers pas avec les mails")
	w.save("ateliers")
	md.choose("Ouvrir : Premiers pas avec les mails")
	md.waitText("Le code à donner au groupe", "M A C 7 4")
	w.save("atelier-ouvert")
	md.choose("Le groupe")
	md.waitText("Personne pour l'instant.")

	lea := srv.start(home, 80, 24)
	lea.newLearner("Léa")
	marc := srv.start(home, 80, 24)
	marc.newLearner("Marc")
	lea.waitText("Rejoindre un atelier")
	lw := &spaceWalk{tm: lea}
	lw.save("accueil-atelier-ouvert")
	lea.joinAtelier("MAC47", 1, lw)
	marc.joinAtelier("", 2, nil)
	sent := time.Now()
	lea.waitText("Étape 1 sur")
	marc.waitText("Étape 2 sur")

	var worst time.Duration
	for _, c := range []struct{ name, step string }{{"Léa", "1"}, {"Marc", "2"}} {
		d := waitGroup(t, md, c.name+" at step "+c.step, sent, func(s string) bool {
			m := groupStepRe.FindStringSubmatch(rowOf(s, c.name))
			return m != nil && m[1] == c.step && strings.Contains(rowOf(s, c.name), "Lire et écrire une adresse mail")
		})
		worst = max(worst, d)
	}
	t.Logf("both rows shown at the right step %v after the learners' last key (limit %v)", worst.Round(10*time.Millisecond), groupWait)
	w.save("groupe")

	// Léa calls: a banner on her screen, a mark on her row.
	lea.keys("F2")
	lea.waitText("VOUS APPELEZ LE MÉDIATEUR")
	lw.save("appel")
	called := time.Now()
	d := waitGroup(t, md, "Léa's call", called, func(s string) bool { return strings.Contains(rowOf(s, "Léa"), "APPELLE") })
	t.Logf("the call's mark shown %v after F2", d.Round(10*time.Millisecond))
	w.save("groupe-appel")

	// Marc changes his mind: his row goes.
	marc.press("Escape")
	marc.waitText("Les leçons de l'atelier, dans l'ordre.")
	marc.choose("Le médiateur peut-il voir où j'en suis ?")
	marc.waitText("Pendant cet atelier, le médiateur peut-il voir où vous en êtes ?")
	marc.choose("Non, merci")
	marc.waitText("Aujourd'hui : non, le médiateur ne voit pas où vous en êtes.")
	gone := time.Now()
	d = waitGroup(t, md, "Marc's row gone", gone, func(s string) bool {
		return rowOf(s, "Marc") == "" && strings.Contains(s, "Léa")
	})
	t.Logf("Marc's row gone %v after he withdrew", d.Round(10*time.Millisecond))

	// The médiateur answers the call: Enter on Léa's row clears the mark.
	md.chooseExact(md.callRow("Léa"))
	waitGroup(t, md, "the call answered", time.Now(), func(s string) bool { return !strings.Contains(s, "APPELLE") })

	lea.press("Escape")
	lea.press("Escape")
	lea.waitText("Mon atelier : Premiers pas avec les mails")
	lw.save("accueil-mon-atelier")
	lea.choose("Terminer ma séance")
	lea.waitText("Qui êtes-vous ?")
	lea.quit()
	marc.quit()

	// The médiateur closes the atelier: its bilan for La Coop, on the
	// screen and as a line of the bilans file.
	md.press("Escape")
	md.waitText("Fermer l'atelier")
	md.choose("Fermer l'atelier")
	md.waitText("Son code ne marchera plus pour personne.")
	md.choose("Oui, fermer l'atelier")
	md.waitText("Type : Collectif", "Nom de l’atelier : Premiers pas avec les mails", "La ligne est ajoutée")
	w.save("bilan")
	md.quit()

	st := snapshot(t, home)
	checkBilan(t, home, st)
	// Each learner's visit: before joining (outside the atelier), then in
	// the atelier until « Terminer ma séance » or quitting; all ended.
	vs, err := st.Visits(t.Context(), 0)
	if err != nil {
		t.Fatal(err)
	}
	inAtelier := map[int64]int{}
	for _, v := range vs {
		if v.End.IsZero() {
			t.Errorf("visit %+v was not ended", v)
		}
		if v.Run != 0 {
			inAtelier[int64(v.Learner)]++
		}
	}
	if len(inAtelier) != 2 || inAtelier[1] != 1 || inAtelier[2] != 1 {
		t.Errorf("visits = %+v: want one in the atelier per learner", vs)
	}
	integrityOK(t, home)
}

// callRow is the label of a learner's row while they call.
func (tm *term) callRow(name string) string {
	tm.t.Helper()
	s := tm.capture()
	for _, l := range strings.Split(s, "\n") {
		if m := rowRe.FindStringSubmatch(l); m != nil && strings.Contains(m[3], name) {
			return m[3]
		}
	}
	tm.t.Fatalf("no row of %s:\n%s", name, frame(s))
	return ""
}

// checkBilan reads the bilan of the atelier run back, from the bilans file
// and from « pasapas mediateur bilan 1 », and checks every field against
// the run as the store has it; no learner is named.
func checkBilan(t *testing.T, home string, st *progress.Store) {
	t.Helper()
	runs, err := st.Runs(t.Context())
	if err != nil || len(runs) != 1 || runs[0].ClosedAt.IsZero() {
		t.Fatalf("runs = %+v, %v: want one, closed", runs, err)
	}
	r := runs[0]
	members, err := st.Members(t.Context(), r.ID)
	if err != nil {
		t.Fatal(err)
	}
	vs, _ := st.Visits(t.Context(), 0)
	// « Déjà accompagnés »: a visit before the run's day.
	y, mo, d := r.OpenedAt.Local().Date()
	day := time.Date(y, mo, d, 0, 0, 0, 0, time.Local)
	before := 0
	for _, m := range members {
		if slices.ContainsFunc(vs, func(v record.Visit) bool { return v.Learner == m.Learner && v.Start.Before(day) }) {
			before++
		}
	}
	want := map[string]string{
		"Date":                           r.OpenedAt.Local().Format("02/01/2006"),
		"Type":                           "Collectif",
		"Participants":                   strconv.Itoa(len(members)),
		"Déjà accompagnés":               strconv.Itoa(before),
		"Durée (min)":                    strconv.Itoa(int(r.ClosedAt.Sub(r.OpenedAt).Round(time.Minute) / time.Minute)),
		"Nom de l’atelier":               "Premiers pas avec les mails",
		"Matériel numérique utilisé":     "Ordinateur",
		"Thématique(s) d’accompagnement": "E-mail",
		"Niveau d’autonomie (ou de l’atelier)": "Débutant",
		"Réf. Pas à pas":                       strconv.Itoa(int(r.ID)),
	}
	if len(members) != 2 {
		t.Errorf("members = %+v: want Léa and Marc", members)
	}
	check := func(what string, raw []byte) {
		t.Helper()
		raw, ok := bytes.CutPrefix(raw, []byte("\ufeff"))
		if !ok {
			t.Errorf("%s: no byte order mark", what)
		}
		rd := csv.NewReader(bytes.NewReader(raw))
		rd.Comma = ';'
		rows, err := rd.ReadAll()
		if err != nil || len(rows) != 2 {
			t.Fatalf("%s: %q, %v", what, rows, err)
		}
		if len(rows[0]) != len(want) {
			t.Errorf("%s: columns %q", what, rows[0])
		}
		for i, col := range rows[0] {
			if w, ok := want[col]; !ok || rows[1][i] != w {
				t.Errorf("%s: %s = %q, want %q", what, col, rows[1][i], w)
			}
		}
		for _, name := range []string{"Léa", "Marc", "Sophie"} {
			if bytes.Contains(raw, []byte(name)) {
				t.Errorf("%s names %s", what, name)
			}
		}
	}
	file, err := os.ReadFile(filepath.Join(home, "bilans-la-coop.csv"))
	if err != nil {
		t.Fatal(err)
	}
	check("bilans-la-coop.csv", file)
	out := filepath.Join(t.TempDir(), "bilan.csv")
	cmd := exec.Command(binary, "mediateur", "bilan", strconv.Itoa(int(r.ID)), "--sortie", out)
	cmd.Env = append(os.Environ(), "PASAPAS_HOME="+home, "PASAPAS_STORE=", "PASAPAS_PLACE=")
	cmd.Stdin = strings.NewReader("4826\n")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pasapas mediateur bilan: %v\n%s", err, b)
	}
	printed, _ := os.ReadFile(out)
	check("pasapas mediateur bilan", printed)
}
