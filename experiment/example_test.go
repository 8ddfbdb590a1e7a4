package experiment_test

import (
	"context"
	"fmt"

	"github.com/grassroots-sim/grassroots/experiment"
	"github.com/grassroots-sim/grassroots/report"
	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/sim"
	"github.com/grassroots-sim/grassroots/stats"
)

// tiny makes a community and a calendar small enough for an example to
// run in milliseconds.
var tiny = []string{
	"community.households=40", "community.buildings=4", "community.grids=2",
	"calendar.pre_project_weeks=2", "calendar.initial_weeks=3", "calendar.middle_weeks=4",
	"calendar.later_weeks=3", "calendar.follow_up_weeks=3",
}

// Run replications of a scenario: the results are the same whatever the
// number of workers.
func ExampleRun() {
	s, err := scenario.Load("full-programme", tiny)
	if err != nil {
		fmt.Println(err)
		return
	}
	results, err := experiment.Run(context.Background(), &s.Config,
		experiment.Options{Seed: s.Seed, Replications: 3, Workers: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range results {
		fmt.Printf("replication %d: %d weeks, participation %.3f at the end\n",
			r.Replication, r.Weeks(), report.ValueAt(r, sim.Participation, report.AtEndOfHorizon))
	}
	// Output:
	// replication 0: 15 weeks, participation 0.347 at the end
	// replication 1: 15 weeks, participation 0.364 at the end
	// replication 2: 15 weeks, participation 0.308 at the end
}

// Compare two scenarios under common random numbers: replication r of
// each has the same seed, so their difference is paired.
func ExampleCompare() {
	var cfgs []*sim.Config
	for _, name := range []string{"baseline", "full-programme"} {
		s, err := scenario.Load(name, tiny)
		if err != nil {
			fmt.Println(err)
			return
		}
		cfgs = append(cfgs, &s.Config)
	}
	results, err := experiment.Compare(context.Background(), cfgs,
		experiment.Options{Seed: 1, Replications: 4, Workers: 2})
	if err != nil {
		fmt.Println(err)
		return
	}
	at := func(rs []*sim.Result) []float64 {
		xs := make([]float64, len(rs))
		for i, r := range rs {
			xs[i] = report.ValueAt(r, sim.Participation, report.AtEndOfProject)
		}
		return xs
	}
	d := stats.Paired95(at(results[0]), at(results[1]))
	fmt.Printf("participation at the end of the project: %+.3f [%+.3f, %+.3f] over %d pairs\n", d.Mean, d.Low, d.High, d.N)
	// Output: participation at the end of the project: +0.211 [+0.141, +0.282] over 4 pairs
}
