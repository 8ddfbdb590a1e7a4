package sweep

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// echo is a Runner whose values name the overrides and replication it was
// given.
type echo struct{}

func (echo) Name() string      { return "echo" }
func (echo) Columns() []string { return []string{"overrides", "rep"} }
func (echo) Run(_ context.Context, overrides []string, _ uint64, rep, _ int) ([]float64, float64, error) {
	return []float64{float64(len(overrides)), float64(rep)}, 1, nil
}

// A runner's runs land in runs.csv under its columns; shards of it merge
// into what the whole sweep writes, with no sensitivity analysis.
func TestRunnerSweepShardsAndMerges(t *testing.T) {
	plan := func() *Plan {
		b, _ := ParseVary("macro.bureaucracy=0.2:0.9")
		o, _ := ParseVary("macro.channel_openness=0.1:0.9")
		p, err := NewPlan(&Spec{Base: "baseline", Method: MethodLHS, Samples: 4, Replications: 2,
			Params: []Param{b, o}, Set: tiny, Runner: echo{}}, 2)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	whole := t.TempDir()
	if _, err := runSweep(t, plan(), Options{Dir: whole}); err != nil {
		t.Fatal(err)
	}
	runs, err := os.ReadFile(filepath.Join(whole, RunsFile))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(runs)), "\n")
	// 8 overrides of tiny, then the point's two values.
	if lines[0] != "point,replication,seed,overrides,rep" || len(lines) != 9 ||
		!strings.HasPrefix(lines[4], "1,1,") || !strings.HasSuffix(lines[4], ",10,1") {
		t.Fatalf("runs.csv:\n%s", runs)
	}
	if _, err := os.Stat(filepath.Join(whole, "sensitivity.csv")); err == nil {
		t.Error("a runner's sweep wrote a sensitivity analysis of columns it does not have")
	}
	m, err := ReadManifest(filepath.Join(whole, ManifestFile))
	if err != nil || m.Runner != "echo" || strings.Join(m.Columns, ",") != "overrides,rep" {
		t.Fatalf("manifest runner %q columns %v: %v", m.Runner, m.Columns, err)
	}
	if m.SweepHash == tinyPlanHashWithoutRunner(t) {
		t.Error("the runner is not part of the sweep's hash")
	}
	// Interrupted after the first saved run, then resumed: the same files.
	resumed := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	sw, err := Open(plan(), Options{Dir: resumed, Workers: 1, ProgramVersion: "test", Progress: func(int, int) { cancel() }})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sw.Run(ctx); !errors.Is(err, ErrInterrupted) {
		t.Fatalf("interrupted run: %v", err)
	}
	sw.Close()
	if sum, err := runSweep(t, plan(), Options{Dir: resumed, Resume: true}); err != nil || sum.Computed == 0 || sum.Computed == 8 {
		t.Fatalf("resumed %d runs: %v", sum.Computed, err)
	}
	sameOutputs(t, whole, resumed, PointsFile, RunsFile, ManifestFile)

	shards := t.TempDir()
	for k := 1; k <= 3; k++ {
		if _, err := runSweep(t, plan(), Options{Dir: ShardDir(shards, Shard{k, 3}), Shard: Shard{k, 3}}); err != nil {
			t.Fatal(err)
		}
	}
	merged := filepath.Join(t.TempDir(), "merged")
	if _, err := Merge([]string{shards}, merged, nil); err != nil {
		t.Fatal(err)
	}
	sameOutputs(t, whole, merged, PointsFile, RunsFile, ManifestFile)
}

func tinyPlanHashWithoutRunner(t *testing.T) string {
	b, _ := ParseVary("macro.bureaucracy=0.2:0.9")
	o, _ := ParseVary("macro.channel_openness=0.1:0.9")
	p, err := NewPlan(&Spec{Base: "baseline", Method: MethodLHS, Samples: 4, Replications: 2, Params: []Param{b, o}, Set: tiny}, 2)
	if err != nil {
		t.Fatal(err)
	}
	return p.Hash
}
