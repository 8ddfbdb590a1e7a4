package stats

import (
	"math"
	"testing"
)

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

func TestEstimate95(t *testing.T) {
	for _, tc := range []struct {
		name string
		xs   []float64
		want Estimate
	}{
		// mean 3, variance 2.5; t(0.975, 4) = 2.7764451.
		{"five", []float64{1, 2, 3, 4, 5}, Estimate{
			Mean: 3, SD: math.Sqrt(2.5),
			Low:  3 - 2.7764451*math.Sqrt(2.5)/math.Sqrt(5),
			High: 3 + 2.7764451*math.Sqrt(2.5)/math.Sqrt(5),
			N:    5,
		}},
		// mean 1, sd 1; t(0.975, 1) = 12.7062047.
		{"two", []float64{1 - 1/math.Sqrt2, 1 + 1/math.Sqrt2}, Estimate{
			Mean: 1, SD: 1,
			Low:  1 - 12.7062047/math.Sqrt2,
			High: 1 + 12.7062047/math.Sqrt2,
			N:    2,
		}},
		{"constant", []float64{2, 2, 2}, Estimate{Mean: 2, Low: 2, High: 2, N: 3}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := Estimate95(tc.xs)
			if got.N != tc.want.N ||
				!near(got.Mean, tc.want.Mean, 1e-12) ||
				!near(got.SD, tc.want.SD, 1e-12) ||
				!near(got.Low, tc.want.Low, 1e-6) ||
				!near(got.High, tc.want.High, 1e-6) {
				t.Errorf("Estimate95(%v) = %+v, want %+v", tc.xs, got, tc.want)
			}
		})
	}
}

// One value has no interval: SD and bounds are NaN, so nothing reads as
// certain (they were 0 and [x, x]).
func TestEstimate95One(t *testing.T) {
	got := Estimate95([]float64{0.25})
	if got.N != 1 || got.Mean != 0.25 || !math.IsNaN(got.SD) || !math.IsNaN(got.Low) || !math.IsNaN(got.High) {
		t.Errorf("Estimate95([0.25]) = %+v, want mean 0.25, NaN SD and bounds, N 1", got)
	}
}

func TestEstimate95Empty(t *testing.T) {
	got := Estimate95(nil)
	if got.N != 0 || !math.IsNaN(got.Mean) || !math.IsNaN(got.SD) || !math.IsNaN(got.Low) || !math.IsNaN(got.High) {
		t.Errorf("Estimate95(nil) = %+v, want NaN fields and N 0", got)
	}
}

func TestEstimate95NaNPropagates(t *testing.T) {
	got := Estimate95([]float64{1, math.NaN(), 3})
	if !math.IsNaN(got.Mean) || !math.IsNaN(got.Low) || got.N != 3 {
		t.Errorf("got %+v, want NaN mean and bounds", got)
	}
}

// deterministic spread-out sample without a random source.
func sample(n int) []float64 {
	xs := make([]float64, n)
	for i := range xs {
		xs[i] = math.Sin(float64(i)*1.7) + 0.3*math.Cos(float64(i)*0.37)
	}
	return xs
}

func TestEstimate95Properties(t *testing.T) {
	prev := math.Inf(1)
	for _, n := range []int{2, 3, 5, 10, 30, 100, 1000} {
		e := Estimate95(sample(n))
		if !(e.Low <= e.Mean && e.Mean <= e.High) {
			t.Errorf("n=%d: not Low <= Mean <= High: %+v", n, e)
		}
		if !near(e.High-e.Mean, e.Mean-e.Low, 1e-12) {
			t.Errorf("n=%d: interval not symmetric: %+v", n, e)
		}
		w := e.High - e.Low
		if w >= prev {
			t.Errorf("n=%d: width %g did not shrink from %g", n, w, prev)
		}
		prev = w
	}
}

func TestPaired95(t *testing.T) {
	a := []float64{10, 20, 30, 40, 50}
	b := []float64{11, 22, 33, 44, 55} // differences 1..5
	got := Paired95(a, b)
	want := Estimate95([]float64{1, 2, 3, 4, 5})
	if got != want {
		t.Errorf("Paired95 = %+v, want %+v", got, want)
	}
	// Pairing removes the shared spread: the unpaired interval of b is wider.
	if got.High-got.Low >= Estimate95(b).High-Estimate95(b).Low {
		t.Errorf("paired interval %+v not narrower than unpaired", got)
	}
	if e := Paired95([]float64{1}, []float64{1, 2}); e.N != 0 || !math.IsNaN(e.Mean) {
		t.Errorf("mismatched lengths: got %+v, want NaN and N 0", e)
	}
	if e := Paired95(nil, nil); e.N != 0 || !math.IsNaN(e.Mean) {
		t.Errorf("empty: got %+v", e)
	}
}
