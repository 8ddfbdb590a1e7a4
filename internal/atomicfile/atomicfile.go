package atomicfile

import (
	"bufio"
	"errors"
	"io"
	"os"
	"path/filepath"
)

// defaultPerm is the mode of a newly created file; os.CreateTemp would
// otherwise leave it 0600, which is surprising for result files.
const defaultPerm os.FileMode = 0o644

// Write calls fn with a buffered writer on a temporary file in the directory
// of path, then syncs it and renames it over path. If fn or any step fails
// (or fn panics), the temporary file is removed and an existing file at path
// is left untouched. An existing file's permissions are kept.
func Write(path string, fn func(w io.Writer) error) (err error) {
	if fn == nil {
		return errors.New("atomicfile: nil write function")
	}
	dir, name := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	perm := defaultPerm
	if fi, statErr := os.Stat(path); statErr == nil {
		perm = fi.Mode().Perm()
	}

	f, err := os.CreateTemp(dir, "."+name+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	committed := false
	defer func() {
		// Runs on error and on panic alike, so no temporary file survives.
		if !committed {
			f.Close()
			os.Remove(tmp)
		}
	}()

	bw := bufio.NewWriter(f)
	if err := fn(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := f.Chmod(perm); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	committed = true
	syncDir(dir)
	return nil
}

// syncDir makes the rename durable. It is best effort: some file systems
// and platforms cannot sync a directory, and the data itself is already safe.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	d.Sync()
	d.Close()
}
