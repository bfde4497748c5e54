-- Schema version 4 (as the progress file's). There, version 4 made learner
-- and test ids never reused and fixed a JSON check for old sqlite3 tools;
-- here identity columns never reuse an id and json needs no check, so the
-- version adds only what both stores now keep: a test takes one answer per
-- question (the same test resumed in two windows records nothing twice).
CREATE UNIQUE INDEX answers_one_per_test_question ON answers (test_id, question)
	WHERE test_id IS NOT NULL;
