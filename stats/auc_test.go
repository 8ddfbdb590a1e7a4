package stats

import (
	"math"
	"testing"
)

func TestAUC(t *testing.T) {
	for _, tc := range []struct {
		ys   []float64
		want float64
	}{
		{[]float64{0.4}, 0.4},
		{[]float64{0, 1}, 0.5},
		{[]float64{2, 2, 2, 2}, 2},
		// (0+1)/2 + (1+4)/2 + (4+9)/2 = 9.5 over 3 weeks.
		{[]float64{0, 1, 4, 9}, 9.5 / 3},
		// A ramp averages to its midpoint whatever the horizon.
		{[]float64{0, 0.25, 0.5, 0.75, 1}, 0.5},
		{[]float64{1, 0, 1}, 0.5},
	} {
		if got := AUC(tc.ys); !near(got, tc.want, 1e-12) {
			t.Errorf("AUC(%v) = %g, want %g", tc.ys, got, tc.want)
		}
	}
	if got := AUC(nil); !math.IsNaN(got) {
		t.Errorf("AUC(nil) = %g, want NaN", got)
	}
}
