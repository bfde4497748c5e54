package progress

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"pasapas/record"
	"path/filepath"
	"strings"
	"time"
)

// Erase deletes a learner and everything of theirs (RGPD right to erasure):
// one DELETE that cascades to every table holding a learner_id. In the same
// transaction, the anonymous per-question counts (item_stats) the learner
// answered take the erase's time as their last update, so they keep no
// time of theirs. Then, so that nothing of them stays on this PC either:
//   - secure_delete (set on every connection) has zeroed the deleted rows;
//   - the export files of theirs next to the progress file (export-*.json,
//     and a .export-*.tmp a crash left) are removed;
//   - VACUUM rebuilds the file without free pages;
//   - a TRUNCATE checkpoint empties the journal (-wal), which still held
//     copies of their pages.
//
// The learner is gone once the DELETE commits. If the rest could not be
// done (another window reading holds the journal, a full disk, an export
// file that cannot be removed), the error is an *EraseError saying what is
// left: errors.Is(err, ErrNotCompacted) when the file or its journal may
// still hold copies until every window of Pas à pas is closed.
func (s *Store) Erase(ctx context.Context, id LearnerID) error {
	now := ms(s.now())
	err := s.write(ctx, "erasing learner", func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `UPDATE item_stats SET updated_at = ?
			WHERE question IN (SELECT question FROM answers WHERE learner_id = ?)`, now, id); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, "DELETE FROM learners WHERE id = ?", id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return fmt.Errorf("learner %d: %w", id, ErrLearnerGone)
		}
		s.fault("erase")
		return nil
	})
	if err != nil {
		return err
	}
	return s.afterErase(ctx, id, "erasing learner")
}

// afterErase finishes the removal of a profile's rows (an erase, or the
// profile a merge dropped): its files go — exports and the printed pages
// that bear its number — then the file is compacted so nothing of it
// stays in free pages or the journal. What could not be done is an
// *EraseError, logged under what.
func (s *Store) afterErase(ctx context.Context, id LearnerID, what string) error {
	e := &EraseError{}
	e.FilesLeft, e.Cause = s.removeExports(id)
	if cerr := s.compact(ctx); cerr != nil {
		e.NotCompacted = true
		e.Cause = errors.Join(e.Cause, cerr)
	}
	if len(e.FilesLeft) > 0 || e.NotCompacted {
		s.logError("erasing learner", e.Cause)
		return e
	}
	return nil
}

// compact rebuilds the file and empties the journal. The checkpoint waits
// for readers a short while only (checkpointWait): it blocks every writer
// while it waits, and a reader that stays (another window, a copy being
// made) is better reported than waited for.
func (s *Store) compact(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, "VACUUM"); err != nil {
		return fmt.Errorf("progress: compacting after erase: %w", err)
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("progress: emptying journal after erase: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", s.checkpointWait.Milliseconds())); err != nil {
		return fmt.Errorf("progress: emptying journal after erase: %w", err)
	}
	defer conn.ExecContext(context.Background(), fmt.Sprintf("PRAGMA busy_timeout = %d", s.busyTimeout.Milliseconds()))
	var busy, logFrames, done int
	if err := conn.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logFrames, &done); err != nil {
		return fmt.Errorf("progress: emptying journal after erase: %w", err)
	}
	if busy != 0 {
		return fmt.Errorf("progress: emptying journal after erase: %w", errCheckpointBusy)
	}
	return nil
}

// errCheckpointBusy: another connection still reads pages the journal
// holds, so it could not be emptied.
var errCheckpointBusy = errors.New("journal in use by another reader (wal_checkpoint busy)")

// EraseError says what an Erase could not finish. The learner is erased
// from the file all the same.
type EraseError struct {
	// NotCompacted: the file or its journal may still hold copies of the
	// learner's pages, until every window of Pas à pas is closed.
	NotCompacted bool
	// FilesLeft are export files of the learner that could not be removed.
	FilesLeft []string
	// Cause is what went wrong, for a log.
	Cause error
}

func (e *EraseError) Error() string {
	var parts []string
	if e.NotCompacted {
		parts = append(parts, ErrNotCompacted.Error())
	}
	if len(e.FilesLeft) > 0 {
		parts = append(parts, fmt.Sprintf("%d export file(s) left", len(e.FilesLeft)))
	}
	return fmt.Sprintf("progress: erased, but %s: %v", strings.Join(parts, "; "), e.Cause)
}

// Is makes errors.Is(err, record.ErrErasedPartly) true, and
// errors.Is(err, ErrNotCompacted) when the file was not compacted.
func (e *EraseError) Is(target error) bool {
	return target == record.ErrErasedPartly || target == ErrNotCompacted && e.NotCompacted
}

// Unwrap gives the cause.
func (e *EraseError) Unwrap() error { return e.Cause }

