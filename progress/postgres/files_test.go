package postgres_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"pasapas/progress/postgres"
	"pasapas/record"
)

// An erase (or a merge) done on a PC removes the learner's export files and printed
// pages from that PC's data folder, and only theirs: not another learner's,
// nor the files of this PC's own file from before the server, which may
// carry the same profile number.
func TestEraseRemovesFilesOnThisPC(t *testing.T) {
	tests := []struct {
		name  string
		erase func(s *postgres.Store, by record.MediatorID, id record.LearnerID) error
	}{
		{"Erase", func(s *postgres.Store, _ record.MediatorID, id record.LearnerID) error {
			return s.Erase(context.Background(), id)
		}},
		{"EraseLearner", func(s *postgres.Store, by record.MediatorID, id record.LearnerID) error {
			return s.EraseLearner(context.Background(), by, id, record.ActErase)
		}},
		// A merge removes the profile that goes: its files go too, since
		// a later erase of the kept profile looks only for the kept one's.
		{"MergeLearners", func(s *postgres.Store, by record.MediatorID, id record.LearnerID) error {
			keep, err := s.CreateLearner(context.Background(), "Garde", "", record.Prefs{})
			if err != nil {
				return err
			}
			return s.MergeLearners(context.Background(), by, keep.ID, id)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sch := schema(t)
			ctx := context.Background()
			dir := t.TempDir()
			s, err := postgres.Open(ctx, postgres.Options{URL: serverURL(t), Place: "Mairie", FilesDir: dir,
				Config: func(c *pgxpool.Config) { c.ConnConfig.RuntimeParams["search_path"] = sch }})
			must(t, err)
			t.Cleanup(func() { s.Close() })
			med, err := s.CreateMediator(ctx, 0, "Sophie", "4826")
			must(t, err)
			lea, err := s.CreateLearner(ctx, "Léa", "", record.Prefs{})
			must(t, err)
			marc, err := s.CreateLearner(ctx, "Marc", "", record.Prefs{})
			must(t, err)
			file := func(name string) string { return filepath.Join(dir, name) }
			must(t, s.ExportFile(ctx, lea.ID, file("export-Lea-1.json")))
			must(t, s.ExportFile(ctx, marc.ID, file("export-Marc-1.json")))
			page := fmt.Sprintf("appris-%d-Lea-20261207.html", lea.ID)
			must(t, os.WriteFile(file(page), []byte("Léa"), 0o600))
			// This PC's file, before the server, had a profile with Léa's
			// number: its export and its page stay.
			old, err := os.ReadFile(file("export-Lea-1.json"))
			must(t, err)
			var e map[string]any
			must(t, json.Unmarshal(old, &e))
			e["profil"].(map[string]any)["cree_le"] = time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
			old, err = json.Marshal(e)
			must(t, err)
			must(t, os.WriteFile(file("export-Ancien-1.json"), old, 0o600))
			oldPage := fmt.Sprintf("appris-%d-Ancien-20240102.html", lea.ID)
			must(t, os.WriteFile(file(oldPage), []byte("Ancien"), 0o600))
			then := time.Now().AddDate(-2, 0, 0)
			must(t, os.Chtimes(file(oldPage), then, then))

			must(t, tt.erase(s, med.ID, lea.ID))
			for name, want := range map[string]bool{
				"export-Lea-1.json": false, page: false,
				"export-Marc-1.json": true, "export-Ancien-1.json": true, oldPage: true,
			} {
				_, err := os.Stat(file(name))
				if there := err == nil; there != want {
					t.Errorf("%s there after the erase: %v, want %v", name, there, want)
				}
			}
		})
	}
}
