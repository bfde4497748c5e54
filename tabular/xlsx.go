package tabular

import (
	"bytes"
	"time"

	"github.com/xuri/excelize/v2"
)

// XLSX is the table as an .xlsx workbook of one sheet: text as text (a
// text starting with = stays text: it is stored as a string, never as a
// formula), numbers as numbers, days as dates shown JJ/MM/AAAA, and the
// header in bold, frozen at the top.
func XLSX(t Table) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	sheet := t.Sheet
	if sheet == "" {
		sheet = "Feuil1"
	}
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	dateFmt, decFmt := "dd/mm/yyyy", "0.00"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return nil, err
	}
	decStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &decFmt})
	if err != nil {
		return nil, err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	name := func(col, row int) string { n, _ := excelize.CoordinatesToCellName(col, row); return n }
	for i, h := range t.Header {
		if err := f.SetCellStr(sheet, name(i+1, 1), h); err != nil {
			return nil, err
		}
	}
	if len(t.Header) > 0 {
		if err := f.SetCellStyle(sheet, name(1, 1), name(len(t.Header), 1), bold); err != nil {
			return nil, err
		}
	}
	for r, row := range t.Rows {
		for c, cell := range row {
			at := name(c+1, r+2)
			var err error
			switch cell.kind {
			case kindText:
				err = f.SetCellStr(sheet, at, cell.text)
			case kindInt:
				err = f.SetCellValue(sheet, at, int64(cell.num))
			case kindDec:
				if err = f.SetCellValue(sheet, at, cell.num); err == nil {
					err = f.SetCellStyle(sheet, at, at, decStyle)
				}
			case kindDate:
				y, m, d := cell.day.Local().Date()
				// A day, not an instant: midnight, with no time zone.
				if err = f.SetCellValue(sheet, at, excelDay(y, int(m), d)); err == nil {
					err = f.SetCellStyle(sheet, at, at, dateStyle)
				}
			}
			if err != nil {
				return nil, err
			}
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// excelDay is a day as a spreadsheet's serial number: days since
// 30/12/1899 (the 1900 system every spreadsheet reads).
func excelDay(y, m, d int) float64 {
	return float64(time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC).Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)) / (24 * time.Hour))
}
