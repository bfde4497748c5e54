package learning_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"pasapas/i18n"
	"pasapas/learning"
	"pasapas/record"
	"pasapas/scoring"
)

// attestationStory: Léa (who shares) came on 2 November (1 h 30, finished
// « mail-adresse ») and on 7 December (2 h, finished « mail-boite », took
// a test); Paul has a code and does not share; Jean has no code and does
// not share.
func attestationStory(t *testing.T, app *learning.Service, c *clock) (sophie record.Mediator, lea, paul, jean record.Learner) {
	t.Helper()
	ctx := context.Background()
	var err error
	if sophie, err = app.CreateMediator(ctx, 0, "Sophie", "4826"); err != nil {
		t.Fatal(err)
	}
	lea, _ = app.CreateLearner(ctx, "Léa Exemple", "", record.Prefs{})
	paul, _ = app.CreateLearner(ctx, "Paul", "2468", record.Prefs{})
	jean, _ = app.CreateLearner(ctx, "Jean", "", record.Prefs{})
	if err := app.SetSharing(ctx, lea.ID, true); err != nil {
		t.Fatal(err)
	}
	visit := func(at time.Time, long time.Duration, lesson string) {
		c.t = at
		v, err := app.StartVisit(ctx, lea.ID, "Médiathèque")
		if err != nil {
			t.Fatal(err)
		}
		app.SaveLessonStep(ctx, lea.ID, record.LessonStep{Lesson: lesson, Step: 99, Done: true})
		c.t = at.Add(long)
		if err := app.EndVisit(ctx, v); err != nil {
			t.Fatal(err)
		}
	}
	visit(time.Date(2026, 11, 2, 10, 0, 0, 0, time.Local), 90*time.Minute, "mail-adresse")
	visit(time.Date(2026, 12, 7, 9, 0, 0, 0, time.Local), 2*time.Hour, "mail-boite")
	takeTest(t, app, c, lea.ID, cat.Competences[0].ID, func(n int, it *scoring.Item) bool { return n%2 == 0 })
	c.t = time.Date(2026, 12, 7, 16, 0, 0, 0, time.Local)
	return
}

// TestAttestation: an attestation needs the structure's name and the
// learner's consent (sharing, or their own code typed there and then);
// it sums the visits and lists the lessons of the period, gives the
// levels as they stood at its end, and writes one journal line — none
// when refused.
func TestAttestation(t *testing.T) {
	ctx := context.Background()
	onEachStore(t, func(t *testing.T, app *learning.Service, c *clock) {
		sophie, lea, paul, jean := attestationStory(t, app, c)
		if _, err := app.Attestation(ctx, sophie.ID, cat, lea.ID, learning.Period{}, ""); !errors.Is(err, learning.ErrNoStructure) {
			t.Errorf("without the structure's name: %v, want ErrNoStructure", err)
		}
		for _, bad := range []string{"", "   ", "Mairie\x1b[31m", "Mairie \u202eeSlliL", string(make([]rune, learning.MaxStructure+1))} {
			if err := app.SetStructure(ctx, sophie.ID, bad); !errors.Is(err, record.ErrInvalid) {
				t.Errorf("SetStructure(%q) = %v, want ErrInvalid", bad, err)
			}
		}
		if err := app.SetStructure(ctx, sophie.ID, "  Médiathèque   « Les Lilas » "); err != nil {
			t.Fatal(err)
		}
		if name, _ := app.Structure(ctx); name != "Médiathèque « Les Lilas »" {
			t.Errorf("Structure = %q", name)
		}
		date := func(m time.Month, d int) time.Time { return time.Date(2026, m, d, 0, 0, 0, 0, time.Local) }
		for _, c := range []struct {
			name     string
			who      record.Learner
			period   learning.Period
			pin      string
			err      error
			consent  learning.Consent
			from, to time.Time
			time     time.Duration
			lessons  []string
			levels   int
		}{
			{name: "shares, whole time", who: lea, consent: learning.ConsentShares, from: date(11, 2), to: date(12, 7),
				time: 210 * time.Minute, lessons: []string{"mail-adresse", "mail-boite"}, levels: 1},
			{name: "shares, December", who: lea, period: learning.Period{From: date(12, 1)}, consent: learning.ConsentShares,
				from: date(12, 1), to: date(12, 7), time: 2 * time.Hour, lessons: []string{"mail-boite"}, levels: 1},
			{name: "shares, November", who: lea, period: learning.Period{From: date(11, 1), To: date(11, 30)}, consent: learning.ConsentShares,
				from: date(11, 1), to: date(11, 30), time: 90 * time.Minute, lessons: []string{"mail-adresse"}, levels: 0},
			{name: "a period the wrong way round", who: lea, period: learning.Period{From: date(12, 2), To: date(12, 1)}, err: learning.ErrBackwards},
			{name: "does not share, no code typed", who: paul, err: record.ErrNoConsent},
			{name: "does not share, a wrong code", who: paul, pin: "1111", err: &record.PINError{}},
			{name: "does not share, their own code", who: paul, pin: "2468", consent: learning.ConsentCode, from: date(12, 7), to: date(12, 7)},
			{name: "no code and does not share: any code refused", who: jean, pin: "1234", err: record.ErrNoConsent},
			{name: "unknown learner", who: record.Learner{ID: 999}, err: record.ErrNotFound},
		} {
			before, _ := app.Actions(ctx)
			a, err := app.Attestation(ctx, sophie.ID, cat, c.who.ID, c.period, c.pin)
			after, _ := app.Actions(ctx)
			if c.err != nil {
				var pe *record.PINError
				if _, wantPIN := c.err.(*record.PINError); wantPIN && !errors.As(err, &pe) || !wantPIN && !errors.Is(err, c.err) {
					t.Errorf("%s: %v, want %v", c.name, err, c.err)
				}
				if len(after) != len(before) {
					t.Errorf("%s: a refused attestation wrote a journal line: %+v", c.name, after[0])
				}
				continue
			}
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
				continue
			}
			var got []string
			for _, l := range a.Lessons {
				got = append(got, l.ID)
			}
			if a.Structure != "Médiathèque « Les Lilas »" || a.Name != c.who.Name || a.Consent != c.consent ||
				!a.From.Equal(c.from) || !a.To.Equal(c.to) || a.Time != c.time || !slices.Equal(got, c.lessons) || len(a.Levels) != c.levels {
				t.Errorf("%s: %+v\nwant from %v to %v, %v, lessons %v, %d levels, consent %d", c.name, a, c.from, c.to, c.time, c.lessons, c.levels, c.consent)
			}
			value := 0
			if c.consent == learning.ConsentCode {
				value = 1
			}
			if len(after) != len(before)+1 || after[0].Kind != record.ActAttestation || after[0].Learner != c.who.ID ||
				after[0].Mediator != sophie.ID || after[0].Value != value {
				t.Errorf("%s: journal line %+v, want one attestation line for %d", c.name, after[0], c.who.ID)
			}
		}
	})
}

