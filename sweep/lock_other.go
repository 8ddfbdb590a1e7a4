//go:build !unix

package sweep

// lockName is the lock file of lock_unix.go; other platforms do not lock,
// so two processes must not be pointed at one output directory there.
const lockName = ".sweep.lock"

type dirLock struct{}

func lockDir(string) (*dirLock, error) { return &dirLock{}, nil }

func (l *dirLock) unlock() {}
