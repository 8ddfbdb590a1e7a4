package report

import (
	"bytes"
	"encoding/csv"
	"math"
	"strings"
	"testing"

	"github.com/grassroots-sim/grassroots/sim"
)

// shifted returns the fixture with participation raised by d·(r+1) in every
// week and the cost raised by extra.
func shifted(d, extra float64) []*sim.Result {
	rs := fixture(testReps, testWeeks, testCalendar)
	for r, res := range rs {
		for w := range res.Values[sim.Participation] {
			res.Values[sim.Participation][w] += d * float64(r+1)
			res.Values[sim.Cost][w] += extra
		}
	}
	return rs
}

func TestCompare(t *testing.T) {
	base := fixture(testReps, testWeeks, testCalendar)
	c, err := Compare([]string{"base", "plan"}, [][]*sim.Result{base, shifted(0.01, 20000)}, 0, []sim.Metric{sim.Participation})
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Rows) != 2*3 {
		t.Fatalf("%d rows, want 6", len(c.Rows))
	}
	for _, r := range c.Rows {
		switch r.Scenario {
		case "base":
			if r.Diff.Mean != 0 || !math.IsNaN(r.GainPer10k) {
				t.Errorf("baseline against itself: %+v", r)
			}
		case "plan":
			// Differences 0.01, 0.02, 0.03: mean 0.02, sd 0.01, t(2) = 4.302653.
			if math.Abs(r.Diff.Mean-0.02) > 1e-12 || math.Abs(r.Diff.High-0.02-4.302653*0.01/math.Sqrt(3)) > 1e-6 {
				t.Errorf("%s: diff %+v", r.At, r.Diff)
			}
			if math.Abs(r.CostDiff-20000) > 1e-6 || math.Abs(r.GainPer10k-0.01) > 1e-9 {
				t.Errorf("%s: extra cost %v, gain %v", r.At, r.CostDiff, r.GainPer10k)
			}
		}
	}
	var csvOut, md bytes.Buffer
	if err := WriteComparison(&csvOut, c); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&csvOut).ReadAll()
	if err != nil || len(rows) != 7 || rows[0][6] != "diff" || rows[4][0] != "plan" {
		t.Fatalf("comparison.csv: %v %v", err, rows)
	}
	if err := WriteComparisonMarkdown(&md, c); err != nil {
		t.Fatal(err)
	}
	// The interval includes 0, so no star.
	if got := md.String(); strings.Count(got, "\n| plan |") != 2 || !strings.Contains(got, "+0.02 [") || strings.Contains(got, "] *") {
		t.Errorf("markdown:\n%s", got)
	}
}

func TestCompareRefusesUnpairedRuns(t *testing.T) {
	base := fixture(testReps, testWeeks, testCalendar)
	other := fixture(testReps, testWeeks, testCalendar)
	other[1].Seed = 7
	if _, err := Compare([]string{"a", "b"}, [][]*sim.Result{base, other}, 0, []sim.Metric{sim.Cohesion}); err == nil {
		t.Fatal("compared replications with different seeds")
	}
}

// One replication has no interval: the table says so and marks nothing,
// where it printed a zero-width interval marked significant.
func TestCompareOneReplication(t *testing.T) {
	base := fixture(1, testWeeks, testCalendar)
	plan := fixture(1, testWeeks, testCalendar)
	for w := range plan[0].Values[sim.Participation] {
		plan[0].Values[sim.Participation][w] += 0.05
	}
	c, err := Compare([]string{"base", "plan"}, [][]*sim.Result{base, plan}, 0, []sim.Metric{sim.Participation})
	if err != nil {
		t.Fatal(err)
	}
	var csvOut, md bytes.Buffer
	if err := WriteComparison(&csvOut, c); err != nil {
		t.Fatal(err)
	}
	if err := WriteComparisonMarkdown(&md, c); err != nil {
		t.Fatal(err)
	}
	if got := md.String(); strings.Contains(got, "*") || strings.Count(got, "+0.05 [no interval: n = 1]") != 2 {
		t.Errorf("markdown:\n%s", got)
	}
	rows, err := csv.NewReader(&csvOut).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows[1:] {
		if row[7] != "" || row[8] != "" || row[9] != "1" {
			t.Errorf("row %v: want empty diff_ci_low, diff_ci_high and n 1", row)
		}
	}
}
