-- Schema version 1 of the progress file.
-- Times are INTEGER milliseconds since the Unix epoch (UTC).
-- Every row that belongs to a learner carries learner_id with ON DELETE
-- CASCADE, so erasing a learner (RGPD) is one DELETE on learners.

-- Identifies the file as Pas à pas's ("PASP"), so a foreign SQLite file
-- found at the same path is never migrated.
PRAGMA application_id = 1346458448;

CREATE TABLE learners (
	id           INTEGER PRIMARY KEY,
	name         TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	pin_hash     TEXT,                        -- argon2id, PHC string; NULL: no PIN
	pin_failures INTEGER NOT NULL DEFAULT 0,  -- wrong PINs in a row
	pin_locked_until INTEGER NOT NULL DEFAULT 0, -- no PIN check before this time
	lang         TEXT    NOT NULL DEFAULT 'fr',
	theme        TEXT    NOT NULL DEFAULT '',
	device       TEXT    NOT NULL DEFAULT '',
	mouse        INTEGER NOT NULL DEFAULT 0 CHECK (mouse IN (0, 1)),
	created_at   INTEGER NOT NULL,
	last_seen    INTEGER NOT NULL
);

-- A test: the positioning test or one competence's adaptive test.
CREATE TABLE tests (
	id          INTEGER PRIMARY KEY,
	learner_id  INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
	competence  TEXT    NOT NULL,
	seed        INTEGER NOT NULL,
	started_at  INTEGER NOT NULL,
	finished_at INTEGER,                     -- NULL while the test is open
	theta       REAL,
	se          REAL,
	level       INTEGER CHECK (level BETWEEN 0 AND 4),
	stop_reason TEXT
);
CREATE INDEX tests_by_learner ON tests (learner_id, started_at);
-- Covers the médiateur's results query: finished tests with a level, in
-- (competence, learner, finish) order, with the result columns, so the query
-- reads this index alone.
CREATE INDEX tests_by_competence ON tests (competence, learner_id, finished_at, level, theta, se)
	WHERE finished_at IS NOT NULL AND level IS NOT NULL;
CREATE INDEX tests_open ON tests (learner_id) WHERE finished_at IS NULL;

-- The answer log. Append-only, like Pix's knowledge elements: current state is
-- derived from it, and a row is never changed. Rows go only when their learner
-- is erased.
CREATE TABLE answers (
	id          INTEGER PRIMARY KEY,
	learner_id  INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
	question    TEXT    NOT NULL,            -- id of the question shown
	variant     TEXT    NOT NULL,            -- its variant group (the original question id)
	given       TEXT    NOT NULL CHECK (json_valid(given)),
	result      TEXT    NOT NULL CHECK (result IN ('correct', 'incorrect', 'skipped')),
	forgiven    TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(forgiven)),
	duration_ms INTEGER NOT NULL CHECK (duration_ms >= 0),
	test_id     INTEGER REFERENCES tests (id) ON DELETE CASCADE,
	lesson      TEXT,
	at          INTEGER NOT NULL
);
CREATE INDEX answers_by_learner ON answers (learner_id, id);
CREATE INDEX answers_by_test ON answers (test_id, id) WHERE test_id IS NOT NULL;

CREATE TRIGGER answers_append_only BEFORE UPDATE ON answers
BEGIN
	SELECT RAISE(ABORT, 'answers are append-only');
END;

-- An answer to a test belongs to that test's learner, and a finished test
-- takes no more answers: a resumed test must not mix two people.
CREATE TRIGGER answers_test_consistent BEFORE INSERT ON answers
WHEN NEW.test_id IS NOT NULL
BEGIN
	SELECT RAISE(ABORT, 'test belongs to another learner')
	WHERE (SELECT learner_id FROM tests WHERE id = NEW.test_id) IS NOT NEW.learner_id;
	SELECT RAISE(ABORT, 'test is finished')
	WHERE (SELECT finished_at FROM tests WHERE id = NEW.test_id) IS NOT NULL;
END;

CREATE TABLE lesson_progress (
	learner_id INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
	lesson     TEXT    NOT NULL,
	step       INTEGER NOT NULL CHECK (step >= 0), -- where to resume
	furthest   INTEGER NOT NULL CHECK (furthest >= 0), -- furthest step reached
	done       INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
	device     TEXT    NOT NULL DEFAULT '',
	started_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL,
	done_at    INTEGER,
	PRIMARY KEY (learner_id, lesson)
) WITHOUT ROWID;

-- Per-skill mastery, derived from the answers by the scoring package.
CREATE TABLE acquis_states (
	learner_id INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
	acquis     TEXT    NOT NULL,
	mastery    REAL    NOT NULL,
	answers    INTEGER NOT NULL DEFAULT 0,
	last_seen  INTEGER NOT NULL,
	PRIMARY KEY (learner_id, acquis)
) WITHOUT ROWID;

-- FSRS review cards, one per learner and skill (the fields of go-fsrs's Card).
CREATE TABLE review_cards (
	learner_id     INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
	acquis         TEXT    NOT NULL,
	due            INTEGER,
	stability      REAL    NOT NULL,
	difficulty     REAL    NOT NULL,
	elapsed_days   INTEGER NOT NULL,
	scheduled_days INTEGER NOT NULL,
	reps           INTEGER NOT NULL,
	lapses         INTEGER NOT NULL,
	state          INTEGER NOT NULL,
	last_review    INTEGER,
	PRIMARY KEY (learner_id, acquis)
) WITHOUT ROWID;
CREATE INDEX review_cards_due ON review_cards (learner_id, due);

-- Anonymous counts per question, for calibrating difficulties. They hold no
-- learner id, so they stay when a learner is erased.
CREATE TABLE item_stats (
	question   TEXT    PRIMARY KEY,
	answers    INTEGER NOT NULL DEFAULT 0,
	correct    INTEGER NOT NULL DEFAULT 0,
	difficulty REAL,                         -- calibrated; NULL until calibrated
	updated_at INTEGER NOT NULL
) WITHOUT ROWID;
