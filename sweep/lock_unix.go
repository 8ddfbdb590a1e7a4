//go:build unix

package sweep

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// lockName is the file whose lock keeps two processes from writing one
// output directory. The kernel drops the lock when the process dies, even
// by kill -9, so a crashed sweep never leaves its directory locked. The
// holder removes the file when done, so a finished sweep leaves none.
const lockName = ".sweep.lock"

type dirLock struct {
	f    *os.File
	path string
}

func lockDir(dir string) (*dirLock, error) {
	path := filepath.Join(dir, lockName)
	for range 100 {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
		if err != nil {
			return nil, err
		}
		if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
			f.Close()
			if errors.Is(err, syscall.EWOULDBLOCK) {
				return nil, fmt.Errorf("another process is writing the sweep in %s", dir)
			}
			return nil, fmt.Errorf("locking %s: %w", dir, err)
		}
		// A holder removes the file before unlocking it: the lock of a
		// file removed meanwhile guards nothing, so lock the new one.
		held, err1 := f.Stat()
		now, err2 := os.Stat(path)
		if err1 == nil && err2 == nil && os.SameFile(held, now) {
			return &dirLock{f: f, path: path}, nil
		}
		f.Close()
	}
	return nil, fmt.Errorf("locking %s: its lock file keeps changing", dir)
}

// unlock removes the lock file, then releases it; a second call does
// nothing.
func (l *dirLock) unlock() {
	if l != nil && l.f != nil {
		os.Remove(l.path)
		l.f.Close()
		l.f = nil
	}
}
