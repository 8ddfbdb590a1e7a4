package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const tinyCalibration = `base = "baseline"
particles = 8
replications = 1
generations = 2
predictive_draws = 10

[[target]]
metric = "participation"
weeks = "0:3"
value = 0.1
se = 0.02

[parameters]
"macro.channel_openness" = { prior = "uniform", min = 0.1, max = 0.8 }
`

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCalibrateWritesEveryOutput(t *testing.T) {
	file := writeFile(t, "tiny.toml", tinyCalibration)
	dir := filepath.Join(t.TempDir(), "out")
	stdout, stderr, err := runCLI(t, "calibrate", file, "--out", dir, "--quiet", "--workers", "2")
	if err != nil {
		t.Fatalf("calibrate: %v\n%s", err, stderr)
	}
	for _, f := range []string{"posterior.csv", "generations.csv", "fit.csv", "calibrated.toml", "manifest.json",
		"posterior.png", "posterior.svg", "fit.png", "fit.svg"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s missing or empty: %v", f, err)
		}
	}
	if !strings.Contains(stdout, "macro.channel_openness") {
		t.Errorf("stdout lacks the posterior summary:\n%s", stdout)
	}
	// The calibrated scenario runs.
	if _, stderr, err := runCLI(t, append([]string{"run", filepath.Join(dir, "calibrated.toml"), "--out", filepath.Join(t.TempDir(), "run")}, small[:3]...)...); err != nil {
		t.Errorf("running calibrated.toml: %v\n%s", err, stderr)
	}
	// Run again over the previous outputs, by MSM: they are replaced.
	if _, stderr, err := runCLI(t, "calibrate", file, "--out", dir, "--quiet", "--seed", "5", "--method", "msm"); err != nil {
		t.Errorf("calibrate over its previous outputs: %v\n%s", err, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "estimates.csv")); err != nil {
		t.Errorf("msm: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "posterior.csv")); err == nil {
		t.Error("msm left the previous posterior.csv")
	}
}

// A bad file is reported with its line before anything runs, and nothing
// is written.
func TestCalibrateBadInput(t *testing.T) {
	bad := writeFile(t, "bad.toml", strings.Replace(tinyCalibration, `"participation"`, `"participaton"`, 1))
	dir := filepath.Join(t.TempDir(), "out")
	_, _, err := runCLI(t, "calibrate", bad, "--out", dir, "--quiet")
	if err == nil || !strings.Contains(err.Error(), `bad.toml:8: key "target[1].metric": unknown metric "participaton" (did you mean "participation"?)`) {
		t.Errorf("got %v", err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the output directory exists after a failure: %v", err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"calibrate"}, "takes one calibration file, got 0 arguments"},
		{[]string{"calibrate", bad, "--method", "mcmc"}, `--method "mcmc": want abc-smc or msm`},
		{[]string{"calibrate", bad, "--particles", "1"}, "--particles must be from 2 to 100000, got 1"},
		{[]string{"calibrate", bad, "--workers", "0"}, "--workers must be at least 1, got 0"},
	} {
		_, stderr, err := runCLI(t, c.args...)
		if !errors.Is(err, errUsage) || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: err %v, stderr %q, want usage error %q", c.args, err, stderr, c.want)
		}
	}
	if _, _, err := runCLI(t, "calibrate", filepath.Join(t.TempDir(), "none.toml")); err == nil || !strings.Contains(err.Error(), "no such calibration file") {
		t.Errorf("missing file: %v", err)
	}
}

