package learning_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"pasapas/learning"
	"pasapas/learning/memstore"
	"pasapas/record"
)

// exportHead is the start of every export file in these tests.
const exportHead = `{"format":"pasapas-progres","version":1,"exporte_le":"2026-12-07T09:00:00Z","profil":{"nom":"Léa"},`

// exportWith is an export holding one finished positioning, with what its
// result is replayed with as extra (`"rho":…,"difficultes":…`, or "" for a
// file written before they were exported), and one answer to it.
func exportWith(extra string) string {
	if extra != "" {
		extra = "," + extra
	}
	return exportHead + `"tests":[{"id":7,"competence":"positionnement","graine":42,"debut":"2026-12-06T10:00:00Z",` +
		`"fin":"2026-12-06T10:05:00Z","resultat":{"theta":0,"erreur_type":0,"niveau":2,"arret":"positionnement"}` + extra + `}],` +
		`"reponses":[{"id":1,"question":"mail-q1","variante":"mail-q1","resultat":"correct","test":7,"le":"2026-12-06T10:01:00Z",` +
		`"reponse":{},"duree_ms":1200}],"lecons":[],"acquis":[],"revisions":[]}`
}

// withResult is exportWith("") with the positioning's result replaced.
func withResult(result string) string {
	return strings.Replace(exportWith(""), `"theta":0,"erreur_type":0,"niveau":2`, result, 1)
}

// manyParams is a "difficultes" object of n questions, mail-q1 first.
func manyParams(n int) string {
	var b strings.Builder
	b.WriteByte('{')
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `"mail-q%d":{"difficulte":0.5,"discrimination":1}`, i+1)
	}
	b.WriteByte('}')
	return b.String()
}

