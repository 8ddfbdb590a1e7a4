package sweep

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A grid over two parameters draws a heat map of every outcome, its axes
// named after the parameters; a merge of its shards draws the same ones.
func TestGridSweepDrawsHeatMaps(t *testing.T) {
	p := tinyPlan(t, MethodGrid, 2, false)
	dir := t.TempDir()
	if _, err := runSweep(t, p, Options{Dir: dir}); err != nil {
		t.Fatal(err)
	}
	for _, o := range DefaultOutcomes {
		for _, ext := range []string{".png", ".svg"} {
			if _, err := os.Stat(filepath.Join(dir, HeatMapPrefix+o+ext)); err != nil {
				t.Error(err)
			}
		}
	}
	svg, err := os.ReadFile(filepath.Join(dir, HeatMapPrefix+DefaultOutcomes[0]+".svg"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"macro.bureaucracy", "macro.channel_openness", "mean of 2 replications per point", "(share)"} {
		if !strings.Contains(string(svg), want) {
			t.Errorf("heat map lacks %q", want)
		}
	}
	root := t.TempDir()
	for k := 1; k <= 2; k++ {
		sh := Shard{Index: k, Count: 2}
		if _, err := runSweep(t, p, Options{Dir: ShardDir(root, sh), Shard: sh}); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(ShardDir(root, sh), HeatMapPrefix+DefaultOutcomes[0]+".png")); err == nil {
			t.Error("a shard drew a heat map of part of the sweep")
		}
	}
	out := filepath.Join(t.TempDir(), "merged")
	if _, err := Merge([]string{root}, out, nil); err != nil {
		t.Fatal(err)
	}
	sameOutputs(t, dir, out, HeatMapPrefix+DefaultOutcomes[0]+".svg")
}

// Heat maps need exactly two varied parameters.
func TestHeatMapsNeedTwoParameters(t *testing.T) {
	b, _ := ParseVary("macro.bureaucracy=0.3,0.6")
	p, err := NewPlan(&Spec{Base: "full-programme", Method: MethodGrid, Replications: 1, Params: []Param{b}, Set: tiny}, 2)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if _, err := runSweep(t, p, Options{Dir: dir}); err != nil {
		t.Fatal(err)
	}
	drawn, err := WriteHeatMaps(dir, dir, nil, 1)
	if err != nil || drawn {
		t.Errorf("one parameter: drawn %v, %v", drawn, err)
	}
	matches, _ := filepath.Glob(filepath.Join(dir, HeatMapPrefix+"*"))
	if len(matches) != 0 {
		t.Errorf("heat maps of a one-parameter sweep: %v", matches)
	}
	if _, err := WriteHeatMaps(dir, dir, []string{"participation_end_of_projet"}, 1); err == nil || !strings.Contains(err.Error(), `did you mean "participation_end_of_project"`) {
		t.Errorf("unknown outcome: %v", err)
	}
}
