package report

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"
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
