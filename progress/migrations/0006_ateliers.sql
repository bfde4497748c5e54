-- Schema version 6: ateliers, visits, calls and notes (the médiateur's
-- space, second half).

-- An atelier opened by a médiateur: what its file said at the opening (so
-- every PC of the place reads the same parcours), its code, and when it
-- opened and closed. Lists are JSON arrays of texts.
CREATE TABLE atelier_runs (
	id           INTEGER PRIMARY KEY AUTOINCREMENT,
	atelier      TEXT    NOT NULL,
	title        TEXT    NOT NULL,
	code         TEXT    NOT NULL,
	level        TEXT    NOT NULL DEFAULT '',
	thematiques  TEXT    NOT NULL DEFAULT '[]',
	parcours     TEXT    NOT NULL DEFAULT '[]',
	positioning  TEXT    NOT NULL DEFAULT '[]',
	idle_minutes INTEGER NOT NULL DEFAULT 0,
	opened_by    INTEGER NOT NULL,
	opened_at    INTEGER NOT NULL,
	closed_at    INTEGER            -- NULL: open (until RunHours after opened_at)
);
CREATE INDEX atelier_runs_code ON atelier_runs (code);

-- Who joined an opening, and their consent to be seen during it. Goes with
-- the learner.
CREATE TABLE atelier_members (
	run_id     INTEGER NOT NULL REFERENCES atelier_runs (id) ON DELETE CASCADE,
	learner_id INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
	joined_at  INTEGER NOT NULL,
	consent    INTEGER NOT NULL DEFAULT 0 CHECK (consent IN (0, 1)),
	PRIMARY KEY (run_id, learner_id)
) WITHOUT ROWID;
CREATE INDEX atelier_members_learner ON atelier_members (learner_id);

-- A learner asking for the médiateur now. Goes with the learner.
CREATE TABLE calls (
	learner_id INTEGER PRIMARY KEY REFERENCES learners (id) ON DELETE CASCADE,
	since      INTEGER NOT NULL
);

-- A learner's time at a PC of the place: sign-in to « Terminer ma séance »
-- or the idle lock. ended_at NULL: lasting, or never ended (counts
-- nothing). Goes with the learner.
CREATE TABLE visits (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	learner_id INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
	started_at INTEGER NOT NULL,
	ended_at   INTEGER,
	place      TEXT    NOT NULL DEFAULT '',
	run_id     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX visits_learner ON visits (learner_id, started_at);

-- A médiateur's private notes about a learner: in the learner's export,
-- erased with them. The médiateur's name is copied, as in the journal.
CREATE TABLE mediator_notes (
	id            INTEGER PRIMARY KEY AUTOINCREMENT,
	learner_id    INTEGER NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
	mediator_id   INTEGER NOT NULL,
	mediator_name TEXT    NOT NULL,
	at            INTEGER NOT NULL,
	text          TEXT    NOT NULL CHECK (length(text) BETWEEN 1 AND 2000)
);
CREATE INDEX mediator_notes_learner ON mediator_notes (learner_id);
