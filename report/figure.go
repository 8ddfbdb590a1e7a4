package report

import (
	"errors"
	"fmt"
	"image/color"
	"math"

	"github.com/grassroots-sim/grassroots/sim"
	"github.com/grassroots-sim/grassroots/stats"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// The size figures are laid out for.
const (
	FigureWidth  = 8 * vg.Inch
	FigureHeight = 4.5 * vg.Inch
)

// Series is one scenario's replications, drawn as one curve.
type Series struct {
	Label   string
	Results []*sim.Result
}

// weekly is a series' per-week estimate across replications.
type weekly struct {
	mean, low, high []float64
	reps            int
}

// checkSeries checks that the replications of a series share a calendar
// and horizon, otherwise week-wise means would mix different runs.
func checkSeries(s Series) error {
	if len(s.Results) == 0 {
		return fmt.Errorf("report: series %q has no results", s.Label)
	}
	if err := checkResults(s.Results); err != nil {
		return fmt.Errorf("series %q: %w", s.Label, err)
	}
	first := s.Results[0]
	for _, r := range s.Results[1:] {
		if r.Calendar != first.Calendar || r.Weeks() != first.Weeks() {
			return fmt.Errorf("report: series %q: replications %d and %d differ in calendar or weeks",
				s.Label, first.Replication, r.Replication)
		}
	}
	return nil
}

// estimateWeekly estimates every week of series s: the mean of metric m
// across replications with its 95% interval.
func estimateWeekly(m sim.Metric, s Series) (weekly, error) {
	if err := checkSeries(s); err != nil {
		return weekly{}, err
	}
	xs := make([]float64, len(s.Results))
	return byWeek(s.Results[0].Weeks(), len(s.Results), func(w int) stats.Estimate {
		for i, r := range s.Results {
			xs[i] = r.Values[m][w]
		}
		return stats.Estimate95(xs)
	}), nil
}

// estimateDifference estimates every week of the paired difference s −
// base in metric m, replication by replication.
func estimateDifference(m sim.Metric, base, s Series) (weekly, error) {
	for _, x := range []Series{base, s} {
		if err := checkSeries(x); err != nil {
			return weekly{}, err
		}
	}
	if len(s.Results) != len(base.Results) || s.Results[0].Weeks() != base.Results[0].Weeks() {
		return weekly{}, fmt.Errorf("report: series %q and the baseline %q differ in replications or weeks: not paired", s.Label, base.Label)
	}
	a, b := make([]float64, len(s.Results)), make([]float64, len(s.Results))
	return byWeek(s.Results[0].Weeks(), len(s.Results), func(w int) stats.Estimate {
		for i := range s.Results {
			a[i], b[i] = base.Results[i].Values[m][w], s.Results[i].Values[m][w]
		}
		return stats.Paired95(a, b)
	}), nil
}

func byWeek(weeks, reps int, estimate func(w int) stats.Estimate) weekly {
	wk := weekly{mean: make([]float64, weeks), low: make([]float64, weeks), high: make([]float64, weeks), reps: reps}
	for w := range weeks {
		e := estimate(w)
		wk.mean[w], wk.low[w], wk.high[w] = e.Mean, e.Low, e.High
		if e.N < 2 { // no interval, and no band is drawn: the line alone
			wk.low[w], wk.high[w] = e.Mean, e.Mean
		}
	}
	return wk
}

// Curve plots metric m for every series: the mean across replications per
// week as a line over its translucent 95% confidence band, on the stages of
// the first series' calendar (shaded only if some series runs a project).
// Shares and indices are drawn on the whole of [0,1]. Series differ in
// colour and line style; the legend says what line and band are, and marks
// the warm-up of metrics counted over several weeks. Weeks where the mean
// is undefined leave a gap. It is laid out for FigureWidth × FigureHeight.
func Curve(m sim.Metric, series []Series) (*plot.Plot, error) {
	if err := checkMetric(m, series); err != nil {
		return nil, err
	}
	info := sim.Metrics[m]
	f := figure{title: info.Name, yLabel: info.Name + unitLabel(info.Unit), unitInterval: info.UnitInterval(), window: info.Window}
	if len(series) == 1 && series[0].Label != "" {
		f.title += " — " + series[0].Label
	}
	for i, s := range series {
		c, err := estimateWeekly(m, s)
		if err != nil {
			return nil, err
		}
		f.curves = append(f.curves, curve{label: s.Label, style: i, weekly: c})
	}
	f.lineNote, f.bandNote = "mean of "+replications(f.curves), "95% interval of the mean"
	if f.single() {
		f.lineNote = "1 replication, no interval"
	}
	f.setCalendar(series)
	return f.plot()
}

// Difference plots, for every series but series[baseline], the paired
// difference from the baseline in metric m per week: its mean over the
// replications and its 95% interval, around a zero line. This is what the
// comparison table reports at a few points in time. Each series keeps the
// colour and line style it has in Curve.
func Difference(m sim.Metric, series []Series, baseline int) (*plot.Plot, error) {
	if err := checkMetric(m, series); err != nil {
		return nil, err
	}
	if baseline < 0 || baseline >= len(series) || len(series) < 2 {
		return nil, fmt.Errorf("report: a difference needs a baseline among at least two series, got baseline %d of %d", baseline, len(series))
	}
	info := sim.Metrics[m]
	base := series[baseline]
	f := figure{
		title:  info.Name + ": difference from " + base.Label,
		yLabel: "difference in " + info.Name + unitLabel(info.Unit),
		window: info.Window, zero: true,
	}
	for i, s := range series {
		if i == baseline {
			continue
		}
		c, err := estimateDifference(m, base, s)
		if err != nil {
			return nil, err
		}
		f.curves = append(f.curves, curve{label: s.Label + " − " + base.Label, style: i, weekly: c})
	}
	f.lineNote, f.bandNote = "mean paired difference, "+replications(f.curves), "its 95% interval"
	if f.single() {
		f.lineNote = "paired difference, 1 replication"
	}
	f.setCalendar(series)
	return f.plot()
}

func checkMetric(m sim.Metric, series []Series) error {
	if m < 0 || m >= sim.NumMetrics {
		return fmt.Errorf("report: unknown metric %d", m)
	}
	if len(series) == 0 {
		return errors.New("report: no series to plot")
	}
	return nil
}

// unitLabel is the axis label's unit in parentheses, if any.
func unitLabel(unit string) string {
	switch unit {
	case "":
		return ""
	case "index":
		return " (index, 0–1)"
	}
	return " (" + unit + ")"
}

// replications says how many replications the curves average.
func replications(cs []curve) string {
	lo, hi := math.MaxInt, 0
	for _, c := range cs {
		lo, hi = min(lo, c.reps), max(hi, c.reps)
	}
	if lo == hi {
		return fmt.Sprintf("%d replications", hi)
	}
	return fmt.Sprintf("%d to %d replications", lo, hi)
}

// figure is what Curve and Difference draw: curves with bands over the
// project calendar.
type figure struct {
	title, yLabel      string
	curves             []curve
	lineNote, bandNote string // what the line and the band are
	cal                sim.Calendar
	project            bool // shade the stages
	unitInterval       bool // draw on [0,1]
	window             int  // mark weeks 0 to window-2 as a warm-up
	zero               bool // draw a zero line
}

// single reports whether every curve is one replication.
func (f *figure) single() bool {
	for _, c := range f.curves {
		if c.reps > 1 {
			return false
		}
	}
	return true
}

// curve is one series' estimate; style indexes the colour and line style.
type curve struct {
	weekly
	label string
	style int
}

// setCalendar takes the calendar of the first series and shades its
// stages only if some series runs a project: in a run without one they
// mean nothing.
func (f *figure) setCalendar(series []Series) {
	f.cal = series[0].Results[0].Calendar
	for _, s := range series {
		f.project = f.project || s.Results[0].Project
	}
}

func (f *figure) plot() (*plot.Plot, error) {
	weeks := f.cal.Weeks()
	for _, c := range f.curves {
		weeks = max(weeks, len(c.mean))
	}

	p := plot.New()
	style(p)
	p.Title.Text = f.title
	p.X.Label.Text = "week"
	p.Y.Label.Text = f.yLabel

	bounds := f.cal.Boundaries()
	if !f.project {
		bounds = nil
	}
	p.Add(newStageBands(bounds))
	grid := plotter.NewGrid()
	grid.Vertical.Color = nil
	grid.Horizontal = draw.LineStyle{Color: color.Gray{Y: 0xD0}, Width: vg.Points(0.4), Dashes: []vg.Length{vg.Points(2), vg.Points(2)}}
	p.Add(grid)
	var warm *warmUp
	if f.window > 1 && weeks > 0 {
		warm = newWarmUp(min(f.window-1, weeks))
		p.Add(warm)
	}

	lo, hi := math.Inf(1), math.Inf(-1)
	legend := newSideLegend(p.Legend)
	var bands, lines []plot.Plotter // bands first, so no band hides a line
	var keyLine *plotter.Line
	var keyBand *band
	for _, c := range f.curves {
		col := SeriesColor(c.style)
		var thumbs []plot.Thumbnailer
		for _, seg := range finiteRuns(c.weekly) {
			x := make([]float64, seg.end-seg.start)
			xys := make(plotter.XYs, len(x))
			for j := range x {
				w := seg.start + j
				x[j] = float64(w)
				xys[j] = plotter.XY{X: x[j], Y: c.mean[w]}
				lo = math.Min(lo, math.Min(c.low[w], c.mean[w]))
				hi = math.Max(hi, math.Max(c.high[w], c.mean[w]))
			}
			line, err := plotter.NewLine(xys)
			if err != nil {
				return nil, err
			}
			line.Color = col
			line.Width = vg.Points(1.6)
			line.Dashes = SeriesDashes(c.style)
			lines = append(lines, line)
			if len(xys) == 1 { // a lone defined week would be invisible as a line
				dot, err := plotter.NewScatter(xys)
				if err != nil {
					return nil, err
				}
				dot.Color = col
				dot.Shape = draw.CircleGlyph{}
				dot.Radius = vg.Points(2)
				lines = append(lines, dot)
			}
			thumbs = []plot.Thumbnailer{line}
			keyLine = line
			if c.reps > 1 { // one replication has no interval to show
				b := &band{x: x, low: c.low[seg.start:seg.end], high: c.high[seg.start:seg.end], color: translucent(col)}
				bands = append(bands, b)
				thumbs = []plot.Thumbnailer{b, line}
				keyBand = b
			}
		}
		// A single series is named in the title instead.
		if thumbs != nil && len(f.curves) > 1 {
			legend.Add(c.label, thumbs...)
		}
	}
	if keyLine != nil {
		f.addKey(legend, keyLine, keyBand)
	}
	if warm != nil {
		legend.Add(fmt.Sprintf("warm-up (%d-week window)", f.window), warm)
	}
	p.Add(bands...)
	if f.zero {
		p.Add(zeroLine{})
	}
	p.Add(lines...)
	p.Add(frame{}, legend)

	p.X.Tick.Marker = niceTicks{target: 10, integer: true}
	p.Y.Tick.Marker = niceTicks{target: 6}
	p.X.Min, p.X.Max = -0.5, float64(weeks)-0.5
	if f.zero {
		lo, hi = math.Min(lo, 0), math.Max(hi, 0)
	}
	p.Y.Min, p.Y.Max = yRange(lo, hi, f.unitInterval)
	if f.zero && p.Y.Min == 0 { // keep the zero line off the frame
		p.Y.Min = -0.08 * p.Y.Max
	}
	return p, nil
}

// addKey explains line and band in the legend: in the series' own colour
// when there is one series, in grey under the series' names otherwise.
func (f *figure) addKey(legend *sideLegend, line *plotter.Line, b *band) {
	keyLine, keyBand := *line, band{}
	if b != nil {
		keyBand = *b
	}
	if len(f.curves) > 1 {
		legend.Add("") // a gap between the series and the key
		keyLine.Color, keyLine.Dashes = color.Gray{Y: 0x60}, nil
		keyBand.color = translucent(color.NRGBA{0x60, 0x60, 0x60, 0xFF})
	}
	legend.Add(f.lineNote, &keyLine)
	if b != nil {
		legend.Add(f.bandNote, &keyBand)
	}
}

// zeroLine marks no difference across the frame.
type zeroLine struct{}

func (zeroLine) Plot(c draw.Canvas, plt *plot.Plot) {
	_, trY := plt.Transforms(&c)
	y := trY(0)
	if y >= c.Min.Y && y <= c.Max.Y {
		c.StrokeLine2(draw.LineStyle{Color: color.Black, Width: vg.Points(0.8)}, c.Min.X, y, c.Max.X, y)
	}
}

// run is a half-open range of weeks.
type run struct{ start, end int }

// finiteRuns returns the maximal runs of weeks whose mean and bounds are all
// finite, so that undefined weeks break the line instead of bending it.
func finiteRuns(c weekly) []run {
	var runs []run
	start := -1
	for w := 0; w <= len(c.mean); w++ {
		ok := w < len(c.mean) && isFinite(c.mean[w]) && isFinite(c.low[w]) && isFinite(c.high[w])
		switch {
		case ok && start < 0:
			start = w
		case !ok && start >= 0:
			runs = append(runs, run{start, w})
			start = -1
		}
	}
	return runs
}

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
