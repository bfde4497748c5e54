-- Schema version 6 (the progress file's version 7): the correlation between
-- competences a positioning started with (scoring.EstimateRho over this
-- place's latest one-competence results), kept so that it resumes and is
-- replayed with that value, never a later estimate. NULL: a test of one
-- competence, or a positioning started before this version (then
-- scoring.DefaultRho).
ALTER TABLE tests ADD COLUMN rho double precision CHECK (rho IS NULL OR (rho > 0 AND rho < 1));
