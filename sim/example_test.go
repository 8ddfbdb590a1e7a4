package sim_test

import (
	"context"
	"fmt"
	"log"
	"reflect"
	"strings"

	"github.com/grassroots-sim/grassroots/sim"
)

// Build the default community (as the field study found it, without the
// project) for one replication and step it week by week. Each Step runs
// the model's weekly schedule and records the week's metrics.
func Example() {
	cfg := sim.Defaults()
	e, err := sim.New(&cfg, sim.ReplicationSeed(1, 0), 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer e.Close()
	for e.Week() < 12 {
		e.Step()
	}
	res := e.Result()
	last := res.Weeks() - 1
	fmt.Printf("%d residents, %d weeks recorded, now in the %s stage\n", e.Residents(), res.Weeks(), res.Stage(last))
	fmt.Printf("participation %.2f, cohesion %.2f\n", res.Values[sim.Participation][last], res.Values[sim.Cohesion][last])
	// Output:
	// 2706 residents, 12 weeks recorded, now in the initial stage
	// participation 0.10, cohesion 0.21
}

// Run simulates the whole horizon (or what is left of it) and returns the
// recorded result: one value per metric and week.
func ExampleEngine_Run() {
	cfg := sim.Defaults()
	cfg.Calendar = sim.Calendar{PreProject: 4, Initial: 4, Middle: 8, Later: 4, FollowUp: 4}
	e, err := sim.New(&cfg, sim.ReplicationSeed(1, 0), 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer e.Close()
	res, err := e.Run(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range []sim.Metric{sim.Participation, sim.TrustMean, sim.Backlog} {
		fmt.Printf("%s at week %d: %.3f\n", sim.Metrics[m].Name, res.Weeks(), res.Values[m][res.Weeks()-1])
	}
	// Output:
	// participation at week 24: 0.121
	// trust at week 24: 0.334
	// backlog at week 24: 1.847
}

// Replications of a scenario differ only by their seed, which
// ReplicationSeed derives from the scenario's seed: replication r of two
// scenarios run with the same seed shares its random numbers, so their
// difference is the scenarios'. The worker count never changes a result.
func Example_replications() {
	cfg := sim.Defaults()
	cfg.Calendar = sim.Calendar{PreProject: 4, Initial: 4, Middle: 8, Later: 4, FollowUp: 4}
	run := func(seed uint64, workers int) *sim.Result {
		e, err := sim.New(&cfg, seed, workers)
		if err != nil {
			log.Fatal(err)
		}
		defer e.Close()
		res, err := e.Run(context.Background())
		if err != nil {
			log.Fatal(err)
		}
		return res
	}
	const scenarioSeed = 42
	var sum float64
	for rep := range 3 {
		res := run(sim.ReplicationSeed(scenarioSeed, rep), 2)
		end := res.Values[sim.Cohesion][res.Weeks()-1]
		fmt.Printf("replication %d: cohesion %.3f\n", rep, end)
		sum += end
	}
	fmt.Printf("mean: %.3f\n", sum/3)
	one, two := run(sim.ReplicationSeed(scenarioSeed, 0), 1), run(sim.ReplicationSeed(scenarioSeed, 0), 2)
	fmt.Println("same on one worker and two:", one.Values[sim.Cohesion][one.Weeks()-1] == two.Values[sim.Cohesion][two.Weeks()-1])
	// Output:
	// replication 0: cohesion 0.220
	// replication 1: cohesion 0.219
	// replication 2: cohesion 0.218
	// mean: 0.219
	// same on one worker and two: true
}

// The phases of a week, in the order Step runs them; each can be switched
// off through Config.Phases (the record, "measure", cannot).
func ExamplePhaseNames() {
	fmt.Println(strings.Join(sim.PhaseNames(), " → "))
	// Output:
	// calendar → needs → services → activities → organizations → discussion → attitudes → measure
}

// Two scenarios that differ only in the project share every week before
// the project starts: ForkWeek says how many, and Fork continues a run of
// the first as the second from there, as a fresh run of the second would.
func ExampleEngine_Fork() {
	baseline := sim.Defaults()
	baseline.Calendar = sim.Calendar{PreProject: 6, Initial: 4, Middle: 8, Later: 4, FollowUp: 4}
	project := baseline
	project.Project.Enabled = true
	project.Stages.Initial.HomeVisits = sim.Measure{Intensity: 1, WeeklyCost: 300}
	week := sim.ForkWeek(&baseline, &project)
	fmt.Println("shared weeks:", week)

	seed := sim.ReplicationSeed(7, 0)
	e, err := sim.New(&baseline, seed, 1)
	if err != nil {
		log.Fatal(err)
	}
	defer e.Close()
	for e.Week() < week {
		e.Step()
	}
	forked, err := e.Fork(&project, 1)
	if err != nil {
		log.Fatal(err)
	}
	defer forked.Close()
	fresh, err := sim.New(&project, seed, 1)
	if err != nil {
		log.Fatal(err)
	}
	defer fresh.Close()
	a, err := forked.Run(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	b, err := fresh.Run(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	last := a.Weeks() - 1
	fmt.Printf("role clarity at week %d: forked %.3f, fresh %.3f\n", a.Weeks(), a.Values[sim.RoleClarity][last], b.Values[sim.RoleClarity][last])
	fmt.Println("every metric of every week the same:", reflect.DeepEqual(a.Values, b.Values))
	// Output:
	// shared weeks: 6
	// role clarity at week 26: forked 0.101, fresh 0.101
	// every metric of every week the same: true
}
