package report

import (
	"bytes"
	"io"
	"path/filepath"

	"github.com/grassroots-sim/grassroots/internal/atomicfile"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// PNGDPI is the resolution of saved PNGs: 1200 × 675 pixels at the figure
// size, sharp on screens and in slides where plot's default of 96 is blurry.
const PNGDPI = 150

// canvasWriter is a canvas that can serialise what was drawn on it.
type canvasWriter interface {
	vg.CanvasSizer
	io.WriterTo
}

// SaveFigure writes p as dir/base.png and dir/base.svg at FigureWidth ×
// FigureHeight, each atomically.
func SaveFigure(p *plot.Plot, dir, base string) error {
	return SaveDrawing(dir, base, FigureWidth, FigureHeight, p.Draw)
}

// SaveDrawing writes what paint draws on a width × height canvas as
// dir/base.png (at PNGDPI) and dir/base.svg, each atomically: the one way
// every figure, single or a grid of panels, reaches a file.
func SaveDrawing(dir, base string, width, height vg.Length, paint func(draw.Canvas)) error {
	outs := []struct {
		ext    string
		canvas canvasWriter
	}{
		{".png", vgimg.PngCanvas{Canvas: vgimg.NewWith(vgimg.UseWH(width, height), vgimg.UseDPI(PNGDPI))}},
		{".svg", vgsvg.New(width, height)},
	}
	for _, out := range outs {
		paint(draw.New(out.canvas))
		// Render fully before touching the file, so a failure leaves the
		// previous figure in place.
		var buf bytes.Buffer
		if _, err := out.canvas.WriteTo(&buf); err != nil {
			return err
		}
		err := atomicfile.Write(filepath.Join(dir, base+out.ext), func(w io.Writer) error {
			_, err := buf.WriteTo(w)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}
