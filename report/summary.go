package report

import (
	"encoding/csv"
	"io"
	"math"
	"strconv"

	"github.com/grassroots-sim/grassroots/sim"
	"github.com/grassroots-sim/grassroots/stats"
)

// The points in time every file the program writes reports metrics at:
// summary.csv and comparison.csv in their column at, a sweep's runs.csv as
// column suffixes (<metric>_end_of_project...).
const (
	AtEndOfProject = "end_of_project" // last week of the later stage
	AtEndOfHorizon = "end_of_horizon" // last recorded week, the follow-up's last if there is one
	AtAUC          = "auc"            // time average over all weeks, see stats.AUC
)

// TimePoints are the points in time, in the order files list them.
var TimePoints = [...]string{AtEndOfProject, AtEndOfHorizon, AtAUC}

// Summary is the across-replication estimate of every metric at a few
// points in time.
type Summary struct {
	Scenario string
	Rows     []SummaryRow
}

// SummaryRow is one metric at one point in time.
type SummaryRow struct {
	Metric   string
	Layer    string
	At       string // AtEndOfProject, AtEndOfHorizon or AtAUC
	Estimate stats.Estimate
}

// Summarize estimates every metric, in sim.Metrics order, at the end of the
// project, at the end of the horizon and as a time average. A result that
// lacks the week asked for (or is nil) contributes NaN, which makes that
// estimate NaN rather than silently averaging fewer replications.
func Summarize(scenario string, results []*sim.Result) Summary {
	s := Summary{Scenario: scenario}
	xs := make([]float64, len(results))
	for m, info := range sim.Metrics {
		for _, at := range TimePoints {
			for i, r := range results {
				xs[i] = ValueAt(r, sim.Metric(m), at)
			}
			s.Rows = append(s.Rows, SummaryRow{
				Metric:   info.Name,
				Layer:    string(info.Layer),
				At:       at,
				Estimate: stats.Estimate95(xs),
			})
		}
	}
	return s
}

// ValueAt is one replication's value of metric m at the point in time at
// (one of TimePoints). A calendar without project stages has its end of
// project at the end of the horizon; a nil result or a missing week is
// NaN.
func ValueAt(r *sim.Result, m sim.Metric, at string) float64 {
	if r == nil {
		return math.NaN()
	}
	ys := r.Values[m]
	switch at {
	case AtAUC:
		return stats.AUC(ys)
	case AtEndOfProject:
		// A calendar without project stages has no end of project; the
		// horizon's end is the closest meaningful stand-in.
		if pe := r.Calendar.ProjectEnd(); pe > 0 {
			return valueAt(ys, pe-1)
		}
	}
	return valueAt(ys, len(ys)-1)
}

func valueAt(ys []float64, w int) float64 {
	if w < 0 || w >= len(ys) {
		return math.NaN()
	}
	return ys[w]
}

// WriteSummary writes s as CSV with columns
// scenario,metric,layer,at,mean,sd,ci_low,ci_high,n.
func WriteSummary(w io.Writer, s Summary) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"scenario", "metric", "layer", "at", "mean", "sd", "ci_low", "ci_high", "n"}); err != nil {
		return err
	}
	for _, r := range s.Rows {
		e := r.Estimate
		err := cw.Write([]string{
			s.Scenario, r.Metric, r.Layer, r.At,
			FormatFloat(e.Mean), FormatFloat(e.SD), FormatFloat(e.Low), FormatFloat(e.High),
			strconv.Itoa(e.N),
		})
		if err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
