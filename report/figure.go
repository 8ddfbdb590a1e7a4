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

// estimateWeekly checks that the replications of a series share a calendar
// and horizon (otherwise week-wise means would mix different runs) and
// estimates every week.
func estimateWeekly(m sim.Metric, s Series) (weekly, error) {
	if len(s.Results) == 0 {
		return weekly{}, fmt.Errorf("report: series %q has no results", s.Label)
	}
	if err := checkResults(s.Results); err != nil {
		return weekly{}, fmt.Errorf("series %q: %w", s.Label, err)
	}
	first := s.Results[0]
	for _, r := range s.Results[1:] {
		if r.Calendar != first.Calendar || r.Weeks() != first.Weeks() {
			return weekly{}, fmt.Errorf("report: series %q: replications %d and %d differ in calendar or weeks",
				s.Label, first.Replication, r.Replication)
		}
	}
	n := first.Weeks()
	wk := weekly{mean: make([]float64, n), low: make([]float64, n), high: make([]float64, n), reps: len(s.Results)}
	xs := make([]float64, len(s.Results))
	for w := range n {
		for i, r := range s.Results {
			xs[i] = r.Values[m][w]
		}
		e := stats.Estimate95(xs)
		wk.mean[w], wk.low[w], wk.high[w] = e.Mean, e.Low, e.High
		if len(xs) == 1 { // no interval, and no band is drawn: the line alone
			wk.low[w], wk.high[w] = e.Mean, e.Mean
		}
	}
	return wk, nil
}

// Curve plots metric m for every series: the mean across replications per
// week as a line over its translucent 95% confidence band, on the stages of
// the first series' calendar. Weeks where the mean is undefined leave a gap.
// It is laid out for FigureWidth × FigureHeight.
func Curve(m sim.Metric, series []Series) (*plot.Plot, error) {
	if m < 0 || m >= sim.NumMetrics {
		return nil, fmt.Errorf("report: unknown metric %d", m)
	}
	if len(series) == 0 {
		return nil, errors.New("report: no series to plot")
	}
	info := sim.Metrics[m]
	curves := make([]weekly, len(series))
	for i, s := range series {
		var err error
		if curves[i], err = estimateWeekly(m, s); err != nil {
			return nil, err
		}
	}
	cal := series[0].Results[0].Calendar
	weeks := cal.Weeks()
	for _, c := range curves {
		weeks = max(weeks, len(c.mean))
	}

	p := plot.New()
	style(p)
	p.Title.Text = info.Name
	if len(series) == 1 && series[0].Label != "" {
		p.Title.Text += " — " + series[0].Label
	}
	p.X.Label.Text = "week"
	p.Y.Label.Text = info.Name
	if info.Unit != "" {
		p.Y.Label.Text += " (" + info.Unit + ")"
	}

	p.Add(newStageBands(cal))
	grid := plotter.NewGrid()
	grid.Vertical.Color = nil
	grid.Horizontal = draw.LineStyle{Color: color.Gray{Y: 0xD0}, Width: vg.Points(0.4), Dashes: []vg.Length{vg.Points(2), vg.Points(2)}}
	p.Add(grid)

	lo, hi := math.Inf(1), math.Inf(-1)
	legend := newSideLegend(p.Legend)
	var bands, lines []plot.Plotter // bands first, so no band hides a line
	for i, c := range curves {
		col := SeriesColor(i)
		var thumbs []plot.Thumbnailer
		for _, seg := range finiteRuns(c) {
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
			if c.reps > 1 { // one replication has no interval to show
				b := &band{x: x, low: c.low[seg.start:seg.end], high: c.high[seg.start:seg.end], color: translucent(col)}
				bands = append(bands, b)
				thumbs = []plot.Thumbnailer{b, line}
			}
		}
		// A single series is named in the title instead.
		if thumbs != nil && len(series) > 1 {
			legend.Add(series[i].Label, thumbs...)
		}
	}
	p.Add(bands...)
	p.Add(lines...)
	p.Add(legend)

	p.X.Tick.Marker = niceTicks{target: 10, integer: true}
	p.Y.Tick.Marker = niceTicks{target: 6}
	p.X.Min, p.X.Max = -0.5, float64(weeks)-0.5
	p.Y.Min, p.Y.Max = yRange(lo, hi, info.Share())
	return p, nil
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