// TestReadExportReplay: ReadExport gives back the correlation and the item
// parameters of each test, reads a file without them as before, and refuses
// values no store could keep.
func TestReadExportReplay(t *testing.T) {
	cases := []struct {
		name    string
		file    string
		rho     float64
		params  int     // questions with parameters for test 7
		b, a    float64 // mail-q1's, when params > 0
		refused bool
	}{
		{name: "both", file: exportWith(`"rho":0.25,"difficultes":{"mail-q1":{"difficulte":-0.75,"discrimination":1.2},"mail-q2":{"difficulte":0.5,"discrimination":1}}`),
			rho: 0.25, params: 2, b: -0.75, a: 1.2},
		{name: "an old file", file: exportWith("")},
		{name: "ρ only", file: exportWith(`"rho":0.6`), rho: 0.6},
		{name: "empty parameters", file: exportWith(`"difficultes":{}`)},
		{name: "ρ of 1", file: exportWith(`"rho":1`), refused: true},
		{name: "a negative ρ", file: exportWith(`"rho":-0.1`), refused: true},
		{name: "a zero discrimination", file: exportWith(`"difficultes":{"mail-q1":{"difficulte":0,"discrimination":0}}`), refused: true},
		{name: "no question", file: exportWith(`"difficultes":{"":{"difficulte":0,"discrimination":1}}`), refused: true},
		// The answers and the item parameters name their test by id: with
		// two tests of one id, which one they belong to is a guess.
		{name: "two tests with one id", file: exportHead + `"tests":[` +
			`{"id":7,"competence":"mail","graine":1,"debut":"2026-12-06T10:00:00Z","fin":"2026-12-06T10:05:00Z",` +
			`"resultat":{"theta":0,"erreur_type":0.5,"niveau":2,"arret":"precision"},"difficultes":{"mail-q1":{"difficulte":0,"discrimination":1}}},` +
			`{"id":7,"competence":"video","graine":2,"debut":"2026-12-06T11:00:00Z","fin":"2026-12-06T11:05:00Z",` +
			`"resultat":{"theta":0,"erreur_type":0.5,"niveau":2,"arret":"precision"}}],"reponses":[]}`, refused: true},
		// A bank has hundreds of questions (444 in a positioning on the
		// built-in content): parameters by the million are a damaged or
		// hostile file, which would slow every view of the learner.
		{name: "as many parameters as allowed", file: exportWith(`"difficultes":` + manyParams(record.MaxTestParams)), params: record.MaxTestParams, b: 0.5, a: 1},
		{name: "too many parameters", file: exportWith(`"difficultes":` + manyParams(record.MaxTestParams+1)), refused: true},
		// Results feed the place's correlation between competences: one
		// the engine could not conclude is a damaged or hostile file.
		{name: "an ability of 1e300", file: withResult(`"theta":1e300,"erreur_type":0.5,"niveau":4`), refused: true},
		{name: "an ability beyond 10 logits", file: withResult(`"theta":-10.5,"erreur_type":0.5,"niveau":0`), refused: true},
		{name: "a standard error of 5", file: withResult(`"theta":0.2,"erreur_type":5,"niveau":2`), refused: true},
		{name: "a negative standard error", file: withResult(`"theta":0.2,"erreur_type":-0.5,"niveau":2`), refused: true},
		{name: "a level of 5", file: withResult(`"theta":0.2,"erreur_type":0.5,"niveau":5`), refused: true},
		{name: "results at the bounds", file: withResult(`"theta":-10,"erreur_type":3,"niveau":0`)},
		{name: "a difficulty as text", file: exportWith(`"difficultes":{"mail-q1":{"difficulte":"0","discrimination":1}}`), refused: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, err := learning.ReadExport(strings.NewReader(c.file))
			if c.refused {
				if !errors.Is(err, learning.ErrNotAnExport) || !errors.Is(err, record.ErrInvalid) {
					t.Fatalf("ReadExport = %v, want ErrNotAnExport", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Tests) != 1 || p.Tests[0].Rho != c.rho || len(p.Difficulties[7]) != c.params {
				t.Fatalf("tests %+v, parameters %v: want ρ %v and %d parameters", p.Tests, p.Difficulties, c.rho, c.params)
			}
			if c.params > 0 {
				if q := p.Difficulties[7]["mail-q1"]; q.B != c.b || q.A != c.a {
					t.Errorf("mail-q1: %+v, want b %v a %v", q, c.b, c.a)
				}
			}
			if c.params == 0 && p.Difficulties != nil {
				t.Errorf("parameters %v, want none", p.Difficulties)
			}
		})
	}
}

// FuzzReadExport: whatever the file, ReadExport does not panic; it reads
// it, or refuses it as not an export; what it reads passes CheckReplay, and
// a store imports it or refuses it with ErrInvalid, never another error.
func FuzzReadExport(f *testing.F) {
	for _, seed := range []string{
		exportWith(""),
		exportWith(`"rho":0.25,"difficultes":{"mail-q1":{"difficulte":-0.75,"discrimination":1.2}}`),
		exportWith(`"rho":0.999999,"difficultes":{"mail-q1":{"difficulte":1e308,"discrimination":5e-324}}`),
		exportWith(`"rho":1`),
		exportWith(`"rho":-0.5,"difficultes":{"":{"difficulte":0,"discrimination":-1}}`),
		exportWith(`"difficultes":{"mail-q1":{"difficulte":1e400,"discrimination":1}}`),
		exportWith(`"difficultes":null,"rho":null`),
		exportWith(`"difficultes":{"\u001b[31m":{"difficulte":0,"discrimination":1}}`),
		exportHead + `"tests":[{"id":1,"competence":"mail","debut":"2026-12-06T10:00:00Z","difficultes":{"q":{"difficulte":0,"discrimination":1}}},` +
			`{"id":1,"competence":"mail","debut":"2026-12-06T11:00:00Z"}]}`,
		`{"format":"pasapas-progres","version":2}`,
		`[]`,
		``,
	} {
		f.Add(seed)
	}
	st := memstore.New()
	ctx := context.Background()
	l, err := st.CreateLearner(ctx, "Léa", "", record.Prefs{})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, file string) {
		p, err := learning.ReadExport(strings.NewReader(file))
		if err != nil {
			if !errors.Is(err, learning.ErrNotAnExport) {
				t.Fatalf("ReadExport: %v, want ErrNotAnExport", err)
			}
			return
		}
		if err := p.CheckReplay(); err != nil {
			t.Fatalf("ReadExport gave what CheckReplay refuses: %v", err)
		}
		if _, err := st.ImportProgress(ctx, l.ID, p); err != nil && !errors.Is(err, record.ErrInvalid) {
			t.Fatalf("ImportProgress: %v, want success or ErrInvalid", err)
		}
	})
}
