package report_test

import (
	"bytes"
	"context"
	"fmt"
	"strings"

	"github.com/grassroots-sim/grassroots/experiment"
	"github.com/grassroots-sim/grassroots/report"
	"github.com/grassroots-sim/grassroots/scenario"
)

// small is the built-in scenario %[1]s with a community and a calendar
// small enough for an example to run in milliseconds.
const small = `name = "%[1]s"
extends = "%[1]s"

[community]
households = 40
buildings = 4
grids = 2

[calendar]
pre_project_weeks = 2
initial_weeks = 3
middle_weeks = 4
later_weeks = 3
follow_up_weeks = 3
`

// Write summary.csv for replications of a scenario: every metric at the
// end of the project, at the end of the horizon and as a time average,
// across replications. Only participation's rows are printed here.
func ExampleWriteSummary() {
	s, err := scenario.LoadBytes("small.toml", fmt.Appendf(nil, small, "full-programme"), nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	results, err := experiment.Run(context.Background(), &s.Config,
		experiment.Options{Seed: s.Seed, Replications: 4, Workers: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	var csv bytes.Buffer
	if err := report.WriteSummary(&csv, report.Summarize(s.Name, results)); err != nil {
		fmt.Println(err)
		return
	}
	for i, line := range strings.Split(csv.String(), "\n") {
		if i == 0 || strings.Contains(line, ",participation,") {
			fmt.Println(line)
		}
	}
	// Output:
	// scenario,metric,layer,at,mean,sd,ci_low,ci_high,n
	// full-programme,participation,micro,end_of_project,0.3494346788,0.03728902488,0.2900995191,0.4087698385,4
	// full-programme,participation,micro,end_of_horizon,0.3347410606,0.02511119212,0.2947835503,0.3746985709,4
	// full-programme,participation,micro,auc,0.2229863134,0.02663883445,0.1805979833,0.2653746435,4
}
