package report

import (
	"image/color"

	"github.com/grassroots-sim/grassroots/sim"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// stageBands draws the project calendar behind the curves: every other stage
// shaded, a thin line at each boundary, and the stage names in a strip
// above the frame so that they never sit on the data.
type stageBands struct {
	bounds []sim.Boundary
	label  text.Style
	shade  color.Color
	line   draw.LineStyle
	gap    vg.Length // between the frame and the labels
}

// newStageBands draws the stages bounds (cal.Boundaries()); with none, just
// the frame.
func newStageBands(bounds []sim.Boundary) *stageBands {
	return &stageBands{
		bounds: bounds,
		label: text.Style{
			Color:   color.Gray{Y: 0x40},
			Font:    Sans(9),
			XAlign:  draw.XCenter,
			YAlign:  draw.YBottom,
			Handler: plot.DefaultTextHandler,
		},
		shade: color.Gray{Y: 0xEC},
		line:  draw.LineStyle{Color: color.Gray{Y: 0x90}, Width: vg.Points(0.6)},
		gap:   vg.Points(3),
	}
}

// span returns the x extent of stage b: weeks are plotted at integers, so a
// stage covers half a week either side of its first and last week.
func span(b sim.Boundary) (x0, x1 float64) {
	return float64(b.Week) - 0.5, float64(b.Week+b.Weeks) - 0.5
}

func (s *stageBands) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, _ := plt.Transforms(&c)
	clampX := func(x vg.Length) vg.Length { return max(c.Min.X, min(c.Max.X, x)) }
	for i, b := range s.bounds {
		x0, x1 := span(b)
		l, r := clampX(trX(x0)), clampX(trX(x1))
		if i%2 == 1 && r > l {
			c.FillPolygon(s.shade, []vg.Point{{X: l, Y: c.Min.Y}, {X: r, Y: c.Min.Y}, {X: r, Y: c.Max.Y}, {X: l, Y: c.Max.Y}})
		}
		if i > 0 && l > c.Min.X && l < c.Max.X {
			c.StrokeLine2(s.line, l, c.Min.Y, l, c.Max.Y)
		}
	}
	s.drawLabels(c, plt)
}

// drawLabels writes each stage name over its band in the strip above the
// frame: centred if there is room, otherwise pushed right of its left
// neighbour's name as long as it starts over the first half of its band,
// and always within the frame's width. A name that still does not fit (a
// very short stage) drops to a second row just inside the frame, on a white
// patch; if that row is taken too, the name is left out rather than printed
// over another.
func (s *stageBands) drawLabels(c draw.Canvas, plt *plot.Plot) {
	trX, _ := plt.Transforms(&c)
	h := s.label.Height("Xy")
	rows := [2]vg.Length{c.Max.Y + s.gap, c.Max.Y - s.gap - h}
	pad := s.label.Width("  ")                          // at least two spaces between names
	right := [2]vg.Length{c.Min.X - pad, c.Min.X - pad} // end of the last name per row
	for _, b := range s.bounds {
		x0, x1 := span(b)
		l, r := trX(x0), trX(x1)
		name := b.Stage.String()
		w := s.label.Width(name)
		row, left := -1, vg.Length(0)
		for i := range rows {
			left = max((l+r)/2-w/2, right[i]+pad, c.Min.X)
			left = min(left, c.Max.X-w)
			if left >= right[i]+pad && left <= (l+r)/2 {
				row = i
				break
			}
		}
		if row < 0 {
			continue
		}
		if row == 1 {
			c.FillPolygon(color.NRGBA{0xFF, 0xFF, 0xFF, 0xD0}, []vg.Point{
				{X: left - pad/2, Y: rows[1] - pad/4}, {X: left + w + pad/2, Y: rows[1] - pad/4},
				{X: left + w + pad/2, Y: rows[1] + h}, {X: left - pad/2, Y: rows[1] + h},
			})
		}
		right[row] = left + w
		c.FillText(s.label, vg.Point{X: left + w/2, Y: rows[row]}, name)
	}
}

// GlyphBoxes reserves the label strip above the frame. The boxes have no
// width because drawLabels keeps the names within the frame's width.
func (s *stageBands) GlyphBoxes(*plot.Plot) []plot.GlyphBox {
	if len(s.bounds) == 0 {
		return nil
	}
	h := s.label.Height("Xy")
	return []plot.GlyphBox{{X: 0.5, Y: 1, Rectangle: vg.Rectangle{Min: vg.Point{Y: s.gap}, Max: vg.Point{Y: s.gap + h}}}}
}

// frame outlines the data area. It is drawn over everything else, so that
// no grid line or band covers it.
type frame struct{}

func (frame) Plot(c draw.Canvas, _ *plot.Plot) {
	c.StrokeLines(draw.LineStyle{Color: color.Black, Width: vg.Points(0.5)}, []vg.Point{
		{X: c.Min.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Max.Y}, {X: c.Min.X, Y: c.Max.Y}, {X: c.Min.X, Y: c.Min.Y},
	})
}
