package tabular

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func sample() Table {
	day := time.Date(2026, 3, 4, 15, 0, 0, 0, time.Local)
	return Table{Sheet: "Groupe", Header: []string{"Prénom", "Première visite", "Heures", "Leçons"},
		Rows: [][]Cell{
			{Text(`=HYPERLINK("x")`), Date(day), Dec(1.5, 2), Int(3)},
			{Text("Zoé"), Date(time.Time{}), Dec(0.25, 2), Int(0)},
		}}
}

// readCSV parses a file as a spreadsheet would: BOM stripped, « ; ».
func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte(bom)) {
		t.Fatalf("no byte order mark: %q", b[:min(len(b), 10)])
	}
	r := csv.NewReader(bytes.NewReader(b[len(bom):]))
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func TestCSV(t *testing.T) {
	b, err := CSV(sample())
	if err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, b)
	want := [][]string{
		{"Prénom", "Première visite", "Heures", "Leçons"},
		{`'=HYPERLINK("x")`, "04/03/2026", "1,50", "3"},
		{"Zoé", "", "0,25", "0"},
	}
	if len(rows) != len(want) {
		t.Fatalf("rows = %q", rows)
	}
	for i := range want {
		if strings.Join(rows[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d = %q, want %q", i, rows[i], want[i])
		}
	}
	again, _ := CSV(sample())
	if !bytes.Equal(b, again) {
		t.Error("the same table gives other bytes")
	}
}

func TestSafe(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"=1+1", "'=1+1"}, {"+33 6", "'+33 6"}, {"-2", "'-2"}, {"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"}, {"\rx", "'\rx"}, {"Zoé", "Zoé"}, {"", ""}, {"a=b", "a=b"},
	} {
		if got := Safe(tc.in); got != tc.want {
			t.Errorf("Safe(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestAppendCSV(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bilans.csv")
	tb := sample()
	one := Table{Header: tb.Header, Rows: tb.Rows[:1]}
	two := Table{Header: tb.Header, Rows: tb.Rows[1:]}
	if err := AppendCSV(path, one); err != nil {
		t.Fatal(err)
	}
	if err := AppendCSV(path, two); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	whole, _ := CSV(tb)
	if !bytes.Equal(got, whole) {
		t.Errorf("appended file:\n%q\nwant\n%q", got, whole)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode().Perm())
	}
	other := Table{Header: []string{"Autre"}, Rows: [][]Cell{{Text("x")}}}
	if err := AppendCSV(path, other); !errors.Is(err, ErrOtherColumns) {
		t.Errorf("append with other columns: %v", err)
	}
	// A last line cut short is ended before the next row.
	os.WriteFile(path, whole[:len(whole)-2], 0o600)
	if err := AppendCSV(path, two); err != nil {
		t.Fatal(err)
	}
	if rows := readCSV(t, mustRead(t, path)); len(rows) != 4 {
		t.Errorf("after a cut line: %q", rows)
	}
}

func mustRead(t *testing.T, p string) []byte {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestXLSXReadBack(t *testing.T) {
	b, err := XLSX(sample())
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Groupe")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 3 || rows[0][0] != "Prénom" || rows[1][0] != `=HYPERLINK("x")` || rows[1][1] != "04/03/2026" || rows[1][3] != "3" {
		t.Fatalf("rows = %q", rows)
	}
	// The name is a string, never a formula.
	if fm, _ := f.GetCellFormula("Groupe", "A2"); fm != "" {
		t.Errorf("A2 holds a formula: %q", fm)
	}
	if typ, _ := f.GetCellType("Groupe", "C2"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
		t.Errorf("hours stored as text")
	}
	if v, _ := f.GetCellValue("Groupe", "C2", excelize.Options{RawCellValue: true}); v != "1.5" {
		t.Errorf("hours = %q", v)
	}
}

func TestWriteFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.csv")
	if err := WriteFile(path, []byte("a")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode().Perm())
	}
	left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".tabular-*"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
