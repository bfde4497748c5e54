//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package progress

import (
	"os"
	"syscall"
)

// SQLite's locks on Unix are POSIX advisory locks on fixed bytes: every
// connection in WAL mode holds a read lock on the "DMS" byte of the -shm
// file for as long as it is open, and a reader or writer holds locks in
// the range from PENDING_BYTE in the main file. F_GETLK asks whether a lock
// would conflict without taking any, and never reports this process's own.
const (
	shmLockFirst = 120 // UNIX_SHM_BASE: the WAL locks, then the DMS byte
	shmLockLen   = 9
	pendingByte  = 0x40000000
	dbLockLen    = 2 + 510 // PENDING, RESERVED, then the SHARED range
)

// heldByOther says whether another process has the progress file open
// through SQLite.
func heldByOther(path string) bool {
	return locked(path+"-shm", shmLockFirst, shmLockLen) || locked(path, pendingByte, dbLockLen)
}

func locked(path string, start, n int64) bool {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	lk := syscall.Flock_t{Type: syscall.F_WRLCK, Whence: 0, Start: start, Len: n}
	if err := syscall.FcntlFlock(f.Fd(), syscall.F_GETLK, &lk); err != nil {
		return false
	}
	return lk.Type != syscall.F_UNLCK
}
