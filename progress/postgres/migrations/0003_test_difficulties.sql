-- Schema version 3 (as the progress file's): the item parameters a finished
-- test used, question id → {"b": difficulty, "a": discrimination}, so its
-- result can be replayed unchanged by later calibrations. json keeps the
-- numbers' text exactly (jsonb would turn -0 into 0). NULL: none.
ALTER TABLE tests ADD COLUMN difficulties json;
