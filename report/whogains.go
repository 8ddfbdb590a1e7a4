package report

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"

	"github.com/grassroots-sim/grassroots/sim"
	"github.com/grassroots-sim/grassroots/stats"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// WhoGains is, for one group metric at one point in time, every group of
// one grouping's paired difference from the baseline (docs/model.md §6,
// "For whom"): the per-group counterpart of Compare's rows.
type WhoGains struct {
	Baseline string
	Metric   string // a name in sim.GroupMetrics
	By       string // a grouping: sim.ByIncome...
	At       string // AtEndOfProject or AtEndOfHorizon
	Groups   []string
	Rows     []GroupRow // scenario by scenario (the baseline left out), group by group
}

// GroupRow is one group's value in one scenario and its paired difference
// from the same group in the baseline.
type GroupRow struct {
	Scenario, Group string
	Base, Value     stats.Estimate
	Diff            stats.Estimate // scenario − baseline, paired by replication
}

// WhoGainsMetrics are the group metrics a planner can ask "who gains" of:
// every one of sim.GroupMetrics but the count of the needy (a
// denominator, not an outcome).
func WhoGainsMetrics() []string {
	var out []string
	for _, m := range sim.GroupMetrics {
		if m.Over != "" {
			out = append(out, m.Name)
		}
	}
	return out
}

// WhoGainsFirst are the group metrics a planner reads first, of
// WhoGainsMetrics: taking part, the care of the vulnerable, belonging,
// trust and close ties. The rest are for a second look.
var WhoGainsFirst = []string{"participation", "vulnerable_coverage", "belonging", "trust", "strong_tie_share"}

// Groupings are the groupings of residents groups.csv reports, the income
// quintiles first.
var Groupings = []string{sim.ByIncome, sim.ByEducation, sim.ByAge, sim.ByVulnerable, sim.ByParty, sim.ByGrid}

// groupMetricByName returns the group metric named name.
func groupMetricByName(name string) (sim.GroupMetric, bool) {
	for m, info := range sim.GroupMetrics {
		if info.Name == name && info.Over != "" {
			return sim.GroupMetric(m), true
		}
	}
	return 0, false
}

// checkPaired checks that results[i] are the replications of names[i],
// each paired with the baseline's by seed, as Compare needs them.
func checkPaired(names []string, results [][]*sim.Result, baseline int) error {
	if len(names) != len(results) || baseline < 0 || baseline >= len(names) {
		return fmt.Errorf("report: %d names for %d result sets, baseline %d", len(names), len(results), baseline)
	}
	for i, rs := range results {
		if err := checkResults(rs); err != nil {
			return fmt.Errorf("report: scenario %s: %w", names[i], err)
		}
		if len(rs) != len(results[baseline]) {
			return fmt.Errorf("report: scenario %s has %d replications, the baseline %d", names[i], len(rs), len(results[baseline]))
		}
		for r := range rs {
			if rs[r].Seed != results[baseline][r].Seed {
				return fmt.Errorf("report: scenario %s replication %d has another seed than the baseline: not paired", names[i], r)
			}
		}
	}
	return nil
}

// CompareGroups is Compare for the groups of one grouping: each group's
// value of group metric metric at at, in every scenario and its paired
// difference from the baseline (stats.Paired95, as Compare's). Every
// result must have measured groups (experiment.Options.Groups).
func CompareGroups(names []string, results [][]*sim.Result, baseline int, metric, by, at string) (WhoGains, error) {
	if err := checkPaired(names, results, baseline); err != nil {
		return WhoGains{}, err
	}
	m, ok := groupMetricByName(metric)
	if !ok {
		return WhoGains{}, fmt.Errorf("report: no group metric %q; there are %s", metric, strings.Join(WhoGainsMetrics(), ", "))
	}
	if !slices.Contains(Groupings, by) {
		return WhoGains{}, fmt.Errorf("report: no grouping %q; there are %s", by, strings.Join(Groupings, ", "))
	}
	if !slices.Contains(TimePoints[:], at) {
		return WhoGains{}, fmt.Errorf("report: no point in time %q", at)
	}
	for i, rs := range results {
		if !HasGroups(rs) {
			return WhoGains{}, fmt.Errorf("report: scenario %s has no group measures", names[i])
		}
	}
	g := WhoGains{Baseline: names[baseline], Metric: metric, By: by, At: at}
	var index []int // of the grouping's groups in Result.Groups
	for k, grp := range results[baseline][0].Groups {
		if grp.By == by {
			g.Groups, index = append(g.Groups, grp.Name), append(index, k)
		}
	}
	n := len(results[baseline])
	base, xs := make([]float64, n), make([]float64, n)
	for i, rs := range results {
		if i == baseline {
			continue
		}
		for j, k := range index {
			for r := range n {
				base[r] = groupValue(results[baseline][r], k, m, at)
				xs[r] = groupValue(rs[r], k, m, at)
			}
			g.Rows = append(g.Rows, GroupRow{Scenario: names[i], Group: g.Groups[j],
				Base: stats.Estimate95(base), Value: stats.Estimate95(xs), Diff: stats.Paired95(base, xs)})
		}
	}
	return g, nil
}

