package sim

import (
	"math"
	"math/rand/v2"
	"testing"
)

// exactBelow is what belowLogistic must answer.
func exactBelow(x, s, u float64) bool { return x < s*logistic(u) }

// TestBelowLogisticIsExact checks belowLogistic against the computed
// choice where a table could go wrong: on each cell's ends and an ulp
// either side, with x on the choice's boundary and an ulp either side, for
// several scales; then on a million random draws, utilities ranging past
// the table's ends.
func TestBelowLogisticIsExact(t *testing.T) {
	scales := []float64{1, 0, 0.07, 0.5, 0.999999, 1e-300, 3}
	check := func(x, s, u float64) {
		t.Helper()
		if got, want := belowLogistic(x, s, u), exactBelow(x, s, u); got != want {
			t.Fatalf("belowLogistic(%v, %v, %v) = %v, computing gives %v", x, s, u, got, want)
		}
	}
	cells := 2 * logisticSpan * logisticSteps
	for k := 0; k <= cells; k++ {
		end := float64(k)/logisticSteps - logisticSpan
		for _, u := range []float64{math.Nextafter(end, math.Inf(-1)), end, math.Nextafter(end, math.Inf(1))} {
			for _, s := range scales {
				p := s * logistic(u)
				for _, x := range []float64{math.Nextafter(p, 0), p, math.Nextafter(p, 2), 0, 0.5, math.Nextafter(1, 0)} {
					check(x, s, u)
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	draws := 1_000_000
	if testing.Short() {
		draws = 100_000
	}
	for range draws {
		u := (rng.Float64()*2 - 1) * 1.25 * logisticSpan
		s := scales[rng.IntN(len(scales))]
		x := rng.Float64()
		if rng.IntN(4) == 0 { // near the boundary, where the table must defer
			x = s*logistic(u) + (rng.Float64()-0.5)*1e-9
		}
		check(x, s, u)
	}
	for _, u := range []float64{math.NaN(), math.Inf(1), math.Inf(-1), -logisticSpan, logisticSpan, 1e300, -1e300} {
		for _, s := range []float64{1, 0.5, math.NaN(), -1, math.Inf(1)} {
			for _, x := range []float64{0, 0.3, math.Nextafter(1, 0)} {
				check(x, s, u)
			}
		}
	}
}

// FuzzBelowLogistic checks belowLogistic against computing on any draw,
// scale and utility.
func FuzzBelowLogistic(f *testing.F) {
	f.Add(0.5, 1.0, 0.0)
	f.Add(0.17, 0.4, -1.6)
	f.Add(0.0, 0.0, 16.0)
	f.Fuzz(func(t *testing.T, x, s, u float64) {
		if got, want := belowLogistic(x, s, u), exactBelow(x, s, u); got != want {
			t.Fatalf("belowLogistic(%v, %v, %v) = %v, computing gives %v", x, s, u, got, want)
		}
	})
}

// BenchmarkBelowLogistic compares the table with computing, on utilities
// spread as a week's are (about -4 to 2).
func BenchmarkBelowLogistic(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	us, xs := make([]float64, 4096), make([]float64, 4096)
	for k := range us {
		us[k], xs[k] = rng.Float64()*6-4, rng.Float64()
	}
	var n int
	b.Run("table", func(b *testing.B) {
		for k := 0; b.Loop(); k++ {
			n += boolInt(belowLogistic(xs[k&4095], 1, us[k&4095]))
		}
	})
	b.Run("exp", func(b *testing.B) {
		for k := 0; b.Loop(); k++ {
			n += boolInt(exactBelow(xs[k&4095], 1, us[k&4095]))
		}
	})
	_ = n
}
