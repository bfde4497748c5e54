package progress

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"golang.org/x/crypto/argon2"
)

// Argon2id parameters: OWASP's minimum for argon2id (19 MiB, 2 passes, 1
// lane), about 30–60 ms on an old library PC. The parameters are written in
// each hash, so they can be raised later without locking anyone out.
const (
	argonTime    = 2
	argonMemory  = 19 * 1024 // KiB
	argonThreads = 1
	argonKeyLen  = 32
	argonSaltLen = 16
)

// The PIN delay: the first wrong tries cost nothing (fingers slip), then each
// one doubles the wait, up to a cap. A 4-digit PIN then takes weeks to guess
// at the keyboard. It does not stop someone who copies the file: the PIN
// keeps results from other people's eyes on a shared screen, it does not
// encrypt them (see docs/stockage.md).
const (
	pinFreeTries = 2
	pinBaseDelay = 5 * time.Second
	pinMaxDelay  = 15 * time.Minute
)

// PINDelay is the wait imposed after failures wrong PINs in a row.
func PINDelay(failures int) time.Duration {
	if failures <= pinFreeTries {
		return 0
	}
	d := pinBaseDelay
	for i := pinFreeTries + 1; i < failures && d < pinMaxDelay; i++ {
		d *= 2
	}
	return min(d, pinMaxDelay)
}

// validPIN says whether pin is 4 to 6 ASCII digits.
func validPIN(pin string) bool {
	if len(pin) < 4 || len(pin) > 6 {
		return false
	}
	for _, c := range []byte(pin) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// CheckNewPIN says whether pin may be chosen as a new code: nil, or
// ErrBadPINFormat (not 4 to 6 digits), or ErrTrivialPIN (too easy to guess).
// The screens call it before asking for the code a second time.
func CheckNewPIN(pin string) error {
	switch {
	case !validPIN(pin):
		return ErrBadPINFormat
	case trivialPIN(pin):
		return ErrTrivialPIN
	}
	return nil
}

// trivialPIN says whether a PIN is among the first ones anybody tries: one
// digit repeated (0000), a run up or down (1234, 9876, 0123), a pair or a
// triple repeated (1212, 123123), or a few others on every list of common
// codes.
func trivialPIN(pin string) bool {
	up, down, same := true, true, true
	for i := 1; i < len(pin); i++ {
		d := int(pin[i]) - int(pin[i-1])
		up = up && d == 1
		down = down && d == -1
		same = same && d == 0
	}
	if up || down || same {
		return true
	}
	for _, period := range []int{2, 3} {
		if len(pin)%period == 0 && len(pin) > period && strings.Repeat(pin[:period], len(pin)/period) == pin {
			return true
		}
	}
	switch pin {
	case "1004", "2000", "2580", "0852", "1122", "112233", "123321", "654321", "696969", "159753":
		return true
	}
	return false
}

// hashPIN returns the argon2id hash of pin as a PHC string:
// $argon2id$v=19$m=19456,t=2,p=1$salt$hash. It refuses a PIN that
// CheckNewPIN refuses: it is only used for new codes.
func hashPIN(pin string) (string, error) {
	if err := CheckNewPIN(pin); err != nil {
		return "", err
	}
	salt := make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(pin), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version,
		argonMemory, argonTime, argonThreads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// verifyPIN compares pin with a hash made by hashPIN, in constant time.
func verifyPIN(encoded, pin string) (bool, error) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, errors.New("unknown PIN hash format")
	}
	var version int
	var mem, passes uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false, fmt.Errorf("unknown argon2 version %q", parts[2])
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &mem, &passes, &threads); err != nil {
		return false, fmt.Errorf("argon2 parameters %q: %w", parts[3], err)
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return false, fmt.Errorf("argon2 salt: %w", err)
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil {
		return false, fmt.Errorf("argon2 hash: %w", err)
	}
	got := argon2.IDKey([]byte(pin), salt, passes, mem, threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1, nil
}

// SetPIN sets, changes or (with "") removes a learner's PIN. Asking for the
// old PIN first is the caller's job (CheckPIN). It clears the failure count.
func (s *Store) SetPIN(ctx context.Context, id LearnerID, pin string) error {
	var hash any
	if pin != "" {
		h, err := hashPIN(pin)
		if err != nil {
			return fmt.Errorf("progress: setting PIN: %w", err)
		}
		hash = h
	}
	return s.write(ctx, "setting PIN", func(tx *sql.Tx) error {
		if err := touch(ctx, tx, id, s.now()); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx,
			"UPDATE learners SET pin_hash = ?, pin_failures = 0, pin_locked_until = 0 WHERE id = ?", hash, id)
		return err
	})
}

// CheckPIN checks a learner's PIN. It returns nil when the PIN is right or
// the learner has none; a *PINError (ErrWrongPIN) when wrong, with the wait
// now imposed; a *PINError (ErrPINLocked) without checking anything while a
// wait runs. The failure count and the end of the wait are stored in the
// file, so closing the program or opening a second window does not reset
// them.
func (s *Store) CheckPIN(ctx context.Context, id LearnerID, pin string) error {
	var refused *PINError
	// One write transaction around the whole check: two windows guessing at
	// once are counted one after the other.
	err := s.write(ctx, "checking PIN", func(tx *sql.Tx) error {
		var hash sql.NullString
		var failures int
		var lockedUntil int64
		err := tx.QueryRowContext(ctx, "SELECT pin_hash, pin_failures, pin_locked_until FROM learners WHERE id = ?", id).
			Scan(&hash, &failures, &lockedUntil)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("learner %d: %w", id, ErrLearnerGone)
		}
		if err != nil {
			return err
		}
		if !hash.Valid {
			return nil
		}
		now := s.now()
		// A PC whose clock went back (flat CMOS battery) must not lock
		// someone out for years: the wait never exceeds the policy's.
		until := fromMS(lockedUntil)
		if limit := now.Add(PINDelay(failures)); until.After(limit) {
			until = limit
			if _, err := tx.ExecContext(ctx, "UPDATE learners SET pin_locked_until = ? WHERE id = ?", ms(until), id); err != nil {
				return err
			}
		}
		if now.Before(until) {
			refused = &PINError{Locked: true, Failures: failures, Wait: until.Sub(now)}
			return nil
		}
		ok, err := verifyPIN(hash.String, pin)
		if err != nil {
			return err
		}
		if ok {
			_, err = tx.ExecContext(ctx,
				"UPDATE learners SET pin_failures = 0, pin_locked_until = 0, last_seen = ? WHERE id = ?", ms(now), id)
			return err
		}
		failures++
		wait := PINDelay(failures)
		refused = &PINError{Failures: failures, Wait: wait}
		_, err = tx.ExecContext(ctx, "UPDATE learners SET pin_failures = ?, pin_locked_until = ? WHERE id = ?",
			failures, ms(now.Add(wait)), id)
		return err
	})
	if err != nil {
		return err
	}
	if refused != nil {
		return refused
	}
	return nil
}
