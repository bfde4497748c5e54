package progress

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"pasapas/i18n"
)

func TestPINDelay(t *testing.T) {
	tests := []struct {
		failures int
		want     time.Duration
	}{
		{0, 0}, {1, 0}, {2, 0},
		{3, 5 * time.Second}, {4, 10 * time.Second}, {5, 20 * time.Second}, {6, 40 * time.Second},
		{10, 640 * time.Second}, {11, 15 * time.Minute}, {12, 15 * time.Minute}, {1000, 15 * time.Minute},
	}
	for _, tt := range tests {
		if got := PINDelay(tt.failures); got != tt.want {
			t.Errorf("PINDelay(%d) = %s, want %s", tt.failures, got, tt.want)
		}
	}
}

func TestPINFormat(t *testing.T) {
	s := openTest(t, tempPath(t), nil)
	ctx := context.Background()
	tests := []struct {
		pin string
		ok  bool
	}{
		{"4827", true}, {"50913", true}, {"902417", true},
		{"123", false}, {"1234567", false}, {"12a4", false}, {" 1234", false}, {"١٢٣٤", false}, {"12-34", false},
	}
	for _, tt := range tests {
		t.Run(tt.pin, func(t *testing.T) {
			_, err := s.CreateLearner(ctx, "Paul", tt.pin, Prefs{})
			if tt.ok != (err == nil) {
				t.Fatalf("CreateLearner with PIN %q: %v", tt.pin, err)
			}
			if !tt.ok && !errors.Is(err, ErrBadPINFormat) {
				t.Fatalf("error %v, want ErrBadPINFormat", err)
			}
		})
	}
}

func TestPINStoredHashed(t *testing.T) {
	s := openTest(t, tempPath(t), nil)
	l := mustLearner(t, s, "Paul", "482193")
	var hash string
	if err := s.db.QueryRow("SELECT pin_hash FROM learners WHERE id = ?", l.ID).Scan(&hash); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(hash, "$argon2id$v=19$m=19456,t=2,p=1$") || strings.Contains(hash, "482193") {
		t.Fatalf("stored PIN %q is not an argon2id hash", hash)
	}
	other := mustLearner(t, s, "Rose", "482193")
	var hash2 string
	s.db.QueryRow("SELECT pin_hash FROM learners WHERE id = ?", other.ID).Scan(&hash2)
	if hash2 == hash {
		t.Fatal("two learners with the same PIN have the same hash: the salt is missing")
	}
}

// TestCheckPIN walks through wrong and right tries with a clock that the
// test moves, and checks the delay survives closing the program.
func TestCheckPIN(t *testing.T) {
	ctx := context.Background()
	path := tempPath(t)
	clk := newClock()
	s := openTest(t, path, clk)
	l := mustLearner(t, s, "Josiane", "2468")
	free := mustLearner(t, s, "Sans code", "")

	type step struct {
		name     string
		advance  time.Duration
		reopen   bool
		pin      string
		want     error // nil, ErrWrongPIN, ErrPINLocked
		failures int
		wait     time.Duration
	}
	steps := []step{
		{name: "right PIN", pin: "2468"},
		{name: "first slip", pin: "2469", want: ErrWrongPIN, failures: 1},
		{name: "second slip", pin: "1111", want: ErrWrongPIN, failures: 2},
		{name: "third wrong: a wait begins", pin: "1111", want: ErrWrongPIN, failures: 3, wait: 5 * time.Second},
		{name: "right PIN during the wait is not checked", advance: 2 * time.Second, pin: "2468", want: ErrPINLocked, failures: 3, wait: 3 * time.Second},
		{name: "wrong after the wait doubles it", advance: 3 * time.Second, pin: "0000", want: ErrWrongPIN, failures: 4, wait: 10 * time.Second},
		{name: "closing the program keeps the wait", advance: 4 * time.Second, reopen: true, pin: "2468", want: ErrPINLocked, failures: 4, wait: 6 * time.Second},
		{name: "right after the wait", advance: 6 * time.Second, pin: "2468"},
		{name: "count starts again", pin: "9999", want: ErrWrongPIN, failures: 1},
	}
	for _, st := range steps {
		clk.Advance(st.advance)
		if st.reopen {
			s.Close()
			s = openTest(t, path, clk)
		}
		err := s.CheckPIN(ctx, l.ID, st.pin)
		if st.want == nil {
			if err != nil {
				t.Fatalf("%s: CheckPIN = %v, want nil", st.name, err)
			}
			continue
		}
		var pe *PINError
		if !errors.Is(err, st.want) || !errors.As(err, &pe) {
			t.Fatalf("%s: CheckPIN = %v, want %v", st.name, err, st.want)
		}
		if pe.Failures != st.failures || pe.Wait != st.wait {
			t.Fatalf("%s: failures %d, wait %s; want %d, %s", st.name, pe.Failures, pe.Wait, st.failures, st.wait)
		}
		if msg := Explain(err, i18n.FR); msg == "" || (st.wait > 0) != strings.Contains(msg, "attendez") {
			t.Fatalf("%s: message %q", st.name, msg)
		}
	}

	if err := s.CheckPIN(ctx, free.ID, "anything"); err != nil {
		t.Errorf("learner without a PIN: %v", err)
	}
	if err := s.CheckPIN(ctx, 9999, "1234"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown learner: %v, want ErrNotFound", err)
	}
}

