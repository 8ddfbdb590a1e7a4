package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/grassroots-sim/grassroots/sim"
	"github.com/grassroots-sim/grassroots/stats"
)

// Comparison is every scenario's paired difference from a baseline.
type Comparison struct {
	Baseline string
	Rows     []ComparisonRow
	// Posterior names the posterior each replication's parameters were
	// drawn from (compare --posterior), "" when they were not.
	Posterior string
}

// ComparisonRow is one scenario's difference from the baseline in one
// metric at one point in time, paired by replication (common random
// numbers), with what the scenario costs more than the baseline.
type ComparisonRow struct {
	Scenario string
	Metric   string
	Layer    string
	At       string // one of TimePoints
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
// given metrics, then, when every result measured groups, for every
// summary of Equities. Replication r of every scenario must share a seed.
func Compare(names []string, results [][]*sim.Result, baseline int, metrics []sim.Metric) (Comparison, error) {
	if err := checkPaired(names, results, baseline); err != nil {
		return Comparison{}, err
	}
	c := Comparison{Baseline: names[baseline]}
	groups := true // every result measured groups: add the equity summaries
	for _, rs := range results {
		groups = groups && HasGroups(rs)
	}
	n := len(results[baseline])
	base, xs := make([]float64, n), make([]float64, n)
	cost := func(rs []*sim.Result, dst []float64) {
		for r, res := range rs {
			dst[r] = ValueAt(res, sim.Cost, AtEndOfHorizon)
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
			for _, at := range TimePoints {
				for r := range n {
					base[r] = ValueAt(results[baseline][r], m, at)
					xs[r] = ValueAt(rs[r], m, at)
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
		if !groups {
			continue
		}
		// Does the scenario narrow the gap or widen it: paired differences
		// of the equity summaries, with no gain per yuan (a gap is not a gain).
		for _, q := range Equities {
			for _, at := range TimePoints {
				for r := range n {
					base[r] = equityValue(results[baseline][r], q, at)
					xs[r] = equityValue(rs[r], q, at)
				}
				c.Rows = append(c.Rows, ComparisonRow{
					Scenario: names[i], Metric: q.Name, Layer: q.Layer, At: at,
					Value: stats.Estimate95(xs), Diff: stats.Paired95(base, xs), Cost: meanCost, CostDiff: costDiff, GainPer10k: math.NaN(),
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
			FormatFloat(r.Value.Mean), FormatFloat(r.Diff.Mean), FormatFloat(r.Diff.Low), FormatFloat(r.Diff.High),
			strconv.Itoa(r.Diff.N), FormatFloat(r.Cost), FormatFloat(r.CostDiff), FormatFloat(r.GainPer10k)})
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
// 95% interval, marked * when the interval excludes zero. Money is in
// yuan with thousands separators, shares and indices with three decimals;
// notes under the table explain the mark and every unit.
// With fewer than two replications there is no interval, and nothing is
// marked.
func WriteComparisonMarkdown(w io.Writer, c Comparison) error {
	var b strings.Builder
	fmt.Fprintf(&b, "| scenario | metric | at | mean | difference from %s (95%% CI) | extra cost (yuan) | gain per 10,000 yuan |\n|---|---|---|---:|---:|---:|---:|\n", c.Baseline)
	for _, r := range FormatComparison(c) {
		interval := r.Interval
		if r.Excludes0 {
			interval += " *"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s %s | %s | %s |\n", r.Scenario, r.Metric, r.At,
			r.Mean, r.Diff, interval, r.ExtraCost, r.GainPer10k)
	}
	notes := ComparisonNotes(c)
	fmt.Fprintf(&b, "\n%s\n\n", strings.Replace(notes[0], "*", "\\*", 1))
	for _, n := range notes[1:] {
		fmt.Fprintf(&b, "- %s\n", n)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// FormattedRow is a ComparisonRow formatted for reading, as the Markdown
// table and report.html show it.
type FormattedRow struct {
	Scenario, Metric, At  string
	Mean, Diff            string
	Interval              string // "[low, high]", or why there is none
	ExtraCost, GainPer10k string
	// Gain is the difference per 100,000 yuan of extra cost in a unit
	// that reads without a string of zeros: shares in percentage points,
	// indices in hundredths ("pts"), anything else in its own unit. The
	// workbench and report.html show it; the Markdown table and the CSV
	// keep GainPer10k.
	Gain      string
	Excludes0 bool // the interval of the difference excludes zero
}

// FormatComparison formats the end-of-project and end-of-follow-up rows of
// every scenario but the baseline: money in yuan with thousands
// separators, shares and indices with three decimals, the rest to three
// significant digits, never in exponent notation. With fewer than two
// replications there is no interval, and nothing excludes zero.
func FormatComparison(c Comparison) []FormattedRow {
	var out []FormattedRow
	for _, r := range c.Rows {
		if r.At == AtAUC || r.Scenario == c.Baseline {
			continue
		}
		unit := unitOf(r.Metric)
		dec := decimalsFor(unit, r.Value.Mean, r.Diff.Mean, r.Diff.Low, r.Diff.High)
		gainDec := decimalsFor("", r.GainPer10k) // small: significant digits, even of a share
		if unit == "yuan" {
			gainDec = 0
		}
		f := FormattedRow{
			Scenario: r.Scenario, Metric: r.Metric, At: r.At,
			Mean: formatIn(r.Value.Mean, dec, false), Diff: formatIn(r.Diff.Mean, dec, true),
			Interval:  fmt.Sprintf("[%s, %s]", formatIn(r.Diff.Low, dec, true), formatIn(r.Diff.High, dec, true)),
			ExtraCost: formatIn(r.CostDiff, 0, true), GainPer10k: formatIn(r.GainPer10k, gainDec, false),
			Gain:      gainPer100k(r.GainPer10k, unit),
			Excludes0: r.Diff.N >= 2 && (r.Diff.Low > 0 || r.Diff.High < 0),
		}
		if r.Diff.N < 2 {
			f.Interval = fmt.Sprintf("[no interval: n = %d]", r.Diff.N)
		}
		out = append(out, f)
	}
	return out
}

// gainPer100k formats a gain per 10,000 yuan of a metric of the given
// unit as a gain per 100,000 yuan: shares and indices in points (a
// hundredth of the 0-1 scale), with " pts", to three significant digits.
func gainPer100k(per10k float64, unit string) string {
	v, suffix := 10*per10k, ""
	switch unit {
	case "share", "index":
		v, suffix = 100*v, " pts"
	case "yuan":
		return formatIn(v, 0, true)
	}
	return formatIn(v, min(3, decimalsFor("", v)), true) + suffix
}

// ComparisonNotes explain a comparison table: first the * mark (or why
// there is none), then the columns and the unit of every metric in it.
func ComparisonNotes(c Comparison) []string {
	return comparisonNotes(c, "gain per 10,000 yuan: the difference per 10,000 yuan of extra cost, in the metric's unit; – where the scenario costs no more.")
}

// ReadingNotes are ComparisonNotes for a table that shows Gain, the gain
// per 100,000 yuan, instead of GainPer10k: the workbench's and
// report.html's.
func ReadingNotes(c Comparison) []string {
	return comparisonNotes(c, "gain per 100,000 yuan: the difference per 100,000 yuan of extra cost; for shares in percentage points (+2.5 pts: 2.5 more residents in 100), "+
		"for indices in hundredths of the 0–1 scale (pts), otherwise in the metric's unit; – where the scenario costs no more.")
}

func comparisonNotes(c Comparison, gainNote string) []string {
	var metrics []string // in order of appearance
	reps := 0
	for _, r := range c.Rows {
		if r.At == AtAUC || r.Scenario == c.Baseline {
			continue
		}
		if !slices.Contains(metrics, r.Metric) {
			metrics = append(metrics, r.Metric)
		}
		reps = max(reps, r.Diff.N)
	}
	notes := []string{
		"* the 95% confidence interval of the difference excludes zero.",
		fmt.Sprintf("mean: over %d replications; difference: scenario − %s, paired by replication (same seeds).", reps, c.Baseline),
	}
	if reps < 2 {
		notes = []string{
			"No interval and no mark: one replication says nothing of the spread; run at least two (--reps).",
			fmt.Sprintf("mean: of one replication; difference: scenario − %s, with the same seed.", c.Baseline),
		}
	}
	if c.Posterior != "" {
		notes = append(notes, fmt.Sprintf("parameters: each replication's drawn from the posterior %s, the same draw for every scenario of the replication, so the intervals include what the calibration leaves uncertain.", c.Posterior))
	}
	notes = append(notes,
		"extra cost: the scenario's cost over the whole horizon minus the baseline's, in yuan.",
		gainNote)
	for _, name := range metrics {
		notes = append(notes, fmt.Sprintf("%s: %s.", name, unitNote(name)))
	}
	return notes
}

// unitOf is the unit of the metric named name, "" if unknown.
func unitOf(name string) string {
	if m, ok := sim.MetricByName(name); ok {
		return sim.Metrics[m].Unit
	}
	if q, ok := equityByName(name); ok {
		return q.Unit
	}
	return ""
}

// unitNote says in words what the values of the metric named name are.
func unitNote(name string) string {
	if q, ok := equityByName(name); ok {
		return "a " + q.Unit + " (docs/model.md §4.11): " + q.Doc
	}
	m, ok := sim.MetricByName(name)
	if !ok {
		return "unknown metric"
	}
	info := sim.Metrics[m]
	switch info.Unit {
	case "share":
		return "a share from 0 to 1 (0.100 is 10%): " + info.Doc
	case "index":
		return "an index from 0 to 1: " + info.Doc
	}
	return "in " + info.Unit + ": " + info.Doc
}

// decimalsFor is the number of decimals for values of the given unit, the
// same for all of vs so that they line up: none for yuan, three for shares
// and indices, otherwise enough to show the largest of vs to three
// significant digits.
func decimalsFor(unit string, vs ...float64) int {
	switch unit {
	case "yuan":
		return 0
	case "share", "index", "share difference", "concentration index":
		return 3
	}
	largest := 0.0
	for _, v := range vs {
		if isFinite(v) {
			largest = math.Max(largest, math.Abs(v))
		}
	}
	if largest == 0 {
		return 0
	}
	return max(0, 2-int(math.Floor(math.Log10(largest))))
}

// formatIn formats v for reading: with the given decimals, thousands
// separators and never in exponent notation. signed adds a + to positive
// values. NaN and ±Inf become "–".
func formatIn(v float64, decimals int, signed bool) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "–"
	}
	s := groupThousands(strconv.FormatFloat(v, 'f', decimals, 64))
	if strings.Trim(s, "-0.") == "" {
		return strings.TrimPrefix(s, "-") // a value rounded to zero has no sign
	}
	if signed && !strings.HasPrefix(s, "-") {
		s = "+" + s
	}
	return s
}

// groupThousands puts a comma between each group of three digits of the
// integer part of a formatted number.
func groupThousands(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	intPart, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, d := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return sign + b.String()
}
