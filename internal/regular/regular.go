// Package regular opens files only when they are regular files. A named
// pipe (FIFO) in place of a data file, a journal or a shard's manifest
// would block an open or a read forever, and a device could be read
// without end: both are refused with an error instead.
package regular

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

// ErrNotRegular is wrapped by the error for a path that exists but is not
// a regular file.
var ErrNotRegular = errors.New("not a regular file")

// Open opens path for reading; see OpenFile.
func Open(path string) (*os.File, error) {
	return OpenFile(path, os.O_RDONLY, 0)
}

// OpenFile is os.OpenFile refusing anything but a regular file (or a new
// one, with os.O_CREATE). It opens without blocking, so that a FIFO put
// in place after the first check cannot hang the open, and checks the
// opened file again. Errors from the system, such as fs.ErrNotExist, are
// returned as they are.
func OpenFile(path string, flag int, perm fs.FileMode) (*os.File, error) {
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		return nil, notRegular(path, fi.Mode())
	}
	f, err := os.OpenFile(path, flag|syscall.O_NONBLOCK, perm)
	if errors.Is(err, syscall.ENXIO) {
		// A FIFO without a reader, opened for writing.
		return nil, notRegular(path, fs.ModeNamedPipe)
	}
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err == nil && !fi.Mode().IsRegular() {
		err = notRegular(path, fi.Mode())
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// ReadFile is os.ReadFile refusing anything but a regular file.
func ReadFile(path string) ([]byte, error) {
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

func notRegular(path string, mode fs.FileMode) error {
	kind := "a special file"
	switch {
	case mode.IsDir():
		kind = "a directory"
	case mode&fs.ModeNamedPipe != 0:
		kind = "a named pipe (FIFO), which would block"
	case mode&fs.ModeDevice != 0:
		kind = "a device"
	case mode&fs.ModeSocket != 0:
		kind = "a socket"
	}
	return fmt.Errorf("%q is %w but %s", path, ErrNotRegular, kind)
}
