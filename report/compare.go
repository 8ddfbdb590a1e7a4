package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/grassroots-sim/grassroots/sim"
	"github.com/grassroots-sim/grassroots/stats"
)

// AtEndOfFollowUp is the last week of the horizon, named for comparisons
// where what remains after the project leaves is the question.
const AtEndOfFollowUp = "end_of_follow_up"

// Comparison is every scenario's paired difference from a baseline.
type Comparison struct {
	Baseline string
	Rows     []ComparisonRow
}

// ComparisonRow is one scenario's difference from the baseline in one
// metric at one point in time, paired by replication (common random
// numbers), with what the scenario costs more than the baseline.
type ComparisonRow struct {
	Scenario string
	Metric   string
	Layer    string
	At       string // AtEndOfProject, AtEndOfFollowUp or AtAUC
	Value    stats.Estimate
	Diff     stats.Estimate // scenario − baseline, paired
	Cost     float64        // mean total cost over the horizon, yuan
	CostDiff float64        // mean paired extra cost over the baseline, yuan
	// GainPer10k is Diff.Mean per 10,000 yuan of extra cost; NaN when the
	// scenario costs no more than the baseline.
	GainPer10k float64
}

// Compare builds the comparison of each scenario with the baseline (index
// baseline of names and results, results[scenario][replication]) for the
// given metrics. Replication r of every scenario must share a seed.
func Compare(names []string, results [][]*sim.Result, baseline int, metrics []sim.Metric) (Comparison, error) {
	if len(names) != len(results) || baseline < 0 || baseline >= len(names) {
		return Comparison{}, fmt.Errorf("report: %d names for %d result sets, baseline %d", len(names), len(results), baseline)
	}
	for i, rs := range results {
		if err := checkResults(rs); err != nil {
			return Comparison{}, fmt.Errorf("report: scenario %s: %w", names[i], err)
		}
		if len(rs) != len(results[baseline]) {
			return Comparison{}, fmt.Errorf("report: scenario %s has %d replications, the baseline %d", names[i], len(rs), len(results[baseline]))
		}
		for r := range rs {
			if rs[r].Seed != results[baseline][r].Seed {
				return Comparison{}, fmt.Errorf("report: scenario %s replication %d has another seed than the baseline: not paired", names[i], r)
			}
		}
	}
	c := Comparison{Baseline: names[baseline]}
	n := len(results[baseline])
	base, xs := make([]float64, n), make([]float64, n)
	cost := func(rs []*sim.Result, dst []float64) {
		for r, res := range rs {
			dst[r] = summaryValue(res, sim.Cost, AtEndOfHorizon)
		}
	}
	baseCost := make([]float64, n)
	cost(results[baseline], baseCost)
	for i, rs := range results {
		scenarioCost := make([]float64, n)
		cost(rs, scenarioCost)
		costDiff := stats.Paired95(baseCost, scenarioCost).Mean
		meanCost := stats.Estimate95(scenarioCost).Mean
		for _, m := range metrics {
			info := sim.Metrics[m]
			for _, at := range []string{AtEndOfProject, AtEndOfFollowUp, AtAUC} {
				key := at
				if at == AtEndOfFollowUp {
					key = AtEndOfHorizon
				}
				for r := range n {
					base[r] = summaryValue(results[baseline][r], m, key)
					xs[r] = summaryValue(rs[r], m, key)
				}
				diff := stats.Paired95(base, xs)
				gain := math.NaN()
				if costDiff > 0 {
					gain = diff.Mean / (costDiff / 10000)
				}
				c.Rows = append(c.Rows, ComparisonRow{
					Scenario: names[i], Metric: info.Name, Layer: string(info.Layer), At: at,
					Value: stats.Estimate95(xs), Diff: diff, Cost: meanCost, CostDiff: costDiff, GainPer10k: gain,
				})
			}
		}
	}
	return c, nil
}

// WriteComparison writes c as CSV with columns scenario,baseline,metric,
// layer,at,mean,diff,diff_ci_low,diff_ci_high,n,cost,extra_cost,
// gain_per_10k_yuan.
func WriteComparison(w io.Writer, c Comparison) error {
	cw := csv.NewWriter(w)
	header := []string{"scenario", "baseline", "metric", "layer", "at", "mean", "diff", "diff_ci_low", "diff_ci_high",
		"n", "cost", "extra_cost", "gain_per_10k_yuan"}
	if err := cw.Write(header); err != nil {
		return err
	}
	for _, r := range c.Rows {
		err := cw.Write([]string{r.Scenario, c.Baseline, r.Metric, r.Layer, r.At,
			formatFloat(r.Value.Mean), formatFloat(r.Diff.Mean), formatFloat(r.Diff.Low), formatFloat(r.Diff.High),
			strconv.Itoa(r.Diff.N), formatFloat(r.Cost), formatFloat(r.CostDiff), formatFloat(r.GainPer10k)})
		if err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteComparisonMarkdown writes the end-of-project and end-of-follow-up
// rows of c as a Markdown table for reading in a terminal or a report: each
// scenario's value and its paired difference from the baseline with the
// 95% interval, marked * when the interval excludes zero. With fewer than
// two replications there is no interval, and nothing is marked.
func WriteComparisonMarkdown(w io.Writer, c Comparison) error {
	if _, err := fmt.Fprintf(w, "| scenario | metric | at | mean | difference from %s (95%% CI) | extra cost (yuan) | gain per 10k yuan |\n|---|---|---|---:|---:|---:|---:|\n", c.Baseline); err != nil {
		return err
	}
	for _, r := range c.Rows {
		if r.At == AtAUC || r.Scenario == c.Baseline {
			continue
		}
		// NaN bounds (fewer than 2 replications) compare false: no mark.
		interval := fmt.Sprintf("[%s, %s]", signed(r.Diff.Low), signed(r.Diff.High))
		if r.Diff.N < 2 {
			interval = fmt.Sprintf("[no interval: n = %d]", r.Diff.N)
		} else if r.Diff.Low > 0 || r.Diff.High < 0 {
			interval += " *"
		}
		if _, err := fmt.Fprintf(w, "| %s | %s | %s | %s | %s %s | %s | %s |\n", r.Scenario, r.Metric, r.At,
			short(r.Value.Mean), signed(r.Diff.Mean), interval,
			short(r.CostDiff), short(r.GainPer10k)); err != nil {
			return err
		}
	}
	return nil
}

func short(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	return strconv.FormatFloat(v, 'g', 3, 64)
}

func signed(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	if v >= 0 {
		return "+" + short(v)
	}
	return short(v)
}
