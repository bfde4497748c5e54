package progress

import "io"

// What the other stores of Pas à pas (package progress/postgres) share with
// this one, so that a PIN hash or an export file is the same whichever store
// made it: a learner moved from a PC's file to a place's server keeps their
// PIN, and an export reads the same.

// HashPIN returns the argon2id hash of a 4-to-6-digit PIN as a PHC string
// (ErrBadPINFormat otherwise): the hash this store keeps.
func HashPIN(pin string) (string, error) { return hashPIN(pin) }

// VerifyPIN compares pin with a hash made by HashPIN, in constant time.
func VerifyPIN(hash, pin string) (bool, error) { return verifyPIN(hash, pin) }

// WriteFileAtomic writes a file (mode 0600) through a fsynced temporary file
// renamed over path: a crash leaves the old file or the new one.
func WriteFileAtomic(path string, write func(io.Writer) error) error {
	return writeFileAtomic(path, write)
}
