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
	"regexp"
	"slices"

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
	// Locked while in use, so that RemoveLeftovers in another process
	// leaves it alone.
	if release := lock(tmp); release != nil {
		defer release()
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

// leftoverDir matches the temporaries Dir makes beside a directory
// (os.MkdirTemp puts decimal digits for the *), and the previous content
// renamed aside; the name of the directory is the first group.
var leftoverDir = regexp.MustCompile(`^\.(.+)\.new-[0-9]+(\.old)?$`)

// RemoveLeftovers removes what Dir calls that a hard kill (SIGKILL, power
// loss) interrupted left beside path: temporary directories that no
// process holds any more, and previous content renamed aside once path
// holds the new one (if path is missing, that is the only copy, and it is
// kept). It returns the names removed.
func RemoveLeftovers(path string) []string {
	path = filepath.Clean(path)
	parent, base := filepath.Dir(path), filepath.Base(path)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return nil
	}
	var removed []string
	for _, e := range entries {
		m := leftoverDir.FindStringSubmatch(e.Name())
		if m == nil || m[1] != base || !e.IsDir() {
			continue
		}
		p := filepath.Join(parent, e.Name())
		release := func() {}
		if m[2] != "" {
			if fi, err := os.Lstat(path); err != nil || !fi.IsDir() {
				continue
			}
		} else if release = lock(p); release == nil {
			continue // in use by a concurrent Dir
		}
		if os.RemoveAll(p) == nil {
			removed = append(removed, e.Name())
		}
		release()
	}
	return removed
}

// RemoveTemps removes the temporary files of Write for the given file
// names in dir (".NAME.tmp-*") that a hard kill left behind, and returns
// the names removed. The caller must hold what keeps any other process
// from writing those names in dir (a lock on dir), or a write in progress
// would be removed.
func RemoveTemps(dir string, names ...string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var removed []string
	for _, e := range entries {
		m := leftoverTemp.FindStringSubmatch(e.Name())
		if m == nil || !slices.Contains(names, m[1]) || !e.Type().IsRegular() {
			continue
		}
		if os.Remove(filepath.Join(dir, e.Name())) == nil {
			removed = append(removed, e.Name())
		}
	}
	return removed
}

// leftoverTemp matches the temporary files Write makes.
var leftoverTemp = regexp.MustCompile(`^\.(.+)\.tmp-[0-9]+$`)

// CheckDir reports whether Dir can write path, without writing it: the
// parent can be created and written, and the temporary names Dir uses
// beside path are not too long for the file system. Commands call it
// before long work whose end is writing path.
func CheckDir(path string) error {
	parent, base := filepath.Dir(path), filepath.Base(path)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, "."+base+".new-*")
	if err != nil {
		return err
	}
	if release := lock(tmp); release != nil {
		defer release()
	}
	defer os.Remove(tmp)
	// The longest name Dir gives: the previous content renamed aside.
	if err := os.Rename(tmp, tmp+".old"); err != nil {
		return err
	}
	if err := os.Remove(tmp + ".old"); err != nil && !errors.Is(err, fs.ErrNotExist) {
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
