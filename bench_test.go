package grassroots_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"testing"

	"github.com/grassroots-sim/grassroots/experiment"
	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/sim"
	"gonum.org/v1/gonum/stat/distuv"
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

// timeSteps times step over the benchmark's loop, everything before it
// left out, and returns how many steps it took.
func timeSteps(b *testing.B, step func()) int {
	b.ResetTimer()
	steps := 0
	for b.Loop() {
		step()
		steps++
	}
	b.StopTimer()
	return steps
}

// heapBytes returns the live heap after a collection.
func heapBytes() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// newEngine builds an engine for cfg on all cores and returns it with its
// live heap per resident: the state, ties included, without the
// configuration's data (the B/resident every benchmark reports).
func newEngine(b *testing.B, cfg *sim.Config, seed uint64) (*sim.Engine, float64) {
	b.Helper()
	before := heapBytes()
	e, err := sim.New(cfg, seed, runtime.GOMAXPROCS(0))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(e.Close)
	return e, float64(max(heapBytes(), before)-before) / float64(e.Residents())
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
			e, bytesPer := newEngine(b, &cfg, 1)
			for range 8 { // into the middle stage, buffers at steady size
				e.Step()
			}
			b.ReportAllocs()
			weeks := timeSteps(b, e.Step)
			p := e.Result().Values[sim.Participation]
			if last := p[len(p)-1]; !(last > 0 && last <= 1) {
				b.Fatalf("participation %v after %d weeks makes no sense", last, len(p))
			}
			b.ReportMetric(float64(weeks*e.Residents())/b.Elapsed().Seconds(), "resident-weeks/s")
			b.ReportMetric(bytesPer, "B/resident")
		})
	}
}

// BenchmarkWeekGroups is BenchmarkWeek at 100,000 residents with groups
// measured (sim.Engine.EnableGroups, as run and compare do): what groups
// add to the record's pass.
func BenchmarkWeekGroups(b *testing.B) {
	s := loadBuiltin(b, "full-programme")
	cfg := s.Config
	c := &cfg.Community
	scale := 100_000.0 / 2750
	c.Households = int(float64(c.Households) * scale)
	c.Buildings = max(1, int(float64(c.Buildings)*scale))
	c.Grids = max(1, int(float64(c.Grids)*scale))
	cfg.Calendar = sim.Calendar{Initial: 4, Middle: 520}
	e, _ := newEngine(b, &cfg, 1)
	e.EnableGroups()
	for range 8 {
		e.Step()
	}
	b.ReportAllocs()
	weeks := timeSteps(b, e.Step)
	b.ReportMetric(float64(weeks*e.Residents())/b.Elapsed().Seconds(), "resident-weeks/s")
}

// BenchmarkScenario times one whole replication of a built-in scenario,
// building included.
func BenchmarkScenario(b *testing.B) { benchmarkScenario(b, false) }

// BenchmarkScenarioGroups is BenchmarkScenario with groups measured, as
// run and compare measure them: what groups add at the default size, where
// shards are small.
func BenchmarkScenarioGroups(b *testing.B) { benchmarkScenario(b, true) }

