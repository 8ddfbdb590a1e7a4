package calibrate

import (
	"bytes"
	"fmt"
	"image/color"
	"io"
	"path/filepath"
	"strings"

	"github.com/grassroots-sim/grassroots/internal/atomicfile"
	"github.com/grassroots-sim/grassroots/report"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// posteriorFigure draws each parameter's weighted posterior histogram over
// its prior's density (dashed), one panel per parameter.
func (c *Calibration) posteriorFigure(dir string) error {
	params := c.File.Params
	cols := min(3, len(params))
	rows := (len(params) + cols - 1) / cols
	grid := make([][]*plot.Plot, rows)
	for i := range grid {
		grid[i] = make([]*plot.Plot, cols)
	}
	for j, prm := range params {
		p := plot.New()
		p.Title.Text = prm.Path
		p.Y.Label.Text = "density"
		xy := make(plotter.XYs, len(c.Result.Particles))
		for i, pt := range c.Result.Particles {
			xy[i].X, xy[i].Y = pt.Params[j], pt.Weight
		}
		h, err := plotter.NewHistogram(xy, 20)
		if err != nil {
			return err
		}
		h.Normalize(1)
		h.FillColor = report.SeriesColor(0)
		h.LineStyle.Width = 0
		p.Add(h)
		prior := prm.Prior
		z := priorMass(prior)
		f := plotter.NewFunction(func(x float64) float64 { return prior.Density(x) / z })
		f.XMin, f.XMax, f.Samples = prior.Min, prior.Max, 200
		f.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		f.Color = color.Gray{Y: 60}
		p.Add(f)
		p.X.Min, p.X.Max = prior.Min, prior.Max
		p.Y.Min = 0
		grid[j/cols][j%cols] = p
	}
	height := vg.Length(rows) * 2.6 * vg.Inch
	return saveGrid(grid, report.FigureWidth, height, dir, "posterior")
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
		// Long metric names, one word a line, so that neighbours do not overlap.
		names[k] = fmt.Sprintf("%s\n%s", strings.ReplaceAll(r.Target.Metric, "_", "\n"), r.Target.Weeks)
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
	type canvasWriter interface {
		vg.CanvasSizer
		io.WriterTo
	}
	outs := []struct {
		ext    string
		canvas canvasWriter
	}{
		{".png", vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(report.PNGDPI))}},
		{".svg", vgsvg.New(width, height)},
	}
	for _, out := range outs {
		dc := draw.New(out.canvas)
		tiles := draw.Tiles{Rows: len(grid), Cols: len(grid[0]), PadX: vg.Points(12), PadY: vg.Points(12),
			PadTop: vg.Points(4), PadBottom: vg.Points(4), PadLeft: vg.Points(4), PadRight: vg.Points(8)}
		canvases := plot.Align(grid, tiles, dc)
		for i := range grid {
			for j, p := range grid[i] {
				if p != nil {
					p.Draw(canvases[i][j])
				}
			}
		}
		var buf bytes.Buffer
		if _, err := out.canvas.WriteTo(&buf); err != nil {
			return err
		}
		err := atomicfile.Write(filepath.Join(dir, base+out.ext), func(w io.Writer) error {
			_, err := buf.WriteTo(w)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}
