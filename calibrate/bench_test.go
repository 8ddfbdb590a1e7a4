package calibrate

import (
	"context"
	"math/rand/v2"
	"testing"
)

// BenchmarkExampleSimulation times one particle of calibration/example.toml
// (its replications of the base scenario through the last target week,
// the scenario's loading included), at the middle of every prior: what
// bounds a calibration's speed, since each generation is its simulations
// and nothing else of note. It reports model runs per second on one
// goroutine; SMC runs --workers of them at once.
func BenchmarkExampleSimulation(b *testing.B) {
	f, err := Load("../calibration/example.toml")
	if err != nil {
		b.Fatal(err)
	}
	mid := make([]float64, len(f.Params))
	for j, p := range f.Params {
		mid[j] = p.Prior.Round((p.Prior.Min + p.Prior.Max) / 2)
	}
	simulate := f.Simulator(1)
	rng := rand.New(rand.NewPCG(1, 2))
	b.ResetTimer()
	for b.Loop() {
		if _, err := simulate(context.Background(), mid, rng); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*f.Replications)/b.Elapsed().Seconds(), "runs/s")
}
