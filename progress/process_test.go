package progress

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// runChild does a child process's job (see TestMain).
func runChild(job string) error {
	ctx := context.Background()
	path, name := os.Getenv(childPathEnv), os.Getenv(childNameEnv)
	switch job {
	case "writer":
		n, err := strconv.Atoi(os.Getenv(childNEnv))
		if err != nil {
			return err
		}
		// Wait for the parent's go, so both children open the file at the
		// same moment.
		if _, err := bufio.NewReader(os.Stdin).ReadString('\n'); err != nil {
			return err
		}
		s, err := Open(path)
		if err != nil {
			return err
		}
		defer s.Close()
		return writeMany(ctx, s, name, n)
	case "hold":
		// Open the file, say so, and keep it open until stdin closes: the
		// other window of TestDamagedFileHeldOpenNotMoved.
		s, err := Open(path)
		if err != nil {
			return err
		}
		defer s.Close()
		if _, err := fmt.Println("open"); err != nil {
			return err
		}
		_, err = bufio.NewReader(os.Stdin).ReadString('\n')
		if err != nil && err.Error() != "EOF" {
			return err
		}
		return nil
	case "crash":
		s, err := Open(path)
		if err != nil {
			return err
		}
		return answerForever(ctx, s, name)
	}
	return fmt.Errorf("unknown job %q", job)
}

// writeMany records n answers for a new learner, with the other kinds of
// writes mixed in, including CheckPIN, which reads before it writes.
func writeMany(ctx context.Context, s *Store, name string, n int) error {
	l, err := s.CreateLearner(ctx, name, "1357", Prefs{})
	if err != nil {
		return err
	}
	test, err := s.StartTest(ctx, l.ID, "mail", 1)
	if err != nil {
		return err
	}
	for i := range n {
		a := Answer{Learner: l.ID, Question: fmt.Sprintf("q-%d", i), Variant: "v", Given: `"x"`, Result: Correct, Test: test}
		if _, err := s.RecordAnswer(ctx, a); err != nil {
			return fmt.Errorf("answer %d: %w", i, err)
		}
		if i%10 == 0 {
			if err := s.SaveLessonStep(ctx, l.ID, LessonStep{Lesson: "l", Step: i}); err != nil {
				return err
			}
		}
		if i%50 == 25 {
			if err := s.CheckPIN(ctx, l.ID, "1357"); err != nil {
				return err
			}
		}
	}
	if err := s.FinishTest(ctx, test, TestResult{Level: 2}); err != nil {
		return err
	}
	_, err = fmt.Println("ok", n)
	return err
}

// answerForever records answers until killed, writing each acknowledged id
// on stdout once RecordAnswer has returned. Tests are finished and started,
// and lesson steps saved, so kills land in every kind of transaction.
func answerForever(ctx context.Context, s *Store, name string) error {
	l, err := s.CreateLearner(ctx, name, "", Prefs{})
	if err != nil {
		return err
	}
	test, err := s.StartTest(ctx, l.ID, "mail", 1)
	if err != nil {
		return err
	}
	for i := 0; ; i++ {
		id, err := s.RecordAnswer(ctx, Answer{Learner: l.ID, Question: fmt.Sprintf("q-%d", i), Variant: "v",
			Given: `{"texte":"réponse"}`, Result: Incorrect, Forgiven: []string{"frappe"}, Duration: time.Second, Test: test})
		if err != nil {
			return err
		}
		// One write(2) per id: a pipe never splits a write this small.
		if _, err := os.Stdout.WriteString(strconv.FormatInt(int64(id), 10) + "\n"); err != nil {
			return err
		}
		switch i % 20 {
		case 7:
			if err := s.SaveLessonStep(ctx, l.ID, LessonStep{Lesson: "adresse-mail", Step: i}); err != nil {
				return err
			}
		case 19:
			if err := s.FinishTest(ctx, test, TestResult{Level: 1}); err != nil {
				return err
			}
			if test, err = s.StartTest(ctx, l.ID, "mail", int64(i)); err != nil {
				return err
			}
		}
	}
}

// child prepares this test binary to run job on path.
func child(job, path, name string, extra ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+job, childPathEnv+"="+path, childNameEnv+"="+name)
	cmd.Env = append(cmd.Env, extra...)
	return cmd
}

// TestTwoProcessesWriteAtOnce runs two real processes that create the same
// new file and write to it as fast as they can: both must finish without
// "database is locked", and no write may be lost.
func TestTwoProcessesWriteAtOnce(t *testing.T) {
	const n = 150
	path := tempPath(t)
	type proc struct {
		cmd    *exec.Cmd
		out    strings.Builder
		errOut strings.Builder
	}
	var procs []*proc
	for _, name := range []string{"Fenêtre A", "Fenêtre B"} {
		p := &proc{cmd: child("writer", path, name, childNEnv+"="+strconv.Itoa(n))}
		p.cmd.Stdin = strings.NewReader("go\n")
		p.cmd.Stdout, p.cmd.Stderr = &p.out, &p.errOut
		procs = append(procs, p)
	}
	// Start both before either can read its go: they open together.
	for _, p := range procs {
		if err := p.cmd.Start(); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range procs {
		err := p.cmd.Wait()
		if err != nil || strings.TrimSpace(p.out.String()) != fmt.Sprintf("ok %d", n) {
			t.Errorf("child: %v, stdout %q, stderr %q", err, p.out.String(), p.errOut.String())
		}
	}
	if t.Failed() {
		return
	}

	ctx := context.Background()
	s := openTest(t, path, nil)
	list, err := s.Learners(ctx)
	if err != nil || len(list) != 2 {
		t.Fatalf("learners %+v, %v", list, err)
	}
	for _, l := range list {
		answers, err := s.Answers(ctx, l.ID)
		if err != nil || len(answers) != n {
			t.Errorf("%s: %d answers, %v; want %d", l.Name, len(answers), err, n)
		}
		if l.TestsTaken != 1 {
			t.Errorf("%s: %d tests taken", l.Name, l.TestsTaken)
		}
	}
	stats, _ := s.ItemStats(ctx)
	total := 0
	for _, it := range stats {
		total += it.Answers
	}
	if total != 2*n {
		t.Errorf("item statistics count %d answers, want %d: an update was lost", total, 2*n)
	}
	if s.Recovered() != nil {
		t.Errorf("recovered: %+v", s.Recovered())
	}
	if got := integrity(t, path); got != "ok" {
		t.Errorf("integrity_check = %q", got)
	}
}
