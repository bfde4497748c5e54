//go:build e2e

package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

// How long to wait for the program to show something. Generous: a busy CI
// machine may be slow, and a wait ends as soon as the text is there.
const (
	waitTimeout  = 20 * time.Second
	pollInterval = 20 * time.Millisecond
)

// tmuxConf is the whole tmux configuration: no status line (the pane gets
// every row of the window), a dead pane stays so its exit status can be
// read, and Escape is sent at once.
const tmuxConf = `set -g status off
set -g remain-on-exit on
set -s escape-time 0
set -g history-limit 200
`

// server is one tmux server, on its own socket in its own folder, so
// parallel runs never meet. It is killed when the test ends.
type server struct {
	t    *testing.T
	sock string
	dir  string   // scratch: tmux socket folder, fake HOME
	env  []string // environment of every tmux command
	conf string   // the configuration file, read when the server starts
	runs int
}

var serverCount atomic.Int64

func newServer(t *testing.T) *server {
	t.Helper()
	// A short folder: a Unix socket path is limited to about 100 bytes.
	dir, err := os.MkdirTemp("", "e2e-")
	if err != nil {
		t.Fatal(err)
	}
	s := &server{t: t, dir: dir, sock: fmt.Sprintf("pasapas-e2e-%d-%d", os.Getpid(), serverCount.Add(1))}
	s.conf = filepath.Join(dir, "tmux.conf")
	if err := os.WriteFile(s.conf, []byte(tmuxConf), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"tmux", "home"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	s.env = []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + filepath.Join(dir, "home"),
		"TMUX_TMPDIR=" + filepath.Join(dir, "tmux"),
		"TERM=xterm-256color",
		"LANG=fr_FR.UTF-8",
	}
	t.Cleanup(func() {
		s.tmux("kill-server")
		os.RemoveAll(dir)
	})
	return s
}

// tmux runs one tmux command on this server and returns its output.
func (s *server) tmux(args ...string) (string, error) {
	cmd := exec.Command("tmux", append([]string{"-u", "-L", s.sock, "-f", s.conf}, args...)...)
	cmd.Env = s.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		return string(out), fmt.Errorf("tmux %s: %v: %s", strings.Join(args, " "), err, out)
	}
	return string(out), nil
}

// term is one run of the program in a tmux window of its own.
type term struct {
	t    *testing.T
	s    *server
	name string
	last string // the last screen read, for failure messages
}

// start runs the pasapas binary in a new w×h window, with PASAPAS_HOME set
// to home and nothing else from the caller's environment: env -i, then a
// fake HOME and XDG folders, TERM and LANG as on a learner's PC.
func (s *server) start(home string, w, h int, args ...string) *term {
	s.t.Helper()
	return s.startEnv(nil, home, w, h, args...)
}

// startEnv is start with more variables in pasapas's environment (a test
// hook such as PASAPAS_TEST_NO_POLLING=1).
func (s *server) startEnv(env []string, home string, w, h int, args ...string) *term {
	s.t.Helper()
	s.runs++
	name := fmt.Sprintf("run%d", s.runs)
	fake := filepath.Join(s.dir, "home")
	cmd := []string{"env", "-i",
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + fake,
		"XDG_DATA_HOME=" + filepath.Join(fake, ".local", "share"),
		"XDG_CONFIG_HOME=" + filepath.Join(fake, ".config"),
		"XDG_CACHE_HOME=" + filepath.Join(fake, ".cache"),
		"XDG_STATE_HOME=" + filepath.Join(fake, ".local", "state"),
		"TERM=xterm-256color",
		"LANG=fr_FR.UTF-8",
		"PASAPAS_HOME=" + home,
	}
	cmd = append(append(cmd, env...), binary)
	cmd = append(cmd, args...)
	// Given as several words, the command is run directly, without a shell:
	// env execs pasapas, so the pane's process is pasapas itself.
	tmuxArgs := append([]string{"new-session", "-d", "-s", name, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h), "--"}, cmd...)
	if _, err := s.tmux(tmuxArgs...); err != nil {
		s.t.Fatal(err)
	}
	return &term{t: s.t, s: s, name: name}
}

