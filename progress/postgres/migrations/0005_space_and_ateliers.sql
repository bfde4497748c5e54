-- Schema version 5 of the shared store: the médiateur's space and the
-- ateliers, the PostgreSQL twin of the progress file's versions 5
-- (0005_mediators.sql) and 6 (0006_ateliers.sql). What a place owns carries
-- its place_id (accounts, journal, settings, ateliers); what a learner owns
-- carries learner_id with ON DELETE CASCADE, so it goes with the learner and
-- is scoped by the learner's place.

-- A médiateur's account belongs to one place: a name and a code, hashed like
-- a learner's PIN (argon2id), with the same growing wait after wrong tries.
CREATE TABLE mediators (
	id               bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	place_id         bigint  NOT NULL REFERENCES places (id),
	name             text    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	pin_hash         text    NOT NULL,
	pin_failures     integer NOT NULL DEFAULT 0,
	pin_locked_until bigint  NOT NULL DEFAULT 0,
	created_at       bigint  NOT NULL
);
CREATE INDEX mediators_by_place ON mediators (place_id, name, id);

-- What the space knows of a learner beyond the profile: their own choice to
-- share their progress (off until they say yes) and the archive mark. No
-- row: shares nothing, not archived. Goes with the learner.
CREATE TABLE learner_space (
	learner_id   bigint  PRIMARY KEY REFERENCES learners (id) ON DELETE CASCADE,
	shares       boolean NOT NULL DEFAULT false,
	shares_since bigint,                  -- when they said yes; NULL: they share nothing
	archived_at  bigint                   -- NULL: shown in « Qui êtes-vous ? »
);

-- The journal of a place: who did what, when. It holds a profile's number,
-- never a learner's name, code or answer, so erasing a learner leaves
-- nothing of them here; the lines have no foreign key to learners or
-- accounts, so they outlive the profile and the account they name. The
-- médiateur's name is copied, so a line stays readable after their account
-- is removed.
CREATE TABLE mediator_actions (
	id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	place_id      bigint NOT NULL REFERENCES places (id),
	at            bigint NOT NULL,
	mediator_id   bigint NOT NULL,
	mediator_name text   NOT NULL,
	kind          text   NOT NULL,
	learner_id    bigint NOT NULL DEFAULT 0,
	other_id      bigint NOT NULL DEFAULT 0,
	account_id    bigint NOT NULL DEFAULT 0,
	value         bigint NOT NULL DEFAULT 0
);
CREATE INDEX mediator_actions_by_place ON mediator_actions (place_id, id DESC);
CREATE INDEX mediator_actions_by_learner ON mediator_actions (learner_id) WHERE learner_id <> 0;

-- Each place's settings (the retention period, in months): retention is
-- chosen per place.
CREATE TABLE settings (
	place_id bigint NOT NULL REFERENCES places (id),
	key      text   NOT NULL,
	value    text   NOT NULL,
	PRIMARY KEY (place_id, key)
);

-- Merging two profiles of one person moves their answers: the log stays
-- append-only in everything an answer says, and only whose it is may change
-- (as in the progress file's version 5). A trigger with a column list fires
-- when any of those columns is set, whatever its value.
DROP TRIGGER answers_append_only ON answers;
CREATE TRIGGER answers_append_only
	BEFORE UPDATE OF id, question, variant, given, result, forgiven, duration_ms, test_id, lesson, at ON answers
	FOR EACH ROW EXECUTE FUNCTION answers_append_only();

-- An atelier opened by a médiateur of a place: what its file said at the
-- opening (so every PC of the place reads the same parcours), its code, and
-- when it opened and closed. Lists are JSON arrays of texts.
CREATE TABLE atelier_runs (
	id           bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	place_id     bigint  NOT NULL REFERENCES places (id),
	atelier      text    NOT NULL,
	title        text    NOT NULL,
	code         text    NOT NULL,
	level        text    NOT NULL DEFAULT '',
	thematiques  text    NOT NULL DEFAULT '[]',
	parcours     text    NOT NULL DEFAULT '[]',
	positioning  text    NOT NULL DEFAULT '[]',
	idle_minutes integer NOT NULL DEFAULT 0,
	opened_by    bigint  NOT NULL,
	opened_at    bigint  NOT NULL,
	closed_at    bigint             -- NULL: open (until RunHours after opened_at)
);
CREATE INDEX atelier_runs_by_place ON atelier_runs (place_id, opened_at DESC, id DESC);
CREATE INDEX atelier_runs_code ON atelier_runs (place_id, code);

-- Who joined an opening, and their consent to be seen during it. Goes with
-- the learner (and with the run).
CREATE TABLE atelier_members (
	run_id     bigint  NOT NULL REFERENCES atelier_runs (id) ON DELETE CASCADE,
	learner_id bigint  NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
	joined_at  bigint  NOT NULL,
	consent    boolean NOT NULL DEFAULT false,
	PRIMARY KEY (run_id, learner_id)
);
CREATE INDEX atelier_members_learner ON atelier_members (learner_id);

-- A learner asking for the médiateur now. Goes with the learner.
CREATE TABLE calls (
	learner_id bigint PRIMARY KEY REFERENCES learners (id) ON DELETE CASCADE,
	since      bigint NOT NULL
);

-- A learner's time at a PC of the place: sign-in to « Terminer ma séance »
-- or the idle lock. ended_at NULL: lasting, or never ended (counts
-- nothing). run_id 0: outside an atelier. Goes with the learner.
CREATE TABLE visits (
	id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	learner_id bigint NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
	started_at bigint NOT NULL,
	ended_at   bigint,
	place      text   NOT NULL DEFAULT '',
	run_id     bigint NOT NULL DEFAULT 0
);
CREATE INDEX visits_learner ON visits (learner_id, started_at);
CREATE INDEX visits_open ON visits (learner_id) WHERE ended_at IS NULL;

-- A médiateur's private notes about a learner: in the learner's export,
-- erased with them. The médiateur's name is copied, as in the journal.
CREATE TABLE mediator_notes (
	id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	learner_id    bigint NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
	mediator_id   bigint NOT NULL,
	mediator_name text   NOT NULL,
	at            bigint NOT NULL,
	text          text   NOT NULL CHECK (length(text) BETWEEN 1 AND 2000)
);
CREATE INDEX mediator_notes_learner ON mediator_notes (learner_id, at, id);
