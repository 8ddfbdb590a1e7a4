package report

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Grid is an outcome over every combination of two parameters' levels, as
// a grid sweep measures it.
type Grid struct {
	Outcome string // what Z is, e.g. participation_end_of_project
	Unit    string // of the outcome, as sim.MetricInfo.Unit
	Note    string // how Z was obtained, e.g. "mean of 5 replications per point"
	X, Y    string // the parameters' paths
	// XLevels and YLevels are the levels as written in the sweep.
	XLevels, YLevels []string
	// Z[j][i] is the outcome at YLevels[j] and XLevels[i]; NaN where
	// nothing was measured.
	Z [][]float64
}

// HeatMap draws g: a cell per combination of levels, coloured on the
// viridis scale (colour-blind safe, even in lightness) from the lowest to
// the highest value, with the value written in it, and a colour bar to the
// right of the frame. The levels are evenly spaced in the order given
// whatever their values, as a sweep's grid is a table, not a map.
func HeatMap(g Grid) (*plot.Plot, error) {
	nx, ny := len(g.XLevels), len(g.YLevels)
	if nx == 0 || ny == 0 {
		return nil, errors.New("report: a heat map needs levels on both axes")
	}
	if len(g.Z) != ny {
		return nil, fmt.Errorf("report: heat map has %d rows of values for %d levels of %s", len(g.Z), ny, g.Y)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for j, row := range g.Z {
		if len(row) != nx {
			return nil, fmt.Errorf("report: heat map row %d has %d values for %d levels of %s", j, len(row), nx, g.X)
		}
		for _, v := range row {
			if isFinite(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	p := plot.New()
	style(p)
	p.Title.Text = g.Outcome
	if g.Note != "" {
		p.Title.Text += " — " + g.Note
	}
	p.X.Label.Text, p.Y.Label.Text = g.X, g.Y
	p.X.Min, p.X.Max = -0.5, float64(nx)-0.5
	p.Y.Min, p.Y.Max = -0.5, float64(ny)-0.5
	p.X.Tick.Marker = levelTicks(g.XLevels)
	p.Y.Tick.Marker = levelTicks(g.YLevels)
	c := &cells{z: g.Z, lo: lo, hi: hi, decimals: decimalsFor(g.Unit, lo, hi)}
	c.label = text.Style{Font: Sans(9), XAlign: draw.XCenter, YAlign: draw.YCenter, Handler: plot.DefaultTextHandler}
	p.Add(c, frame{})
	if isFinite(lo) {
		ticks := niceTicks{target: 5}.Ticks(lo, hi)
		if hi == lo {
			ticks = []plot.Tick{{Value: lo, Label: formatIn(lo, c.decimals, false)}}
		}
		p.Add(&colorBar{lo: lo, hi: hi, ticks: ticks, unit: strings.TrimSpace(unitLabel(g.Unit))})
	}
	return p, nil
}

// maxLevelLabels is the most level labels an axis holds before they would
// run into each other; beyond, every k-th level is labelled.
const maxLevelLabels = 12

// levelTicks marks the cells' centres and labels them with the levels.
func levelTicks(levels []string) plot.ConstantTicks {
	every := (len(levels) + maxLevelLabels - 1) / maxLevelLabels
	ticks := make(plot.ConstantTicks, len(levels))
	for i, l := range levels {
		ticks[i] = plot.Tick{Value: float64(i)}
		if i%every == 0 {
			ticks[i].Label = l
		}
	}
	return ticks
}

// cells fills the grid's cells and writes their values.
type cells struct {
	z        [][]float64
	lo, hi   float64
	decimals int
	label    text.Style
}

func (h *cells) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, trY := plt.Transforms(&c)
	for j, row := range h.z {
		for i, v := range row {
			x0, x1 := trX(float64(i)-0.5), trX(float64(i)+0.5)
			y0, y1 := trY(float64(j)-0.5), trY(float64(j)+0.5)
			fill, ink := color.Color(color.Gray{Y: 0xE0}), color.Color(color.Black)
			s := "–"
			if isFinite(v) {
				fill = viridis(scaled(v, h.lo, h.hi))
				s = formatIn(v, h.decimals, false)
				if luminance(fill) < 0.45 {
					ink = color.White
				}
			}
			rect := []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}, {X: x0, Y: y0}}
			c.FillPolygon(fill, rect)
			c.StrokeLines(draw.LineStyle{Color: color.White, Width: vg.Points(1)}, rect) // cells apart
			// Beyond 16 × 24 cells the numbers would not fit.
			if len(row) <= 16 && len(h.z) <= 24 {
				st := h.label
				st.Color = ink
				c.FillText(st, vg.Point{X: (x0 + x1) / 2, Y: (y0 + y1) / 2}, s)
			}
		}
	}
}

// scaled maps v from [lo,hi] to [0,1]; a single value maps to the middle.
func scaled(v, lo, hi float64) float64 {
	if hi <= lo {
		return 0.5
	}
	return (v - lo) / (hi - lo)
}

// viridisStops are matplotlib's viridis at steps of 1/8.
var viridisStops = [...]color.NRGBA{
	{0x44, 0x01, 0x54, 0xFF}, {0x48, 0x28, 0x78, 0xFF}, {0x3E, 0x49, 0x89, 0xFF},
	{0x31, 0x68, 0x8E, 0xFF}, {0x26, 0x82, 0x8E, 0xFF}, {0x1F, 0x9E, 0x89, 0xFF},
	{0x35, 0xB7, 0x79, 0xFF}, {0x6E, 0xCE, 0x58, 0xFF}, {0xFD, 0xE7, 0x25, 0xFF},
}

// viridis returns the colour of t in [0,1], interpolating the stops.
func viridis(t float64) color.NRGBA {
	t = math.Max(0, math.Min(1, t)) * float64(len(viridisStops)-1)
	k := min(int(t), len(viridisStops)-2)
	f := t - float64(k)
	a, b := viridisStops[k], viridisStops[k+1]
	mix := func(x, y uint8) uint8 { return uint8(math.Round(float64(x) + f*(float64(y)-float64(x)))) }
	return color.NRGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 0xFF}
}