// capture reads the screen as text: no colours, no trailing spaces, the
// non-breaking spaces of French typography made plain.
func (tm *term) capture() string {
	tm.t.Helper()
	out, err := tm.s.tmux("capture-pane", "-p", "-t", tm.name)
	if err != nil {
		tm.t.Fatalf("%v\nlast screen:\n%s", err, frame(tm.last))
	}
	out = strings.ReplaceAll(out, "\u00a0", " ")
	out = strings.ReplaceAll(out, "\u202f", " ")
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	tm.last = strings.Join(lines, "\n")
	return tm.last
}

// waitFor polls the screen until cond holds on a settled screen (the same
// text twice in a row, so a frame being drawn is never judged), and returns
// it. On timeout the test fails with what it waited for and the last screen.
func (tm *term) waitFor(what string, cond func(string) bool) string {
	tm.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	prev := "\x00"
	for {
		cur := tm.capture()
		if cur == prev && cond(cur) {
			return cur
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("waited %v for %s; last screen:\n%s", waitTimeout, what, frame(cur))
		}
		prev = cur
		time.Sleep(pollInterval)
	}
}

// waitText waits until every text is on the screen.
func (tm *term) waitText(texts ...string) string {
	tm.t.Helper()
	return tm.waitFor(fmt.Sprintf("%q", texts), func(s string) bool { return hasAll(s, texts...) })
}

// scrollTo presses Page suivante until every text is on the screen (at
// most ten times), and returns the screen.
func (tm *term) scrollTo(texts ...string) string {
	tm.t.Helper()
	s := tm.capture()
	for range 10 {
		if hasAll(s, texts...) {
			return s
		}
		tm.keys("NPage")
		s = tm.waitChange(s)
	}
	return tm.waitText(texts...)
}

// waitChange waits until the screen is no longer before: the last key was
// taken into account.
func (tm *term) waitChange(before string) string {
	tm.t.Helper()
	return tm.waitFor("the screen to change after a key", func(s string) bool { return s != before })
}

// keys sends keys by their tmux names: Enter, Escape, Right, Down, C-c, 1…
func (tm *term) keys(keys ...string) {
	tm.t.Helper()
	if _, err := tm.s.tmux(append([]string{"send-keys", "-t", tm.name}, keys...)...); err != nil {
		tm.t.Fatal(err)
	}
}

// typeText types text literally, accents included.
func (tm *term) typeText(text string) {
	tm.t.Helper()
	if _, err := tm.s.tmux("send-keys", "-t", tm.name, "-l", "--", text); err != nil {
		tm.t.Fatal(err)
	}
}

// press sends one key and waits until the screen shows its effect.
func (tm *term) press(key string) string {
	tm.t.Helper()
	before := tm.waitFor("a settled screen", func(string) bool { return true })
	tm.keys(key)
	return tm.waitChange(before)
}

// resize changes the window's size, as a learner dragging its corner.
func (tm *term) resize(w, h int) {
	tm.t.Helper()
	if _, err := tm.s.tmux("resize-window", "-t", tm.name, "-x", fmt.Sprint(w), "-y", fmt.Sprint(h)); err != nil {
		tm.t.Fatal(err)
	}
}

// pane reads a few facts about the window's process.
func (tm *term) pane() (pid int, dead bool, status int) {
	tm.t.Helper()
	out, err := tm.s.tmux("display-message", "-p", "-t", tm.name, "#{pane_pid} #{pane_dead} #{pane_dead_status}")
	if err != nil {
		tm.t.Fatal(err)
	}
	f := strings.Fields(out)
	if len(f) < 2 {
		tm.t.Fatalf("tmux display-message: %q", out)
	}
	pid, _ = strconv.Atoi(f[0])
	dead = f[1] == "1"
	if len(f) > 2 {
		status, _ = strconv.Atoi(f[2])
	}
	return pid, dead, status
}

// waitExit waits until the program has ended and returns its exit status.
func (tm *term) waitExit() int {
	tm.t.Helper()
	deadline := time.Now().Add(waitTimeout)
	for {
		if _, dead, status := tm.pane(); dead {
			return status
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("the program did not end within %v; last screen:\n%s", waitTimeout, frame(tm.capture()))
		}
		time.Sleep(pollInterval)
	}
}

