package report

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"github.com/grassroots-sim/grassroots/sim"
)

// TimeseriesColumns are the columns of every timeseries.csv the program
// writes: key (scenario for run and compare, point for a sweep),
// replication, seed, week (from 0), stage, then every metric of
// sim.Metrics in order.
func TimeseriesColumns(key string) []string {
	cols := make([]string, 0, 5+len(sim.Metrics))
	cols = append(cols, key, "replication", "seed", "week", "stage")
	for _, m := range sim.Metrics {
		cols = append(cols, m.Name)
	}
	return cols
}

// WriteTimeseries writes one CSV row per replication per week, with the
// columns TimeseriesColumns("scenario"). Replications keep the order
// given.
func WriteTimeseries(w io.Writer, scenario string, results []*sim.Result) error {
	if err := checkResults(results); err != nil {
		return err
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(strings.Join(TimeseriesColumns("scenario"), ",") + "\n")
	key := csvField(scenario)
	var b []byte
	for _, r := range results {
		b = AppendTimeseries(b[:0], key, r)
		if _, err := bw.Write(b); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// AppendTimeseries appends the timeseries.csv rows of r, each starting
// with key, which must be a valid CSV field (quoted if need be).
func AppendTimeseries(b []byte, key string, r *sim.Result) []byte {
	for w := range r.Weeks() {
		b = appendRowStart(b, key, r, w)
		for m := range r.Values {
			if m > 0 {
				b = append(b, ',')
			}
			b = AppendFloat(b, r.Values[m][w])
		}
		b = append(b, '\n')
	}
	return b
}

// appendRowStart appends the fields every per-week row of a result starts
// with, each followed by a comma: key, replication, seed, week and stage
// (timeseries.csv and groups.csv).
func appendRowStart(b []byte, key string, r *sim.Result, wk int) []byte {
	b = append(b, key...)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(r.Replication), 10)
	b = append(b, ',')
	b = strconv.AppendUint(b, r.Seed, 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(wk), 10)
	b = append(b, ',')
	b = append(b, csvField(r.Stage(wk).String())...)
	return append(b, ',')
}
