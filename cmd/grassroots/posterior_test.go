package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/grassroots-sim/grassroots/experiment"
	"github.com/grassroots-sim/grassroots/report"
	"github.com/grassroots-sim/grassroots/scenario"
	"github.com/grassroots-sim/grassroots/sim"
)

// A posterior whose draws disagree about how skilled the social workers
// are and how open the community's channels: what a survey may leave
// uncertain.
const widePosterior = `draw,weight,project.skill,macro.channel_openness,community.organization_size
0,0.4,0.2,0.15,20
1,0.3,0.55,0.5,24
2,0.3,0.9,0.85,17
`

// smallSet is the small community and calendar of the command tests.
var smallSet = []string{"community.households=150", "community.buildings=8", "community.grids=3",
	"calendar.middle_weeks=10", "calendar.follow_up_weeks=6"}

// The paired interval of a difference widens when each replication draws
// its parameters from a posterior rather than holding them fixed at one
// draw: it then includes the parameters' uncertainty.
func TestPosteriorWidensPairedIntervals(t *testing.T) {
	const reps = 8
	refs := []string{"baseline", "full-programme"}
	path := writeFile(t, "posterior.csv", widePosterior)
	data := &scenario.DataCache{}
	draws, err := drawPosterior(path, data, refs, smallSet, 7, reps)
	if err != nil {
		t.Fatal(err)
	}
	if picked := slices.Compact(slices.Sorted(slices.Values(draws.picks))); len(picked) < 2 {
		t.Fatalf("%d replications all drew %v", reps, picked)
	}
	fixed := make([]*sim.Config, len(refs))
	for i, ref := range refs {
		s, err := data.Load(ref, append(slices.Clone(smallSet), draws.post.Overrides(1)...))
		if err != nil {
			t.Fatal(err)
		}
		fixed[i] = &s.Config
	}
	width := func(each func(int) []*sim.Config) float64 {
		opts := experiment.Options{Seed: 7, Replications: reps, Workers: 2}
		res, err := experiment.CompareEach(context.Background(), len(refs), each, opts)
		if err != nil {
			t.Fatal(err)
		}
		cmp, err := report.Compare(refs, res, 0, []sim.Metric{sim.Participation})
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range cmp.Rows {
			if row.Scenario == "full-programme" && row.At == report.AtEndOfProject {
				return row.Diff.High - row.Diff.Low
			}
		}
		t.Fatal("no row for full-programme at the end of the project")
		return 0
	}
	wide, narrow := width(draws.configs), width(func(int) []*sim.Config { return fixed })
	t.Logf("paired 95%% interval: %.3f wide over the posterior, %.3f at one draw", wide, narrow)
	if !(wide > 1.25*narrow) {
		t.Errorf("participation's paired 95%% interval is %.3f wide over the posterior, %.3f at one draw: want a quarter wider at least", wide, narrow)
	}
}

// compare --posterior writes the same comparison whatever the workers, and
// its manifest records the file and every replication's draw.
func TestComparePosteriorSameWhateverWorkers(t *testing.T) {
	path := writeFile(t, "posterior.csv", widePosterior)
	var csvs [][]byte
	var drawn []string
	for _, w := range []string{"1", "3"} {
		dir := filepath.Join(t.TempDir(), "out")
		args := append([]string{"compare", "baseline", "full-programme", "--posterior", path, "--workers", w, "--out", dir}, small...)
		stdout, stderr, err := runCLI(t, args...)
		if err != nil {
			t.Fatalf("compare --workers %s: %v\n%s", w, err, stderr)
		}
		if !strings.Contains(stdout, "drawn from the posterior "+path) {
			t.Errorf("the table's notes do not say the parameters were drawn from the posterior:\n%s", stdout)
		}
		b, err := os.ReadFile(filepath.Join(dir, "comparison.csv"))
		if err != nil {
			t.Fatal(err)
		}
		csvs = append(csvs, b)
		var m struct {
			Scenarios []report.Manifest `json:"scenarios"`
		}
		mb, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
		if err != nil || json.Unmarshal(mb, &m) != nil {
			t.Fatalf("manifest: %v", err)
		}
		p := m.Scenarios[1].Posterior
		if p == nil || p.File != path || len(p.SHA256) != 64 || len(p.Draws) != 3 || !slices.Equal(p.Parameters, []string{"project.skill", "macro.channel_openness", "community.organization_size"}) {
			t.Fatalf("manifest's posterior: %+v", p)
		}
		if !slices.Equal(m.Scenarios[0].Posterior.Draws, p.Draws) {
			t.Errorf("the scenarios drew differently: %v, %v", m.Scenarios[0].Posterior.Draws, p.Draws)
		}
		drawn = append(drawn, strings.Join(p.Draws, ","))
	}
	if !bytes.Equal(csvs[0], csvs[1]) || drawn[0] != drawn[1] {
		t.Errorf("1 and 3 workers differ: draws %s and %s\n%s\n%s", drawn[0], drawn[1], csvs[0], csvs[1])
	}
}

