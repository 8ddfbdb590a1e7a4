package report

import (
	"io"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// WriteSVG writes p as an SVG document of FigureWidth × FigureHeight to w:
// the same drawing SaveFigure stores as base.svg, for pages that show
// figures without files (report.html, the workbench).
func WriteSVG(w io.Writer, p *plot.Plot) error {
	c := vgsvg.New(FigureWidth, FigureHeight)
	p.Draw(draw.New(c))
	_, err := c.WriteTo(w)
	return err
}
