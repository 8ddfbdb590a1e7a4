package sweep

import (
	"math"
	"strconv"

	"github.com/grassroots-sim/grassroots/sim"
	"github.com/grassroots-sim/grassroots/stats"
)

// The points in time runs.csv reports every metric at, as column suffixes.
const (
	AtEndOfProject  = "end_of_project"   // last week of the later stage
	AtEndOfFollowUp = "end_of_follow_up" // last week of the horizon
	AtAUC           = "auc"              // time average over the horizon (stats.AUC)
)

var atPoints = [...]string{AtEndOfProject, AtEndOfFollowUp, AtAUC}

// DefaultOutcomes are the runs.csv columns a sensitivity analysis uses
// unless told otherwise.
var DefaultOutcomes = []string{
	"participation_" + AtEndOfProject, "participation_" + AtEndOfFollowUp,
	"cohesion_" + AtEndOfProject, "cohesion_" + AtEndOfFollowUp,
}

// OutcomeColumns returns the outcome columns of runs.csv, metric by metric
// in sim.Metrics order: <metric>_end_of_project, <metric>_end_of_follow_up,
// <metric>_auc.
func OutcomeColumns() []string {
	cols := make([]string, 0, len(sim.Metrics)*len(atPoints))
	for _, m := range sim.Metrics {
		for _, at := range atPoints {
			cols = append(cols, m.Name+"_"+at)
		}
	}
	return cols
}

// runsHeader and timeseriesHeader are the first lines of runs.csv and
// timeseries.csv.
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

func timeseriesHeader() string {
	b := []byte("point,replication,seed,week,stage")
	for _, m := range sim.Metrics {
		b = append(b, ',')
		b = append(b, m.Name...)
	}
	return string(append(b, '\n'))
}

// floatDigits matches the report package: ten significant digits.
const floatDigits = 10

// appendFloat writes v for CSV; NaN and ±Inf are the empty field.
func appendFloat(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return b
	}
	return strconv.AppendFloat(b, v, 'g', floatDigits, 64)
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
	b := make([]byte, 0, 64+len(sim.Metrics)*len(atPoints)*12)
	b = appendKey(b, point, rep, res.Seed)
	end := res.Weeks() - 1
	project := end
	if pe := res.Calendar.ProjectEnd(); pe > 0 {
		project = pe - 1
	}
	for m := range res.Values {
		ys := res.Values[m]
		for _, v := range [...]float64{valueAt(ys, project), valueAt(ys, end), stats.AUC(ys)} {
			b = append(b, ',')
			b = appendFloat(b, v)
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
		b = appendFloat(b, v)
	}
	return string(append(b, '\n'))
}

// timeseriesRows is the timeseries.csv lines of one run.
func timeseriesRows(point, rep int, res *sim.Result) string {
	var b []byte
	key := appendKey(nil, point, rep, res.Seed)
	for w := range res.Weeks() {
		b = append(b, key...)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(w), 10)
		b = append(b, ',')
		b = append(b, res.Stage(w).String()...)
		for m := range res.Values {
			b = append(b, ',')
			b = appendFloat(b, res.Values[m][w])
		}
		b = append(b, '\n')
	}
	return string(b)
}

func valueAt(ys []float64, w int) float64 {
	if w < 0 || w >= len(ys) {
		return math.NaN()
	}
	return ys[w]
}