// A calibration interrupted after a generation and run again with
// --resume writes what an uninterrupted one writes.
func TestCalibrateResume(t *testing.T) {
	text := strings.Replace(tinyCalibration, "generations = 2", "generations = 4\ntolerance = 0", 1)
	file := writeFile(t, "resume.toml", text)
	root := t.TempDir()
	want := filepath.Join(root, "whole")
	if _, stderr, err := runCLI(t, "calibrate", file, "--out", want, "--quiet"); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	got := filepath.Join(root, "resumed")
	checkpoint := checkpointPath(got)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for ctx.Err() == nil {
			if _, err := os.Stat(checkpoint); err == nil {
				cancel()
			}
			time.Sleep(time.Millisecond)
		}
	}()
	var stdout, stderr bytes.Buffer
	err := run(ctx, []string{"calibrate", file, "--out", got, "--quiet"}, &stdout, &stderr)
	cancel()
	if err == nil || !strings.Contains(err.Error(), "interrupted") {
		t.Fatalf("not interrupted: %v", err)
	}
	if _, err := os.Stat(checkpoint); err != nil {
		t.Fatalf("no checkpoint after the interruption: %v", err)
	}
	if _, err := os.Stat(got); !os.IsNotExist(err) {
		t.Errorf("the interrupted run wrote its output directory: %v", err)
	}
	if _, stderr, err := runCLI(t, "calibrate", file, "--out", got, "--quiet", "--resume"); err != nil {
		t.Fatalf("resume: %v\n%s", err, stderr)
	}
	for _, name := range []string{"posterior.csv", "generations.csv", "fit.csv", "calibrated.toml", "posterior.svg"} {
		a, _ := os.ReadFile(filepath.Join(want, name))
		b, _ := os.ReadFile(filepath.Join(got, name))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s differs after resuming", name)
		}
	}
	if _, err := os.Stat(checkpoint); !os.IsNotExist(err) {
		t.Errorf("the checkpoint is left after the run: %v", err)
	}
	if m, _ := os.ReadFile(filepath.Join(got, "manifest.json")); !bytes.Contains(m, []byte(`"resumed_generations": `)) {
		t.Errorf("the manifest does not say the run was resumed:\n%s", m)
	}
	// Another calibration's checkpoint is refused.
	other := writeFile(t, "other.toml", strings.Replace(text, "value = 0.1", "value = 0.2", 1))
	if err := os.WriteFile(checkpoint, []byte(`{"key": "x"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCLI(t, "calibrate", other, "--out", got, "--quiet", "--resume"); err == nil || !strings.Contains(err.Error(), "holds another calibration's progress") {
		t.Errorf("another calibration's checkpoint: %v", err)
	}
}

// A calibration run as 3 shards, merged after each round, writes what one
// machine writes; the sharding flags' misuse is a usage error.
func TestCalibrateShards(t *testing.T) {
	text := strings.Replace(tinyCalibration, "generations = 2", "generations = 3\ntolerance = 0", 1)
	file := writeFile(t, "sharded.toml", text)
	root := t.TempDir()
	want := filepath.Join(root, "whole")
	if _, stderr, err := runCLI(t, "calibrate", file, "--out", want, "--quiet"); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	shards, got := filepath.Join(root, "shards"), filepath.Join(root, "merged")
	for round := 0; ; round++ {
		if round == 10 {
			t.Fatal("the sharded calibration did not end")
		}
		for k := 1; k <= 3; k++ {
			if _, stderr, err := runCLI(t, "calibrate", file, "--shard", fmt.Sprintf("%d/3", k), "--out", shards, "--workers", "2"); err != nil {
				t.Fatalf("shard %d: %v\n%s", k, err, stderr)
			}
		}
		_, stderr, err := runCLI(t, "calibrate", file, "--merge-shards", shards, "--out", got)
		if err != nil && !strings.Contains(err.Error(), "run every shard again") {
			t.Fatalf("merge: %v\n%s", err, stderr)
		}
		if _, err := os.Stat(got); err == nil {
			break
		}
	}
	for _, name := range []string{"posterior.csv", "generations.csv", "fit.csv", "calibrated.toml", "posterior.svg"} {
		a, _ := os.ReadFile(filepath.Join(want, name))
		b, _ := os.ReadFile(filepath.Join(got, name))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s differs between 3 shards and one machine", name)
		}
	}
	_, stderr, err := runCLI(t, "calibrate", file, "--shard", "1/3", "--out", shards)
	if err != nil || !strings.Contains(stderr, "has finished") {
		t.Errorf("a shard after the end: %v\n%s", err, stderr)
	}
	if _, _, err := runCLI(t, "calibrate", file, "--merge-shards", shards, "--out", shards); err == nil || !strings.Contains(err.Error(), "would replace the shards' directory") {
		t.Errorf("--out over the shards: %v", err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--shard", "4/3"}, "--shard: shard \"4/3\": K must be from 1 to 3 (shards count from 1), got 4"},
		{[]string{"--shard", "x"}, "--shard: shard \"x\": write K/N"},
		{[]string{"--shard", "1/2", "--merge-shards", shards}, "--shard runs one shard and --merge-shards merges them: give one of them"},
		{[]string{"--shard", "1/2", "--method", "msm"}, "--shard and --merge-shards apply to abc-smc"},
		{[]string{"--merge-shards", shards, "--resume"}, "--resume is for one machine: shards always go on from their files and checkpoint"},
	} {
		_, stderr, err := runCLI(t, append([]string{"calibrate", file}, c.args...)...)
		if !errors.Is(err, errUsage) || !strings.Contains(stderr, c.want) {
			t.Errorf("%v: err %v, stderr %q, want usage error %q", c.args, err, stderr, c.want)
		}
	}
}

// deploy/slurm/calibrate.sbatch, run by bash as the tasks of a 2-task
// Slurm array would run it, round after round with a merge in between,
// writes what one machine writes; without --shard a task takes its shard
// from Slurm's variables, --shard none ignores them and --shard auto
// without them is refused.
func TestCalibrateSbatch(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	script, err := filepath.Abs("../../deploy/slurm/calibrate.sbatch")
	if err != nil {
		t.Fatal(err)
	}
	file := writeFile(t, "slurm.toml", tinyCalibration)
	root := t.TempDir()
	// GRASSROOTS: this test binary, as the helper process.
	wrapper := filepath.Join(root, "grassroots")
	if err := os.WriteFile(wrapper, []byte("#!/bin/sh\nexec '"+os.Args[0]+"' -test.run='^TestHelperProcess$' -- \"$@\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, v := range schedulerVars {
		t.Setenv(v, "") // this process's runs, as if outside any scheduler
	}
	want := filepath.Join(root, "whole")
	if _, stderr, err := runCLI(t, "calibrate", file, "--out", want, "--quiet"); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	shards, got := filepath.Join(root, "shards"), filepath.Join(root, "merged")
	for round := 0; ; round++ {
		if round == 10 {
			t.Fatal("the sharded calibration did not end")
		}
		for k := 1; k <= 2; k++ {
			cmd, stderr := helper(t, []string{"GRASSROOTS=" + wrapper, "SLURM_CPUS_PER_TASK=1",
				fmt.Sprintf("SLURM_ARRAY_TASK_ID=%d", k), "SLURM_ARRAY_TASK_MIN=1", "SLURM_ARRAY_TASK_COUNT=2"})
			cmd.Path, cmd.Args = bash, []string{"bash", script, file, shards}
			if err := cmd.Run(); err != nil {
				t.Fatalf("task %d: %v\n%s", k, err, stderr)
			}
			if want := fmt.Sprintf("shard %d/2 (from SLURM_ARRAY_TASK_ID=%d, SLURM_ARRAY_TASK_MIN=1, SLURM_ARRAY_TASK_COUNT=2)", k, k); round == 0 && !strings.Contains(stderr.String(), want) {
				t.Errorf("task %d says %q, want it to name %q", k, stderr, want)
			}
		}
		_, stderr, err := runCLI(t, "calibrate", file, "--merge-shards", shards, "--out", got)
		if err != nil && !strings.Contains(err.Error(), "run every shard again") {
			t.Fatalf("merge: %v\n%s", err, stderr)
		}
		if _, err := os.Stat(got); err == nil {
			break
		}
	}
	for _, name := range []string{"posterior.csv", "generations.csv", "fit.csv", "calibrated.toml"} {
		a, _ := os.ReadFile(filepath.Join(want, name))
		b, _ := os.ReadFile(filepath.Join(got, name))
		if len(a) == 0 || !bytes.Equal(a, b) {
			t.Errorf("%s differs between the Slurm array and one machine", name)
		}
	}

	// In this process: the variables of task 2 of 2.
	t.Setenv("SLURM_ARRAY_TASK_ID", "2")
	t.Setenv("SLURM_ARRAY_TASK_MIN", "1")
	t.Setenv("SLURM_ARRAY_TASK_COUNT", "2")
	other := filepath.Join(root, "other")
	if _, stderr, err := runCLI(t, "calibrate", file, "--out", other, "--quiet"); err != nil {
		t.Fatalf("without --shard under Slurm: %v\n%s", err, stderr)
	}
	if _, err := os.Stat(filepath.Join(other, "shard-2-of-2", "gen-0.csv")); err != nil {
		t.Errorf("without --shard under Slurm, no shard 2/2: %v", err)
	}
	none := filepath.Join(root, "none")
	if _, stderr, err := runCLI(t, "calibrate", file, "--shard", "none", "--out", none, "--quiet"); err != nil {
		t.Fatalf("--shard none: %v\n%s", err, stderr)
	}
	a, _ := os.ReadFile(filepath.Join(want, "posterior.csv"))
	if b, _ := os.ReadFile(filepath.Join(none, "posterior.csv")); len(a) == 0 || !bytes.Equal(a, b) {
		t.Error("--shard none under Slurm did not calibrate on one machine")
	}
	t.Setenv("SLURM_ARRAY_TASK_ID", "")
	_, stderr, err := runCLI(t, "calibrate", file, "--shard", "auto", "--out", other)
	if wantErr := "--shard: auto: no Slurm job array (SLURM_ARRAY_TASK_ID) or Kubernetes Indexed Job (JOB_COMPLETION_INDEX) names the shard; give K/N"; !errors.Is(err, errUsage) || !strings.Contains(stderr, wantErr) {
		t.Errorf("--shard auto outside a scheduler: %v, %q; want usage error %q", err, stderr, wantErr)
	}
}
