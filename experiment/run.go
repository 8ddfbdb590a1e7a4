package experiment

import (
	"context"

	"github.com/grassroots-sim/grassroots/sim"
)

// Options says how to run the replications of one configuration.
type Options struct {
	Seed         uint64 // scenario seed; replication r uses sim.ReplicationSeed(Seed, r)
	Replications int
	Workers      int // goroutines in all; values below 1 mean 1
	// Progress, if not nil, is called after each replication finishes with
	// the number done so far. Calls are serialised.
	Progress func(done, total int)
	// Groups makes every replication measure groups of residents
	// (sim.Engine.EnableGroups), for groups.csv.
	Groups bool
}

// Split shares workers between replications running at once and worker
// goroutines within each: whole replications in parallel first, since they
// share nothing, and the remaining workers inside them.
func Split(workers, reps int) (concurrent, inner int) {
	workers = max(workers, 1)
	concurrent = max(1, min(workers, reps))
	inner = max(1, workers/concurrent)
	return concurrent, inner
}

// Run runs opts.Replications replications of cfg and returns their results
// in replication order. The results do not depend on opts.Workers. It stops
// at the first error, or when ctx is cancelled.
func Run(ctx context.Context, cfg *sim.Config, opts Options) ([]*sim.Result, error) {
	results := make([]*sim.Result, opts.Replications)
	concurrent, inner := Split(opts.Workers, opts.Replications)
	err := forEachReplication(ctx, opts.Replications, concurrent, opts.Progress, func(ctx context.Context, r int) error {
		res, err := replicate(ctx, cfg, opts.Seed, r, inner, opts.Groups)
		results[r] = res
		return err
	})
	if err != nil {
		return nil, err
	}
	return results, nil
}

// Replicate runs replication r of cfg with the given seed on workers
// goroutines.
func Replicate(ctx context.Context, cfg *sim.Config, seed uint64, r, workers int) (*sim.Result, error) {
	return replicate(ctx, cfg, seed, r, workers, false)
}

// replicate is Replicate, measuring groups if asked.
func replicate(ctx context.Context, cfg *sim.Config, seed uint64, r, workers int, groups bool) (*sim.Result, error) {
	e, err := sim.New(cfg, sim.ReplicationSeed(seed, r), workers)
	if err != nil {
		return nil, err
	}
	if groups {
		e.EnableGroups()
	}
	defer e.Close()
	res, err := e.Run(ctx)
	if err != nil {
		return nil, err
	}
	res.Replication = r
	return res, nil
}
