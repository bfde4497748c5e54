// Package progress keeps each learner's progress on the shared PC: a local
// SQLite file holding learners, the append-only answer log, tests, lesson
// progress and review cards. An answer acknowledged on screen is on disk.
//
// Open (or OpenWith, to inject a clock) opens the file found by DefaultPath:
// $PASAPAS_HOME, else the user's data folder. It creates the file on first
// run, private to the OS user; moves a damaged file aside and starts a fresh
// one, which Store.Recovered reports so the TUI can tell the person; and
// refuses, untouched, a file from a newer version (ErrNewerSchema).
//
// Every write is one transaction that begins IMMEDIATE and commits with
// synchronous=FULL in WAL mode: two tutor windows on the same file queue
// rather than fail, and RecordAnswer returns only once the answer is on
// disk. Current state (lesson steps, acquis, review cards, item counts) is
// stored beside the log for speed; the log itself is never changed.
//
// Learners may have a PIN (argon2id); the store enforces a growing wait after
// wrong tries and keeps it across restarts. Export and Erase serve the RGPD
// rights of access and erasure. Messages for people come in French and
// English: Recovery.Message, Explain.
package progress
