-- Schema version 2: how many answers a calibrated difficulty rests on.
-- item_stats.answers counts every answer to a question, lesson checks and
-- reviews included; the calibration uses only the answers of finished tests,
-- and the size of its next Elo step depends on how many of those it has
-- already taken in. 0 until the question is calibrated.
ALTER TABLE item_stats ADD COLUMN calibrated_n INTEGER NOT NULL DEFAULT 0 CHECK (calibrated_n >= 0);

-- A difficulty stored before this version: the answers of finished tests in
-- the log are the best count of what it rests on.
UPDATE item_stats SET calibrated_n = (
	SELECT COUNT(*) FROM answers a JOIN tests t ON t.id = a.test_id
	WHERE a.question = item_stats.question AND t.finished_at IS NOT NULL)
WHERE difficulty IS NOT NULL;
