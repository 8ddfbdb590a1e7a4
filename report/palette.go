package report

import "image/color"

// okabeIto is the Okabe–Ito colour-blind-safe palette, ordered so that the
// first colours are the most distinct on white; yellow, hard to see on white,
// comes last.
var okabeIto = [...]color.NRGBA{
	{0x00, 0x72, 0xB2, 0xFF}, // blue
	{0xD5, 0x5E, 0x00, 0xFF}, // vermillion
	{0x00, 0x9E, 0x73, 0xFF}, // bluish green
	{0xE6, 0x9F, 0x00, 0xFF}, // orange
	{0xCC, 0x79, 0xA7, 0xFF}, // reddish purple
	{0x56, 0xB4, 0xE9, 0xFF}, // sky blue
	{0x00, 0x00, 0x00, 0xFF}, // black
	{0xF0, 0xE4, 0x42, 0xFF}, // yellow
}

// SeriesColor returns the colour of series i, cycling through the palette;
// every figure of the project uses it.
func SeriesColor(i int) color.NRGBA { return okabeIto[i%len(okabeIto)] }

// bandAlpha makes confidence bands translucent enough to show the stage
// shading and other series through them.
const bandAlpha = 0x48

func translucent(c color.NRGBA) color.NRGBA {
	c.A = bandAlpha
	return c
}
