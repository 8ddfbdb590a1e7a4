package sensitivity

import (
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/grassroots-sim/grassroots/internal/atomicfile"
	"github.com/grassroots-sim/grassroots/internal/regular"
	"github.com/grassroots-sim/grassroots/report"
	"github.com/grassroots-sim/grassroots/sweep"
)

// The files a sensitivity analysis writes.
const (
	File        = "sensitivity.csv"
	TornadoBase = "tornado" // .png and .svg
)

// SweepAnalysis is the sensitivity analysis of a finished sweep.
type SweepAnalysis struct {
	Coefficients []Coefficient
	// Skipped lists varied parameters left out, with the reason.
	Skipped []string
}

// AnalyzeSweep computes the PRCC of every varied numeric parameter of the
// sweep in dir with every outcome (runs.csv columns; nil means the
// sweep's own, from its manifest, or else sweep.DefaultOutcomes). Each
// point is one observation, its outcomes averaged over its replications,
// unless perRun, when each run is one.
func AnalyzeSweep(dir string, outcomes []string, perRun bool) (SweepAnalysis, error) {
	if len(outcomes) == 0 {
		m, err := sweep.ReadManifest(filepath.Join(dir, sweep.ManifestFile))
		if errors.Is(err, regular.ErrNotRegular) {
			return SweepAnalysis{}, err
		}
		if err == nil {
			outcomes = m.Outcomes
		}
	}
	outcomes, err := sweep.Outcomes(outcomes)
	if err != nil {
		return SweepAnalysis{}, err
	}
	names, values, err := sweep.ReadPoints(dir)
	if err != nil {
		return SweepAnalysis{}, err
	}
	var a SweepAnalysis
	var params []string
	var cols [][]float64
	for j, name := range names {
		col := make([]float64, len(values))
		numeric := true
		for i := range values {
			v, ok := parseNumber(values[i][j])
			numeric = numeric && ok
			col[i] = v
		}
		switch {
		case !numeric:
			a.Skipped = append(a.Skipped, name+": not a number")
		case isConstant(col):
			a.Skipped = append(a.Skipped, name+": does not vary")
		default:
			params = append(params, name)
			cols = append(cols, col)
		}
	}
	if len(params) == 0 {
		return a, errors.New("no varied numeric parameter to analyse")
	}
	runPoints, ys, err := sweep.ReadOutcomes(dir, len(values), outcomes)
	if err != nil {
		return a, err
	}
	x := cols
	if perRun {
		x = make([][]float64, len(cols))
		for j := range cols {
			for _, pt := range runPoints {
				x[j] = append(x[j], cols[j][pt])
			}
		}
	} else {
		for o := range ys {
			ys[o] = sweep.PointMeans(runPoints, ys[o], len(values))
		}
	}
	a.Coefficients, err = Analyze(params, x, outcomes, ys)
	return a, err
}

// WriteSweep analyses the sweep in dir, one observation per point, and
// writes sensitivity.csv and the tornado plot (PNG and SVG) into dir: a
// sweep.Analyzer.
func WriteSweep(dir string, outcomes []string) error {
	a, err := AnalyzeSweep(dir, outcomes, false)
	if err != nil {
		return err
	}
	return WriteAnalysis(dir, a)
}

// WriteAnalysis writes a's table and tornado plot into out.
func WriteAnalysis(out string, a SweepAnalysis) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	err := atomicfile.Write(filepath.Join(out, File), func(w io.Writer) error {
		return WriteCSV(w, a.Coefficients)
	})
	if err != nil {
		return err
	}
	p, err := Tornado(a.Coefficients)
	if err != nil {
		return err
	}
	return report.SaveFigure(p, out, TornadoBase)
}

// parseNumber reads a parameter's value as written in points.csv:
// booleans count as 0 and 1.
func parseNumber(s string) (float64, bool) {
	switch strings.TrimSpace(s) {
	case "true":
		return 1, true
	case "false":
		return 0, true
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return v, err == nil && !math.IsNaN(v) && !math.IsInf(v, 0)
}

func isConstant(v []float64) bool {
	for _, x := range v {
		if x != v[0] {
			return false
		}
	}
	return true
}