// TestPINClockWentBack: a PC whose clock jumped back must not lock the
// learner out for longer than the policy's wait.
func TestPINClockWentBack(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	s := openTest(t, tempPath(t), clk)
	l := mustLearner(t, s, "Josiane", "2468")
	for range 3 {
		s.CheckPIN(ctx, l.ID, "0000")
	}
	clk.Advance(-365 * 24 * time.Hour)
	var pe *PINError
	if err := s.CheckPIN(ctx, l.ID, "2468"); !errors.As(err, &pe) || pe.Wait > PINDelay(3) {
		t.Fatalf("CheckPIN = %v, want a wait of at most %s", err, PINDelay(3))
	}
	clk.Advance(PINDelay(3))
	if err := s.CheckPIN(ctx, l.ID, "2468"); err != nil {
		t.Fatalf("after the policy's wait: %v", err)
	}
}

func TestSetPIN(t *testing.T) {
	ctx := context.Background()
	clk := newClock()
	s := openTest(t, tempPath(t), clk)
	l := mustLearner(t, s, "Josiane", "")
	if err := s.SetPIN(ctx, l.ID, "1111"); !errors.Is(err, ErrTrivialPIN) {
		t.Fatalf("SetPIN 1111: %v, want ErrTrivialPIN", err)
	}
	if err := s.SetPIN(ctx, l.ID, "12345"); err == nil {
		t.Fatal("SetPIN 12345 accepted")
	}
	if err := s.SetPIN(ctx, l.ID, "12845"); err != nil {
		t.Fatal(err)
	}
	if err := s.CheckPIN(ctx, l.ID, "54321"); !errors.Is(err, ErrWrongPIN) {
		t.Fatalf("wrong PIN after SetPIN: %v", err)
	}
	if err := s.CheckPIN(ctx, l.ID, "12845"); err != nil {
		t.Fatalf("new PIN: %v", err)
	}
	if err := s.SetPIN(ctx, l.ID, "12"); !errors.Is(err, ErrBadPINFormat) {
		t.Fatalf("short PIN: %v", err)
	}
	if err := s.SetPIN(ctx, l.ID, ""); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Learner(ctx, l.ID); got.HasPIN {
		t.Fatal("PIN still set after removing it")
	}
}

func TestPINMessages(t *testing.T) {
	tests := []struct {
		err  *PINError
		want string
	}{
		{&PINError{Failures: 1}, "Vous pouvez réessayer"},
		{&PINError{Failures: 3, Wait: 5 * time.Second}, "attendez 5 secondes"},
		{&PINError{Failures: 3, Wait: 300 * time.Millisecond}, "attendez une seconde"},
		{&PINError{Failures: 9, Wait: 320 * time.Second}, "attendez 6 minutes"},
		// While the wait runs nothing is checked: the message must not say
		// the code is wrong, and says it will be checked after the wait.
		{&PINError{Locked: true, Failures: 3, Wait: 300 * time.Millisecond}, "attendez encore une seconde. Votre code sera vérifié ensuite"},
		{&PINError{Locked: true, Failures: 3, Wait: 4 * time.Second}, "attendez encore 4 secondes"},
		{&PINError{Locked: true, Failures: 9, Wait: 320 * time.Second}, "attendez encore 6 minutes"},
	}
	for _, tt := range tests {
		if got := tt.err.Message(i18n.FR); tt.err.Locked && strings.Contains(got, "pas le bon code") {
			t.Errorf("Message(%+v) = %q: says the code is wrong, but nothing was checked", tt.err, got)
		}
		if got := tt.err.Message(i18n.FR); !strings.Contains(got, tt.want) {
			t.Errorf("Message(%+v) = %q, want %q in it", tt.err, got, tt.want)
		}
		if got := tt.err.Message(i18n.EN); got == tt.err.Message(i18n.FR) {
			t.Errorf("no English for %+v", tt.err)
		}
	}
}

// TestTrivialPINsRefused is issue 13's defect 15: the codes anybody tries
// first are refused for a new PIN, kindly, in French and English.
func TestTrivialPINsRefused(t *testing.T) {
	s := openTest(t, tempPath(t), nil)
	ctx := context.Background()
	for _, pin := range []string{"1234", "0000", "1111", "4321", "9876", "0123", "123456", "654321", "1212", "121212",
		"123123", "2580", "99999", "01234", "1004"} {
		if _, err := s.CreateLearner(ctx, "Paul", pin, Prefs{}); !errors.Is(err, ErrTrivialPIN) {
			t.Errorf("CreateLearner with PIN %s: %v, want ErrTrivialPIN", pin, err)
		}
		if err := CheckNewPIN(pin); !errors.Is(err, ErrTrivialPIN) {
			t.Errorf("CheckNewPIN(%s) = %v", pin, err)
		}
	}
	for _, pin := range []string{"4827", "1357", "2468", "90210", "271828", "1240"} {
		if err := CheckNewPIN(pin); err != nil {
			t.Errorf("CheckNewPIN(%s) = %v, want nil", pin, err)
		}
	}
	fr, en := Explain(ErrTrivialPIN, i18n.FR), Explain(ErrTrivialPIN, i18n.EN)
	if !strings.Contains(fr, "trop facile") || !strings.Contains(en, "too easy") || strings.Contains(fr, "Prévenez") {
		t.Errorf("messages: %q / %q", fr, en)
	}
}