// run --posterior runs each replication at its draw.
func TestRunPosterior(t *testing.T) {
	path := writeFile(t, "posterior.csv", widePosterior)
	dir := filepath.Join(t.TempDir(), "out")
	if _, stderr, err := runCLI(t, append([]string{"run", "baseline", "--posterior", path, "--out", dir}, small...)...); err != nil {
		t.Fatalf("run: %v\n%s", err, stderr)
	}
	var m report.Manifest
	mb, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil || json.Unmarshal(mb, &m) != nil {
		t.Fatalf("manifest: %v", err)
	}
	if m.Posterior == nil || len(m.Posterior.Draws) != m.Replications {
		t.Fatalf("manifest's posterior: %+v", m.Posterior)
	}
}

// A bad posterior is refused before anything runs, naming its file and
// line, and nothing is written.
func TestPosteriorBadFile(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"not a parameter", "draw,weight,macro.channel_opennes\n0,1,0.3\n",
			`p.csv:1: key "macro.channel_opennes": not a model parameter; grassroots params lists them (did you mean "macro.channel_openness"?)`},
		{"a setting", "draw,weight,seed\n0,1,3\n", `p.csv:1: key "seed": "seed" is a scenario setting, not a model parameter`},
		{"the calendar", "draw,weight,calendar.initial_weeks\n0,1,3\n",
			`p.csv:1: key "calendar.initial_weeks": the calendar cannot be drawn from a posterior: the scenarios compared must share one`},
		{"not numeric", "draw,weight,participation.rule\n0,1,3\n", `p.csv:1: key "participation.rule": not a numeric model parameter: it takes a string`},
		{"no header", "0,1,0.3\n", `p.csv:1: want the columns draw, weight, then one per parameter, as calibrate writes posterior.csv; got "0,1,0.3"`},
		{"negative weight", "draw,weight,macro.channel_openness\n0,1,0.3\n1,-0.5,0.4\n", `p.csv:3: key "weight": must be a finite number at least 0, got "-0.5"`},
		{"all zero", "draw,weight,macro.channel_openness\n0,0,0.3\n1,0,0.4\n", `p.csv: key "weight": the weights must add up to a finite number above 0, got 0: no draw can be made`},
		{"no rows", "draw,weight,macro.channel_openness\n", `p.csv: no draws: the file has its header and no rows`},
		{"bad value", "draw,weight,macro.channel_openness\n0,1,high\n", `p.csv:2: key "macro.channel_openness": must be a finite number, got "high"`},
		{"fraction for an integer", "draw,weight,community.organization_size\n0,1,20.5\n", `p.csv:2: key "community.organization_size": must be an integer, got "20.5"`},
		{"short row", "draw,weight,macro.channel_openness\n0,1\n", `p.csv:2: 2 fields, the header has 3`},
		{"out of range", "draw,weight,macro.channel_openness\n0,1,0.3\n7,1,1.5\n", `p.csv:3: draw 7 does not apply to baseline: --set macro.channel_openness=1.5: key "macro.channel_openness": must be at most 1, got 1.5`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "p.csv")
			if err := os.WriteFile(path, []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			dir := filepath.Join(t.TempDir(), "out")
			_, _, err := runCLI(t, append([]string{"compare", "baseline", "--posterior", path, "--out", dir, "--reps", "20"}, small[3:]...)...)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v\nwant %s", err, tc.want)
			}
			if _, err := os.Stat(dir); !os.IsNotExist(err) {
				t.Errorf("%s written: %v", dir, err)
			}
		})
	}
	_, _, err := runCLI(t, "run", "baseline", "--posterior", "none.csv", "--quiet")
	if want := `no such posterior file "none.csv" (calibrate writes one as posterior.csv in its output directory)`; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("missing file: got %v", err)
	}
	path := writeFile(t, "p.csv", widePosterior)
	_, _, err = runCLI(t, "compare", "baseline", "--posterior", path, "--set", "macro.channel_openness=0.2", "--quiet")
	if want := "--set macro.channel_openness=0.2: the posterior " + path + " draws macro.channel_openness in every replication; leave it out of --set or out of the posterior"; err == nil || !strings.Contains(err.Error(), want) {
		t.Errorf("--set of a drawn parameter: got %v", err)
	}
}

// The posterior is an input: an output directory holding it (the
// calibration's own) is not replaced, which would delete it.
func TestPosteriorInOutputDirRefused(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "cal")
	file := writeFile(t, "tiny.toml", tinyCalibration)
	if _, stderr, err := runCLI(t, "calibrate", file, "--out", dir, "--quiet"); err != nil {
		t.Fatalf("calibrate: %v\n%s", err, stderr)
	}
	post := filepath.Join(dir, "posterior.csv")
	for _, cmd := range []string{"run", "compare"} {
		_, _, err := runCLI(t, append([]string{cmd, "baseline", "--posterior", post, "--out", dir}, small...)...)
		if want := "posterior.csv"; err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s --out the posterior's directory: got %v", cmd, err)
		}
		if _, err := os.Stat(post); err != nil {
			t.Fatalf("%s: %v", cmd, err)
		}
	}
}
