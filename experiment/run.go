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
	// Snapshots, if not nil, says which weeks of which replications to
	// hand over as they end.
	Snapshots *Snapshots
	// Groups makes every replication measure groups of residents
	// (sim.Engine.EnableGroups), for groups.csv.
	Groups bool
	// Resume, if not nil, lets Compare start scenarios from engines an
	// earlier comparison kept, and keeps this one's (see Resume).
	Resume *Resume
}

// Snapshots hands the engine to Take at the end of the weeks Weeks lists,
// in replication 0, or in every replication if All. Take may be called
// from several replications at once.
type Snapshots struct {
	Weeks []int // ascending
	All   bool
	Take  func(replication, week int, e *sim.Engine) error
}

// wants reports whether replication r takes any snapshot.
func (s *Snapshots) wants(r int) bool { return s != nil && len(s.Weeks) > 0 && (s.All || r == 0) }

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
		res, err := replicate(ctx, cfg, opts.Seed, r, inner, opts.Snapshots, opts.Groups)
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
	return replicate(ctx, cfg, seed, r, workers, nil, false)
}

// ReplicateGroups is Replicate that, if groups, measures groups of
// residents too (sim.Engine.EnableGroups), for groups.csv.
func ReplicateGroups(ctx context.Context, cfg *sim.Config, seed uint64, r, workers int, groups bool) (*sim.Result, error) {
	return replicate(ctx, cfg, seed, r, workers, nil, groups)
}

// replicate is Replicate that takes the snapshots snap asks of replication
// r, and measures groups if asked.
func replicate(ctx context.Context, cfg *sim.Config, seed uint64, r, workers int, snap *Snapshots, groups bool) (*sim.Result, error) {
	e, err := sim.New(cfg, sim.ReplicationSeed(seed, r), workers)
	if err != nil {
		return nil, err
	}
	if groups {
		e.EnableGroups()
	}
	defer e.Close()
	if snap.wants(r) {
		for _, w := range snap.Weeks {
			if w >= cfg.Calendar.Weeks() {
				break // beyond the horizon: the caller checks
			}
			for e.Week() <= w {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
				e.Step()
			}
			if err := snap.Take(r, w, e); err != nil {
				return nil, err
			}
		}
	}
	res, err := e.Run(ctx)
	if err != nil {
		return nil, err
	}
	res.Replication = r
	return res, nil
}