// kill9 kills the program with SIGKILL, as a power cut or a killed window
// would, and waits until tmux sees it dead.
func (tm *term) kill9() {
	tm.t.Helper()
	pid, dead, _ := tm.pane()
	if dead || pid <= 1 {
		tm.t.Fatalf("no live program to kill (pid %d, dead %v)", pid, dead)
	}
	// Make sure the pid is our pasapas, not something else.
	if comm, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid)); err == nil && strings.TrimSpace(string(comm)) != filepath.Base(binary) {
		tm.t.Fatalf("pane process %d is %q, not %s", pid, strings.TrimSpace(string(comm)), filepath.Base(binary))
	}
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil {
		tm.t.Fatalf("kill -9 %d: %v", pid, err)
	}
	tm.waitExit()
}

// Menu rows look like "▸ 3. Mes résultats" (focused) or "  b. Réviser".
var rowRe = regexp.MustCompile(`^(▸ |  )([1-9a-z])\. (.*)$`)

// pointerLine returns the focused line (the one with ▸), or "".
func pointerLine(screen string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.HasPrefix(l, "▸ ") {
			return l
		}
	}
	return ""
}

// row finds the numbered menu row holding text and returns its key.
func row(screen, text string) (key string, ok bool) {
	for _, l := range strings.Split(screen, "\n") {
		if m := rowRe.FindStringSubmatch(l); m != nil && strings.Contains(m[3], text) {
			return m[2], true
		}
	}
	return "", false
}

// hasRow says whether a numbered row holds text.
func hasRow(screen, text string) bool {
	_, ok := row(screen, text)
	return ok
}

// point moves the focus to the menu row holding text, as a learner would:
// its number points at it. When the row is out of sight (a long question
// scrolls), or the focus is in a text field where a digit would be typed,
// the arrows move instead. It returns the screen with the focus on that row.
func (tm *term) point(text string) string {
	tm.t.Helper()
	for range 40 {
		s := tm.waitFor("a settled screen", func(string) bool { return true })
		p := pointerLine(s)
		if strings.Contains(p, text) {
			return s
		}
		k, ok := row(s, text)
		if !ok && !scrolls(s) && rowRe.MatchString(p) {
			tm.t.Fatalf("no row %q on the screen:\n%s", text, frame(s))
		}
		if ok && rowRe.MatchString(p) {
			tm.keys(k)
			return tm.waitFor(fmt.Sprintf("the focus on %q", text), func(s string) bool { return strings.Contains(pointerLine(s), text) })
		}
		tm.keys("Down")
		tm.waitChange(s)
	}
	tm.t.Fatalf("could not reach the row %q:\n%s", text, frame(tm.last))
	return ""
}

// scrolls says whether part of the screen is out of sight: a long question
// or feedback ("↓ la suite est en dessous"), a long menu ("↕ choix 3 sur 14").
func scrolls(s string) bool {
	return strings.Contains(s, "la suite est en dessous") || strings.Contains(s, "le début est au-dessus") ||
		strings.Contains(s, "↑ au-dessus · ↓ en dessous") || menuCountRe.MatchString(s)
}

var menuCountRe = regexp.MustCompile(`(?m)^(↕|\^v) choix \d+ sur \d+$`)

// choose points at the row holding text, presses Entrée and waits until the
// screen shows its effect. It returns the screen on which Entrée was pressed.
func (tm *term) choose(text string) string {
	tm.t.Helper()
	s := tm.point(text)
	tm.keys("Enter")
	tm.waitChange(s)
	return s
}

// chooseRow chooses the row of the given key ("1", "2"…, "a"…), as point
// and choose do.
func (tm *term) chooseRow(k string) string {
	tm.t.Helper()
	s := tm.waitFor("a settled screen", func(string) bool { return true })
	if !strings.HasPrefix(pointerLine(s), "▸ "+k+". ") {
		tm.keys(k)
		s = tm.waitFor("the focus on row "+k, func(s string) bool { return strings.HasPrefix(pointerLine(s), "▸ "+k+". ") })
	}
	tm.keys("Enter")
	tm.waitChange(s)
	return s
}

func hasAll(s string, texts ...string) bool {
	for _, t := range texts {
		if !strings.Contains(s, t) {
			return false
		}
	}
	return true
}

// frame draws a screen inside a box, so its edges show in a failure message.
func frame(s string) string {
	var b strings.Builder
	b.WriteString("┌────────\n")
	for _, l := range strings.Split(s, "\n") {
		b.WriteString("│" + l + "\n")
	}
	b.WriteString("└────────")
	return b.String()
}
