// Command phasetime prints where a replication's time goes: the mean wall
// time of each phase of the engine over some replications of a built-in
// scenario (or a scenario file), from Engine.EnableTiming. -set overrides
// a key as on the command line of grassroots run.
//
//	go run ./tools/phasetime -workers 2 -reps 20 full-programme
//	go run ./tools/phasetime -workers 2 -reps 20 -groups full-programme
//	go run ./tools/phasetime -reps 1 -set community.households=36500 -set community.buildings=1460 -set community.grids=274
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/sim"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "phasetime:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("phasetime", flag.ContinueOnError)
	workers := fs.Int("workers", 2, "worker goroutines within the replication")
	reps := fs.Int("reps", 10, "replications, run one after another")
	groups := fs.Bool("groups", false, "measure groups, as run and compare do")
	var sets []string
	fs.Func("set", "override a scenario key, key=value (repeatable)", func(v string) error {
		sets = append(sets, v)
		return nil
	})
	if err := fs.Parse(args); err != nil {
		return err
	}
	name := "full-programme"
	if fs.NArg() > 0 {
		name = fs.Arg(0)
	}
	s, err := scenario.Load(name, sets)
	if err != nil {
		return err
	}
	names := sim.PhaseNames()
	phases := make([]time.Duration, len(names))
	start := time.Now()
	for k := range *reps {
		e, err := sim.New(&s.Config, sim.ReplicationSeed(s.Seed, k), *workers)
		if err != nil {
			return err
		}
		e.EnableTiming()
		if *groups {
			e.EnableGroups()
		}
		_, err = e.Run(context.Background())
		for p, d := range e.PhaseTimes() {
			phases[p] += d
		}
		e.Close()
		if err != nil {
			return err
		}
	}
	per := func(d time.Duration) time.Duration { return d / time.Duration(max(*reps, 1)) }
	fmt.Fprintf(stdout, "%s, %d workers, %d weeks: %v a replication (mean of %d), of which\n", name, *workers, s.Config.Calendar.Weeks(), per(time.Since(start)).Round(time.Microsecond), *reps)
	for p, d := range phases {
		fmt.Fprintf(stdout, "  %-14s %v\n", names[p], per(d).Round(time.Microsecond))
	}
	return nil
}
