// Command perfplot measures the simulation core and draws the two figures of
// docs/performance.md: time per resident-week against community size, and
// the speed-up of one replication against the number of worker goroutines.
//
//	go run ./tools/perfplot -out docs
//
// Each point is the median of -runs timings of -weeks weeks in the middle
// stage of the full programme, after a warm-up, so that building the
// community is not timed. It prints the table it plots.
package main

import (
	"errors"
	"flag"
	"fmt"
	"image/color"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/sim"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "perfplot:", err)
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

func run(args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("perfplot", flag.ContinueOnError)
	out := fs.String("out", "docs", "directory for scaling.png and speedup.png")
	weeks := fs.Int("weeks", 10, "weeks timed per run")
	runs := fs.Int("runs", 5, "timed runs per point; the median is kept")
	maxSize := fs.Int("max", 1_000_000, "largest community")
	if err := fs.Parse(args); err != nil {
		return err
	}
	s, err := scenario.Load("full-programme", nil)
	if err != nil {
		return err
	}
	cores := runtime.GOMAXPROCS(0)
	fmt.Fprintf(stdout, "%-10s %-8s %14s %18s\n", "residents", "workers", "ns/res-week", "res-weeks/s")
	var scaling plotter.XYs
	for _, n := range []int{10_000, 30_000, 100_000, 300_000, 1_000_000} {
		if n > *maxSize {
			break
		}
		ns, err := measure(&s.Config, n, cores, *weeks, *runs)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%-10d %-8d %14.1f %18.3g\n", n, cores, ns, 1e9/ns)
		scaling = append(scaling, plotter.XY{X: float64(n), Y: ns})
	}
	var speedup plotter.XYs
	var one float64
	for w := 1; w <= max(2, cores); w++ {
		ns, err := measure(&s.Config, 100_000, w, *weeks, *runs)
		if err != nil {
			return err
		}
		if w == 1 {
			one = ns
		}
		fmt.Fprintf(stdout, "%-10d %-8d %14.1f %18.3g  speed-up %.2f\n", 100_000, w, ns, 1e9/ns, one/ns)
		speedup = append(speedup, plotter.XY{X: float64(w), Y: one / ns})
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	if err := save(filepath.Join(*out, "scaling.png"), "time per resident-week against community size",
		"residents", "ns per resident-week", scaling, true, nil); err != nil {
		return err
	}
	ideal := plotter.XYs{{X: 1, Y: 1}, {X: 2, Y: 2}}
	return save(filepath.Join(*out, "speedup.png"), "speed-up of one replication of 100,000 residents",
		"worker goroutines", "speed-up over one worker", speedup, false, ideal)
}

// measure returns the median time per resident-week of a community of about
// n residents on the given number of workers.
func measure(base *sim.Config, n, workers, weeks, runs int) (float64, error) {
	cfg := *base
	c := &cfg.Community
	scale := float64(n) / 2750
	c.Households = int(float64(c.Households) * scale)
	c.Buildings = max(1, int(float64(c.Buildings)*scale))
	c.Grids = max(1, int(float64(c.Grids)*scale))
	cfg.Calendar = sim.Calendar{Initial: 4, Middle: 520}
	e, err := sim.New(&cfg, 1, workers)
	if err != nil {
		return 0, err
	}
	defer e.Close()
	for range 8 {
		e.Step()
	}
	runtime.GC() // start the timing with no collection owed by earlier points
	times := make([]float64, runs)
	for k := range times {
		start := time.Now()
		for range weeks {
			e.Step()
		}
		times[k] = float64(time.Since(start).Nanoseconds()) / float64(weeks*e.Residents())
	}
	slices.Sort(times)
	return times[runs/2], nil
}

// save draws pts as a line with points; ideal, if not nil, is drawn
// dashed beside it as the linear reference, with a legend.
func save(path, title, x, y string, pts plotter.XYs, logX bool, ideal plotter.XYs) error {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = x
	p.Y.Label.Text = y
	if logX {
		p.X.Scale = plot.LogScale{}
		p.X.Tick.Marker = plot.ConstantTicks{{Value: 1e4, Label: "10,000"}, {Value: 1e5, Label: "100,000"}, {Value: 1e6, Label: "1,000,000"}}
	}
	p.Y.Min = 0
	line, points, err := plotter.NewLinePoints(pts)
	if err != nil {
		return err
	}
	line.Color = color.RGBA{0, 114, 178, 255}
	points.Color = line.Color
	p.Add(plotter.NewGrid(), line, points)
	if ideal != nil {
		ref, err := plotter.NewLine(ideal)
		if err != nil {
			return err
		}
		ref.Color = color.Gray{Y: 120}
		ref.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
		p.Add(ref)
		p.Legend.Add("measured", line, points)
		p.Legend.Add("linear", ref)
		p.Legend.XOffs, p.Legend.YOffs = -vg.Points(10), vg.Points(10) // bottom right, clear of the axes
	}
	return p.Save(6*vg.Inch, 4*vg.Inch, path)
}
