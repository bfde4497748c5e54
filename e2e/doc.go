// Package e2e holds the end-to-end test of Pas à pas: it drives the real
// pasapas binary in tmux, as a new learner would, with a temporary
// PASAPAS_HOME. The tests only build with the e2e tag, so "go test ./..."
// on a machine without tmux is unaffected:
//
//	.ci/e2e                                  # installs tmux if needed, builds, runs
//	go test -tags e2e -count=1 ./e2e         # the same, when tmux is there
//
// PASAPAS_E2E_BIN names a binary already built; without it the test builds
// one. See docs/tests.md.
package e2e
