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
	if got := md.String(); strings.Count(got, "\n| plan |") != 2 || !strings.Contains(got, "+0.020 [") || strings.Contains(got, "] *") {
		t.Errorf("markdown:\n%s", got)
	}
}

// The table a planner reads: money in yuan with separators, shares with
// fixed decimals, every unit and the * explained under it.
func TestComparisonMarkdownGolden(t *testing.T) {
	base := fixture(testReps, testWeeks, testCalendar)
	plan := shifted(0.05, 454321.4)
	c, err := Compare([]string{"base", "plan"}, [][]*sim.Result{base, plan}, 0, []sim.Metric{sim.Participation, sim.TrustMean, sim.Cost, sim.Efficiency})
	if err != nil {
		t.Fatal(err)
	}
	var md bytes.Buffer
	if err := WriteComparisonMarkdown(&md, c); err != nil {
		t.Fatal(err)
	}
	got := md.String()
	for _, want := range []string{"| 454,", "+454,321 |", "\n\\* the 95% confidence interval", "- cost: in yuan", "- trust: an index from 0 to 1", "- participation: a share from 0 to 1"} {
		if !strings.Contains(got, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	if strings.Contains(got, "e+") || strings.Contains(got, "e-0") {
		t.Errorf("exponent notation in the table:\n%s", got)
	}
	checkGolden(t, "comparison.md", md.Bytes())
}

func TestFormatIn(t *testing.T) {
	for _, tc := range []struct {
		v      float64
		unit   string
		signed bool
		want   string
	}{
		{454321.4, "yuan", false, "454,321"},
		{454321.4, "yuan", true, "+454,321"},
		{-1234567.8, "yuan", true, "-1,234,568"},
		{999.6, "yuan", false, "1,000"},
		{12, "yuan", false, "12"},
		{0.58764, "share", false, "0.588"},
		{0.02, "share", true, "+0.020"},
		{-0.0004, "share", true, "0.000"}, // rounds to zero: no sign
		{0.3, "index", false, "0.300"},
		{0.0849, "needs/hour", true, "+0.0849"},
		{12345.6, "ties", false, "12,346"},
		{math.NaN(), "share", false, "–"},
		{math.Inf(1), "yuan", true, "–"},
	} {
		if got := formatIn(tc.v, decimalsFor(tc.unit, tc.v), tc.signed); got != tc.want {
			t.Errorf("formatIn(%g, %s, %v) = %q, want %q", tc.v, tc.unit, tc.signed, got, tc.want)
		}
	}
	// A row shares its decimals, set by its largest value.
	if d := decimalsFor("needs/hour", 0.304, 0.0849, 0.061); d != 3 {
		t.Errorf("decimals %d, want 3", d)
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
	if got := md.String(); strings.Contains(got, "*") || strings.Count(got, "+0.050 [no interval: n = 1]") != 2 {
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
