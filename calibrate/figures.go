package calibrate

import (
	"fmt"
	"image/color"
	"strings"

	"github.com/grassroots-sim/grassroots/report"
	"github.com/grassroots-sim/grassroots/sim"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// posteriorFigure draws the posterior as a matrix of panels: on the
// diagonal each parameter's weighted histogram over its prior's density
// (dashed), below it the particles of every pair of parameters (the darker
// the heavier).
func (c *Calibration) posteriorFigure(dir string) error {
	params := c.File.Params
	d := len(params)
	grid := make([][]*plot.Plot, d)
	for i := range grid {
		grid[i] = make([]*plot.Plot, d)
	}
	for j := range params {
		p, err := c.marginal(j)
		if err != nil {
			return err
		}
		grid[j][j] = p
		for i := j + 1; i < d; i++ {
			if grid[i][j], err = c.pair(j, i); err != nil {
				return err
			}
		}
	}
	for i := range d {
		for j := 0; j <= i; j++ {
			p := grid[i][j]
			if i == d-1 {
				p.X.Label.Text = params[j].Path
			}
			if j == 0 && i > 0 {
				p.Y.Label.Text = params[i].Path
			}
		}
	}
	side := max(report.FigureHeight, vg.Length(d)*2*vg.Inch)
	return saveGrid(grid, side, side, dir, "posterior")
}

// marginal is parameter j's weighted posterior histogram over its prior.
func (c *Calibration) marginal(j int) (*plot.Plot, error) {
	prior := c.File.Params[j].Prior
	p := plot.New()
	p.Title.Text = c.File.Params[j].Path
	xy := make(plotter.XYs, len(c.Result.Particles))
	for i, pt := range c.Result.Particles {
		xy[i].X, xy[i].Y = pt.Params[j], pt.Weight
	}
	h, err := plotter.NewHistogram(xy, 20)
	if err != nil {
		return nil, err
	}
	h.Normalize(1)
	h.FillColor = report.SeriesColor(0)
	h.LineStyle.Width = 0
	z := priorMass(prior)
	f := plotter.NewFunction(func(x float64) float64 { return prior.Density(x) / z })
	f.XMin, f.XMax, f.Samples = prior.Min, prior.Max, 200
	f.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	f.Color = color.Gray{Y: 60}
	p.Add(h, f)
	p.X.Min, p.X.Max, p.Y.Min = prior.Min, prior.Max, 0
	return p, nil
}

// pair scatters parameter y against parameter x, each particle shaded by
// its weight relative to the heaviest.
func (c *Calibration) pair(x, y int) (*plot.Plot, error) {
	ps := c.Result.Particles
	var top float64
	for _, pt := range ps {
		top = max(top, pt.Weight)
	}
	xy := make(plotter.XYs, len(ps))
	for i, pt := range ps {
		xy[i].X, xy[i].Y = pt.Params[x], pt.Params[y]
	}
	sc, err := plotter.NewScatter(xy)
	if err != nil {
		return nil, err
	}
	base := report.SeriesColor(0)
	sc.GlyphStyleFunc = func(i int) draw.GlyphStyle {
		col := base
		col.A = uint8(40 + 215*ps[i].Weight/top)
		return draw.GlyphStyle{Color: col, Radius: vg.Points(1.5), Shape: draw.CircleGlyph{}}
	}
	p := plot.New()
	p.Add(sc)
	px, py := c.File.Params[x].Prior, c.File.Params[y].Prior
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = px.Min, px.Max, py.Min, py.Max
	return p, nil
}

// priorMass integrates the prior's unnormalised density over its bounds
// (trapezoids), so the dashed curve is on the histogram's scale.
func priorMass(p Prior) float64 {
	const n = 2000
	step := (p.Max - p.Min) / n
	sum := (p.Density(p.Min) + p.Density(p.Max)) / 2
	for i := 1; i < n; i++ {
		sum += p.Density(p.Min + float64(i)*step)
	}
	return sum * step
}

// fitFigure draws each target (value ± 1.96 se) beside the posterior
// predictive mean and 95% interval.
func (c *Calibration) fitFigure(dir string) error {
	p := plot.New()
	p.Title.Text = "targets (black, ±1.96 se) and posterior predictive (colour, 95%)"
	p.Y.Label.Text = "value"
	rows := c.Fit()
	var obs, pred plotter.XYs
	var obsErr, predErr plotter.YErrors
	names := make([]string, len(rows))
	for k, r := range rows {
		x := float64(k)
		obs = append(obs, plotter.XY{X: x - 0.12, Y: r.Target.Value})
		obsErr = append(obsErr, struct{ Low, High float64 }{1.96 * r.Target.SE, 1.96 * r.Target.SE})
		pred = append(pred, plotter.XY{X: x + 0.12, Y: r.Mean})
		predErr = append(predErr, struct{ Low, High float64 }{r.Mean - r.Low, r.High - r.Mean})
		// Long metric names, one word a line, so that neighbours do not
		// overlap; a group's target names its group below.
		names[k] = strings.ReplaceAll(r.Target.Metric, "_", "\n")
		if r.Target.GroupBy != "" {
			names[k] += "\n" + groupLabel(r.Target.GroupBy, r.Target.Group)
		}
		names[k] += "\n" + r.Target.Weeks
	}
	for _, s := range []struct {
		xy  plotter.XYs
		err plotter.YErrors
		col color.Color
	}{{obs, obsErr, color.Black}, {pred, predErr, report.SeriesColor(1)}} {
		pts := struct {
			plotter.XYs
			plotter.YErrors
		}{s.xy, s.err}
		bars, err := plotter.NewYErrorBars(pts)
		if err != nil {
			return err
		}
		bars.Color = s.col
		sc, err := plotter.NewScatter(s.xy)
		if err != nil {
			return err
		}
		sc.Color = s.col
		p.Add(bars, sc)
	}
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.6, float64(len(rows))-0.4
	width := max(report.FigureWidth, vg.Length(len(rows))*vg.Inch)
	return saveGrid([][]*plot.Plot{{p}}, width, report.FigureHeight, dir, "fit")
}

// saveGrid writes a grid of plots as dir/base.png and dir/base.svg, each
// atomically, at the resolution of the other figures.
func saveGrid(grid [][]*plot.Plot, width, height vg.Length, dir, base string) error {
	return report.SaveDrawing(dir, base, width, height, func(dc draw.Canvas) {
		tiles := draw.Tiles{Rows: len(grid), Cols: len(grid[0]), PadX: vg.Points(12), PadY: vg.Points(12),
			PadTop: vg.Points(16), PadBottom: vg.Points(4), PadLeft: vg.Points(4), PadRight: vg.Points(8)}
		canvases := plot.Align(grid, tiles, dc)
		for i := range grid {
			for j, p := range grid[i] {
				if p != nil {
					p.Draw(canvases[i][j])
				}
			}
		}
	})
}

// groupLabel names a group on a figure: "q1 (income)", "grid 3",
// "vulnerable", "child (education)".
func groupLabel(by, group string) string {
	switch by {
	case sim.ByGrid:
		return "grid " + group
	case sim.ByVulnerable, sim.ByParty:
		return strings.ReplaceAll(group, "_", " ")
	case sim.ByIncome:
		return group + " (income)"
	}
	return fmt.Sprintf("%s (%s)", group, by)
}