// groupValue is one replication's group metric m of group k at at, as
// equityValue is for an equity summary.
func groupValue(r *sim.Result, k int, m sim.GroupMetric, at string) float64 {
	if r == nil || k >= len(r.Groups) || r.Weeks() == 0 {
		return math.NaN()
	}
	return overWeeks(r, at, func(w int) float64 { return r.GroupValue(w, k, m) })
}

// groupScale is how values of a group metric or an equity summary of the
// given unit are shown: shares and their differences in percentage
// points, anything else as it is.
func groupScale(unit string) (factor float64, label string, decimals int) {
	switch unit {
	case "share", "share difference":
		return 100, "percentage points", 1
	case "index", "concentration index":
		return 1, unit, 3
	}
	return 1, unit, -1
}

// groupUnit is the unit of the group metric named name, that of the
// metric of the same name.
func groupUnit(name string) string {
	if m, ok := sim.MetricByName(name); ok {
		return sim.Metrics[m].Unit
	}
	return ""
}

// FormattedGroupRow is a GroupRow formatted for reading, shares in
// percentage points (or percent, for levels).
type FormattedGroupRow struct {
	Scenario, Group string
	Base, Value     string
	Diff, Interval  string
	Gains, Loses    bool // the interval lies above zero, below zero
}

// FormatWhoGains formats g's rows: shares as percentages and their
// differences in percentage points with one decimal, indices with three
// decimals, other units to three significant digits.
func FormatWhoGains(g WhoGains) []FormattedGroupRow {
	factor, _, dec := groupScale(groupUnit(g.Metric))
	var out []FormattedGroupRow
	for _, r := range g.Rows {
		d := dec
		if d < 0 {
			d = decimalsFor("", r.Base.Mean, r.Value.Mean, r.Diff.Low, r.Diff.High)
		}
		if math.IsNaN(r.Base.Mean) && math.IsNaN(r.Value.Mean) {
			// Nobody in the group is one the metric is over: children
			// for participation, nobody vulnerable in need for coverage.
			out = append(out, FormattedGroupRow{Scenario: r.Scenario, Group: GroupLabel(g.By, r.Group),
				Base: "–", Value: "–", Diff: "no value:", Interval: "nobody in this group is measured"})
			continue
		}
		f := FormattedGroupRow{Scenario: r.Scenario, Group: GroupLabel(g.By, r.Group),
			Base: formatIn(factor*r.Base.Mean, d, false), Value: formatIn(factor*r.Value.Mean, d, false),
			Diff:     formatIn(factor*r.Diff.Mean, d, true),
			Interval: fmt.Sprintf("[%s, %s]", formatIn(factor*r.Diff.Low, d, true), formatIn(factor*r.Diff.High, d, true)),
			Gains:    r.Diff.N >= 2 && r.Diff.Low > 0, Loses: r.Diff.N >= 2 && r.Diff.High < 0}
		if r.Diff.N < 2 {
			f.Interval = fmt.Sprintf("[no interval: n = %d]", r.Diff.N)
		}
		if factor == 100 {
			f.Base += "%"
			f.Value += "%"
		}
		out = append(out, f)
	}
	return out
}

// WhoGainsUnit says in words what the differences of FormatWhoGains and
// GroupFigure are in.
func WhoGainsUnit(metric string) string {
	_, label, _ := groupScale(groupUnit(metric))
	return label
}

// GroupingLabel is a grouping's name in words.
func GroupingLabel(by string) string {
	switch by {
	case sim.ByIncome:
		return "income fifth"
	case sim.ByEducation:
		return "education"
	case sim.ByAge:
		return "age"
	case sim.ByVulnerable:
		return "vulnerable or not"
	case sim.ByParty:
		return "party membership"
	case sim.ByGrid:
		return "grid"
	}
	return by
}

// GroupLabel is a group's name in words.
func GroupLabel(by, name string) string {
	switch by {
	case sim.ByIncome:
		switch name {
		case "q1":
			return "poorest fifth (q1)"
		case "q5":
			return "richest fifth (q5)"
		}
		return strings.Replace(name, "q", "income fifth ", 1)
	case sim.ByGrid:
		return "grid " + name
	}
	return strings.ReplaceAll(name, "_", " ")
}

// groupTick is a group's short label for an axis.
func groupTick(by, name string) string {
	switch {
	case by == sim.ByIncome && name == "q1":
		return "q1 poorest"
	case by == sim.ByIncome && name == "q5":
		return "q5 richest"
	case by == sim.ByGrid:
		return "grid " + name
	}
	return strings.ReplaceAll(name, "_", " ")
}

