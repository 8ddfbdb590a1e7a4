package calibrate

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// normalMean is the toy model with a known posterior: n observations of
// N(theta, sigma²), summarised by their mean.
func normalMean(n int, sigma float64) Simulator {
	return func(_ context.Context, p []float64, rng *rand.Rand) ([]float64, error) {
		var sum float64
		for range n {
			sum += p[0] + sigma*rng.NormFloat64()
		}
		return []float64{sum / float64(n)}, nil
	}
}

func weightedMoments(ps []Particle, j int) (mean, sd float64) {
	for _, p := range ps {
		mean += p.Weight * p.Params[j]
	}
	for _, p := range ps {
		sd += p.Weight * (p.Params[j] - mean) * (p.Params[j] - mean)
	}
	return mean, math.Sqrt(sd)
}

// With a normal prior N(m0, s0²) on the mean of n observations of known
// variance sigma², the posterior is normal with precision 1/s0² + n/sigma²
// and mean (m0/s0² + n·ybar/sigma²) / precision. ABC-SMC with a final
// tolerance of a tenth of the standard error must recover both moments:
// its posterior is the exact one convolved with a uniform kernel of half
// width 0.1 se, which widens the sd by well under 1%.
func TestSMCRecoversKnownPosterior(t *testing.T) {
	const (
		n, sigma = 10, 1.0
		m0, s0   = 0.0, 1.0
		ybar     = 0.8
	)
	se := sigma / math.Sqrt(n)
	precision := 1/(s0*s0) + n/(sigma*sigma)
	wantMean := (m0/(s0*s0) + n*ybar/(sigma*sigma)) / precision
	wantSD := math.Sqrt(1 / precision)

	priors := []Prior{{Kind: PriorNormal, Mean: m0, SD: s0, Min: -8, Max: 8}}
	res, err := SMC(context.Background(), priors, []Target{{ybar, se}}, normalMean(n, sigma), Settings{
		Particles: 2000, Seed: 7, Workers: 2, Quantile: 0.5,
		Tolerance: 0.1, MinAcceptance: 0.01, MaxGenerations: 20,
	})
	if err != nil {
		t.Fatal(err)
	}
	last := res.Generations[len(res.Generations)-1]
	if last.Tolerance > 0.1 {
		t.Fatalf("stopped at tolerance %g (%s), want <= 0.1", last.Tolerance, res.Stop)
	}
	mean, sd := weightedMoments(res.Particles, 0)
	t.Logf("posterior mean %.4f (exact %.4f), sd %.4f (exact %.4f), %d generations, ESS %.0f, %s",
		mean, wantMean, sd, wantSD, len(res.Generations), last.ESS, res.Stop)
	// Tolerances: the Monte Carlo error of the mean with an ESS of about
	// 1000 is sd/sqrt(1000) ≈ 0.01; of the sd, about 2.5%.
	if math.Abs(mean-wantMean) > 0.03 {
		t.Errorf("posterior mean %.4f, want %.4f ± 0.03", mean, wantMean)
	}
	if math.Abs(sd/wantSD-1) > 0.1 {
		t.Errorf("posterior sd %.4f, want %.4f ± 10%%", sd, wantSD)
	}
}

// The result depends on the seed only, not on the number of workers.
func TestSMCSameWhateverWorkers(t *testing.T) {
	priors := []Prior{{Kind: PriorUniform, Min: -3, Max: 3}, {Kind: PriorLogUniform, Min: 0.1, Max: 10}}
	model := func(_ context.Context, p []float64, rng *rand.Rand) ([]float64, error) {
		return []float64{p[0] + 0.1*rng.NormFloat64(), p[1] * (1 + 0.1*rng.NormFloat64())}, nil
	}
	run := func(workers int) *Result {
		res, err := SMC(context.Background(), priors, []Target{{1, 0.1}, {2, 0.2}}, model, Settings{
			Particles: 100, Seed: 3, Workers: workers, Quantile: 0.5, Tolerance: 0.5, MinAcceptance: 0.02, MaxGenerations: 6,
		})
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	a, b := run(1), run(3)
	if !reflect.DeepEqual(a, b) {
		t.Errorf("1 and 3 workers differ: %+v\nvs %+v", a.Generations, b.Generations)
	}
}

// A generation whose acceptance rate falls below the floor is abandoned
// and the previous population is the result.
func TestSMCStopsAtAcceptanceFloor(t *testing.T) {
	priors := []Prior{{Kind: PriorUniform, Min: 0, Max: 1}}
	noisy := func(_ context.Context, p []float64, rng *rand.Rand) ([]float64, error) {
		return []float64{rng.Float64()}, nil // unrelated to the parameter
	}
	res, err := SMC(context.Background(), priors, []Target{{0.5, 0.01}}, noisy, Settings{
		Particles: 50, Seed: 1, Workers: 2, Quantile: 0.2, Tolerance: 0, MinAcceptance: 0.1, MaxGenerations: 30,
	})
	if err != nil {
		t.Fatal(err)
	}
	last := res.Generations[len(res.Generations)-1]
	if last.Complete || len(res.Particles) != 50 {
		t.Errorf("last generation complete=%v, %d particles; stop: %s", last.Complete, len(res.Particles), res.Stop)
	}
}

func TestDistance(t *testing.T) {
	got := Distance([]float64{1, 3}, []Target{{0, 1}, {1, 2}})
	if want := 1.0; math.Abs(got-want) > 1e-12 {
		t.Errorf("Distance = %g, want %g", got, want)
	}
	if d := Distance([]float64{math.NaN()}, []Target{{0, 1}}); !math.IsInf(d, 1) {
		t.Errorf("NaN moment: distance %g, want +Inf", d)
	}
}

// A run resumed from any generation's checkpoint file returns what the
// uninterrupted run returned.
func TestSMCResumesFromCheckpoint(t *testing.T) {
	priors := []Prior{{Kind: PriorUniform, Min: -3, Max: 3}, {Kind: PriorUniform, Min: 1, Max: 9, Integer: true}}
	model := func(_ context.Context, p []float64, rng *rand.Rand) ([]float64, error) {
		return []float64{p[0] + 0.1*rng.NormFloat64(), p[1] + rng.NormFloat64()}, nil
	}
	targets := []Target{{1, 0.1}, {4, 0.5}}
	settings := Settings{Particles: 50, Seed: 9, Workers: 2, Quantile: 0.5, Tolerance: 0.3, MinAcceptance: 0.02, MaxGenerations: 8}
	dir := t.TempDir()
	var paths []string
	s := settings
	s.Checkpoint = func(st State) error {
		path := filepath.Join(dir, fmt.Sprintf("g%d.json", len(st.Generations)))
		paths = append(paths, path)
		return writeCheckpoint(path, "k", st)
	}
	want, err := SMC(context.Background(), priors, targets, model, s)
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 2 {
		t.Fatalf("only %d checkpoints (%s)", len(paths), want.Stop)
	}
	for _, path := range paths {
		st, err := readCheckpoint(path, "k")
		if err != nil {
			t.Fatal(err)
		}
		s := settings
		s.Resume = st
		got, err := SMC(context.Background(), priors, targets, model, s)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("resumed from %s: %+v\nwant %+v", filepath.Base(path), got.Generations, want.Generations)
		}
	}
	if _, err := readCheckpoint(paths[0], "other"); err == nil || !strings.Contains(err.Error(), "holds another calibration's progress") {
		t.Errorf("another key: %v", err)
	}
	if st, err := readCheckpoint(filepath.Join(dir, "none.json"), "k"); st != nil || err != nil {
		t.Errorf("no checkpoint: %v, %v", st, err)
	}
}
