package report

import (
	"image/color"

	"gonum.org/v1/plot/vg"
)

// seriesPalette is the Okabe–Ito colour-blind-safe palette without its
// sky blue, too close to its blue (CIELAB distance 26) for two overlaid
// scenarios, and its yellow, hard to see on white; a mid grey takes the
// last place. Every pair of colours is at least minColorDistance apart
// (TestPaletteDistinct). The first colours are the most distinct on white.
var seriesPalette = [...]color.NRGBA{
	{0x00, 0x72, 0xB2, 0xFF}, // blue
	{0xD5, 0x5E, 0x00, 0xFF}, // vermillion
	{0x00, 0x9E, 0x73, 0xFF}, // bluish green
	{0xCC, 0x79, 0xA7, 0xFF}, // reddish purple
	{0xE6, 0x9F, 0x00, 0xFF}, // orange
	{0x00, 0x00, 0x00, 0xFF}, // black
	{0x99, 0x99, 0x99, 0xFF}, // grey
}

// minColorDistance is the least CIELAB (CIE76) distance between two
// series colours; about 2.3 is the smallest difference people notice, and
// colours closer than about 30 read as the same hue in a thin line.
const minColorDistance = 30

// SeriesColor returns the colour of series i, cycling through the palette;
// every figure of the project uses it.
func SeriesColor(i int) color.NRGBA { return seriesPalette[i%len(seriesPalette)] }

// seriesDashes are the line styles of series, cycled independently of the
// colours: as their counts are coprime, the first 28 series all differ, and
// a curve lying exactly on another still shows through its gaps.
var seriesDashes = [...][]vg.Length{
	nil, // solid
	{vg.Points(6), vg.Points(3)},
	{vg.Points(2), vg.Points(2)},
	{vg.Points(8), vg.Points(3), vg.Points(2), vg.Points(3)},
}

// SeriesDashes returns the dash pattern of series i (nil for solid).
func SeriesDashes(i int) []vg.Length { return seriesDashes[i%len(seriesDashes)] }

// bandAlpha makes confidence bands translucent enough to show the stage
// shading and other series through them.
const bandAlpha = 0x48

func translucent(c color.NRGBA) color.NRGBA {
	c.A = bandAlpha
	return c
}
