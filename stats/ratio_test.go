package stats

import (
	"math"
	"testing"
)

func TestRatio95(t *testing.T) {
	// den constant: the ratio's interval is the numerator's, scaled.
	num := []float64{1, 2, 3, 4, 5}
	den := []float64{2, 2, 2, 2, 2}
	got, want := Ratio95(num, den), Estimate95([]float64{0.5, 1, 1.5, 2, 2.5})
	for _, c := range [][2]float64{{got.Mean, want.Mean}, {got.Low, want.Low}, {got.High, want.High}} {
		if math.Abs(c[0]-c[1]) > 1e-12 {
			t.Errorf("Ratio95 = %+v, want %+v", got, want)
		}
	}
	// Proportional pairs: no spread in the ratio.
	if e := Ratio95([]float64{2, 4, 6}, []float64{1, 2, 3}); e.Mean != 2 || math.Abs(e.High-e.Low) > 1e-9 {
		t.Errorf("proportional pairs: %+v", e)
	}
	for _, bad := range [][2][]float64{
		{{1, 2}, {1, 2, 3}},
		{{1}, {1}},
		{{1, 2}, {-1, 1}},
		{{1, math.NaN()}, {1, 2}},
	} {
		if e := Ratio95(bad[0], bad[1]); !math.IsNaN(e.Low) || !math.IsNaN(e.High) {
			t.Errorf("Ratio95(%v, %v) = %+v, want a NaN interval", bad[0], bad[1], e)
		}
	}
}

func TestWilson95(t *testing.T) {
	// Reference values (e.g. Newcombe 1998, table I): 81 of 263.
	p, lo, hi := Wilson95(81, 263)
	if math.Abs(p-0.30798) > 1e-4 || math.Abs(lo-0.2553) > 1e-4 || math.Abs(hi-0.3662) > 1e-4 {
		t.Errorf("Wilson95(81, 263) = %v [%v, %v]", p, lo, hi)
	}
	if _, lo, hi := Wilson95(0, 10); lo != 0 || hi <= 0 || hi >= 0.35 {
		t.Errorf("Wilson95(0, 10) = [%v, %v]", lo, hi)
	}
	if _, lo, hi := Wilson95(10, 10); hi != 1 || lo <= 0.65 {
		t.Errorf("Wilson95(10, 10) = [%v, %v]", lo, hi)
	}
	if p, _, _ := Wilson95(0, 0); !math.IsNaN(p) {
		t.Error("no trials: not NaN")
	}
}