func benchmarkScenario(b *testing.B, groups bool) {
	for _, name := range []string{"full-programme"} {
		b.Run(name, func(b *testing.B) {
			s := loadBuiltin(b, name)
			_, bytesPer := newEngine(b, &s.Config, sim.ReplicationSeed(s.Seed, 0))
			var residents, weeks int
			b.ReportAllocs()
			for b.Loop() {
				e, err := sim.New(&s.Config, sim.ReplicationSeed(s.Seed, 0), runtime.GOMAXPROCS(0))
				if err != nil {
					b.Fatal(err)
				}
				if groups {
					e.EnableGroups()
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
			b.ReportMetric(bytesPer, "B/resident")
		})
	}
}

// randomGraph returns a Population of n single-person households in 1,000
// buildings tied by a random graph of mean degree close to 10: uniformly
// random pairs, dropping those that would give a resident more than the 16
// ties the engine holds (which trims the Poisson tail: the mean ends near
// 9.9).
func randomGraph(n int, seed uint64) *sim.Population {
	rng := rand.New(rand.NewPCG(seed, 1))
	p := &sim.Population{Buildings: 1000}
	p.Households = make([]sim.PopHousehold, n)
	p.Residents = make([]sim.PopResident, n)
	nan := math.NaN()
	for i := range n {
		p.Households[i] = sim.PopHousehold{Building: int32(i * 1000 / n), Income: 4000}
		p.Residents[i] = sim.PopResident{Household: int32(i), Age: sim.Adult, Education: 0.5,
			Threshold: nan, Interest: nan, Belonging: nan, Trust: nan, Efficacy: nan, RoleClarity: nan, Norm: nan}
	}
	deg := make([]uint8, n)
	p.Ties = make([]sim.PopTie, 0, 5*n)
	for range 5 * n {
		a, b := rng.IntN(n), rng.IntN(n)
		if a == b || deg[a] >= 16 || deg[b] >= 16 {
			continue
		}
		deg[a]++
		deg[b]++
		p.Ties = append(p.Ties, sim.PopTie{A: int32(a), B: int32(b), Kind: sim.TieFriend, Strength: 0.4})
	}
	return p
}

// thresholdConfig is the classic cascade: only the participation decision
// (threshold rule on ties) and the record, on the given graph.
func thresholdConfig(p *sim.Population) sim.Config {
	c := sim.Defaults()
	phases := sim.PhaseNames()
	for k, s := range c.Phases.Switches() {
		s.Enabled = phases[k] == "discussion" || phases[k] == "measure"
	}
	c.Data = p
	c.Community.Grids = 1
	c.Community.Organizations = 0
	c.Macro.ChannelOpenness = 1
	c.Macro.MeetingInterval = 1
	c.Participation.Rule = "threshold"
	c.Participation.Influence = "ties"
	c.Participation.Initiators = 0.01
	c.Participation.ThresholdMean = 0.15
	c.Participation.ThresholdSD = 0.05
	c.Calendar = sim.Calendar{PreProject: 520}
	return c
}

// BenchmarkThreshold times one step of the threshold rule alone (every
// other phase off) on a random graph of mean degree 10: the classic
// cascade model that other ABM frameworks run too.
func BenchmarkThreshold(b *testing.B) {
	for _, n := range []int{1_000_000} {
		b.Run(fmt.Sprintf("agents=%d", n), func(b *testing.B) {
			cfg := thresholdConfig(randomGraph(n, 1))
			e, bytesPer := newEngine(b, &cfg, 1)
			e.Step()
			b.ReportAllocs()
			steps := timeSteps(b, e.Step)
			p := e.Result().Values[sim.Participation]
			if last := p[len(p)-1]; !(last >= 0.01 && last <= 1) {
				b.Fatalf("participation %v: the initiators alone are 1%%", last)
			}
			b.ReportMetric(float64(steps*n)/b.Elapsed().Seconds(), "agent-steps/s")
			b.ReportMetric(bytesPer, "B/resident")
		})
	}
}

// BenchmarkSweepRoofline is the hardware bound for BenchmarkThreshold: a
// bare double-buffered neighbour sum over the same graph in compact (CSR)
// adjacency, on all cores. Every model figure can be read as a ratio to it.
func BenchmarkSweepRoofline(b *testing.B) {
	for _, n := range []int{1_000_000} {
		b.Run(fmt.Sprintf("agents=%d", n), func(b *testing.B) {
			start, adj := compact(randomGraph(n, 1))
			prev, next := make([]uint8, n), make([]uint8, n)
			for i := 0; i < n; i += 100 {
				prev[i] = 1
			}
			bytesPer := float64(4*(len(start)+len(adj))+2*n) / float64(n)
			workers := runtime.GOMAXPROCS(0)
			step := func() {
				var wg sync.WaitGroup
				for w := range workers {
					lo, hi := w*n/workers, (w+1)*n/workers
					wg.Go(func() {
						for i := lo; i < hi; i++ {
							var sum uint32
							for _, j := range adj[start[i]:start[i+1]] {
								sum += uint32(prev[j])
							}
							// Take part when a tenth of one's ties did.
							next[i] = prev[i]
							if 10*sum >= uint32(start[i+1]-start[i]) && sum > 0 {
								next[i] = 1
							}
						}
					})
				}
				wg.Wait()
				prev, next = next, prev
			}
			b.ReportAllocs()
			steps := timeSteps(b, step)
			var active int
			for _, v := range prev {
				active += int(v)
			}
			if active < n/100 {
				b.Fatalf("%d active after %d steps, fewer than the seeds", active, steps)
			}
			b.ReportMetric(float64(steps*n)/b.Elapsed().Seconds(), "agent-steps/s")
			b.ReportMetric(bytesPer, "B/resident")
		})
	}
}

// compact returns p's ties as compact adjacency: the neighbours of i are
// adj[start[i]:start[i+1]].
func compact(p *sim.Population) (start, adj []int32) {
	n := len(p.Residents)
	start = make([]int32, n+1)
	for _, t := range p.Ties {
		start[t.A+1]++
		start[t.B+1]++
	}
	for i := range n {
		start[i+1] += start[i]
	}
	adj = make([]int32, start[n])
	fill := append([]int32(nil), start[:n]...)
	for _, t := range p.Ties {
		adj[fill[t.A]] = t.B
		fill[t.A]++
		adj[fill[t.B]] = t.A
		fill[t.B]++
	}
	return start, adj
}

// BenchmarkThresholdFloor is the least work one week of the model's
// threshold rule does, written outside the engine as tightly as we could,
// on the roofline's graph and adjacency: how close to the roofline the
// model's rules let any engine come (docs/performance.md). Two passes:
//
//   - the decision: the count of each agent's neighbours who took part last
//     week against the least count that meets its threshold, and the number
//     of issues participants raise, one binomial draw for all of them;
//   - after every decision (the discussion's effect needs the whole grid's
//     issues resolved, and neighbours read last week's state until all have
//     decided): the effect on participants' efficacy, trust and belonging,
//     the record's sums of them and of participation, and the roll of the
//     week's state into last week's.
//
// Left out, though the engine does them: households, grids, meeting
// calendars, the list of participants, the record's other metrics.
func BenchmarkThresholdFloor(b *testing.B) {
	for _, n := range []int{1_000_000} {
		b.Run(fmt.Sprintf("agents=%d", n), func(b *testing.B) {
			start, adj := compact(randomGraph(n, 1))
			const issueRate, efficacyGain, trustGain, belongGain = 0.3, 0.1, 0.05, 0.01
			took, prev := make([]uint8, n), make([]uint8, n)
			// Each threshold as the least count of neighbours that meets it,
			// as the engine keeps it on a fixed graph: no division.
			need := make([]uint32, n)
			efficacy, trust, belong := make([]float32, n), make([]float32, n), make([]float32, n)
			rng := rand.New(rand.NewPCG(1, 2))
			for i := range n {
				threshold := 0.15 + 0.05*rng.NormFloat64()
				if i%100 == 0 {
					threshold = 0 // initiators
				}
				deg := float64(start[i+1] - start[i])
				need[i] = uint32(max(0, math.Ceil(threshold*deg)))
				efficacy[i], trust[i], belong[i] = 0.3, 0.3, 0.3
			}
			workers := runtime.GOMAXPROCS(0)
			type worker struct {
				pcg                     rand.PCG
				issues, participants    int
				efficacy, trust, belong float64
				_                       [64]byte // keep workers' sums on lines of their own
			}
			ws := make([]worker, workers)
			parallel := func(pass func(w *worker, lo, hi int)) {
				var wg sync.WaitGroup
				for k := range ws {
					wg.Go(func() { pass(&ws[k], k*n/workers, (k+1)*n/workers) })
				}
				wg.Wait()
			}
			week := 0
			step := func() {
				parallel(func(w *worker, lo, hi int) {
					w.pcg.Seed(uint64(week), uint64(lo))
					var count int
					for i := lo; i < hi; i++ {
						var did uint32
						for _, j := range adj[start[i]:start[i+1]] {
							did += uint32(prev[j])
						}
						var t uint8
						if did >= need[i] {
							t = 1
						}
						took[i] = t
						count += int(t)
					}
					// The issues of all its participants in one draw (O(1)).
					w.issues = int(distuv.Binomial{N: float64(count), P: issueRate, Src: &w.pcg}.Rand())
				})
				var issues int
				for k := range ws {
					issues += ws[k].issues
				}
				// Half the issues resolved: resolution is per grid, not per agent.
				resolved := float64(issues/2) / float64(max(issues, 1))
				parallel(func(w *worker, lo, hi int) {
					w.participants, w.efficacy, w.trust, w.belong = 0, 0, 0, 0
					for i := lo; i < hi; i++ {
						t := took[i]
						took[i] = 0
						prev[i] = t
						on := float64(t)
						efficacy[i] += float32(on * efficacyGain * (resolved - float64(efficacy[i])))
						trust[i] += float32(on * trustGain * (resolved - float64(trust[i])))
						belong[i] += float32(on * belongGain * (1 - float64(belong[i])))
						w.participants += int(t)
						w.efficacy += float64(efficacy[i])
						w.trust += float64(trust[i])
						w.belong += float64(belong[i])
					}
				})
				week++
			}
			for range 10 { // to the steady state, as BenchmarkThreshold
				step()
			}
			// The adjacency, took and prev, and four float32s per agent.
			bytesPer := float64(4*(len(start)+len(adj))+18*n) / float64(n)
			b.ReportAllocs()
			steps := timeSteps(b, step)
			var participants int
			for k := range ws {
				participants += ws[k].participants
			}
			if participants < n/100 {
				b.Fatalf("%d took part, fewer than the initiators", participants)
			}
			b.ReportMetric(float64(steps*n)/b.Elapsed().Seconds(), "agent-steps/s")
			b.ReportMetric(bytesPer, "B/resident")
		})
	}
}

// BenchmarkSweep runs 100 small replications through the experiment
// runner, as a sweep does, on all cores.
func BenchmarkSweep(b *testing.B) {
	s := loadBuiltin(b, "full-programme")
	cfg := s.Config
	cfg.Community.Households = 100
	cfg.Community.Buildings = 5
	cfg.Community.Grids = 2
	cfg.Calendar = sim.Calendar{PreProject: 4, Initial: 6, Middle: 20, Later: 6, FollowUp: 12}
	const reps = 100
	_, bytesPer := newEngine(b, &cfg, 1) // one replication's state
	var residentWeeks int
	b.ReportAllocs()
	for b.Loop() {
		res, err := experiment.Run(context.Background(), &cfg, experiment.Options{Seed: 1, Replications: reps, Workers: runtime.GOMAXPROCS(0)})
		if err != nil {
			b.Fatal(err)
		}
		if len(res) != reps || res[reps-1].Weeks() != cfg.Calendar.Weeks() {
			b.Fatal("missing replications")
		}
		residentWeeks = 0
		for _, r := range res {
			residentWeeks += r.Residents * r.Weeks()
		}
	}
	b.ReportMetric(float64(b.N*residentWeeks)/b.Elapsed().Seconds(), "resident-weeks/s")
	b.ReportMetric(float64(b.N*reps)/b.Elapsed().Seconds(), "replications/s")
	b.ReportMetric(bytesPer, "B/resident")
}