// GroupFigure draws g: each group's paired difference from the baseline
// with its 95% interval, a dot and a whisker per scenario side by side in
// the colours Curve gives the scenarios, around a zero line. Names is the
// scenarios in the order Curve draws them (the baseline among them), so
// that colours match. It is laid out for FigureWidth × FigureHeight.
func GroupFigure(g WhoGains, names []string) (*plot.Plot, error) {
	if len(g.Groups) == 0 {
		return nil, fmt.Errorf("report: no groups of %s to draw", g.By)
	}
	factor, unit, _ := groupScale(groupUnit(g.Metric))
	p := plot.New()
	style(p)
	when := "end of the project"
	if g.At == AtEndOfHorizon {
		when = "end of the follow-up"
	}
	p.Title.Text = fmt.Sprintf("%s by %s: difference from %s, %s", g.Metric, GroupingLabel(g.By), g.Baseline, when)
	p.Y.Label.Text = "difference (" + unit + ")"
	p.X.Label.Text = GroupingLabel(g.By)
	grid := plotter.NewGrid()
	grid.Vertical.Color = nil
	grid.Horizontal = draw.LineStyle{Color: color.Gray{Y: 0xD0}, Width: vg.Points(0.4), Dashes: []vg.Length{vg.Points(2), vg.Points(2)}}
	p.Add(grid, zeroLine{})
	var scenarios []string
	for _, r := range g.Rows {
		if !slices.Contains(scenarios, r.Scenario) {
			scenarios = append(scenarios, r.Scenario)
		}
	}
	legend := newSideLegend(p.Legend)
	lo, hi := 0.0, 0.0
	width := 0.6 // of a group's slot the scenarios share
	for s, name := range scenarios {
		style := slices.Index(names, name)
		if style < 0 {
			style = s + 1
		}
		col := SeriesColor(style)
		var pts plotter.XYs
		var errs plotter.YErrors
		for _, r := range g.Rows {
			if r.Scenario != name || !isFinite(r.Diff.Mean) {
				continue
			}
			j := slices.Index(g.Groups, r.Group)
			x := float64(j)
			if len(scenarios) > 1 {
				x += width * (float64(s)/float64(len(scenarios)-1) - 0.5)
			}
			y, low, high := factor*r.Diff.Mean, factor*r.Diff.Low, factor*r.Diff.High
			if !isFinite(low) || !isFinite(high) {
				low, high = y, y
			}
			pts = append(pts, plotter.XY{X: x, Y: y})
			errs = append(errs, struct{ Low, High float64 }{y - low, high - y})
			lo, hi = math.Min(lo, low), math.Max(hi, high)
		}
		if len(pts) == 0 {
			continue
		}
		dots, err := plotter.NewScatter(pts)
		if err != nil {
			return nil, err
		}
		dots.Color = col
		dots.Shape = seriesGlyph(style)
		dots.Radius = vg.Points(3.2)
		bars, err := plotter.NewYErrorBars(whiskers{pts, errs})
		if err != nil {
			return nil, err
		}
		bars.Color = col
		bars.Width = vg.Points(1.4)
		bars.CapWidth = vg.Points(6)
		p.Add(bars, dots)
		legend.Add(name+" − "+g.Baseline, dots)
	}
	legend.Add("")
	legend.Add("dot: mean paired difference")
	legend.Add("whisker: its 95% interval")
	p.Add(frame{}, legend)
	ticks := make(plot.ConstantTicks, len(g.Groups))
	for j, name := range g.Groups {
		ticks[j] = plot.Tick{Value: float64(j), Label: groupTick(g.By, name)}
	}
	p.X.Tick.Marker = ticks
	p.X.Min, p.X.Max = -0.6, float64(len(g.Groups))-0.4
	p.Y.Tick.Marker = niceTicks{target: 6}
	p.Y.Min, p.Y.Max = yRange(lo, hi, false)
	if p.Y.Min == 0 {
		p.Y.Min = -0.08 * p.Y.Max
	}
	if p.Y.Max == 0 {
		p.Y.Max = -0.08 * p.Y.Min
	}
	return p, nil
}

// whiskers are dots with their intervals, for plotter.YErrorBars.
type whiskers struct {
	plotter.XYs
	plotter.YErrors
}

// seriesGlyph tells scenarios apart without colour, as SeriesDashes does
// for lines.
func seriesGlyph(i int) draw.GlyphDrawer {
	glyphs := []draw.GlyphDrawer{draw.CircleGlyph{}, draw.CircleGlyph{}, draw.SquareGlyph{}, draw.TriangleGlyph{}, draw.PyramidGlyph{}, draw.RingGlyph{}}
	return glyphs[i%len(glyphs)]
}
