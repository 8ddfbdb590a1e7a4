package sweep

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/grassroots-sim/grassroots/internal/atomicfile"
	"github.com/grassroots-sim/grassroots/internal/regular"
	"github.com/grassroots-sim/grassroots/report"
	"github.com/grassroots-sim/grassroots/sensitivity"
)

// The files a sensitivity analysis writes.
const (
	SensitivityFile = "sensitivity.csv"
	TornadoBase     = "tornado" // .png and .svg
)

// Analysis is the sensitivity analysis of a finished sweep.
type Analysis struct {
	Coefficients []sensitivity.Coefficient
	// Skipped lists varied parameters left out, with the reason.
	Skipped []string
}

// Analyze computes the PRCC of every varied numeric parameter of the
// sweep in dir with every outcome (runs.csv columns; nil means the
// sweep's own, from its manifest, or else DefaultOutcomes). Each point is
// one observation, its outcomes averaged over its replications, unless
// perRun, when each run is one.
func Analyze(dir string, outcomes []string, perRun bool) (Analysis, error) {
	if len(outcomes) == 0 {
		outcomes = DefaultOutcomes
		m, err := ReadManifest(filepath.Join(dir, ManifestFile))
		if errors.Is(err, regular.ErrNotRegular) {
			return Analysis{}, err
		}
		if err == nil && len(m.Outcomes) > 0 {
			outcomes = m.Outcomes
		}
	}
	if err := checkOutcomes(outcomes); err != nil {
		return Analysis{}, err
	}
	names, values, err := readPoints(filepath.Join(dir, PointsFile))
	if err != nil {
		return Analysis{}, err
	}
	var a Analysis
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
	x, ys, err := observations(filepath.Join(dir, RunsFile), cols, outcomes, perRun)
	if err != nil {
		return a, err
	}
	a.Coefficients, err = sensitivity.Analyze(params, x, outcomes, ys)
	return a, err
}

// WriteSensitivity analyses the sweep in dir and writes sensitivity.csv
// and the tornado plot (PNG and SVG) into out.
func WriteSensitivity(dir, out string, outcomes []string, perRun bool) error {
	a, err := Analyze(dir, outcomes, perRun)
	if err != nil {
		return err
	}
	return WriteAnalysis(out, a)
}

// WriteAnalysis writes a's table and tornado plot into out.
func WriteAnalysis(out string, a Analysis) error {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	err := atomicfile.Write(filepath.Join(out, SensitivityFile), func(w io.Writer) error {
		return sensitivity.WriteCSV(w, a.Coefficients)
	})
	if err != nil {
		return err
	}
	p, err := sensitivity.Tornado(a.Coefficients)
	if err != nil {
		return err
	}
	return report.SaveFigure(p, out, TornadoBase)
}

func checkOutcomes(outcomes []string) error {
	known := OutcomeColumns()
	for _, o := range outcomes {
		found := false
		for _, k := range known {
			found = found || k == o
		}
		if !found {
			return fmt.Errorf("unknown outcome %q%s; outcomes are runs.csv columns <metric>_%s, <metric>_%s or <metric>_%s",
				o, suggest(o, known), AtEndOfProject, AtEndOfFollowUp, AtAUC)
		}
	}
	return nil
}

// readPoints reads points.csv: the parameter names and, by point id, the
// values.
func readPoints(path string) (names []string, values [][]string, err error) {
	f, err := regular.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(bufio.NewReader(f)).ReadAll()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(rows) < 2 || len(rows[0]) < 2 || rows[0][0] != "point" {
		return nil, nil, fmt.Errorf("%s: not a sweep's points table", path)
	}
	for i, r := range rows[1:] {
		if id, err := strconv.Atoi(r[0]); err != nil || id != i {
			return nil, nil, fmt.Errorf("%s: row %d has point %q, expected %d", path, i+2, r[0], i)
		}
		values = append(values, r[1:])
	}
	return rows[0][1:], values, nil
}

// observations reads runs.csv into the analysis's columns: per point
// means, or one observation per run.
func observations(path string, cols [][]float64, outcomes []string, perRun bool) (x, ys [][]float64, err error) {
	f, err := regular.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	r.ReuseRecord = true
	header, err := r.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	idx := make([]int, len(outcomes))
	for o, name := range outcomes {
		idx[o] = -1
		for c, h := range header {
			if h == name {
				idx[o] = c
			}
		}
		if idx[o] < 0 || header[0] != "point" {
			return nil, nil, fmt.Errorf("%s has no column %q", path, name)
		}
	}
	points := len(cols[0])
	sums := make([][]float64, len(outcomes))
	counts := make([][]int, len(outcomes))
	for o := range outcomes {
		sums[o], counts[o] = make([]float64, points), make([]int, points)
	}
	x, ys = make([][]float64, len(cols)), make([][]float64, len(outcomes))
	for line := 2; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		pt, err := strconv.Atoi(rec[0])
		if err != nil || pt < 0 || pt >= points {
			return nil, nil, fmt.Errorf("%s:%d: point %q is not in points.csv", path, line, rec[0])
		}
		for o, c := range idx {
			v := math.NaN()
			if rec[c] != "" {
				if v, err = strconv.ParseFloat(rec[c], 64); err != nil {
					return nil, nil, fmt.Errorf("%s:%d: %s = %q is not a number", path, line, outcomes[o], rec[c])
				}
			}
			if perRun {
				ys[o] = append(ys[o], v)
			} else if !math.IsNaN(v) {
				sums[o][pt] += v
				counts[o][pt]++
			}
		}
		if perRun {
			for j := range cols {
				x[j] = append(x[j], cols[j][pt])
			}
		}
	}
	if perRun {
		return x, ys, nil
	}
	for o := range outcomes {
		ys[o] = make([]float64, points)
		for pt := range points {
			ys[o][pt] = math.NaN() // a point without runs drops out
			if counts[o][pt] > 0 {
				ys[o][pt] = sums[o][pt] / float64(counts[o][pt])
			}
		}
	}
	return cols, ys, nil
}

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
