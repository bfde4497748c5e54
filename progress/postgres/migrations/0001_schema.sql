-- Schema version 1 of the shared store, the PostgreSQL twin of the progress
-- file's version 1 (progress/migrations/0001_schema.sql), plus places.
-- Times are bigint milliseconds since the Unix epoch (UTC), as in the file.
-- Ids are identity columns: a sequence never gives an id twice, even after
-- an erase. Every row that belongs to a learner carries learner_id with ON
-- DELETE CASCADE, so erasing a learner is one DELETE on learners.

-- A place (lieu): a médiathèque, a France Services site. Each PC belongs
-- to one; learners belong to the place where they were created.
CREATE TABLE places (
	id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	name       text   NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 200),
	created_at bigint NOT NULL
);

CREATE TABLE learners (
	id               bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	place_id         bigint  NOT NULL REFERENCES places (id),
	name             text    NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	pin_hash         text,                        -- argon2id, PHC string; NULL: no PIN
	pin_failures     integer NOT NULL DEFAULT 0,  -- wrong PINs in a row
	pin_locked_until bigint  NOT NULL DEFAULT 0,  -- no PIN check before this time
	lang             text    NOT NULL DEFAULT 'fr',
	theme            text    NOT NULL DEFAULT '',
	device           text    NOT NULL DEFAULT '',
	mouse            boolean NOT NULL DEFAULT false,
	created_at       bigint  NOT NULL,
	last_seen        bigint  NOT NULL
);
CREATE INDEX learners_by_place ON learners (place_id, last_seen DESC, id);

CREATE TABLE tests (
	id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	learner_id  bigint NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
	competence  text   NOT NULL,
	seed        bigint NOT NULL,
	started_at  bigint NOT NULL,
	finished_at bigint,                      -- NULL while the test is open
	theta       double precision,
	se          double precision,
	level       integer CHECK (level BETWEEN 0 AND 4),
	stop_reason text
);
CREATE INDEX tests_by_learner ON tests (learner_id, started_at);
CREATE INDEX tests_by_competence ON tests (competence, learner_id, finished_at)
	WHERE finished_at IS NOT NULL AND level IS NOT NULL;
CREATE INDEX tests_open ON tests (learner_id) WHERE finished_at IS NULL;

-- The answer log. Append-only: a row is never changed, and goes only when
-- its learner is erased. json keeps the text as given (jsonb would not).
CREATE TABLE answers (
	id          bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	learner_id  bigint  NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
	question    text    NOT NULL,
	variant     text    NOT NULL,
	given       json    NOT NULL,
	result      text    NOT NULL CHECK (result IN ('correct', 'incorrect', 'skipped')),
	forgiven    json    NOT NULL DEFAULT '[]',
	duration_ms bigint  NOT NULL CHECK (duration_ms >= 0),
	test_id     bigint  REFERENCES tests (id) ON DELETE CASCADE,
	lesson      text,
	at          bigint  NOT NULL
);
CREATE INDEX answers_by_learner ON answers (learner_id, id);
CREATE INDEX answers_by_test ON answers (test_id, id) WHERE test_id IS NOT NULL;

CREATE FUNCTION answers_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'answers are append-only';
END $$;
CREATE TRIGGER answers_append_only BEFORE UPDATE ON answers
	FOR EACH ROW EXECUTE FUNCTION answers_append_only();

CREATE TABLE lesson_progress (
	learner_id bigint  NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
	lesson     text    NOT NULL,
	step       integer NOT NULL CHECK (step >= 0),
	furthest   integer NOT NULL CHECK (furthest >= 0),
	done       boolean NOT NULL DEFAULT false,
	device     text    NOT NULL DEFAULT '',
	started_at bigint  NOT NULL,
	updated_at bigint  NOT NULL,
	done_at    bigint,
	PRIMARY KEY (learner_id, lesson)
);

CREATE TABLE acquis_states (
	learner_id bigint           NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
	acquis     text             NOT NULL,
	mastery    double precision NOT NULL,
	answers    integer          NOT NULL DEFAULT 0,
	last_seen  bigint           NOT NULL,
	PRIMARY KEY (learner_id, acquis)
);

CREATE TABLE review_cards (
	learner_id     bigint           NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
	acquis         text             NOT NULL,
	due            bigint,
	stability      double precision NOT NULL,
	difficulty     double precision NOT NULL,
	elapsed_days   bigint           NOT NULL,
	scheduled_days bigint           NOT NULL,
	reps           bigint           NOT NULL,
	lapses         bigint           NOT NULL,
	state          smallint         NOT NULL,
	last_review    bigint,
	PRIMARY KEY (learner_id, acquis)
);
CREATE INDEX review_cards_due ON review_cards (learner_id, due);

-- Anonymous counts per question, shared by every place of the database
-- (see docs/reseau.md): they hold no learner id and stay when one is erased.
CREATE TABLE item_stats (
	question   text    PRIMARY KEY,
	answers    integer NOT NULL DEFAULT 0,
	correct    integer NOT NULL DEFAULT 0,
	difficulty double precision,             -- calibrated; NULL until calibrated
	updated_at bigint  NOT NULL
);
