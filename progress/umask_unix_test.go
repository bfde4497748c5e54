//go:build unix

package progress

import "syscall"

func setUmask(m int) int { return syscall.Umask(m) }
