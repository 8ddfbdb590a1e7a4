package report

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/grassroots-sim/grassroots/internal/atomicfile"
	"github.com/grassroots-sim/grassroots/sim"
)

// RunFigures are the metrics a run draws unless told otherwise.
var RunFigures = []sim.Metric{sim.Participation, sim.Cohesion}

// WriteRun writes a run's outputs into dir, creating it if needed:
// timeseries.csv, groups.csv when the results measured groups,
// summary.csv, a figure (PNG and SVG) per metric in
// figures (nil means RunFigures) named after the metric, and
// manifest.json, each atomically. The manifest comes last, so its presence
// marks a complete run. groups.csv is written while the rest is
// (WriteGroupsFile).
func WriteRun(dir, scenario string, results []*sim.Result, figures []sim.Metric, m Manifest) error {
	if figures == nil {
		figures = RunFigures
	}
	if len(results) == 0 {
		return fmt.Errorf("report: no results to write for scenario %q", scenario)
	}
	if err := checkResults(results); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	if HasGroups(results) {
		wait := WriteGroupsFile(filepath.Join(dir, "groups.csv"), []string{scenario}, [][]*sim.Result{results})
		if err := errors.Join(writeRun(dir, scenario, results, figures), wait()); err != nil {
			return err
		}
	} else if err := writeRun(dir, scenario, results, figures); err != nil {
		return err
	}
	return WriteManifest(filepath.Join(dir, "manifest.json"), m)
}

// writeRun writes a run's outputs but groups.csv and the manifest.
func writeRun(dir, scenario string, results []*sim.Result, figures []sim.Metric) error {
	err := atomicfile.Write(filepath.Join(dir, "timeseries.csv"), func(w io.Writer) error {
		return WriteTimeseries(w, scenario, results)
	})
	if err != nil {
		return err
	}
	summary := Summarize(scenario, results)
	err = atomicfile.Write(filepath.Join(dir, "summary.csv"), func(w io.Writer) error {
		return WriteSummary(w, summary)
	})
	if err != nil {
		return err
	}
	for _, metric := range figures {
		p, err := Curve(metric, []Series{{Label: scenario, Results: results}})
		if err != nil {
			return err
		}
		if err := SaveFigure(p, dir, sim.Metrics[metric].Name); err != nil {
			return err
		}
	}
	return nil
}
