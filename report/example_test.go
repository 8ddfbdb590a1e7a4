package report_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/grassroots-sim/grassroots/experiment"
	"github.com/grassroots-sim/grassroots/report"
	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/sim"
)

// tiny makes a community and a calendar small enough for an example to
// run in milliseconds.
var tiny = []string{
	"community.households=40", "community.buildings=4", "community.grids=2",
	"calendar.pre_project_weeks=2", "calendar.initial_weeks=3", "calendar.middle_weeks=4",
	"calendar.later_weeks=3", "calendar.follow_up_weeks=3",
}

// Write summary.csv for replications of a scenario: every metric at the
// end of the project, at the end of the horizon and as a time average,
// across replications. Only participation's rows are printed here.
func ExampleWriteSummary() {
	s, err := scenario.Load("full-programme", tiny)
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

// Compare two scenarios and print the table grassroots compare prints.
func ExampleWriteComparisonMarkdown() {
	names := []string{"baseline", "full-programme"}
	var cfgs []*sim.Config
	for _, name := range names {
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
	c, err := report.Compare(names, results, 0, []sim.Metric{sim.Participation})
	if err != nil {
		fmt.Println(err)
		return
	}
	report.WriteComparisonMarkdown(os.Stdout, c)
	// Output:
	// | scenario | metric | at | mean | difference from baseline (95% CI) | extra cost (yuan) | gain per 10,000 yuan |
	// |---|---|---|---:|---:|---:|---:|
	// | full-programme | participation | end_of_project | 0.335 | +0.214 [+0.133, +0.295] * | +64,400 | 0.0332 |
	// | full-programme | participation | end_of_horizon | 0.342 | +0.208 [+0.151, +0.266] * | +64,400 | 0.0324 |
	//
	// \* the 95% confidence interval of the difference excludes zero.
	//
	// - mean: over 4 replications; difference: scenario − baseline, paired by replication (same seeds).
	// - extra cost: the scenario's cost over the whole horizon minus the baseline's, in yuan.
	// - gain per 10,000 yuan: the difference per 10,000 yuan of extra cost, in the metric's unit; – where the scenario costs no more.
	// - participation: a share from 0 to 1 (0.100 is 10%): share of adult and elder residents who took part in a discussion of community affairs at least once in the last four weeks.
}
