package calibrate

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// Each prior's draws stay within its bounds and match its median and
// mean; its density is 0 outside them.
func TestPriorSample(t *testing.T) {
	cases := []struct {
		name         string
		prior        Prior
		median, mean float64
	}{
		{"uniform", Prior{Kind: PriorUniform, Min: 2, Max: 4}, 3, 3},
		{"loguniform", Prior{Kind: PriorLogUniform, Min: 0.01, Max: 1}, 0.1, 0.99 / math.Log(100)},
		{"normal", Prior{Kind: PriorNormal, Mean: 1, SD: 2, Min: -100, Max: 100}, 1, 1},
		// Truncated to [mean, mean + inf): the half-normal's median and mean.
		{"half normal", Prior{Kind: PriorNormal, Mean: 0, SD: 1, Min: 0, Max: 50}, 0.6745, math.Sqrt(2 / math.Pi)},
		// The far upper tail, mirrored for accuracy: mean of N(0,1) truncated to [5, 6].
		{"upper tail", Prior{Kind: PriorNormal, Mean: 0, SD: 1, Min: 5, Max: 6}, 5.13, 5.18},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if msg := c.prior.check(); msg != "" {
				t.Fatal(msg)
			}
			rng := rand.New(rand.NewPCG(1, 2))
			xs := make([]float64, 20000)
			var sum float64
			for i := range xs {
				xs[i] = c.prior.Sample(rng)
				if xs[i] < c.prior.Min || xs[i] > c.prior.Max {
					t.Fatalf("draw %g outside [%g, %g]", xs[i], c.prior.Min, c.prior.Max)
				}
				sum += xs[i]
			}
			slices.Sort(xs)
			// About six Monte Carlo standard errors of the median and mean.
			tol := 0.02 * (c.prior.Max - c.prior.Min)
			if c.prior.Kind == PriorNormal {
				tol = 0.05 * c.prior.SD
			}
			if med := xs[len(xs)/2]; math.Abs(med-c.median) > tol {
				t.Errorf("median %g, want %g ± %g", med, c.median, tol)
			}
			if mean := sum / float64(len(xs)); math.Abs(mean-c.mean) > tol {
				t.Errorf("mean %g, want %g ± %g", mean, c.mean, tol)
			}
			if c.prior.Density(c.prior.Min-1e-9) != 0 || c.prior.Density(c.prior.Max+1e-9) != 0 || c.prior.Density(math.NaN()) != 0 {
				t.Error("density outside the bounds is not 0")
			}
		})
	}
}

// An integer parameter's draws are integers, the ends as likely as the rest.
func TestIntegerPrior(t *testing.T) {
	p := Prior{Kind: PriorUniform, Min: 1, Max: 3, Integer: true}
	rng := rand.New(rand.NewPCG(3, 4))
	count := map[float64]int{}
	for range 3000 {
		count[p.Sample(rng)]++
	}
	for _, v := range []float64{1, 2, 3} {
		if count[v] < 900 || count[v] > 1100 {
			t.Errorf("value %g drawn %d times of 3000, want about 1000 (%v)", v, count[v], count)
		}
	}
	if len(count) != 3 {
		t.Errorf("values drawn: %v", count)
	}
}