// exportOwner reads whose export a file is: the "profil" "id" of an export
// file, even one cut short by a crash, and the profile's creation time
// ("cree_le"). ok is false for anything else.
func exportOwner(r io.Reader) (id LearnerID, created time.Time, ok bool) {
	dec := json.NewDecoder(io.LimitReader(r, 1<<20))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return 0, time.Time{}, false
	}
	format := false
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return 0, time.Time{}, false
		}
		key, _ := t.(string)
		switch key {
		case "format":
			var f string
			if dec.Decode(&f) != nil {
				return 0, time.Time{}, false
			}
			format = f == ExportFormat
		case "profil":
			var p struct {
				ID      *LearnerID `json:"id"`
				Created time.Time  `json:"cree_le"`
			}
			if dec.Decode(&p) != nil || p.ID == nil || !format {
				return 0, time.Time{}, false
			}
			return *p.ID, p.Created, true
		default:
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return 0, time.Time{}, false
			}
		}
	}
	return 0, time.Time{}, false
}

// isExportName says whether a file name is one of an export: export-*.json,
// or the temporary file writeFileAtomic makes for one (.export-*.tmp).
func isExportName(name string) bool {
	return strings.HasPrefix(name, "export-") && strings.HasSuffix(name, ".json") ||
		strings.HasPrefix(name, ".export-") && strings.HasSuffix(name, ".tmp")
}

// isLearnedPage says whether a file name is a printed page of the profile
// id: « Ce que j'ai appris aujourd'hui », appris-ID-NAME-DATE.html (tutor's
// learned.go), or an attestation, attestation-ID-NAME-DATE.html (fiche's
// AttestationPath). Ids are never given twice, so the number is the
// person's.
func isLearnedPage(name string, id LearnerID) bool {
	return (strings.HasPrefix(name, fmt.Sprintf("appris-%d-", id)) || strings.HasPrefix(name, fmt.Sprintf("attestation-%d-", id))) &&
		strings.HasSuffix(name, ".html")
}

// youngEnough: with created set, a page written more than a day before the
// profile was created is another profile's (the same number, given by
// another store).
func youngEnough(e os.DirEntry, created time.Time) bool {
	if created.IsZero() {
		return true
	}
	info, err := e.Info()
	return err == nil && info.ModTime().After(created.Add(-24*time.Hour))
}

// staleTemp is how old an export's temporary file must be to be left over
// from a crash rather than being written now by another window.
const staleTemp = 10 * time.Minute

// removeExports removes the learner's export files and printed pages from
// the progress file's folder.
func (s *Store) removeExports(id LearnerID) (left []string, err error) {
	return removeLearnerFiles(filepath.Dir(s.path), Learner{ID: id}, s.now())
}

// RemoveLearnerFiles removes a learner's export files and printed « Ce que
// j'ai appris » pages from dir, a PC's data folder, for a store that keeps
// its data elsewhere (the shared store erases on the server, then here).
// Ids there were given by the server, and the folder may still hold files
// of this PC's own file from before, with the same numbers: so an export
// must also have l's creation time, and a page must not be older than l
// (a day's margin for the clocks of the PC and the server).
func RemoveLearnerFiles(dir string, l record.Learner, now time.Time) (left []string, err error) {
	return removeLearnerFiles(dir, l, now)
}

// removeLearnerFiles removes the learner's export files from dir, found by
// what they hold (the learner's id), not by their name: two learners may
// share a first name; with l.CreatedAt set, the export's creation time too.
// A temporary file too short to say whose it is holds no answer; it is
// removed once stale. It returns the files it could not remove.
func removeLearnerFiles(dir string, l record.Learner, now time.Time) (left []string, err error) {
	id := l.ID
	entries, err := os.ReadDir(dir)
	if err != nil {
		// Whether exports are there cannot be known: say where to look.
		return []string{filepath.Join(dir, "export-*.json")}, fmt.Errorf("progress: looking for export files: %w", err)
	}
	var errs []error
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		p := filepath.Join(dir, e.Name())
		// A printed « Ce que j'ai appris aujourd'hui » page or an
		// attestation holds the learner's name: its file name carries the
		// profile's number.
		if isLearnedPage(e.Name(), id) && youngEnough(e, l.CreatedAt) {
			if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
				left = append(left, p)
				errs = append(errs, err)
			}
			continue
		}
		if !isExportName(e.Name()) {
			continue
		}
		f, err := os.Open(p)
		if err != nil {
			continue // not ours to read: not ours to remove
		}
		owner, created, ok := exportOwner(f)
		f.Close()
		mine := ok && owner == id && (l.CreatedAt.IsZero() || created.UnixMilli() == l.CreatedAt.UnixMilli())
		if !ok && strings.HasSuffix(p, ".tmp") {
			if info, err := e.Info(); err == nil && now.Sub(info.ModTime()) > staleTemp {
				mine = true
			}
		}
		if !mine {
			continue
		}
		if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
			left = append(left, p)
			errs = append(errs, fmt.Errorf("progress: removing export: %w", err))
		}
	}
	return left, errors.Join(errs...)
}
