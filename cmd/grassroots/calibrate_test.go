package main

import (
	"bytes"
	"context"
	"errors"
	"os"
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
