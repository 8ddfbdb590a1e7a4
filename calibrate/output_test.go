package calibrate

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/grassroots-sim/grassroots/internal/golden"
)

// A calibration made by hand, so that the files' layout is checked
// against golden files (rewrite them with -update).
func handMade(t *testing.T) *Calibration {
	t.Helper()
	f, err := Parse("hand.toml", []byte(`base = "baseline"
[[target]]
metric = "participation"
weeks = "pre-project"
value = 0.11
se = 0.02
[[target]]
metric = "org_membership"
weeks = "8:11"
value = 0.03
se = 0.01
[[target]]
metric = "participation"
group_by = "income_quintile"
group = "q1"
weeks = "pre-project"
value = 0.07
se = 0.03
[parameters]
"macro.channel_openness" = { prior = "uniform", min = 0.1, max = 0.6 }
"community.organization_size" = { prior = "uniform", min = 5, max = 60 }
`))
	if err != nil {
		t.Fatal(err)
	}
	return &Calibration{
		File:   f,
		Method: MethodABC,
		Result: &Result{
			Particles: []Particle{
				{Params: []float64{0.3, 20}, Weight: 0.5, Distance: 0.4},
				{Params: []float64{0.25, 24}, Weight: 0.3, Distance: 0.7},
				{Params: []float64{0.35, 17}, Weight: 0.2, Distance: 0.2},
			},
			Generations: []Generation{
				{Index: 0, Tolerance: math.Inf(1), AcceptanceRate: 1, ESS: 3, Simulations: 3, Complete: true},
				{Index: 1, Tolerance: 0.9, AcceptanceRate: 0.375, ESS: 2.6315789473684212, Simulations: 8, Complete: true},
			},
			Stop: "reached 2 generations",
		},
		Predictive: [][]float64{{0.1, 0.02, 0.06}, {0.12, 0.03, 0.08}, {0.09, 0.025, 0.05}, {0.13, 0.035, 0.09}},
	}
}

func TestWriteGolden(t *testing.T) {
	abc := handMade(t)
	msm := handMade(t)
	msm.Method, msm.Result = MethodMSM, nil
	msm.Estimate = &Estimate{Params: []float64{0.31234567, 21.4}, SE: []float64{0.05, math.Inf(1)}, Distance: 0.3, Evaluations: 40, Status: "FunctionConvergence"}
	for _, c := range []struct {
		cal   *Calibration
		files []string
	}{
		{abc, []string{"posterior.csv", "generations.csv", "fit.csv", "calibrated.toml"}},
		{msm, []string{"estimates.csv", "calibrated.toml"}},
	} {
		dir := t.TempDir()
		if err := c.cal.Write(dir, dir); err != nil {
			t.Fatal(err)
		}
		for _, name := range c.files {
			got, err := os.ReadFile(filepath.Join(dir, name))
			if err != nil {
				t.Fatal(err)
			}
			golden.Check(t, filepath.Join("testdata", c.cal.Method+"-"+name), got)
		}
		if c.cal.Method == MethodMSM {
			if _, err := os.Stat(filepath.Join(dir, "posterior.csv")); err == nil {
				t.Error("msm wrote posterior.csv")
			}
		}
	}
	// The weighted median: the parameter's values sorted, the first whose
	// cumulative weight reaches one half.
	if got := abc.Values(); got[0] != 0.3 || got[1] != 20 {
		t.Errorf("calibrated values %v, want [0.3 20]", got)
	}
}
