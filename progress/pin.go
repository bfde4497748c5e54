package progress

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"pasapas/record"
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

// The PIN rules (the wait after wrong codes, which codes may be chosen)
// are record's, the same for every store.

// PINDelay is record.PINDelay.
func PINDelay(failures int) time.Duration { return record.PINDelay(failures) }

// CheckNewPIN is record.CheckNewPIN.
func CheckNewPIN(pin string) error { return record.CheckNewPIN(pin) }

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
		st, capped, locked := record.PINState{Failures: failures, LockedUntil: fromMS(lockedUntil)}.Gate(now)
		if capped {
			if _, err := tx.ExecContext(ctx, "UPDATE learners SET pin_locked_until = ? WHERE id = ?", ms(st.LockedUntil), id); err != nil {
				return err
			}
		}
		if locked != nil {
			refused = locked
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
		st, refused = st.Wrong(now)
		_, err = tx.ExecContext(ctx, "UPDATE learners SET pin_failures = ?, pin_locked_until = ? WHERE id = ?",
			st.Failures, ms(st.LockedUntil), id)
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
