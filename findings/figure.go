package findings

import (
	"bytes"
	"image/color"
	"io"
	"math"
	"path/filepath"

	"github.com/grassroots-sim/grassroots/internal/atomicfile"
	"github.com/grassroots-sim/grassroots/report"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// saveFigure draws the finding's effect at every point against its two
// most influential parameters, side by side, points coloured by whether
// the finding holds there, as finding_<name>.png.
func (a Report) saveFigure(r *Result, dir string) error {
	k := -1
	for i, f := range r.Findings[0] {
		if f.Name == a.Name {
			k = i
		}
	}
	var params []int
	for _, c := range a.Influence {
		if len(params) == 2 {
			break
		}
		for j, p := range r.Params {
			if p == c.Parameter {
				params = append(params, j)
			}
		}
	}
	const cols = 2
	plots := make([][]*plot.Plot, 1)
	for c := range cols {
		p := plot.New()
		p.Y.Label.Text = "effect"
		if c < len(params) {
			j := params[c]
			p.Title.Text = a.Name
			p.X.Label.Text = short(r.Params[j])
			for _, held := range []bool{true, false} {
				var xy plotter.XYs
				for pt, fs := range r.Findings {
					e := fs[k].Effect
					if fs[k].Held == held && !math.IsNaN(e) && !math.IsInf(e, 0) {
						xy = append(xy, plotter.XY{X: r.X[j][pt], Y: e})
					}
				}
				if len(xy) == 0 {
					continue
				}
				s, err := plotter.NewScatter(xy)
				if err != nil {
					return err
				}
				s.GlyphStyle.Radius = vg.Points(2.5)
				s.GlyphStyle.Shape = draw.CircleGlyph{}
				s.GlyphStyle.Color = report.SeriesColor(0)
				label := "holds"
				if !held {
					s.GlyphStyle.Color = color.NRGBA{R: 213, G: 94, B: 0, A: 255}
					label = "fails"
				}
				p.Add(s)
				p.Legend.Add(label, s)
			}
			p.Legend.Top = true
		}
		plots[0] = append(plots[0], p)
	}
	img := vgimg.NewWith(vgimg.UseWH(report.FigureWidth, report.FigureHeight), vgimg.UseDPI(report.PNGDPI))
	dc := draw.New(img)
	tiles := draw.Tiles{Rows: 1, Cols: cols, PadX: vg.Millimeter * 4, PadTop: vg.Millimeter * 2, PadBottom: vg.Millimeter * 2, PadLeft: vg.Millimeter * 2, PadRight: vg.Millimeter * 2}
	canvases := plot.Align(plots, tiles, dc)
	for c := range cols {
		plots[0][c].Draw(canvases[0][c])
	}
	var buf bytes.Buffer
	if _, err := (vgimg.PngCanvas{Canvas: img}).WriteTo(&buf); err != nil {
		return err
	}
	return atomicfile.Write(filepath.Join(dir, FigurePrefix+a.Name+".png"), func(w io.Writer) error {
		_, err := buf.WriteTo(w)
		return err
	})
}
