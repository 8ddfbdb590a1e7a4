package calibrate

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/grassroots-sim/grassroots/scenario"
)

// calibration returns a calibration of participation and organisation
// membership in the pre-project weeks to the given values, fitting the
// channels' openness and the organisations' size.
func calibration(t *testing.T, participation, membership float64, extra string) *File {
	t.Helper()
	text := fmt.Sprintf(`base = "baseline"
seed = 11
%s
[[target]]
metric = "participation"
weeks = "pre-project"
value = %g
se = 0.01

[[target]]
metric = "org_membership"
weeks = "0:7"
value = %g
se = 0.003

[parameters]
"macro.channel_openness" = { prior = "uniform", min = 0.1, max = 0.9 }
"community.organization_size" = { prior = "uniform", min = 5, max = 60 }
`, extra, participation, membership)
	f, err := Parse(filepath.Join(t.TempDir(), "recover.toml"), []byte(text))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// Recovery: targets simulated at known parameter values are calibrated
// back, and the 90% posterior intervals hold the true values.
func TestRecoversGrassrootsParameters(t *testing.T) {
	if testing.Short() {
		t.Skip("calibrates grassroots (seconds)")
	}
	truth := []float64{0.4, 30}
	f := calibration(t, 0, 0, "particles = 60\nreplications = 1\ngenerations = 5")
	// The "survey": the mean of 20 replications at the true values.
	moments := make([]float64, 2)
	sim := f.Simulator(1)
	for r := range 20 {
		m, err := sim(context.Background(), truth, rand.New(rand.NewPCG(99, uint64(r))))
		if err != nil {
			t.Fatal(err)
		}
		for k := range m {
			moments[k] += m[k] / 20
		}
	}
	for k := range f.Targets {
		f.Targets[k].Value = moments[k]
	}
	c, err := Run(context.Background(), f, Options{Workers: 2})
	if err != nil {
		t.Fatal(err)
	}
	for j, p := range f.Params {
		lo, hi := c.Result.Quantile(j, 0.05), c.Result.Quantile(j, 0.95)
		t.Logf("%s: true %g, 90%% interval [%.4g, %.4g], median %.4g", p.Path, truth[j], lo, hi, c.Result.Quantile(j, 0.5))
		if truth[j] < lo || truth[j] > hi {
			t.Errorf("%s: the 90%% interval [%.4g, %.4g] misses the true %g", p.Path, lo, hi, truth[j])
		}
		if width := hi - lo; width > 0.5*(p.Prior.Max-p.Prior.Min) {
			t.Errorf("%s: the 90%% interval [%.4g, %.4g] is barely narrower than the prior", p.Path, lo, hi)
		}
	}
	t.Logf("%d generations, %d simulations; %s", len(c.Result.Generations), c.Simulations(), c.Result.Stop)
}

// The files are the same whatever the number of workers (the manifest
// apart, which records them and the time), and calibrated.toml loads.
func TestWriteSameWhateverWorkers(t *testing.T) {
	f := calibration(t, 0.1, 0.02, "particles = 12\nreplications = 1\ngenerations = 2\npredictive_draws = 10")
	write := func(workers int) string {
		c, err := Run(context.Background(), f, Options{Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		dir := filepath.Join(t.TempDir(), "out")
		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := c.Write(dir, dir); err != nil {
			t.Fatal(err)
		}
		return dir
	}
	a, b := write(1), write(3)
	for _, name := range []string{"posterior.csv", "generations.csv", "fit.csv", "calibrated.toml", "posterior.svg", "fit.svg"} {
		x, errX := os.ReadFile(filepath.Join(a, name))
		y, errY := os.ReadFile(filepath.Join(b, name))
		if errX != nil || errY != nil {
			t.Fatalf("%s: %v %v", name, errX, errY)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between 1 and 3 workers", name)
		}
	}
	for _, name := range []string{"manifest.json", "posterior.png", "fit.png"} {
		if _, err := os.Stat(filepath.Join(a, name)); err != nil {
			t.Error(err)
		}
	}
	s, err := scenario.Load(filepath.Join(a, "calibrated.toml"), nil)
	if err != nil {
		t.Fatalf("calibrated.toml does not load: %v", err)
	}
	text, _ := os.ReadFile(filepath.Join(a, "calibrated.toml"))
	if s.Name != "recover-calibrated" || !strings.Contains(string(text), "\ncommunity.organization_size = ") {
		t.Errorf("calibrated scenario %q:\n%s", s.Name, text)
	}
	post, _ := os.ReadFile(filepath.Join(a, "posterior.csv"))
	if head, _, _ := strings.Cut(string(post), "\n"); head != "draw,weight,macro.channel_openness,community.organization_size" {
		t.Errorf("posterior.csv header %q", head)
	}
}

// MSM recovers the same two parameters within two standard errors, writes
// the same files whatever the workers, and its calibrated.toml loads.
func TestMSMOnGrassroots(t *testing.T) {
	if testing.Short() {
		t.Skip("calibrates grassroots (seconds)")
	}
	truth := []float64{0.4, 30}
	f := calibration(t, 0, 0, "replications = 4\npredictive_draws = 10")
	m, err := f.Simulator(2)(context.Background(), truth, rand.New(rand.NewPCG(99, 1)))
	if err != nil {
		t.Fatal(err)
	}
	for k := range f.Targets {
		f.Targets[k].Value = m[k]
	}
	write := func(workers int) (*Calibration, string) {
		c, err := RunMSM(context.Background(), f, workers)
		if err != nil {
			t.Fatal(err)
		}
		dir := t.TempDir()
		if err := c.Write(dir, dir); err != nil {
			t.Fatal(err)
		}
		return c, dir
	}
	c, a := write(2)
	est := c.Estimate
	t.Logf("estimate %.4g, se %.3g, distance %.3g, %d evaluations, %s", est.Params, est.SE, est.Distance, est.Evaluations, est.Status)
	for j, p := range f.Params {
		if math.Abs(est.Params[j]-truth[j]) > 2*est.SE[j] || math.IsInf(est.SE[j], 0) {
			t.Errorf("%s: estimate %g ± %g, true %g", p.Path, est.Params[j], est.SE[j], truth[j])
		}
	}
	_, b := write(1)
	for _, name := range []string{"estimates.csv", "fit.csv", "calibrated.toml", "fit.svg"} {
		x, _ := os.ReadFile(filepath.Join(a, name))
		y, _ := os.ReadFile(filepath.Join(b, name))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s empty or different between 2 and 1 workers", name)
		}
	}
	if _, err := scenario.Load(filepath.Join(a, "calibrated.toml"), nil); err != nil {
		t.Errorf("calibrated.toml does not load: %v", err)
	}
}

var coverageSets = flag.Int("coverage-sets", 0, "synthetic data sets for TestCoverage (0 skips it)")

// TestCoverage is the simulation-based calibration check: for each of
// -coverage-sets synthetic data sets, true parameter values are drawn from
// the priors, a "survey" is one simulation at them (the same noise the
// particles see), and the calibration's 90% posterior intervals should
// cover the truths in about 90% of the sets (more is expected: a final
// tolerance above 0 widens the posterior). It takes minutes:
//
//	go test ./calibrate -run TestCoverage -coverage-sets 20 -timeout 60m -v
func TestCoverage(t *testing.T) {
	if *coverageSets == 0 {
		t.Skip("run with -coverage-sets N")
	}
	f := calibration(t, 0, 0, "particles = 60\nreplications = 1\ngenerations = 5")
	covered := make([]int, len(f.Params))
	for set := range *coverageSets {
		rng := stream(2024, uint64(set))
		truth := make([]float64, len(f.Params))
		for j, p := range f.Priors() {
			truth[j] = p.Sample(rng)
		}
		obs, err := f.Simulator(2)(context.Background(), truth, rng)
		if err != nil {
			t.Fatal(err)
		}
		g := *f
		g.Seed = uint64(set)
		g.Targets = append([]TargetSpec(nil), f.Targets...)
		for k := range g.Targets {
			g.Targets[k].Value = obs[k]
		}
		c, err := Run(context.Background(), &g, Options{Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		for j := range truth {
			lo, hi := c.Result.Quantile(j, 0.05), c.Result.Quantile(j, 0.95)
			if truth[j] >= lo && truth[j] <= hi {
				covered[j]++
			}
			t.Logf("set %d: %s true %.4g, 90%% interval [%.4g, %.4g]", set, f.Params[j].Path, truth[j], lo, hi)
		}
	}
	for j, p := range f.Params {
		t.Logf("%s: the 90%% interval covered the truth in %d of %d sets", p.Path, covered[j], *coverageSets)
		// Below 70% with 20 sets is below what chance allows (p < 0.01).
		if float64(covered[j]) < 0.7*float64(*coverageSets) {
			t.Errorf("%s: coverage %d of %d", p.Path, covered[j], *coverageSets)
		}
	}
}
