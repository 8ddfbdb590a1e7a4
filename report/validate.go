package report

import (
	"fmt"

	"github.com/grassroots-sim/grassroots/sim"
)

// checkResults reports nil results and results whose metrics were recorded
// for different numbers of weeks, both of which would misalign columns.
func checkResults(results []*sim.Result) error {
	for i, r := range results {
		if r == nil {
			return fmt.Errorf("report: result %d is nil", i)
		}
		n := r.Weeks()
		for m := range r.Values {
			if len(r.Values[m]) != n {
				return fmt.Errorf("report: result %d (replication %d): metric %s has %d weeks, want %d",
					i, r.Replication, sim.Metrics[m].Name, len(r.Values[m]), n)
			}
		}
	}
	return nil
}
