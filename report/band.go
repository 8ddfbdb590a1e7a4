package report

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// band fills the area between two curves over the same x values, without
// an outline, which plotter.Polygon always strokes.
type band struct {
	x, low, high []float64
	color        color.Color
}

func (b *band) Plot(c draw.Canvas, plt *plot.Plot) {
	if len(b.x) < 2 {
		return
	}
	trX, trY := plt.Transforms(&c)
	pts := make([]vg.Point, 0, 2*len(b.x))
	for i := range b.x {
		pts = append(pts, vg.Point{X: trX(b.x[i]), Y: trY(b.high[i])})
	}
	for i := len(b.x) - 1; i >= 0; i-- {
		pts = append(pts, vg.Point{X: trX(b.x[i]), Y: trY(b.low[i])})
	}
	c.FillPolygon(b.color, c.ClipPolygonXY(pts))
}

// Thumbnail draws the band as a block behind the legend's line.
func (b *band) Thumbnail(c *draw.Canvas) {
	h := c.Max.Y - c.Min.Y
	c.FillPolygon(b.color, []vg.Point{
		{X: c.Min.X, Y: c.Min.Y + h/6},
		{X: c.Max.X, Y: c.Min.Y + h/6},
		{X: c.Max.X, Y: c.Max.Y - h/6},
		{X: c.Min.X, Y: c.Max.Y - h/6},
	})
}
