package report

import (
	"math"
	"testing"

	"github.com/grassroots-sim/grassroots/sim"
)

func TestConcentrationIndex(t *testing.T) {
	for _, tc := range []struct {
		name          string
		mean, persons []float64
		want          float64
	}{
		{"equal means", []float64{0.3, 0.3, 0.3}, []float64{5, 10, 5}, 0},
		{"all among the richer half", []float64{0, 1}, []float64{4, 4}, 0.5}, // 2·cov(y, R)/μ = 2·0.125/0.5
		{"all among the poorer half", []float64{1, 0}, []float64{4, 4}, -0.5},
		{"an empty group is left out", []float64{0, 7, 1}, []float64{4, 0, 4}, 0.5},
		{"nothing to concentrate", []float64{0, 0}, []float64{4, 4}, math.NaN()},
	} {
		got := concentrationIndex(tc.mean, tc.persons)
		if math.IsNaN(tc.want) != math.IsNaN(got) || !math.IsNaN(got) && math.Abs(got-tc.want) > 1e-12 {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

// quintiles gives r five income quintiles whose participation is q/10 in
// every week (q1 = 0.1 ... q5 = 0.5) over 10 adults each, and coverage 1
// in q1 only (the others have nobody in need).
func quintiles(r *sim.Result) {
	r.Groups, r.GroupValues = nil, nil
	for range 5 {
		r.Groups = append(r.Groups, sim.Group{By: sim.ByIncome, Name: "q", Size: 12, Adults: 10})
	}
	for range r.Weeks() {
		for q := range 5 {
			v := make([]float64, sim.NumGroupMetrics)
			v[sim.GParticipation] = float64(q+1) / 10
			v[sim.GVulnerableCoverage] = math.NaN()
			if q == 0 {
				v[sim.GCareNeedy], v[sim.GVulnerableCoverage] = 3, 1
			}
			r.GroupValues = append(r.GroupValues, v...)
		}
	}
}

// The equity summaries of hand-set quintiles, in summary.csv's rows and
// as paired differences in the comparison.
func TestEquitySummaries(t *testing.T) {
	results := fixture(3, 6, sim.Calendar{PreProject: 2, Initial: 2, FollowUp: 2})
	for _, r := range results {
		quintiles(r)
	}
	rows := map[string]float64{}
	for _, row := range Summarize("s", results).Rows {
		rows[row.Metric+" "+row.At] = row.Estimate.Mean
	}
	// Ranks 0.1 ... 0.9, f = 0.2, μ = 0.3: CI = 2/0.3 · 0.2 · Σ (q/10)(2q−1)/10 − 1 = 4/15.
	for key, want := range map[string]float64{
		"participation_income_gap end_of_project":          0.4,
		"participation_income_gap auc":                     0.4,
		"participation_concentration end_of_horizon":       4.0 / 15,
		"vulnerable_coverage_income_gap end_of_horizon":    math.NaN(), // q5 has nobody in need
		"vulnerable_coverage_concentration end_of_project": 0,          // only q1 counts anyone: one group, nothing concentrated
	} {
		got, ok := rows[key]
		if !ok || math.IsNaN(want) != math.IsNaN(got) || !math.IsNaN(got) && math.Abs(got-want) > 1e-12 {
			t.Errorf("%s = %v (listed %v), want %v", key, got, ok, want)
		}
	}
	c, err := Compare([]string{"s", "t"}, [][]*sim.Result{results, results}, 0, []sim.Metric{sim.Participation})
	if err != nil {
		t.Fatal(err)
	}
	var equity int
	for _, row := range c.Rows {
		if _, ok := equityByName(row.Metric); ok {
			equity++
			if row.Diff.Mean != 0 && !math.IsNaN(row.Diff.Mean) {
				t.Errorf("%s %s %s: paired difference with itself %v", row.Scenario, row.Metric, row.At, row.Diff.Mean)
			}
		}
	}
	if equity != 2*len(Equities)*3 {
		t.Errorf("%d equity rows in the comparison, want %d", equity, 2*len(Equities)*3)
	}
}
