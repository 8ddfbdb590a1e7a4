package sensitivity

import (
	"errors"
	"image/color"
	"math"
	"sort"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/grassroots-sim/grassroots/report"
)

// fadedAlpha is the opacity of bars whose coefficient is not significant.
const fadedAlpha = 0x55

// Alpha is the significance level below which bars are drawn solid.
const Alpha = 0.05

// xMaxLegend widens the x axis past 1 to leave room for the legend, so
// that it never covers a bar.
const xMaxLegend = 2.1

// Tornado draws the coefficients as horizontal bars from 0: one row per
// parameter, the most influential (largest |PRCC| over the outcomes) at
// the top, one bar per outcome within a row. Bars whose p-value is Alpha
// or more are faded.
func Tornado(cs []Coefficient) (*plot.Plot, error) {
	if len(cs) == 0 {
		return nil, errors.New("sensitivity: nothing to plot")
	}
	var params, outcomes []string
	weight := map[string]float64{}
	for _, c := range cs {
		params = appendNew(params, c.Parameter)
		outcomes = appendNew(outcomes, c.Outcome)
		if !math.IsNaN(c.PRCC) {
			weight[c.Parameter] = math.Max(weight[c.Parameter], math.Abs(c.PRCC))
		}
	}
	// Least influential first: row 0 is at the bottom.
	sort.SliceStable(params, func(a, b int) bool {
		if weight[params[a]] != weight[params[b]] {
			return weight[params[a]] < weight[params[b]]
		}
		return params[a] > params[b]
	})
	row := map[string]int{}
	for i, p := range params {
		row[p] = i
	}

	p := plot.New()
	p.Title.Text = "Partial rank correlation with each outcome (faded: p ≥ 0.05)"
	p.Title.TextStyle.Font = report.Sans(12)
	p.Title.Padding = vg.Points(4)
	p.X.Label.Text = "PRCC"
	p.Y.Label.Text = "parameter" // also keeps the longest name off the edge
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = report.Sans(10)
		a.Tick.Label.Font = report.Sans(9)
	}
	p.Legend.TextStyle.Font = report.Sans(9)
	p.Legend.Top = true
	p.Legend.ThumbnailWidth = vg.Points(12)

	grid := plotter.NewGrid()
	grid.Horizontal.Color = nil
	grid.Vertical = draw.LineStyle{Color: color.Gray{Y: 0xD0}, Width: vg.Points(0.4), Dashes: []vg.Length{vg.Points(2), vg.Points(2)}}
	p.Add(grid)

	height := 0.8 / float64(len(outcomes))
	for o, name := range outcomes {
		b := &hbars{rows: len(params), height: height, color: report.SeriesColor(o)}
		// The first outcome's bar is the top one of each row.
		b.offset = 0.4 - height*(float64(o)+0.5)
		for _, c := range cs {
			if c.Outcome == name {
				b.bars = append(b.bars, bar{row: row[c.Parameter], value: c.PRCC, faded: !(c.P < Alpha)})
			}
		}
		p.Add(b)
		p.Legend.Add(strings.ReplaceAll(name, "_", " "), b)
	}
	axis, err := plotter.NewLine(plotter.XYs{{X: 0, Y: -0.5}, {X: 0, Y: float64(len(params)) - 0.5}})
	if err != nil {
		return nil, err
	}
	axis.Color = color.Gray{Y: 0x40}
	axis.Width = vg.Points(0.8)
	p.Add(axis)

	p.NominalY(params...)
	p.X.Min, p.X.Max = -1, xMaxLegend
	p.Y.Min, p.Y.Max = -0.5, float64(len(params))-0.5
	p.X.Tick.Marker = plot.ConstantTicks([]plot.Tick{
		{Value: -1, Label: "-1"}, {Value: -0.5, Label: "-0.5"}, {Value: 0, Label: "0"},
		{Value: 0.5, Label: "0.5"}, {Value: 1, Label: "1"},
	})
	return p, nil
}

type bar struct {
	row   int
	value float64
	faded bool
}

// hbars draws one outcome's bars, in data units so that they fill their
// rows whatever the figure size.
type hbars struct {
	bars   []bar
	rows   int
	height float64
	offset float64 // of the bar's centre from its row's
	color  color.NRGBA
}

func (h *hbars) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	for _, b := range h.bars {
		if math.IsNaN(b.value) {
			continue
		}
		y0 := float64(b.row) + h.offset - h.height/2
		y1 := y0 + h.height
		pts := []vg.Point{{X: trX(0), Y: trY(y0)}, {X: trX(b.value), Y: trY(y0)}, {X: trX(b.value), Y: trY(y1)}, {X: trX(0), Y: trY(y1)}}
		col := h.color
		if b.faded {
			col.A = fadedAlpha
		}
		c.FillPolygon(col, c.ClipPolygonXY(pts))
	}
}

func (h *hbars) DataRange() (xmin, xmax, ymin, ymax float64) {
	return -1, 1, -0.5, float64(h.rows) - 0.5
}

func (h *hbars) Thumbnail(c *draw.Canvas) {
	pts := []vg.Point{{X: c.Min.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Max.Y}, {X: c.Min.X, Y: c.Max.Y}}
	c.FillPolygon(h.color, pts)
}
