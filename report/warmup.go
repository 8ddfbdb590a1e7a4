package report

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// warmUp hatches the first weeks of a metric counted over a window of
// weeks, which read low while the window fills. They are marked rather
// than cut: the figure then shows every week the tables hold, and the
// pre-project weeks that a burn-in would eat are the baseline's level.
type warmUp struct {
	weeks int // weeks 0 to weeks-1
	line  draw.LineStyle
	gap   vg.Length // between hatch lines
}

func newWarmUp(weeks int) *warmUp {
	return &warmUp{weeks: weeks, line: draw.LineStyle{Color: color.Gray{Y: 0x70}, Width: vg.Points(0.5)}, gap: vg.Points(4)}
}

func (h *warmUp) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, _ := plt.Transforms(&c)
	r := vg.Rectangle{Min: c.Min, Max: c.Max}
	r.Min.X = max(c.Min.X, trX(-0.5))
	r.Max.X = min(c.Max.X, trX(float64(h.weeks)-0.5))
	h.hatch(c, r)
}

// Thumbnail hatches the legend's swatch like the marked weeks.
func (h *warmUp) Thumbnail(c *draw.Canvas) { h.hatch(*c, c.Rectangle) }

// hatch strokes lines rising at 45° across r, clipped to it.
func (h *warmUp) hatch(c draw.Canvas, r vg.Rectangle) {
	w, ht := r.Max.X-r.Min.X, r.Max.Y-r.Min.Y
	if w <= 0 || ht <= 0 {
		return
	}
	// The line from (r.Min.X+k, r.Min.Y) rising to the right, for t in
	// [0, ht], is inside r where 0 <= k+t <= w.
	for k := -ht; k < w; k += h.gap {
		t0, t1 := max(0, -k), min(ht, w-k)
		if t1 > t0 {
			c.StrokeLine2(h.line, r.Min.X+k+t0, r.Min.Y+t0, r.Min.X+k+t1, r.Min.Y+t1)
		}
	}
}