// luminance is the relative luminance of c, to choose legible ink.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 0xFFFF
}

// colorBar draws the colour scale right of the frame, with ticks, in room
// its glyph box reserves.
type colorBar struct {
	lo, hi float64
	ticks  []plot.Tick
	unit   string
}

const (
	barGap   = vg.Length(12)
	barWidth = vg.Length(12)
)

func (b *colorBar) labelStyle() text.Style {
	return text.Style{Color: color.Black, Font: Sans(9), XAlign: draw.XLeft, YAlign: draw.YCenter, Handler: plot.DefaultTextHandler}
}

func (b *colorBar) labelWidth() vg.Length {
	st := b.labelStyle()
	w := st.Width(b.unit)
	for _, t := range b.ticks {
		w = max(w, st.Width(t.Label))
	}
	return w
}

func (b *colorBar) Plot(c draw.Canvas, _ *plot.Plot) {
	x0 := c.Max.X + barGap
	x1 := x0 + barWidth
	const steps = 64
	h := (c.Max.Y - c.Min.Y) / steps
	for k := range steps {
		y := c.Min.Y + vg.Length(k)*h
		c.FillPolygon(viridis((float64(k)+0.5)/steps), []vg.Point{{X: x0, Y: y}, {X: x1, Y: y}, {X: x1, Y: y + h + 0.5}, {X: x0, Y: y + h + 0.5}})
	}
	edge := draw.LineStyle{Color: color.Black, Width: vg.Points(0.5)}
	c.StrokeLines(edge, []vg.Point{{X: x0, Y: c.Min.Y}, {X: x1, Y: c.Min.Y}, {X: x1, Y: c.Max.Y}, {X: x0, Y: c.Max.Y}, {X: x0, Y: c.Min.Y}})
	st := b.labelStyle()
	for _, t := range b.ticks {
		if t.Label == "" {
			continue
		}
		y := c.Min.Y + vg.Length(scaled(t.Value, b.lo, b.hi))*(c.Max.Y-c.Min.Y)
		c.StrokeLine2(edge, x1, y, x1+3, y)
		c.FillText(st, vg.Point{X: x1 + 5, Y: y}, t.Label)
	}
	if b.unit != "" {
		st.YAlign = draw.YBottom
		c.FillText(st, vg.Point{X: x0, Y: c.Max.Y + 4}, b.unit)
	}
}

func (b *colorBar) GlyphBoxes(*plot.Plot) []plot.GlyphBox {
	w := barGap + barWidth + 5 + b.labelWidth() + legendGap
	return []plot.GlyphBox{{X: 1, Y: 0.5, Rectangle: vg.Rectangle{Max: vg.Point{X: w}}}}
}
