package experiment

import (
	"context"

	"github.com/grassroots-sim/grassroots/sim"
)

// Plan is how a set of scenarios is run together: each scenario after the
// first forks from the earlier scenario it shares the most weeks with, at
// the first week they can differ (sim.ForkWeek). Scenarios that share
// nothing run from the start.
type Plan struct {
	Parent []int // Parent[i] is the scenario i forks from, -1 for a fresh run
	Week   []int // Week[i] is the week scenario i forks at (0 for a fresh run)
}

// PlanForks chooses, for every scenario, the earlier scenario to fork from.
func PlanForks(cfgs []*sim.Config) Plan {
	p := Plan{Parent: make([]int, len(cfgs)), Week: make([]int, len(cfgs))}
	for i := range cfgs {
		p.Parent[i] = -1
		for j := range i {
			w := sim.ForkWeek(cfgs[j], cfgs[i])
			// j itself starts as a fork at Week[j]; before that it is its
			// parent, so fork from the parent instead.
			for j >= 0 && w < p.Week[j] {
				j = p.Parent[j]
			}
			if j >= 0 && w > p.Week[i] {
				p.Parent[i], p.Week[i] = j, w
			}
		}
	}
	return p
}

// Compare runs opts.Replications replications of every configuration with
// common random numbers: replication r of each uses the same seed, and
// scenarios that share their first weeks are simulated once up to the week
// they differ and then forked (see PlanForks), which gives the same results
// as separate runs. It returns results[scenario][replication].
func Compare(ctx context.Context, cfgs []*sim.Config, opts Options) ([][]*sim.Result, error) {
	plan := PlanForks(cfgs)
	return compare(ctx, len(cfgs), func(int) ([]*sim.Config, Plan) { return cfgs, plan }, opts)
}

// CompareEach is Compare with configurations that may differ from one
// replication to the next (parameters drawn from a posterior): replication
// r of scenario i runs cfgs(r)[i]. Forking stays exact because the plan is
// made within each replication, whose scenarios share its draw.
func CompareEach(ctx context.Context, scenarios int, cfgs func(r int) []*sim.Config, opts Options) ([][]*sim.Result, error) {
	return compare(ctx, scenarios, func(r int) ([]*sim.Config, Plan) {
		c := cfgs(r)
		return c, PlanForks(c)
	}, opts)
}

func compare(ctx context.Context, scenarios int, replication func(r int) ([]*sim.Config, Plan), opts Options) ([][]*sim.Result, error) {
	n := opts.Replications
	results := make([][]*sim.Result, scenarios)
	for i := range results {
		results[i] = make([]*sim.Result, n)
	}
	concurrent, inner := Split(opts.Workers, n)
	err := forEachReplication(ctx, n, concurrent, opts.Progress, func(ctx context.Context, r int) error {
		cfgs, plan := replication(r)
		return replicateAll(ctx, cfgs, plan, opts, r, inner, results)
	})
	if err != nil {
		return nil, err
	}
	return results, nil
}

// CompareReplication runs replication r of every configuration, forking
// as Compare does, on workers goroutines, and returns one result per
// configuration: exactly Compare's results[i][r]. It lets a caller that
// journals replications one by one (a sweep) run them separately.
func CompareReplication(ctx context.Context, cfgs []*sim.Config, seed uint64, r, workers int) ([]*sim.Result, error) {
	results := make([][]*sim.Result, len(cfgs))
	for i := range results {
		results[i] = make([]*sim.Result, r+1)
	}
	if err := replicateAll(ctx, cfgs, PlanForks(cfgs), Options{Seed: seed}, r, max(1, workers), results); err != nil {
		return nil, err
	}
	out := make([]*sim.Result, len(cfgs))
	for i := range out {
		out[i] = results[i][r]
	}
	return out, nil
}

// replicateAll runs replication r of every scenario, following the plan,
// or from engines opts.Resume kept where that starts them later.
func replicateAll(ctx context.Context, cfgs []*sim.Config, plan Plan, opts Options, r, workers int, results [][]*sim.Result) error {
	seed := sim.ReplicationSeed(opts.Seed, r)
	starts := make([]*sim.Engine, len(cfgs))
	if opts.Resume != nil {
		starts, plan = opts.Resume.startFrom(cfgs, plan, opts.Seed, r, opts.Groups)
	}
	// advance steps scenario i's engine to week to, keeping it for
	// opts.Resume as it passes the start of i's middle stage.
	advance := func(i int, e *sim.Engine, to int) error {
		for e.Week() < to {
			if err := ctx.Err(); err != nil {
				return err
			}
			e.Step()
			if opts.Resume != nil && e.Week() == keepWeek(cfgs[i]) && e.Week() < cfgs[i].Calendar.Weeks() {
				if err := opts.Resume.keep(cfgs[i], opts.Seed, r, opts.Groups, e); err != nil {
					return err
				}
			}
		}
		return nil
	}
	var run func(i int, e *sim.Engine) error
	run = func(i int, e *sim.Engine) error {
		defer e.Close()
		// Fork the children of i in the order of their fork weeks.
		for {
			next := -1
			for k, p := range plan.Parent {
				if p == i && plan.Week[k] >= e.Week() && results[k][r] == nil && (next < 0 || plan.Week[k] < plan.Week[next]) {
					next = k
				}
			}
			if next < 0 {
				break
			}
			if err := advance(i, e, plan.Week[next]); err != nil {
				return err
			}
			f, err := e.Fork(cfgs[next], workers)
			if err != nil {
				return err
			}
			if err := run(next, f); err != nil {
				return err
			}
		}
		if err := advance(i, e, cfgs[i].Calendar.Weeks()); err != nil {
			return err
		}
		res := e.Result()
		res.Replication = r
		results[i][r] = res
		return nil
	}
	for i, p := range plan.Parent {
		if p >= 0 {
			continue
		}
		var e *sim.Engine
		var err error
		if starts[i] != nil {
			e, err = starts[i].Fork(cfgs[i], workers) // measures groups if the kept engine does, as asked
		} else {
			e, err = sim.New(cfgs[i], seed, workers)
		}
		if err != nil {
			return err
		}
		if opts.Groups {
			e.EnableGroups()
		}
		if err := run(i, e); err != nil {
			return err
		}
	}
	return nil
}
