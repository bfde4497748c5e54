-- Schema version 2 (as the progress file's): how many answers of finished
-- tests a calibrated difficulty rests on, the n of its next Elo step.
ALTER TABLE item_stats ADD COLUMN calibrated_n integer NOT NULL DEFAULT 0 CHECK (calibrated_n >= 0);
