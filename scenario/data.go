package scenario

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/grassroots-sim/grassroots/population"
	"github.com/grassroots-sim/grassroots/sim"
)

// The keys that name data files, in the order population.Read takes them.
var dataKeys = [3]string{"community.households_file", "community.residents_file", "community.ties_file"}

// readData reads the community's data files, if the scenario names any,
// into cfg.Data, and returns a hash of their contents. Each relative path
// resolves against the directory of the file that set it (the current
// directory for --set and for scenarios given as bytes) and is stored
// resolved, so that the encoded scenario names the same files. The
// community's size is then the data's: households, buildings, and grids
// at most one per building.
func (l *loader) readData(cfg *sim.Config, chain []*source) string {
	c := &cfg.Community
	paths := [3]*string{&c.HouseholdsFile, &c.ResidentsFile, &c.TiesFile}
	if *paths[0] == "" && *paths[1] == "" && *paths[2] == "" {
		return ""
	}
	dirs := map[string]*source{}
	for _, src := range chain {
		dirs[src.name] = src
	}
	ok := true
	var relativeTo [3]string // for messages
	for k, p := range paths {
		if *p == "" {
			continue
		}
		dir := "."
		relativeTo[k] = "a relative path given with --set is relative to the current directory"
		if src := dirs[l.locate(dataKeys[k]).source]; src != nil {
			if src.builtin {
				l.fail(dataKeys[k], "a built-in scenario cannot name data files")
				ok = false
				continue
			}
			dir = src.dir
			relativeTo[k] = "a relative path is relative to the scenario file that sets it"
		}
		if !filepath.IsAbs(*p) {
			*p = filepath.Join(dir, *p)
		} else {
			*p = filepath.Clean(*p)
		}
	}
	switch {
	case *paths[0] == "" && *paths[1] == "":
		l.fail(dataKeys[2], "needs community.households_file and community.residents_file: ties join residents given as data")
		ok = false
	case *paths[0] == "":
		l.fail(dataKeys[1], "needs community.households_file too: households and residents come together")
		ok = false
	case *paths[1] == "":
		l.fail(dataKeys[0], "needs community.residents_file too: households and residents come together")
		ok = false
	}
	paired := ok
	for k, p := range paths {
		if *p == "" || !paired {
			continue
		}
		fi, err := os.Stat(*p)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			l.fail(dataKeys[k], fmt.Sprintf("no such file %q (%s)", *p, relativeTo[k]))
			ok = false
		case err != nil:
			l.fail(dataKeys[k], err.Error())
			ok = false
		case !fi.Mode().IsRegular():
			l.fail(dataKeys[k], fmt.Sprintf("%q is not a regular file", *p))
			ok = false
		}
	}
	if !ok {
		return ""
	}
	p, sum, err := l.data.read([3]string{*paths[0], *paths[1], *paths[2]})
	if err != nil {
		var pe population.Errors
		var refused refusedError
		if errors.As(err, &refused) {
			l.refused = refused.err
			return ""
		}
		if !errors.As(err, &pe) {
			l.fail(dataKeys[0], err.Error())
			return ""
		}
		for _, e := range pe {
			rank := defaultRank
			for k, path := range paths {
				if e.File == *path {
					rank = l.locate(dataKeys[k]).rank
				}
			}
			l.dataErrs = append(l.dataErrs, &Error{Source: e.File, Line: e.Line, Column: e.Column, Msg: e.Where(), rank: rank})
		}
		return ""
	}
	cfg.Data = p
	c.Households, c.Buildings = len(p.Households), p.Buildings
	c.Grids = min(c.Grids, c.Buildings)
	return sum
}

// dataComment is the line Encode adds for a scenario built from data, so
// that the scenario's hash changes when the data do.
func dataComment(sum string) string {
	return fmt.Sprintf("\n# data files sha256 %s\n", sum)
}
