package learning

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pasapas/record"
)

// exportOnly is a store that only takes exports: the rest of the port is
// never called by Export.
type exportOnly struct {
	Store
	path string
}

func (e *exportOnly) ExportFile(_ context.Context, _ record.LearnerID, path string) error {
	e.path = path
	return nil
}

// TestExportPathKeepsLetters: the export's file name folds the learner's
// name to plain letters and digits, in the export folder, stamped with the
// time.
func TestExportPathKeepsLetters(t *testing.T) {
	st := &exportOnly{}
	at := time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC)
	app := New(st, Options{Now: func() time.Time { return at }, ExportDir: "/pc"})
	got, err := app.Export(context.Background(), record.Learner{ID: 1, Name: "Hélène Ça-va"})
	if err != nil || got != st.path || got != filepath.Join("/pc", "export-Helene-Ca-va-20261122-093000.json") {
		t.Errorf("Export = %q, %v (store wrote %q)", got, err, st.path)
	}
	if _, err := New(st, Options{}).Export(context.Background(), record.Learner{ID: 1, Name: "A"}); err == nil || !strings.Contains(err.Error(), "no folder") {
		t.Errorf("Export without a folder = %v, want ErrNoExport", err)
	}
}
