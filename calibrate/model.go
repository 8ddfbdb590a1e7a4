package calibrate

import (
	"context"
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
				var sum float64
				for w := t.First; w <= t.Last; w++ {
					sum += res.Values[t.metric][w]
				}
				moments[k] += sum / float64(t.Last-t.First+1) / float64(f.Replications)
			}
		}
		return moments, nil
	}
}

// run simulates cfg with seed through the horizon.
func (f *File) run(ctx context.Context, cfg *sim.Config, seed uint64) (*sim.Result, error) {
	e, err := sim.New(cfg, seed, 1)
	if err != nil {
		return nil, err
	}
	defer e.Close()
	for e.Week() < f.horizon {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		e.Step()
	}
	return e.Result(), nil
}
