// Package tabular writes tables for spreadsheets: a CSV that French
// LibreOffice and Excel open as it is (UTF-8 with a byte order mark, « ; »
// between cells, decimal commas, dates JJ/MM/AAAA), and an .xlsx workbook.
//
// The médiateur's exports (a group's results, the bilans d'atelier) go
// through it, so the rules that keep a file safe to open live in one place:
// a text cell that a spreadsheet would take for a formula (starting with
// =, +, -, @, a tab or a carriage return: OWASP's CSV injection list) is
// written with a leading apostrophe, and nothing in a file depends on the
// time it was written, so the same data gives the same bytes.
package tabular

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// kind says how a cell is written.
type kind int

const (
	kindText kind = iota
	kindInt
	kindDec
	kindDate
)

// Cell is one value of a table: text, a whole number, a decimal number
// or a day.
type Cell struct {
	kind kind
	text string
	num  float64
	prec int
	day  time.Time
}

// Text is a text cell.
func Text(s string) Cell { return Cell{kind: kindText, text: s} }

// Int is a whole number.
func Int(n int) Cell { return Cell{kind: kindInt, num: float64(n)} }

// Dec is a decimal number written with prec digits after the comma.
func Dec(f float64, prec int) Cell { return Cell{kind: kindDec, num: f, prec: prec} }

// Date is a day (its local date); the zero time is an empty cell.
func Date(t time.Time) Cell {
	if t.IsZero() {
		return Text("")
	}
	return Cell{kind: kindDate, day: t}
}

// Table is a header line and rows of cells. Sheet names the workbook's
// sheet (.xlsx only).
type Table struct {
	Sheet  string
	Header []string
	Rows   [][]Cell
}

// bom is UTF-8's byte order mark: without it, Excel reads the file in the
// PC's old code page and the accents come out wrong.
const bom = "\ufeff"

// Safe neutralises a text that a spreadsheet would run as a formula: it
// gets a leading apostrophe, which spreadsheets show as text.
func Safe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// String is the cell as the CSV writes it.
func (c Cell) String() string {
	switch c.kind {
	case kindInt:
		return strconv.FormatInt(int64(c.num), 10)
	case kindDec:
		return strings.Replace(strconv.FormatFloat(c.num, 'f', c.prec, 64), ".", ",", 1)
	case kindDate:
		return c.day.Local().Format("02/01/2006")
	}
	return Safe(c.text)
}

// WriteCSV writes the table with its header.
func WriteCSV(w io.Writer, t Table) error {
	if _, err := io.WriteString(w, bom); err != nil {
		return err
	}
	cw := newCSV(w)
	head := make([]string, len(t.Header))
	for i, h := range t.Header {
		head[i] = Safe(h)
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	return writeRows(cw, t.Rows)
}

func newCSV(w io.Writer) *csv.Writer {
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	cw.UseCRLF = true // what Excel writes, and what it reads best
	return cw
}

func writeRows(cw *csv.Writer, rows [][]Cell) error {
	for _, r := range rows {
		line := make([]string, len(r))
		for i, c := range r {
			line[i] = c.String()
		}
		if err := cw.Write(line); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// CSV is the table's CSV bytes.
func CSV(t Table) ([]byte, error) {
	var b bytes.Buffer
	err := WriteCSV(&b, t)
	return b.Bytes(), err
}

// ErrOtherColumns: the file to append to has another header line.
var ErrOtherColumns = errors.New("tabular: the file has other columns")

// AppendCSV adds the table's rows at the end of a CSV file, private to
// the user (0600). A missing or empty file is started with the byte order
// mark and the header; a file whose header is not this one is left alone
// (ErrOtherColumns), so two kinds of rows never mix.
func AppendCSV(path string, t Table) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if fi.Size() == 0 {
		if err := WriteCSV(f, t); err != nil {
			return err
		}
		return f.Sync()
	}
	var head bytes.Buffer
	if err := WriteCSV(&head, Table{Header: t.Header}); err != nil {
		return err
	}
	got := make([]byte, head.Len())
	if _, err := io.ReadFull(f, got); err != nil || !bytes.Equal(got, head.Bytes()) {
		return fmt.Errorf("%s: %w", path, ErrOtherColumns)
	}
	// A file whose last line was cut (a power cut) gets its line end, so
	// the new row starts on its own line.
	if _, err := f.Seek(-1, io.SeekEnd); err != nil {
		return err
	}
	last := make([]byte, 1)
	if _, err := f.Read(last); err != nil {
		return err
	}
	if last[0] != '\n' {
		if _, err := f.WriteString("\r\n"); err != nil {
			return err
		}
	}
	if err := writeRows(newCSV(f), t.Rows); err != nil {
		return err
	}
	return f.Sync()
}

// WriteFile writes data to path through a temporary file in the same
// folder, private to the user (0600): a reader never sees half a file.
func WriteFile(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tabular-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
