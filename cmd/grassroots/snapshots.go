package main

import (
	"cmp"
	"fmt"
	"io"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/grassroots-sim/grassroots/experiment"
	"github.com/grassroots-sim/grassroots/internal/atomicfile"
	"github.com/grassroots-sim/grassroots/population"
	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/sim"
)

// snapshotsDir is the directory of the output that holds the snapshots.
const snapshotsDir = "snapshots"

// snapshotFlag is run's --snapshots: the weeks at whose end the community
// is written out as data, listed or every so many, and whether of every
// replication or replication 0 alone.
type snapshotFlag struct {
	spec  string
	weeks []int // listed weeks, ascending, or nil
	every int   // or every this many weeks from week 0
	all   bool  // every replication
}

const snapshotUsage = "want weeks=W,W,... or every=N, optionally followed by ;reps=all"

func (f *snapshotFlag) String() string { return f.spec }

func (f *snapshotFlag) Set(s string) error {
	*f = snapshotFlag{spec: s}
	parts := strings.Split(s, ";")
	for _, p := range parts[1:] {
		if p != "reps=all" {
			return fmt.Errorf("%q: %s", p, snapshotUsage)
		}
		f.all = true
	}
	key, value, _ := strings.Cut(parts[0], "=")
	switch key {
	case "weeks":
		for w := range strings.SplitSeq(value, ",") {
			n, err := strconv.Atoi(w)
			if err != nil || n < 0 {
				return fmt.Errorf("week %q: want a whole number from 0", w)
			}
			f.weeks = append(f.weeks, n)
		}
		slices.Sort(f.weeks)
		f.weeks = slices.Compact(f.weeks)
	case "every":
		n, err := strconv.Atoi(value)
		if err != nil || n < 1 {
			return fmt.Errorf("every=%s: want a whole number of weeks from 1", value)
		}
		f.every = n
	default:
		return fmt.Errorf("%q: %s", s, snapshotUsage)
	}
	return nil
}

// resolve returns the weeks to snapshot within a horizon of the given
// weeks, and the number of snapshots of reps replications.
func (f *snapshotFlag) resolve(name string, horizon, reps int) ([]int, int, error) {
	weeks := f.weeks
	if f.every > 0 {
		weeks = nil
		for w := 0; w < horizon; w += f.every {
			weeks = append(weeks, w)
		}
	}
	if len(weeks) > 0 && weeks[len(weeks)-1] >= horizon {
		return nil, 0, fmt.Errorf("--snapshots: week %d is beyond the horizon of %s (weeks 0 to %d)", weeks[len(weeks)-1], name, horizon-1)
	}
	if f.all {
		return weeks, len(weeks) * reps, nil
	}
	return weeks, len(weeks), nil
}

// snapshotBytes is the memory of n snapshots of a community of residents,
// each a Population (copyBytes, twice over as it grows) and up to four
// memberships a resident, held until the run's outputs are written.
func snapshotBytes(n int, residents, ties int64) int64 {
	return int64(n) * (2*copyBytes(residents, ties) + residents*4*int64(reflect.TypeFor[sim.PopMembership]().Size()))
}

// weekSnapshot is the community at the end of one week of one replication.
type weekSnapshot struct {
	replication, week int
	p                 *sim.Population
	memberships       []sim.PopMembership
}

// snapshots collects the snapshots replications take, from any goroutine.
type snapshots struct {
	mu    sync.Mutex
	taken []weekSnapshot
}

// plan is what experiment.Run takes the snapshots of weeks with.
func (s *snapshots) plan(weeks []int, all bool) *experiment.Snapshots {
	if len(weeks) == 0 {
		return nil
	}
	return &experiment.Snapshots{Weeks: weeks, All: all, Take: func(r, w int, e *sim.Engine) error {
		snap := weekSnapshot{replication: r, week: w, p: e.Population(), memberships: e.Memberships()}
		s.mu.Lock()
		defer s.mu.Unlock()
		s.taken = append(s.taken, snap)
		return nil
	}}
}

// write writes every snapshot into dir/snapshots: week-WWW/ for
// replication 0 alone, rep-R/week-WWW/ for every replication, each holding
// the population files, memberships.csv and a scenario.toml that reads
// them. ref is the scenario as the command named it.
func (s *snapshots) write(dir string, sc *scenario.Scenario, ref string, all bool) error {
	slices.SortFunc(s.taken, func(a, b weekSnapshot) int {
		return cmp.Or(cmp.Compare(a.replication, b.replication), cmp.Compare(a.week, b.week))
	})
	weekDigits := max(3, len(strconv.Itoa(sc.Config.Calendar.Weeks()-1)))
	repDigits := len(strconv.Itoa(max(sc.Replications-1, 0)))
	for _, snap := range s.taken {
		rel := filepath.Join(snapshotsDir, fmt.Sprintf("week-%0*d", weekDigits, snap.week))
		if all {
			rel = filepath.Join(snapshotsDir, fmt.Sprintf("rep-%0*d", repDigits, snap.replication), filepath.Base(rel))
		}
		out := filepath.Join(dir, rel)
		if err := population.Write(out, snap.p); err != nil {
			return err
		}
		err := atomicfile.Write(filepath.Join(out, population.MembershipsFile), func(w io.Writer) error {
			return population.WriteMemberships(w, snap.memberships)
		})
		if err != nil {
			return err
		}
		data := dataScenario(sc, fmt.Sprintf("The community of %s at the end of week %d (seed %d, replication %d), written by grassroots run --snapshots.",
			sc.Name, snap.week, sc.Seed, snap.replication))
		err = atomicfile.Write(filepath.Join(out, populationScenario), func(w io.Writer) error {
			fmt.Fprintf(w, "# Written by grassroots run --snapshots from %s; run with\n#   grassroots run <output directory>/%s\n\n",
				ref, filepath.ToSlash(filepath.Join(rel, populationScenario)))
			return data.Encode(w)
		})
		if err != nil {
			return err
		}
	}
	return nil
}
