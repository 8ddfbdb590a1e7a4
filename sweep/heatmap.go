package sweep

import (
	"fmt"
	"math"
	"os"
	"slices"
	"strings"

	"github.com/grassroots-sim/grassroots/report"
	"github.com/grassroots-sim/grassroots/sim"
)

// HeatMapPrefix names the heat maps of a grid sweep over two parameters:
// heatmap_<outcome>.png and .svg.
const HeatMapPrefix = "heatmap_"

// WriteHeatMaps draws, for a sweep in dir whose points vary exactly two
// parameters, a heat map of every outcome (runs.csv columns; nil means
// DefaultOutcomes) averaged over the reps replications of each point, into
// out. A sweep varying another number of parameters has no heat map: it
// writes nothing and returns false.
func WriteHeatMaps(dir, out string, outcomes []string, reps int) (bool, error) {
	outcomes, err := Outcomes(outcomes)
	if err != nil {
		return false, err
	}
	names, values, err := ReadPoints(dir)
	if err != nil {
		return false, err
	}
	var varied []int
	levels := make([][]string, len(names))
	for j := range names {
		for _, row := range values {
			if !slices.Contains(levels[j], row[j]) {
				levels[j] = append(levels[j], row[j])
			}
		}
		if len(levels[j]) > 1 {
			varied = append(varied, j)
		}
	}
	if len(varied) != 2 {
		return false, nil
	}
	ky, kx := varied[0], varied[1] // a grid's first parameter varies slowest: rows
	cell := make([][2]int, len(values))
	seen := map[[2]int]int{}
	for pt, row := range values {
		c := [2]int{slices.Index(levels[ky], row[ky]), slices.Index(levels[kx], row[kx])}
		if other, ok := seen[c]; ok {
			return false, fmt.Errorf("points %d and %d both have %s = %s and %s = %s", other, pt, names[ky], row[ky], names[kx], row[kx])
		}
		seen[c], cell[pt] = pt, c
	}
	runPoints, ys, err := ReadOutcomes(dir, len(values), outcomes)
	if err != nil {
		return false, err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return false, err
	}
	for o, outcome := range outcomes {
		g := report.Grid{
			Outcome: outcome, Unit: outcomeUnit(outcome), Note: fmt.Sprintf("mean of %d replications per point", reps),
			X: names[kx], Y: names[ky], XLevels: levels[kx], YLevels: levels[ky],
			Z: make([][]float64, len(levels[ky])),
		}
		for j := range g.Z {
			g.Z[j] = make([]float64, len(levels[kx]))
			for i := range g.Z[j] {
				g.Z[j][i] = math.NaN()
			}
		}
		for pt, mean := range PointMeans(runPoints, ys[o], len(values)) {
			g.Z[cell[pt][0]][cell[pt][1]] = mean
		}
		p, err := report.HeatMap(g)
		if err != nil {
			return false, err
		}
		if err := report.SaveFigure(p, out, HeatMapPrefix+outcome); err != nil {
			return false, err
		}
	}
	return true, nil
}

// outcomeUnit is the unit of the metric an outcome column measures.
func outcomeUnit(outcome string) string {
	for _, m := range sim.Metrics {
		if rest, ok := strings.CutPrefix(outcome, m.Name+"_"); ok && slices.Contains(report.TimePoints[:], rest) {
			return m.Unit
		}
	}
	return ""
}
