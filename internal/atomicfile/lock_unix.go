//go:build unix

package atomicfile

import (
	"os"
	"syscall"
)

// lock takes an exclusive lock on the file or directory at path, without
// waiting, and returns its release, or nil when another process holds it
// (or it cannot be opened). The kernel drops the lock when the process
// dies, even by kill -9: a temporary left unlocked has no writer.
func lock(path string) (release func()) {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	if syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) != nil {
		f.Close()
		return nil
	}
	return func() { f.Close() }
}
