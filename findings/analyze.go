package findings

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"slices"
	"strconv"

	"github.com/grassroots-sim/grassroots/effects"
	"github.com/grassroots-sim/grassroots/internal/atomicfile"
	"github.com/grassroots-sim/grassroots/internal/regular"
	"github.com/grassroots-sim/grassroots/sweep"
)

// The files Write adds to a findings run's directory.
const (
	CSVFile      = "findings.csv"
	MarkdownFile = "findings.md"
	FigurePrefix = "finding_" // finding_<name>.png
)

// Result is a findings run read back: the points and each point's
// findings.
type Result struct {
	Params   []string    // varied keys
	X        [][]float64 // X[j][point]
	Findings [][]effects.Finding
	Reps     int
}

// Read reads points.csv and runs.csv of a finished findings run in dir and
// decides every finding at every point.
func Read(dir string) (*Result, error) {
	params, _, x, err := readTable(filepath.Join(dir, sweep.PointsFile), "point")
	if err != nil {
		return nil, err
	}
	header, ids, runs, err := readTable(filepath.Join(dir, sweep.RunsFile), "point")
	if err != nil {
		return nil, err
	}
	cols := effects.Columns()
	if len(header) != len(cols)+2 || !slices.Equal(header[2:], cols) {
		return nil, fmt.Errorf("%s: its columns are not this program's observations; it was written by another version", filepath.Join(dir, sweep.RunsFile))
	}
	nPoints := 0
	if len(x) > 0 {
		nPoints = len(x[0])
	}
	byPoint := make([][][]float64, nPoints)
	for i, id := range ids {
		if id < 0 || id >= nPoints {
			return nil, fmt.Errorf("%s: run %d names point %d of %d", sweep.RunsFile, i, id, nPoints)
		}
		row := make([]float64, len(cols))
		for k := range cols {
			row[k] = runs[k+2][i]
		}
		byPoint[id] = append(byPoint[id], row)
	}
	res := &Result{Params: params, X: x}
	for pt, rows := range byPoint {
		d, err := effects.NewData(rows)
		if err != nil {
			return nil, fmt.Errorf("point %d: %w", pt, err)
		}
		if pt == 0 {
			res.Reps = len(rows)
		} else if len(rows) != res.Reps {
			return nil, fmt.Errorf("point %d has %d replications, point 0 has %d", pt, len(rows), res.Reps)
		}
		res.Findings = append(res.Findings, effects.Evaluate(d))
	}
	return res, nil
}

// readTable reads a CSV whose first column, named first, holds integer
// ids: it returns the other columns' names, the ids and the other columns'
// values by column, an empty field as NaN.
func readTable(path, first string) ([]string, []int, [][]float64, error) {
	f, err := regular.Open(path)
	if err != nil {
		return nil, nil, nil, err
	}
	defer f.Close()
	rows, err := csv.NewReader(bufio.NewReader(f)).ReadAll()
	if err != nil {
		return nil, nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(rows) < 2 || rows[0][0] != first {
		return nil, nil, nil, fmt.Errorf("%s: not a findings run's table (no rows, or no %q column)", path, first)
	}
	names := rows[0][1:]
	cols := make([][]float64, len(names))
	ids := make([]int, len(rows)-1)
	for i, r := range rows[1:] {
		if ids[i], err = strconv.Atoi(r[0]); err != nil {
			return nil, nil, nil, fmt.Errorf("%s:%d: %s %q is not an integer", path, i+2, first, r[0])
		}
		for j := range names {
			v := math.NaN()
			if r[j+1] != "" {
				if v, err = strconv.ParseFloat(r[j+1], 64); err != nil {
					return nil, nil, nil, fmt.Errorf("%s:%d: %s = %q is not a number", path, i+2, names[j], r[j+1])
				}
			}
			cols[j] = append(cols[j], v)
		}
	}
	return names, ids, cols, nil
}

// WriteCSV writes findings.csv: the point, every varied parameter, and for
// every finding <name>_held (1 or 0) and <name>_effect.
func (r *Result) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	head := append([]string{"point"}, r.Params...)
	if len(r.Findings) > 0 {
		for _, f := range r.Findings[0] {
			head = append(head, f.Name+"_held", f.Name+"_effect")
		}
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	for pt, fs := range r.Findings {
		row := []string{strconv.Itoa(pt)}
		for j := range r.Params {
			row = append(row, strconv.FormatFloat(r.X[j][pt], 'g', 10, 64))
		}
		for _, f := range fs {
			held := "0"
			if f.Held {
				held = "1"
			}
			eff := ""
			if !math.IsNaN(f.Effect) && !math.IsInf(f.Effect, 0) {
				eff = strconv.FormatFloat(f.Effect, 'g', 10, 64)
			}
			row = append(row, held, eff)
		}
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// Write reads the findings run in dir and writes findings.csv, findings.md
// and the figures into it.
func Write(dir string) (*Result, error) {
	r, err := Read(dir)
	if err != nil {
		return nil, err
	}
	if err := atomicfile.Write(filepath.Join(dir, CSVFile), r.WriteCSV); err != nil {
		return nil, err
	}
	reports := r.Analyze()
	for _, a := range reports {
		if err := a.saveFigure(r, dir); err != nil {
			return nil, err
		}
	}
	err = atomicfile.Write(filepath.Join(dir, MarkdownFile), func(w io.Writer) error {
		return r.WriteMarkdown(w, reports)
	})
	return r, err
}
