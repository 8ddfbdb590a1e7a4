package sweep

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"

	"github.com/grassroots-sim/grassroots/internal/errfmt"
	"github.com/grassroots-sim/grassroots/internal/regular"
	"github.com/grassroots-sim/grassroots/report"
)

// Reading a finished sweep's tables back, for what is drawn or computed
// from them: heat maps here, the sensitivity analysis in package
// sensitivity.

// Outcomes returns outcomes (runs.csv columns, by their earlier names
// too) as runs.csv names them, or an error naming the first unknown one.
// nil means DefaultOutcomes.
func Outcomes(outcomes []string) ([]string, error) {
	if len(outcomes) == 0 {
		return DefaultOutcomes, nil
	}
	outcomes = outcomeNames(outcomes)
	return outcomes, checkOutcomes(outcomes)
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
				o, errfmt.Suggest(o, known), report.AtEndOfProject, report.AtEndOfHorizon, report.AtAUC)
		}
	}
	return nil
}

// ReadPoints reads points.csv in dir: the parameter names and, by point
// id, the values as written.
func ReadPoints(dir string) (names []string, values [][]string, err error) {
	path := filepath.Join(dir, PointsFile)
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

// ReadOutcomes reads the outcomes columns of runs.csv in dir (names as
// Outcomes returns them), run by run: each run's point, which must be
// below points, and its values, NaN for an empty field.
func ReadOutcomes(dir string, points int, outcomes []string) (runPoints []int, ys [][]float64, err error) {
	path := filepath.Join(dir, RunsFile)
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
			if OutcomeName(h) == name { // runs.csv of an older version
				idx[o] = c
			}
		}
		if idx[o] < 0 || header[0] != "point" {
			return nil, nil, fmt.Errorf("%s has no column %q", path, name)
		}
	}
	ys = make([][]float64, len(outcomes))
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
		runPoints = append(runPoints, pt)
		for o, c := range idx {
			v := math.NaN()
			if rec[c] != "" {
				if v, err = strconv.ParseFloat(rec[c], 64); err != nil {
					return nil, nil, fmt.Errorf("%s:%d: %s = %q is not a number", path, line, outcomes[o], rec[c])
				}
			}
			ys[o] = append(ys[o], v)
		}
	}
	return runPoints, ys, nil
}

// PointMeans averages the runs' values y (as ReadOutcomes returns them)
// by point, leaving NaN values out; a point without a value is NaN.
func PointMeans(runPoints []int, y []float64, points int) []float64 {
	sums, counts := make([]float64, points), make([]int, points)
	for i, pt := range runPoints {
		if !math.IsNaN(y[i]) {
			sums[pt] += y[i]
			counts[pt]++
		}
	}
	for pt := range sums {
		if counts[pt] == 0 {
			sums[pt] = math.NaN() // a point without runs drops out
			continue
		}
		sums[pt] /= float64(counts[pt])
	}
	return sums
}
