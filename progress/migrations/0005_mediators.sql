-- Schema version 5: the médiateur's space.
-- Accounts of the médiateurs, each learner's consent and archive mark, the
-- journal of what médiateurs did, and the place's settings.

-- A médiateur's account: a name and a code, hashed like a learner's PIN
-- (argon2id) with the same growing wait after wrong tries.
CREATE TABLE mediators (
	id               INTEGER PRIMARY KEY AUTOINCREMENT,
	name             TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	pin_hash         TEXT    NOT NULL,
	pin_failures     INTEGER NOT NULL DEFAULT 0,
	pin_locked_until INTEGER NOT NULL DEFAULT 0,
	created_at       INTEGER NOT NULL
);

-- What the space knows of a learner beyond the profile: their own choice
-- to share their progress with the médiateurs (off until they say yes),
-- and whether a médiateur archived the profile. No row: shares nothing,
-- not archived. Goes with the learner.
CREATE TABLE learner_space (
	learner_id   INTEGER PRIMARY KEY REFERENCES learners (id) ON DELETE CASCADE,
	shares       INTEGER NOT NULL DEFAULT 0 CHECK (shares IN (0, 1)),
	shares_since INTEGER,                 -- when they said yes; NULL: they share nothing
	archived_at  INTEGER                  -- NULL: shown in « Qui êtes-vous ? »
);

-- The journal: who did what, when. It holds a profile's number, never a
-- learner's name, code or answer, so erasing a learner leaves nothing of
-- them here; the lines have no foreign key, so they outlive the profile
-- and the account they name. The médiateur's name is copied, so a line
-- stays readable after their account is removed.
CREATE TABLE mediator_actions (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	at            INTEGER NOT NULL,
	mediator_id   INTEGER NOT NULL,
	mediator_name TEXT    NOT NULL,
	kind          TEXT    NOT NULL,
	learner_id    INTEGER NOT NULL DEFAULT 0,
	other_id      INTEGER NOT NULL DEFAULT 0,
	account_id    INTEGER NOT NULL DEFAULT 0,
	value         INTEGER NOT NULL DEFAULT 0
);

-- The place's settings (the retention period, in months).
CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) WITHOUT ROWID;

-- Merging two profiles of one person moves their answers: the log stays
-- append-only in everything an answer says, and only whose it is may
-- change. The trigger now fires on every column but learner_id.
DROP TRIGGER IF EXISTS answers_append_only;
CREATE TRIGGER answers_append_only
BEFORE UPDATE OF id, question, variant, given, result, forgiven, duration_ms, test_id, lesson, at ON answers
BEGIN
	SELECT RAISE(ABORT, 'answers are append-only');
END;
