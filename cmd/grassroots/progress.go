package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"
)

// simulate runs work, which reports finished replications to the progress
// function it is given, under a bar labelled label, and returns how long it
// took. An interruption becomes out's message (nothing written, previous
// outputs intact).
func simulate[T any](ctx context.Context, stderr io.Writer, quiet bool, label string, out *outputDir,
	work func(progress func(done, total int)) (T, error)) (T, time.Duration, error) {
	bar := newProgress(stderr, quiet, label)
	start := time.Now()
	res, err := work(bar.update)
	bar.finish()
	if err != nil && ctx.Err() != nil {
		err = out.interrupted()
	}
	return res, time.Since(start), err
}

// progress draws a one-line bar on stderr while replications finish. It is
// silent when asked to be or when stderr is not a terminal, so logs and
// pipes stay clean.
type progress struct {
	w     io.Writer
	label string
	start time.Time
	on    bool
}

func newProgress(w io.Writer, quiet bool, label string) *progress {
	return &progress{w: w, label: label, start: time.Now(), on: !quiet && isTerminal(w)}
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func (p *progress) update(done, total int) {
	if !p.on {
		return
	}
	const width = 30
	filled := width * done / total
	bar := make([]byte, width)
	for k := range bar {
		bar[k] = '.'
		if k < filled {
			bar[k] = '#'
		}
	}
	elapsed := time.Since(p.start)
	left := time.Duration(float64(elapsed) / float64(done) * float64(total-done))
	fmt.Fprintf(p.w, "\r%s [%s] %d/%d  %.1f/s  %s left ", p.label, bar, done, total,
		float64(done)/elapsed.Seconds(), left.Round(time.Second))
}

func (p *progress) finish() {
	if p.on {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

// readableRate writes a rate for people: "2.4 million" rather than 2.44e+06.
func readableRate(v float64) string {
	switch {
	case v >= 1e9:
		return fmt.Sprintf("%.1f billion", v/1e9)
	case v >= 1e6:
		return fmt.Sprintf("%.1f million", v/1e6)
	case v >= 1e4:
		return fmt.Sprintf("%.0f thousand", v/1e3)
	case v >= 100:
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.3g", v)
}
