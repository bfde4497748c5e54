package sim

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
	"text/tabwriter"
)

// Report is the result of a run: its settings and one section per bank.
type Report struct {
	Seed       uint64       `json:"seed"`
	Draw       uint64       `json:"draw,omitempty"`
	Learners   int          `json:"learners"`
	MaxItems   int          `json:"max_items"`
	Population string       `json:"population"`
	Banks      []BankReport `json:"banks"`
}

// BankReport is the figures of every method on one bank.
type BankReport struct {
	Bank       string         `json:"bank"`
	Items      int            `json:"items"`
	Skills     int            `json:"skills"`
	Methods    []MethodReport `json:"methods"`
	Acceptance []Check        `json:"acceptance,omitempty"`
	Info       InfoBound      `json:"information"`
}

// Check is one acceptance criterion of issue #4, measured on this bank.
type Check struct {
	Name   string  `json:"name"`
	Value  float64 `json:"value"`
	Target string  `json:"target"`
	Pass   bool    `json:"pass"`
}

func find(ms []MethodReport, name string) *MethodReport {
	i := slices.IndexFunc(ms, func(m MethodReport) bool { return m.Method == name })
	if i < 0 {
		return nil
	}
	return &ms[i]
}

// acceptance fills the items-to-random column and checks the criteria when
// the methods they compare were run.
func acceptance(ms []MethodReport, maxItems int) []Check {
	random := find(ms, "random")
	if random != nil {
		target := random.RMSEAt[maxItems-1]
		for k := range ms {
			ms[k].ItemsToRandom20 = 0
			for n, v := range ms[k].RMSEAt {
				if v <= target {
					ms[k].ItemsToRandom20 = n + 1
					break
				}
			}
		}
	}
	ours := find(ms, "ours")
	if ours == nil {
		return nil
	}
	var out []Check
	if random != nil {
		v := float64(ours.ItemsToRandom20)
		out = append(out, Check{"items for ours to reach random order's RMSE at max items", v, "<= 13 (and > 0)", v > 0 && v <= 13})
	}
	if flash := find(ms, "pix-flash"); flash != nil {
		worst := math.Inf(-1)
		for n := 4; n < maxItems; n++ { // lengths 5..max
			worst = math.Max(worst, ours.RMSEAt[n]-flash.RMSEAt[n])
		}
		out = append(out, Check{"max over lengths 5..max of RMSE(ours) - RMSE(pix-flash)", round(worst), "< 0", worst < 0})
	}
	if smart := find(ms, "pix-smart"); smart != nil {
		d := ours.ExactLevel - smart.ExactLevel
		out = append(out, Check{"exact level: ours - pix-smart, each at its own stop", round(d), "> 0", d > 0})
		n := max(1, min(maxItems, int(math.Round(smart.MeanLength))))
		d = ours.ExactAt[n-1] - smart.ExactAt[n-1]
		out = append(out, Check{fmt.Sprintf("exact level: ours - pix-smart, both at %d items (pix-smart's mean length)", n), round(d), "> 0", d > 0})
	}
	out = append(out,
		Check{"within-one-level accuracy of ours", ours.WithinOne, ">= 0.95", ours.WithinOne >= 0.95},
		Check{"maximum item exposure of ours", ours.MaxExposure, "<= 0.35", ours.MaxExposure <= 0.35})
	return out
}

// WriteJSON writes the report as indented JSON (deterministic: struct order,
// sorted map keys, rounded numbers).
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		return fmt.Errorf("writing the report: %w", err)
	}
	return nil
}

// Labels are the table's words, in the caller's language.
type Labels struct {
	Header, Bank, Population, Acceptance, Pass, Fail string
	// Draw is added to the bank line when the run is not the seed's own
	// draw (Config.Draw).
	Draw string
	// Info formats the information budget: random order's length and
	// information, the bound length, the author-level and true-parameter
	// bests.
	Info string
}

// WriteTable writes a readable summary: one table per bank, then the
// acceptance checks.
func (r *Report) WriteTable(w io.Writer, lb Labels) error {
	for _, b := range r.Banks {
		fmt.Fprintf(w, lb.Bank, b.Bank, b.Items, b.Skills, r.Learners, r.Population, r.Seed, r.MaxItems)
		if r.Draw != 0 {
			fmt.Fprintf(w, lb.Draw, r.Draw)
		}
		fmt.Fprintln(w)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, lb.Header)
		for _, m := range b.Methods {
			at := func(n int) string {
				if n > len(m.RMSEAt) {
					return "-"
				}
				return fmt.Sprintf("%.3f", m.RMSEAt[n-1])
			}
			fmt.Fprintf(tw, "%s\t%.2f\t%d\t%.3f\t%+.3f\t%.3f\t%.3f\t%.3f\t%s\t%s\t%s\t%s\t%d\t\n",
				m.Method, m.MeanLength, m.LengthP50, m.RMSE, m.Bias, m.ExactLevel, m.WithinOne, m.MaxExposure,
				at(5), at(10), at(15), at(r.MaxItems), m.ItemsToRandom20)
		}
		if err := tw.Flush(); err != nil {
			return fmt.Errorf("writing the table: %w", err)
		}
		if lb.Info != "" {
			fmt.Fprintf(w, lb.Info+"\n", b.Info.RandomLength, b.Info.Random, b.Info.Length, b.Info.AuthorBest, b.Info.TrueBest)
		}
		if len(b.Acceptance) > 0 {
			fmt.Fprintln(w, lb.Acceptance)
			for _, c := range b.Acceptance {
				mark := lb.Pass
				if !c.Pass {
					mark = lb.Fail
				}
				fmt.Fprintf(w, "  [%s] %s = %g (%s)\n", mark, c.Name, c.Value, c.Target)
			}
		}
		fmt.Fprintln(w, strings.Repeat("-", 40))
	}
	return nil
}
