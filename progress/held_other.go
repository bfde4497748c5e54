//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package progress

// heldByOther cannot ask on this system. On Windows SQLite opens the file
// without sharing deletion, so moving a file another process holds open
// fails by itself and nothing is moved.
func heldByOther(path string) bool { return false }
