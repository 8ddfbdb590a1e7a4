package calibrate

import (
	"context"
	"math/rand/v2"
	"runtime"
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

// BenchmarkCalibration6x8 runs a whole ABC-SMC calibration of 6 parameters
// to 8 targets (testdata/bench-6x8.toml: the full programme's community
// before and in the initial stage) on GOMAXPROCS workers, the predictive
// draws included, and reports simulations (parameter sets, each of the
// file's replications) and model runs per second of wall time. Its time
// is the number of simulations times the time of one: see
// BenchmarkExampleSimulation.
func BenchmarkCalibration6x8(b *testing.B) {
	f, err := Load("testdata/bench-6x8.toml")
	if err != nil {
		b.Fatal(err)
	}
	var sims int
	for b.Loop() {
		c, err := Run(context.Background(), f, Options{Workers: runtime.GOMAXPROCS(0)})
		if err != nil {
			b.Fatal(err)
		}
		sims += c.Simulations()
	}
	b.ReportMetric(float64(sims)/b.Elapsed().Seconds(), "sims/s")
	b.ReportMetric(float64(sims*f.Replications)/b.Elapsed().Seconds(), "runs/s")
	b.ReportMetric(float64(sims)/float64(b.N), "sims/op")
}