// TestAttestationLevels: the levels are those measured by a test, as they
// stood at the period's end — a positioning's first idea is left out, and
// a competence retested after the period keeps the period's test.
func TestAttestationLevels(t *testing.T) {
	ctx := context.Background()
	onEachStore(t, func(t *testing.T, app *learning.Service, c *clock) {
		sophie, lea, _, _ := attestationStory(t, app, c)
		if err := app.SetStructure(ctx, sophie.ID, "Médiathèque"); err != nil {
			t.Fatal(err)
		}
		comp := cat.Competences[0].ID
		st, _ := app.Results(ctx, cat, lea.ID)
		december := st.State.Tests[len(st.State.Tests)-1].ID
		// A positioning on 8 December: a first idea of every competence.
		c.t = time.Date(2026, 12, 8, 10, 0, 0, 0, time.Local)
		takeTest(t, app, c, lea.ID, record.Positioning, func(n int, _ *scoring.Item) bool { return n%2 == 0 })
		// The same competence again in January, after the period.
		c.t = time.Date(2027, 1, 12, 10, 0, 0, 0, time.Local)
		january := takeTest(t, app, c, lea.ID, comp, func(int, *scoring.Item) bool { return true }).ID
		if st, _ := app.Results(ctx, cat, lea.ID); !slices.ContainsFunc(st.Entries, func(e learning.Entry) bool { return e.Result.Rough }) {
			t.Fatal("the story has no first idea from the positioning: the test proves nothing")
		}
		date := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.Local) }
		for _, c := range []struct {
			name   string
			period learning.Period
			want   record.TestID
		}{
			{"December, retested in January", learning.Period{From: date(2026, 12, 1), To: date(2026, 12, 31)}, december},
			{"up to today", learning.Period{From: date(2026, 12, 1)}, january},
		} {
			a, err := app.Attestation(ctx, sophie.ID, cat, lea.ID, c.period, "")
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			if len(a.Levels) != 1 || a.Levels[0].Competence.ID != comp || a.Levels[0].Test.ID != c.want || a.Levels[0].Result.Rough {
				var got []string
				for _, e := range a.Levels {
					got = append(got, fmt.Sprintf("%s from test %d (rough %v)", e.Competence.ID, e.Test.ID, e.Result.Rough))
				}
				t.Errorf("%s: levels %v, want only %s from test %d", c.name, got, comp, c.want)
			}
		}
	})
}

// TestErrorsSayThemselves: the use cases' own errors have their sentence
// (record.Explain), the same on the screen and on the command line, and
// are still what errors.Is looks for.
func TestErrorsSayThemselves(t *testing.T) {
	ctx := context.Background()
	onEachStore(t, func(t *testing.T, app *learning.Service, c *clock) {
		sophie, lea, paul, _ := attestationStory(t, app, c)
		_, noStructure := app.Attestation(ctx, sophie.ID, cat, lea.ID, learning.Period{}, "")
		badName := app.SetStructure(ctx, sophie.ID, "")
		app.SetStructure(ctx, sophie.ID, "Mairie")
		_, noConsent := app.Attestation(ctx, sophie.ID, cat, paul.ID, learning.Period{}, "")
		backwards := learning.Period{From: time.Now(), To: time.Now().AddDate(0, 0, -1)}.Check()
		for _, e := range []struct {
			name string
			err  error
			is   error
			want string
		}{
			{"no structure's name", noStructure, learning.ErrNoStructure, "Le nom de la structure n'est pas encore donné"},
			{"a structure's name refused", badName, record.ErrInvalid, "entre 1 et 80 caractères"},
			{"no consent", noConsent, record.ErrNoConsent, "L'attestation demande l'accord de la personne"},
			{"a period the wrong way round", backwards, learning.ErrBackwards, "le premier jour vient après le dernier"},
			{"no space", learning.ErrNoSpace, record.ErrInvalid, "L'espace médiateur n'est pas disponible ici"},
		} {
			if !errors.Is(e.err, e.is) {
				t.Errorf("%s: %v is not %v", e.name, e.err, e.is)
			}
			if got := record.Explain(e.err, i18n.FR); !strings.Contains(got, e.want) {
				t.Errorf("%s: says %q, want %q", e.name, got, e.want)
			}
		}
	})
}
