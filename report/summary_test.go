package report

import (
	"bytes"
	"encoding/csv"
	"math"
	"testing"

	"github.com/grassroots-sim/grassroots/sim"
	"github.com/grassroots-sim/grassroots/stats"
)

func findRow(t *testing.T, s Summary, metric, at string) SummaryRow {
	t.Helper()
	for _, r := range s.Rows {
		if r.Metric == metric && r.At == at {
			return r
		}
	}
	t.Fatalf("no row %s/%s", metric, at)
	return SummaryRow{}
}

func TestSummarize(t *testing.T) {
	results := fixture(testReps, testWeeks, testCalendar)
	s := Summarize("baseline", results)
	if len(s.Rows) != 3*int(sim.NumMetrics) {
		t.Fatalf("%d rows, want %d", len(s.Rows), 3*int(sim.NumMetrics))
	}
	if s.Rows[0].Metric != "participation" || s.Rows[0].Layer != "micro" || s.Rows[0].At != AtEndOfProject {
		t.Errorf("first row %+v", s.Rows[0])
	}
	values := func(m sim.Metric, f func([]float64) float64) []float64 {
		var xs []float64
		for _, r := range results {
			xs = append(xs, f(r.Values[m]))
		}
		return xs
	}
	for _, tc := range []struct {
		at   string
		week func([]float64) float64
	}{
		{AtEndOfProject, func(ys []float64) float64 { return ys[15] }}, // ProjectEnd 16
		{AtEndOfHorizon, func(ys []float64) float64 { return ys[19] }},
		{AtAUC, stats.AUC},
	} {
		got := findRow(t, s, "cohesion", tc.at).Estimate
		want := stats.Estimate95(values(sim.Cohesion, tc.week))
		if got != want {
			t.Errorf("cohesion %s = %+v, want %+v", tc.at, got, want)
		}
	}
	// Hand-computed: participation at week 15 is 0.1 + 0.3 + 0.01r + 0.001 sin(15(r+1)).
	e := findRow(t, s, "participation", AtEndOfProject).Estimate
	want := 0.4 + 0.01 + 0.001*(math.Sin(15)+math.Sin(30)+math.Sin(45))/3
	if math.Abs(e.Mean-want) > 1e-12 || e.N != testReps {
		t.Errorf("participation end_of_project = %+v, want mean %g", e, want)
	}
	// Efficiency is undefined in week 0, so its time average is too.
	if e := findRow(t, s, "efficiency", AtAUC).Estimate; !math.IsNaN(e.Mean) {
		t.Errorf("efficiency auc = %+v, want NaN", e)
	}
}

func TestSummarizeWithoutProject(t *testing.T) {
	cal := sim.Calendar{FollowUp: 8}
	s := Summarize("none", fixture(2, 8, cal))
	if a, b := findRow(t, s, "trust", AtEndOfProject), findRow(t, s, "trust", AtEndOfHorizon); a.Estimate != b.Estimate {
		t.Errorf("no project: end_of_project %+v, want end_of_horizon %+v", a.Estimate, b.Estimate)
	}
}

func TestSummarizeShortResult(t *testing.T) {
	// A result that stops before the project ends has no end-of-project value.
	s := Summarize("short", fixture(2, 10, testCalendar))
	if e := findRow(t, s, "trust", AtEndOfProject).Estimate; !math.IsNaN(e.Mean) {
		t.Errorf("got %+v, want NaN", e)
	}
}

func TestSummaryEmpty(t *testing.T) {
	s := Summarize("empty", nil)
	var buf bytes.Buffer
	if err := WriteSummary(&buf, s); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(records) != 1+3*int(sim.NumMetrics) {
		t.Fatalf("%d records", len(records))
	}
	if got := records[1]; got[4] != "" || got[8] != "0" {
		t.Errorf("empty estimate written as %v, want empty mean and n 0", got)
	}
}

// One replication has no spread: sd, ci_low and ci_high are empty (NA),
// where they were 0 and [mean, mean].
func TestSummaryOneReplication(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteSummary(&buf, Summarize("one", fixture(1, testWeeks, testCalendar))); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, got := range records[1:] {
		if got[5] != "" || got[6] != "" || got[7] != "" || got[8] != "1" {
			t.Fatalf("row %v: want empty sd, ci_low, ci_high and n 1", got)
		}
	}
	if got := records[1]; got[4] == "" {
		t.Errorf("row %v: want a mean", got)
	}
}

func TestSummaryCSVHeader(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteSummary(&buf, Summarize("s", fixture(2, 4, sim.Calendar{Initial: 4}))); err != nil {
		t.Fatal(err)
	}
	records, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"scenario", "metric", "layer", "at", "mean", "sd", "ci_low", "ci_high", "n"}
	for i, h := range want {
		if records[0][i] != h {
			t.Fatalf("header %v, want %v", records[0], want)
		}
	}
}
