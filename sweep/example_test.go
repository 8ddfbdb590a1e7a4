package sweep_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/grassroots-sim/grassroots/sweep"
)

// tiny makes a community and a calendar small enough for an example to
// run in milliseconds.
var tiny = []string{
	"community.households=40", "community.buildings=4", "community.grids=2",
	"calendar.pre_project_weeks=2", "calendar.initial_weeks=3", "calendar.middle_weeks=4",
	"calendar.later_weeks=3", "calendar.follow_up_weeks=3",
}

// Plan a grid sweep, with parameters as --vary gives them, and run it
// into a directory: runs.csv has one row per run, whatever the workers.
func ExampleOpen() {
	b, err := sweep.ParseVary("macro.bureaucracy=0.2:0.8:3")
	if err != nil {
		fmt.Println(err)
		return
	}
	spec := &sweep.Spec{Base: "baseline", Method: sweep.MethodGrid, Replications: 2, Params: []sweep.Param{b}, Set: tiny}
	plan, err := sweep.NewPlan(spec, 2)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range plan.Points {
		fmt.Println("point", p.ID, "bureaucracy", p.Values[0].TOML)
	}
	dir, err := os.MkdirTemp("", "sweep-example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	sw, err := sweep.Open(plan, sweep.Options{Dir: filepath.Join(dir, "out"), Workers: 2, ProgramVersion: "example"})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer sw.Close()
	sum, err := sw.Run(context.Background())
	if err != nil {
		fmt.Println(err)
		return
	}
	runs, err := os.ReadFile(filepath.Join(dir, "out", sweep.RunsFile))
	if err != nil {
		fmt.Println(err)
		return
	}
	lines := strings.Split(strings.TrimSpace(string(runs)), "\n")
	fmt.Println(sum.Computed, "runs;", len(lines)-1, "rows;", strings.Join(strings.Split(lines[0], ",")[:5], ","), "...")
	// Output:
	// point 0 bureaucracy 0.2
	// point 1 bureaucracy 0.5
	// point 2 bureaucracy 0.8
	// 6 runs; 6 rows; point,replication,seed,participation_end_of_project,participation_end_of_horizon ...
}
