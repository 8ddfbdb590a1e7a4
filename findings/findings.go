// Package findings runs the study's findings (package effects) over a
// Latin hypercube of the plausible ranges of the model's behaviour
// parameters, on the sweep machinery (journal, resume, shards, merge), and
// reports where in that space each finding holds and which parameters
// break it: findings.csv, findings.md and a figure per finding.
package findings

import (
	"context"
	"slices"
	"strings"

	"github.com/grassroots-sim/grassroots/effects"
	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/sweep"
)

// Base is the scenario every point is applied to; the checks' scenarios
// each take the point's values (see effects.Scenarios).
const Base = "baseline"

// Groups are the tables whose keys with a plausible range are varied: the
// behaviour rules, the participation decision's weights and the macro
// conditions. The community's description and the project's team are
// inputs a planner knows or chooses, not uncertain behaviour.
var Groups = []string{"behaviour", "participation", "macro"}

// inactive are keys with a plausible range that the base scenario does
// not use: the threshold rule's, under the default logistic rule. Varying
// them would only cost the analysis degrees of freedom.
var inactive = []string{"participation.threshold_mean", "participation.threshold_sd", "participation.initiators"}

// Params returns the keys a findings run varies: every key of Groups with
// a plausible range, except the inactive ones, in the schema's order.
func Params() ([]string, error) {
	s, err := scenario.Load(Base, nil)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, p := range scenario.Params(s) {
		if p.Plausible != nil && slices.Contains(Groups, p.Group) && !slices.Contains(inactive, p.Path) {
			out = append(out, p.Path)
		}
	}
	return out, nil
}

// Spec is a findings run: samples points of a Latin hypercube over
// Params' plausible ranges, reps replications each.
func Spec(samples, reps int, seed uint64, seedSet bool) (*sweep.Spec, error) {
	paths, err := Params()
	if err != nil {
		return nil, err
	}
	spec := &sweep.Spec{Name: "findings", Base: Base, Method: sweep.MethodLHS, Samples: samples,
		Replications: reps, Seed: seed, SeedSet: seedSet, Runner: Runner{}}
	for _, path := range paths {
		p, err := sweep.ParseVary(path + "=plausible")
		if err != nil {
			return nil, err
		}
		spec.Params = append(spec.Params, p)
	}
	return spec, nil
}

// Runner runs one replication of every scenario of the checks at a point.
type Runner struct{}

// Name is recorded in the sweep's manifest.
func (Runner) Name() string { return "findings" }

// Columns are the observations the checks read.
func (Runner) Columns() []string { return effects.Columns() }

// Run computes one replication's observations.
func (Runner) Run(ctx context.Context, overrides []string, seed uint64, rep, workers int) ([]float64, float64, error) {
	return effects.Replicate(ctx, overrides, seed, rep, workers)
}

// short drops a parameter's table for labels: behaviour.tie_decay →
// tie_decay.
func short(path string) string {
	if _, rest, ok := strings.Cut(path, "."); ok && strings.HasPrefix(path, "behaviour.") {
		return rest
	}
	return path
}
