package report

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
)

// style sets fonts and spacing for an 8 × 4.5 inch figure.
func style(p *plot.Plot) {
	p.Title.TextStyle.Font = Sans(12)
	p.Title.Padding = vg.Points(4)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = Sans(10)
		a.Tick.Label.Font = Sans(9)
		a.Tick.Length = vg.Points(4)
		a.Padding = 0                         // the stage bands fill the frame up to the axes
		a.LineStyle.Color = color.Transparent // the frame is the axis line
	}
	p.Legend.TextStyle.Font = Sans(9)
	p.Legend.ThumbnailWidth = vg.Points(18)
	p.Legend.Padding = vg.Points(3)
}

// Sans is the sans-serif face shipped with plot, which reads better at small
// sizes than its serif default: the one face of every figure.
func Sans(size vg.Length) font.Font {
	return font.From(font.Font{Typeface: "Liberation", Variant: "Sans"}, size)
}
