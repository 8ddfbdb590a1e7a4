package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/grassroots-sim/grassroots/sim"
)

// groupsHeader is the fixed leading columns of groups.csv; one column per
// sim.GroupMetrics follows.
var groupsHeader = []string{"scenario", "replication", "seed", "week", "stage", "group_by", "group", "size", "adults"}

// HasGroups reports whether every result measured groups of residents.
func HasGroups(results []*sim.Result) bool {
	for _, r := range results {
		if r == nil || len(r.Groups) == 0 {
			return false
		}
	}
	return len(results) > 0
}

// WriteGroups writes groups.csv: one row per scenario, replication, week
// and group of residents (sim.Engine.EnableGroups), with the group's size
// and adults, then every metric of sim.GroupMetrics. A value with nobody to
// be over (coverage in a group where no vulnerable resident needed care)
// is an empty cell. results[i] are the replications of scenarios[i].
func WriteGroups(w io.Writer, scenarios []string, results [][]*sim.Result) error {
	cw := csv.NewWriter(w)
	row := append([]string(nil), groupsHeader...)
	for _, m := range sim.GroupMetrics {
		row = append(row, m.Name)
	}
	if err := cw.Write(row); err != nil {
		return err
	}
	for i, name := range scenarios {
		if !HasGroups(results[i]) {
			return fmt.Errorf("report: scenario %q has no group measures to write", name)
		}
		for _, r := range results[i] {
			rep, seed := strconv.Itoa(r.Replication), strconv.FormatUint(r.Seed, 10)
			for wk := range r.Weeks() {
				week, stage := strconv.Itoa(wk), r.Stage(wk).String()
				for k, g := range r.Groups {
					row = append(row[:0], name, rep, seed, week, stage, g.By, g.Name, strconv.Itoa(g.Size), strconv.Itoa(g.Adults))
					for m := range sim.NumGroupMetrics {
						row = append(row, formatFloat(r.GroupValue(wk, k, m)))
					}
					if err := cw.Write(row); err != nil {
						return err
					}
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
