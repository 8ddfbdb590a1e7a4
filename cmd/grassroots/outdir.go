package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/grassroots-sim/grassroots/internal/atomicfile"
)

// Outputs are written into a temporary sibling of the output directory and
// swapped into place once complete (atomicfile.Dir): an interrupted or
// failed run leaves the previous outputs as they were, never a mix of old
// and new files. Since the directory is replaced whole, it may hold
// nothing but outputs; anything else is refused before the run starts.

// outputDir is where a command writes, and what it may replace.
type outputDir struct {
	path   string
	exts   []string // extensions of the files the command writes
	keep   []string // names of files in it the command writes itself (profiles)
	exists bool     // it holds previous outputs
}

// checkOutputDir checks that dir is new, or a directory holding only files
// with the given extensions (a previous output), which may be replaced.
// Files of own (such as profiles) that lie in dir are allowed too, and are
// carried over into the new directory.
func checkOutputDir(dir string, exts []string, own ...string) (*outputDir, error) {
	o := &outputDir{path: dir, exts: exts}
	if absDir, err := filepath.Abs(dir); err == nil {
		for _, f := range own {
			if abs, err := filepath.Abs(f); err == nil && f != "" && filepath.Dir(abs) == absDir {
				o.keep = append(o.keep, filepath.Base(abs))
			}
		}
	}
	fi, err := os.Lstat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return o, nil
	case err != nil:
		return nil, err
	case !fi.IsDir():
		return nil, fmt.Errorf("%s exists and is not a directory; choose another --out", dir)
	}
	if base := filepath.Base(filepath.Clean(dir)); base == "." || base == ".." || base == string(filepath.Separator) {
		return nil, fmt.Errorf("--out %s: the output directory is replaced as a whole; name a directory of its own, e.g. %s", dir, filepath.Join(dir, "out"))
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var others []string
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") && strings.Contains(name, ".tmp-") {
			continue // a file left by an interrupted atomic write
		}
		if e.Type().IsRegular() && (slices.Contains(exts, strings.ToLower(filepath.Ext(name))) || slices.Contains(o.keep, name)) {
			continue
		}
		if e.IsDir() {
			name += string(filepath.Separator)
		}
		others = append(others, name)
	}
	if len(others) > 0 {
		if len(others) > 5 {
			others = append(others[:5], "...")
		}
		return nil, fmt.Errorf("%s holds more than previous outputs (%s): the output directory is replaced as a whole, so it is left alone; choose another --out or move those away",
			dir, strings.Join(others, ", "))
	}
	o.exists = len(entries) > 0
	return o, nil
}

// own lists the files the profile flags name.
func (p *profileFlags) own() []string {
	return []string{p.cpu, p.mem, p.trace}
}

// write fills a temporary directory with fill and swaps it into place. If
// ctx is cancelled before the swap, nothing is replaced and the error says
// so.
func (o *outputDir) write(ctx context.Context, fill func(dir string) error) error {
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
		return nil
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
