package learning

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"pasapas/fold"
	"pasapas/record"
)

// Service runs the use cases over one store. It holds no learner: every
// call says whose data it is about.
type Service struct {
	store     Store
	now       func() time.Time
	exportDir string
	noPolling bool
}

// Options tune a Service.
type Options struct {
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// ExportDir is where a learner's export is written (next to the
	// progress file); "" means exports are not offered.
	ExportDir string
	// NoPolling is for tests only: nothing but the store's notifications
	// refreshes the group view (see Service.Refresher).
	NoPolling bool
}

// New returns the use cases over store.
func New(store Store, o Options) *Service {
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Service{store: store, now: o.Now, exportDir: o.ExportDir, noPolling: o.NoPolling}
}

// Learners lists the profiles, with no result.
func (s *Service) Learners(ctx context.Context) ([]record.LearnerSummary, error) {
	return s.store.Learners(ctx)
}

// CreateLearner adds a profile; pin "" means none.
func (s *Service) CreateLearner(ctx context.Context, name, pin string, p record.Prefs) (record.Learner, error) {
	return s.store.CreateLearner(ctx, name, pin, p)
}

// CheckPIN checks a learner's code: nil, or a *record.PINError that says
// how long to wait.
func (s *Service) CheckPIN(ctx context.Context, id record.LearnerID, pin string) error {
	return s.store.CheckPIN(ctx, id, pin)
}

// SignIn opens a learner's session: marks them here and loads their state.
func (s *Service) SignIn(ctx context.Context, id record.LearnerID) (*record.State, error) {
	if err := s.store.Seen(ctx, id); err != nil {
		return nil, err
	}
	return withoutEmptyTests(s.store.LoadState(ctx, id))
}

// State reloads a learner's state. Open tests with no answer are left out.
func (s *Service) State(ctx context.Context, id record.LearnerID) (*record.State, error) {
	return withoutEmptyTests(s.store.LoadState(ctx, id))
}

// SetPrefs keeps a learner's settings for next time.
func (s *Service) SetPrefs(ctx context.Context, id record.LearnerID, p record.Prefs) error {
	return s.store.SetPrefs(ctx, id, p)
}

// SaveLessonStep keeps where a learner is in a lesson.
func (s *Service) SaveLessonStep(ctx context.Context, id record.LearnerID, st record.LessonStep) error {
	return s.store.SaveLessonStep(ctx, id, st)
}

// Erase removes a learner and everything about them (RGPD: the right to
// erasure).
func (s *Service) Erase(ctx context.Context, id record.LearnerID) error {
	return s.store.Erase(ctx, id)
}

// ErrNoExport: this service offers no export (a preview has no folder).
var ErrNoExport = explain(fmt.Errorf("learning: no folder for exports: %w", record.ErrInvalid), "err_no_export")

// Export writes everything about a learner to a JSON file in the export
// folder (RGPD: the right to take one's data away) and returns its path.
// The name in the file name is folded to plain letters and digits.
func (s *Service) Export(ctx context.Context, l record.Learner) (string, error) {
	if s.exportDir == "" {
		return "", ErrNoExport
	}
	path := filepath.Join(s.exportDir, "export-"+fold.FileWord(l.Name)+"-"+s.now().Format("20060102-150405")+".json")
	return path, s.store.ExportFile(ctx, l.ID, path)
}

// ItemStats are the questions' counts and calibration, naming no learner.
func (s *Service) ItemStats(ctx context.Context) (map[string]record.ItemStat, error) {
	return s.store.ItemStats(ctx)
}

// ResultsByCompetence are the results as stored: each learner's latest
// finished test per competence (a positioning under record.Positioning,
// with the mean of its levels). Standings is what a person is shown.
func (s *Service) ResultsByCompetence(ctx context.Context) ([]record.CompetenceResults, error) {
	return s.store.ResultsByCompetence(ctx)
}
