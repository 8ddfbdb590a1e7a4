package calibrate

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/grassroots-sim/grassroots/experiment"
	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/sim"
)

// Priors returns the parameters' priors, in order.
func (f *File) Priors() []Prior {
	out := make([]Prior, len(f.Params))
	for j, p := range f.Params {
		out[j] = p.Prior
		out[j].Integer = p.Integer
	}
	return out
}

// Observed returns the targets' values and standard errors, in order.
func (f *File) Observed() []Target {
	out := make([]Target, len(f.Targets))
	for k, t := range f.Targets {
		out[k] = Target{Value: t.Value, SE: t.SE}
	}
	return out
}

// Horizon is the number of weeks simulated: through the last target week.
func (f *File) Horizon() int { return f.horizon }

// Simulator returns grassroots as a Simulator: the base scenario with the
// parameters set, run for f.Replications replications (their seeds drawn
// from rng, in order) only as far as the last target week, and each
// target's mean over its weeks, averaged over the replications. The
// replications run on up to workers goroutines; each runs on one.
func (f *File) Simulator(workers int) Simulator {
	data := &scenario.DataCache{}
	return func(ctx context.Context, params []float64, rng *rand.Rand) ([]float64, error) {
		s, err := f.load(data, f.Params, params)
		if err != nil {
			return nil, err
		}
		seeds := make([]uint64, f.Replications)
		for r := range seeds {
			seeds[r] = rng.Uint64()
		}
		results := make([]*sim.Result, f.Replications)
		err = experiment.ForEach(ctx, f.Replications, workers, nil, func(ctx context.Context, r int) error {
			res, err := f.run(ctx, &s.Config, seeds[r])
			results[r] = res
			return err
		})
		if err != nil {
			return nil, err
		}
		moments := make([]float64, len(f.Targets))
		for _, res := range results {
			for k, t := range f.Targets {
				m, err := t.moment(res)
				if err != nil {
					return nil, err
				}
				moments[k] += m / float64(f.Replications)
			}
		}
		return moments, nil
	}
}

// moment is the target's metric in res, the mean over its weeks: the
// community's, or its group's as groups.csv gives it, over the weeks the
// group has a value (NaN if none).
func (t *TargetSpec) moment(res *sim.Result) (float64, error) {
	var sum float64
	if t.GroupBy == "" {
		for w := t.First; w <= t.Last; w++ {
			sum += res.Values[t.metric][w]
		}
		return sum / float64(t.Last-t.First+1), nil
	}
	k := res.GroupIndex(t.GroupBy, t.Group)
	if k < 0 {
		return 0, fmt.Errorf("the simulated community has no group %s=%s (target on line %d)", t.GroupBy, t.Group, t.Line)
	}
	weeks := 0
	for w := t.First; w <= t.Last; w++ {
		if v := res.GroupValue(w, k, t.gmetric); !math.IsNaN(v) {
			sum += v
			weeks++
		}
	}
	return sum / float64(weeks), nil // 0/0 when the group never had a value
}

// groups reports whether some target is a group's.
func (f *File) groups() bool {
	for _, t := range f.Targets {
		if t.GroupBy != "" {
			return true
		}
	}
	return false
}

// run simulates cfg with seed through the horizon.
func (f *File) run(ctx context.Context, cfg *sim.Config, seed uint64) (*sim.Result, error) {
	e, err := sim.New(cfg, seed, 1)
	if err != nil {
		return nil, err
	}
	defer e.Close()
	if f.groups() {
		e.EnableGroups() // only then: it costs time every week
	}
	for e.Week() < f.horizon {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		e.Step()
	}
	return e.Result(), nil
}
