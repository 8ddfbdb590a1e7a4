package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/grassroots-sim/grassroots/internal/atomicfile"
	"github.com/grassroots-sim/grassroots/internal/outdir"
)

// Outputs are written into a temporary sibling of the output directory and
// swapped into place once complete (atomicfile.Dir): an interrupted or
// failed run leaves the previous outputs as they were, never a mix of old
// and new files. Since the directory is replaced whole, only a directory
// grassroots wrote itself (it holds the marker outdir.MarkerName, listing
// the files written) may be replaced, and only when it holds nothing else
// and none of the command's inputs; anything else is refused before the run
// starts.

// outputDir is where a command writes, and what it may replace.
type outputDir struct {
	path   string
	keep   []string // names of files in it the command writes itself (profiles)
	exists bool     // it holds previous outputs
	// removed are the temporaries of interrupted runs cleared beside it.
	removed []string
}

// checkOutputDir checks that dir is new, empty, or a directory of previous
// outputs that may be replaced, that it holds none of the inputs, and that
// it can be written. Files of own (such as profiles) that lie in dir are
// allowed too, and are carried over into the new directory; they must not
// have the extension of an output (exts), which they could collide with.
func checkOutputDir(dir string, exts, inputs []string, own ...string) (*outputDir, error) {
	o := &outputDir{path: dir}
	for _, f := range own {
		if f == "" || !within(dir, f) {
			continue
		}
		name := filepath.Base(f)
		if rel, _ := relative(dir, f); rel != name || name == outdir.MarkerName || slices.Contains(exts, strings.ToLower(filepath.Ext(name))) {
			return nil, fmt.Errorf("profile %s: a profile inside the output directory %s must be directly in it and not be named like an output (%s); choose another path",
				f, dir, strings.Join(exts, ", "))
		}
		o.keep = append(o.keep, name)
	}
	fi, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		o.removed = atomicfile.RemoveLeftovers(dir)
		return o, checkWritable(dir)
	case err != nil:
		if werr := checkWritable(dir); werr != nil {
			return nil, werr // a parent that is a file, say so
		}
		return nil, err
	case !fi.IsDir():
		return nil, fmt.Errorf("%s exists and is not a directory; choose another --out", dir)
	}
	if base := filepath.Base(filepath.Clean(dir)); base == "." || base == ".." || base == string(filepath.Separator) {
		return nil, fmt.Errorf("--out %s: the output directory is replaced as a whole; name a directory of its own, e.g. %s", dir, filepath.Join(dir, "out"))
	}
	for _, in := range inputs {
		if within(dir, in) {
			return nil, fmt.Errorf("%s holds %s, which this command reads: the output directory is replaced as a whole, so it is left alone; choose another --out", dir, in)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	m, marked := outdir.Read(dir)
	var others []fs.DirEntry
	for _, e := range entries {
		name := e.Name()
		if slices.Contains(o.keep, name) {
			continue
		}
		// Directories are listed with a trailing slash (run's snapshots/).
		if marked && (name == outdir.MarkerName || e.Type().IsRegular() && slices.Contains(m.Files, name) ||
			e.IsDir() && slices.Contains(m.Files, name+"/")) {
			continue
		}
		others = append(others, e)
	}
	switch {
	case len(others) > 0 && !marked:
		return nil, fmt.Errorf("%s is not empty (%s) and has no %s marker, so grassroots did not write it: the output directory is replaced as a whole, so it is left alone; choose another --out or empty it (outputs of versions of grassroots that wrote no marker are refused too: delete them by hand)",
			dir, outdir.List(others), outdir.MarkerName)
	case len(others) > 0:
		return nil, fmt.Errorf("%s holds files grassroots did not write there (%s): the output directory is replaced as a whole, so it is left alone; choose another --out or move those away",
			dir, outdir.List(others))
	}
	o.exists = marked
	o.removed = atomicfile.RemoveLeftovers(dir)
	return o, checkWritable(dir)
}

// noteRemoved names on w what checkOutputDir cleared beside the output
// directory.
func (o *outputDir) noteRemoved(w io.Writer) {
	noteRemoved(w, filepath.Dir(filepath.Clean(o.path)), o.removed)
}

// noteRemoved names on w the leftovers of interrupted commands removed
// from dir: files are never removed silently, even with --quiet.
func noteRemoved(w io.Writer, dir string, names []string) {
	for _, name := range names {
		fmt.Fprintf(w, "removed %s, left by an interrupted run\n", filepath.Join(dir, name))
	}
}

// checkWritable tells before any work whether dir can be written at the
// end of it.
func checkWritable(dir string) error {
	if err := atomicfile.CheckDir(dir); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("cannot create the output directory %s: %v; choose another --out", dir, err)
	}
	return nil
}

// relative returns path relative to dir, both made absolute with symbolic
// links resolved where they exist.
func relative(dir, path string) (string, error) {
	return filepath.Rel(resolve(dir), resolve(path))
}

// resolve makes path absolute and resolves symbolic links in it, as far as
// it exists.
func resolve(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return filepath.Clean(path)
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	if r, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		return filepath.Join(r, filepath.Base(abs))
	}
	return abs
}

// within reports whether path lies inside dir, at any depth.
func within(dir, path string) bool {
	rel, err := relative(dir, path)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// own lists the files the profile flags name.
func (p *profileFlags) own() []string {
	return []string{p.cpu, p.mem, p.trace}
}

// write fills a temporary directory with fill, marks it as written by
// command, and swaps it into place. If ctx is cancelled before the swap,
// nothing is replaced and the error says so.
func (o *outputDir) write(ctx context.Context, command []string, fill func(dir string) error) error {
	err := atomicfile.Dir(o.path, func(tmp string) error {
		if err := fill(tmp); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		// The command's own files move with the directory; one still
		// open (a profile being written) keeps being written there.
		for _, name := range o.keep {
			err := os.Rename(filepath.Join(o.path, name), filepath.Join(tmp, name))
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
		entries, err := os.ReadDir(tmp)
		if err != nil {
			return err
		}
		files := slices.Clone(o.keep) // the heap profile comes after the swap
		for _, e := range entries {
			name := e.Name()
			if e.IsDir() {
				name += "/"
			}
			if !slices.Contains(files, name) {
				files = append(files, name)
			}
		}
		slices.Sort(files)
		return outdir.Write(tmp, command, files)
	})
	if err != nil && ctx.Err() != nil {
		return o.interrupted()
	}
	return err
}

// interrupted is the error of a run stopped before its outputs were
// complete.
func (o *outputDir) interrupted() error {
	if o.exists {
		return fmt.Errorf("interrupted: nothing written; the previous outputs in %s are intact", o.path)
	}
	return fmt.Errorf("interrupted: nothing written to %s", o.path)
}
