package report

import (
	"encoding/csv"
	"io"
	"strconv"

	"github.com/grassroots-sim/grassroots/sim"
)

// timeseriesHeader is the fixed leading columns; one column per metric follows.
var timeseriesHeader = []string{"scenario", "replication", "week", "stage"}

// WriteTimeseries writes one CSV row per replication per week: scenario,
// replication, week (from 0), stage, then every metric of sim.Metrics in
// column order. Replications keep the order given.
func WriteTimeseries(w io.Writer, scenario string, results []*sim.Result) error {
	if err := checkResults(results); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	row := make([]string, 0, len(timeseriesHeader)+int(sim.NumMetrics))
	row = append(row, timeseriesHeader...)
	for _, m := range sim.Metrics {
		row = append(row, m.Name)
	}
	if err := cw.Write(row); err != nil {
		return err
	}
	for _, r := range results {
		rep := strconv.Itoa(r.Replication)
		for wk := range r.Weeks() {
			row = append(row[:0], scenario, rep, strconv.Itoa(wk), r.Stage(wk).String())
			for m := range r.Values {
				row = append(row, formatFloat(r.Values[m][wk]))
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}
