package memstore

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"time"

	"golang.org/x/crypto/argon2"

	"pasapas/record"
)

// A PIN is kept as a salted argon2id hash, never as typed. Memory dies with
// the program, so the parameters are lighter than progress's (which must
// resist someone copying the file): a preview should not wait 50 ms per
// check.
const (
	argonTime    = 1
	argonMemory  = 1024 // KiB
	argonThreads = 1
	argonKeyLen  = 32
	argonSaltLen = 16
)

// hashPIN returns a fresh salt and the hash of pin with it.
func hashPIN(pin string) (salt, hash []byte, err error) {
	if err := record.CheckNewPIN(pin); err != nil {
		return nil, nil, err
	}
	salt = make([]byte, argonSaltLen)
	if _, err := rand.Read(salt); err != nil {
		return nil, nil, err
	}
	return salt, pinKey(pin, salt), nil
}

func pinKey(pin string, salt []byte) []byte {
	return argon2.IDKey([]byte(pin), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
}

// SetPIN sets, changes or (with "") removes a learner's PIN, and clears the
// failure count. Asking for the old PIN first is the caller's job.
func (s *Store) SetPIN(ctx context.Context, id record.LearnerID, pin string) error {
	var salt, hash []byte
	if pin != "" {
		var err error
		if salt, hash, err = hashPIN(pin); err != nil {
			return fail("setting PIN", err)
		}
	}
	if err := s.lock(ctx, "setting PIN"); err != nil {
		return err
	}
	defer s.mu.Unlock()
	if err := s.d.known(id); err != nil {
		return fail("setting PIN", err)
	}
	s.d.touch(id, s.clock())
	l := s.d.learners[id]
	l.hash, l.salt, l.rec.HasPIN = hash, salt, hash != nil
	l.failures, l.lockedUntil = 0, time.Time{}
	s.d.learners[id] = l
	return nil
}

// CheckPIN returns nil when the PIN is right or the learner has none; a
// *record.PINError (ErrWrongPIN) when wrong, with the wait now imposed; a
// *record.PINError (ErrPINLocked) without checking anything while a wait
// runs. As in progress, a clock that went back never makes the wait longer
// than the policy's.
func (s *Store) CheckPIN(ctx context.Context, id record.LearnerID, pin string) error {
	if err := s.lock(ctx, "checking PIN"); err != nil {
		return err
	}
	defer s.mu.Unlock()
	l, ok := s.d.learners[id]
	if !ok {
		return fail("checking PIN", s.d.known(id))
	}
	if l.hash == nil {
		return nil
	}
	now := s.clock()
	st, _, refused := record.PINState{Failures: l.failures, LockedUntil: l.lockedUntil}.Gate(now)
	l.failures, l.lockedUntil = st.Failures, st.LockedUntil
	if refused != nil {
		s.d.learners[id] = l
		return refused
	}
	if subtle.ConstantTimeCompare(pinKey(pin, l.salt), l.hash) == 1 {
		l.failures, l.lockedUntil = 0, time.Time{}
		l.rec.LastSeen = now
		s.d.learners[id] = l
		return nil
	}
	st, refused = st.Wrong(now)
	l.failures, l.lockedUntil = st.Failures, st.LockedUntil
	s.d.learners[id] = l
	return refused
}
