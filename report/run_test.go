package report

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/grassroots-sim/grassroots/sim"
)

func TestWriteRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "runs", "baseline")
	results := fixture(testReps, testWeeks, testCalendar)
	for range 2 { // the second run replaces the first
		if err := WriteRun(dir, "baseline", results, nil, testManifest()); err != nil {
			t.Fatal(err)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	want := []string{"cohesion.png", "cohesion.svg", "manifest.json", "participation.png", "participation.svg", "summary.csv", "timeseries.csv"}
	if !slices.Equal(names, want) {
		t.Fatalf("files %v, want %v", names, want)
	}
	var ts bytes.Buffer
	if err := WriteTimeseries(&ts, "baseline", results); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "timeseries.csv"))
	if !bytes.Equal(got, ts.Bytes()) {
		t.Error("timeseries.csv differs from WriteTimeseries output")
	}
	checkFigure(t, dir, "participation")
	checkFigure(t, dir, "cohesion")
}

func TestWriteRunEmpty(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	if err := WriteRun(dir, "s", nil, nil, Manifest{}); err == nil {
		t.Fatal("want error for no results")
	}
}

// groups.csv, written beside the other files while they are written, is
// WriteGroups' output; a failed write of it is WriteRun's error, and no
// manifest marks the run complete.
func TestWriteRunGroups(t *testing.T) {
	results := fixture(2, testWeeks, testCalendar)
	for _, r := range results {
		r.Groups = []sim.Group{{By: sim.ByAge, Name: "adult", Size: 10, Adults: 10}}
		r.GroupValues = make([]float64, testWeeks*int(sim.NumGroupMetrics))
		for k := range r.GroupValues {
			r.GroupValues[k] = float64(k) / 100
		}
	}
	dir := filepath.Join(t.TempDir(), "run")
	if err := WriteRun(dir, "baseline", results, nil, testManifest()); err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := WriteGroups(&want, []string{"baseline"}, [][]*sim.Result{results}); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "groups.csv")); !bytes.Equal(got, want.Bytes()) {
		t.Error("groups.csv differs from WriteGroups output")
	}

	// A directory where groups.csv should be: its write fails.
	bad := filepath.Join(t.TempDir(), "bad")
	if err := os.MkdirAll(filepath.Join(bad, "groups.csv", "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := WriteRun(bad, "baseline", results, nil, testManifest()); err == nil {
		t.Fatal("want the error of writing groups.csv")
	}
	if _, err := os.Stat(filepath.Join(bad, "manifest.json")); err == nil {
		t.Error("manifest written for an incomplete run")
	}
}
