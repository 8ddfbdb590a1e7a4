package effects

import (
	"context"

	"github.com/grassroots-sim/grassroots/experiment"
	"github.com/grassroots-sim/grassroots/sim"
)

// Check runs every scenario the checks need, with the overrides (see
// Scenarios), for reps replications with common random numbers and
// forking, and decides every finding.
func Check(ctx context.Context, overrides []string, seed uint64, reps, workers int) ([]Finding, *Data, error) {
	names, cfgs, err := Scenarios(overrides)
	if err != nil {
		return nil, nil, err
	}
	all, err := experiment.Compare(ctx, cfgs, experiment.Options{Seed: seed, Replications: reps, Workers: workers})
	if err != nil {
		return nil, nil, err
	}
	rows := make([][]float64, reps)
	for r := range rows {
		res := make([]*sim.Result, len(cfgs))
		for i := range cfgs {
			res[i] = all[i][r]
		}
		if rows[r], err = Observe(names, res); err != nil {
			return nil, nil, err
		}
	}
	d, err := NewData(rows)
	if err != nil {
		return nil, nil, err
	}
	return Evaluate(d), d, nil
}

// Replicate runs replication r of every scenario the checks need, with
// the overrides, and returns its observations (in Columns order) and the
// resident-weeks of its results (weeks that forks share count once per
// scenario, so this overstates what was simulated).
func Replicate(ctx context.Context, overrides []string, seed uint64, r, workers int) ([]float64, float64, error) {
	names, cfgs, err := Scenarios(overrides)
	if err != nil {
		return nil, 0, err
	}
	res, err := experiment.CompareReplication(ctx, cfgs, seed, r, workers)
	if err != nil {
		return nil, 0, err
	}
	var rw float64
	for _, x := range res {
		rw += float64(x.Residents) * float64(x.Weeks())
	}
	row, err := Observe(names, res)
	return row, rw, err
}
