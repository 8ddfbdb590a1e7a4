package report

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// legendGap separates the legend from the frame and from the figure's edge.
const legendGap = vg.Length(10)

// sideLegend draws a legend to the right of the frame, where it can never
// cover a curve; its glyph box makes the plot leave room for it there, or
// just a margin when it is empty. (plot's own legend is drawn inside the
// data area.)
type sideLegend struct {
	plot.Legend
	width vg.Length
}

func newSideLegend(style plot.Legend) *sideLegend {
	style.Top, style.Left = true, true
	return &sideLegend{Legend: style}
}

// Add adds an entry and widens the reserved margin to fit it.
func (l *sideLegend) Add(label string, thumbs ...plot.Thumbnailer) {
	l.Legend.Add(label, thumbs...)
	l.width = max(l.width, l.ThumbnailWidth+l.TextStyle.Width(" "+label))
}

func (l *sideLegend) Plot(c draw.Canvas, _ *plot.Plot) {
	if l.width == 0 {
		return
	}
	c.Min.X = c.Max.X + legendGap
	c.Max.X = c.Min.X + l.width
	l.Legend.Draw(c)
}

func (l *sideLegend) GlyphBoxes(*plot.Plot) []plot.GlyphBox {
	w := legendGap
	if l.width > 0 {
		w += legendGap + l.width
	}
	return []plot.GlyphBox{{X: 1, Y: 0.5, Rectangle: vg.Rectangle{Max: vg.Point{X: w}}}}
}
