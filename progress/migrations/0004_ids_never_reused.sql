-- pasapas: foreign_keys off
-- Schema version 4: ids are never reused, and the CHECK of version 3 reads
-- the same in every SQLite.
--
-- learners and tests used INTEGER PRIMARY KEY alone, so SQLite gave a new
-- row max(id) + 1: once the newest learner was erased, the next one got
-- their id, and a window still open on the erased learner read and wrote
-- the newcomer's data. AUTOINCREMENT never gives an id twice (SQLite keeps
-- the largest one in sqlite_sequence). An id erased before this version
-- cannot be known and may be given once more; never after.
--
-- tests.difficulties had CHECK (json_valid(difficulties)). Before SQLite
-- 3.45 json_valid(NULL) is 0, not NULL, so Debian 12's sqlite3 (3.40) found
-- every open test in breach (integrity_check) and a ".dump | sqlite3"
-- rebuild dropped them. NULL is now allowed in so many words.
--
-- SQLite cannot change a column or a constraint in place: each table is
-- rebuilt (the documented 12 steps), with foreign keys off for this
-- migration only (the first line asks for it), so that dropping the old
-- table deletes nothing through ON DELETE CASCADE. The program checks
-- foreign keys before committing.

DROP TRIGGER answers_test_consistent;

CREATE TABLE learners_v4 (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	name         TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	pin_hash     TEXT,
	pin_failures INTEGER NOT NULL DEFAULT 0,
	pin_locked_until INTEGER NOT NULL DEFAULT 0,
	lang         TEXT    NOT NULL DEFAULT 'fr',
	theme        TEXT    NOT NULL DEFAULT '',
	device       TEXT    NOT NULL DEFAULT '',
	mouse        INTEGER NOT NULL DEFAULT 0 CHECK (mouse IN (0, 1)),
	created_at   INTEGER NOT NULL,
	last_seen    INTEGER NOT NULL
);
INSERT INTO learners_v4 (id, name, pin_hash, pin_failures, pin_locked_until, lang, theme, device, mouse,
	created_at, last_seen)
	SELECT id, name, pin_hash, pin_failures, pin_locked_until, lang, theme, device, mouse,
	created_at, last_seen FROM learners;
DROP TABLE learners;
ALTER TABLE learners_v4 RENAME TO learners;

CREATE TABLE tests_v4 (
	id          INTEGER PRIMARY KEY AUTOINCREMENT,
	learner_id  INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
	competence  TEXT    NOT NULL,
	seed        INTEGER NOT NULL,
	started_at  INTEGER NOT NULL,
	finished_at INTEGER,
	theta       REAL,
	se          REAL,
	level       INTEGER CHECK (level BETWEEN 0 AND 4),
	stop_reason TEXT,
	difficulties TEXT CHECK (difficulties IS NULL OR json_valid(difficulties))
);
INSERT INTO tests_v4 (id, learner_id, competence, seed, started_at, finished_at, theta, se, level,
	stop_reason, difficulties)
	SELECT id, learner_id, competence, seed, started_at, finished_at, theta, se, level,
	stop_reason, difficulties FROM tests;
DROP TABLE tests;
ALTER TABLE tests_v4 RENAME TO tests;
CREATE INDEX tests_by_learner ON tests (learner_id, started_at);
CREATE INDEX tests_by_competence ON tests (competence, learner_id, finished_at, level, theta, se)
	WHERE finished_at IS NOT NULL AND level IS NOT NULL;
CREATE INDEX tests_open ON tests (learner_id) WHERE finished_at IS NULL;

-- The trigger of version 1, as it was.
CREATE TRIGGER answers_test_consistent BEFORE INSERT ON answers
WHEN NEW.test_id IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'test belongs to another learner')
	WHERE (SELECT learner_id FROM tests WHERE id = NEW.test_id) IS NOT NEW.learner_id;
	SELECT RAISE(ABORT, 'test is finished')
	WHERE (SELECT finished_at FROM tests WHERE id = NEW.test_id) IS NOT NULL;
END;
