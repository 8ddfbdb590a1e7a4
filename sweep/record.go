package sweep

import (
	"strconv"
	"strings"

	"github.com/grassroots-sim/grassroots/report"
	"github.com/grassroots-sim/grassroots/sim"
)

// DefaultOutcomes are the runs.csv columns a sensitivity analysis uses
// unless told otherwise.
var DefaultOutcomes = []string{
	"participation_" + report.AtEndOfProject, "participation_" + report.AtEndOfHorizon,
	"cohesion_" + report.AtEndOfProject, "cohesion_" + report.AtEndOfHorizon,
}

// OutcomeColumns returns the outcome columns of runs.csv, metric by metric
// in sim.Metrics order, each at every report.TimePoints:
// <metric>_end_of_project, <metric>_end_of_horizon, <metric>_auc.
func OutcomeColumns() []string {
	cols := make([]string, 0, len(sim.Metrics)*len(report.TimePoints))
	for _, m := range sim.Metrics {
		for _, at := range report.TimePoints {
			cols = append(cols, m.Name+"_"+at)
		}
	}
	return cols
}

// runsHeader, timeseriesHeader and groupsHeader are the first lines of
// runs.csv, timeseries.csv and groups.csv.
func runsHeader(columns []string) string {
	if columns == nil {
		columns = OutcomeColumns()
	}
	b := []byte("point,replication,seed")
	for _, c := range columns {
		b = append(b, ',')
		b = append(b, c...)
	}
	return string(append(b, '\n'))
}

// OutcomeName is the runs.csv column an outcome name given by a user
// means: <metric>_end_of_follow_up, the name of <metric>_end_of_horizon
// before the two outputs shared one schema, still reads as it.
func OutcomeName(name string) string {
	if m, ok := strings.CutSuffix(name, "_end_of_follow_up"); ok {
		return m + "_" + report.AtEndOfHorizon
	}
	return name
}

func timeseriesHeader() string {
	return strings.Join(report.TimeseriesColumns("point"), ",") + "\n"
}

func groupsHeader() string {
	return strings.Join(report.GroupsColumns("point"), ",") + "\n"
}

func appendKey(b []byte, point, rep int, seed uint64) []byte {
	b = strconv.AppendInt(b, int64(point), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(rep), 10)
	b = append(b, ',')
	return strconv.AppendUint(b, seed, 10)
}

// runRow is the runs.csv line of one run, with its newline.
func runRow(point, rep int, res *sim.Result) string {
	b := make([]byte, 0, 64+len(sim.Metrics)*len(report.TimePoints)*12)
	b = appendKey(b, point, rep, res.Seed)
	for m := range res.Values {
		for _, at := range report.TimePoints {
			b = append(b, ',')
			b = report.AppendFloat(b, report.ValueAt(res, sim.Metric(m), at))
		}
	}
	return string(append(b, '\n'))
}

// runnerRow is the runs.csv line of a run computed by a Runner.
func runnerRow(point, rep int, seed uint64, values []float64) string {
	b := make([]byte, 0, 64+len(values)*12)
	b = appendKey(b, point, rep, seed)
	for _, v := range values {
		b = append(b, ',')
		b = report.AppendFloat(b, v)
	}
	return string(append(b, '\n'))
}

// timeseriesRows is the timeseries.csv lines of one run.
func timeseriesRows(point int, res *sim.Result) string {
	return string(report.AppendTimeseries(nil, strconv.Itoa(point), res))
}

// groupsRows is the groups.csv lines of one run, which measured groups.
func groupsRows(point int, res *sim.Result) string {
	return string(report.AppendGroups(nil, strconv.Itoa(point), res))
}
