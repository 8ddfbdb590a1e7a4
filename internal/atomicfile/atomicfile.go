package atomicfile

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
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
	SyncDir(dir)
	return nil
}

// syncDir makes the rename durable. It is best effort: some file systems
// and platforms cannot sync a directory, and the data itself is already safe.
func SyncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	d.Sync()
	d.Close()
}

// Dir replaces the directory at path as a whole: fill writes the new
// content into a fresh temporary sibling directory, which is then swapped
// into place (the old directory renamed aside, the new one renamed in, the
// old one removed). If fill fails or panics, the temporary directory is
// removed and path is left untouched, so that readers find either the
// previous complete content or the new complete content, never a mix.
//
// Only the moment between the two renames is not atomic: were the process
// killed (SIGKILL, power loss) exactly then, path would be missing and the
// previous content would be in the sibling ".NAME.new-*.old". Callers that
// catch SIGINT simply let Dir finish.
//
// path must not exist or be a directory; Dir replaces all of it, so callers
// must check that it holds nothing else worth keeping.
func Dir(path string, fill func(tmp string) error) (err error) {
	if fill == nil {
		return errors.New("atomicfile: nil fill function")
	}
	path = filepath.Clean(path)
	parent, base := filepath.Split(path)
	if parent == "" {
		parent = "."
	}
	if base == "." || base == ".." || base == "" || base == string(filepath.Separator) {
		return fmt.Errorf("atomicfile: cannot replace directory %q as a whole; name a subdirectory", path)
	}
	perm := os.FileMode(0o755)
	fi, statErr := os.Lstat(path)
	switch {
	case statErr == nil && !fi.IsDir():
		return fmt.Errorf("%s exists and is not a directory", path)
	case statErr == nil:
		perm = fi.Mode().Perm()
	case !errors.Is(statErr, fs.ErrNotExist):
		return statErr
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".new-*")
	if err != nil {
		return err
	}
	committed := false
	defer func() {
		if !committed {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, perm); err != nil {
		return err
	}
	if err := fill(tmp); err != nil {
		return err
	}
	SyncDir(tmp)
	if statErr != nil {
		// Nothing to replace.
		if err := os.Rename(tmp, path); err != nil {
			return err
		}
		committed = true
		SyncDir(parent)
		return nil
	}
	old := tmp + ".old"
	if _, err := os.Lstat(old); err == nil {
		return fmt.Errorf("atomicfile: %s is in the way", old)
	}
	if err := swap(path, tmp, old); err != nil {
		return err
	}
	committed = true
	SyncDir(parent)
	os.RemoveAll(old) // best effort: the new content is in place
	return nil
}

// swapping is held from the first rename of a swap to the second.
var swapping sync.Mutex

// swap moves path to old and tmp to path, or leaves path as it was.
func swap(path, tmp, old string) error {
	swapping.Lock()
	defer swapping.Unlock()
	if err := os.Rename(path, old); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		// Put the previous content back.
		if back := os.Rename(old, path); back != nil {
			return fmt.Errorf("%w; the previous content is in %s", err, old)
		}
		return err
	}
	return nil
}

// Quiesce waits for a directory swap in progress to complete and keeps
// any other from starting, for a process about to exit in a hurry: it
// would otherwise leave the old content under a temporary name and none
// at the path.
func Quiesce() { swapping.Lock() }

// WriteJSON writes v to path as indented JSON with a final newline,
// atomically.
func WriteJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	b = append(b, '\n')
	return Write(path, func(w io.Writer) error {
		_, err := w.Write(b)
		return err
	})
}
