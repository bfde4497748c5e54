// Package postgres is the store of Pas à pas on a PostgreSQL server: the
// implementation of learning.Store shared by the PCs of a place (a
// médiathèque, a France Services site) or of a whole network of places,
// beside package progress's SQLite file, which stays the default for a
// single PC.
//
// It keeps the port's contract (learning/storetest) and progress's
// semantics, with these differences:
//
//   - Places. A store is opened for one place (Options.Place), created on
//     first use. Learners belong to the place where they were created:
//     Learners lists only that place's, ResultsByCompetence counts only
//     them, and every call about a learner or a test of another place
//     answers record.ErrNotFound, as for one that does not exist.
//   - Shared by the network: the questions' statistics and calibration
//     (ItemStats, SetItemDifficulties, CalibrationAnswers, the calibration
//     step of FinishTestWith) and the exposure counts (Exposure). They name
//     no one, and a calibration needs far more answers than one place gives.
//     A structure that wants its own calibration uses its own database.
//   - Transactions. Every write is one transaction at READ COMMITTED that
//     takes its row locks in one order — the learner's row, then the test's,
//     then the questions' statistics in question order — so two PCs never
//     deadlock on each other and FinishTestWith's calibration step reads rows
//     nobody else can change before it commits. A transaction the server
//     cancels anyway (deadlock, serialization failure) is run again, a few
//     times. Reads are one REPEATABLE READ READ ONLY snapshot.
//   - Durability. synchronous_commit is set to on for every connection: a
//     call returns only once its commit is on the server's disk, so an answer
//     acknowledged on screen is saved.
//   - The server unreachable. Every error that means the server cannot be
//     reached (refused, timed out, shut down, connection lost) is an
//     *UnreachableError, which says itself in French and English
//     (record.Explainer). The pool dials again on the next call: when the
//     server is back, the next call works; nothing falls back to a file.
//   - Erase deletes the learner's rows at once (one DELETE, cascading); the
//     server reclaims their space in its files at its next VACUUM (autovacuum
//     does it within minutes), and backups keep them until they are rotated.
//
// The schema is created and migrated by Open, with embedded versioned
// migrations numbered as the progress file's schema versions; two PCs
// starting at once migrate one after the other (an advisory lock).
// Every query is parameterised. A password is never taken from the URL: the
// server's password comes from the pgpass file (PGPASSFILE).
package postgres
