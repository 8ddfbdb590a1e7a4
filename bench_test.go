package grassroots_test

import (
	"context"
	"fmt"
	"runtime"
	"testing"

	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/sim"
)

// loadBuiltin resolves a built-in scenario or fails the benchmark.
func loadBuiltin(b *testing.B, name string) *scenario.Scenario {
	b.Helper()
	s, err := scenario.Load(name, nil)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// heapBytes returns the live heap after a collection.
func heapBytes() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// BenchmarkWeek times one week of the full model, in the middle stage of
// the full programme, for communities of growing size on all cores.
func BenchmarkWeek(b *testing.B) {
	s := loadBuiltin(b, "full-programme")
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("residents=%d", n), func(b *testing.B) {
			cfg := s.Config
			c := &cfg.Community
			scale := float64(n) / 2750 // the default community has about 2,750 residents
			c.Households = int(float64(c.Households) * scale)
			c.Buildings = max(1, int(float64(c.Buildings)*scale))
			c.Grids = max(1, int(float64(c.Grids)*scale))
			cfg.Calendar = sim.Calendar{Initial: 4, Middle: 520}
			before := heapBytes()
			e, err := sim.New(&cfg, 1, runtime.GOMAXPROCS(0))
			if err != nil {
				b.Fatal(err)
			}
			defer e.Close()
			bytesPer := float64(heapBytes()-before) / float64(e.Residents())
			for range 8 { // into the middle stage, buffers at steady size
				e.Step()
			}
			b.ReportAllocs()
			b.ResetTimer()
			weeks := 0
			for b.Loop() {
				e.Step()
				weeks++
			}
			b.StopTimer()
			p := e.Result().Values[sim.Participation]
			if last := p[len(p)-1]; !(last > 0 && last <= 1) {
				b.Fatalf("participation %v after %d weeks makes no sense", last, len(p))
			}
			b.ReportMetric(float64(weeks*e.Residents())/b.Elapsed().Seconds(), "resident-weeks/s")
			b.ReportMetric(bytesPer, "B/resident")
		})
	}
}

// BenchmarkScenario times one whole replication of a built-in scenario,
// building included.
func BenchmarkScenario(b *testing.B) {
	for _, name := range []string{"full-programme"} {
		b.Run(name, func(b *testing.B) {
			s := loadBuiltin(b, name)
			var residents, weeks int
			b.ReportAllocs()
			for b.Loop() {
				e, err := sim.New(&s.Config, sim.ReplicationSeed(s.Seed, 0), runtime.GOMAXPROCS(0))
				if err != nil {
					b.Fatal(err)
				}
				res, err := e.Run(context.Background())
				e.Close()
				if err != nil {
					b.Fatal(err)
				}
				residents, weeks = res.Residents, res.Weeks()
				if res.Values[sim.Cohesion][weeks-1] <= 0 {
					b.Fatal("cohesion is not positive")
				}
			}
			b.ReportMetric(float64(b.N*residents*weeks)/b.Elapsed().Seconds(), "resident-weeks/s")
		})
	}
}
